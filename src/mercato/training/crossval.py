"""Cross-validation grouped by record, and scoring a model on records it was not fitted to."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from mercato.evaluation.gold import GoldRecord, links_from_claims
from mercato.evaluation.names import ClubTable
from mercato.evaluation.predictions import Prediction
from mercato.evaluation.scoring import Evaluation, score
from mercato.extract.consolidate import consolidate
from mercato.extract.decision_model import DecisionModel
from mercato.extract.learned import decide
from mercato.training.examples import Prepared, examples, transfer_claims
from mercato.training.fit import fit_model


def fold_of(record_id: str, k: int) -> int:
    """The fold of a record: by a hash of its id, so folds never depend on order or chance."""
    digest = hashlib.sha256(record_id.encode("utf-8")).digest()
    return int.from_bytes(digest[4:8], "big") % k


def predict(item: Prepared, model: DecisionModel) -> GoldRecord:
    """The model's links for one prepared record, in SPEC form."""
    claims = consolidate([*decide(item.context, item.candidates, model), *item.other_claims])
    links = links_from_claims(transfer_claims(claims))
    return Prediction(item.record.id, tuple(links)).to_record()


def evaluate_model(prepared: Sequence[Prepared], model: DecisionModel, clubs: ClubTable, notes: Sequence[str] = ()) -> Evaluation:
    """Score a fitted model on prepared records."""
    return score([p.record for p in prepared], [predict(p, model) for p in prepared], clubs, list(notes))


def cross_validate(
    prepared: Sequence[Prepared],
    clubs: ClubTable,
    k: int,
    *,
    fit: Callable[[Sequence[Prepared]], DecisionModel] | None = None,
    on_fold: Callable[[int], None] | None = None,
) -> Evaluation:
    """K-fold cross-validation grouped by record: every record predicted by a model that never saw it."""
    fit = fit or (lambda train: fit_model(examples(train, clubs)))
    predicted: dict[str, GoldRecord] = {}
    for fold in range(k):
        train = [p for p in prepared if fold_of(p.record.id, k) != fold]
        test = [p for p in prepared if fold_of(p.record.id, k) == fold]
        if not test:
            continue
        model = fit(train)
        for item in test:
            predicted[item.record.id] = predict(item, model)
        if on_fold is not None:
            on_fold(fold)
    records = [p.record for p in prepared]
    notes = [f"{k}-fold cross-validation grouped by record over {len(records)} records"]
    return score(records, [predicted[r.id] for r in records], clubs, notes)

"""The SPEC scorer: match predicted links to gold links and count (SPEC "Scoring", rules 4 and 5).

Per-status precision, recall and F1 count a match for status S only when both the gold and
the predicted link say S: precision over predictions saying S, recall over gold links saying S.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from mercato.evaluation.gold import GoldLink, GoldRecord, Money, family_of, group_of
from mercato.evaluation.names import ClubTable, is_exact_person, persons_match, sources_match

FEE_TOLERANCE = 0.05
FIELDS: tuple[str, ...] = ("from", "status", "loan", "fee", "source")
STATUS_NAMES: tuple[str, ...] = ("rumour", "done", "off")
PER_STATUS_RULE = (
    "per-status counts: a match counts for status S only when gold and prediction both say S"
)


def fee_matches(predicted: Sequence[Money], gold: Sequence[Money]) -> bool:
    """Same currency and amount within 5% of one gold option; null only when gold is null."""
    if not predicted:
        return not gold
    guess = predicted[0]
    return any(
        guess.currency == option.currency
        and abs(guess.amount - option.amount) <= FEE_TOLERANCE * option.amount
        for option in gold
    )


def links_match(
    predicted: GoldLink, gold: GoldLink, clubs: ClubTable, gold_persons: Iterable[str]
) -> bool:
    """Persons match and `to` matches; a null `to` matches only null and then `from` must too."""
    if not persons_match(predicted.person, gold.person, gold_persons):
        return False
    if not clubs.match(predicted.to_club, gold.to_club):
        return False
    if gold.to_club is None:
        return clubs.match(predicted.from_club, gold.from_club)
    return True


def field_verdicts(predicted: GoldLink, gold: GoldLink, clubs: ClubTable) -> dict[str, bool]:
    """Whether each scored field of a matched link is right."""
    return {
        "from": clubs.match(predicted.from_club, gold.from_club),
        "status": predicted.status == gold.status,
        "loan": predicted.loan == gold.loan,
        "fee": fee_matches(predicted.fees, gold.fees),
        "source": sources_match(predicted.sources[0] if predicted.sources else None, gold.sources),
    }


@dataclass(frozen=True)
class Pair:
    """A predicted link matched to a gold link, with its field verdicts."""

    gold: GoldLink
    predicted: GoldLink
    verdicts: Mapping[str, bool]


@dataclass(frozen=True)
class RecordResult:
    """The outcome of scoring one article."""

    record_id: str
    pairs: tuple[Pair, ...]
    misses: tuple[GoldLink, ...]  # gold links no prediction matched
    extras: tuple[GoldLink, ...]  # predictions that matched no gold link

    @property
    def family(self) -> str:
        """The dataset family of the article."""
        return family_of(self.record_id)


def match_record(
    gold: Sequence[GoldLink], predicted: Sequence[GoldLink], clubs: ClubTable, record_id: str = ""
) -> RecordResult:
    """Match one article's predictions to its gold links, each used at most once.

    Greedy over all matching pairs, best first: an exact person name before a surname match,
    then the most fields right, then text order, so the outcome never depends on chance.
    """
    persons = [g.person for g in gold]
    candidates: list[tuple[tuple[int, ...], int, int, dict[str, bool]]] = []
    for p_index, p in enumerate(predicted):
        for g_index, g in enumerate(gold):
            if links_match(p, g, clubs, persons):
                verdicts = field_verdicts(p, g, clubs)
                quality = (
                    -int(is_exact_person(p.person, g.person)),
                    -sum(verdicts.values()),
                    g_index,
                    p_index,
                )
                candidates.append((quality, p_index, g_index, verdicts))
    candidates.sort(key=lambda c: c[0])
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[tuple[int, Pair]] = []
    for _, p_index, g_index, verdicts in candidates:
        if p_index in used_pred or g_index in used_gold:
            continue
        used_pred.add(p_index)
        used_gold.add(g_index)
        pairs.append((g_index, Pair(gold[g_index], predicted[p_index], verdicts)))
    pairs.sort(key=lambda item: item[0])
    return RecordResult(
        record_id=record_id,
        pairs=tuple(pair for _, pair in pairs),
        misses=tuple(g for i, g in enumerate(gold) if i not in used_gold),
        extras=tuple(p for i, p in enumerate(predicted) if i not in used_pred),
    )


@dataclass(frozen=True)
class Counts:
    """Matched, predicted and gold link counts, with precision, recall and F1."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """Matched over predicted (0 when nothing was predicted)."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched over gold (0 when there is no gold)."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.predicted + self.gold
        return 2 * self.matched / total if total else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold
        )

    def as_dict(self) -> dict[str, float | int]:
        """Counts and rates, rounded for reading."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class Accuracy:
    """How often one field was right on matched links."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """Right over total (0 when nothing was matched)."""
        return self.right / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Rate and counts."""
        return {"accuracy": round(self.value, 4), "right": self.right, "total": self.total}


@dataclass(frozen=True)
class Metrics:
    """SPEC metrics over a set of scored articles."""

    records: int
    overall: Counts
    by_status: Mapping[str, Counts]
    fields: Mapping[str, Accuracy]

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON."""
        return {
            "records": self.records,
            **self.overall.as_dict(),
            "by_status": {s: c.as_dict() for s, c in self.by_status.items()},
            "fields": {f: a.as_dict() for f, a in self.fields.items()},
        }


def summarise(results: Iterable[RecordResult]) -> Metrics:
    """Add up scored articles into SPEC metrics."""
    records = 0
    overall = Counts()
    status = {s: Counts() for s in STATUS_NAMES}
    right = {f: 0 for f in FIELDS}
    for result in results:
        records += 1
        predicted = [pair.predicted for pair in result.pairs] + list(result.extras)
        gold = [pair.gold for pair in result.pairs] + list(result.misses)
        overall += Counts(len(result.pairs), len(predicted), len(gold))
        for s in STATUS_NAMES:
            status[s] += Counts(
                sum(1 for p in result.pairs if p.gold.status == s and p.predicted.status == s),
                sum(1 for link in predicted if link.status == s),
                sum(1 for link in gold if link.status == s),
            )
        for pair in result.pairs:
            for f in FIELDS:
                right[f] += pair.verdicts[f]
    fields = {f: Accuracy(right[f], overall.matched) for f in FIELDS}
    return Metrics(records, overall, status, fields)


@dataclass(frozen=True)
class Evaluation:
    """A scored gold file: per-article results and the metrics, overall and by family."""

    results: tuple[RecordResult, ...]
    metrics: Metrics
    by_family: Mapping[str, Metrics] = field(default_factory=dict)
    by_group: Mapping[str, Metrics] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def score(
    gold: Sequence[GoldRecord],
    predictions: Sequence[GoldRecord],
    clubs: ClubTable,
    notes: Sequence[str] = (),
) -> Evaluation:
    """Score prediction records against gold records (joined on `id`)."""
    by_id = {p.id: p for p in predictions}
    notes = [PER_STATUS_RULE, *notes]
    unknown = sorted(set(by_id) - {g.id for g in gold})
    if unknown:
        notes.append(f"{len(unknown)} prediction record(s) have no gold record and were ignored")
    results = tuple(
        match_record(
            record.links,
            by_id[record.id].links if record.id in by_id else (),
            clubs,
            record.id,
        )
        for record in gold
    )
    families: dict[str, list[RecordResult]] = {}
    groups: dict[str, list[RecordResult]] = {}
    for result in results:
        families.setdefault(result.family, []).append(result)
        groups.setdefault(group_of(result.family), []).append(result)
    return Evaluation(
        results=results,
        metrics=summarise(results),
        by_family={name: summarise(items) for name, items in sorted(families.items())},
        by_group={name: summarise(items) for name, items in sorted(groups.items())},
        notes=tuple(notes),
    )

"""The learned decision layer: its model file, the version every claim carries, and what it reads.

Quality is judged by cross-validation (`tests/test_eval_gate.py`); the sentences here are only
clear-cut cases any usable model must get right.
"""

from __future__ import annotations

import math
from datetime import date

import pytest

from mercato.domain import Article, Status
from mercato.extract.decision_model import (
    DecisionModel,
    Head,
    ModelError,
    extraction_version,
    load_model,
    serialise,
)
from mercato.extract.pipeline import extract_article


def _model() -> DecisionModel:
    heads = {
        "pair": Head(("from", "none", "to"), (0.0, 1.0, -1.0), {"near:cue:done": (0.0, -1.0, 2.0)}),
        "exit": Head(("no", "yes"), (0.0, -1.0), {"x+1:leave": (0.0, 3.0)}),
        "status": Head(("done", "off", "rumour"), (0.0, 0.0, 0.5), {}),
        "loan": Head(("no", "yes"), (0.0, -2.0), {}),
    }
    return DecisionModel.from_bytes(serialise(heads, {"to": 0.4}))


def test_heads_are_logistic_regressions() -> None:
    model = _model()
    pair = model.heads["pair"].probabilities(["near:cue:done", "unknown feature"])
    exps = [math.exp(0.0), math.exp(0.0), math.exp(1.0)]
    assert pair["to"] == pytest.approx(exps[2] / sum(exps))
    assert sum(pair.values()) == pytest.approx(1.0)
    assert model.p("exit", ["x+1:leave"], "yes") == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert model.best("status", []) == "rumour"


def test_a_model_survives_its_file_byte_for_byte() -> None:
    model = _model()
    again = DecisionModel.from_bytes(model.to_bytes())
    assert again.to_bytes() == model.to_bytes() and again.digest == model.digest


def test_a_broken_model_file_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="m.json: not a Mercato decision model"):
        DecisionModel.from_bytes(b"{not json", "m.json")
    with pytest.raises(ModelError, match="no 'loan' head"):
        DecisionModel.from_bytes(serialise({k: v for k, v in _model().heads.items() if k != "loan"}, {}))


def test_every_claim_names_the_extraction_version() -> None:
    text = "Arsenal are keen to sign Lyon midfielder Theo Marchand this summer. (Mail)"
    (claim,) = extract_article(Article.from_text(text, published=date(2024, 3, 1))).transfers
    assert claim.provenance.extractor == f"transfer.learned.v1@{extraction_version(load_model().digest)}"


def test_the_version_changes_with_the_weights() -> None:
    assert extraction_version("a" * 64) != extraction_version("b" * 64)
    assert extraction_version(load_model().digest) == extraction_version(load_model().digest)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Arsenal are keen to sign Lyon midfielder Theo Marchand this summer. (Mail)", "gossip_item",
         ("Theo Marchand", "Lyon", "Arsenal", Status.RUMOUR, "Mail")),
        ("Here we go! Rui Catarino joins Chelsea from Porto, deal done for €30m.", "tweet",
         ("Rui Catarino", "Porto", "Chelsea", Status.DONE, None)),
    ],
)
def test_clear_cases(text: str, kind: str, expected: tuple) -> None:
    article = Article.from_text(text, published=date(2024, 3, 1), kind=kind)
    claims = extract_article(article).transfers
    found = {(c.person, c.from_club, c.to_club, c.status, c.attribution.original if c.attribution else None) for c in claims}
    assert expected in found

"""The SPEC scorer on small hand-written gold and prediction records (scoring rules 4 and 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mercato.evaluation.gold import GoldLink, GoldRecord, Money
from mercato.evaluation.names import ClubTable
from mercato.evaluation.scoring import Counts, fee_matches, match_record, score

M = 1_000_000


@pytest.fixture
def clubs(tmp_path: Path) -> ClubTable:
    path = tmp_path / "clubs.json"
    path.write_text(
        json.dumps({"Riverside Rovers": ["Rovers", "Riverside"], "Northgate City": ["City"]}),
        encoding="utf-8",
    )
    return ClubTable.load(path)


def link(
    person: str,
    to: str | None,
    frm: str | None = None,
    status: str = "rumour",
    *,
    loan: bool = False,
    fees: tuple[Money, ...] = (),
    sources: tuple[str, ...] = (),
) -> GoldLink:
    return GoldLink(person, to, frm, status, loan=loan, fees=fees, sources=sources)


def record(record_id: str, *links: GoldLink) -> GoldRecord:
    return GoldRecord(id=record_id, text="(text)", links=links)


# --- rule 4: when a predicted link matches a gold link ---


def test_person_and_destination_make_a_match(clubs: ClubTable) -> None:
    gold = [link("Tomas Brandt", "Riverside Rovers", "Eastport")]
    result = match_record(gold, [link("Brandt", "Rovers", "Westfield")], clubs)
    assert len(result.pairs) == 1
    # `from` is not needed for a match when `to` is named; it is scored as a field
    assert result.pairs[0].verdicts["from"] is False


def test_wrong_destination_is_a_miss_and_an_extra(clubs: ClubTable) -> None:
    gold = [link("Tomas Brandt", "Riverside Rovers")]
    result = match_record(gold, [link("Tomas Brandt", "Northgate City")], clubs)
    assert not result.pairs
    assert len(result.misses) == 1 and len(result.extras) == 1


def test_surname_clash_prevents_a_match(clubs: ClubTable) -> None:
    gold = [link("Tomas Brandt", "Rovers"), link("Erik Brandt", "City")]
    result = match_record(gold, [link("Brandt", "Rovers")], clubs)
    assert not result.pairs


def test_surname_without_clash_matches(clubs: ClubTable) -> None:
    gold = [link("Tomas Brandt", "Rovers"), link("Erik Hallam", "City")]
    result = match_record(gold, [link("Brandt", "Rovers")], clubs)
    assert len(result.pairs) == 1


def test_null_destination_needs_the_origin(clubs: ClubTable) -> None:
    gold = [link("Tomas Brandt", None, "Riverside Rovers", "done")]
    assert len(match_record(gold, [link("Brandt", None, "Rovers", "done")], clubs).pairs) == 1
    assert not match_record(gold, [link("Brandt", None, "City", "done")], clubs).pairs
    assert not match_record(gold, [link("Brandt", None, None, "done")], clubs).pairs
    # a named destination never matches a null one
    assert not match_record(gold, [link("Brandt", "City", "Rovers", "done")], clubs).pairs


def test_null_destination_and_null_origin_match(clubs: ClubTable) -> None:
    gold = [link("Tomas Brandt", None, None, "done")]
    assert len(match_record(gold, [link("Tomas Brandt", None, None)], clubs).pairs) == 1


def test_each_gold_link_is_matched_once(clubs: ClubTable) -> None:
    gold = [link("Tomas Brandt", "Rovers")]
    predicted = [link("Tomas Brandt", "Rovers"), link("Brandt", "Riverside")]
    result = match_record(gold, predicted, clubs)
    assert len(result.pairs) == 1
    assert len(result.extras) == 1


def test_the_best_candidate_wins_the_gold_link(clubs: ClubTable) -> None:
    gold = [link("Tomas Brandt", "Rovers", status="done")]
    # The weaker candidate comes first in text order; the exact name still wins.
    predicted = [
        link("Brandt", "Rovers", status="rumour"),
        link("Tomas Brandt", "Rovers", "x", "done"),
    ]
    result = match_record(gold, predicted, clubs)
    assert result.pairs[0].predicted.person == "Tomas Brandt"
    assert result.extras[0].person == "Brandt"


def test_more_fields_right_wins_among_equal_names(clubs: ClubTable) -> None:
    gold = [link("Tomas Brandt", "Rovers", "City", "done", loan=True)]
    predicted = [
        link("Tomas Brandt", "Rovers"),
        link("Tomas Brandt", "Rovers", "City", "done", loan=True),
    ]
    result = match_record(gold, predicted, clubs)
    assert all(result.pairs[0].verdicts.values())


def test_matching_is_deterministic_across_gold_links(clubs: ClubTable) -> None:
    # Two gold links for one person; one prediction could match either suitor only by `to`.
    gold = [link("Tomas Brandt", "Rovers"), link("Tomas Brandt", "City")]
    predicted = [link("Tomas Brandt", "City"), link("Tomas Brandt", "Rovers")]
    result = match_record(gold, predicted, clubs)
    assert len(result.pairs) == 2 and not result.misses and not result.extras


# --- rule 5: fields on matched links ---

FEES = [
    # (predicted, gold options, right?)
    ((Money(27 * M, "GBP"),), (Money(27 * M, "GBP"),), True),
    ((Money(28.3 * M, "GBP"),), (Money(27 * M, "GBP"),), True),  # within 5%
    ((Money(25.7 * M, "GBP"),), (Money(27 * M, "GBP"),), True),
    ((Money(28.5 * M, "GBP"),), (Money(27 * M, "GBP"),), False),  # 5.6% over
    ((Money(25.5 * M, "GBP"),), (Money(27 * M, "GBP"),), False),
    ((Money(27 * M, "EUR"),), (Money(27 * M, "GBP"),), False),  # currency must agree
    # a gold list: any entry is right
    ((Money(20 * M, "GBP"),), (Money(23 * M, "EUR"), Money(20 * M, "GBP")), True),
    ((Money(23 * M, "EUR"),), (Money(23 * M, "EUR"), Money(20 * M, "GBP")), True),
    ((Money(20 * M, "EUR"),), (Money(23 * M, "EUR"), Money(20 * M, "GBP")), False),
    # null is right only when gold is null
    ((), (), True),
    ((), (Money(5 * M, "GBP"),), False),
    ((Money(5 * M, "GBP"),), (), False),
]


@pytest.mark.parametrize(("predicted", "gold", "expected"), FEES)
def test_fee_matches(predicted: tuple[Money, ...], gold: tuple[Money, ...], expected: bool) -> None:
    assert fee_matches(predicted, gold) is expected


def test_field_verdicts_on_a_matched_link(clubs: ClubTable) -> None:
    gold = link(
        "Tomas Brandt",
        "Rovers",
        "Northgate City",
        "done",
        loan=True,
        fees=(Money(10 * M, "EUR"), Money(8.6 * M, "GBP")),
        sources=("Post", "Morning Post"),
    )
    predicted = link(
        "Brandt",
        "Riverside",
        "City FC",
        "rumour",
        loan=False,
        fees=(Money(8.5 * M, "GBP"),),
        sources=("the morning post",),
    )
    verdicts = match_record([gold], [predicted], clubs).pairs[0].verdicts
    assert verdicts == {"from": True, "status": False, "loan": False, "fee": True, "source": False}


def test_source_from_a_gold_list(clubs: ClubTable) -> None:
    gold = link("Tomas Brandt", "Rovers", sources=("Post", "Morning Post"))
    for guess, right in (("Morning Post", True), ("POST", True), ("Evening Post", False)):
        predicted = link("Tomas Brandt", "Rovers", sources=(guess,))
        assert match_record([gold], [predicted], clubs).pairs[0].verdicts["source"] is right


# --- the report over several records ---


def test_counts_and_rates() -> None:
    counts = Counts(matched=3, predicted=4, gold=6)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.5)
    assert counts.f1 == pytest.approx(0.6)
    assert Counts().f1 == 0.0


def test_score_overall_per_status_and_fields(clubs: ClubTable) -> None:
    gold = [
        record(
            "alpha:1",
            link("Tomas Brandt", "Rovers", status="rumour"),
            link("Erik Hallam", "City", status="done"),
            link("Jon Ferris", None, "City", "done"),
        ),
        record("alpha:2", link("Ivo Marsh", "Rovers", status="off")),
    ]
    predictions = [
        record(
            "alpha:1",
            link("Brandt", "Rovers", status="rumour"),
            link("Erik Hallam", "City", status="rumour"),
            link("Nobody Known", "Rovers"),
        ),
        record("alpha:2"),
    ]
    evaluation = score(gold, predictions, clubs)
    m = evaluation.metrics
    assert (m.overall.matched, m.overall.predicted, m.overall.gold) == (2, 3, 4)
    # a match counts for a status only when both sides say it
    assert (m.by_status["rumour"].matched, m.by_status["rumour"].predicted) == (1, 3)
    assert (m.by_status["done"].matched, m.by_status["done"].gold) == (0, 2)
    assert m.by_status["off"].recall == 0.0
    assert m.fields["status"].right == 1 and m.fields["status"].total == 2
    assert [g.person for r in evaluation.results for g in r.misses] == ["Jon Ferris", "Ivo Marsh"]
    assert [p.person for r in evaluation.results for p in r.extras] == ["Nobody Known"]


def test_missing_prediction_record_counts_every_gold_link_as_missed(clubs: ClubTable) -> None:
    gold = [record("alpha:1", link("Tomas Brandt", "Rovers"))]
    evaluation = score(gold, [], clubs)
    assert evaluation.metrics.overall.gold == 1 and evaluation.metrics.overall.recall == 0.0


def test_prediction_record_without_gold_is_noted_not_scored(clubs: ClubTable) -> None:
    gold = [record("alpha:1", link("Tomas Brandt", "Rovers"))]
    predictions = [
        record("alpha:1", link("Tomas Brandt", "Rovers")),
        record("zeta:9", link("A B", "C")),
    ]
    evaluation = score(gold, predictions, clubs)
    assert evaluation.metrics.overall.precision == 1.0
    assert any("no gold record" in note for note in evaluation.notes)


def test_breakdown_by_family_and_group(clubs: ClubTable) -> None:
    gold = [
        record("paper_articles:1", link("Tomas Brandt", "Rovers")),
        record("paper_articles:2", link("Erik Hallam", "City")),
        record("daily_gossip_2024:7", link("Ivo Marsh", "Rovers")),
        record("reporter_tweets:3", link("Jon Ferris", "City")),
        record("seed-0002", link("Ada Quist", "Rovers")),
    ]
    predictions = [
        record("paper_articles:1", link("Tomas Brandt", "Rovers")),
        record("daily_gossip_2024:7", link("Ivo Marsh", "City")),
    ]
    evaluation = score(gold, predictions, clubs)
    assert set(evaluation.by_family) == {
        "paper_articles",
        "daily_gossip_2024",
        "reporter_tweets",
        "seed",
    }
    assert evaluation.by_family["paper_articles"].overall.recall == 0.5
    assert set(evaluation.by_group) == {"full articles", "gossip", "tweets"}
    full = evaluation.by_group["full articles"]
    assert (full.records, full.overall.gold, full.overall.matched) == (3, 3, 1)
    assert evaluation.by_group["gossip"].overall.precision == 0.0

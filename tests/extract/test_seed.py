"""The seed article (../shared/seed/) yields every claim it makes, each checked here.

A rumoured move with its source, a pundit's call to sell, three expected exits, two past
transfers with fees, two loans, a contract offer, ages, caps, appearances, goals and assists, a
match result and a quote. The text is read from ../shared at test time, never copied here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mercato.domain import (
    Article,
    ContractClaim,
    Extraction,
    FactClaim,
    MatchClaim,
    Quote,
    Status,
    TransferClaim,
)
from mercato.extract.pipeline import extract_article
from mercato.ingest.readers import read_path


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> Extraction:
    files = sorted((shared_dir / "seed").glob("*.txt"))
    if not files:
        pytest.skip(f"no seed article in {shared_dir / 'seed'}")
    (article,) = [a for a in read_path(files[0]) if isinstance(a, Article)]
    assert article.published == date(2023, 2, 24)
    return extract_article(article)


def _move(seed: Extraction, person: str, from_club: str | None, to_club: str | None) -> TransferClaim:
    for claim in seed.transfers:
        if person.casefold() in claim.person.casefold() and (claim.from_club, claim.to_club) == (from_club, to_club):
            return claim
    raise AssertionError(f"no move {person}: {from_club} -> {to_club} in {seed.transfers}")


def _facts(seed: Extraction, person: str) -> dict[str, str]:
    return {
        c.fact: c.value
        for c in seed.claims
        if isinstance(c, FactClaim) and person.casefold() in c.person.casefold()
    }


def test_rumoured_move_with_its_source(seed: Extraction) -> None:
    move = _move(seed, "Bastoni", "Inter Milan", "Liverpool")
    assert move.status is Status.RUMOUR
    assert move.attribution is not None and move.attribution.original == "Fichajes"
    assert move.window is not None and (move.window.year, move.window.part) == (2023, "summer")


def test_pundits_call_to_sell(seed: Extraction) -> None:
    move = _move(seed, "Van Dijk", "Liverpool", None)
    assert move.status is Status.RUMOUR
    assert move.attribution is not None
    assert {move.attribution.journalist, move.attribution.outlet} & {"Tony Cascarino", "The Times"}


@pytest.mark.parametrize("person", ["Joel Matip", "Joseph Gomez", "Nathaniel Phillips"])
def test_three_expected_exits(seed: Extraction, person: str) -> None:
    assert _move(seed, person, "Liverpool", None).status is Status.RUMOUR


@pytest.mark.parametrize(
    ("person", "from_club", "to_club", "amount"),
    [("Bastoni", "Atalanta", "Inter Milan", 27_000_000), ("Van Dijk", "Southampton", "Liverpool", 75_000_000)],
)
def test_two_past_transfers_with_fees(seed: Extraction, person: str, from_club: str, to_club: str, amount: int) -> None:
    move = _move(seed, person, from_club, to_club)
    assert move.status is Status.DONE
    assert move.fee is not None and (move.fee.amount, move.fee.currency) == (amount, "GBP")


@pytest.mark.parametrize("to_club", ["Atalanta", "Parma"])
def test_two_loans(seed: Extraction, to_club: str) -> None:
    move = _move(seed, "Bastoni", "Inter Milan", to_club)
    assert move.is_loan and move.status is Status.DONE


def test_contract_offer(seed: Extraction) -> None:
    offers = [c for c in seed.claims if isinstance(c, ContractClaim)]
    assert any("Bastoni" in c.person and c.club == "Inter Milan" and c.action == "offer" for c in offers)


def test_ages_caps_appearances_goals_assists(seed: Extraction) -> None:
    bastoni = _facts(seed, "Bastoni")
    assert bastoni["age"] == "23"
    assert bastoni["caps"] == "17" and bastoni["national_team"] == "Italy"
    assert (bastoni["goals"], bastoni["assists"], bastoni["appearances"]) == ("3", "13", "144")
    van_dijk = _facts(seed, "Van Dijk")
    assert van_dijk["age"] == "31" and van_dijk["appearances"] == "207"


def test_match_result(seed: Extraction) -> None:
    matches = [c for c in seed.claims if isinstance(c, MatchClaim)]
    assert any(
        {m.home, m.away} == {"Liverpool", "Real Madrid"}
        and {m.home: m.home_score, m.away: m.away_score}.get("Real Madrid") == 5
        and m.round == "last-16"
        for m in matches
    )


def test_quote(seed: Extraction) -> None:
    quotes = [c for c in seed.claims if isinstance(c, Quote)]
    assert any(q.speaker == "Tony Cascarino" and "Van Dijk" in q.text for q in quotes)


def test_every_claim_keeps_its_provenance(seed: Extraction) -> None:
    text = seed.article.text
    for claim in seed.claims:
        span = claim.provenance.span
        assert text[span.start : span.end] == span.text
        assert claim.provenance.article_id == seed.article.id
        assert claim.provenance.published == date(2023, 2, 24)

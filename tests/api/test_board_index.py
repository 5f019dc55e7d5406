"""The rumour board's index (`mercato.store.board_tables`): same claims as the store, faster."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mercato.api.board import StoryFilters, _full_stories, board_page
from mercato.api.scoring import scoring
from mercato.domain import (
    STAGE_STATUS,
    Article,
    Attribution,
    Extraction,
    Fee,
    Provenance,
    Span,
    Stage,
    Status,
    TransferClaim,
    Window,
)
from mercato.store import Store
from mercato.store.board_tables import board_claims, club_key, person_key, sync_board_keys


def test_fast_decoding_gives_the_same_claims_as_the_store(sample_db: Path) -> None:
    with Store.open(f"sqlite:///{sample_db}") as store:
        expected = {c.id: c.claim for c in store.transfer_claims()}
        found = {c.id: c.claim for c in board_claims(store)}
    assert expected and found == expected


def _claim(text: str, person: str, to_club: str, day: date, **extra: object) -> Extraction:
    article = Article.from_text(text, published=day, outlet="Test Gazette")
    stage = extra.pop("stage", Stage.TALKS)
    claim = TransferClaim(
        person=person,
        to_club=to_club,
        from_club="Fulham",
        status=STAGE_STATUS[stage],  # type: ignore[index]
        stage=stage,  # type: ignore[arg-type]
        provenance=Provenance(
            article.id, Span(0, len(text), text), "Test Gazette", day, "transfer.test.v1"
        ),
        **extra,  # type: ignore[arg-type]
    )
    return Extraction(article, (), (claim,))


def test_keys_join_press_spellings_and_follow_new_claims(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'board.db'}") as store:
        store.add_extractions(
            [
                _claim(
                    "Man Utd are in talks over Jörg Ødegård.", "Jörg Ødegård", "Man Utd", date(2024, 6, 1),
                    fee=Fee(30e6, "GBP", add_ons=5e6), window=Window(2024, "summer"),
                    attribution=Attribution(outlet="Test Gazette", chain=("Radio X", "Test Gazette")),
                ),
                _claim("Manchester United have bid for Jorg Odegard.", "Jorg Odegard", "Manchester United", date(2024, 6, 9), stage=Stage.BID),
            ]
        )  # fmt: skip
        assert sync_board_keys(store) == 2
        assert sync_board_keys(store) == 0
        found = board_claims(store, person_keys=[person_key("JORG ODEGARD")])
        assert [c.claim.provenance.published for c in found] == [date(2024, 6, 1), date(2024, 6, 9)]
        assert found == board_claims(store, club_keys=[club_key("Manchester United FC")])
        assert board_claims(store, club_keys=[club_key("Fulham")]) == found  # the club they leave
        assert [c.id for c in board_claims(store, as_of=date(2024, 6, 5))] == [found[0].id]
        assert [c.id for c in board_claims(store, latest=1)] == [found[1].id]
        # A claim stored later is keyed on the next read, without a rebuild.
        store.add_extractions([_claim("United agree a fee for Odegard.", "Odegard", "Man United", date(2024, 6, 20), stage=Stage.AGREEMENT)])  # fmt: skip
        assert len(board_claims(store, club_keys=[club_key("man utd")])) == 3


@pytest.mark.parametrize(
    "filters",
    [
        StoryFilters(),
        StoryFilters(status=Status.RUMOUR),
        StoryFilters(status=Status.DONE, sort="probability"),
        StoryFilters(club="Newcastle United"),
        StoryFilters(club="Aston Villa", sort="probability"),
        StoryFilters(person="Mateo Lindqvist"),
        StoryFilters(window="2024 summer", since=date(2024, 7, 1)),
        StoryFilters(until=date(2024, 6, 30), min_probability=0.1),
        StoryFilters(as_of=date(2024, 6, 20)),
    ],
    ids=repr,
)
def test_the_fast_board_agrees_with_decoding_every_claim(
    sample_db: Path, filters: StoryFilters
) -> None:
    with Store.open(f"sqlite:///{sample_db}") as store:
        scored = scoring(store, filters.as_of, wait=True)
        total, fast = board_page(store, filters)
        slow = _full_stories(store, filters, scored)
    assert total == len(fast) == len(slow)
    assert [(s.id, s.stage, s.status, s.probability) for s in fast] == [
        (s.id, s.stage, s.status, s.probability) for s in slow
    ]
    assert fast == slow

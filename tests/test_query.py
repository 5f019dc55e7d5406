"""The rumour board groups stored transfer claims by (person, destination)."""

from __future__ import annotations

from datetime import date

import pytest

from mercato.domain import (
    STAGE_STATUS,
    Article,
    Attribution,
    Extraction,
    Fee,
    Provenance,
    Span,
    Stage,
    TransferClaim,
)
from mercato.query import group_claims, rumour_board
from mercato.store import Store


def report(
    text: str,
    published: date | None,
    *moves: tuple[str, str | None, Stage],
    outlet: str | None = None,
    source: str | None = None,
    fee: Fee | None = None,
    ids: dict[str, str] | None = None,
) -> Extraction:
    """An article whose claims are `moves` of (person, destination, stage)."""
    ids = ids or {}
    article = Article.from_text(text, published=published, outlet=outlet)
    provenance = Provenance(article.id, Span(0, len(text), text), outlet, published, "t.hand.v1")
    claims = tuple(
        TransferClaim(
            person=person,
            to_club=to_club,
            from_club="Riverside",
            status=STAGE_STATUS[stage],
            stage=stage,
            provenance=provenance,
            person_id=ids.get(person),
            to_club_id=ids.get(to_club or ""),
            fee=fee,
            attribution=Attribution(outlet=source) if source else None,
        )
        for person, to_club, stage in moves
    )
    return Extraction(article, (), claims)


@pytest.fixture
def board_store(store: Store) -> Store:
    store.add_extractions(
        [
            report("Northfield watch Tomás Ferreira.", date(2024, 5, 1),
                   ("Tomás Ferreira", "Northfield", Stage.MONITORING), source="Evening Courier"),
            report("Northfield bid £10m for Tomas Ferreira.", date(2024, 5, 20),
                   ("Tomas Ferreira", "Northfield", Stage.BID), outlet="Valley Post",
                   fee=Fee(10e6, "GBP")),
            report("Ferreira signs for Northfield; Rovers also keen on Ilya Marchetti.",
                   date(2024, 6, 2), ("TOMAS FERREIRA", "NORTHFIELD", Stage.SIGNED),
                   ("Ilya Marchetti", "Rovers", Stage.INTEREST), outlet="Harbour Gazette",
                   ids={"NORTHFIELD": "club:northfield"}),
            report("Rovers deny Marchetti talks.", date(2024, 6, 1),
                   ("Ilya Marchetti", "Rovers", Stage.DENIED), outlet="Valley Post"),
            report("Dana Okafor could leave Riverside.", None,
                   ("Dana Okafor", None, Stage.EXIT)),
        ]
    )  # fmt: skip
    return store


def test_groups_fold_spelling_case_and_linked_names(board_store: Store) -> None:
    board = rumour_board(board_store)
    assert [(g.person, g.to_club) for g in board] == [
        # Newest first; a same-day tie goes to the group with more sources.
        ("Tomás Ferreira", "Northfield"),
        ("Ilya Marchetti", "Rovers"),
        ("Dana Okafor", None),
    ]
    ferreira = board[0]
    assert len(ferreira.sightings) == 3
    assert ferreira.to_club_id == "club:northfield"  # one linked claim links the group
    assert (ferreira.first_seen, ferreira.latest_seen) == (date(2024, 5, 1), date(2024, 6, 2))
    assert (ferreira.status, ferreira.stage) == ("done", Stage.SIGNED)
    assert ferreira.sources == ("Evening Courier", "Valley Post", "Harbour Gazette")
    assert ferreira.fee == Fee(10e6, "GBP")
    assert ferreira.from_clubs == ("Riverside",)
    assert [s.published for s in ferreira.sightings] == sorted(
        s.published for s in ferreira.sightings if s.published
    )


def test_latest_report_decides_the_status(board_store: Store) -> None:
    [marchetti] = rumour_board(board_store, player="marchetti")
    # Interest on 2 June comes after the denial on 1 June, so the rumour is alive again.
    assert (marchetti.status, marchetti.stage) == ("rumour", Stage.INTEREST)
    [before] = rumour_board(board_store, player="marchetti", as_of=date(2024, 6, 1))
    assert (before.status, before.stage) == ("off", Stage.DENIED)


def test_filters(board_store: Store) -> None:
    def people(**filters: object) -> list[str]:
        return [g.person for g in rumour_board(board_store, **filters)]  # type: ignore[arg-type]

    assert people(player="FERREIRA") == ["Tomás Ferreira"]
    assert people(club="rovers") == ["Ilya Marchetti"]
    assert people(club="riverside") == ["Tomás Ferreira", "Ilya Marchetti", "Dana Okafor"]
    assert people(status="done") == ["Tomás Ferreira"]
    assert people(status="off") == []
    assert people(source="courier") == ["Tomás Ferreira"]
    # Same latest day: Marchetti has more sources; names are shown as the kept reports spell them.
    assert people(since=date(2024, 6, 1)) == ["Ilya Marchetti", "TOMAS FERREIRA"]
    assert people(as_of=date(2024, 5, 31)) == ["Tomás Ferreira"]
    assert people(limit=1) == ["Tomás Ferreira"]
    [early] = rumour_board(board_store, as_of=date(2024, 5, 31))
    assert (early.status, early.stage, len(early.sightings)) == ("rumour", Stage.BID, 2)


def test_same_day_reports_take_the_furthest_stage() -> None:
    day = date(2024, 7, 1)
    extractions = [
        report("Rovers agree a fee for Sam Reed.", day, ("Sam Reed", "Rovers", Stage.AGREEMENT)),
        report("Rovers are keen on Sam Reed.", day, ("Sam Reed", "Rovers", Stage.INTEREST)),
    ]
    from mercato.store import StoredClaim

    stored = [StoredClaim(i, c) for i, e in enumerate(extractions) for c in e.claims]
    [group] = group_claims(stored)
    assert group.stage == Stage.AGREEMENT


def test_as_dict_is_plain_data(board_store: Store) -> None:
    data = rumour_board(board_store, player="ferreira")[0].as_dict()
    assert data["reports"] == 3
    assert data["first_seen"] == "2024-05-01" and data["stage"] == "signed"
    assert data["fee"] == {
        "amount": 10e6, "currency": "GBP", "kind": "fee", "add_ons": None, "upper": None,
        "is_approximate": False,
    }  # fmt: skip
    assert (
        isinstance(data["sightings"], list) and data["sightings"][0]["source"] == "Evening Courier"
    )

"""The store's derived tables (board keys, stories, copies) on every backend, PostgreSQL too.

Their own behaviour is tested beside their users (tests/api, tests/stories, tests/ingest) on
SQLite; here the same calls run against each database of `store_url`, so that SQL one dialect
accepts and the other refuses (upserts, NULL ordering, JSON) shows up.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from mercato.domain import (
    STAGE_STATUS,
    Article,
    Extraction,
    Provenance,
    Span,
    Stage,
    TransferClaim,
    Window,
)
from mercato.store import Store, board_tables, copy_tables, story_tables
from mercato.stories import stored, upkeep
from mercato.stories.merge import merge_stories


@pytest.fixture
def any_store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


def _transfer(text: str, person: str, to_club: str, day: date | None, stage: Stage) -> Extraction:
    article = Article.from_text(text, published=day, outlet="Harbour Gazette")
    claim = TransferClaim(
        person=person,
        to_club=to_club,
        from_club="Millbrook",
        status=STAGE_STATUS[stage],
        stage=stage,
        provenance=Provenance(
            article.id, Span(0, len(text), text), article.outlet, day, "transfer.test.v1"
        ),
        window=Window(2024, "summer"),
    )
    return Extraction(article, (), (claim,))


NEWS = [
    ("Harbour Town are keen on Tomas Verhoek.", "Tomas Verhoek", "Harbour Town", date(2024, 5, 2), Stage.INTEREST),
    ("Harbour Town bid for Tomas Verhoek.", "Tomas Verhoek", "Harbour Town", date(2024, 5, 20), Stage.BID),
    ("Quayside watch Kofi Lindqvist.", "Kofi Lindqvist", "Quayside", date(2024, 5, 9), Stage.MONITORING),
    ("Quayside talk to Kofi Lindqvist.", "Kofi Lindqvist", "Quayside", None, Stage.TALKS),
    ("Verhoek signs for Harbour Town.", "Tomas Verhoek", "Harbour Town", date(2024, 6, 30), Stage.SIGNED),
]  # fmt: skip


def test_board_keys_find_claims_by_person_and_the_latest(any_store: Store) -> None:
    any_store.add_extractions([_transfer(*row) for row in NEWS])
    verhoek = board_tables.board_claims(any_store, person_keys=[board_tables.person_key("Tomas Verhoek")])
    assert [c.claim.stage for c in verhoek] == [Stage.INTEREST, Stage.BID, Stage.SIGNED]
    latest = board_tables.board_claims(any_store, latest=2)
    # newest two by date (the undated claim sorts last), handed back oldest first
    assert [c.claim.stage for c in latest] == [Stage.BID, Stage.SIGNED]
    clubs = board_tables.board_claims(any_store, club_keys=[board_tables.club_key("Quayside")])
    assert {c.claim.person for c in clubs} == {"Kofi Lindqvist"}
    assert board_tables.sync_board_keys(any_store) == 0  # already keyed by the reads above


def test_board_keys_catch_up_with_new_claims(any_store: Store) -> None:
    any_store.add_extractions([_transfer(*NEWS[0])])
    assert len(board_tables.board_claims(any_store, latest=10)) == 1
    any_store.add_extractions([_transfer(*row) for row in NEWS[1:]])
    assert len(board_tables.board_claims(any_store, latest=10)) == len(NEWS)


def test_stories_are_saved_and_read_back(any_store: Store) -> None:
    any_store.add_extractions([_transfer(*row) for row in NEWS])
    inputs = stored.story_inputs(any_store)
    merged = merge_stories(inputs.transfers)
    assert stored.save_stories(any_store, merged, {}, as_of=date(2024, 7, 1)) == len(merged)
    assert stored.save_stories(any_store, merged, {}, as_of=date(2024, 7, 1)) == len(merged)
    saved = stored.load_stories(any_store)
    assert sorted(s.id for s in saved) == sorted(s.id for s in merged)
    verhoek = [s for s in saved if s.person == "Tomas Verhoek"]
    assert len(verhoek) == 1 and len(verhoek[0].claim_refs) == 3


def test_stored_stories_are_kept_up_to_date_person_by_person(any_store: Store) -> None:
    any_store.add_extractions([_transfer(*row) for row in NEWS[:3]])
    rebuilt = upkeep.rebuild_stories(any_store)
    assert rebuilt.saved == 2
    assert story_tables.stored_person_keys(any_store, surnames=["verhoek"]) == {"tomas verhoek"}
    any_store.add_extractions([_transfer(*NEWS[4])])  # "Verhoek signs": a surname joins the full name
    refreshed = upkeep.refresh_stories(any_store, ["Verhoek"])
    assert refreshed.saved == 1 and refreshed.removed == ()
    (verhoek,) = [s for s in stored.load_stories(any_store) if s.person == "Tomas Verhoek"]
    assert verhoek.stage == "signed" and len(verhoek.claim_refs) == 3
    assert story_tables.delete_stories_of(any_store, ["kofi lindqvist"]) == {
        "kofi-lindqvist--quayside--2024-summer"
    }
    story_tables.clear_stories(any_store)
    assert stored.load_stories(any_store) == []


def test_copies_are_linked_to_their_original(any_store: Store) -> None:
    text = (
        "Harbour Town have agreed a fee with Millbrook for Tomas Verhoek, the winger who scored "
        "eleven goals last season, and he will have a medical at the training ground on Monday "
        "before signing a four-year contract with the option of a fifth."
    )
    first = _transfer(text, "Tomas Verhoek", "Harbour Town", date(2024, 6, 1), Stage.AGREEMENT)
    copied_text = text.replace("on Monday", "on Tuesday")
    second = _transfer(
        copied_text, "Tomas Verhoek", "Harbour Town", date(2024, 6, 2), Stage.AGREEMENT
    )
    unrelated = _transfer(*NEWS[2])
    any_store.add_extractions([first, second, unrelated])
    articles = [e.article for e in (first, second, unrelated)]
    copy_tables.link_copies(any_store, articles)
    assert copy_tables.original_of(any_store, second.article.id) == first.article.id
    assert not copy_tables.is_copy(any_store, first.article.id)
    assert not copy_tables.is_copy(any_store, unrelated.article.id)
    assert copy_tables.count_copies(any_store) == 1


def test_claims_keep_their_dates_and_order_on_every_backend(any_store: Store) -> None:
    any_store.add_extractions([_transfer(*row) for row in NEWS])
    stored = any_store.transfer_claims()
    dated = [c.claim.provenance.published for c in stored]
    assert dated[0] is None  # undated first, then oldest to newest (the store's stated order)
    assert dated[1:] == sorted(d for d in dated[1:] if d is not None)
    assert any_store.get_claim(stored[-1].id) == stored[-1]


def test_claims_version_moves_exactly_when_claims_are_added(any_store: Store) -> None:
    assert board_tables.claims_version(any_store) == 0
    any_store.add_extractions([_transfer(*NEWS[0])])
    first = board_tables.claims_version(any_store)
    any_store.add_extractions([_transfer(*NEWS[0])])  # the same article again: nothing added
    assert board_tables.claims_version(any_store) == first > 0
    any_store.add_extractions([_transfer(*NEWS[1])])
    assert board_tables.claims_version(any_store) > first


def test_looking_up_thousands_of_people_at_once_works_on_every_backend(any_store: Store) -> None:
    # A batch of a whole corpus names thousands of people; one OR of thousands of LIKEs was
    # deeper than SQLite allows ("Expression tree is too large").
    surnames = [f"surname{n}" for n in range(3000)]
    keys = [f"first {s}" for s in surnames]
    assert story_tables.stored_person_keys(any_store, keys=keys, surnames=surnames) == set()

"""Near-duplicates: a syndicated copy with small edits is linked to its original, once."""

from __future__ import annotations

from datetime import date

import pytest

from mercato.domain import Article, Extraction
from mercato.ingest.copies import CopyIndex, find_copies, shingles
from mercato.store import Store, copy_tables

REPORT = (
    "Northfield Rovers have opened talks with Lakeside over a summer move for their "
    "left-footed centre-back, who has started every league game this season and is valued at "
    "around twenty million pounds. The defender is understood to be open to the move and his "
    "representatives met the Rovers sporting director in London earlier this week. Lakeside "
    "would prefer to keep him until the end of the campaign but accept that a sale is likely "
    "if their valuation is met before the window opens in June."
)
OTHER_REPORT = (
    "Harbour Town manager said on Friday that his goalkeeper will miss the derby after scans "
    "showed ligament damage, and that the club will look at the loan market for cover. He "
    "praised the academy players who stepped in during the cup run and said the board had "
    "given him full backing for the summer, when two or three new signings are planned."
)


def art(text: str, day: int | None, outlet: str = "x") -> Article:
    published = date(2023, 3, day) if day else None
    return Article.from_text(text, published=published, outlet=outlet)


original = art(REPORT, 2, "Courier")
# Syndicated with a new intro, a changed figure and a byline: the same report.
syndicated = art(
    "According to reports, " + REPORT.replace("twenty", "twenty-two") + " Reporting by staff.",
    3,
    "Aggregator",
)
light_edit = art(REPORT.replace("earlier this week", "on Tuesday"), 4, "Echo")
unrelated = art(OTHER_REPORT, 1, "Gazette")
# Same move, same names, but written afresh: a separate piece of evidence.
rewritten = art(
    "Lakeside's centre-back is wanted by Northfield Rovers. The two clubs have begun "
    "discussions about a fee near twenty million pounds, with the player keen on the switch. "
    "His agents were in London this week for a meeting with the Rovers director of football, "
    "and a deal could be struck before June if Lakeside soften their stance on a mid-season sale.",
    5,
    "Rival",
)


def test_copies_link_to_the_earliest_published() -> None:
    links = find_copies([syndicated, light_edit, original, unrelated, rewritten])
    by_copy = {link.article_id: link for link in links}
    assert set(by_copy) == {syndicated.id, light_edit.id}
    assert {link.original_id for link in links} == {original.id}
    assert all(0.7 <= link.similarity < 1.0 for link in links)


def test_an_earlier_arrival_takes_over_as_original() -> None:
    index = CopyIndex()
    index.add(syndicated)
    index.add(light_edit)
    assert index.original_of(light_edit.id) == syndicated.id  # best known so far
    index.add(original)  # published before both
    assert index.original_of(syndicated.id) == original.id
    assert index.original_of(light_edit.id) == original.id
    assert not index.is_copy(original.id)


def test_undated_copies_point_at_the_first_seen() -> None:
    first = art(REPORT, None)
    second = art(REPORT + " Updated.", None)
    links = find_copies([first, second])
    assert [(l.article_id, l.original_id) for l in links] == [(second.id, first.id)]


def test_short_items_are_never_linked() -> None:
    a = art("Rovers want the Lakeside defender (Courier)", 1)
    b = art("Rovers want the Lakeside defender (Echo)", 2)
    assert find_copies([a, b]) == []


def test_shingles_fold_case_and_punctuation() -> None:
    assert shingles("The Bid, the BID!", size=2) == {b"the bid", b"bid the"}


@pytest.fixture
def filled_store(store: Store) -> Store:
    everything = [original, syndicated, light_edit, unrelated, rewritten]
    store.add_extractions([Extraction(a, (), ()) for a in everything])
    return store


def test_store_links_survive_between_runs_and_count_once(filled_store: Store) -> None:
    store = filled_store
    copy_tables.link_copies(store, [syndicated, unrelated])
    assert copy_tables.count_copies(store) == 0  # nothing similar stored yet
    written = copy_tables.link_copies(store, [light_edit, rewritten])
    assert {(l.article_id, l.original_id) for l in written} == {(light_edit.id, syndicated.id)}
    # a later run meets the true original: the whole group re-points to it
    copy_tables.link_copies(store, [original])
    assert copy_tables.original_of(store, syndicated.id) == original.id
    assert copy_tables.original_of(store, light_edit.id) == original.id
    assert copy_tables.is_copy(store, light_edit.id)
    assert not copy_tables.is_copy(store, original.id)
    assert not copy_tables.is_copy(store, rewritten.id)
    assert {l.article_id for l in copy_tables.copies_of(store, original.id)} == {
        syndicated.id,
        light_edit.id,
    }
    # indexing again changes nothing
    assert copy_tables.link_copies(store, [original, syndicated, light_edit]) == []
    assert copy_tables.count_copies(store) == 2
    distinct = {copy_tables.original_of(store, a.id) for a in (original, syndicated, light_edit)}
    assert distinct == {original.id}

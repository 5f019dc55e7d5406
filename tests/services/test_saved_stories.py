"""The faces read the saved stories: what they show from the saved rows is what the book (every
claim merged, labelled and scored on the spot) shows, and ingest keeps the rows scored and settled.

The news is invented (made-up people at real clubs) and goes through the real pipeline and a
real SQLite store.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mercato.errors import NotFound
from mercato.pipeline import ingest_paths
from mercato.score.saved import SavedScorer, load_state, needs_refit
from mercato.services import saved
from mercato.services.board import (
    StoryFilters,
    board_page,
    get_story,
    matching,
    saved_matching,
    view_of,
)
from mercato.services.book import story_book
from mercato.services.profiles import club_profile, replayed_club_profile
from mercato.store import Store
from mercato.stories.upkeep import rebuild_stories

NEWS = [
    ("2024-06-03", "Arsenal are monitoring Brentford striker Tomas Verhoek ahead of the summer window. (Mirror)"),
    ("2024-06-10", "Arsenal have made a £40m bid for Brentford striker Verhoek, who scored 19 goals. (Sun)"),
    ("2024-06-12", "Chelsea have opened talks with Lyon over a move for midfielder Jonas Kettering. (Telegraph)"),
    ("2024-06-20", "Arsenal have agreed a £45m fee with Brentford for striker Tomas Verhoek. (Times)"),
    ("2024-06-21", "Everton want Wolves defender Piet Ockenburg, and Fulham are also keen. (Mail)"),
]


def _ingest(store: Store, folder: Path, items: list[tuple[str, str]], name: str) -> None:
    path = folder / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for index, (day, text) in enumerate(items):
            record = {"id": f"{name}-{index}", "date": day, "url": f"https://example.org/{name}/{index}",
                      "outlet": "BBC Sport", "text": text}
            out.write(json.dumps(record) + "\n")
    report = ingest_paths([path], store)
    assert report.ingested == len(items) and not report.failures, report


@pytest.fixture
def news_store(tmp_path: Path) -> Store:
    store = Store.open(f"sqlite:///{tmp_path / 'news.db'}")
    for index, item in enumerate(NEWS):
        _ingest(store, tmp_path, [item], f"news-{index}")
    return store


def _book_views(store: Store) -> dict[str, object]:
    book = story_book(store)
    return {s.id: view_of(book, s) for s in matching(book, StoryFilters())}


def _saved_views(store: Store) -> dict[str, object]:
    return {v.id: v for v in saved.views(store, saved_matching(store, StoryFilters()))}


def test_ingest_saves_scored_stories_the_faces_answer_from(news_store: Store) -> None:
    assert saved.answers_from_saved(news_store, None)
    assert load_state(news_store) is not None, "the model the stories were scored with is saved"
    total, shown = board_page(news_store, StoryFilters())
    assert total == len(shown) >= 3
    assert all(v.probability is not None for v in shown if v.is_open)
    verhoek = get_story(news_store, "tomas-verhoek--arsenal--2024-summer")
    assert verhoek.stage.value == "agreement" and len(verhoek.steps) == 3


def test_after_a_rebuild_the_saved_stories_show_exactly_what_the_book_shows(news_store: Store) -> None:
    rebuild_stories(news_store, scorer=SavedScorer())
    assert _saved_views(news_store) == _book_views(news_store)


def test_between_refits_only_the_numbers_may_differ_from_the_book(news_store: Store) -> None:
    book, kept = _book_views(news_store), _saved_views(news_store)
    assert book.keys() == kept.keys()
    for story_id, view in kept.items():
        other = book[story_id]
        for field in ("person", "to_club", "from_club", "window", "stage", "outcome", "sources",
                      "independent_sources", "steps", "fee"):
            assert getattr(view, field) == getattr(other, field), (story_id, field)


def test_a_past_day_is_answered_from_the_book(news_store: Store) -> None:
    assert not saved.answers_from_saved(news_store, date(2024, 6, 11))
    _, shown = board_page(news_store, StoryFilters(as_of=date(2024, 6, 11)))
    assert {v.id for v in shown} == {"tomas-verhoek--arsenal--2024-summer"}
    assert shown[0].stage.value == "bid", "the agreement came later"


def test_filters_on_saved_stories_match_the_book(news_store: Store) -> None:
    rebuild_stories(news_store, scorer=SavedScorer())
    for filters in (
        StoryFilters(person="verhoek"), StoryFilters(club="Arsenal"), StoryFilters(source="times"),
        StoryFilters(open_only=True, sort="probability"), StoryFilters(window="2024 summer"),
        StoryFilters(club="Arsenal", club_direction="in"),
        StoryFilters(club="Arsenal", club_direction="out"),
    ):
        book = story_book(news_store)
        assert [s.id for s in saved_matching(news_store, filters)] == [s.id for s in matching(book, filters)], filters


def test_stories_still_open_when_their_window_closes_are_settled_by_the_next_ingest(
    news_store: Store, tmp_path: Path
) -> None:
    assert get_story(news_store, "jonas-kettering--chelsea--2024-summer").is_open
    later = ("2024-09-10", "Brighton are monitoring Porto winger Ruben Salgueiro ahead of January. (Record)")
    _ingest(news_store, tmp_path, [later], "autumn")
    settled = get_story(news_store, "jonas-kettering--chelsea--2024-summer")
    assert settled.outcome == "did not happen" and settled.resolved_on == date(2024, 9, 1)


def test_ingest_scores_with_the_saved_model_until_the_stories_double(news_store: Store, tmp_path: Path) -> None:
    rebuild_stories(news_store, scorer=SavedScorer())
    state = load_state(news_store)
    assert state is not None and not needs_refit(news_store, state)
    _ingest(news_store, tmp_path, [("2024-06-22", "Arsenal are monitoring Brentford striker Tomas Verhoek. (Star)")], "again")
    assert load_state(news_store) == state, "no refit for one more report"
    _ingest(news_store, tmp_path, [("2024-06-23", "Arsenal are monitoring Lille winger Karel Dombrecht. (Star)"),
                                   ("2024-06-23", "Spurs are monitoring Lyon midfielder Anton Mirelli. (Star)"),
                                   ("2024-06-24", "Leeds are monitoring Ajax forward Sem Valkering. (Star)"),
                                   ("2024-06-24", "Fulham are monitoring PSV keeper Joost Hendriksma. (Star)")], "more")
    refitted = load_state(news_store)
    assert refitted is not None and refitted != state, "refitted once the stories doubled"


def test_a_copy_is_saved_linked_to_its_report(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'copies.db'}")
    item = "Arsenal have made a £40m bid for Brentford striker Tomas Verhoek, who scored 19 goals this season. (Sun)"
    page = "Newcastle want a new keeper. (Express)\n\n" + item + "\n\nLeeds are watching a Dutch winger. (Mail)"
    _ingest(store, tmp_path, [("2024-06-10", item), ("2024-06-10", page)], "gossip")
    view = get_story(store, "tomas-verhoek--arsenal--2024-summer")
    assert len(view.steps) == 1 and len(view.steps[0].copies) == 1
    assert saved.answers_from_saved(store, None)
    assert _saved_views(store)[view.id].steps == _book_views(store)[view.id].steps  # type: ignore[attr-defined]


@pytest.mark.parametrize("club", ["Arsenal", "Brentford", "Chelsea", "Lyon", "Fulham", "Wolves", "Ever"])
def test_a_club_page_paged_in_sql_shows_what_the_book_shows(news_store: Store, club: str) -> None:
    rebuild_stories(news_store, scorer=SavedScorer())
    paged = club_profile(news_store, club)
    replayed = replayed_club_profile(news_store, club, as_of=saved.saved_day(news_store))
    assert paged.in_reading_order and not replayed.in_reading_order
    assert (paged.key, paged.name, paged.club_id) == (replayed.key, replayed.name, replayed.club_id)
    assert list(paged.incoming) == list(replayed.incoming)
    assert list(paged.outgoing) == list(replayed.outgoing)
    assert len(paged.incoming) == len(replayed.incoming) and len(paged.outgoing) == len(replayed.outgoing)
    assert list(paged.incoming[1:3]) == list(replayed.incoming[1:3])


def test_a_club_without_stories_is_not_found(news_store: Store) -> None:
    with pytest.raises(NotFound):
        club_profile(news_store, "Real Sociedad")

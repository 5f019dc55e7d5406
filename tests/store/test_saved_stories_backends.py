"""Saved stories read back the same on SQLite and PostgreSQL: after an ingest and a rebuild, the
faces' saved rows show exactly what a replay of every claim shows (news invented, real pipeline)."""

from __future__ import annotations

import json
from pathlib import Path

from mercato.pipeline import ingest_paths
from mercato.score.saved import SavedScorer, load_state
from mercato.services import saved
from mercato.services.board import StoryFilters, get_story, matching, saved_matching, view_of
from mercato.services.book import story_book
from mercato.services.profiles import club_profile, people_named, replayed_club_profile
from mercato.store import Store
from mercato.stories.upkeep import rebuild_stories

NEWS = [
    ("2024-06-03", "Arsenal are monitoring Brentford striker Tomas Verhoek ahead of the summer window. (Mirror)"),
    ("2024-06-12", "Chelsea have opened talks with Lyon over a move for midfielder Jonas Kettering. (Telegraph)"),
    ("2024-06-20", "Arsenal have agreed a £45m fee with Brentford for striker Tomas Verhoek. (Times)"),
]


def test_saved_stories_read_back_as_the_replay_shows_them(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(
        json.dumps({"id": f"n{i}", "date": day, "url": f"https://example.org/{i}", "outlet": "BBC Sport", "text": text})
        + "\n" for i, (day, text) in enumerate(NEWS)
    ), encoding="utf-8")  # fmt: skip
    with Store.open(store_url) as store:
        assert ingest_paths([path], store).ingested == len(NEWS)
        rebuild_stories(store, scorer=SavedScorer())
        assert load_state(store) is not None and saved.answers_from_saved(store, None)
        book = story_book(store)
        expected = {s.id: view_of(book, s) for s in matching(book, StoryFilters())}
        shown = {v.id: v for v in saved.views(store, saved_matching(store, StoryFilters()))}
        assert shown == expected
        assert get_story(store, "tomas-verhoek").id == "tomas-verhoek--arsenal--2024-summer"
        assert [s.id for s in saved_matching(store, StoryFilters(person="kettering"))] == [
            "jonas-kettering--chelsea--2024-summer"
        ]
        # Filtered, sorted and paged in SQL: in the replay's order on both databases.
        for filters in (
            StoryFilters(), StoryFilters(sort="probability"), StoryFilters(club="Arsenal"),
            StoryFilters(club="Brentford", sort="probability"), StoryFilters(open_only=True),
            StoryFilters(club="Arsenal", club_direction="in"), StoryFilters(club="Arsenal", club_direction="out"),
            StoryFilters(club="Brentford", club_direction="out", sort="probability"),
        ):
            assert [s.id for s in saved_matching(store, filters)] == [s.id for s in matching(book, filters)], filters
        # Every club as the stories show it, and as part of a name, each way: the names rule in SQL.
        clubs = {c for s in book.stories for c in (s.to_club, s.from_club) if c} | {"ars", "Olympique Lyon"}
        for name in sorted(clubs):
            for direction in (None, "in", "out"):
                filters = StoryFilters(club=name, club_direction=direction)
                assert [s.id for s in saved_matching(store, filters)] == [s.id for s in matching(book, filters)], filters
        for club in ("Arsenal", "Brentford", "Lyon"):
            paged, replayed = club_profile(store, club), replayed_club_profile(store, club, as_of=book.as_of)
            assert list(paged.incoming) == list(replayed.incoming), club
            assert list(paged.outgoing) == list(replayed.outgoing), club
        # The name lists read the saved stories with their report counts, as the book counts them.
        counts = saved.report_counts(store)
        assert counts == {s.id: len(s.claims) for s in book.stories}
        people = {n.key: n.claims for n in people_named(store, None)}
        assert people == {"tomas verhoek": 2, "jonas kettering": 1}

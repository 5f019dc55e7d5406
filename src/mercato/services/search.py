"""Search: people and clubs whose names match, their stories, and the articles behind them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mercato.domain import Article
from mercato.services.board import StoryFilters, board_page
from mercato.services.profiles import Named, clubs_named, people_named
from mercato.services.views import StoryView
from mercato.store import Store

RESULTS_PER_KIND = 20


@dataclass(frozen=True)
class SearchResult:
    """What a query found, each kind best first."""

    query: str
    people: tuple[Named, ...]
    clubs: tuple[Named, ...]
    stories: tuple[StoryView, ...]
    articles: tuple[Article, ...]


def search(
    store: Store,
    query: str,
    *,
    as_of: date | None = None,
    limit: int = RESULTS_PER_KIND,
    kb_dir: Path | None = None,
) -> SearchResult:
    """People, clubs and stories matching the query; stories of the best-matching person first."""
    query = query.strip()
    people = people_named(store, query, as_of=as_of, kb_dir=kb_dir)[:limit]
    clubs = clubs_named(store, query, as_of=as_of, kb_dir=kb_dir)[:limit]
    # The best-matching person's stories, else the club's: from the saved stories when they
    # answer, as the board does (a book of every story takes seconds on a large store).
    found: list[StoryView] = []
    if people:
        found = board_page(
            store, StoryFilters(person=people[0].key, as_of=as_of), limit=limit, kb_dir=kb_dir
        )[1]
    if not found:
        found = board_page(
            store, StoryFilters(club=query, as_of=as_of), limit=limit, kb_dir=kb_dir
        )[1]
    article_ids = list(dict.fromkeys(step.article_id for s in found for step in reversed(s.steps)))
    articles = tuple(store.get_article(a) for a in article_ids[:limit])
    return SearchResult(query, tuple(people), tuple(clubs), tuple(found), articles)

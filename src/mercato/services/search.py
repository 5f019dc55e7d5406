"""Search: people and clubs whose names match, their stories, and the articles behind them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mercato.domain import Article
from mercato.services.board import StoryFilters, matching, view_of
from mercato.services.book import story_book
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
    book = story_book(store, as_of=as_of, kb_dir=kb_dir)
    people = people_named(book, query)[:limit]
    clubs = clubs_named(book, query)[:limit]
    found = matching(book, StoryFilters(person=people[0].name)) if people else []
    if not found:
        found = matching(book, StoryFilters(club=query))
    stories = [view_of(book, s) for s in found[:limit]]
    article_ids = list(
        dict.fromkeys(step.article_id for s in stories for step in reversed(s.steps))
    )
    articles = tuple(store.get_article(a) for a in article_ids[:limit])
    return SearchResult(query, tuple(people), tuple(clubs), tuple(stories), articles)

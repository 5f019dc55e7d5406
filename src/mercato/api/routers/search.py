"""Search across people, clubs, stories and articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mercato.api.board import StoryFilters, find_stories
from mercato.api.deps import AsOf, StoreDep
from mercato.api.profiles import clubs_named, people_named
from mercato.api.schemas import NamedOut, SearchOut
from mercato.api.serialise import article_summary_out, story_summary_out

router = APIRouter(prefix="/api/search", tags=["search"])

RESULTS_PER_KIND = 10


@router.get("", summary="Search people, clubs, stories and articles")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=2, max_length=200, description="What to look for.")],
    as_of: AsOf = None,
) -> SearchOut:
    """People and clubs whose names contain the query, their stories and the articles behind them."""
    query = q.strip()
    people = people_named(store, query)[:RESULTS_PER_KIND]
    clubs = clubs_named(store, query)[:RESULTS_PER_KIND]
    stories = find_stories(store, StoryFilters(person=query, as_of=as_of))
    if not stories:
        stories = find_stories(store, StoryFilters(club=query, as_of=as_of))
    stories = stories[:RESULTS_PER_KIND]
    article_ids: list[str] = []
    for story in stories:
        for step in reversed(story.steps):
            if step.article_id not in article_ids:
                article_ids.append(step.article_id)
    articles = [store.get_article(a) for a in article_ids[:RESULTS_PER_KIND]]
    return SearchOut(
        query=query,
        people=[NamedOut(key=k, name=n, claims=c) for k, n, c in people],
        clubs=[NamedOut(key=k, name=n, claims=c) for k, n, c in clubs],
        stories=[story_summary_out(s) for s in stories],
        articles=[article_summary_out(a) for a in articles],
    )

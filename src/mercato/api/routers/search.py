"""Search across people, clubs, stories and articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from mercato.api.deps import AsOf, KbDir, StoreDep
from mercato.api.schemas import NamedOut, SearchOut
from mercato.api.serialise import article_summary_out, story_summary_out
from mercato.services.search import search as search_store

router = APIRouter(prefix="/api/search", tags=["search"])

RESULTS_PER_KIND = 10


@router.get("", summary="Search people, clubs, stories and articles")
def search(
    store: StoreDep,
    kb_dir: KbDir,
    q: Annotated[str, Query(min_length=2, max_length=200, description="What to look for.")],
    as_of: AsOf = None,
) -> SearchOut:
    """People and clubs whose names contain the query, their stories and the articles behind them."""
    found = search_store(store, q, as_of=as_of, limit=RESULTS_PER_KIND, kb_dir=kb_dir)
    return SearchOut(
        query=found.query,
        people=[NamedOut(key=n.key, name=n.name, claims=n.claims) for n in found.people],
        clubs=[NamedOut(key=n.key, name=n.name, claims=n.claims) for n in found.clubs],
        stories=[story_summary_out(s) for s in found.stories],
        articles=[article_summary_out(a) for a in found.articles],
    )

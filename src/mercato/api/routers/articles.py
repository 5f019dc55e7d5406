"""Articles, with their mentions and claims; ingesting new ones behind the token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Request
from pydantic import Field

from mercato.api.deps import Day, KbDir, PagingDep, StoreDep, TokenDep
from mercato.api.ingesting import ingest_articles
from mercato.api.routers.paging import page_fetched
from mercato.api.schemas import ArticleIn, ArticleOut, ArticleSummaryOut, IngestOut, Page
from mercato.api.serialise import article_out, article_summary_out
from mercato.services.board import story_ids_of_claims

router = APIRouter(prefix="/api/articles", tags=["articles"])

MAX_BATCH = 500

ArticleId = Annotated[str, Path(min_length=1, max_length=64, description="The article's id.")]


@router.get("", summary="List articles, newest first")
def list_articles(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    since: Annotated[Day | None, Query(description="Published on or after.")] = None,
    until: Annotated[Day | None, Query(description="Published on or before.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet name.")] = None,
) -> Page[ArticleSummaryOut]:
    """Stored articles, newest first, filtered by dates and outlet."""
    fetched = store.articles(
        since=since, until=until, outlet=outlet, limit=paging.per_page + 1, offset=paging.offset
    )
    return page_fetched([article_summary_out(a) for a in fetched], request, paging)


@router.get("/{article_id}", summary="One article with its mentions and claims")
def get_article(store: StoreDep, article_id: ArticleId, kb_dir: KbDir) -> ArticleOut:
    """The article's text, every mention and every claim extracted from it."""
    article = store.get_article(article_id)
    return article_out(
        article, store.mentions_for_article(article_id), store.claims_for_article(article_id),
        story_ids_of_claims(store, kb_dir=kb_dir),
    )


@router.post(
    "",
    status_code=201,
    summary="Ingest one article or a batch (needs the API token)",
    responses={
        401: {"description": "No or wrong bearer token."},
        403: {"description": "No token configured."},
    },
)
def post_articles(
    request: Request,
    store: StoreDep,
    _token: TokenDep,
    payload: Annotated[
        ArticleIn | Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_BATCH)],
        Body(description=f"One article, or a list of up to {MAX_BATCH}."),
    ],
) -> IngestOut:
    """Extract claims from the articles and store them; articles already stored are skipped."""
    batch = payload if isinstance(payload, list) else [payload]
    return ingest_articles(request.app, store, batch)

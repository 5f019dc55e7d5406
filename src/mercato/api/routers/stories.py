"""Stories: possible moves (person, destination, window) with their timelines."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from mercato.api.deps import AsOf, KbDir, PagingDep, StoreDep, StoryFiltersDep
from mercato.api.routers.paging import page_fetched
from mercato.api.schemas import Page, StoryOut, StorySummaryOut
from mercato.api.serialise import story_out, story_summary_out
from mercato.services.board import board_page, get_story

router = APIRouter(prefix="/api/stories", tags=["stories"])


@router.get("", summary="List stories (the rumour board)")
def list_stories(
    request: Request, store: StoreDep, filters: StoryFiltersDep, paging: PagingDep, kb_dir: KbDir
) -> Page[StorySummaryOut]:
    """Stories filtered by person, club, status, window, source, dates and probability."""
    total, window = board_page(
        store, filters, offset=paging.offset, limit=paging.per_page + 1, kb_dir=kb_dir
    )
    return page_fetched([story_summary_out(s) for s in window], request, paging, total)


@router.get("/{story_id}", summary="One story with its timeline")
def read_story(
    store: StoreDep,
    story_id: Annotated[str, Path(min_length=1, max_length=600, description="The story's id.")],
    kb_dir: KbDir,
    as_of: AsOf = None,
) -> StoryOut:
    """The story's stage, sources and probability, and every claim on its timeline."""
    return story_out(get_story(store, story_id, as_of=as_of, kb_dir=kb_dir))

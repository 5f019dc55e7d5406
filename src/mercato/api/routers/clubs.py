"""Clubs with the stories into and out of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from mercato.api.deps import AsOf, KbDir, PagingDep, StoreDep
from mercato.api.routers.paging import next_url, page_of, window
from mercato.api.schemas import ClubOut, NamedOut, Page
from mercato.api.serialise import story_summary_out
from mercato.services.profiles import club_profile, clubs_named

router = APIRouter(prefix="/api/clubs", tags=["clubs"])


@router.get("", summary="List clubs")
def list_clubs(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    kb_dir: KbDir,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
) -> Page[NamedOut]:
    """Clubs named in transfer stories (matching `q`), most reported first; each `key` and
    `name` listed opens `/api/clubs/{name}`."""
    found = [
        NamedOut(key=n.key, name=n.name, claims=n.claims)
        for n in clubs_named(store, q, kb_dir=kb_dir)
    ]
    return page_of(found, request, paging)


@router.get("/{name}", summary="One club")
def get_club(
    request: Request,
    store: StoreDep,
    name: Annotated[str, Path(min_length=1, max_length=200, description="The club's name.")],
    kb_dir: KbDir,
    paging: PagingDep,
    as_of: AsOf = None,
) -> ClubOut:
    """The stories into and out of a club (latest first): one page of each list (`page`,
    `per_page`), with how many each holds."""
    profile = club_profile(store, name, as_of=as_of, kb_dir=kb_dir)
    stories_in, more_in = window(profile.stories_in, paging)
    stories_out, more_out = window(profile.stories_out, paging)
    return ClubOut(
        key=profile.key,
        name=profile.name,
        club_id=profile.club_id,
        stories_in=[story_summary_out(s) for s in stories_in],
        stories_in_total=len(profile.stories_in),
        stories_out=[story_summary_out(s) for s in stories_out],
        stories_out_total=len(profile.stories_out),
        page=paging.page,
        per_page=paging.per_page,
        next=next_url(request, paging, more_in or more_out),
    )

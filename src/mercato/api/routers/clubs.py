"""Clubs with the stories into and out of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from mercato.api.deps import AsOf, PagingDep, StoreDep
from mercato.api.profiles import club_profile, clubs_named
from mercato.api.routers.paging import page_of
from mercato.api.schemas import ClubOut, NamedOut, Page
from mercato.api.serialise import story_summary_out

router = APIRouter(prefix="/api/clubs", tags=["clubs"])


@router.get("", summary="List clubs")
def list_clubs(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
) -> Page[NamedOut]:
    """Clubs named in transfer claims (matching `q`, else those in the latest news)."""
    found = [NamedOut(key=k, name=n, claims=c) for k, n, c in clubs_named(store, q)]
    return page_of(found, request, paging)


@router.get("/{name}", summary="One club")
def get_club(
    store: StoreDep,
    name: Annotated[str, Path(min_length=1, max_length=200, description="The club's name.")],
    as_of: AsOf = None,
) -> ClubOut:
    """The stories into and out of a club."""
    profile = club_profile(store, name, as_of=as_of)
    return ClubOut(
        key=profile.key,
        name=profile.name,
        club_id=profile.club_id,
        stories_in=[story_summary_out(s) for s in profile.stories_in],
        stories_out=[story_summary_out(s) for s in profile.stories_out],
    )

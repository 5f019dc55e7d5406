"""Clubs with the stories into and out of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from mercato.api.deps import AsOf, KbDir, PagingDep, StoreDep
from mercato.api.routers.paging import page_of
from mercato.api.schemas import ClubOut, NamedOut, Page
from mercato.api.serialise import story_summary_out
from mercato.services.book import story_book
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
    """Clubs named in transfer claims (matching `q`), most claimed first."""
    book = story_book(store, kb_dir=kb_dir)
    found = [NamedOut(key=n.key, name=n.name, claims=n.claims) for n in clubs_named(book, q)]
    return page_of(found, request, paging)


@router.get("/{name}", summary="One club")
def get_club(
    store: StoreDep,
    name: Annotated[str, Path(min_length=1, max_length=200, description="The club's name.")],
    kb_dir: KbDir,
    as_of: AsOf = None,
) -> ClubOut:
    """The stories into and out of a club."""
    profile = club_profile(store, name, as_of=as_of, kb_dir=kb_dir)
    return ClubOut(
        key=profile.key,
        name=profile.name,
        club_id=profile.club_id,
        stories_in=[story_summary_out(s) for s in profile.stories_in],
        stories_out=[story_summary_out(s) for s in profile.stories_out],
    )

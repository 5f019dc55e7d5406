"""People: players and managers with their facts and stories."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from mercato.api.deps import AsOf, KbDir, PagingDep, StoreDep
from mercato.api.routers.paging import next_url, page_of, window
from mercato.api.schemas import FactOut, NamedOut, Page, PersonOut
from mercato.api.serialise import story_summary_out
from mercato.services.profiles import people_named, person_profile

router = APIRouter(prefix="/api/people", tags=["people"])


@router.get("", summary="List people")
def list_people(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    kb_dir: KbDir,
    q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
) -> Page[NamedOut]:
    """People named in transfer stories (matching `q`), most reported first; each `key` and
    `name` listed opens `/api/people/{name}`."""
    found = [
        NamedOut(key=n.key, name=n.name, claims=n.claims)
        for n in people_named(store, q, kb_dir=kb_dir)
    ]
    return page_of(found, request, paging)


@router.get("/{name}", summary="One person")
def get_person(
    request: Request,
    store: StoreDep,
    name: Annotated[str, Path(min_length=1, max_length=200, description="The person's name.")],
    kb_dir: KbDir,
    paging: PagingDep,
    as_of: AsOf = None,
) -> PersonOut:
    """A person's current club, facts with their dates, and stories (latest first): one page of
    each list (`page`, `per_page`), with how many each holds."""
    profile = person_profile(store, name, as_of=as_of, kb_dir=kb_dir)
    facts, more_facts = window(profile.facts, paging)
    stories, more_stories = window(profile.stories, paging)
    return PersonOut(
        key=profile.key,
        name=profile.name,
        person_id=profile.person_id,
        current_club=profile.current_club,
        facts=[
            FactOut(
                fact=claim.fact,
                value=claim.value,
                as_of=claim.as_of or claim.provenance.published,
                club=claim.club,
                article_id=claim.provenance.article_id,
                claim_id=stored.id,
            )
            for stored, claim in facts
        ],
        facts_total=len(profile.facts),
        stories=[story_summary_out(s) for s in stories],
        stories_total=len(profile.stories),
        page=paging.page,
        per_page=paging.per_page,
        next=next_url(request, paging, more_facts or more_stories),
    )

"""Claims: every typed statement extracted, by type or article."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request

from mercato.api.deps import KbDir, PagingDep, StoreDep
from mercato.api.routers.paging import page_fetched
from mercato.api.schemas import ClaimOut, Page
from mercato.api.serialise import claim_out
from mercato.services.board import story_ids_of_claims

router = APIRouter(prefix="/api/claims", tags=["claims"])

ClaimType = Literal["transfer", "contract", "fact", "quote", "match"]


@router.get("", summary="List claims")
def list_claims(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    kb_dir: KbDir,
    claim_type: Annotated[ClaimType | None, Query(alias="type", description="Claim type.")] = None,
    article_id: Annotated[str | None, Query(max_length=64, description="One article's.")] = None,
) -> Page[ClaimOut]:
    """Stored claims, filtered by type and article."""
    fetched = store.claims(
        claim_type=claim_type,
        article_id=article_id,
        limit=paging.per_page + 1,
        offset=paging.offset,
    )
    stories = story_ids_of_claims(store, kb_dir=kb_dir)
    return page_fetched([claim_out(c, stories.get(str(c.id))) for c in fetched], request, paging)


@router.get("/{claim_id}", summary="One claim")
def get_claim(
    store: StoreDep,
    kb_dir: KbDir,
    claim_id: Annotated[int, Path(ge=1, le=2**62, description="The claim's id.")],
) -> ClaimOut:
    """One stored claim with its evidence span and extractor."""
    stored = store.get_claim(claim_id)
    return claim_out(stored, story_ids_of_claims(store, kb_dir=kb_dir).get(str(stored.id)))

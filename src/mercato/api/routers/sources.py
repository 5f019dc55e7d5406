"""Sources: outlets and journalists with their track records (the league table)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request

from mercato.api.deps import AsOf, KbDir, PagingDep, StoreDep
from mercato.api.routers.paging import page_of
from mercato.api.schemas import Page, SourceOut
from mercato.services.sources import SourceRow, source_record, source_table

router = APIRouter(prefix="/api/sources", tags=["sources"])


def source_out(record: SourceRow) -> SourceOut:
    """A track record as the API shows it."""
    return SourceOut(
        name=record.name,
        kind=record.kind,
        stories=record.stories,
        happened=record.happened,
        did_not_happen=record.did_not_happen,
        pending=record.pending,
        reliability=record.reliability,
        interval=list(record.interval) if record.interval else None,
        first_reports=record.first_reports,
        scored_by=record.scored_by,
    )


@router.get("", summary="The source league table")
def list_sources(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    kb_dir: KbDir,
    club: Annotated[
        str | None, Query(max_length=200, description="Only stories of a club.")
    ] = None,
    league: Annotated[
        str | None,
        Query(max_length=20, pattern=r"^[a-z]{2,4}\.\d$", description='League code, e.g. "en.1".'),
    ] = None,
    kind: Annotated[
        Literal["outlet", "journalist"] | None, Query(description="Outlets or journalists.")
    ] = None,
    min_stories: Annotated[int, Query(ge=0, le=100_000, description="Minimum stories.")] = 0,
    as_of: AsOf = None,
) -> Page[SourceOut]:
    """Outlets and journalists ranked by reliability, with its interval."""
    records = [
        r
        for r in source_table(store, club=club, league=league, as_of=as_of, kb_dir=kb_dir)
        if (kind is None or r.kind == kind) and r.stories >= min_stories
    ]
    return page_of([source_out(r) for r in records], request, paging)


@router.get("/{name}", summary="One source's track record")
def get_source(
    store: StoreDep,
    name: Annotated[str, Path(min_length=1, max_length=200, description="Outlet or journalist.")],
    kb_dir: KbDir,
    as_of: AsOf = None,
) -> SourceOut:
    """One outlet's or journalist's record."""
    return source_out(source_record(store, name, as_of=as_of, kb_dir=kb_dir))

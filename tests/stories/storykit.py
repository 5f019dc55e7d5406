"""Build small claim histories by hand for story and score tests (names invented or generic)."""

from __future__ import annotations

from datetime import date
from itertools import count

from mercato.domain import (
    STAGE_STATUS,
    Attribution,
    ContractClaim,
    Fee,
    Provenance,
    Span,
    Stage,
    TransferClaim,
    Window,
)

_ids = count(1)


def claim(
    person: str,
    to_club: str | None,
    day: str,
    *,
    source: str | None = "Mail",
    via: str | None = None,
    outlet: str | None = "BBC Sport",
    from_club: str | None = None,
    stage: Stage = Stage.INTEREST,
    text: str | None = None,
    window: Window | None = None,
    fee: float | None = None,
    hedged: bool = False,
    person_id: str | None = None,
    to_club_id: str | None = None,
    journalist: str | None = None,
) -> tuple[str, TransferClaim]:
    """One (claim id, transfer claim): `source` is the original, `via` the outlet passing it on."""
    evidence = text or f"{to_club or 'Someone'} {stage.value} {person} ({source})"
    chain = (source, via) if source and via else ()
    attribution = Attribution(outlet=via or source, journalist=journalist, chain=chain) if source else None
    n = next(_ids)
    return f"item-{n}#0", TransferClaim(
        person=person,
        to_club=to_club,
        from_club=from_club,
        status=STAGE_STATUS[stage],
        stage=stage,
        provenance=Provenance(
            article_id=f"article-{n}",
            span=Span(0, len(evidence), evidence),
            outlet=outlet,
            published=date.fromisoformat(day),
            extractor="test.v1",
        ),
        person_id=person_id,
        to_club_id=to_club_id,
        window=window,
        fee=Fee(fee, "GBP") if fee else None,
        attribution=attribution,
        is_hedged=hedged,
    )


def renewal(person: str, club: str, day: str) -> ContractClaim:
    """A contract extension signed on a day."""
    evidence = f"{person} signs a new deal at {club}"
    return ContractClaim(
        person=person,
        club=club,
        action="extension",
        provenance=Provenance("renewal", Span(0, len(evidence), evidence), None,
                              date.fromisoformat(day), "test.v1"),
    )

"""The rumour board: stored transfer claims grouped by (person, destination), newest first.

A group gathers every claim that one person moves to one club (or leaves with no named
destination): who reported it, when it was first and last heard, and where it stands now.
The CLI, the API and the dashboard all show this same list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mercato.domain import STAGE_ORDER, Fee, Stage, Status, TransferClaim
from mercato.store import Store, StoredClaim
from mercato.store.codec import fold_key, to_jsonable


@dataclass(frozen=True)
class Sighting:
    """One report of a move: which claim, from which article, when, by whom, saying what."""

    claim_id: int
    article_id: str
    published: date | None
    outlet: str | None
    source: str | None  # the original attribution, else the outlet
    status: Status
    stage: Stage
    evidence: str
    fee: Fee | None = None
    is_loan: bool = False


@dataclass(frozen=True)
class RumourGroup:
    """Every stored claim about one person moving to one club."""

    person: str
    person_id: str | None
    to_club: str | None
    to_club_id: str | None
    from_clubs: tuple[str, ...]
    first_seen: date | None
    latest_seen: date | None
    status: Status  # of the latest report
    stage: Stage
    fee: Fee | None  # the latest fee reported
    is_loan: bool  # the latest report speaks of a loan
    sources: tuple[str, ...]  # distinct sources, in order of first report
    sightings: tuple[Sighting, ...]  # oldest first

    @property
    def key(self) -> tuple[str, str]:
        """The grouping key: folded person and destination (ids when linked)."""
        return group_key_of(self.person_id, self.person, self.to_club_id, self.to_club)

    def as_dict(self) -> dict[str, object]:
        """Plain data for `--json` and the API."""
        data = to_jsonable(self)
        assert isinstance(data, dict)
        data["reports"] = len(self.sightings)
        return data


def group_key_of(
    person_id: str | None, person: str, to_club_id: str | None, to_club: str | None
) -> tuple[str, str]:
    """Key that puts claims about the same move together despite spelling and accents."""
    who = person_id or fold_key(person) or ""
    where = to_club_id or fold_key(to_club) or ""
    return who, where


def _stage_rank(stage: Stage) -> int:
    return STAGE_ORDER.index(stage) if stage in STAGE_ORDER else -1


def _sighting(stored: StoredClaim) -> Sighting:
    claim = stored.claim
    assert isinstance(claim, TransferClaim)
    prov = claim.provenance
    source = claim.attribution.original if claim.attribution else None
    return Sighting(
        claim_id=stored.id,
        article_id=prov.article_id,
        published=prov.published,
        outlet=prov.outlet,
        source=source or prov.outlet,
        status=claim.status,
        stage=claim.stage,
        evidence=prov.span.text,
        fee=claim.fee,
        is_loan=claim.is_loan,
    )


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def build_group(claims: list[TransferClaim], sightings: list[Sighting]) -> RumourGroup:
    """One board row from the claims (oldest first) about one move."""
    # The latest report decides where the move stands; on the same day the furthest stage wins.
    latest = max(
        range(len(sightings)),
        key=lambda i: (sightings[i].published or date.min, _stage_rank(sightings[i].stage), i),
    )
    dated = [s.published for s in sightings if s.published]
    fees = [s.fee for s in sightings if s.fee is not None]
    sources: list[str] = []
    for sighting in sightings:
        if sighting.source and sighting.source not in sources:
            sources.append(sighting.source)
    from_clubs: list[str] = []
    for claim in claims:
        if claim.from_club and claim.from_club not in from_clubs:
            from_clubs.append(claim.from_club)
    return RumourGroup(
        person=_most_common(c.person for c in claims) or claims[0].person,
        person_id=_most_common(c.person_id for c in claims),
        to_club=_most_common(c.to_club for c in claims),
        to_club_id=_most_common(c.to_club_id for c in claims),
        from_clubs=tuple(from_clubs),
        first_seen=min(dated) if dated else None,
        latest_seen=max(dated) if dated else None,
        status=sightings[latest].status,
        stage=sightings[latest].stage,
        fee=fees[-1] if fees else None,
        is_loan=sightings[latest].is_loan,
        sources=tuple(sources),
        sightings=tuple(sightings),
    )


def group_claims(stored: Iterable[StoredClaim]) -> list[RumourGroup]:
    """Group transfer claims by (person, destination); groups in order of first claim."""
    transfers = [item for item in stored if isinstance(item.claim, TransferClaim)]
    # A name linked to an entity in one claim joins that entity's group in the others too.
    linked: dict[str, str] = {}
    for item in transfers:
        claim = item.claim
        assert isinstance(claim, TransferClaim)
        for name, entity_id in ((claim.person, claim.person_id), (claim.to_club, claim.to_club_id)):
            folded = fold_key(name)
            if folded and entity_id:
                linked.setdefault(folded, entity_id)
    groups: dict[tuple[str, str], tuple[list[TransferClaim], list[Sighting]]] = {}
    for item in transfers:
        claim = item.claim
        assert isinstance(claim, TransferClaim)
        person_id = claim.person_id or linked.get(fold_key(claim.person) or "")
        to_club_id = claim.to_club_id or linked.get(fold_key(claim.to_club) or "")
        key = group_key_of(person_id, claim.person, to_club_id, claim.to_club)
        claims, sightings = groups.setdefault(key, ([], []))
        claims.append(claim)
        sightings.append(_sighting(item))
    return [build_group(claims, sightings) for claims, sightings in groups.values()]


def rumour_board(
    store: Store,
    *,
    player: str | None = None,
    club: str | None = None,
    status: str | None = None,
    source: str | None = None,
    since: date | None = None,
    as_of: date | None = None,
    limit: int | None = None,
) -> list[RumourGroup]:
    """Rumour groups, most recently reported first.

    `player` and `club` match names as case- and accent-insensitive substrings (`club` the
    origin or the destination); `source` and `since` choose which reports count; `as_of` shows
    the board as it stood that day; `status` keeps groups whose latest report has it.
    """
    claims = store.transfer_claims(
        person=player, club=club, source=source, since=since, as_of=as_of
    )
    groups = group_claims(claims)
    if status:
        groups = [g for g in groups if g.status == status.casefold()]
    groups.sort(
        key=lambda g: (g.latest_seen or date.min, len(g.sources), len(g.sightings)),
        reverse=True,
    )
    return groups[:limit] if limit is not None else groups

"""One transfer claim per move per article, whichever extractors found it.

Prose and a round-up list can both state "Mikey Place signed for Finn Harps"; the list also
names the club he left. The richer claim stands and the other is dropped, so an article counts
a move once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mercato.domain import Claim, ContractClaim, Status, TransferClaim
from mercato.kb.normalise import normalise_alias

_STATUS_RANK = {Status.OFF: 3, Status.DONE: 2, Status.RUMOUR: 1}


def person_key(name: str, full_names: Sequence[str]) -> str:
    """One key for a person's claims: a surname alone joins the full name that ends with it."""
    key = normalise_alias(name)
    for full in full_names:
        if full == key or full.endswith(" " + key):
            return full
    return key


def _club_key(claim: TransferClaim, to: bool) -> str | None:
    club_id = claim.to_club_id if to else claim.from_club_id
    name = claim.to_club if to else claim.from_club
    return club_id or (normalise_alias(name) if name else None)


def consolidate(claims: Sequence[Claim]) -> list[Claim]:
    """Merge transfer claims about the same (person, destination), keeping the richest."""
    renewals = _renewals(claims)
    claims = [c for c in claims if not (isinstance(c, TransferClaim) and _is_renewal(c, renewals))]
    transfers: list[TransferClaim] = [c for c in claims if isinstance(c, TransferClaim)]
    full_names = sorted(
        {normalise_alias(c.person) for c in transfers if " " in c.person}, key=lambda n: (-len(n), n)
    )
    groups: dict[tuple[str, str | None], list[TransferClaim]] = {}
    for transfer in transfers:
        key = (person_key(transfer.person, full_names), _club_key(transfer, to=True))
        groups.setdefault(key, []).append(transfer)
    merged: dict[int, TransferClaim] = {}
    for group in groups.values():
        best = max(group, key=_richness)
        origin = next((c for c in group if c.from_club), None)
        if best.from_club is None and origin is not None:
            best = replace(best, from_club=origin.from_club, from_club_id=origin.from_club_id)
        if best.fee is None:
            fee = next((c.fee for c in group if c.fee), None)
            best = replace(best, fee=fee) if fee else best
        if best.attribution is None:
            attribution = next((c.attribution for c in group if c.attribution), None)
            best = replace(best, attribution=attribution) if attribution else best
        longest = max(group, key=lambda c: len(c.person)).person
        merged[id(group[0])] = replace(best, person=longest)
    out: list[Claim] = []
    for claim in claims:
        if not isinstance(claim, TransferClaim):
            out.append(claim)
        elif id(claim) in merged:
            out.append(merged[id(claim)])
    return out


# A club offering a player a new deal, or talking or agreeing one with him, is his club: the same
# sentence read as a move to that club is the renewal misread.
_RENEWAL_ACTIONS = frozenset({"offer", "talks", "extension"})


def _renewals(claims: Sequence[Claim]) -> list[ContractClaim]:
    return [c for c in claims if isinstance(c, ContractClaim) and c.club and c.action in _RENEWAL_ACTIONS]


def _is_renewal(claim: TransferClaim, renewals: Sequence[ContractClaim]) -> bool:
    if claim.status is not Status.RUMOUR or claim.to_club is None or not renewals:
        return False
    span = claim.provenance.span
    for renewal in renewals:
        other = renewal.provenance.span
        if (
            normalise_alias(renewal.person) == normalise_alias(claim.person)
            and normalise_alias(renewal.club or "") == normalise_alias(claim.to_club)
            and span.start < other.end
            and other.start < span.end
        ):
            return True
    return False


def _richness(claim: TransferClaim) -> tuple[int, int, int]:
    # A round-up list states the move outright; prose around it is read less surely.
    is_listed = claim.provenance.extractor.startswith("transfer.lists.")
    return (_STATUS_RANK[claim.status], int(claim.from_club is not None), int(is_listed))

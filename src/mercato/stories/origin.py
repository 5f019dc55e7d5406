"""Who reported a story first, and how many independent sources stand behind it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from mercato.domain import TransferClaim
from mercato.stories.merge import Story, StoryClaim
from mercato.stories.sources import source_key, source_name

_WORD = re.compile(r"\w+")
# Two reports this alike, days apart, are one report copied (syndication without a "via").
COPY_SIMILARITY = 0.8
COPY_DAYS = 3


def source_label(claim: TransferClaim) -> str | None:
    """The original source as printed: the start of a "via" chain, else journalist or outlet.

    A name that is no source (a parsing leftover, a platform) gives way to the next one the
    claim states, the publishing outlet last.
    """
    names: list[str | None] = []
    if claim.attribution is not None:
        names += [claim.attribution.original, claim.attribution.journalist, claim.attribution.outlet]
    names.append(claim.provenance.outlet)
    for name in names:
        if name and source_key(name):
            return name
    return None


def carriers(claim: TransferClaim) -> tuple[str, ...]:
    """Every outlet that printed or passed on the claim: the chain and the publishing outlet."""
    names: list[str] = []
    if claim.attribution is not None:
        names.extend(claim.attribution.chain)
        names.extend(n for n in (claim.attribution.journalist, claim.attribution.outlet) if n)
    if claim.provenance.outlet:
        names.append(claim.provenance.outlet)
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(source_key(name), name)
    return tuple(seen.values())


@dataclass(frozen=True)
class Origin:
    """The first report of a story."""

    source: str | None
    source_key: str
    published: date
    claim_id: str
    chain: tuple[str, ...]


@dataclass(frozen=True)
class IndependentSource:
    """One independent report behind a story and everything that repeated it."""

    source: str
    source_key: str
    first_published: date
    claim_ids: tuple[str, ...]
    repeated_by: tuple[str, ...]


def first_reporter(story: Story) -> Origin:
    """The earliest dated claim's original source (same-day ties: the first one stored)."""
    first = story.claims[0]
    chain = first.claim.attribution.chain if first.claim.attribution else ()
    label = source_label(first.claim)
    return Origin(source_name(label), source_key(label), first.published, first.claim_id, chain)


def _words(claim: TransferClaim) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(claim.provenance.span.text))


def _is_copy(a: StoryClaim, b: StoryClaim) -> bool:
    """True when b reads as a copy of a: near-identical wording within a few days."""
    if abs((b.published - a.published).days) > COPY_DAYS:
        return False
    wa, wb = _words(a.claim), _words(b.claim)
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= COPY_SIMILARITY


@lru_cache(maxsize=8192)
def independent_sources(story: Story) -> tuple[IndependentSource, ...]:
    """Group claims by original source; chains and copies count once, under the first reporter."""
    groups: dict[str, list[StoryClaim]] = {}
    labels: dict[str, str] = {}
    leaders: list[StoryClaim] = []
    for member in story.claims:
        label = source_label(member.claim)
        key = source_key(label)
        if key not in groups:
            copied_from = next((lead for lead in leaders if _is_copy(lead, member)), None)
            if copied_from is not None:
                key = source_key(source_label(copied_from.claim))
        if key not in groups:
            groups[key] = []
            labels[key] = source_name(label) or "unattributed"
            leaders.append(member)
        groups[key].append(member)
    out = []
    for key, members in groups.items():
        repeaters: dict[str, str] = {}
        for member in members:
            for name in carriers(member.claim):
                if source_key(name) != key:
                    repeaters.setdefault(source_key(name), name)
        out.append(
            IndependentSource(
                source=labels[key],
                source_key=key,
                first_published=members[0].published,
                claim_ids=tuple(m.claim_id for m in members),
                repeated_by=tuple(repeaters.values()),
            )
        )
    return tuple(out)


def buzz(story: Story) -> int:
    """How many distinct outlets printed, cited or passed on the story (echoes included)."""
    keys = {source_key(source_label(m.claim)) for m in story.claims}
    for member in story.claims:
        keys.update(source_key(name) for name in carriers(member.claim))
    keys.discard("")
    return len(keys)


def source_keys(stories: Sequence[Story]) -> set[str]:
    """Every independent source key across stories."""
    return {s.source_key for story in stories for s in independent_sources(story)}

"""Rumour groups: transfer claims about one possible move (person, destination) seen as one story.

The API and the dashboard read stories through this module. It groups stored transfer claims by
(person, destination club) itself, so that pages work before the stories package has scored
anything; `mercato.api.scoring` then adds probability, stage and independent sources where the
stories package provides them.
"""

from __future__ import annotations

import base64
import binascii
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from mercato.domain import STAGE_ORDER, STAGE_STATUS, Fee, Stage, Status, TransferClaim, Window
from mercato.errors import NotFound
from mercato.store import StoredClaim
from mercato.store.board_tables import club_key as board_club_key
from mercato.store.board_tables import person_key as board_person_key

_STAGE_RANK = {stage: rank for rank, stage in enumerate(STAGE_ORDER)}
_KEY_SEPARATOR = "\x1f"
_ID_PREFIX = "m-"


@dataclass(frozen=True)
class StoryStep:
    """One dated claim on a story's timeline."""

    claim_id: int
    article_id: str
    published: date | None
    stage: Stage
    status: Status
    source: str | None  # the original source (first of the chain), else the outlet
    outlet: str | None
    fee: Fee | None
    evidence: str


@dataclass(frozen=True)
class StoryScore:
    """What the stories package says about a story; every field optional."""

    probability: float | None = None
    stage: Stage | None = None
    status: Status | None = None
    independent_sources: int | None = None
    first_reporter: str | None = None
    outcome: str | None = None  # happened, did_not_happen, or None while open
    story_id: str | None = None


@dataclass(frozen=True)
class StoryView:
    """A possible move with its timeline, as pages and the API show it."""

    id: str
    person: str
    person_id: str | None
    to_club: str | None
    to_club_id: str | None
    from_club: str | None
    from_club_id: str | None
    stage: Stage
    status: Status
    fee: Fee | None
    window: Window | None
    first_reported: date | None
    last_reported: date | None
    first_reporter: str | None
    sources: tuple[str, ...]  # distinct original sources, earliest first
    steps: tuple[StoryStep, ...]
    score: StoryScore | None = field(default=None)

    @property
    def probability(self) -> float | None:
        """The story's probability when the stories package has scored it."""
        return self.score.probability if self.score else None

    @property
    def independent_sources(self) -> int | None:
        """Independent sources as the stories package counts them (copies counted once)."""
        return self.score.independent_sources if self.score else None

    @property
    def is_open(self) -> bool:
        """A story is open while it is still a rumour."""
        return self.status == Status.RUMOUR

    @property
    def key(self) -> tuple[str, str]:
        """The (person, destination) key the story is grouped by."""
        return person_key(self.person_id, self.person), club_key(self.to_club_id, self.to_club)


def person_key(person_id: str | None, person: str) -> str:
    """The grouping key of a person: the stories package's folded name, else the id."""
    return board_person_key(person) or (person_id or "")


def club_key(club_id: str | None, club: str | None) -> str:
    """The grouping key of a club ("Man Utd" = "Manchester United"); empty for no club."""
    return board_club_key(club) or (club_id or "")


def story_id_for(person: str, club: str) -> str:
    """A URL-safe story id that encodes the (person, destination) key."""
    raw = f"{person}{_KEY_SEPARATOR}{club}".encode()
    return _ID_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def parse_story_id(story_id: str) -> tuple[str, str]:
    """The (person, destination) key a story id encodes; NotFound when it encodes none."""
    if not story_id.startswith(_ID_PREFIX):
        raise NotFound(f"story {story_id!r} does not exist")
    body = story_id[len(_ID_PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise NotFound(f"story {story_id!r} does not exist") from None
    person, sep, club = raw.partition(_KEY_SEPARATOR)
    if not sep or not person:
        raise NotFound(f"story {story_id!r} does not exist")
    return person, club


def claim_source(claim: TransferClaim) -> str | None:
    """The original source of a claim: its attribution's origin, else the outlet that carried it."""
    if claim.attribution is not None and claim.attribution.original:
        return claim.attribution.original
    return claim.provenance.outlet


def _step(stored: StoredClaim, claim: TransferClaim) -> StoryStep:
    return StoryStep(
        claim_id=stored.id,
        article_id=claim.provenance.article_id,
        published=claim.provenance.published,
        stage=claim.stage,
        status=claim.status,
        source=claim_source(claim),
        outlet=claim.provenance.outlet,
        fee=claim.fee,
        evidence=claim.provenance.span.text,
    )


def _step_order(step: StoryStep) -> tuple[date, int, int]:
    return (step.published or date.min, _STAGE_RANK.get(step.stage, 0), step.claim_id)


def _most_common(values: Iterable[str | None]) -> str | None:
    present = [v for v in values if v]
    if len(set(present)) <= 1:
        return present[0] if present else None
    return Counter(present).most_common(1)[0][0]


def build_story(
    claims: Sequence[tuple[StoredClaim, TransferClaim]], key: tuple[str, str] | None = None
) -> StoryView:
    """One story from the claims of one (person, destination) group."""
    first = claims[0][1]
    steps = tuple(sorted((_step(s, c) for s, c in claims), key=_step_order))
    latest = steps[-1]
    # The current stage is the latest step's; on the same day the furthest stage wins.
    stage = latest.stage
    with_fee = [s for s in steps if s.fee is not None]
    windows = [c.window for _, c in claims if c.window is not None]
    sources: list[str] = []
    for step in steps:
        if step.source and step.source not in sources:
            sources.append(step.source)
    p_key, c_key = key or (
        person_key(first.person_id, first.person),
        club_key(first.to_club_id, first.to_club),
    )
    dated = [s.published for s in steps if s.published is not None]
    return StoryView(
        id=story_id_for(p_key, c_key),
        person=_most_common(c.person for _, c in claims) or first.person,
        person_id=first.person_id,
        to_club=_most_common(c.to_club for _, c in claims),
        to_club_id=first.to_club_id,
        from_club=_most_common(c.from_club for _, c in claims),
        from_club_id=_most_common(c.from_club_id for _, c in claims),
        stage=stage,
        status=STAGE_STATUS.get(stage, latest.status),
        fee=with_fee[-1].fee if with_fee else None,
        window=max(windows, key=lambda w: (w.year, w.part)) if windows else None,
        first_reported=min(dated) if dated else None,
        last_reported=max(dated) if dated else None,
        first_reporter=steps[0].source,
        sources=tuple(sources),
        steps=steps,
    )


def group_claims(stored: Iterable[StoredClaim]) -> list[StoryView]:
    """Group transfer claims into stories by (person, destination club)."""
    groups: dict[tuple[str, str], list[tuple[StoredClaim, TransferClaim]]] = {}
    for item in stored:
        claim = item.claim
        if not isinstance(claim, TransferClaim):
            continue
        key = (person_key(claim.person_id, claim.person), club_key(claim.to_club_id, claim.to_club))
        groups.setdefault(key, []).append((item, claim))
    return [build_story(members, key) for key, members in groups.items()]

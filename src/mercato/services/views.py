"""The typed story every face shows: one possible move (person, destination, window).

Built from a merged `Story` and what the book knows about it (outcome and score), so the CLI,
the REST API, the web pages and the Python API show the same id, stage, probability and sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mercato.domain import STAGE_STATUS, Fee, Stage, Status, Window
from mercato.score.probability import RumourScore
from mercato.stories.merge import Story
from mercato.stories.origin import first_reporter, independent_sources, source_label
from mercato.stories.outcomes import Outcome, StoryOutcome
from mercato.stories.sources import source_name
from mercato.stories.timeline import latest_fee, settled_stage


@dataclass(frozen=True)
class CopyRef:
    """Another article carrying a report: a gossip page around its item, a syndicated copy."""

    claim_id: int
    article_id: str
    published: date
    outlet: str | None


@dataclass(frozen=True)
class StoryStep:
    """One dated claim on a story's timeline."""

    claim_id: int
    article_id: str
    published: date
    stage: Stage
    status: Status
    source: str | None  # the original source's canonical name (first of the chain), else the outlet's
    outlet: str | None
    fee: Fee | None
    evidence: str
    copies: tuple[CopyRef, ...] = ()  # the same report carried by other articles


@dataclass(frozen=True)
class StoryView:
    """A possible move with its timeline, outcome and score, as every face shows it."""

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
    window: Window
    first_reported: date
    last_reported: date
    first_reporter: str | None
    sources: tuple[str, ...]  # distinct sources in order of first report
    independent_sources: int  # copies and repeats counted once
    outcome: str  # "open", "happened" or "did not happen"
    outcome_reason: str
    resolved_on: date | None
    probability: float | None  # only while the story is open
    evidence: float | None
    buzz: int | None
    steps: tuple[StoryStep, ...]

    @property
    def is_open(self) -> bool:
        """A story is open until its outcome is known."""
        return self.outcome == Outcome.OPEN.value


def _most_common(values: Iterable[str | None]) -> str | None:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else None


def story_view(story: Story, outcome: StoryOutcome | None, score: RumourScore | None) -> StoryView:
    """The view of one story from what the book knows about it."""
    claims = [m.claim for m in story.claims]
    steps = tuple(
        StoryStep(
            claim_id=int(m.claim_id),
            article_id=m.claim.provenance.article_id,
            published=m.published,
            stage=m.claim.stage,
            status=m.claim.status,
            source=source_name(source_label(m.claim)),
            outlet=m.claim.provenance.outlet,
            fee=m.claim.fee,
            evidence=m.claim.provenance.span.text,
            copies=tuple(
                CopyRef(int(c.claim_id), c.claim.provenance.article_id, c.published, c.claim.provenance.outlet)
                for c in m.copies
            ),
        )
        for m in story.claims
    )
    stage = settled_stage(story, outcome)
    is_open = outcome is None or outcome.outcome == Outcome.OPEN
    return StoryView(
        id=story.id,
        person=story.person,
        person_id=_most_common(c.person_id for c in claims),
        to_club=story.to_club,
        to_club_id=_most_common(c.to_club_id for c in claims),
        from_club=story.from_club,
        from_club_id=_most_common(c.from_club_id for c in claims),
        stage=stage,
        status=STAGE_STATUS[stage],
        fee=latest_fee(story),
        window=story.window,
        first_reported=story.first_seen,
        last_reported=story.last_seen,
        first_reporter=first_reporter(story).source,
        sources=tuple(dict.fromkeys(s.source for s in steps if s.source)),
        independent_sources=len(independent_sources(story)),
        outcome=(outcome.outcome if outcome else Outcome.OPEN).value,
        outcome_reason=outcome.reason if outcome else "",
        resolved_on=outcome.resolved_on if outcome else None,
        probability=score.probability if score is not None and is_open else None,
        evidence=score.evidence if score is not None else None,
        buzz=score.buzz if score is not None else None,
        steps=steps,
    )

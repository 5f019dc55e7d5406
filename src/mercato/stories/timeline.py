"""A story's timeline: the stages it went through, with fees and the claims behind each step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mercato.domain import STAGE_ORDER, Fee, Stage
from mercato.stories.merge import Story
from mercato.stories.origin import source_label
from mercato.stories.outcomes import DONE_STAGES, TABLE_REASON, Outcome, StoryOutcome

_OFF = frozenset({Stage.DENIED, Stage.COLLAPSED})


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a story: a day, a stage, and the claims that said so."""

    published: date
    stage: Stage
    status: str
    fee: Fee | None
    source: str | None
    outlet: str | None
    claim_id: str
    evidence: str


def timeline(story: Story) -> list[TimelineEntry]:
    """Every claim of a story as a dated step, oldest first."""
    return [
        TimelineEntry(
            published=m.published,
            stage=m.claim.stage,
            status=str(m.claim.status),
            fee=m.claim.fee,
            source=source_label(m.claim),
            outlet=m.claim.provenance.outlet,
            claim_id=m.claim_id,
            evidence=m.claim.provenance.span.text,
        )
        for m in story.claims
    ]


def current_stage(story: Story) -> Stage:
    """Furthest stage reached; a later denial or collapse sets it back until news revives it."""
    current: Stage | None = None
    for member in story.claims:
        stage = member.claim.stage
        if stage in _OFF or current is None or current in _OFF or STAGE_ORDER.index(stage) > STAGE_ORDER.index(current):
            current = stage
    assert current is not None
    return current


def settled_stage(story: Story, outcome: StoryOutcome | None) -> Stage:
    """The stage to show beside a story's outcome.

    A move that did not happen shows the stage it had reached when it was settled (a rival's
    deal, a renewal): later claims do not advance a closed move, and a deal reported but never
    done is shown as collapsed. A move that happened shows the furthest stage reported (a stray
    denial does not undo it), at least signed when the completed-transfer tables record it.
    Otherwise the current stage.
    """
    if outcome is None or outcome.outcome == Outcome.OPEN:
        return current_stage(story)
    if outcome.outcome == Outcome.HAPPENED:
        reached = [m.claim.stage for m in story.claims if m.claim.stage not in _OFF]
        if outcome.reason == TABLE_REASON:
            reached.append(Stage.SIGNED)
        return max(reached, key=STAGE_ORDER.index) if reached else current_stage(story)
    cut = story.as_of(outcome.resolved_on) if outcome.resolved_on is not None else None
    stage = current_stage(cut or story)
    return Stage.COLLAPSED if stage in DONE_STAGES else stage


def has_denial(story: Story) -> bool:
    """True when any claim of the story denies it or says it collapsed."""
    return any(m.claim.stage in _OFF for m in story.claims)


def latest_fee(story: Story) -> Fee | None:
    """The most recent figure put on the move."""
    fees = [m.claim.fee for m in story.claims if m.claim.fee is not None]
    return fees[-1] if fees else None


def format_fee(fee: Fee | None) -> str:
    """"£45m" style text for a fee (empty when none)."""
    if fee is None:
        return ""
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(fee.currency, fee.currency + " ")
    amount = fee.amount / 1_000_000
    text = f"{symbol}{amount:.0f}m" if amount >= 1 else f"{symbol}{fee.amount:,.0f}"
    return f"~{text}" if fee.is_approximate else text


def render_timeline(story: Story, width: int = 100) -> list[str]:
    """The timeline as text lines for a terminal: date, a stage marker, stage, fee, source."""
    lines = []
    for entry in timeline(story):
        marker = "x" if entry.stage in _OFF else ("*" if entry.status == "done" else "o")
        fee = format_fee(entry.fee)
        head = f"{entry.published.isoformat()}  {marker}  {entry.stage.value:<13} {fee:>7}  "
        source = entry.source or "unattributed"
        if entry.outlet and entry.outlet != entry.source:
            source = f"{source} (via {entry.outlet})"
        lines.append((head + source)[:width])
        lines.append(("             |  " + entry.evidence.replace("\n", " "))[:width])
    return lines

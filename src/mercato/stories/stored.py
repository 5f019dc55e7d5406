"""Stories saved in the store and read back, and the stored claims stories are built from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from mercato.domain import ContractClaim, TransferClaim
from mercato.kb.keys import club_key
from mercato.store.database import Store
from mercato.store.story_tables import StoryRowSet, read_stories, replace_stories
from mercato.stories.merge import Story, StoryClaim
from mercato.stories.origin import buzz, first_reporter, independent_sources
from mercato.stories.outcomes import Outcome, StoryOutcome
from mercato.stories.timeline import settled_stage


@dataclass(frozen=True)
class SavedStory:
    """A story row as saved: the summary, the claim refs in order, and its outcome."""

    id: str
    person: str
    to_club: str | None
    from_club: str | None
    window: str
    first_seen: date
    last_seen: date
    first_reporter: str | None
    independent_sources: int
    buzz: int
    stage: str
    as_of: date
    claim_refs: tuple[str, ...]
    outcome: StoryOutcome | None


def _story_row(story: Story, outcome: StoryOutcome | None, as_of: date, now: datetime) -> dict[str, Any]:
    return {
        "id": story.id, "person": story.person, "person_key": story.person_key,
        "to_club": story.to_club, "to_club_key": story.to_club_key,
        "from_club": story.from_club, "from_club_key": club_key(story.from_club),
        "window": story.window.label,
        "first_seen": story.first_seen, "last_seen": story.last_seen,
        "first_reporter": first_reporter(story).source,
        "independent_sources": len(independent_sources(story)), "buzz": buzz(story),
        "stage": settled_stage(story, outcome).value, "as_of": as_of, "saved_at": now,
    }


@dataclass(frozen=True)
class StoredScore:
    """A story's numbers as saved with it (the probability counts only while it is open)."""

    probability: float
    evidence: float
    buzz: int


def _member_row(story_id: str, member: StoryClaim, position: int, copy_of: str | None) -> dict[str, Any]:
    return {
        "story_id": story_id, "claim_ref": member.claim_id, "position": position, "copy_of": copy_of,
        "stage_dropped": member.stage_dropped, "fee_dropped": member.fee_dropped,
    }


def story_rows(
    items: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    as_of: date,
    scores: Mapping[str, StoredScore] | None = None,
) -> StoryRowSet:
    """The rows of the story tables for these stories."""
    now = datetime.now(UTC)
    summaries, claim_rows, outcome_rows, members, score_rows = [], [], [], [], []
    for story in items:
        summaries.append(_story_row(story, outcomes.get(story.id), as_of, now))
        position = 0
        for index, member in enumerate(story.claims):
            claim_rows.append({
                "story_id": story.id, "claim_ref": member.claim_id, "position": index,
                "published": member.published,
                "source": member.claim.attribution.original if member.claim.attribution else None,
            })
            members.append(_member_row(story.id, member, position, None))
            position += 1
            for copy in member.copies:
                members.append(_member_row(story.id, copy, position, member.claim_id))
                position += 1
        outcome = outcomes.get(story.id)
        if outcome is not None:
            outcome_rows.append({
                "story_id": story.id, "outcome": outcome.outcome.value,
                "resolved_on": outcome.resolved_on, "reason": outcome.reason, "as_of": as_of,
            })
        score = (scores or {}).get(story.id)
        if score is not None:
            score_rows.append({
                "story_id": story.id, "probability": score.probability, "evidence": score.evidence,
                "buzz": score.buzz,
            })
    return StoryRowSet(summaries, claim_rows, outcome_rows, members, score_rows)


def save_stories(
    store: Store,
    items: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    as_of: date,
    scores: Mapping[str, StoredScore] | None = None,
) -> int:
    """Save stories (replacing earlier saves of the same ids) in one transaction; returns the count."""
    replace_stories(store, story_rows(items, outcomes, as_of=as_of, scores=scores))
    return len(items)


def load_stories(store: Store, *, person_key: str | None = None, limit: int | None = None) -> list[SavedStory]:
    """Saved stories (newest first), with their claim refs and outcomes."""
    saved = []
    for rows in read_stories(store, person_key=person_key, limit=limit):
        r, out = rows.story, rows.outcome
        outcome = (
            StoryOutcome(out["story_id"], Outcome(out["outcome"]), out["resolved_on"], out["reason"])
            if out is not None else None
        )
        saved.append(SavedStory(
            id=r["id"], person=r["person"], to_club=r["to_club"], from_club=r["from_club"],
            window=r["window"], first_seen=r["first_seen"], last_seen=r["last_seen"],
            first_reporter=r["first_reporter"], independent_sources=r["independent_sources"],
            buzz=r["buzz"], stage=r["stage"], as_of=r["as_of"], claim_refs=rows.claim_refs,
            outcome=outcome,
        ))
    return saved

@dataclass(frozen=True)
class StoryInputs:
    """What stories are built from: dated transfer claims and contract claims, as of a day."""

    transfers: tuple[tuple[str, TransferClaim], ...]
    contracts: tuple[ContractClaim, ...]


def story_inputs(store: Store, *, as_of: date | None = None, person: str | None = None) -> StoryInputs:
    """Transfer claims (ids as text) and contract claims published on or before `as_of`."""
    transfers = tuple(
        (str(stored.id), stored.claim)
        for stored in store.transfer_claims(as_of=as_of, person=person)
        if isinstance(stored.claim, TransferClaim)
    )
    contracts = tuple(
        stored.claim
        for stored in store.claims(claim_type="contract")
        if isinstance(stored.claim, ContractClaim)
        and stored.claim.provenance.published is not None
        and (as_of is None or stored.claim.provenance.published <= as_of)
    )
    return StoryInputs(transfers, contracts)

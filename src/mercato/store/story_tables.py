"""Stories in the store: `stories`, `story_claims` and `story_outcomes`, saved and read back.

Stories are derived data: they are recomputed from the claims (as of a day) and saved whole,
replacing what was saved before for the same ids, so saving twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)

from mercato.domain import ContractClaim, TransferClaim
from mercato.store.database import Store
from mercato.store.schema import metadata
from mercato.stories.merge import Story
from mercato.stories.origin import buzz, first_reporter, independent_sources
from mercato.stories.outcomes import Outcome, StoryOutcome
from mercato.stories.timeline import current_stage

stories = Table(
    "stories",
    metadata,
    Column("id", String(300), primary_key=True),
    Column("person", Text, nullable=False),
    Column("person_key", Text, nullable=False),
    Column("to_club", Text),
    Column("to_club_key", Text),
    Column("from_club", Text),
    Column("window", String(32), nullable=False),
    Column("first_seen", Date, nullable=False),
    Column("last_seen", Date, nullable=False),
    Column("first_reporter", Text),
    Column("independent_sources", Integer, nullable=False),
    Column("buzz", Integer, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Index("ix_stories_person_key", "person_key"),
    Index("ix_stories_to_club_key", "to_club_key"),
)

story_claims = Table(
    "story_claims",
    metadata,
    Column("story_id", String(300), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_ref", String(300), primary_key=True),  # store claim id, or "<item>#<n>"
    Column("position", Integer, nullable=False),
    Column("published", Date, nullable=False),
    Column("source", Text),
    Index("ix_story_claims_claim_ref", "claim_ref"),
)

story_outcomes = Table(
    "story_outcomes",
    metadata,
    Column("story_id", String(300), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("outcome", String(32), nullable=False),
    Column("resolved_on", Date),
    Column("reason", Text, nullable=False),
    Column("as_of", Date, nullable=False),
)

STORY_TABLES = (stories, story_claims, story_outcomes)


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


def ensure_story_tables(store: Store) -> None:
    """Create the story tables if this store does not have them yet."""
    metadata.create_all(store.engine, tables=list(STORY_TABLES))


def save_stories(
    store: Store,
    items: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    as_of: date,
) -> int:
    """Save stories (replacing earlier saves of the same ids) in one transaction; returns the count."""
    ensure_story_tables(store)
    now = datetime.now(UTC)
    ids = [s.id for s in items]
    with store.engine.begin() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            conn.execute(delete(story_claims).where(story_claims.c.story_id.in_(chunk)))
            conn.execute(delete(story_outcomes).where(story_outcomes.c.story_id.in_(chunk)))
            conn.execute(delete(stories).where(stories.c.id.in_(chunk)))
        story_rows, claim_rows, outcome_rows = [], [], []
        for story in items:
            origin = first_reporter(story)
            story_rows.append({
                "id": story.id, "person": story.person, "person_key": story.person_key,
                "to_club": story.to_club, "to_club_key": story.to_club_key,
                "from_club": story.from_club, "window": story.window.label,
                "first_seen": story.first_seen, "last_seen": story.last_seen,
                "first_reporter": origin.source,
                "independent_sources": len(independent_sources(story)), "buzz": buzz(story),
                "stage": current_stage(story).value, "as_of": as_of, "saved_at": now,
            })
            for position, member in enumerate(story.claims):
                claim_rows.append({
                    "story_id": story.id, "claim_ref": member.claim_id, "position": position,
                    "published": member.published,
                    "source": member.claim.attribution.original if member.claim.attribution else None,
                })
            outcome = outcomes.get(story.id)
            if outcome is not None:
                outcome_rows.append({
                    "story_id": story.id, "outcome": outcome.outcome.value,
                    "resolved_on": outcome.resolved_on, "reason": outcome.reason, "as_of": as_of,
                })
        for table, rows in ((stories, story_rows), (story_claims, claim_rows), (story_outcomes, outcome_rows)):
            if rows:
                conn.execute(insert(table), rows)
    return len(items)


def load_stories(store: Store, *, person_key: str | None = None, limit: int | None = None) -> list[SavedStory]:
    """Saved stories (newest first), with their claim refs and outcomes."""
    ensure_story_tables(store)
    query = select(stories).order_by(stories.c.last_seen.desc(), stories.c.id)
    if person_key is not None:
        query = query.where(stories.c.person_key == person_key)
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        ids = [r["id"] for r in rows]
        refs: dict[str, list[str]] = {i: [] for i in ids}
        outs: dict[str, StoryOutcome] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for ref in conn.execute(
                select(story_claims).where(story_claims.c.story_id.in_(chunk))
                .order_by(story_claims.c.story_id, story_claims.c.position)
            ).mappings():
                refs[ref["story_id"]].append(ref["claim_ref"])
            for out in conn.execute(select(story_outcomes).where(story_outcomes.c.story_id.in_(chunk))).mappings():
                outs[out["story_id"]] = StoryOutcome(
                    out["story_id"], Outcome(out["outcome"]), out["resolved_on"], out["reason"]
                )
    return [
        SavedStory(
            id=r["id"], person=r["person"], to_club=r["to_club"], from_club=r["from_club"],
            window=r["window"], first_seen=r["first_seen"], last_seen=r["last_seen"],
            first_reporter=r["first_reporter"], independent_sources=r["independent_sources"],
            buzz=r["buzz"], stage=r["stage"], as_of=r["as_of"], claim_refs=tuple(refs[r["id"]]),
            outcome=outs.get(r["id"]),
        )
        for r in rows
    ]


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

"""Stories in the store: the `stories`, `story_claims` and `story_outcomes` tables, as plain rows.

Stories are derived data: `mercato.stories.stored` turns stories into these rows and back; a save
replaces what was saved before for the same ids, so saving twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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
    or_,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

from mercato.errors import StoreError
from mercato.store import schema
from mercato.store.codec import fold_key, row_to_claim
from mercato.store.database import Store, StoredClaim, database_reason
from mercato.store.schema import metadata

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



_CHUNK = 500
_LIKE_SLICE = 200


@dataclass(frozen=True)
class StoryRows:
    """One saved story as rows: its summary, its claim refs in order, and its outcome if known."""

    story: Mapping[str, Any]
    claim_refs: tuple[str, ...]
    outcome: Mapping[str, Any] | None


def ensure_story_tables(store: Store) -> None:
    """Create the story tables if this store does not have them yet."""
    metadata.create_all(store.engine, tables=list(STORY_TABLES))


def replace_stories(
    store: Store,
    story_rows: Sequence[Mapping[str, Any]],
    claim_rows: Sequence[Mapping[str, Any]],
    outcome_rows: Sequence[Mapping[str, Any]],
) -> None:
    """Replace the saved rows of these stories (by id) in one transaction."""
    ensure_story_tables(store)
    ids = [row["id"] for row in story_rows]
    with store.engine.begin() as conn:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            conn.execute(delete(story_claims).where(story_claims.c.story_id.in_(chunk)))
            conn.execute(delete(story_outcomes).where(story_outcomes.c.story_id.in_(chunk)))
            conn.execute(delete(stories).where(stories.c.id.in_(chunk)))
        for table, rows in ((stories, story_rows), (story_claims, claim_rows), (story_outcomes, outcome_rows)):
            if rows:
                conn.execute(insert(table), list(rows))


def read_stories(store: Store, *, person_key: str | None = None, limit: int | None = None) -> list[StoryRows]:
    """Saved stories (newest first) as rows, with their claim refs and outcomes."""
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
        outs: dict[str, Mapping[str, Any]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for ref in conn.execute(
                select(story_claims).where(story_claims.c.story_id.in_(chunk))
                .order_by(story_claims.c.story_id, story_claims.c.position)
            ).mappings():
                refs[ref["story_id"]].append(ref["claim_ref"])
            for out in conn.execute(select(story_outcomes).where(story_outcomes.c.story_id.in_(chunk))).mappings():
                outs[out["story_id"]] = dict(out)
    return [StoryRows(dict(r), tuple(refs[r["id"]]), outs.get(r["id"])) for r in rows]


def stored_person_keys(store: Store, *, keys: Sequence[str] = (), surnames: Sequence[str] = ()) -> set[str]:
    """Person keys of saved stories: these keys, and every key ending in one of these surnames."""
    ensure_story_tables(store)
    column = stories.c.person_key
    keys = list(keys)
    patterns = [f"% {s}" for s in surnames if s and "%" not in s and "_" not in s]
    found: set[str] = set()
    # In slices: a batch of a whole corpus names thousands of people, and one OR of thousands
    # of LIKEs is deeper than SQLite lets an expression be.
    with store.engine.connect() as conn:
        for start in range(0, len(keys), _CHUNK):
            found.update(conn.scalars(select(column).where(column.in_(keys[start : start + _CHUNK])).distinct()))
        for start in range(0, len(patterns), _LIKE_SLICE):
            likes = [column.like(p) for p in patterns[start : start + _LIKE_SLICE]]
            found.update(conn.scalars(select(column).where(or_(*likes)).distinct()))
    return found


def delete_stories_of(store: Store, person_keys: Collection[str]) -> set[str]:
    """Delete the saved stories of these people; returns the ids deleted."""
    ensure_story_tables(store)
    keys = sorted(person_keys)
    deleted: set[str] = set()
    with store.engine.begin() as conn:
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            ids = list(conn.scalars(select(stories.c.id).where(stories.c.person_key.in_(chunk))))
            for offset in range(0, len(ids), _CHUNK):
                part = ids[offset : offset + _CHUNK]
                conn.execute(delete(story_claims).where(story_claims.c.story_id.in_(part)))
                conn.execute(delete(story_outcomes).where(story_outcomes.c.story_id.in_(part)))
                conn.execute(delete(stories).where(stories.c.id.in_(part)))
            deleted.update(ids)
    return deleted


def clear_stories(store: Store) -> None:
    """Delete every saved story (before a rebuild)."""
    ensure_story_tables(store)
    with store.engine.begin() as conn:
        for table in (story_claims, story_outcomes, stories):
            conn.execute(delete(table))


def contracts_of(store: Store, names: Collection[str]) -> list[StoredClaim]:
    """Contract claims about people written exactly as these names (folded), oldest first."""
    keys = sorted({k for k in (fold_key(n) for n in names) if k})
    found: list[StoredClaim] = []
    table = schema.claims
    with store.engine.connect() as conn:
        for start in range(0, len(keys), _CHUNK):
            query = select(table).where(
                table.c.claim_type == "contract", table.c.person_key.in_(keys[start : start + _CHUNK])
            )
            found += [StoredClaim(r.id, row_to_claim(dict(r._mapping))) for r in conn.execute(query)]
    return sorted(found, key=lambda s: s.id)


# Any constant; the same in every Mercato process (copies and migrations use others).
_PG_STORY_LOCK_KEY = 0x4D53544F  # "MSTO"


def replace_people_stories(
    store: Store,
    person_keys: Collection[str],
    story_rows: Sequence[Mapping[str, Any]],
    claim_rows: Sequence[Mapping[str, Any]],
    outcome_rows: Sequence[Mapping[str, Any]],
) -> set[str]:
    """In one transaction: delete these people's saved stories and save the given rows in their place.

    Two ingests refreshing one person at once would each delete and insert the same ids, so on
    PostgreSQL refreshes are serialised by a lock held to the end of the transaction (SQLite lets
    one writer in at a time). Returns the ids deleted.
    """
    ensure_story_tables(store)
    keys = sorted(set(person_keys) | {row["person_key"] for row in story_rows})
    ids = [row["id"] for row in story_rows]
    deleted: set[str] = set()
    try:
        with store.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_STORY_LOCK_KEY})
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                deleted.update(conn.scalars(select(stories.c.id).where(stories.c.person_key.in_(chunk))))
            doomed = sorted(deleted | set(ids))
            for start in range(0, len(doomed), _CHUNK):
                part = doomed[start : start + _CHUNK]
                conn.execute(delete(story_claims).where(story_claims.c.story_id.in_(part)))
                conn.execute(delete(story_outcomes).where(story_outcomes.c.story_id.in_(part)))
                conn.execute(delete(stories).where(stories.c.id.in_(part)))
            for table, rows in ((stories, story_rows), (story_claims, claim_rows), (story_outcomes, outcome_rows)):
                if rows:
                    conn.execute(insert(table), list(rows))
    except SQLAlchemyError as exc:
        raise StoreError(f"could not save stories: {database_reason(exc)}") from exc
    return deleted

"""Stories in the store, as plain rows: `stories` (one summary each), `story_claims` (its
reports), `story_members` (reports and copies, as the faces open them), `story_outcomes`,
`story_scores`, and `story_model` (the probability model they were scored with).

Stories are derived data: `mercato.stories.stored` turns stories into these rows and back; a save
replaces what was saved before for the same ids, so saving twice changes nothing. All are new
tables, created by `upgrade` on old stores (no migration step); an old store's stories are
scored after `mercato stories rebuild` or its next ingest.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from weakref import WeakSet

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
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
    # `club_key(from_club)`: a club page finds the moves out of a club by it. Added by migration
    # 0004 (which also indexes it), so it may be NULL in rows an older version saved.
    Column("from_club_key", Text),
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
    Index("ix_stories_last_seen", "last_seen"),  # the board's latest-first order, read a page at a time
    Index("ix_stories_saved_at", "saved_at"),  # `saved_version`
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

# The members of a saved story as the faces show them: each report and each copy (`copy_of`
# names the report it repeats), with what the buyer rule took off the stored claim.
story_members = Table(
    "story_members",
    metadata,
    Column("story_id", String(300), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_ref", String(300), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("copy_of", String(300)),
    Column("stage_dropped", Boolean, nullable=False),
    Column("fee_dropped", Boolean, nullable=False),
    Index("ix_story_members_claim_ref", "claim_ref"),
)

# A saved story's numbers when it was saved: the probability the saved model gives it, the
# evidence its sources add and its buzz.
story_scores = Table(
    "story_scores",
    metadata,
    Column("story_id", String(300), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("probability", Float, nullable=False),
    Column("evidence", Float, nullable=False),
    Column("buzz", Integer, nullable=False),
    Index("ix_story_scores_probability", "probability"),
)

# The probability model saved stories are scored with, refitted when the stories are rebuilt.
story_model = Table(
    "story_model",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("as_of", Date, nullable=False),
    Column("stories", Integer, nullable=False),  # how many stories it was fitted on
    Column("payload", Text, nullable=False),  # JSON: the model, source records, base rate
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

STORY_TABLES = (stories, story_claims, story_outcomes, story_members, story_scores, story_model)
# Tables whose rows belong to one story, deleted with it.
_STORY_CHILDREN = (story_claims, story_outcomes, story_members, story_scores)



_CHUNK = 500
_LIKE_SLICE = 200


@dataclass(frozen=True)
class StoryRows:
    """One saved story as rows: its summary, its claim refs in order, and its outcome if known."""

    story: Mapping[str, Any]
    claim_refs: tuple[str, ...]
    outcome: Mapping[str, Any] | None


# Engines whose story tables are known to exist: checking costs a query per table, per read.
_ensured: WeakSet[Engine] = WeakSet()


def ensure_story_tables(store: Store) -> None:
    """Create the story tables if this store does not have them yet (checked once per engine)."""
    if store.engine in _ensured:
        return
    metadata.create_all(store.engine, tables=list(STORY_TABLES))
    _ensured.add(store.engine)


@dataclass(frozen=True)
class StoryRowSet:
    """Rows of stories to save: one list per story table (`stories` first)."""

    stories: Sequence[Mapping[str, Any]]
    claims: Sequence[Mapping[str, Any]] = ()
    outcomes: Sequence[Mapping[str, Any]] = ()
    members: Sequence[Mapping[str, Any]] = ()
    scores: Sequence[Mapping[str, Any]] = ()

    def tables(self) -> tuple[tuple[Table, Sequence[Mapping[str, Any]]], ...]:
        return (
            (stories, self.stories), (story_claims, self.claims), (story_outcomes, self.outcomes),
            (story_members, self.members), (story_scores, self.scores),
        )  # fmt: skip


def _delete_ids(conn: Connection, ids: Sequence[str]) -> None:
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for table in _STORY_CHILDREN:
            conn.execute(delete(table).where(table.c.story_id.in_(chunk)))
        conn.execute(delete(stories).where(stories.c.id.in_(chunk)))


def _insert(conn: Connection, rows: StoryRowSet) -> None:
    for table, table_rows in rows.tables():
        if table_rows:
            conn.execute(insert(table), list(table_rows))


def replace_stories(store: Store, rows: StoryRowSet) -> None:
    """Replace the saved rows of these stories (by id) in one transaction."""
    ensure_story_tables(store)
    with store.engine.begin() as conn:
        _delete_ids(conn, [row["id"] for row in rows.stories])
        _insert(conn, rows)


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
            _delete_ids(conn, ids)
            deleted.update(ids)
    return deleted


def clear_stories(store: Store) -> None:
    """Delete every saved story (before a rebuild)."""
    ensure_story_tables(store)
    with store.engine.begin() as conn:
        for table in (*_STORY_CHILDREN, stories):
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


def replace_people_stories(store: Store, person_keys: Collection[str], rows: StoryRowSet) -> set[str]:
    """In one transaction: delete these people's saved stories and save the given rows in their place.

    Two ingests refreshing one person at once would each delete and insert the same ids, so on
    PostgreSQL refreshes are serialised by a lock held to the end of the transaction (SQLite lets
    one writer in at a time). Returns the ids deleted.
    """
    ensure_story_tables(store)
    keys = sorted(set(person_keys) | {row["person_key"] for row in rows.stories})
    ids = [row["id"] for row in rows.stories]
    deleted: set[str] = set()
    try:
        with store.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_STORY_LOCK_KEY})
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                deleted.update(conn.scalars(select(stories.c.id).where(stories.c.person_key.in_(chunk))))
            _delete_ids(conn, sorted(deleted | set(ids)))
            _insert(conn, rows)
    except SQLAlchemyError as exc:
        raise StoreError(f"could not save stories: {database_reason(exc)}") from exc
    return deleted


def replace_all_stories(store: Store, chunks: Iterable[StoryRowSet], progress: Callable[[int], None] | None = None) -> int:
    """In one transaction: delete every saved story and save these in their place (a rebuild).

    Serialised on PostgreSQL with the refreshes (two ingests may both find the model missing and
    rebuild at once). Returns how many stories were saved; `progress` hears the count so far.
    """
    ensure_story_tables(store)
    saved = 0
    try:
        with store.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_STORY_LOCK_KEY})
            for table in (*_STORY_CHILDREN, stories):
                conn.execute(delete(table))
            for rows in chunks:
                _insert(conn, rows)
                saved += len(rows.stories)
                if progress is not None:
                    progress(saved)
    except SQLAlchemyError as exc:
        raise StoreError(f"could not save stories: {database_reason(exc)}") from exc
    return saved


def save_story_model(store: Store, *, as_of: date, count: int, payload: str) -> None:
    """Save the probability model the stories are scored with (replacing the one saved before)."""
    ensure_story_tables(store)
    try:
        with store.engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # two ingests may refit at once
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_STORY_LOCK_KEY})
            conn.execute(delete(story_model))
            conn.execute(insert(story_model), [{
                "id": 1, "as_of": as_of, "stories": count, "payload": payload, "saved_at": datetime.now(UTC),
            }])  # fmt: skip
    except SQLAlchemyError as exc:
        raise StoreError(f"could not save the story model: {database_reason(exc)}") from exc


def load_story_model(store: Store) -> Mapping[str, Any] | None:
    """The saved probability model's row (`as_of`, `stories`, `payload`), if one was saved."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        row = conn.execute(select(story_model).where(story_model.c.id == 1)).mappings().first()
    return dict(row) if row is not None else None


def has_story_model(store: Store) -> bool:
    """True when a probability model is saved (the stories were saved scored)."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        return conn.scalar(select(story_model.c.id).where(story_model.c.id == 1)) is not None


def count_stories(store: Store) -> int:
    """How many stories are saved."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(stories)) or 0)


def open_people_of_windows(store: Store, windows: Collection[str]) -> set[str]:
    """Person keys of saved stories still open in these windows (labels such as "2022 summer")."""
    ensure_story_tables(store)
    if not windows:
        return set()
    query = (
        select(stories.c.person_key).distinct()
        .join(story_outcomes, story_outcomes.c.story_id == stories.c.id)
        .where(stories.c.window.in_(sorted(windows)), story_outcomes.c.outcome == "open")
    )  # fmt: skip
    with store.engine.connect() as conn:
        return set(conn.scalars(query))


def saved_windows(store: Store) -> set[str]:
    """The window labels of saved stories."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        return set(conn.scalars(select(stories.c.window).distinct()))


def read_summaries(
    store: Store,
    *,
    ids: Sequence[str] | None = None,
    id_prefix: str | None = None,
    person_keys: Sequence[str] | None = None,
    person_key_like: str | None = None,
) -> list[dict[str, Any]]:
    """Saved stories' rows with their outcome (`outcome`, `resolved_on`, `reason`) and score
    (`probability`, `evidence`, `score_buzz`), None where missing: every story, or those with
    these ids, this id prefix, these person keys, or a person key containing this text."""
    ensure_story_tables(store)
    query = _summary_query()
    if ids is not None:
        query = query.where(stories.c.id.in_(list(ids)))
    if id_prefix is not None:
        query = query.where(stories.c.id.startswith(id_prefix, autoescape=True))
    if person_keys is not None:
        query = query.where(stories.c.person_key.in_(list(person_keys)))
    if person_key_like is not None:
        query = query.where(stories.c.person_key.contains(person_key_like, autoescape=True))
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def saved_version(store: Store) -> str:
    """A value that changes whenever stories are saved: the newest save time (one index look-up;
    counting the stories too read every row, 0.1 s at a million claims). A save that only
    deletes leaves it as it was, which is harmless to what is kept by it: views of stories by
    id, and a deleted id is no longer asked for."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        return str(conn.scalar(select(func.max(stories.c.saved_at))))


def read_members(store: Store, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The member rows of these saved stories, in order (reports and their copies)."""
    ensure_story_tables(store)
    found: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    with store.engine.connect() as conn:
        for start in range(0, len(ids), _CHUNK):
            query = (
                select(story_members).where(story_members.c.story_id.in_(ids[start : start + _CHUNK]))
                .order_by(story_members.c.story_id, story_members.c.position)
            )  # fmt: skip
            for row in conn.execute(query).mappings():
                found[row["story_id"]].append(dict(row))
    return found


def story_ids_by_claim(store: Store) -> dict[str, str]:
    """Claim ref -> the saved story it belongs to (reports and copies)."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        rows = conn.execute(select(story_members.c.claim_ref, story_members.c.story_id))
        return {ref: story_id for ref, story_id in rows}


def _summary_query() -> Any:
    """Saved stories' rows joined with their outcome and score (as `read_summaries` reads them)."""
    return (
        select(
            stories,
            story_outcomes.c.outcome, story_outcomes.c.resolved_on, story_outcomes.c.reason,
            story_scores.c.probability, story_scores.c.evidence, story_scores.c.buzz.label("score_buzz"),
        )
        .outerjoin(story_outcomes, story_outcomes.c.story_id == stories.c.id)
        .outerjoin(story_scores, story_scores.c.story_id == stories.c.id)
    )  # fmt: skip


def _is_open() -> ColumnElement[bool]:
    return or_(story_outcomes.c.outcome.is_(None), story_outcomes.c.outcome == "open")


def club_keys_named(store: Store, key: str) -> set[str]:
    """The club keys a folded club name asks for: itself when a saved story has it (as
    destination or origin), else every saved club key containing it."""
    ensure_story_tables(store)
    if not key:
        return set()
    with store.engine.connect() as conn:
        for column in (stories.c.to_club_key, stories.c.from_club_key):
            if conn.scalar(select(column).where(column == key).limit(1)) is not None:
                return {key}
        found: set[str] = set()
        for column in (stories.c.to_club_key, stories.c.from_club_key):
            found.update(
                k
                for k in conn.scalars(
                    select(column).where(column.contains(key, autoescape=True)).distinct()
                )
                if k
            )
    return found


def club_names_shown(store: Store) -> set[tuple[str, str | None]]:
    """Every club key the saved stories hold with the name they show it under (destinations
    and origins): a few thousand pairs, read when a name is neither a key nor part of one."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        found = list(conn.execute(select(stories.c.to_club_key, stories.c.to_club).distinct()))
        found += conn.execute(select(stories.c.from_club_key, stories.c.from_club).distinct())
    return {(str(k), n) for k, n in found if k}


def person_names_shown(store: Store) -> set[tuple[str, str | None]]:
    """Every person key the saved stories hold with the name they show it under."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        rows = conn.execute(select(stories.c.person_key, stories.c.person).distinct())
        return {(str(k), n) for k, n in rows if k}


ClubDirection = Literal["in", "out"]


def _club_where(keys: Sequence[str], direction: ClubDirection | None) -> ColumnElement[bool]:
    """Stories moving into or out of these club keys (only into them, or only out of them and
    not into them, when `direction` says so): the rule of `mercato.services.names.moves_asked`."""
    keys = tuple(keys)
    if not keys:
        return literal(False)
    into = stories.c.to_club_key.in_(keys)  # one index search
    if direction == "in":
        return into
    out_of = stories.c.from_club_key.in_(keys)
    if direction == "out":
        return and_(out_of, func.coalesce(stories.c.to_club_key, "").not_in(keys))
    return or_(into, out_of)


@dataclass(frozen=True)
class ClubSide:
    """One side of a club page in SQL: the stories moving into these club keys (`incoming`), or
    out of them and not into them."""

    keys: tuple[str, ...]
    incoming: bool

    def where(self) -> ColumnElement[bool]:
        return _club_where(self.keys, "in" if self.incoming else "out")


def count_club_side(store: Store, side: ClubSide) -> int:
    """How many saved stories are on this side of a club page."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(stories).where(side.where())) or 0)


def club_side_ids(store: Store, side: ClubSide) -> list[str]:
    """The ids of a club page's side in reading order: open stories most probable first (then
    latest news, then id), then finished ones latest resolved (or reported) first. Only the ids
    and the sort keys are read: a big club has ten thousand stories at a million claims."""
    ensure_story_tables(store)
    is_open = _is_open()
    with store.engine.connect() as conn:
        # Ids compare as Python compares them (code points), not by the server's locale.
        story_id = stories.c.id.collate("C") if conn.dialect.name == "postgresql" else stories.c.id
        query = (
            select(stories.c.id)
            .select_from(
                stories.outerjoin(story_outcomes, story_outcomes.c.story_id == stories.c.id)
                .outerjoin(story_scores, story_scores.c.story_id == stories.c.id)
            )
            .where(side.where())
            .order_by(
                case((is_open, 0), else_=1),
                case((is_open, func.coalesce(story_scores.c.probability, -1.0)), else_=None).desc(),
                case((is_open, stories.c.last_seen), else_=func.coalesce(story_outcomes.c.resolved_on, stories.c.last_seen)).desc(),
                case((is_open, story_id), else_=None).asc(),
                case((is_open, None), else_=story_id).desc(),
            )
        )  # fmt: skip
        return list(conn.scalars(query))


def club_side_names(store: Store, side: ClubSide, *, destination: bool) -> list[tuple[str, int]]:
    """The club names this side's stories give (destinations or origins), most frequent first."""
    ensure_story_tables(store)
    column = stories.c.to_club if destination else stories.c.from_club
    query = (
        select(column, func.count()).where(side.where(), column.is_not(None))
        .group_by(column).order_by(func.count().desc(), column)
    )  # fmt: skip
    with store.engine.connect() as conn:
        return [(str(name), int(n)) for name, n in conn.execute(query)]


def _effective_probability() -> ColumnElement[float]:
    """The saved probability while the story is open, else NULL (as the faces show it)."""
    return case((_is_open(), story_scores.c.probability), else_=None)


@dataclass(frozen=True)
class SummaryQuery:
    """A rumour board's question to the saved stories, answered in SQL: filters and an order."""

    club_keys: tuple[str, ...] | None = None  # destination or origin among these keys
    club_direction: ClubDirection | None = None  # with club_keys: only into them, or only out
    stages: tuple[str, ...] | None = None
    window: str | None = None  # a window label such as "2024 summer"
    since: date | None = None  # last reported on or after
    until: date | None = None  # first reported on or before
    open_only: bool = False  # open and scored
    min_probability: float | None = None
    by_probability: bool = False  # else latest reported first

    def where(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.club_keys is not None:
            found.append(_club_where(self.club_keys, self.club_direction))
        if self.stages is not None:
            found.append(stories.c.stage.in_(self.stages))
        if self.window:
            found.append(stories.c.window == self.window)
        if self.since is not None:
            found.append(stories.c.last_seen >= self.since)
        if self.until is not None:
            found.append(stories.c.first_seen <= self.until)
        if self.open_only or self.min_probability is not None:
            found.append(_effective_probability().is_not(None))
        if self.min_probability is not None:
            found.append(story_scores.c.probability >= self.min_probability)
        return found


def count_summaries(store: Store, query: SummaryQuery) -> int:
    """How many saved stories a board's question finds."""
    ensure_story_tables(store)
    scored = query.open_only or query.min_probability is not None
    # Joined only when the question needs the outcome or score: SQLite counts the stories'
    # smallest index without the joins, and reads every joined row with them (0.4 s at 464,000).
    source = (
        stories.outerjoin(story_outcomes, story_outcomes.c.story_id == stories.c.id)
        .outerjoin(story_scores, story_scores.c.story_id == stories.c.id)
        if scored else stories
    )  # fmt: skip
    statement = select(func.count()).select_from(source).where(*query.where())
    with store.engine.connect() as conn:
        return int(conn.scalar(statement) or 0)


def summary_page(store: Store, query: SummaryQuery, *, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
    """One page of the saved stories a board's question finds (as `read_summaries` rows), in
    its order: latest reported first (then the more probable, then id, descending), or open
    stories most probable first (then id) and the rest after."""
    ensure_story_tables(store)
    with store.engine.connect() as conn:
        # Ids compare as Python compares them (code points), not by the server's locale.
        story_id = stories.c.id.collate("C") if conn.dialect.name == "postgresql" else stories.c.id
        probability = _effective_probability()
        order = (
            (func.coalesce(probability, -1.0).desc(), story_id.asc()) if query.by_probability
            else (stories.c.last_seen.desc(), func.coalesce(probability, 0.0).desc(), story_id.desc())
        )  # fmt: skip
        statement = _summary_query().where(*query.where()).order_by(*order).offset(offset)
        if limit is not None:
            statement = statement.limit(limit)
        return [dict(row) for row in conn.execute(statement).mappings()]


def read_report_counts(store: Store) -> dict[str, int]:
    """How many reports each saved story holds (its `story_claims` rows), by story id."""
    ensure_story_tables(store)
    query = select(story_claims.c.story_id, func.count()).group_by(story_claims.c.story_id)
    with store.engine.connect() as conn:
        return {str(story_id): int(count) for story_id, count in conn.execute(query)}

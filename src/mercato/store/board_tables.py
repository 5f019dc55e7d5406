"""The rumour board's own index: one row per transfer claim with the keys the board groups by.

The store's `*_key` columns fold a name as written ("man utd"), and its name filters are
substring matches that scan every claim. The board needs the canonical keys of `mercato.kb.keys`
("man utd" and "Manchester United FC" are one club) looked up through an index, and the claims
behind a page decoded quickly. `board_keys` holds those keys; it is derived from `claims`, filled
incrementally by `sync_board_keys` (claims are never overwritten, only added), so it needs no
change to the ingest path and can be rebuilt at any time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Select,
    Table,
    Text,
    func,
    select,
    union,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.sql.elements import ColumnElement

from mercato.domain import (
    Attribution,
    Fee,
    Provenance,
    Span,
    Stage,
    Status,
    TransferClaim,
    Window,
)
from mercato.kb.keys import club_key as kb_club_key
from mercato.kb.keys import person_key as kb_person_key
from mercato.store import schema
from mercato.store.database import Store, StoredClaim

board_keys = Table(
    "board_keys",
    schema.metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("person_key", Text, nullable=False),
    Column("to_key", Text, nullable=False),  # empty: an exit with no named destination
    Column("from_key", Text, nullable=False),
    Column("published", Date),
    Index("ix_board_keys_person", "person_key"),
    Index("ix_board_keys_to", "to_key"),
    Index("ix_board_keys_from", "from_key"),
    Index("ix_board_keys_published", "published"),
)

_SYNC_CHUNK = 5000
# Enum lookups by value, done once: calling Stage(value) per claim is slow on large pages.
_STAGES = {stage.value: stage for stage in Stage}
_STATUSES = {status.value: status for status in Status}
_sync_lock = threading.Lock()


@lru_cache(maxsize=100_000)
def person_key(name: str) -> str:
    """A person's board key: the knowledge base's key ("Martin Ødegaard" -> "martin odegaard")."""
    return kb_person_key(name)


@lru_cache(maxsize=100_000)
def club_key(name: str | None) -> str:
    """A club's board key, one per club however the press writes it; empty for no club."""
    if not name:
        return ""
    return kb_club_key(name)


def _key_rows(conn: Connection, after: int) -> list[dict[str, object]]:
    claims = schema.claims
    query = (
        select(
            claims.c.id, claims.c.person, claims.c.to_club, claims.c.from_club, claims.c.published
        )
        .where(claims.c.claim_type == "transfer", claims.c.id > after)
        .order_by(claims.c.id)
        .limit(_SYNC_CHUNK)
    )
    return [
        {
            "claim_id": row.id,
            "person_key": person_key(row.person or ""),
            "to_key": club_key(row.to_club),
            "from_key": club_key(row.from_club),
            "published": row.published,
        }
        for row in conn.execute(query)
    ]


def _is_synced(store: Store) -> bool:
    """True when every stored claim is keyed already (a read, so pages never wait on a write)."""
    with store.engine.connect() as conn:
        if not store.engine.dialect.has_table(conn, board_keys.name):
            return False
        newest = conn.scalar(select(func.max(schema.claims.c.id))) or 0
        keyed = conn.scalar(select(func.max(board_keys.c.claim_id))) or 0
    # Keys lag only while claims newer than the last keyed one exist; non-transfer claims
    # past it are checked once by a sync and then the next transfer claim moves `keyed` on.
    return keyed >= newest or _checked_upto.get(id(store)) == newest


_checked_upto: dict[int, int] = {}


def sync_board_keys(store: Store) -> int:
    """Key the transfer claims stored since the last sync; returns how many were added."""
    if _is_synced(store):
        return 0
    added = 0
    with _sync_lock, store.engine.begin() as conn:
        board_keys.create(conn, checkfirst=True)
        newest = conn.scalar(select(func.max(schema.claims.c.id))) or 0
        after = conn.scalar(select(func.max(board_keys.c.claim_id))) or 0
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        while rows := _key_rows(conn, after):
            conn.execute(insert(board_keys).on_conflict_do_nothing(), rows)
            added += len(rows)
            after = int(rows[-1]["claim_id"])  # type: ignore[call-overload]
        _checked_upto[id(store)] = newest
    return added


def _payload(value: object) -> Mapping[str, Any]:
    if isinstance(value, str):
        return json.loads(value)  # type: ignore[no-any-return]
    return value if isinstance(value, Mapping) else {}


def transfer_from_row(row: Mapping[str, Any] | RowMapping) -> TransferClaim:
    """A transfer claim from its `claims` row, decoded directly (the board reads thousands)."""
    data = _payload(row["payload"])
    fee = data.get("fee")
    window = data.get("window")
    attribution = data.get("attribution")
    return TransferClaim(
        person=row["person"],
        to_club=row["to_club"],
        from_club=row["from_club"],
        status=_STATUSES[row["status"]],
        stage=_STAGES[row["stage"]],
        provenance=Provenance(
            article_id=row["article_id"],
            span=Span(row["span_start"], row["span_end"], row["span_text"]),
            outlet=row["outlet"],
            published=row["published"],
            extractor=row["extractor"],
        ),
        role=data.get("role", "player"),
        person_id=row["person_id"],
        to_club_id=row["to_club_id"],
        from_club_id=row["from_club_id"],
        is_loan=bool(data.get("is_loan", False)),
        loan_option=data.get("loan_option"),
        fee=Fee(**{**fee, "amount": float(fee["amount"])}) if fee else None,
        window=Window(int(window["year"]), window["part"]) if window else None,
        attribution=(
            Attribution(
                outlet=attribution.get("outlet"),
                journalist=attribution.get("journalist"),
                chain=tuple(attribution.get("chain") or ()),
            )
            if attribution
            else None
        ),
        is_hedged=bool(data.get("is_hedged", False)),
    )


@dataclass(frozen=True)
class BoardRow:
    """The flat fields of one transfer claim that the board sorts and filters on."""

    claim_id: int
    person_key: str
    to_key: str
    from_key: str
    published: date | None
    stage: Stage
    status: Status
    window: str | None  # "2024 summer"


def _keyed(
    person_keys: Sequence[str], club_keys: Sequence[str], as_of: date | None, latest: int | None
) -> Select[Any]:
    """Ids of the transfer claims with these keys (or the `latest` ones), through the index."""
    keys = board_keys.c
    conditions: list[ColumnElement[bool]] = []
    if person_keys:
        conditions.append(keys.person_key.in_(list(person_keys)))
    if as_of is not None:
        conditions.append(keys.published <= as_of)
    keyed = select(keys.claim_id).where(*conditions)
    if club_keys:
        # Two index searches joined by UNION: SQLite plans this better than an OR.
        clubs = list(club_keys)
        keyed = select(
            union(keyed.where(keys.to_key.in_(clubs)), keyed.where(keys.from_key.in_(clubs)))
            .subquery()
            .c.claim_id
        )
    if latest is not None:
        ordered = select(keys.claim_id).order_by(
            keys.published.desc().nulls_last(), keys.claim_id.desc()
        )
        if conditions or club_keys:
            ordered = ordered.where(keys.claim_id.in_(keyed))
        keyed = ordered.limit(latest)
    return keyed


def _is_keyed(
    conn: Connection,
    column: ColumnElement[int],
    person_keys: Sequence[str],
    club_keys: Sequence[str],
    as_of: date | None,
    latest: int | None,
) -> ColumnElement[bool]:
    """`column` is one of the keyed claim ids; the `latest` ones are fetched first."""
    keyed = _keyed(person_keys, club_keys, as_of, latest)
    if latest is None:
        return column.in_(keyed)
    # PostgreSQL plans `id IN (SELECT ... ORDER BY ... LIMIT n)` as a merge join over every
    # claim (1.3 s at 1,000,000 claims, growing linearly); with the n ids fetched first it is
    # n index look-ups (a few ms at any size).
    return column.in_(list(conn.scalars(keyed)))


def claims_version(store: Store) -> int:
    """A number that changes exactly when claims are added: the newest claim id.

    Claims are never deleted or overwritten, so this is as good as a count for telling that a
    cached result is stale, and it is one index look-up where a count reads every claim.
    """
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.max(schema.claims.c.id))) or 0)


def board_rows(
    store: Store,
    *,
    person_keys: Sequence[str] = (),
    club_keys: Sequence[str] = (),
    as_of: date | None = None,
    latest: int | None = None,
) -> list[BoardRow]:
    """The flat fields of transfer claims by exact board keys (or the `latest` ones)."""
    sync_board_keys(store)
    keys, claims = board_keys.c, schema.claims.c
    query = (
        select(
            keys.claim_id, keys.person_key, keys.to_key, keys.from_key, keys.published,
            claims.stage, claims.status, claims.window,
        )
        .join_from(board_keys, schema.claims, claims.id == keys.claim_id)
    )  # fmt: skip
    with store.engine.connect() as conn:
        query = query.where(_is_keyed(conn, keys.claim_id, person_keys, club_keys, as_of, latest))
        return [
            BoardRow(r[0], r[1], r[2], r[3], r[4], _STAGES[r[5]], _STATUSES[r[6]], r[7])
            for r in conn.execute(query)
        ]


def claims_by_id(store: Store, ids: Collection[int]) -> list[StoredClaim]:
    """Transfer claims by id, decoded directly, oldest first."""
    found: list[StoredClaim] = []
    wanted = sorted(ids)
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            query = select(schema.claims).where(schema.claims.c.id.in_(wanted[start : start + 500]))
            found += [
                StoredClaim(r["id"], transfer_from_row(r)) for r in conn.execute(query).mappings()
            ]
    found.sort(key=lambda s: (s.claim.provenance.published or date.min, s.id))
    return found


def board_claims(
    store: Store,
    *,
    person_keys: Sequence[str] = (),
    club_keys: Sequence[str] = (),
    as_of: date | None = None,
    latest: int | None = None,
) -> list[StoredClaim]:
    """Transfer claims by exact board keys (or the `latest` ones), oldest first."""
    sync_board_keys(store)
    with store.engine.connect() as conn:
        keyed = _is_keyed(conn, schema.claims.c.id, person_keys, club_keys, as_of, latest)
        query = select(schema.claims).where(keyed)
        found = [StoredClaim(r["id"], transfer_from_row(r)) for r in conn.execute(query).mappings()]
    found.sort(key=lambda s: (s.claim.provenance.published or date.min, s.id))
    return found


def newest_published(store: Store) -> date | None:
    """The date of the newest dated claim: the store's "now" when no day is asked for."""
    with store.engine.connect() as conn:
        return conn.scalar(select(func.max(schema.claims.c.published)))  # type: ignore[no-any-return]

"""The store: SQLAlchemy Core over SQLite (default, WAL) or PostgreSQL, one code path for both."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Insert,
    Select,
    Table,
    create_engine,
    event,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from mercato.domain import Alias, Article, Claim, Entity, EntityKind, Extraction, Mention
from mercato.errors import NotFound, StoreError
from mercato.kb.normalise import normalise_alias
from mercato.store import schema
from mercato.store.codec import (
    article_to_row,
    claim_to_row,
    fold_key,
    mention_to_row,
    row_to_article,
    row_to_claim,
    row_to_mention,
    to_jsonable,
)

# Keeps IN (...) lists well under SQLite's and PostgreSQL's bound-parameter limits.
_IN_CHUNK = 500


@dataclass(frozen=True)
class StoredClaim:
    """A claim as stored, with the id the store gave it."""

    id: int
    claim: Claim


@dataclass(frozen=True)
class AddResult:
    """What one `add_extractions` call did."""

    added: int
    duplicates: int
    article_ids: tuple[str, ...]  # ids of the articles added by this call


def database_reason(exc: SQLAlchemyError) -> str:
    """What the database said, in one line: not the statement and its parameters (a page of SQL
    with article texts in it is no message for a user)."""
    original = getattr(exc, "orig", None)
    text = str(original) if original is not None else str(exc)
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return first.split(" [SQL:", 1)[0]


def _json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    # First: switching a new file to WAL takes a lock that a second process must wait for.
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers (the API, a second CLI) run while an ingest writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _insert_ignoring(conn: Connection, table: Table, keys: list[str]) -> Insert:
    """An INSERT that skips rows whose `keys` are already stored (both databases)."""
    dialect = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    return dialect(table).on_conflict_do_nothing(index_elements=keys)


def _like(value: str) -> str:
    """A LIKE pattern matching `value` as a folded substring (with % and _ escaped)."""
    folded = fold_key(value) or ""
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _chunks(items: Sequence[str], size: int = _IN_CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Store:
    """Articles, mentions, entities and claims in one SQL database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to the database at `url` and create the tables that are missing."""
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise StoreError(f"not a database URL: {url!r}") from exc
        kwargs: dict[str, Any] = {"json_serializer": _json_dumps}
        is_sqlite = parsed.get_backend_name() == "sqlite"
        if is_sqlite:
            database = parsed.database or ""
            if database in ("", ":memory:"):
                # One shared connection, or each checkout would see its own empty database.
                kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
            else:
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(parsed, **kwargs)
        except (ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open {parsed.render_as_string()}: {exc}") from exc
        if is_sqlite:
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        store._create_schema()
        return store

    def _create_schema(self) -> None:
        from mercato.store.migrations import upgrade

        try:
            upgrade(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot prepare the database: {database_reason(exc)}") from exc

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def add_extractions(self, extractions: Sequence[Extraction]) -> AddResult:
        """Store articles with their mentions and claims in one transaction; skip known ones."""
        try:
            with self.engine.begin() as conn:
                fresh = self.insert_extractions(conn, extractions)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store {len(extractions)} articles: {database_reason(exc)}") from exc
        return AddResult(
            added=len(fresh),
            duplicates=len(extractions) - len(fresh),
            article_ids=tuple(e.article.id for e in fresh),
        )

    def insert_extractions(
        self, conn: Connection, extractions: Sequence[Extraction]
    ) -> list[Extraction]:
        """Inside the caller's transaction: insert the articles not stored yet, with their mentions
        and claims; returns those inserted, in the order given.

        An article another process inserts meanwhile is skipped, not an error: the insert ignores
        a conflicting id and says which rows it wrote.
        """
        ingested_at = datetime.now(UTC)
        known = self._existing_ids(conn, [e.article.id for e in extractions])
        candidates: dict[str, Extraction] = {}
        for extraction in extractions:
            if extraction.article.id not in known:
                candidates.setdefault(extraction.article.id, extraction)  # same text twice
        if not candidates:
            return []
        # In id order, so that two writers lock rows in one order and cannot deadlock.
        rows = [article_to_row(candidates[k].article, ingested_at) for k in sorted(candidates)]
        statement = _insert_ignoring(conn, schema.articles, ["id"]).returning(schema.articles.c.id)
        inserted = set(conn.execute(statement, rows).scalars())
        fresh = [e for k, e in candidates.items() if k in inserted]
        if fresh:
            self._insert_details(conn, fresh)
        return fresh

    @staticmethod
    def _insert_details(conn: Connection, fresh: Sequence[Extraction]) -> None:
        mention_rows = [mention_to_row(e.article.id, m) for e in fresh for m in e.mentions]
        if mention_rows:
            conn.execute(insert(schema.mentions), mention_rows)
        claim_rows = []
        for extraction in fresh:
            for claim in extraction.claims:
                if claim.provenance.article_id != extraction.article.id:
                    raise StoreError(
                        f"a claim of article {extraction.article.id} points at article "
                        f"{claim.provenance.article_id}"
                    )
                claim_rows.append(claim_to_row(claim))
        if claim_rows:
            conn.execute(insert(schema.claims), claim_rows)

    def add_entities(self, entities: Sequence[Entity], aliases: Sequence[Alias] = ()) -> int:
        """Store entities and their aliases, skipping those already present; returns new entities."""
        try:
            with self.engine.begin() as conn:
                return self.insert_entities(conn, entities, aliases)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store {len(entities)} entities: {database_reason(exc)}") from exc

    def insert_entities(
        self, conn: Connection, entities: Sequence[Entity], aliases: Sequence[Alias] = ()
    ) -> int:
        """Inside the caller's transaction: insert entities and aliases not stored yet.

        Two ingests meeting one new person at once both try to insert him: the conflicting
        insert is ignored rather than aborting the batch.
        """
        rows: dict[str, dict[str, object]] = {}
        for entity in entities:
            rows.setdefault(
                entity.id,
                {
                    "id": entity.id,
                    "kind": str(entity.kind),
                    "name": entity.name,
                    "country": entity.country,
                    "attributes": to_jsonable(entity.attributes),
                },
            )
        added = 0
        if rows:
            known = self._existing(conn, schema.entities.c.id, list(rows))
            new = [rows[k] for k in sorted(rows) if k not in known]
            if new:
                statement = _insert_ignoring(conn, schema.entities, ["id"])
                added = len(conn.execute(statement.returning(schema.entities.c.id), new).all())
        self._insert_aliases(conn, aliases)
        return added

    @staticmethod
    def _insert_aliases(conn: Connection, aliases: Sequence[Alias]) -> None:
        table = schema.aliases
        wanted = {(a.entity_id, normalise_alias(a.text), a.kind): a for a in aliases}
        if not wanted:
            return
        entity_ids = sorted({key[0] for key in wanted})
        present: set[tuple[str, str, str]] = set()
        for chunk in _chunks(entity_ids):
            rows = conn.execute(
                select(table.c.entity_id, table.c.normalised, table.c.kind).where(
                    table.c.entity_id.in_(chunk)
                )
            )
            present.update((r.entity_id, r.normalised, r.kind) for r in rows)
        new = [
            {"entity_id": k[0], "text": a.text, "normalised": k[1], "kind": k[2]}
            for k, a in sorted(wanted.items(), key=lambda item: item[0])
            if k not in present
        ]
        if new:
            keys = ["entity_id", "normalised", "kind"]
            conn.execute(_insert_ignoring(conn, table, keys), new)

    # --- presence ------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this content hash is stored."""
        return bool(self.existing_article_ids([article_id]))

    def existing_article_ids(self, ids: Collection[str]) -> set[str]:
        """Those of `ids` that are already stored."""
        try:
            with self.engine.connect() as conn:
                return self._existing_ids(conn, list(ids))
        except SQLAlchemyError as exc:
            raise StoreError(f"could not look up {len(ids)} article ids: {database_reason(exc)}") from exc

    def _existing_ids(self, conn: Connection, ids: Sequence[str]) -> set[str]:
        return self._existing(conn, schema.articles.c.id, ids)

    @staticmethod
    def _existing(conn: Connection, column: Any, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        unique = sorted(set(ids))
        for chunk in _chunks(unique):
            found.update(conn.scalars(select(column).where(column.in_(chunk))))
        return found

    # --- reading articles ----------------------------------------------------------------

    def get_article(self, article_id: str) -> Article:
        """The article with this id; raises NotFound."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.articles).where(schema.articles.c.id == article_id)
            ).first()
        if row is None:
            raise NotFound(f"no article {article_id!r}")
        return row_to_article(dict(row._mapping))

    def articles(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        outlet: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Article]:
        """Stored articles, newest first, optionally within dates and for one outlet."""
        table = schema.articles
        query = select(table)
        if since is not None:
            query = query.where(table.c.published >= since)
        if until is not None:
            query = query.where(table.c.published <= until)
        if outlet is not None:
            query = query.where(func.lower(table.c.outlet) == outlet.casefold())
        query = query.order_by(table.c.published.desc().nulls_last(), table.c.id)
        query = query.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [row_to_article(dict(r._mapping)) for r in conn.execute(query)]

    def count_articles(self) -> int:
        """How many articles are stored."""
        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(schema.articles)) or 0)

    def mentions_for_article(self, article_id: str) -> list[Mention]:
        """The mentions of one article, in text order."""
        table = schema.mentions
        query = (
            select(table)
            .where(table.c.article_id == article_id)
            .order_by(table.c.start, table.c.end, table.c.id)
        )
        with self.engine.connect() as conn:
            return [row_to_mention(dict(r._mapping)) for r in conn.execute(query)]

    # --- reading entities ----------------------------------------------------------------

    def get_entity(self, entity_id: str) -> Entity:
        """The stored entity with this id; raises NotFound."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.entities).where(schema.entities.c.id == entity_id)
            ).first()
        if row is None:
            raise NotFound(f"no entity {entity_id!r}")
        return Entity(
            id=row.id,
            kind=EntityKind(row.kind),
            name=row.name,
            country=row.country,
            attributes=dict(row.attributes or {}),
        )

    def aliases_for(self, entity_id: str) -> list[Alias]:
        """The stored aliases of one entity."""
        table = schema.aliases
        query = select(table).where(table.c.entity_id == entity_id).order_by(table.c.id)
        with self.engine.connect() as conn:
            return [Alias(r.entity_id, r.text, r.kind) for r in conn.execute(query)]

    # --- reading claims ------------------------------------------------------------------

    def claims_for_article(self, article_id: str) -> list[StoredClaim]:
        """The claims one article makes, in text order."""
        return self.claims(article_id=article_id)

    def claims(
        self,
        *,
        claim_type: str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StoredClaim]:
        """Stored claims of one type and/or one article."""
        table = schema.claims
        query = select(table)
        if claim_type is not None and article_id is not None:
            # Wrapped so that SQLite takes the article's index: on the bare column it picks the
            # (type, published) index and reads every claim of that type for one article.
            query = query.where(func.coalesce(table.c.claim_type, "") == claim_type)
        elif claim_type is not None:
            query = query.where(table.c.claim_type == claim_type)
        if article_id is not None:
            query = query.where(table.c.article_id == article_id)
            query = query.order_by(table.c.span_start, table.c.id)
        else:
            query = query.order_by(table.c.id)
        return self._run_claims(query, limit, offset)

    def transfer_claims(
        self,
        *,
        person: str | None = None,
        club: str | None = None,
        status: str | None = None,
        source: str | None = None,
        since: date | None = None,
        until: date | None = None,
        as_of: date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StoredClaim]:
        """Transfer claims, oldest first, filtered by folded-substring names and by dates.

        `club` matches the origin or the destination; `source` the original attribution or
        the outlet; `as_of` keeps only claims published on or before that day (undated ones
        are dropped, as nobody can tell whether they were known then).
        """
        table = schema.claims
        conditions: list[ColumnElement[bool]] = [table.c.claim_type == "transfer"]
        if person:
            conditions.append(table.c.person_key.like(_like(person), escape="\\"))
        if club:
            pattern = _like(club)
            conditions.append(
                or_(
                    table.c.to_club_key.like(pattern, escape="\\"),
                    table.c.from_club_key.like(pattern, escape="\\"),
                )
            )
        if status:
            conditions.append(table.c.status == status.casefold())
        if source:
            pattern = _like(source)
            conditions.append(
                or_(
                    table.c.source_key.like(pattern, escape="\\"),
                    table.c.outlet_key.like(pattern, escape="\\"),
                )
            )
        if since is not None:
            conditions.append(table.c.published >= since)
        if until is not None:
            conditions.append(table.c.published <= until)
        if as_of is not None:
            conditions.append(table.c.published <= as_of)
        query = (
            select(table)
            .where(*conditions)
            .order_by(table.c.published.asc().nulls_first(), table.c.id)
        )
        return self._run_claims(query, limit, offset)

    def get_claim(self, claim_id: int) -> StoredClaim:
        """The stored claim with this id; raises NotFound."""
        found = self._run_claims(select(schema.claims).where(schema.claims.c.id == claim_id))
        if not found:
            raise NotFound(f"no claim {claim_id}")
        return found[0]

    def count_claims(self, claim_type: str | None = None) -> int:
        """How many claims (of one type) are stored."""
        query = select(func.count()).select_from(schema.claims)
        if claim_type is not None:
            query = query.where(schema.claims.c.claim_type == claim_type)
        with self.engine.connect() as conn:
            return int(conn.scalar(query) or 0)

    def _run_claims(
        self, query: Select[Any], limit: int | None = None, offset: int = 0
    ) -> list[StoredClaim]:
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self.engine.connect() as conn:
            return [StoredClaim(r.id, row_to_claim(dict(r._mapping))) for r in conn.execute(query)]

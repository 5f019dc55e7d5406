"""Schema migrations that run on SQLite and PostgreSQL alike; `Store.open` calls `upgrade`.

How it works: `upgrade(engine)` creates every table and index of the store's `metadata` that is
missing (so a new table or a new index needs no migration step), then applies the registered
migrations not yet recorded in `schema_migrations`, each in its own transaction. Every store runs
every step once, a new store too (a step may do what only one database can, such as a trigram
index), so a step must tolerate meeting its own result; the helpers in `registry.py` do. On
PostgreSQL an advisory lock, on SQLite the write lock (`BEGIN IMMEDIATE`), keeps two processes
opening one new store from racing each other.

Add a migration in `mercato/store/migrations/steps.py` with the next number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    MetaData,
    String,
    Table,
    inspect,
    select,
    text,
)

from mercato.store.migrations.registry import Migration, migration, registered

__all__ = ["AppliedMigration", "Migration", "applied", "migration", "pending", "upgrade"]

MIGRATIONS_TABLE = "schema_migrations"

# Its own MetaData: the bookkeeping table is not part of the store's domain schema.
_bookkeeping = MetaData()
schema_migrations = Table(
    MIGRATIONS_TABLE,
    _bookkeeping,
    Column("name", String(200), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

# Any constant works; it only has to be the same for every Mercato process on one server.
_PG_LOCK_KEY = 0x4D455243  # "MERC"


@dataclass(frozen=True)
class AppliedMigration:
    """A migration recorded as applied, with when."""

    name: str
    applied_at: datetime


# Modules that put tables on the store's `metadata`; each is imported before `create_all` so that
# its tables exist before any step looks at them. A module not written yet is simply skipped.
TABLE_MODULES: tuple[str, ...] = (
    "mercato.store.schema",
    "mercato.store.board_tables",
    "mercato.store.copy_tables",
    "mercato.store.story_tables",
    "mercato.store.source_tables",
)


def _store_metadata() -> MetaData:
    # Imported late: the store package imports this module, and the table modules import the
    # store package.
    import importlib

    from mercato.store.migrations import steps  # noqa: F401  (registers the migrations)

    for module in TABLE_MODULES:
        importlib.import_module(module)
    from mercato.store import schema

    return schema.metadata


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    elif connection.dialect.name == "sqlite":
        # Two processes creating one new file would both find a table missing and both create
        # it ("table aliases already exists"); taking the write lock first serialises them.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade(engine: Engine, metadata: MetaData | None = None) -> list[str]:
    """Bring the store's schema up to date; return the names of the migrations that ran."""
    metadata = metadata if metadata is not None else _store_metadata()
    with engine.begin() as connection:
        _lock(connection)
        _bookkeeping.create_all(connection)
        metadata.create_all(connection)
        _create_missing_indexes(connection, metadata)
        done = {row[0] for row in connection.execute(select(schema_migrations.c.name))}
    ran: list[str] = []
    for step in registered():
        if step.name in done:
            continue
        with engine.begin() as connection:
            _lock(connection)
            already = connection.execute(
                select(schema_migrations.c.name).where(schema_migrations.c.name == step.name)
            ).first()
            if already is not None:  # another process applied it while we waited
                continue
            step.apply(connection)
            _record(connection, [step])
        ran.append(step.name)
    return ran


def _create_missing_indexes(connection: Connection, metadata: MetaData) -> None:
    # `create_all` only indexes the tables it creates; an index declared later on an existing
    # table reaches old stores here, so adding one to the schema needs no migration step.
    inspector = inspect(connection)
    for table in metadata.sorted_tables:
        present = {ix["name"] for ix in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in present:
                index.create(connection)


def _record(connection: Connection, steps: list[Migration]) -> None:
    if steps:
        now = datetime.now(UTC)
        connection.execute(
            schema_migrations.insert(), [{"name": m.name, "applied_at": now} for m in steps]
        )


def applied(engine: Engine) -> list[AppliedMigration]:
    """The migrations recorded in the store, oldest first."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(MIGRATIONS_TABLE):
            return []
        rows = connection.execute(
            select(schema_migrations.c.name, schema_migrations.c.applied_at).order_by(
                schema_migrations.c.name
            )
        )
        return [AppliedMigration(name, at) for name, at in rows]


def pending(engine: Engine) -> list[str]:
    """Names of the registered migrations that the store has not applied yet."""
    _store_metadata()
    done = {m.name for m in applied(engine)}
    return [m.name for m in registered() if m.name not in done]

"""A small, strict registry of schema migrations: named, numbered, applied once each, in order.

A migration is a plain function over a SQLAlchemy ``Connection`` written in Core DDL that both
SQLite and PostgreSQL accept. Names look like ``"0001_query_indexes"``; numbers must run 1, 2, 3
with no gap, so two branches that both add ``0003`` collide loudly instead of silently skipping.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Index, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import Column

from mercato.errors import RegistryError, StoreError

MigrationStep = Callable[[Connection], None]

_NAME = re.compile(r"^(?P<number>[0-9]{4})_[a-z0-9_]+$")


@dataclass(frozen=True)
class Migration:
    """One registered schema change."""

    name: str
    number: int
    apply: MigrationStep
    description: str


_REGISTRY: list[Migration] = []


def migration(name: str) -> Callable[[MigrationStep], MigrationStep]:
    """Register a migration step under a numbered name such as ``"0002_claims_window_index"``."""
    match = _NAME.match(name)
    if match is None:
        raise RegistryError(f"migration name {name!r} must look like '0001_what_it_does'")
    number = int(match["number"])

    def decorate(step: MigrationStep) -> MigrationStep:
        if any(m.name == name for m in _REGISTRY):
            raise RegistryError(f"migration {name!r} is already registered")
        expected = len(_REGISTRY) + 1
        if number != expected:
            raise RegistryError(f"migration {name!r} is number {number}, expected {expected:04d}")
        doc = (step.__doc__ or "").strip().splitlines()
        _REGISTRY.append(Migration(name, number, step, doc[0] if doc else name))
        return step

    return decorate


def registered() -> tuple[Migration, ...]:
    """Every registered migration, in the order it must be applied."""
    return tuple(_REGISTRY)


# Helpers that make a step safe to run on a store that already has the change: a store created
# by `create_all` from today's tables is already at the newest shape, and an old store that
# predates the migrations table has nothing recorded, so a step may meet its own result.


def create_index(connection: Connection, index: Index) -> None:
    """Create an index unless one of that name already exists."""
    index.create(connection, checkfirst=True)


def add_column(connection: Connection, table_name: str, column: Column[object]) -> None:
    """Add a nullable column to an existing table unless it is already there."""
    existing = {c["name"] for c in inspect(connection).get_columns(table_name)}
    if column.name in existing:
        return
    preparer = connection.dialect.identifier_preparer
    column_type = column.type.compile(dialect=connection.dialect)
    connection.exec_driver_sql(
        f"ALTER TABLE {preparer.quote(table_name)} "
        f"ADD COLUMN {preparer.quote(column.name)} {column_type}"
    )


def ensure_postgres_extension(connection: Connection, name: str) -> None:
    """Create a PostgreSQL extension if missing, or say plainly what the server lacks."""
    try:
        with connection.begin_nested():
            connection.exec_driver_sql(f'CREATE EXTENSION IF NOT EXISTS "{name}"')
    except DBAPIError as exc:
        raise StoreError(
            f"PostgreSQL extension {name!r} is needed and could not be created ({exc.orig}); "
            f"install the server's contrib package or ask an administrator to run "
            f"CREATE EXTENSION {name}"
        ) from exc

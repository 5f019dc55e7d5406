"""The store's migrations, oldest first. Add a step at the end with the next number.

Rules that keep a step safe on both databases and on stores of any age:
- use SQLAlchemy Core DDL or SQL that SQLite and PostgreSQL both accept, branching on
  `connection.dialect.name` only where one of them needs more (an extension, an index method);
- use the helpers in `registry.py` so that a step meeting its own result does nothing;
- a new table needs no step: `upgrade` creates missing tables from the metadata.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from mercato.store.migrations.registry import ensure_postgres_extension, migration


@migration("0001_baseline")
def baseline(connection: Connection) -> None:
    """The tables as `mercato.store.schema` first defined them; created by `create_all`."""


# Columns that `Store.transfer_claims` matches as folded substrings (LIKE '%term%'). A b-tree
# cannot serve a leading wildcard, so on PostgreSQL those lookups scanned every claim (linear
# in the store's size); a trigram index serves them. SQLite has no such index method.
TRIGRAM_COLUMNS: tuple[str, ...] = (
    "person_key",
    "to_club_key",
    "from_club_key",
    "source_key",
    "outlet_key",
)


@migration("0002_claims_trigram_indexes")
def claims_trigram_indexes(connection: Connection) -> None:
    """PostgreSQL: trigram (pg_trgm) indexes for the substring name searches on claims."""
    if connection.dialect.name != "postgresql":
        return
    ensure_postgres_extension(connection, "pg_trgm")
    schema_name = connection.execute(
        text("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")
    ).scalar_one()
    # Qualified, so the operator class is found whatever the search path of this connection.
    opclass = f"{schema_name}.gin_trgm_ops"
    for column in TRIGRAM_COLUMNS:
        connection.execute(
            text(
                f"CREATE INDEX IF NOT EXISTS ix_claims_{column}_trgm "
                f"ON claims USING gin ({column} {opclass})"
            )
        )

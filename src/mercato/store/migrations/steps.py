"""The store's migrations, oldest first. Add a step at the end with the next number.

Rules that keep a step safe on both databases and on stores of any age:
- use SQLAlchemy Core DDL or SQL that SQLite and PostgreSQL both accept, branching on
  `connection.dialect.name` only where one of them needs more (an extension, an index method);
- use the helpers in `registry.py` so that a step meeting its own result does nothing;
- a new table needs no step: `upgrade` creates missing tables from the metadata.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, Text, inspect, text

from mercato.kb.keys import club_key
from mercato.store.migrations.registry import add_column, ensure_postgres_extension, migration


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


@migration("0003_board_keys_latest_index")
def board_keys_latest_index(connection: Connection) -> None:
    """PostgreSQL: an index in the rumour board's order, so "the latest claims" reads a few rows."""
    # The board asks for `published DESC NULLS LAST, claim_id DESC`. On SQLite the plain index on
    # `published` already gives that order (NULLs sort lowest; the rowid is the claim id); on
    # PostgreSQL only an index declared in exactly that order does, else every read sorts the
    # whole table (242 ms at 100,000 claims against 21 ms with the index, measured).
    if connection.dialect.name != "postgresql" or not inspect(connection).has_table("board_keys"):
        return
    connection.execute(
        text(
            "CREATE INDEX IF NOT EXISTS ix_board_keys_latest "
            "ON board_keys (published DESC NULLS LAST, claim_id DESC)"
        )
    )


@migration("0004_stories_from_club_key")
def stories_from_club_key(connection: Connection) -> None:
    """`stories.from_club_key`, filled from `from_club` and indexed: a club page counts and pages
    the moves out of a club in SQL instead of reading every saved story."""
    if not inspect(connection).has_table("stories"):
        return
    add_column(connection, "stories", Column("from_club_key", Text))
    rows = connection.execute(
        text("SELECT id, from_club FROM stories WHERE from_club_key IS NULL")
    ).all()
    updates = [{"id": story_id, "key": club_key(from_club)} for story_id, from_club in rows]
    if updates:
        connection.execute(text("UPDATE stories SET from_club_key = :key WHERE id = :id"), updates)
    connection.execute(
        text("CREATE INDEX IF NOT EXISTS ix_stories_from_club_key ON stories (from_club_key)")
    )

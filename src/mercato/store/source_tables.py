"""Source credits in the store: which sources each story credits, for one state of the book.

Derived data, like the story tables: one row per story and source (its weight, the story's
outcome, its lead, whether it reported first), computed for one book (the store's claims version,
the as-of day and the knowledge-base folder) and read back by the source table, which then sums
a few thousand rows instead of merging, labelling and scoring every claim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    Index,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from mercato.errors import StoreError
from mercato.store.database import Store, database_reason
from mercato.store.schema import metadata

# Books kept: the newest day's and a few as-of days asked for lately.
KEEP_BOOKS = 6
_CHUNK = 1000

source_books = Table(
    "source_books",
    metadata,
    Column("book", String(600), primary_key=True),  # claims version | day | knowledge-base folder
    Column("saved_at", DateTime(timezone=True), nullable=False),
)

source_credits = Table(
    "source_credits",
    metadata,
    Column("book", String(600), nullable=False),
    Column("story_id", String(300), nullable=False),
    Column("to_club", Text),
    Column("from_club", Text),
    Column("source_key", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("tier", String(16)),
    Column("weight", Float, nullable=False),
    Column("outcome", String(32), nullable=False),
    Column("lead_days", Float),
    Column("first_report", Boolean, nullable=False),
    Column("rated", Boolean, nullable=False),
    Index("ix_source_credits_book", "book"),
)

SOURCE_TABLES = (source_books, source_credits)
CREDIT_COLUMNS = tuple(c.name for c in source_credits.columns if c.name != "book")


def ensure_source_tables(store: Store) -> None:
    """Create the source-credit tables if this store does not have them yet."""
    metadata.create_all(store.engine, tables=list(SOURCE_TABLES))


def read_source_credits(store: Store, book: str) -> list[tuple[Any, ...]] | None:
    """The credit rows saved for this book (values in `CREDIT_COLUMNS` order), or None when it
    was never saved."""
    ensure_source_tables(store)
    try:
        with store.engine.connect() as conn:
            if conn.scalar(select(source_books.c.book).where(source_books.c.book == book)) is None:
                return None
            query = select(*(source_credits.c[name] for name in CREDIT_COLUMNS)).where(
                source_credits.c.book == book
            )
            return [tuple(row) for row in conn.execute(query)]
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read source credits: {database_reason(exc)}") from exc


def save_source_credits(store: Store, book: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Save a book's credit rows (replacing any saved before) and forget the oldest books."""
    ensure_source_tables(store)
    try:
        with store.engine.begin() as conn:
            conn.execute(delete(source_credits).where(source_credits.c.book == book))
            conn.execute(delete(source_books).where(source_books.c.book == book))
            older = [
                r.book
                for r in conn.execute(
                    select(source_books.c.book).order_by(source_books.c.saved_at.desc())
                ).all()[KEEP_BOOKS - 1 :]
            ]
            for old in older:
                conn.execute(delete(source_credits).where(source_credits.c.book == old))
                conn.execute(delete(source_books).where(source_books.c.book == old))
            conn.execute(insert(source_books), [{"book": book, "saved_at": datetime.now(UTC)}])
            for start in range(0, len(rows), _CHUNK):
                chunk = [{"book": book, **row} for row in rows[start : start + _CHUNK]]
                conn.execute(insert(source_credits), chunk)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot save source credits: {database_reason(exc)}") from exc

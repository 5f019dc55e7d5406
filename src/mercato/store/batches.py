"""One ingest batch as one transaction: the people met, the articles with their mentions and
claims, and their copy signatures and links commit together or not at all.

A crash between two of those used to leave articles stored but never indexed for copies (a rerun
finds them present and skips them), so later syndicated copies counted as independent sources.
Two ingests writing one store at once can collide on a new person or article: conflicting inserts
are skipped, and a transaction the database aborts to break a lock conflict is run again.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from mercato.domain import Alias, Entity, Extraction
from mercato.errors import StoreError
from mercato.ingest.copies import CopyLink
from mercato.store.copy_tables import index_copies
from mercato.store.database import Store, database_reason

# A lock conflict clears as soon as the other writer commits; a few tries with growing pauses.
ATTEMPTS = 6
_FIRST_PAUSE = 0.05

# PostgreSQL SQLSTATEs for "run the transaction again": serialization failure, deadlock.
_RETRY_STATES = ("40001", "40P01")


@dataclass(frozen=True)
class BatchResult:
    """What one stored batch added: the new articles' ids (in input order) and copy links."""

    article_ids: tuple[str, ...]
    links: tuple[CopyLink, ...]


def _is_transient(exc: SQLAlchemyError) -> bool:
    """True for a conflict between writers that running the transaction again resolves."""
    if not isinstance(exc, DBAPIError):
        return False
    state = getattr(exc.orig, "sqlstate", None)
    if state in _RETRY_STATES:
        return True
    return "database is locked" in str(exc.orig) or "database table is locked" in str(exc.orig)


def store_batch(
    store: Store,
    extractions: Sequence[Extraction],
    entities: Sequence[Entity] = (),
    aliases: Sequence[Alias] = (),
) -> BatchResult:
    """Store a batch (people, articles, mentions, claims, copy index) in one transaction."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with store.engine.begin() as conn:
                store.insert_entities(conn, entities, aliases)
                fresh = store.insert_extractions(conn, extractions)
                links = index_copies(conn, [e.article for e in fresh])
            return BatchResult(tuple(e.article.id for e in fresh), tuple(links))
        except SQLAlchemyError as exc:
            if attempt < ATTEMPTS and _is_transient(exc):
                time.sleep(_FIRST_PAUSE * 2**attempt * (1 + random.random()))
                continue
            reason = database_reason(exc)
            raise StoreError(f"could not store {len(extractions)} articles: {reason}") from exc
    raise AssertionError("unreachable")  # pragma: no cover

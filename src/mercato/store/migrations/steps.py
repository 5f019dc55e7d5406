"""The store's migrations, oldest first. Add a step at the end with the next number.

Rules that keep a step safe on both databases and on stores of any age:
- use SQLAlchemy Core DDL or SQL that SQLite and PostgreSQL both accept, branching on
  `connection.dialect.name` only where one of them needs more (an extension, an index method);
- use the helpers in `registry.py` so that a step meeting its own result does nothing;
- a new table needs no step: `upgrade` creates missing tables from the metadata.
"""

from __future__ import annotations

from sqlalchemy import Connection

from mercato.store.migrations.registry import migration


@migration("0001_baseline")
def baseline(connection: Connection) -> None:
    """The tables as `mercato.store.schema` first defined them; created by `create_all`."""

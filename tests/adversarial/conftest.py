"""Fixtures of the adversarial suite: an empty database of each backend, given by URL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_URL_ENV = "MERCATO_TEST_POSTGRES_URL"


@pytest.fixture
def new_database(tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Makes URLs of empty databases: `new_database("sqlite")` or `new_database("postgresql")`.

    Each PostgreSQL database is a fresh schema on $MERCATO_TEST_POSTGRES_URL, dropped afterwards;
    without that variable a PostgreSQL test skips, saying why.
    """
    schemas: list[str] = []
    base = os.environ.get(POSTGRES_URL_ENV) or None

    def make(backend: str) -> str:
        name = f"db{len(schemas)}_{uuid.uuid4().hex[:8]}"
        if backend == "sqlite":
            schemas.append("")
            return f"sqlite:///{tmp_path / (name + '.db')}"
        if base is None:
            pytest.skip(f"PostgreSQL tests need {POSTGRES_URL_ENV} (a server URL)")
        schema = f"mercato_adv_{name}"
        engine = create_engine(base)
        try:
            with engine.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        finally:
            engine.dispose()
        schemas.append(schema)
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema},public"})
        return url.render_as_string(hide_password=False)

    yield make
    if base is not None and any(schemas):
        engine = create_engine(base)
        try:
            with engine.begin() as conn:
                conn.execute(text("SET LOCAL lock_timeout = '10s'"))
                for schema in filter(None, schemas):
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        finally:
            engine.dispose()

"""Store fixtures: every store test runs against SQLite and, where a server is given, PostgreSQL."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

# --- database backends (scale-out) -------------------------------------------------------
# `store_url` is parametrised over the backends, so a test that asks for it (or for a fixture
# built on it) runs once per database. PostgreSQL needs MERCATO_TEST_POSTGRES_URL, e.g.
# postgresql+psycopg://postgres@127.0.0.1:5432/test; without it those runs skip, visibly.

POSTGRES_URL_ENV = "MERCATO_TEST_POSTGRES_URL"


def postgres_base_url() -> str | None:
    """The PostgreSQL server the tests may use, if one was given."""
    return os.environ.get(POSTGRES_URL_ENV) or None


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgresql"],
)
def store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A URL to an empty database of each backend; PostgreSQL tests each get a fresh schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('store') / 'mercato.db'}"
        return
    base = postgres_base_url()
    if base is None:
        pytest.skip(f"PostgreSQL store tests need {POSTGRES_URL_ENV} (a server URL)")
    schema = f"mercato_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # a wrong URL or a stopped server is a setup problem, not a skip
        admin.dispose()
        raise RuntimeError(f"cannot prepare a schema on {POSTGRES_URL_ENV}: {exc}") from exc
    # `public` stays on the path after the test schema so that extensions installed there
    # (pg_trgm) stay visible; tables are created in the first schema of the path.
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema},public"})
    yield url.render_as_string(hide_password=False)
    try:
        with admin.begin() as connection:
            # A test that leaked an open transaction must not hang the whole run.
            connection.execute(text("SET LOCAL lock_timeout = '10s'"))
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    except SQLAlchemyError as exc:
        warnings.warn(f"could not drop test schema {schema}: {exc}", stacklevel=1)
    finally:
        admin.dispose()


# --- end of database backends --------------------------------------------------------------

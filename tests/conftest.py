"""Fixtures shared by every test: where the read-only shared data lives, and a fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mercato.store import Store
from support import REPO_ROOT, SAMPLES_DIR, find_shared_dir, require_shared  # noqa: F401


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder; tests that need it skip, visibly, where it is absent."""
    return require_shared()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """URL of a fresh SQLite file in the test's temporary folder."""
    return f"sqlite:///{tmp_path / 'mercato.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A fresh, empty store on a SQLite file."""
    with Store.open(db_url) as opened:
        yield opened

"""Fixtures shared by every test: where the read-only shared data lives, and a fresh store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from mercato.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = REPO_ROOT / "samples"  # sample articles the project wrote itself


def find_shared_dir() -> Path | None:
    """The `shared` folder beside the repository (or $MERCATO_SHARED_DIR), if it is there."""
    configured = os.environ.get("MERCATO_SHARED_DIR")
    candidate = Path(configured) if configured else REPO_ROOT / ".." / "shared"
    return candidate.resolve() if candidate.is_dir() else None


def require_shared(*parts: str) -> Path:
    """A path inside the shared folder; skips the calling test, saying why, when it is absent."""
    found = find_shared_dir()
    if found is None:
        pytest.skip("../shared is absent (set MERCATO_SHARED_DIR to point at it)")
    path = found.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent from the shared folder")
    return path


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

"""Fixtures shared by every test: where the read-only shared data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def find_shared_dir() -> Path | None:
    """The `shared` folder beside the repository (or $MERCATO_SHARED_DIR), if it is there."""
    configured = os.environ.get("MERCATO_SHARED_DIR")
    candidate = (
        Path(configured) if configured else Path(__file__).resolve().parents[1] / ".." / "shared"
    )
    return candidate.resolve() if candidate.is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder; tests that need it skip, visibly, where it is absent."""
    found = find_shared_dir()
    if found is None:
        pytest.skip("../shared is absent (set MERCATO_SHARED_DIR to point at it)")
    return found

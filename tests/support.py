"""Paths and skips that tests import directly (conftest modules cannot be imported by name:
several folders have one)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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

"""The shared data folder for score tests (same rule as tests/conftest.py's `require_shared`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def shared_or_skip() -> Path:
    """The `shared` folder beside the repository (or $MERCATO_SHARED_DIR); skip, saying why, if absent."""
    configured = os.environ.get("MERCATO_SHARED_DIR")
    candidate = Path(configured) if configured else Path(__file__).resolve().parents[2] / ".." / "shared"
    if not (candidate / "corpus" / "articles.jsonl").exists():
        pytest.skip("../shared/corpus is absent (set MERCATO_SHARED_DIR to point at it)")
    return candidate.resolve()

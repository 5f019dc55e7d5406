"""Without the score package, or when scoring fails, pages and the API still answer, unscored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mercato.api import scoring
from mercato.api.app import create_app
from mercato.domain import TransferClaim
from mercato.settings import Settings


@pytest.fixture(autouse=True)
def _own_score_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scores are cached per database in the process; these tests must not share them."""
    monkeypatch.setattr(scoring, "_latest", {})
    monkeypatch.setattr(scoring, "_running", {})
    monkeypatch.setattr(scoring, "_failed", set())


def _app(sample_db: Path) -> TestClient:
    return TestClient(create_app(Settings(database_url=f"sqlite:///{sample_db}")))


def _check_unscored(client: TestClient) -> None:
    stories = client.get("/api/stories", params={"status": "rumour"}).json()["items"]
    assert stories
    assert all(s["probability"] is None and s["independent_sources"] is None for s in stories)
    board = client.get("/", params={"status": "all"})
    assert board.status_code == 200 and "not scored yet" in board.text
    table = client.get("/api/sources").json()["items"]
    assert table and all(r["scored_by"].startswith("provisional") for r in table)
    assert client.get("/sources").status_code == 200


def test_without_the_score_package(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring, "_load_scorer", lambda: None)
    with _app(sample_db) as client:
        _check_unscored(client)


def test_when_scoring_fails(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(claims: Sequence[tuple[str, TransferClaim]], day: date) -> scoring.Scored:
        raise RuntimeError("model diverged")

    monkeypatch.setattr(scoring, "_load_scorer", lambda: broken)
    with _app(sample_db) as client:
        store = client.app.state.store_holder.get()  # type: ignore[attr-defined]
        assert scoring.scoring(store, None, wait=True) is None
        _check_unscored(client)

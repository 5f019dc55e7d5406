"""API fixtures: a store filled by the real ingest pipeline from the project's sample articles,
and clients over the real app."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mercato.pipeline import ingest_paths
from mercato.settings import Settings
from mercato.store import Store
from mercato.web.app import create_app

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TOKEN = "test-token-0123"


def build_sample_store(path: Path) -> str:
    """Ingest every sample article into a fresh SQLite file; returns its URL."""
    if not SAMPLES.is_dir() or not any(SAMPLES.iterdir()):
        pytest.skip(f"no sample articles in {SAMPLES}")
    url = f"sqlite:///{path}"
    with Store.open(url) as store:
        report = ingest_paths([SAMPLES], store)
        assert report.failed == 0, report.as_dict()["failures"]
        assert store.count_claims("transfer") > 0
    return url


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the ingested samples (built once per test session)."""
    path = tmp_path_factory.mktemp("api-store") / "samples.db"
    build_sample_store(path)
    return path


@pytest.fixture(scope="session")
def client(sample_db: Path) -> Iterator[TestClient]:
    """A client over the real app on the sample store (read-only use)."""
    app = create_app(Settings(database_url=f"sqlite:///{sample_db}", api_token=TOKEN))
    with TestClient(app) as opened:
        yield opened


@pytest.fixture
def writable_client(sample_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client over a private copy of the sample store, for tests that write."""
    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    app = create_app(Settings(database_url=f"sqlite:///{copy}", api_token=TOKEN))
    with TestClient(app) as opened:
        yield opened


def story_id_of(client: TestClient, person: str, club: str) -> str:
    """The id of the story about `person` joining `club`."""
    found = client.get("/api/stories", params={"person": person}).json()["items"]
    for story in found:
        if story["to_club"] and club.casefold() in story["to_club"].casefold():
            return str(story["id"])
    raise AssertionError(f"no story for {person} to {club}: {found}")


@pytest.fixture(scope="session")
def move_story_id(client: TestClient) -> str:
    """The story the samples follow from first interest to completion: Lindqvist to Newcastle."""
    return story_id_of(client, "Lindqvist", "Newcastle")

"""Every face tells the same story: `mercato rumours --json`, `GET /api/stories/{id}` and the
story page agree on each story's id, stage, probability and sources.

The store is built by the real ingest from records of the shared corpus (read at test time; the
test skips, saying why, where ../shared is absent): every record that names Tielemans, so that
one player's moves across windows and clubs are in it, and a slice of the rest.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from mercato.cli import build_cli
from mercato.settings import Settings
from mercato.web.app import create_app
from support import require_shared

PLAYER = "tielemans"
OTHERS = 60  # records without the player, for a board with several people and sources


def _corpus_slice(corpus: Path, out: Path) -> int:
    kept = 0
    others = 0
    with corpus.open(encoding="utf-8") as lines, out.open("w", encoding="utf-8") as written:
        for line in lines:
            record = json.loads(line)
            if not record.get("date"):
                continue
            if PLAYER in record["text"].casefold():
                written.write(line)
                kept += 1
            elif others < OTHERS and record.get("is_transfer"):
                written.write(line)
                others += 1
    return kept + others


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    corpus = require_shared("corpus", "articles.jsonl")
    kb_dir = require_shared("kb")
    folder = tmp_path_factory.mktemp("faces")
    records = folder / "records.jsonl"
    assert _corpus_slice(corpus, records) > OTHERS
    url = f"sqlite:///{folder / 'corpus.db'}"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MERCATO_KB_DIR", str(kb_dir))
        result = CliRunner().invoke(build_cli(), ["ingest", str(records), "--db", url])
    assert result.exit_code == 0, result.output
    yield url, kb_dir


def _rumours(url: str, kb_dir: Path, *args: str) -> list[dict[str, object]]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MERCATO_KB_DIR", str(kb_dir))
        result = CliRunner().invoke(
            build_cli(), ["rumours", "--db", url, "--json", "--limit", "1000", *args]
        )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert isinstance(rows, list)
    return rows


def test_every_row_of_the_board_is_the_same_story_in_the_api_and_on_its_page(
    corpus_store: tuple[str, Path],
) -> None:
    url, kb_dir = corpus_store
    rows = _rumours(url, kb_dir)
    assert len(rows) > 10
    assert len({r["story_id"] for r in rows}) == len(rows), "one id per story"
    app = create_app(Settings(database_url=url, kb_dir=kb_dir))
    with TestClient(app) as client:
        for row in rows:
            story_id = str(row["story_id"])
            api = client.get(f"/api/stories/{story_id}")
            assert api.status_code == 200, (story_id, api.text)
            story = api.json()
            assert story["id"] == story_id
            assert (story["person"], story["to_club"], story["window"]) == (
                row["person"], row["to"], row["window"],
            )  # fmt: skip
            assert (story["stage"], story["outcome"]) == (row["stage"], row["outcome"])
            assert story["probability"] == row["probability"]
            assert story["sources"] == row["sources"]
            assert story["independent_sources"] == row["independent_sources"]
            assert story["claims"] == row["reports"]

            page = client.get(f"/stories/{story_id}")
            assert page.status_code == 200, story_id
            text = html.unescape(page.text)
            assert story_id in text and str(row["stage"]) in text and str(row["outcome"]) in text
            if row["probability"] is not None:
                assert f"{round(float(row['probability']) * 100)}%" in text  # type: ignore[arg-type]
            for source in row["sources"]:  # type: ignore[attr-defined]
                assert source in text


def test_the_ranked_board_and_the_api_rank_the_same_open_stories(
    corpus_store: tuple[str, Path],
) -> None:
    url, kb_dir = corpus_store
    ranked = _rumours(url, kb_dir, "--sort", "probability")
    assert ranked, "open stories are ranked, not 'No open stories to rank.'"
    assert all(r["outcome"] == "open" and r["probability"] is not None for r in ranked)
    app = create_app(Settings(database_url=url, kb_dir=kb_dir))
    with TestClient(app) as client:
        page = client.get("/api/stories", params={"sort": "probability", "per_page": 200}).json()
    api_open = [s["id"] for s in page["items"] if s["probability"] is not None]
    assert [r["story_id"] for r in ranked][: len(api_open)] == api_open[: len(ranked)]


def test_a_story_id_from_the_board_opens_in_the_cli(corpus_store: tuple[str, Path]) -> None:
    url, kb_dir = corpus_store
    rows = [r for r in _rumours(url, kb_dir, "--player", "Tielemans")]
    assert rows, "the corpus has stories about Tielemans"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MERCATO_KB_DIR", str(kb_dir))
        for row in rows:
            result = CliRunner().invoke(
                build_cli(), ["story", str(row["story_id"]), "--db", url, "--json"]
            )
            assert result.exit_code == 0, result.output
            shown = json.loads(result.output)
            for field in ("story_id", "stage", "outcome", "probability", "sources"):
                assert shown[field] == row[field], field

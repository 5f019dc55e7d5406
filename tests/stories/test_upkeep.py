"""Stored stories kept up to date by ingest: after every ingest the saved stories are exactly what a
full rebuild gives, and an ingest re-merges only the people it names.

The news is written here (invented people at real clubs) and goes through the real pipeline.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from mercato.cli import build_cli
from mercato.pipeline import ingest_paths
from mercato.store import Store
from mercato.stories.stored import SavedStory, load_stories
from mercato.stories.upkeep import rebuild_stories, refresh_stories

NEWS = [
    ("2024-06-03", "Arsenal are monitoring Brentford striker Tomas Verhoek ahead of the summer window. (Mirror)"),
    ("2024-06-10", "Arsenal have made a £40m bid for Brentford striker Verhoek, who scored 19 goals. (Sun)"),
    ("2024-06-12", "Chelsea have opened talks with Lyon over a move for midfielder Jonas Kettering. (Telegraph)"),
    ("2024-06-20", "Arsenal have agreed a £45m fee with Brentford for striker Tomas Verhoek. (Times)"),
]


def _ingest(store: Store, folder: Path, index: int) -> None:
    day, text = NEWS[index]
    path = folder / f"news-{index}.jsonl"
    record = {"id": f"news-{index}", "date": day, "url": f"https://example.org/{index}", "outlet": "BBC Sport", "text": text}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = ingest_paths([path], store)
    assert report.ingested == 1 and not report.failures


def _saved(store: Store) -> dict[str, SavedStory]:
    # `as_of` is the day a story was last computed: an untouched story keeps its own.
    return {s.id: replace(s, as_of=date.min) for s in load_stories(store)}


@pytest.fixture
def news_store(tmp_path: Path) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'news.db'}")


def test_after_every_ingest_the_saved_stories_are_what_a_rebuild_gives(
    news_store: Store, tmp_path: Path
) -> None:
    for index in range(len(NEWS)):
        _ingest(news_store, tmp_path, index)
        incremental = _saved(news_store)
        assert incremental, "ingest opened stories"
        rebuild_stories(news_store)
        assert _saved(news_store) == incremental, f"after news {index}"
    stories = _saved(news_store)
    verhoek = stories["tomas-verhoek--arsenal--2024-summer"]
    # the surname-only bid joined the full-name story, and the stage moved with the news
    assert len(verhoek.claim_refs) == 3
    assert verhoek.stage == "agreement"
    assert "jonas-kettering--chelsea--2024-summer" in stories


def test_a_refresh_re_merges_only_the_people_it_names(news_store: Store, tmp_path: Path) -> None:
    for index in range(len(NEWS)):
        _ingest(news_store, tmp_path, index)
    report = refresh_stories(news_store, ["Jonas Kettering"])
    assert report.saved == 1 and report.removed == ()
    report = refresh_stories(news_store, ["Verhoek"])  # a surname finds the full name's stories
    assert report.saved == 1


def test_stories_rebuild_command_reports_what_it_saved(news_store: Store, tmp_path: Path) -> None:
    _ingest(news_store, tmp_path, 0)
    result = CliRunner().invoke(
        build_cli(), ["stories", "rebuild", "--db", str(news_store.engine.url), "--json", "--kb", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["stories"] == len(load_stories(news_store)) == 1

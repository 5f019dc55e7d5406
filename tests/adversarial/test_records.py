"""Hostile and clumsy records: one bad record costs that record alone, named by file and line,
and an absurd date never reaches the store, whatever the reader."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from adversarial.generate import story, without_extraction
from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.readers import read_path
from mercato.pipeline import ingest_paths
from mercato.store import Store


def _records(path: Path) -> list[Article | IngestError]:
    return list(read_path(path))


def test_a_lone_surrogate_costs_its_record_only(tmp_path: Path) -> None:
    lines = [json.dumps({"text": story(i), "date": "2024-01-0" + str(i + 1)}) for i in range(5)]
    # Valid JSON, but "\ud800" is half a UTF-16 pair: no text can hold it.
    lines[1] = '{"text": "Rovers chase a striker \\ud800 from Lakeside", "date": "2024-01-02"}'
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="ascii")

    records = _records(path)

    articles = [r for r in records if isinstance(r, Article)]
    failures = [r for r in records if isinstance(r, IngestError)]
    assert len(articles) == 4
    assert [f.source for f in failures] == [f"{path}:2"]
    assert "surrogate" in failures[0].reason


def test_a_surrogate_in_meta_is_refused_before_it_reaches_the_store(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": story(0)})
        + "\n"
        + json.dumps({"text": story(1), "meta": {"by": "MARK"}}).replace("MARK", "\\udfff")
        + "\n"
        + json.dumps({"text": story(2)})
        + "\n",
        encoding="ascii",
    )
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = ingest_paths([path], store, extract=without_extraction)
        assert report.ingested == 2
        assert [f.source for f in report.failures] == [f"{path}:2"]
        assert store.count_articles() == 2


@pytest.mark.parametrize(
    "payload",
    [
        '{"text": "long number", "n": ' + "7" * 5000 + "}",  # over Python's int-digit limit
        "[" * 200_000 + "]" * 200_000,  # deeper than the JSON parser can recurse
    ],
    ids=["huge-number", "deep-nesting"],
)
def test_a_record_json_cannot_read_is_named_by_line(tmp_path: Path, payload: str) -> None:
    path = tmp_path / "feed.jsonl"
    good = [json.dumps({"text": story(i)}) for i in range(3)]
    path.write_text("\n".join([good[0], payload, good[1], good[2]]) + "\n", encoding="utf-8")
    records = _records(path)
    assert sum(isinstance(r, Article) for r in records) == 3
    failures = [r for r in records if isinstance(r, IngestError)]
    assert [f.source for f in failures] == [f"{path}:2"]


ABSURD = ["0001-01-01", "1700-06-06", "2099-01-01", "9999-12-31"]


@pytest.mark.parametrize("day", ABSURD)
def test_jsonl_drops_an_absurd_date_with_a_warning(tmp_path: Path, day: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": story(0), "date": day}) + "\n", encoding="utf-8")
    (article,) = _records(path)
    assert isinstance(article, Article)
    assert article.published is None
    assert any(day in w and "implausible" in w for w in article.meta["warnings"])  # type: ignore[union-attr]


@pytest.mark.parametrize("day", ABSURD)
def test_seed_files_drop_an_absurd_date_with_a_warning(tmp_path: Path, day: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"date {day}\n{story(0)}\n", encoding="utf-8")
    (article,) = _records(path)
    assert isinstance(article, Article)
    assert article.published is None
    assert any("implausible" in w for w in article.meta["warnings"])  # type: ignore[union-attr]


def test_a_plausible_date_passes_every_reader_unchanged(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": story(0), "date": "2023-07-01"}) + "\n")
    (tmp_path / "b.txt").write_text(f"date 2023-07-01\n{story(1)}\n")
    for path in sorted(tmp_path.iterdir()):
        (article,) = _records(path)
        assert isinstance(article, Article)
        assert article.published == date(2023, 7, 1)
        assert "warnings" not in article.meta


def test_a_record_that_fails_after_reading_is_named_by_line(tmp_path: Path) -> None:
    from extraction_hooks import FAULT_MARK, extract_or_fail

    lines = [json.dumps({"text": story(i)}) for i in range(4)]
    # A large record whose extraction fails: the failure must still say which line it was.
    lines[2] = json.dumps({"text": f"{story(2)} {FAULT_MARK} " + "Lakeside win again. " * 150_000})
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 3_000_000
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = ingest_paths([path], store, extract=extract_or_fail)
    assert report.ingested == 3
    assert [f.source for f in report.failures] == [f"{path}:3"]

"""Loading dated corpus items and extracting them once, in one process or several, with a cache."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from storykit import claim

from mercato.domain import Article, Extraction
from mercato.replay.corpus import extract_corpus, load_items


def fake_extractor(article: Article) -> Extraction:
    """A stand-in extractor: one claim per item, and a failure on items saying 'broken'."""
    if "broken" in article.text:
        raise ValueError("cannot read this item")
    _, c = claim("Jonas Brekke", "Arsenal", article.published.isoformat())
    return Extraction(article, (), (c,))


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    rows = [
        {"id": "x:2", "dataset": "demo", "date": "2021-03-02", "text": "Arsenal watch Brekke. (Mail)"},
        {"id": "x:1", "dataset": "demo", "date": "2021-03-01", "text": "Brekke wanted by Arsenal. (Sun)"},
        {"id": "x:3", "dataset": "demo", "date": None, "text": "Undated item. (Sun)"},
        {"id": "x:4", "dataset": "other", "date": "2021-03-01", "text": "Another dataset. (Sun)"},
        {"id": "x:5", "dataset": "demo", "date": "2021-03-03", "text": "A broken item. (Sun)"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_load_items_keeps_one_dataset_dated_and_in_order(tmp_path: Path) -> None:
    items = load_items(_corpus(tmp_path), "demo")
    assert [a.external_id for a in items] == ["x:1", "x:2", "x:5"]


def test_extraction_counts_failures_and_reuses_its_cache(tmp_path: Path) -> None:
    items = load_items(_corpus(tmp_path), "demo")
    cache = tmp_path / "claims.pkl"
    first = extract_corpus(items, extractor=fake_extractor, cache=cache)
    assert first.failures == 1 and [cid for cid, _ in first.transfers] == ["x:1#0", "x:2#0"]
    again = extract_corpus(items, extractor=lambda a: (_ for _ in ()).throw(AssertionError()), cache=cache)
    assert again.transfers == first.transfers


def test_worker_processes_give_the_same_claims(tmp_path: Path) -> None:
    items = load_items(_corpus(tmp_path), "demo")
    serial = extract_corpus(items, extractor=fake_extractor)
    parallel = extract_corpus(items, extractor=fake_extractor, workers=2)
    assert [cid for cid, _ in parallel.transfers] == [cid for cid, _ in serial.transfers]
    assert parallel.failures == serial.failures == 1


def month_reporter(article: Article) -> Extraction:
    """A stand-in extractor that names, as its claim's person, the knowledge-base day it was given."""
    from mercato.kb.as_of import as_of_from_environment

    _, c = claim(f"Kb Day {as_of_from_environment()}", "Arsenal", article.published.isoformat())
    return Extraction(article, (), (c,))


def test_each_month_is_read_with_the_knowledge_base_of_its_first_day(tmp_path: Path) -> None:
    items = [
        Article(id=f"a{n}", text=f"Item {n}.", published=date.fromisoformat(day), external_id=f"x:{n}")
        for n, day in enumerate(["2021-03-02", "2021-03-30", "2021-04-01", "2022-01-15"])
    ]
    cache = tmp_path / "cut.pkl"
    cut = extract_corpus(items, extractor=month_reporter, kb_as_of_month=True, cache=cache)
    assert [c.person for _, c in cut.transfers] == [
        "Kb Day 2021-03-01", "Kb Day 2021-03-01", "Kb Day 2021-04-01", "Kb Day 2022-01-01",
    ]
    # A cache made without the cut is not reused for a cut run, nor the other way round.
    uncut = extract_corpus(items, extractor=fake_extractor, cache=cache)
    assert {c.person for _, c in uncut.transfers} == {"Jonas Brekke"}

"""A crash never leaves an article stored but not indexed for copies.

The article, its claims, its people and its copy signature commit in one transaction; a store
that an older version left half-indexed is repaired by the next ingest of the same input; and
ingest killed at random points, then run again, leaves exactly what one clean run leaves.
"""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from adversarial.generate import (
    report,
    snapshot,
    start_ingest,
    syndicated,
    without_extraction,
    write_jsonl,
)
from mercato.domain import Article, Extraction
from mercato.ingest.readers import read_path
from mercato.pipeline import ingest_paths
from mercato.store import Store
from mercato.store.copy_tables import count_copies, link_copies


def _records() -> list[dict[str, object]]:
    return [report(i) for i in range(40)] + [syndicated(i) for i in range(0, 40, 4)]


def test_a_failing_copy_index_takes_its_article_back_out(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", _records())
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        # A real database fault at the last step of storing one article: its signature.
        with store.engine.begin() as conn:
            conn.execute(
                text(
                    "CREATE TRIGGER refuse AFTER INSERT ON copy_signatures "
                    "WHEN NEW.article_id = (SELECT id FROM articles WHERE external_id = 'gen-7') "
                    "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                )
            )
        report_ = ingest_paths([path], store, extract=without_extraction)
        assert report_.failed == 1
        reason = report_.failures[0].reason
        assert "could not be stored" in reason and "disk full" in reason
        assert "INSERT" not in reason, "the failure line prints SQL"
        with store.engine.connect() as conn:
            stored = conn.scalar(text("SELECT count(*) FROM articles"))
            indexed = conn.scalar(text("SELECT count(*) FROM copy_signatures"))
            orphans = conn.scalar(
                text(
                    "SELECT count(*) FROM articles WHERE id NOT IN "
                    "(SELECT article_id FROM copy_signatures)"
                )
            )
        assert stored == indexed == 49
        assert orphans == 0


def test_a_rerun_indexes_articles_a_crash_left_without_a_signature(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", _records())
    with Store.open(f"sqlite:///{tmp_path / 'clean.db'}") as clean:
        ingest_paths([path], clean, extract=without_extraction)
        expected = count_copies(clean)
    assert expected == 10
    with Store.open(f"sqlite:///{tmp_path / 'crashed.db'}") as store:
        # What a kill between the two commits of older versions left: articles, no signatures.
        articles = [a for a in read_path(path) if isinstance(a, Article)]
        store.add_extractions([Extraction(a, (), ()) for a in articles[:30]])
        link_copies(store, articles[:12])

        again = ingest_paths([path], store, extract=without_extraction)

        assert again.failed == 0
        assert count_copies(store) == expected
        with store.engine.connect() as conn:
            unsigned = conn.scalar(
                text(
                    "SELECT count(*) FROM articles WHERE id NOT IN "
                    "(SELECT article_id FROM copy_signatures)"
                )
            )
        assert unsigned == 0


KILLS = 6


def _stored(url: str) -> int:
    try:
        return len(snapshot(url)["articles"])
    except Exception:  # noqa: BLE001 - the tables may not exist yet, or the file is locked
        return 0


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ingest_killed_at_random_points_ends_as_one_clean_run(
    tmp_path: Path, new_database: Callable[[str], str]
) -> None:
    records = [report(i) for i in range(2000)] + [syndicated(i) for i in range(0, 2000, 20)]
    random.Random(15).shuffle(records)  # copies before and after their originals
    path = write_jsonl(tmp_path / "in.jsonl", records)
    url = new_database("sqlite")
    draw = random.Random(2026)
    kills = 0
    while kills < KILLS:
        before = _stored(url)
        run = start_ingest(path, url, "--batch-size", "20")
        deadline = time.monotonic() + 120
        # Wait until this run is storing, then kill it at a random moment.
        while _stored(url) == before and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(draw.uniform(0.0, 1.0))
        if run.poll() is not None:
            break  # it finished first; the store must still match
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        kills += 1
    assert kills >= 5, "ingest finished before it could be killed five times"
    last = start_ingest(path, url, "--batch-size", "20")
    _, err = last.communicate(timeout=600)
    assert last.returncode == 0, err.decode()[-2000:]

    clean = new_database("sqlite")
    with Store.open(clean) as store:
        ingest_paths([path], store, batch_size=20)
    expected, found = snapshot(clean), snapshot(url)
    assert len(expected["copy_links"]) == 100
    for name in expected:
        assert found[name] == expected[name], name

"""Ingest -> extract -> store end to end, on the project's samples and on broken input."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from extraction_hooks import extract_or_fail, extract_recording_pid
from ingest.local_server import Route, Site, serve  # tests/ingest/local_server.py
from mercato.domain import Article, Extraction
from mercato.errors import IngestError
from mercato.pipeline import IngestReport, ingest_paths
from mercato.store import Store
from support import SAMPLES_DIR, require_shared

SAMPLE_COUNT = len(list(SAMPLES_DIR.glob("*.txt")))


class RecordingObserver:
    """Keeps what the pipeline reports, for assertions."""

    def __init__(self) -> None:
        self.estimated = 0
        self.advanced_by = 0
        self.failures: list[IngestError] = []
        self.warnings: list[str] = []

    def started(self, estimated_records: int) -> None:
        self.estimated = estimated_records

    def advanced(self, records: int) -> None:
        self.advanced_by += records

    def failed(self, error: IngestError) -> None:
        self.failures.append(error)

    def warned(self, message: str) -> None:
        self.warnings.append(message)


def test_the_samples_exist_and_are_dated() -> None:
    assert 8 <= SAMPLE_COUNT <= 15
    for path in SAMPLES_DIR.glob("*.txt"):
        assert path.read_text(encoding="utf-8").startswith(" date 20"), path


def test_samples_end_to_end_into_a_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "samples.db"
    observer = RecordingObserver()
    with Store.open(f"sqlite:///{db}") as store:
        report = ingest_paths([SAMPLES_DIR], store, extract=extract_or_fail, observer=observer)
        assert (report.ingested, report.duplicates, report.failed) == (SAMPLE_COUNT, 0, 0)
        assert report.files == SAMPLE_COUNT and report.undated == 0
        assert observer.estimated == SAMPLE_COUNT == observer.advanced_by
        claims = store.transfer_claims(person="lindqvist")
        assert report.claims >= len(claims) >= 4
        # Provenance leads back to the sample file and the sentence.
        first = claims[0].claim
        article = store.get_article(first.provenance.article_id)
        assert article.source_path and Path(article.source_path).parent == SAMPLES_DIR
        span = first.provenance.span
        assert article.text[span.start : span.end] == span.text
        assert first.provenance.published == article.published
    assert db.stat().st_size > 0

    with Store.open(f"sqlite:///{db}") as store:
        again = ingest_paths([SAMPLES_DIR], store, extract=extract_or_fail)
        assert (again.ingested, again.duplicates, again.failed) == (0, SAMPLE_COUNT, 0)
        assert store.count_articles() == SAMPLE_COUNT


def test_a_batch_goes_on_past_every_kind_of_failure(tmp_path: Path, store: Store) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(SAMPLES_DIR / "07_lindqvist_done.txt", inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x00\xff\x00\xfe" * 100)
    (inputs / "undated.txt").write_text("Kofi Mensah trains with Southampton.", encoding="utf-8")
    (inputs / "explodes.txt").write_text(" date 2024-07-01 FAIL-EXTRACTION here.", "utf-8")
    (inputs / "lines.jsonl").write_text(
        json.dumps({"text": "Luca Ferrante is wanted by Arsenal.", "date": "2024-06-01"})
        + "\n{broken\n",
        encoding="utf-8",
    )
    (inputs / "notes.xyz").write_text("shopping list", encoding="utf-8")
    observer = RecordingObserver()
    report = ingest_paths(
        [inputs, tmp_path / "nowhere.txt"], store, extract=extract_or_fail, observer=observer
    )
    reasons = {Path(f.source.split(":")[0]).name: f.reason for f in report.failures}
    assert reasons.keys() == {
        "empty.txt", "binary.txt", "explodes.txt", "lines.jsonl", "notes.xyz", "nowhere.txt",
    }  # fmt: skip
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert reasons["explodes.txt"].startswith("extraction failed (RuntimeError")
    assert "bad JSON" in reasons["lines.jsonl"]
    assert "no reader" in reasons["notes.xyz"]
    assert "no such file" in reasons["nowhere.txt"]
    assert [f.source for f in report.failures if "jsonl" in f.source] == [
        f"{inputs / 'lines.jsonl'}:2"
    ]
    assert (report.ingested, report.failed, report.undated) == (3, 6, 1)
    assert observer.failures == report.failures
    [warning] = report.warnings
    assert "undated.txt" in warning and observer.warnings == [warning]
    assert store.count_articles() == 3


def test_batches_are_committed_as_they_go(tmp_path: Path, store: Store) -> None:
    rows = [{"text": f"Mateo Lindqvist story number {i}.", "date": "2024-06-01"} for i in range(7)]
    rows.append({"text": "Mateo Lindqvist story number 0.", "date": "2024-06-02"})  # same text
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")

    seen_counts: list[int] = []

    def extract_and_peek(article: Article) -> Extraction:
        seen_counts.append(store.count_articles())
        return extract_or_fail(article)

    report = ingest_paths([path], store, extract=extract_and_peek, batch_size=3)
    assert (report.ingested, report.duplicates) == (7, 1)
    # While the third batch is extracted, the first two are already stored.
    assert seen_counts == [0, 0, 0, 3, 3, 3, 6]


def test_worker_processes_give_the_same_store(tmp_path: Path) -> None:
    def run(workers: int) -> tuple[IngestReport, list[tuple[str, str | None]], set[str]]:
        with Store.open(f"sqlite:///{tmp_path / f'w{workers}.db'}") as store:
            report = ingest_paths(
                [SAMPLES_DIR], store, extract=extract_recording_pid, workers=workers
            )
            claims = [(c.claim.person, c.claim.to_club) for c in store.transfer_claims()]  # type: ignore[union-attr]
            pids = {
                m.label
                for article in store.articles(limit=100)
                for m in store.mentions_for_article(article.id)
            }
            return report, sorted(claims, key=lambda c: (c[0], c[1] or "")), pids

    single, single_claims, single_pids = run(1)
    double, double_claims, double_pids = run(2)
    assert (double.ingested, double.failed) == (single.ingested, 0)
    assert double_claims == single_claims
    assert len(single_pids) == 1
    assert single_pids.isdisjoint(double_pids)  # the work really ran in other processes


def test_a_url_is_fetched_and_a_dead_one_fails(store: Store) -> None:
    paragraphs = "".join(
        f"<p>{line}</p>"
        for line in (
            "Newcastle United have completed the signing of Mateo Lindqvist from Brighton.",
            "The midfielder signed a five-year contract after passing his medical on Thursday.",
            "He becomes the club's second arrival of the summer window.",
        )
    )
    page = (
        "<html><head><title>Lindqvist joins</title></head><body><article>"
        f"<h1>Lindqvist joins</h1>{paragraphs}</article></body></html>"
    ).encode()
    with serve(Site(routes={"/news/lindqvist": Route(page)})) as site:
        report = ingest_paths(
            [f"{site.base}/news/lindqvist", f"{site.base}/gone"], store, extract=extract_or_fail
        )
    assert (report.ingested, report.failed) == (1, 1)
    assert report.failures[0].source == f"{site.base}/gone"
    [claim] = store.transfer_claims(person="lindqvist")
    article = store.get_article(claim.claim.provenance.article_id)
    assert article.url == f"{site.base}/news/lindqvist"


@pytest.mark.slow
def test_the_whole_corpus_ingests_and_a_second_run_finds_it_all(tmp_path: Path) -> None:
    """Every record of the shared corpus is stored (or fails with a reason), then found again."""
    corpus = require_shared("corpus", "articles.jsonl")
    records = sum(1 for line in corpus.open("rb") if line.strip())
    with Store.open(f"sqlite:///{tmp_path / 'corpus.db'}") as store:
        first = ingest_paths([corpus], store, workers=2)
        print(f"full corpus: {first.ingested} ingested, {first.duplicates} duplicates, "
              f"{first.failed} failed, {first.claims} claims in {first.seconds:.0f} s")  # fmt: skip
        assert first.failed == len(first.failures)
        assert first.ingested + first.duplicates + first.failed == records == 14_590
        assert store.count_articles() == first.ingested
        started = time.perf_counter()
        second = ingest_paths([corpus], store, workers=2)
        elapsed = time.perf_counter() - started
        print(f"second run: {second.duplicates} already present in {elapsed:.1f} s")
        assert second.ingested == 0
        assert second.duplicates == first.ingested + first.duplicates
        assert elapsed < 60, f"a second run took {elapsed:.0f} s; it should only hash and look up"


def test_an_interrupted_run_keeps_the_batches_already_committed(
    tmp_path: Path, store: Store
) -> None:
    rows = [
        {"text": f"Southampton have signed Chelsea defender Kofi Mensah on loan (report {i}).", "date": "2024-07-01"}
        for i in range(9)
    ]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    calls: list[str] = []

    def interrupted_on_the_fifth(article: Article) -> Extraction:
        calls.append(article.id)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return extract_or_fail(article)

    with pytest.raises(KeyboardInterrupt):
        ingest_paths([path], store, extract=interrupted_on_the_fifth, batch_size=2)
    assert store.count_articles() == 4  # two whole batches; nothing of the third
    assert len(store.transfer_claims()) == 4
    again = ingest_paths([path], store, extract=extract_or_fail, batch_size=2)
    assert (again.ingested, again.duplicates) == (5, 4)


def test_a_syndicated_copy_is_linked_to_its_original(tmp_path: Path, store: Store) -> None:
    from mercato.store.copy_tables import original_of

    body = (
        "Newcastle United have completed the signing of Brighton midfielder Mateo Lindqvist "
        "for a fee of £42m after he passed a medical on Thursday. The 24-year-old has signed a "
        "five-year contract and becomes the club's second arrival of the summer window, with the "
        "manager saying he had followed the player for two seasons."
    )
    (tmp_path / "a.txt").write_text(" date 2024-07-05 " + body, encoding="utf-8")
    (tmp_path / "b.txt").write_text(" date 2024-07-06 " + body.replace("Thursday", "Thursday morning"), encoding="utf-8")
    report = ingest_paths([tmp_path / "a.txt"], store)
    assert report.copies == 0
    report = ingest_paths([tmp_path / "b.txt"], store)
    assert (report.ingested, report.copies) == (1, 1)
    copy_id = next(a.id for a in store.articles() if "morning" in a.text)
    original_id = next(a.id for a in store.articles() if "morning" not in a.text)
    assert original_of(store, copy_id) == original_id

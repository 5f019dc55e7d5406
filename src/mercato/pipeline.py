"""Ingest, extract, store: read files into articles, skip the ones already stored, extract the
rest (in worker processes if asked), and store each batch in one transaction.

A crash loses at most the batch in flight and never half-stores an article: its claims, people
and copy signature commit with it (`mercato.store.batches`). One unreadable file, record or
article is reported, counted and skipped; the run goes on.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

from mercato.domain import Article, Extraction, TransferClaim
from mercato.errors import ConfigurationError, IngestError, StoreError
from mercato.ingest.readers import Record, iter_files, reader_for
from mercato.kb.met import people_met
from mercato.score.saved import SavedScorer
from mercato.store import Store
from mercato.store.batches import store_batch
from mercato.store.copy_tables import link_copies, unindexed
from mercato.stories.upkeep import people_named, refresh_stories

Extract = Callable[[Article], Extraction]

DEFAULT_BATCH_SIZE = 500


def default_extract() -> Extract:
    """Mercato's own extraction (`mercato.extract.pipeline.extract_article`)."""
    try:
        from mercato.extract.pipeline import extract_article
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("mercato"):
            raise ConfigurationError(f"extraction is not available: {exc}") from exc
        raise
    return extract_article


class IngestObserver(Protocol):
    """What a face (CLI progress bar, API job) hears while an ingest runs."""

    def started(self, estimated_records: int) -> None: ...

    def advanced(self, records: int) -> None: ...

    def failed(self, error: IngestError) -> None: ...

    def warned(self, message: str) -> None: ...


class SilentObserver:
    """An observer that ignores everything (the library default)."""

    def started(self, estimated_records: int) -> None:
        """Ignore the start."""

    def advanced(self, records: int) -> None:
        """Ignore progress."""

    def failed(self, error: IngestError) -> None:
        """Ignore a failure (it is still in the report)."""

    def warned(self, message: str) -> None:
        """Ignore a warning (it is still in the report)."""


@dataclass
class IngestReport:
    """What an ingest run did: counts, and every failure and warning with its source."""

    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    claims: int = 0
    undated: int = 0
    copies: int = 0  # new articles linked to an earlier original as near-duplicates
    files: int = 0
    seconds: float = 0.0
    failures: list[IngestError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Plain data for `--json` and the API."""
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "claims": self.claims,
            "undated": self.undated,
            "copies": self.copies,
            "files": self.files,
            "seconds": round(self.seconds, 3),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class _Outcome:
    """What a worker made of one article: an extraction, or why it could not."""

    article_id: str
    source: str
    extraction: Extraction | None = None
    error: str | None = None


def where(article: Article) -> str:
    """Where an article came from, for a failure line: its file, and its line when it has one."""
    source = article.source_path or article.id
    line = article.meta.get("source_line")
    return f"{source}:{line}" if isinstance(line, int) and article.source_path else source


def _extract_chunk(extract: Extract, articles: Sequence[Article]) -> list[_Outcome]:
    """Extract a chunk of articles in a worker; one failing article does not sink the chunk."""
    outcomes = []
    for article in articles:
        source = where(article)
        try:
            outcomes.append(_Outcome(article.id, source, extraction=extract(article)))
        except Exception as exc:  # noqa: BLE001 - one bad article is reported, the run goes on
            reason = f"extraction failed ({type(exc).__name__}: {exc})"
            outcomes.append(_Outcome(article.id, source, error=reason))
    return outcomes


def refresh_stories_of(
    store: Store, extractions: Sequence[Extraction], added_ids: Sequence[str], *, kb_dir: Path | None
) -> str | None:
    """Attach newly stored claims to their saved stories, scored; a warning if that failed.

    The claims are safe even if this fails: `mercato stories rebuild` recomputes the stories.
    """
    added = set(added_ids)
    names = people_named(
        c for e in extractions if e.article.id in added for c in e.claims if isinstance(c, TransferClaim)
    )
    if not names:
        return None
    try:
        refresh_stories(store, names, kb_dir=kb_dir, scorer=SavedScorer())
    except StoreError as exc:
        return f"stories not refreshed ({exc}); run `mercato stories rebuild`"
    return None


class StoreWriter:
    """Stores extractions and keeps the run's report; every ingest engine writes through it.

    Per call, one transaction (`mercato.store.batches`): the people met become entities, the
    articles and claims go in, and each new article is indexed for copies and linked to the
    original it copies. A refused batch is retried article by article so only the bad one fails.
    """

    def __init__(self, store: Store, observer: IngestObserver, *, kb_dir: Path | None = None) -> None:
        self.store = store
        self.observer = observer
        self.report = IngestReport()
        self.kb_dir = kb_dir  # whose completed-transfer tables settle the stories refreshed

    def fail(self, error: IngestError) -> None:
        """Count and report one failed source."""
        self.report.failed += 1
        self.report.failures.append(error)
        self.observer.failed(error)

    def store_extractions(self, extractions: list[Extraction]) -> None:
        """Store extractions, counting what was new, duplicated or refused."""
        if not extractions:
            return
        try:
            self._store(extractions)
        except StoreError:
            # Find the one article the database refuses instead of losing the whole batch.
            for extraction in extractions:
                try:
                    self._store([extraction])
                except StoreError as exc:
                    source = where(extraction.article)
                    self.fail(IngestError(source, f"could not be stored ({exc})"))

    def _store(self, extractions: list[Extraction]) -> None:
        entities, aliases = people_met(extractions)  # people met become entities
        result = store_batch(self.store, extractions, entities, aliases)
        self.report.copies += len(result.links)
        self._count(extractions, result.article_ids)
        self._refresh_stories(extractions, result.article_ids)

    def _refresh_stories(self, extractions: list[Extraction], added_ids: tuple[str, ...]) -> None:
        warning = refresh_stories_of(self.store, extractions, added_ids, kb_dir=self.kb_dir)
        if warning:
            self.report.warnings.append(warning)

    def repair(self, articles: list[Article]) -> None:
        """Index stored articles that a crash of an older version left without a copy signature."""
        missing = unindexed(self.store, [a.id for a in articles])
        if missing:
            links = link_copies(self.store, [a for a in articles if a.id in missing])
            self.report.copies += len(links)

    def _count(self, extractions: list[Extraction], added_ids: tuple[str, ...]) -> None:
        added = set(added_ids)
        self.report.ingested += len(added)
        self.report.duplicates += len(extractions) - len(added)
        for extraction in extractions:
            if extraction.article.id not in added:
                continue
            self.report.claims += len(extraction.claims)
            self.report.undated += extraction.article.published is None
            warnings = extraction.article.meta.get("warnings")
            for warning in warnings if isinstance(warnings, list | tuple) else ():
                self.report.warnings.append(str(warning))
                self.observer.warned(str(warning))


class _Run(StoreWriter):
    """One local ingest run: the store writer plus the extractor and its worker pool."""

    def __init__(
        self,
        store: Store,
        extract: Extract,
        pool: Executor | None,
        workers: int,
        observer: IngestObserver,
        kb_dir: Path | None = None,
    ) -> None:
        super().__init__(store, observer, kb_dir=kb_dir)
        self.extract = extract
        self.pool = pool
        self.workers = workers

    def flush(self, batch: list[Article]) -> None:
        """Extract and store one batch in one transaction, skipping articles already stored."""
        if not batch:
            return
        unique: dict[str, Article] = {}
        for article in batch:
            unique.setdefault(article.id, article)
        present = self.store.existing_article_ids(list(unique))
        self.repair([a for a in unique.values() if a.id in present])
        new = [a for a in unique.values() if a.id not in present]
        self.report.duplicates += len(batch) - len(new)
        extractions = []
        for outcome in self._extract(new):
            if outcome.extraction is not None:
                extractions.append(outcome.extraction)
            else:
                self.fail(IngestError(outcome.source, outcome.error or "extraction failed"))
        self.store_extractions(extractions)
        self.observer.advanced(len(batch))

    def _extract(self, articles: list[Article]) -> Iterator[_Outcome]:
        if not articles:
            return
        if self.pool is None:
            yield from _extract_chunk(self.extract, articles)
            return
        size = max(1, min(50, len(articles) // (self.workers * 4) or 1))
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        for outcomes in self.pool.map(partial(_extract_chunk, self.extract), chunks):
            yield from outcomes


def _is_url(value: Path | str) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def _sources(paths: Sequence[Path | str]) -> Iterator[Path | str | IngestError]:
    """Files (directories walked) and http(s) URLs, in the order given."""
    for given in paths:
        if _is_url(given):
            yield str(given)
        else:
            yield from iter_files([given])


def _records(source: Path | str) -> Iterator[Record]:
    if isinstance(source, str):
        # Imported here: only a run that names a URL needs the network code.
        from mercato.ingest.fetch import articles_from_url

        yield from articles_from_url(source)
        return
    yield from reader_for(source).read(source)


def _read_safely(source: Path | str) -> Iterator[Record]:
    """A source's records; a file that breaks off ends with one failure naming it."""
    records = _records(source)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except IngestError as exc:
            yield exc
            return
        except Exception as exc:  # noqa: BLE001 - a reader's bug must not stop the batch
            yield IngestError(str(source), f"unexpected {type(exc).__name__}: {exc}")
            return
        yield record


def ingest_paths(
    paths: Sequence[Path | str],
    store: Store,
    *,
    extract: Extract | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    observer: IngestObserver | None = None,
    kb_dir: Path | None = None,
) -> IngestReport:
    """Ingest files, directories and http(s) URLs into `store`; returns what it did.

    The saved stories of the people in the news are refreshed, settled with the completed-transfer
    tables under `kb_dir` when given."""
    if workers < 1:
        raise ConfigurationError("workers must be at least 1")
    if batch_size < 1:
        raise ConfigurationError("batch size must be at least 1")
    extract = extract or default_extract()
    observer = observer or SilentObserver()
    started = time.perf_counter()
    files: list[Path | str] = []
    run = _Run(store, extract, None, workers, observer, kb_dir)
    for found in _sources(paths):
        if isinstance(found, IngestError):
            run.fail(found)
        else:
            files.append(found)
    observer.started(sum(_estimate(f) for f in files))
    pool: ProcessPoolExecutor | None = None
    if workers > 1:
        # Spawned, not forked: a forked child would inherit the store's open connections.
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    run.pool = pool
    try:
        batch: list[Article] = []
        for path in files:
            run.report.files += 1
            for record in _read_safely(path):
                if isinstance(record, IngestError):
                    run.fail(record)
                    observer.advanced(1)
                    continue
                batch.append(record)
                if len(batch) >= batch_size:
                    # Outside the reader's guard: a store or worker failure is not the file's
                    # fault and stops the run (committed batches stay).
                    run.flush(batch)
                    batch = []
        run.flush(batch)
    except BaseException:
        if pool is not None:
            _stop_now(pool)
        raise
    if pool is not None:
        pool.shutdown()
    run.report.seconds = time.perf_counter() - started
    return run.report


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Stop the workers of an interrupted run at once rather than after their current chunk."""
    processes = list(getattr(pool, "_processes", {}).values())  # no public way to reach them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def _estimate(path: Path | str) -> int:
    if isinstance(path, str):
        return 1
    try:
        return reader_for(path).estimate(path)
    except IngestError:
        return 1

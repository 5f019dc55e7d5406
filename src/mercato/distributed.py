"""Ingest as a Dask job: parsing and extraction on a cluster, writing through the store.

`mercato ingest --engine dask [--scheduler ADDRESS]` lands here. The client splits the inputs
into partitions (JSON Lines files into ranges of lines, other files whole), workers read and
extract a partition each, and the client stores the results partition by partition, in input
order, through `Store.add_extractions`. The store is idempotent and articles are keyed by their
content, so the stored result is the same as a local run's (`mercato.pipeline.ingest_paths`) on
the same input; in-order writing keeps even the claim ids the same.

Without a scheduler address a `distributed.LocalCluster` is started for the run and closed after.
Workers need Mercato installed (the same version); they never connect to the database.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mercato.domain import Article, Extraction
from mercato.errors import ConfigurationError, IngestError
from mercato.pipeline import (
    Extract,
    IngestObserver,
    IngestReport,
    SilentObserver,
    StoreWriter,
    default_extract,
    where,
)
from mercato.store import Store

if TYPE_CHECKING:
    from distributed import Client

DEFAULT_PARTITION_RECORDS = 200
JSONL_READER = "jsonl"
GIVE_UP_AFTER = 5  # as the JSON Lines reader: this many bad first lines and no good one


@dataclass(frozen=True)
class Partition:
    """A piece of input one worker reads: a whole file, or lines [start, end) of a JSONL file."""

    path: str
    start: int = 0  # byte offset of the first line
    end: int | None = None  # byte offset after the last line; None: the whole file via its reader
    first_line: int = 1  # number of the first line, for naming a bad record "file:line"
    records: int = 1  # lines in the range (an estimate for whole files)
    is_url: bool = False  # an http(s) address the worker fetches (a feed or one page)


@dataclass(frozen=True)
class PartitionResult:
    """What a worker made of one partition (failures as (source, reason), which pickle safely)."""

    extractions: tuple[Extraction, ...]
    failures: tuple[tuple[str, str], ...]
    records: int


def is_url(value: Path | str) -> bool:
    """True for an http(s) address given where a path could be."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def plan_partitions(
    sources: Sequence[Path | str], records_per_partition: int = DEFAULT_PARTITION_RECORDS
) -> tuple[list[Partition], list[IngestError]]:
    """Split files (and URLs) into partitions; a file no reader takes is a failure, as locally."""
    from mercato.ingest.readers import reader_for

    partitions: list[Partition] = []
    failures: list[IngestError] = []
    for path in sources:
        if isinstance(path, str):
            partitions.append(Partition(path, is_url=True))
            continue
        try:
            spec = reader_for(path)
        except IngestError as exc:
            failures.append(exc)
            continue
        if spec.name == JSONL_READER:
            partitions.extend(_line_ranges(path, records_per_partition))
        else:
            partitions.append(Partition(str(path), records=spec.estimate(path)))
    return partitions, failures


def _line_ranges(path: Path, per_partition: int) -> Iterator[Partition]:
    """Ranges of `per_partition` lines, cut at line ends while streaming the file once."""
    start, offset, first_line, lines = 0, 0, 1, 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            offset += len(raw)
            lines += 1
            if lines == per_partition:
                yield Partition(str(path), start, offset, first_line, lines)
                start, first_line, lines = offset, number + 1, 0
    if lines or start == 0:
        yield Partition(str(path), start, offset, first_line, max(lines, 1))


def _jsonl_range(partition: Partition) -> Iterator[Article | IngestError]:
    """The records of a line range, read exactly as `mercato.ingest.jsonl` reads each line."""
    from mercato.ingest.jsonl import records_from_lines
    from mercato.ingest.sanity import looks_binary

    source = partition.path
    assert partition.end is not None
    try:
        with open(source, "rb") as handle:
            handle.seek(partition.start)
            data = handle.read(partition.end - partition.start)
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from exc
    is_file_start = partition.start == 0
    if is_file_start and not data.strip():
        raise IngestError(source, "empty file")
    if is_file_start and looks_binary(data[:8192]):
        raise IngestError(source, "binary file, not text")
    lines = enumerate(data.splitlines(keepends=True), start=partition.first_line)
    yield from records_from_lines(lines, source, is_file_start=is_file_start)


def _records(partition: Partition) -> Iterator[Article | IngestError]:
    if partition.is_url:
        from mercato.ingest.fetch import articles_from_url

        yield from articles_from_url(partition.path)
    elif partition.end is None:
        from mercato.ingest.readers import read_path

        yield from read_path(Path(partition.path))
    else:
        yield from _jsonl_range(partition)


def run_partition(partition: Partition, extract: Extract) -> PartitionResult:
    """Read and extract one partition (on a worker); one bad record or article is a failure."""
    extractions: list[Extraction] = []
    failures: list[tuple[str, str]] = []
    records = 0
    seen: set[str] = set()
    try:
        for record in _records(partition):
            records += 1
            if isinstance(record, IngestError):
                failures.append((record.source, record.reason))
                continue
            if record.id in seen:  # the same text twice in one partition: a duplicate
                continue
            seen.add(record.id)
            try:
                extractions.append(extract(record))
            except Exception as exc:  # noqa: BLE001 - one bad article is reported, the run goes on
                source = where(record)
                failures.append((source, f"extraction failed ({type(exc).__name__}: {exc})"))
    except IngestError as exc:
        failures.append((exc.source, exc.reason))
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not stop the run
        failures.append((partition.path, f"unexpected {type(exc).__name__}: {exc}"))
    return PartitionResult(tuple(extractions), tuple(failures), records)


class _Writer(StoreWriter):
    """The client's side: stores partition results in order through the shared store writer."""

    def write(self, result: PartitionResult) -> None:
        """Report a partition's failures and store its extractions."""
        for source, reason in result.failures:
            self.fail(IngestError(source, reason))
        duplicates_in_partition = result.records - len(result.failures) - len(result.extractions)
        self.report.duplicates += max(0, duplicates_in_partition)
        self.store_extractions(list(result.extractions))
        self.observer.advanced(result.records)


def start_client(
    scheduler: str | None = None, *, workers: int = 2, processes: bool = True
) -> Client:
    """A Dask client: to the scheduler at `scheduler`, else to a new local cluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigurationError(
            "the Dask engine needs the 'dask' extra: pip install 'mercato[dask]'"
        ) from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="20s")
        except OSError as exc:
            raise ConfigurationError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,  # extraction is CPU-bound Python: parallel only across processes
        processes=processes,
        dashboard_address=None,
        silence_logs=logging.WARNING,
    )
    return Client(cluster)


def ingest_with_dask(
    paths: Sequence[Path | str],
    store: Store,
    *,
    scheduler: str | None = None,
    client: Client | None = None,
    workers: int = 2,
    extract: Extract | None = None,
    records_per_partition: int = DEFAULT_PARTITION_RECORDS,
    observer: IngestObserver | None = None,
    kb_dir: Path | None = None,
) -> IngestReport:
    """Ingest files and URLs as a Dask job, store the results; the same report as a local run."""
    from mercato.ingest.readers import iter_files

    if workers < 1:
        raise ConfigurationError("workers must be at least 1")
    if records_per_partition < 1:
        raise ConfigurationError("a partition needs at least one record")
    extract = extract or default_extract()
    writer = _Writer(store, observer or SilentObserver(), kb_dir=kb_dir)
    started = time.perf_counter()
    sources: list[Path | str] = []
    for given in paths:
        found_all = [str(given)] if is_url(given) else list(iter_files([given]))
        for found in found_all:
            if isinstance(found, IngestError):
                writer.fail(found)
            else:
                sources.append(found)
    partitions, unreadable = plan_partitions(sources, records_per_partition)
    for error in unreadable:
        writer.fail(error)
    writer.report.files = len(sources)
    writer.observer.started(sum(p.records for p in partitions))
    own_client = client is None
    active = client if client is not None else start_client(scheduler, workers=workers)
    try:
        _run(active, partitions, extract, writer)
    finally:
        if own_client:
            cluster = active.cluster
            active.close()
            if cluster is not None:
                cluster.close()
    writer.report.seconds = time.perf_counter() - started
    return writer.report


def _run(client: Client, partitions: list[Partition], extract: Extract, writer: _Writer) -> None:
    """Submit partitions with a bounded number in flight; store results in input order."""
    cores = sum(client.nthreads().values()) or 1
    window = max(2, 3 * cores)  # enough queued to keep workers busy, few enough to bound memory
    in_flight: deque[Any] = deque()
    pending = iter(partitions)
    for partition in pending:
        in_flight.append(client.submit(run_partition, partition, extract, pure=False))
        if len(in_flight) >= window:
            break
    while in_flight:
        future = in_flight.popleft()
        result: PartitionResult = future.result()
        future.release()
        writer.write(result)
        following = next(pending, None)
        if following is not None:
            in_flight.append(client.submit(run_partition, following, extract, pure=False))

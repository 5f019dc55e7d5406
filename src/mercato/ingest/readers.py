"""Readers: turn files into articles, chosen by a small registry keyed by suffix or by sniffing.

A reader is a function `read(path) -> Iterable[Article | IngestError]`:

- it yields each `Article` it reads;
- it yields an `IngestError` for one record that cannot be read (a bad JSONL line, named
  ``file:line``), and goes on with the rest of the file;
- it raises `IngestError(source, reason)` when the whole file cannot be read.

Warnings about an article that is kept (no date, a guessed encoding) go in
``article.meta["warnings"]`` as ``"source: what is doubtful"`` strings, as
`mercato.ingest.sanity` does. Built-in readers (seed/plain text, JSON Lines) register
themselves here; other formats register from their own modules with `register_reader`, and a
third-party package can add one through the ``mercato.readers`` entry-point group.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from mercato.domain import Article
from mercato.errors import IngestError, UnsupportedFormat
from mercato.ingest.jsonl import count_jsonl_records, looks_like_jsonl, read_jsonl_file
from mercato.ingest.text import looks_like_seed, read_text_file

log = logging.getLogger("mercato.ingest")

Record = Article | IngestError
Reader = Callable[[Path], Iterable[Record]]
Sniffer = Callable[[bytes], bool]
Counter = Callable[[Path], int]

# How much of a file's start a sniffer sees.
SNIFF_BYTES = 4096

# Modules of Mercato's own that register readers for more formats; each is imported on first
# use so that `import mercato.ingest.readers` stays cheap. A missing one is simply not there yet.
PLUGIN_MODULES: tuple[str, ...] = (
    "mercato.ingest.html",
    "mercato.ingest.feeds",
    "mercato.ingest.warc",
    "mercato.ingest.csv_export",
)
ENTRY_POINT_GROUP = "mercato.readers"


@dataclass(frozen=True)
class ReaderSpec:
    """One registered reader: the suffixes it claims, how to spot its files, how to count them."""

    name: str
    suffixes: tuple[str, ...]
    read: Reader
    sniff: Sniffer | None = None
    count: Counter | None = None  # records in a file, for progress bars; else 1 per file

    def estimate(self, path: Path) -> int:
        """About how many records `path` holds (never fails; 1 when unknown)."""
        if self.count is None:
            return 1
        try:
            return max(1, self.count(path))
        except (OSError, ValueError):
            return 1


_READERS: list[ReaderSpec] = []
_plugins_loaded = False


def register_reader(
    suffixes: Iterable[str],
    func: Reader,
    *,
    name: str | None = None,
    sniff: Sniffer | None = None,
    count: Counter | None = None,
) -> ReaderSpec:
    """Register a reader for files ending in `suffixes` (".warc.gz"); a later one wins a tie."""
    normalised = tuple(s.lower() if s.startswith(".") else f".{s.lower()}" for s in suffixes)
    spec = ReaderSpec(name or func.__name__, normalised, func, sniff, count)
    # Registering the same function again (a re-imported module) replaces the old entry.
    _READERS[:] = [r for r in _READERS if r.read is not func and r.name != spec.name]
    _READERS.append(spec)
    return spec


def registered_readers() -> list[ReaderSpec]:
    """Every registered reader, built-in and plug-in, in registration order."""
    _load_plugins()
    return list(_READERS)


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for module in PLUGIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry.load()
        except Exception as exc:  # noqa: BLE001 - a broken third-party plug-in must not stop ingest
            log.warning("reader plug-in %s could not be loaded: %s", entry.name, exc)


def reader_for(path: Path) -> ReaderSpec:
    """The reader for `path`: the longest matching suffix, else the first sniffer that says yes."""
    readers = registered_readers()
    name = path.name.lower()
    best: tuple[int, int, ReaderSpec] | None = None
    for order, spec in enumerate(readers):
        for suffix in spec.suffixes:
            if name.endswith(suffix) and (best is None or (len(suffix), order) > best[:2]):
                best = (len(suffix), order, spec)
    if best is not None:
        return best[2]
    head = _head(path)
    for spec in reversed(readers):
        if spec.sniff is not None and spec.sniff(head):
            return spec
    kind = f"{path.suffix} files" if path.suffix else "files without a suffix"
    raise UnsupportedFormat(str(path), f"no reader for {kind} and the content is not recognised")


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def read_path(path: Path) -> Iterator[Record]:
    """Articles and failed records of one file, through its registered reader."""
    spec = reader_for(path)
    yield from spec.read(path)


def iter_files(paths: Sequence[Path | str]) -> Iterator[Path | IngestError]:
    """Files named by `paths`, walking directories recursively (sorted, hidden files skipped).

    What cannot be read is named, never skipped in silence: a folder that cannot be listed, a
    broken symbolic link, a FIFO or device.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield _file_or_error(path)


def _walk(root: Path) -> Iterator[Path | IngestError]:
    failures: list[IngestError] = []

    def unreadable(exc: OSError) -> None:
        failures.append(IngestError(str(exc.filename), f"cannot read: {exc.strerror or exc}"))

    seen: set[str] = set()
    for folder, dirs, names in os.walk(root, onerror=unreadable, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a symbolic link back up the tree
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from failures
        failures.clear()
        for name in sorted(names):
            if not name.startswith("."):
                yield _file_or_error(Path(folder) / name)
    yield from failures


def _file_or_error(path: Path) -> Path | IngestError:
    if path.is_file():
        return path
    if path.is_symlink() and not path.exists():
        return IngestError(str(path), "broken symbolic link")
    if path.exists():
        kind = "a FIFO" if path.is_fifo() else "a socket" if path.is_socket() else "a device"
        return IngestError(str(path), f"not a regular file ({kind})")
    return IngestError(str(path), "no such file or directory")


register_reader([".txt", ".text"], read_text_file, name="text", sniff=looks_like_seed)
register_reader(
    [".jsonl", ".ndjson"],
    read_jsonl_file,
    name="jsonl",
    sniff=looks_like_jsonl,
    count=count_jsonl_records,
)

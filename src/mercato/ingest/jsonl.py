"""JSON Lines articles with the fields of the shared corpus: id, text, date, url, outlet, title,
kind, meta (other top-level fields, such as `dataset`, are kept in `meta`).

The file is streamed. One bad line is one failure named ``file:line`` and the rest goes on; a
file whose first lines are all unreadable is not JSON Lines at all and fails as a whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.sanity import MAX_TEXT_CHARS, check_published, looks_binary
from mercato.ingest.text import guess_decode

KNOWN_FIELDS = ("id", "text", "date", "url", "outlet", "title", "kind", "meta", "language")
STRING_FIELDS = ("url", "outlet", "title", "kind", "language")
# After this many failed lines with none read, the file is judged not to be JSON Lines.
GIVE_UP_AFTER = 5
# JSON may escape half of a UTF-16 pair ("\ud800"): valid JSON, but no text can be stored with it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value: object) -> str | None:
    """The first lone surrogate in a decoded JSON value, as an escape, or None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                return f"\\u{ord(found[0]):04x}"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def parse_record_date(value: object) -> date | None:
    """An ISO date or datetime ("2023-02-24", "2023-02-24T18:05:00Z") as a date, or None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError(f"date must be an ISO string, got {value!r}")
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"date {value!r} is not an ISO date or datetime") from None


def article_from_record(record: Any, source: str, source_path: str) -> Article:
    """One article from one decoded JSON record; raises IngestError naming what is wrong."""
    if not isinstance(record, dict):
        raise IngestError(source, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = "no 'text' field" if text is None else "'text' is empty or not a string"
        raise IngestError(source, reason)
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(source, f"article text is over {MAX_TEXT_CHARS} characters")
    surrogate = _lone_surrogate(record)
    if surrogate is not None:
        raise IngestError(source, f"holds a lone surrogate ({surrogate}), which is not text")
    try:
        published = parse_record_date(record.get("date"))
    except (TypeError, ValueError) as exc:
        raise IngestError(source, str(exc)) from None
    date_warnings: list[str] = []
    if published is not None:
        published, date_warnings = check_published(published, source)
    fields: dict[str, str | None] = {}
    for name in STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise IngestError(source, f"'{name}' must be a string, got {value!r}")
        fields[name] = value or None
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise IngestError(source, f"'meta' must be an object, got {type(meta).__name__}")
    meta = dict(meta)
    for key, value in record.items():
        if key not in KNOWN_FIELDS:
            meta.setdefault(key, value)
    if date_warnings:
        meta["warnings"] = [*date_warnings]
    external_id = record.get("id")
    return Article.from_text(
        text.strip(),
        published=published,
        outlet=fields["outlet"],
        url=fields["url"],
        title=fields["title"],
        language=fields["language"] or "en",
        kind=fields["kind"] or "article",
        source_path=source_path,
        external_id=None if external_id is None else str(external_id),
        meta=meta,
    )


def _decode_line(raw: bytes, source: str) -> tuple[str, list[str]]:
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        warning = f"{source}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); decoded as a guess"
        return guess_decode(raw, source), [warning]


def records_from_lines(
    lines: Iterable[tuple[int, bytes]], source: str, *, is_file_start: bool = True
) -> Iterator[Article | IngestError]:
    """Articles and per-line failures from numbered raw lines of a JSON Lines file.

    Until one line reads well, failures are held back: if the first lines of the file all fail,
    the file is not JSON Lines at all and fails once. A slice that does not start the file
    (a Dask partition) has no such say.
    """
    pending: list[IngestError] = []
    has_read_one = not is_file_start
    for number, raw in lines:
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            text, warnings = _decode_line(raw, where)
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                raise IngestError(where, f"bad JSON ({exc.msg} at column {exc.colno})") from None
            except (ValueError, RecursionError) as exc:
                # Python's own limits: a number over 4,300 digits, arrays nested too deep.
                reason = str(exc).split(":")[0] if isinstance(exc, ValueError) else "nested too deep"
                raise IngestError(where, f"unreadable JSON ({reason})") from None
            article = article_from_record(record, where, source)
        except IngestError as failure:
            if has_read_one:
                yield failure
                continue
            pending.append(failure)
            if len(pending) >= GIVE_UP_AFTER:
                raise IngestError(
                    source,
                    f"not JSON Lines: the first {GIVE_UP_AFTER} records are unreadable "
                    f"(line {pending[0].source.rsplit(':', 1)[1]}: {pending[0].reason})",
                ) from None
            continue
        article.meta["source_line"] = number  # so that a later failure (extraction, store) names it
        if warnings:
            earlier = article.meta.get("warnings")
            article.meta["warnings"] = warnings + (earlier if isinstance(earlier, list) else [])
        if not has_read_one:
            has_read_one = True
            yield from pending
            pending.clear()
        yield article
    yield from pending


def read_jsonl_file(path: Path) -> Iterator[Article | IngestError]:
    """Read a JSON Lines file: its articles, and one IngestError per unreadable line."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from exc
    with handle:
        head = handle.read(8192)
        if not head.strip():
            raise IngestError(source, "empty file")
        if looks_binary(head):
            raise IngestError(source, "binary file, not text")
        handle.seek(0)
        yield from records_from_lines(enumerate(handle, start=1), source)


def count_jsonl_records(path: Path) -> int:
    """Number of lines in a JSON Lines file (a cheap upper bound on its records)."""
    count = 0
    last = b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (0 if last == b"\n" else 1)


def looks_like_jsonl(head: bytes) -> bool:
    """Sniffer: the file's first line opens a JSON object."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")

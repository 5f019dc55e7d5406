"""CSV exports to articles: one row per article, columns found by name.

The header names the columns: `text` (or body, content, article), and optionally `id`, `date`
(or published, pubdate), `url` (or link), `outlet` (or source, publisher), `title` (or headline),
`kind` and `language`. Comma, semicolon and tab separators are recognised; the encoding is
guessed. A row without text is yielded as an `IngestError` record and the rest go on; a file
without a text column raises `IngestError`.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.html import outlet_from_url
from mercato.ingest.readers import register_reader
from mercato.ingest.sanity import (
    MAX_TEXT_CHARS,
    check_published,
    clean_text,
    decode_bytes,
    parse_date_text,
    read_capped,
)

CSV_SUFFIXES = (".csv", ".tsv")

# Each field of Article, and the header names that mean it (first match wins).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text"),
    "id": ("id", "external_id", "article_id", "guid"),
    "date": ("date", "published", "pubdate", "publication_date", "published_at", "datetime"),
    "url": ("url", "link", "href"),
    "outlet": ("outlet", "source", "publisher", "site", "site_name"),
    "title": ("title", "headline"),
    "kind": ("kind", "type"),
    "language": ("language", "lang"),
}


def is_csv_path(path: Path) -> bool:
    """True for a file whose name says it is a CSV or TSV export."""
    return path.suffix.lower() in CSV_SUFFIXES


def _columns(header: list[str], source: str) -> dict[str, int]:
    """Map each known field to its column index; raises when no column holds the text."""
    folded = [name.strip().lower().lstrip("\ufeff") for name in header]
    found: dict[str, int] = {}
    for field_name, names in COLUMN_NAMES.items():
        for name in names:
            if name in folded:
                found[field_name] = folded.index(name)
                break
    if "text" not in found:
        raise IngestError(source, f"no text column (looked for {', '.join(COLUMN_NAMES['text'])})")
    return found


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """The separator the export uses (comma unless the header says otherwise)."""
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _unclosed_quote_line(content: str, dialect: type[csv.Dialect] | csv.Dialect) -> int | None:
    """The line where a row opens a quote that the file never closes, or None.

    The csv module, unless strict, reads such a quote to the end of the file as one field, so
    every later row would silently become part of one article's text.
    """
    reader = csv.reader(io.StringIO(content, newline=""), dialect, strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        return start if "unexpected end of data" in str(exc) else None
    return None


def parse_csv(content: str, *, source: str) -> Iterator[Article | IngestError]:
    """Yield an article for every row of a CSV export, an IngestError for each bad row."""
    # Article texts are long; the csv module's default field limit (128 KiB) is too small.
    csv.field_size_limit(min(sys.maxsize, MAX_TEXT_CHARS * 4))
    if "\x00" in content:
        content = content.replace("\x00", "")
    dialect = _dialect(content[:4096])
    unclosed = _unclosed_quote_line(content, dialect)
    reader = csv.reader(io.StringIO(content, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise IngestError(source, "empty CSV file") from None
    except csv.Error as exc:
        raise IngestError(source, f"unreadable CSV header ({exc})") from exc
    columns = _columns(header, source)
    while True:
        start = reader.line_num + 1
        if start == unclosed:
            yield IngestError(
                f"{source}:{start}", "a quote opened here is never closed; the rest is unread"
            )
            return
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestError(source, f"CSV breaks at line {reader.line_num} ({exc})")
            return
        if not any(cell.strip() for cell in row):
            continue
        try:
            yield _row_article(row, columns, f"{source}:{reader.line_num}", source)
        except IngestError as exc:
            yield exc


def _row_article(row: list[str], columns: dict[str, int], label: str, source: str) -> Article:
    """Build one row's article."""

    def cell(field_name: str) -> str | None:
        index = columns.get(field_name)
        if index is None or index >= len(row):
            return None
        value = row[index].strip()
        return value or None

    text = clean_text(cell("text") or "", label)
    raw_date = cell("date")
    published, warnings = check_published(parse_date_text(raw_date), label)
    if raw_date and published is None and not warnings[0].endswith("dropped"):
        warnings = [f"{label}: unreadable date {raw_date!r}"]
    url = cell("url")
    meta: dict[str, object] = {"format": "csv"}
    if warnings:
        meta["warnings"] = warnings
    return Article.from_text(
        text,
        published=published,
        outlet=cell("outlet") or outlet_from_url(url),
        url=url,
        title=cell("title"),
        language=(cell("language") or "en").lower()[:16],
        source_path=source,
        external_id=cell("id"),
        kind=(cell("kind") or "article").lower()[:32],
        meta=meta,
    )


def read_csv_file(path: Path) -> Iterator[Article | IngestError]:
    """Read one CSV or TSV export."""
    content = decode_bytes(read_capped(path), str(path))
    yield from parse_csv(content, source=str(path))


register_reader(CSV_SUFFIXES, read_csv_file, name="csv")

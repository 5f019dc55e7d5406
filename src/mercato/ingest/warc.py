"""Web archives (WARC, plain or gzipped, via warcio) to articles.

Every `response` record whose HTTP status is 2xx and whose payload is HTML becomes an article
through `mercato.ingest.html`; its target URI gives the URL and the outlet, its `WARC-Date` the
date when the page itself has none. Other records (requests, metadata, images, redirects) are
passed over; a record whose page cannot be read is yielded as an `IngestError` record and the
archive goes on. A file that is not a WARC at all, or breaks off before its first record, is an `IngestError`.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.html import article_from_html
from mercato.ingest.readers import register_reader
from mercato.ingest.sanity import parse_date_text, read_stream_capped

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")

# A whole archive may be large (it is streamed); one page in it may not.
MAX_RECORD_BYTES = 10 * 1024 * 1024
# Archives are streamed, so only a sanity bound: 20 GiB.
MAX_WARC_BYTES = 20 * 1024 * 1024 * 1024


def is_warc_path(path: Path) -> bool:
    """True for a file whose name says it is a web archive."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def _is_html(content_type: str | None) -> bool:
    """True for an HTML media type (any parameters ignored)."""
    if not content_type:
        return False
    media = content_type.split(";")[0].strip().lower()
    return media in ("text/html", "application/xhtml+xml")


def _record_article(record: Any, source: str, index: int) -> Article | None:
    """The article in one response record, or None when the record holds no HTML page."""
    if record.rec_type != "response":
        return None
    http = record.http_headers
    if http is None:
        return None
    status = http.get_statuscode() or ""
    if not status.startswith("2") or not _is_html(http.get_header("Content-Type")):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    label = f"{source}#{uri or index}"
    payload = read_stream_capped(record.content_stream(), label, MAX_RECORD_BYTES)
    if getattr(record.raw_stream, "limit", 0) > 0:
        # warcio stops quietly where the file ends; the record said how long it was.
        raise IngestError(label, "record is cut short (the archive is truncated)")
    # The capture date bounds the publication date from above; better than none.
    archived = parse_date_text(record.rec_headers.get_header("WARC-Date"))
    try:
        article = article_from_html(
            payload, url=uri, source=source, fallback_published=archived
        )
    except IngestError as exc:
        raise IngestError(label, exc.reason) from exc
    if article.meta.get("date_from") == "fallback":
        article = replace(article, meta={**article.meta, "date_from": "warc_date"})
    return article


def _check_start(path: Path) -> None:
    """Refuse a file whose first record is not a WARC (or ARC) header; warcio would guess on."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
            if head.startswith(b"\x1f\x8b"):
                handle.seek(0)
                with gzip.GzipFile(fileobj=handle) as unzipped:
                    head = unzipped.read(512)
    except (OSError, EOFError, zlib.error) as exc:
        raise IngestError(source, f"not a readable web archive ({exc})") from exc
    if not head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://")):
        raise IngestError(source, "not a readable web archive (no WARC header at the start)")


def _gzip_is_cut(path: Path) -> bool:
    """True when a gzipped file ends inside a member (warcio reads such a file without a word)."""
    with path.open("rb") as handle:
        unzip = zlib.decompressobj(wbits=31)
        pending = False  # bytes fed to a member that has not ended
        while chunk := handle.read(1 << 20):
            while chunk:
                unzip.decompress(chunk, 1 << 16)
                pending = True
                chunk = unzip.unconsumed_tail
                if unzip.eof:
                    chunk = unzip.unused_data + chunk
                    unzip = zlib.decompressobj(wbits=31)
                    pending = False
        return pending


def read_warc(path: Path) -> Iterator[Article | IngestError]:
    """Yield an article for every HTML page an archive holds, an IngestError for each bad one."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from exc
    if size > MAX_WARC_BYTES:
        raise IngestError(source, f"archive is {size} bytes, over the {MAX_WARC_BYTES}-byte limit")
    _check_start(path)
    with path.open("rb") as handle:
        is_gzipped = handle.read(2) == b"\x1f\x8b"
    seen = 0
    with path.open("rb") as handle:
        records = iter(ArchiveIterator(handle, arc2warc=True))
        while True:
            try:
                record = next(records)
            except StopIteration:
                if is_gzipped and _gzip_is_cut(path):
                    yield IngestError(source, f"archive is cut short after {seen} records")
                return
            except ArchiveLoadFailed as exc:
                if seen == 0:
                    raise IngestError(source, f"not a readable web archive ({exc.msg})") from exc
                yield IngestError(source, f"archive breaks off after {seen} records ({exc.msg})")
                return
            except Exception as exc:
                # A gzip stream cut short or a record header broken mid-way.
                reason = f"{type(exc).__name__}: {exc}"
                if seen == 0:
                    raise IngestError(source, f"not a readable web archive ({reason})") from exc
                yield IngestError(source, f"archive breaks off after {seen} records ({reason})")
                return
            seen += 1
            try:
                article = _record_article(record, source, seen - 1)
            except IngestError as exc:
                yield exc
                continue
            except Exception as exc:  # noqa: BLE001 - one broken record must not end the archive
                yield IngestError(
                    f"{source}#{seen - 1}", f"unreadable record ({type(exc).__name__})"
                )
                continue
            if article is not None:
                yield article


def looks_like_warc(head: bytes) -> bool:
    """Sniffer: the start of a file is an uncompressed WARC record."""
    return head.startswith(b"WARC/")


register_reader(WARC_SUFFIXES, read_warc, name="warc", sniff=looks_like_warc)

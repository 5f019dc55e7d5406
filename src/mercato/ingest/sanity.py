"""Checks every reader applies to what it reads: size caps, plausible dates, usable text.

A check either raises `IngestError` (the input cannot become an article) or returns a warning
string that the reader keeps in `Article.meta["warnings"]` and logs (the article is kept).
"""

from __future__ import annotations

import codecs
import logging
import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from mercato.errors import IngestError

log = logging.getLogger("mercato.ingest")

# 50 MiB: far above any news page, feed or export shard, far below what would hurt memory.
MAX_INPUT_BYTES = 50 * 1024 * 1024
# One article's text; anything longer is a dump or junk, not a report.
MAX_TEXT_CHARS = 2_000_000
# Shorter than this is no article (a menu, an error page, an empty body).
MIN_TEXT_CHARS = 20
# Dates before football news was printed in this form are parse accidents.
EARLIEST_DATE = date(1850, 1, 1)
# A date up to this far ahead is a time-zone slip; further ahead it is suspect but kept.
FUTURE_SLACK = timedelta(days=1)
# Further ahead than this no publication date can be: a placeholder (9999-12-31) or a typo.
FUTURE_LIMIT = timedelta(days=2 * 366)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_capped(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a file whole, refusing one larger than `limit` bytes with a clear error."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if size > limit:
        raise IngestError(str(path), f"file is {size} bytes, over the {limit}-byte limit")
    try:
        with path.open("rb") as handle:
            return read_stream_capped(handle, str(path), limit)
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}") from exc


def read_stream_capped(handle: BinaryIO, source: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a stream whole, stopping with a clear error once it passes `limit` bytes."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise IngestError(source, f"input is over the {limit}-byte limit")
    return data


def clean_text(text: str, source: str) -> str:
    """Strip control characters and outer blank space; refuse empty or oversized text."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if len(text) < MIN_TEXT_CHARS:
        raise IngestError(source, "no article text (empty or too short)")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(source, f"article text is over {MAX_TEXT_CHARS} characters")
    return text


def today_utc() -> date:
    """Today's date in UTC (the reference for 'future' dates)."""
    return datetime.now(UTC).date()


def check_published(published: date | None, source: str) -> tuple[date | None, list[str]]:
    """Keep a plausible publication date; drop an absurd one; warn on missing or future ones.

    The one date policy of every reader: before 1850 or more than two years ahead is absurd
    (dropped, the article kept undated, with a warning); a little ahead is kept with a warning.
    """
    if published is None:
        return None, [f"{source}: no publication date"]
    if published < EARLIEST_DATE or published > today_utc() + FUTURE_LIMIT:
        return None, [f"{source}: publication date {published} is implausible; dropped"]
    if published > today_utc() + FUTURE_SLACK:
        return published, [f"{source}: publication date {published} is in the future; kept"]
    return published, []


def parse_date_text(value: object) -> date | None:
    """Read an ISO-like date or datetime string (or a date) into a date; None when unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    for layout in _DATE_LAYOUTS:
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date()  # RFC 2822, as feeds and mail headers write it
    except (TypeError, ValueError, IndexError):
        return None


# Day first: the exports Mercato meets are European; ISO and RFC 2822 are tried before these.
_DATE_LAYOUTS = ("%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y")


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refused as Windows-1252, the usual culprit in mixed files."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("mercato-cp1252", _cp1252_fallback)


_FEW_NON_ASCII = 0.05
_CHARSET = re.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)


def _declared_charset(head: bytes) -> str | None:
    """The charset a document declares (meta tag, XML prolog), unless it claims UTF-8."""
    match = _CHARSET.search(head)
    if match is None:
        return None
    name = match[1].decode("ascii").lower()
    return None if name.replace("-", "").replace("_", "") in ("utf8", "utf8sig") else name


def looks_binary(data: bytes) -> bool:
    """True when the start of the input is not text (NUL bytes or mostly control bytes)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def decode_bytes(data: bytes, source: str) -> str:
    """Decode text of unknown encoding: BOM, else UTF-8 (mixed bytes as cp1252), else a guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if looks_binary(data):
        raise IngestError(source, "binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data):
        # Mostly UTF-8 with stray single-byte characters: keep both readable.
        return data.decode("utf-8", errors="mercato-cp1252")
    declared = _declared_charset(data[:4096])
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    non_ascii = sum(1 for b in data if b >= 0x80)
    if non_ascii <= len(data) * _FEW_NON_ASCII:
        # A few accented letters in English text: a statistical guess is unreliable on so
        # little evidence, and Windows-1252 is by far the usual culprit.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    except ImportError:  # pragma: no cover - trafilatura brings charset_normalizer
        pass
    return data.decode("cp1252", errors="replace")

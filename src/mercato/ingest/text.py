"""Plain-text articles: the seed format (a first line ` date YYYY-MM-DD ` then the text) and bare text.

A file whose first word is ``date`` must give a real ``YYYY-MM-DD`` date after it, or it fails
(a typo there would otherwise silently store an undated article). A file without a date line is
kept without a date, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.sanity import (
    _UTF8_MULTIBYTE,
    MAX_TEXT_CHARS,
    check_published,
    decode_bytes,
    looks_binary,
    read_capped,
)

# The date line: optional blanks, the word "date", blanks, then the date token (which may
# run straight on into the article's first sentence, as in the seed file).
_DATE_LINE = re.compile(r"\A[ \t\ufeff]*date(?=[ \t\r\n]|\Z)[ \t]*(?P<token>\S*)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, else as the likeliest single-byte encoding with a warning."""
    if not data.strip():
        raise IngestError(source, "empty file")
    if looks_binary(data):
        raise IngestError(source, "binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        if data.startswith(_UTF16_BOMS):
            return decode_bytes(data, source), []
        # Mostly UTF-8 with stray single-byte characters keeps its UTF-8 parts; else a guess.
        text = decode_bytes(data, source) if _UTF8_MULTIBYTE.search(data) else guess_decode(data, source)
        bad = data[exc.start]
        warning = (
            f"{source}: not valid UTF-8 (byte 0x{bad:02x} at offset {exc.start}); decoded "
            "with a guessed encoding, so check accented names"
        )
        return text, [warning]


def guess_decode(data: bytes, source: str) -> str:
    """Decode bytes that are not UTF-8: Windows-1252 when it fits, else the best guess."""
    # Western European news saved by Windows tools is by far the usual culprit, and a
    # statistical guess on a short text often picks a Central European code page instead.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return decode_bytes(data, source)


def tidy(text: str) -> str:
    """Unify line ends and drop control characters that no article means to contain."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def split_date_line(text: str, source: str) -> tuple[date | None, str]:
    """The date of a seed-format text and the text after it; (None, text) without a date line."""
    match = _DATE_LINE.match(text)
    if match is None:
        return None, text
    token = match["token"] or ""
    rest = text[match.end() :]
    if not _ISO_DATE.match(token):
        if not token:
            raise IngestError(source, "the date line has no date (expected 'date YYYY-MM-DD')")
        raise IngestError(source, f"the date line has {token!r}, not a YYYY-MM-DD date")
    try:
        published = date.fromisoformat(token)
    except ValueError:
        raise IngestError(
            source, f"the date line has {token!r}, which is not a real date"
        ) from None
    return published, rest


def looks_like_seed(head: bytes) -> bool:
    """Sniffer: the start of a file is a seed-format date line."""
    try:
        text = head.decode("utf-8", errors="ignore")
    except UnicodeError:  # pragma: no cover - errors="ignore" never raises
        return False
    match = _DATE_LINE.match(text)
    return bool(match and _ISO_DATE.match(match["token"] or ""))


def read_text_file(path: Path) -> Iterator[Article]:
    """Read one text article, in the seed format or bare (undated, with a warning)."""
    source = str(path)
    text, warnings = decode_text(read_capped(path), source)
    published, body = split_date_line(text.lstrip("\ufeff"), source)
    body = tidy(body)
    if not body:
        raise IngestError(source, "no article text after the date line")
    if len(body) > MAX_TEXT_CHARS:
        raise IngestError(source, f"article text is over {MAX_TEXT_CHARS} characters")
    if published is None:
        warnings.append(f"{source}: no date line (expected 'date YYYY-MM-DD'); stored undated")
    else:
        published, date_warnings = check_published(published, source)
        warnings.extend(date_warnings)
    meta: dict[str, object] = {"warnings": warnings} if warnings else {}
    yield Article.from_text(body, published=published, source_path=source, meta=meta)

"""RSS and Atom feeds to articles (feedparser), from a file or from bytes fetched elsewhere.

Each entry becomes one article: its headline and body (the full content where the feed carries
it, else the summary), its date, link and id; the outlet is the feed's title, else the feed's or
entry's domain. A truncated or malformed feed yields the entries that could be read, with a
warning; a feed with no readable entry raises `IngestError`. A bad entry is yielded as an
`IngestError` record (the reader protocol of `mercato.ingest.readers`) and the rest go on. Fetching the page behind a summary-only entry is left to a `page_loader` the caller
passes (only `mercato.ingest.fetch` touches the network).
"""

from __future__ import annotations

import calendar
import io
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from html import unescape
from pathlib import Path
from typing import Any

from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.html import outlet_from_url
from mercato.ingest.readers import register_reader
from mercato.ingest.sanity import check_published, clean_text, read_capped

log = logging.getLogger("mercato.ingest")

FEED_SUFFIXES = (".rss", ".atom", ".xml", ".feed")

# Below this many characters an entry's body is a teaser, worth replacing by the page if we can.
SUMMARY_ONLY_CHARS = 400

PageLoader = Callable[[str], Article | None]

_BLOCK_END = re.compile(r"(?i)</(p|div|li|h[1-6]|blockquote|tr)>|<br\s*/?>")
_TAG = re.compile(r"<[^>]*>")


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment from a feed, one paragraph per block element."""
    text = _BLOCK_END.sub("\n\n", fragment)
    text = unescape(_TAG.sub("", text))
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _entry_date(entry: Any) -> date | None:
    """The entry's publication date (else its update date), in UTC."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: feedparser's own get() maps keys to each other and warns while doing so.
        parsed = dict.get(entry, key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).date()
            except (OverflowError, ValueError, OSError, TypeError):
                continue
    return None


def _entry_body(entry: Any) -> str:
    """The fullest body the entry carries: content, else summary, else description."""
    bodies = [c.get("value", "") for c in entry.get("content") or [] if isinstance(c, dict)]
    bodies.append(entry.get("summary") or "")
    bodies.append(entry.get("description") or "")
    best = max((fragment_text(str(b)) for b in bodies if b), key=len, default="")
    return best


def feed_outlet(feed: Any, feed_url: str | None) -> str | None:
    """The outlet of a feed: its title, else the domain of its site or of the feed itself."""
    title = " ".join(str(feed.get("title") or "").split())
    if title:
        return title
    return outlet_from_url(feed.get("link")) or outlet_from_url(feed_url)


def _entry_article(
    entry: Any, *, outlet: str | None, source: str, index: int, page_loader: PageLoader | None
) -> Article:
    """Build one entry's article; raises IngestError when it has no usable text."""
    link = str(entry.get("link") or "").strip() or None
    entry_id = str(entry.get("id") or "").strip() or link
    label = f"{source}#{entry_id or index}"
    headline = " ".join(fragment_text(str(entry.get("title") or "")).split()) or None
    body = _entry_body(entry)
    if page_loader is not None and link and len(body) < SUMMARY_ONLY_CHARS:
        page = _load_page(page_loader, link)
        if page is not None:
            body = page.text
    text = body
    if headline and not body.startswith(headline):
        text = f"{headline}\n\n{body}" if body else headline
    text = clean_text(text, label)
    published, warnings = check_published(_entry_date(entry), label)
    meta: dict[str, object] = {"format": "feed"}
    if warnings:
        meta["warnings"] = warnings
    return Article.from_text(
        text,
        published=published,
        outlet=outlet or outlet_from_url(link),
        url=link,
        title=headline,
        source_path=source,
        external_id=entry_id,
        meta=meta,
    )


def _load_page(page_loader: PageLoader, link: str) -> Article | None:
    """Fetch the page behind an entry; a failure keeps the summary instead."""
    try:
        return page_loader(link)
    except IngestError as exc:
        log.warning("%s: keeping the feed's summary (%s)", link, exc.reason)
        return None


def parse_feed(
    data: bytes | str,
    *,
    source: str,
    feed_url: str | None = None,
    page_loader: PageLoader | None = None,
) -> Iterator[Article | IngestError]:
    """Yield an article for every readable entry of a feed, an IngestError for each bad one."""
    import feedparser

    # feedparser reads a str (or bytes) as a URL or a file name; a stream keeps it from
    # touching the network or the disk.
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        parsed = feedparser.parse(io.BytesIO(raw), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:
        raise IngestError(source, f"feed could not be parsed ({type(exc).__name__})") from exc
    entries = list(parsed.get("entries") or [])
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a feed or no entries ({problem})" if problem else "feed has no entries"
        raise IngestError(source, reason)
    if parsed.get("bozo"):
        log.warning(
            "%s: malformed feed (%s); reading the entries found",
            source,
            parsed.get("bozo_exception"),
        )
    outlet = feed_outlet(parsed.get("feed") or {}, feed_url)
    for index, entry in enumerate(entries):
        try:
            article = _entry_article(
                entry, outlet=outlet, source=source, index=index, page_loader=page_loader
            )
        except IngestError as exc:
            yield exc
            continue
        if parsed.get("bozo"):
            article = replace(article, meta={**article.meta, "malformed_feed": True})
        yield article


def is_feed_path(path: Path) -> bool:
    """True for a file whose name says it is a feed."""
    return path.suffix.lower() in FEED_SUFFIXES


def looks_like_feed(data: bytes) -> bool:
    """True when a document's start looks like RSS, Atom or RDF rather than a web page."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def read_feed_file(path: Path) -> Iterator[Article | IngestError]:
    """Read one saved RSS or Atom file."""
    yield from parse_feed(read_capped(path), source=str(path))


register_reader(FEED_SUFFIXES, read_feed_file, name="feed", sniff=looks_like_feed)

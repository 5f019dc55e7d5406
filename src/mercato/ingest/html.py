"""Web pages to articles: main text and title by trafilatura, publication date by htmldate.

The outlet comes from the page's `og:site_name` (trafilatura reads it as the site name), else from
the page's domain. Dates come from the page's own metadata and text; a date in the future is kept
with a warning, a page with no date is kept undated with a warning.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.readers import register_reader
from mercato.ingest.sanity import (
    check_published,
    clean_text,
    decode_bytes,
    parse_date_text,
    read_capped,
)

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# htmldate ignores dates after today by default; we want to see them to warn about them.
_LATEST_DATE = "2100-12-31"

# trafilatura and htmldate log every odd page at WARNING; ours are the warnings that matter.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to, as its host name without `www.` (None if there is none)."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.").lower() or None


def _find_date(html: str, url: str | None) -> date | None:
    """The page's publication date (htmldate, original date preferred), or None."""
    import htmldate

    try:
        # No extensive search: it turns "joined in 2017" or a copyright line into a date, and
        # a wrong date is worse than none (windows are resolved against it).
        found = htmldate.find_date(
            html,
            url=url,
            extensive_search=False,
            original_date=True,
            max_date=_LATEST_DATE,
            outputformat="%Y-%m-%d",
        )
    except Exception:  # noqa: BLE001 - htmldate raises many kinds on broken pages; none is fatal
        return None
    return parse_date_text(found)


def _page_language(html: str) -> str | None:
    """The two-letter language the page declares on its <html> element, if any."""
    import trafilatura

    try:
        tree = trafilatura.load_html(html)
    except Exception:  # noqa: BLE001 - lxml refuses some junk; the language is optional
        return None
    if tree is None:
        return None
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        return None
    code = lang.strip().split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


def _paragraphs(text: str) -> str:
    """Separate trafilatura's lines as paragraphs, the way the other readers give text."""
    lines = [line.strip() for line in text.split("\n")]
    return "\n\n".join(line for line in lines if line)


def article_from_html(
    content: bytes | str,
    *,
    url: str | None = None,
    source: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    title: str | None = None,
    external_id: str | None = None,
    fallback_published: date | None = None,
) -> Article:
    """Turn one web page into an article; given fields win over what the page says.

    `fallback_published` dates a page that gives no date itself (a web archive's capture date).
    """
    label = source or url or "<html>"
    html = decode_bytes(content, label) if isinstance(content, bytes) else content
    if "<" not in html:
        raise IngestError(label, "not HTML (no markup)")
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:
        raise IngestError(label, f"HTML could not be parsed ({type(exc).__name__})") from exc
    if document is None:
        raise IngestError(label, "no main text found in the page")
    fields = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = clean_text(_paragraphs(str(fields.get("text") or "")), label)
    page_date = published or _find_date(html, url)
    meta: dict[str, object] = {"format": "html"}
    if page_date is None and fallback_published is not None:
        page_date = fallback_published
        meta["date_from"] = "fallback"
    page_date, warnings = check_published(page_date, label)
    if warnings:
        meta["warnings"] = warnings
    sitename = fields.get("sitename")
    page_url = url or (str(fields["url"]) if fields.get("url") else None)
    page_title = fields.get("title")
    return Article.from_text(
        text,
        published=page_date,
        outlet=outlet or (str(sitename).strip() if sitename else None) or outlet_from_url(page_url),
        url=page_url,
        title=title or (str(page_title).strip() if page_title else None),
        language=_page_language(html) or "en",
        source_path=source,
        external_id=external_id,
        meta=meta,
    )


def is_html_path(path: Path) -> bool:
    """True for a file whose name says it is a web page."""
    return path.suffix.lower() in HTML_SUFFIXES


def read_html_file(path: Path) -> Iterator[Article]:
    """Read one saved web page (the file's name is kept as its source)."""
    yield article_from_html(read_capped(path), source=str(path))


def looks_like_html(head: bytes) -> bool:
    """Sniffer: the start of a file is a web page."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<body" in start[:1024]


register_reader(HTML_SUFFIXES, read_html_file, name="html", sniff=looks_like_html)

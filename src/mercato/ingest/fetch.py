"""The only network code in Mercato: fetch a page or feed over HTTP(S) and read it into articles.

`fetch` does one bounded GET (timeouts, a size cap checked before and while reading, redirects
limited, conditional headers for polling); `sniff_kind` decides from the content type and the
first bytes whether the body is a feed, a web page, or something Mercato does not read;
`articles_from_url` puts the two together for `mercato ingest URL` and `mercato watch`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx

from mercato.domain import Article
from mercato.errors import IngestError, UnsupportedFormat
from mercato.ingest.feeds import looks_like_feed, parse_feed
from mercato.ingest.html import article_from_html
from mercato.ingest.sanity import MAX_INPUT_BYTES, looks_binary
from mercato.version import __version__

USER_AGENT = f"mercato/{__version__} (+transfer news reader)"
DEFAULT_TIMEOUT = 20.0
MAX_REDIRECTS = 5

_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/xml",
    "text/xml",
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class FetchResult:
    """What one GET brought back (an empty body when the server said 'not modified')."""

    url: str  # after redirects
    status: int
    content_type: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304 to a conditional request."""
        return self.status == 304


def is_url(value: str) -> bool:
    """True for an http or https URL (the only kinds Mercato fetches)."""
    return value.lower().startswith(("http://", "https://"))


def new_client(timeout: float = DEFAULT_TIMEOUT) -> httpx.Client:
    """An HTTP client with Mercato's timeouts, redirect limit and user agent."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT},
        trust_env=False,  # no proxies or netrc picked up from the environment
    )


def fetch(
    url: str,
    *,
    client: httpx.Client | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> FetchResult:
    """GET a URL with a size cap; raises IngestError on a bad scheme, status, size or network."""
    if not is_url(url):
        raise IngestError(url, "not an http(s) URL")
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own = client is None
    http = client or new_client(timeout)
    try:
        with http.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return FetchResult(str(response.url), 304, None, b"", etag, last_modified)
            if response.status_code >= 400:
                raise IngestError(url, f"HTTP {response.status_code}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise IngestError(
                    url, f"response is {declared} bytes, over the {max_bytes}-byte limit"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise IngestError(url, f"response is over the {max_bytes}-byte limit")
                chunks.append(chunk)
            return FetchResult(
                url=str(response.url),
                status=response.status_code,
                content_type=response.headers.get("Content-Type"),
                body=b"".join(chunks),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except httpx.TooManyRedirects as exc:
        raise IngestError(url, "too many redirects") from exc
    except httpx.TimeoutException as exc:
        raise IngestError(url, f"timed out ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise IngestError(url, f"network error ({type(exc).__name__}: {exc})") from exc
    finally:
        if own:
            http.close()


def sniff_kind(content_type: str | None, body: bytes) -> str:
    """'feed' or 'html' from the declared type and the body's first bytes; else 'unknown'."""
    media = (content_type or "").split(";")[0].strip().lower()
    if looks_like_feed(body):
        return "feed"
    if media in _HTML_TYPES:
        return "html"
    head = body[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head:
        return "html"
    if media in _FEED_TYPES:
        return "feed"
    if media.startswith("text/") and not looks_binary(body):
        return "html" if b"<" in head else "unknown"
    return "unknown"


def page_loader(client: httpx.Client, max_bytes: int = MAX_INPUT_BYTES) -> Callable[[str], Article]:
    """A loader that fetches a page behind a feed entry and reads its main text."""

    def load(url: str) -> Article:
        result = fetch(url, client=client, max_bytes=max_bytes)
        if sniff_kind(result.content_type, result.body) != "html":
            raise IngestError(url, f"not a web page ({result.content_type})")
        return article_from_html(result.body, url=result.url, source=url)

    return load


def articles_from_result(
    result: FetchResult,
    *,
    source: str,
    client: httpx.Client | None = None,
    fetch_pages: bool = False,
) -> Iterator[Article | IngestError]:
    """Read the articles in a fetched body (a feed's entries, or one web page)."""
    kind = sniff_kind(result.content_type, result.body)
    if kind == "feed":
        loader = page_loader(client) if (fetch_pages and client is not None) else None
        yield from parse_feed(result.body, source=source, feed_url=result.url, page_loader=loader)
    elif kind == "html":
        yield article_from_html(result.body, url=result.url, source=source)
    else:
        raise UnsupportedFormat(source, f"cannot read content of type {result.content_type!r}")


def articles_from_url(
    url: str,
    *,
    fetch_pages: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Article | IngestError]:
    """Fetch a URL and yield its articles (each entry of a feed, or the page itself)."""
    with new_client(timeout) as client:
        result = fetch(url, client=client, max_bytes=max_bytes)
        yield from articles_from_result(result, source=url, client=client, fetch_pages=fetch_pages)


def post_json(url: str, payload: object, *, timeout: float = 10.0) -> int:
    """POST a JSON body (a watch's webhook); returns the status, raises IngestError on failure."""
    if not is_url(url):
        raise IngestError(url, "not an http(s) URL")
    try:
        with new_client(timeout) as client:
            response = client.post(url, json=payload)
    except httpx.HTTPError as exc:
        raise IngestError(url, f"webhook failed ({type(exc).__name__}: {exc})") from exc
    if response.status_code >= 400:
        raise IngestError(url, f"webhook answered HTTP {response.status_code}")
    return response.status_code

"""Web archives: HTML responses become articles; other records are passed over."""

from __future__ import annotations

import gzip
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from mercato.domain import Article
from mercato.errors import IngestError
from mercato.ingest.readers import reader_for
from mercato.ingest.warc import read_warc


def news_page(headline: str, sentence: str, *, dated: str | None = None) -> bytes:
    """A small dated (or undated) news page."""
    meta = f'<meta property="article:published_time" content="{dated}">' if dated else ""
    return (
        f"<html><head><title>{headline}</title>{meta}</head><body><nav>Menu</nav><article>"
        f"<h1>{headline}</h1><p>{sentence}</p><p>Further talks are expected next week between "
        "the two clubs, with personal terms not thought to be a problem for the player.</p>"
        "</article></body></html>"
    ).encode()


def response(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    *,
    content_type: str = "text/html",
    status: str = "200 OK",
    warc_date: str | None = None,
) -> None:
    """Write one HTTP response record."""
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": warc_date} if warc_date else None
    record = writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(body),
        http_headers=headers,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)


def build_warc(path: Path, *, gzipped: bool) -> None:
    """An archive with two pages, an image, a redirect, a request and a broken page."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        response(
            writer,
            "https://www.harbour-news.example/a/1",
            news_page(
                "Harbour Town agree fee for striker",
                "Harbour Town have agreed a fee with Eastgate for their striker.",
                dated="2022-07-04T09:00:00Z",
            ),
        )
        response(
            writer, "https://img.example/x.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"
        )
        response(
            writer, "https://www.harbour-news.example/old", b"", status="301 Moved Permanently"
        )
        req = writer.create_warc_record(
            "https://www.harbour-news.example/a/1",
            "request",
            payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
        )
        writer.write_record(req)
        response(
            writer,
            "https://calcio.example.it/b/2",
            news_page("Undated page", "Lakeside have rejected a second bid for their captain."),
            warc_date="2022-08-15T12:00:00Z",
        )
        response(writer, "https://www.harbour-news.example/empty", b"<html><body></body></html>")


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
def test_html_responses_become_articles(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    build_warc(path, gzipped=gzipped)
    records = list(read_warc(path))
    articles = [r for r in records if isinstance(r, Article)]
    errors = [r for r in records if isinstance(r, IngestError)]
    assert [a.url for a in articles] == [
        "https://www.harbour-news.example/a/1",
        "https://calcio.example.it/b/2",
    ]
    first, second = articles
    assert "agreed a fee with Eastgate" in first.text
    assert first.published == date(2022, 7, 4)
    assert first.outlet == "harbour-news.example"
    assert first.source_path == str(path)
    # no date in the page: the capture date stands in, and says so
    assert second.published == date(2022, 8, 15)
    assert second.meta["date_from"] == "warc_date"
    # the empty page is one reported record; the archive went on past it
    assert len(errors) == 1 and errors[0].source.endswith("#https://www.harbour-news.example/empty")


def test_registry_picks_the_warc_reader_by_suffix_and_by_content(tmp_path: Path) -> None:
    named = tmp_path / "crawl.warc.gz"
    build_warc(named, gzipped=True)
    assert reader_for(named).name == "warc"
    anonymous = tmp_path / "crawl.bin"
    build_warc(anonymous, gzipped=False)
    assert reader_for(anonymous).name == "warc"


def test_not_an_archive_is_an_ingest_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive at all\n" * 10)
    with pytest.raises(IngestError, match="not a readable web archive"):
        list(read_warc(path))


def test_truncated_gzip_archive_keeps_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, gzipped=True)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    records = list(read_warc(cut))
    articles = [r for r in records if isinstance(r, Article)]
    assert articles and articles[0].url == "https://www.harbour-news.example/a/1"
    assert all(isinstance(r, (Article, IngestError)) for r in records)


def test_gzip_of_junk_is_an_ingest_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(gzip.compress(b"\x00\x01junk" * 100))
    with pytest.raises(IngestError):
        list(read_warc(path))

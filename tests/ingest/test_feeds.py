"""RSS and Atom feeds: entries become dated articles, from a file or a URL on 127.0.0.1."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mercato.errors import IngestError
from mercato.ingest.feeds import fragment_text, parse_feed, read_feed_file
from mercato.ingest.fetch import articles_from_url, fetch, sniff_kind

from .local_server import Route, Site, serve

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Example Sport Daily</title><link>https://sport.example.org/</link>
<item>
  <title>Rovers lodge opening bid for Lakeside winger</title>
  <link>https://sport.example.org/news/101</link>
  <guid>ex-101</guid>
  <pubDate>Thu, 02 Mar 2023 09:30:00 GMT</pubDate>
  <description>&lt;p&gt;Northfield Rovers have made an opening offer for the Lakeside winger,
  according to sources at both clubs.&lt;/p&gt;&lt;p&gt;The bid is said to be below the
  asking price.&lt;/p&gt;</description>
</item>
<item>
  <title>Harbour Town close to new goalkeeper</title>
  <link>https://sport.example.org/news/102</link>
  <guid>ex-102</guid>
  <pubDate>Fri, 03 Mar 2023 18:00:00 +0100</pubDate>
  <description>Harbour Town are close to agreeing a loan deal for a goalkeeper from a rival club.</description>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Calcio Esempio</title>
  <link href="https://calcio.example.it/"/>
  <id>urn:example:calcio</id><updated>2023-04-01T10:00:00Z</updated>
  <entry>
    <title>Il difensore rinnova fino al 2027</title>
    <link href="https://calcio.example.it/a/7"/>
    <id>urn:example:calcio:7</id>
    <updated>2023-04-01T10:00:00Z</updated>
    <published>2023-03-31T22:30:00Z</published>
    <content type="html">&lt;p&gt;Il club ha annunciato il rinnovo del contratto del difensore centrale.&lt;/p&gt;&lt;p&gt;Secondo paragrafo più lungo.&lt;/p&gt;</content>
    <summary>Rinnovo annunciato.</summary>
  </entry>
</feed>""".encode()


def test_rss_entries_become_articles() -> None:
    first, second = list(parse_feed(RSS, source="sport.rss"))
    assert first.title == "Rovers lodge opening bid for Lakeside winger"
    assert first.text.startswith("Rovers lodge opening bid for Lakeside winger\n\n")
    assert "opening offer for the Lakeside winger" in first.text
    assert "<p>" not in first.text
    assert first.published == date(2023, 3, 2)
    assert first.url == "https://sport.example.org/news/101"
    assert first.external_id == "ex-101"
    assert first.outlet == "Example Sport Daily"
    assert first.source_path == "sport.rss"
    # 18:00 at +01:00 is 17:00 UTC on the same day
    assert second.published == date(2023, 3, 3)


def test_atom_prefers_full_content_and_published_date() -> None:
    (entry,) = list(parse_feed(ATOM, source="calcio.atom"))
    assert "Secondo paragrafo più lungo." in entry.text
    assert entry.published == date(2023, 3, 31)
    assert entry.outlet == "Calcio Esempio"
    assert entry.url == "https://calcio.example.it/a/7"


def test_outlet_falls_back_to_the_feed_domain() -> None:
    untitled = RSS.replace(b"<title>Example Sport Daily</title>", b"")
    articles = list(parse_feed(untitled, source="x.rss"))
    assert {a.outlet for a in articles} == {"sport.example.org"}


def test_entry_without_text_is_reported_and_the_rest_go_on() -> None:
    broken = RSS.replace(
        b"<item>", b"<item><title></title><link>https://sport.example.org/e</link></item><item>", 1
    )
    records = list(parse_feed(broken, source="x.rss"))
    errors = [r for r in records if isinstance(r, IngestError)]
    assert len(records) == 3
    assert len(errors) == 1 and errors[0].source == "x.rss#https://sport.example.org/e"
    assert "no article text" in errors[0].reason


def test_not_a_feed_is_an_ingest_error() -> None:
    with pytest.raises(IngestError):
        list(parse_feed(b"just some words, no feed here", source="words.xml"))


def test_a_str_is_never_taken_for_a_url_or_path(tmp_path: Path) -> None:
    # feedparser reads a str as a location; the reader must treat it as the document itself.
    target = tmp_path / "other.rss"
    target.write_bytes(RSS)
    with pytest.raises(IngestError):
        list(parse_feed(str(target), source="inline"))


def test_read_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "sport.rss"
    path.write_bytes(RSS)
    assert len(list(read_feed_file(path))) == 2


def test_fragment_text_keeps_paragraphs_and_unescapes() -> None:
    assert (
        fragment_text("<p>One &amp; two</p><p>Three<br/>four</p>") == "One & two\n\nThree\n\nfour"
    )


def test_feed_from_a_local_url() -> None:
    site = Site({"/feed.xml": Route(RSS, "application/rss+xml")})
    with serve(site):
        articles = list(articles_from_url(f"{site.base}/feed.xml"))
    assert [a.external_id for a in articles] == ["ex-101", "ex-102"]
    assert articles[0].source_path == f"{site.base}/feed.xml"


def test_summary_only_entries_can_fetch_their_pages() -> None:
    page = (
        b"<html><head><title>Full story</title></head><body><article><h1>Full story</h1>"
        b"<p>Northfield Rovers have made an opening offer for the Lakeside winger, and the full "
        b"report explains that the offer includes add-ons tied to appearances and promotion.</p>"
        b"<p>Lakeside are expected to hold out for a higher fee before the window closes.</p>"
        b"</article></body></html>"
    )
    site = Site(
        {
            "/feed.xml": Route(
                RSS.replace(b"https://sport.example.org/news/101", b"{base}/news/101"),
                "application/rss+xml",
            )
        }
    )
    with serve(site):
        site.routes["/feed.xml"].body = site.routes["/feed.xml"].body.replace(
            b"{base}", site.base.encode()
        )
        site.routes["/news/101"] = Route(page)
        articles = list(articles_from_url(f"{site.base}/feed.xml", fetch_pages=True))
    assert "add-ons tied to appearances" in articles[0].text
    # the second entry's page is missing (404): its summary is kept
    assert "loan deal for a goalkeeper" in articles[1].text


def test_fetch_refuses_oversized_bodies() -> None:
    site = Site({"/big": Route(b"x" * 5000, "text/html")})
    with serve(site), pytest.raises(IngestError, match="over the 1000-byte limit"):
        fetch(f"{site.base}/big", max_bytes=1000)


def test_fetch_reports_http_errors_and_bad_schemes() -> None:
    with serve(Site()) as site, pytest.raises(IngestError, match="HTTP 404"):
        fetch(f"{site.base}/missing")
    with pytest.raises(IngestError, match="not an http"):
        fetch("file:///etc/passwd")


def test_fetch_times_out_with_a_clear_error() -> None:
    site = Site({"/slow": Route(b"<html></html>", delay=2.0)})
    with serve(site), pytest.raises(IngestError, match="timed out"):
        fetch(f"{site.base}/slow", timeout=0.3)


def test_fetch_stops_a_redirect_loop() -> None:
    site = Site({"/loop": Route(b"", status=302, headers={"Location": "/loop"})})
    with serve(site), pytest.raises(IngestError, match="too many redirects"):
        fetch(f"{site.base}/loop")


def test_fetch_conditional_get_reports_not_modified() -> None:
    site = Site({"/feed.xml": Route(RSS, "application/rss+xml", headers={"ETag": '"v1"'})})
    with serve(site):
        first = fetch(f"{site.base}/feed.xml")
        again = fetch(f"{site.base}/feed.xml", etag=first.etag)
    assert first.etag == '"v1"' and not first.not_modified
    assert again.not_modified and again.body == b""


@pytest.mark.parametrize(
    ("content_type", "body", "kind"),
    [
        ("application/rss+xml", RSS, "feed"),
        ("text/xml", RSS, "feed"),
        ("text/html", RSS, "feed"),  # servers mislabel feeds; the body decides
        ("text/html; charset=utf-8", b"<html><body>x</body></html>", "html"),
        (None, b"<!DOCTYPE html><html></html>", "html"),
        ("application/octet-stream", b"\x00\x01\x02binary", "unknown"),
        ("application/pdf", b"%PDF-1.4", "unknown"),
    ],
)
def test_sniff_kind(content_type: str | None, body: bytes, kind: str) -> None:
    assert sniff_kind(content_type, body) == kind

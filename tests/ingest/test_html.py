"""Web pages: main text without the clutter, title, date and outlet from the page or its URL."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from mercato.errors import IngestError
from mercato.ingest.html import article_from_html, outlet_from_url, read_html_file

BODY = (
    "<p>Northfield Rovers have opened talks over a summer move for the Lakeside centre-back, "
    "who has started every league game this season.</p>"
    "<p>The defender, 24, is valued at around twenty million pounds and has two years left on "
    "his current contract, according to people close to the negotiations.</p>"
    "<p>Rovers want the deal done before their pre-season tour begins in early July.</p>"
)


def page(*, head: str = "", body: str = BODY, lang: str = "en") -> str:
    """A small news page with navigation and footer clutter around the article."""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a> <a href='/login'>Sign in</a></nav>"
        f"<article><h1>Rovers open talks for Lakeside defender</h1>{body}</article>"
        "<footer>Cookie settings. Terms of use. All rights reserved.</footer></body></html>"
    )


META = (
    "<title>Rovers open talks for Lakeside defender | The Example Courier</title>"
    '<meta property="og:site_name" content="The Example Courier">'
    '<meta property="article:published_time" content="2023-03-02T08:15:00+00:00">'
)


def test_main_text_title_date_and_outlet_come_from_the_page() -> None:
    article = article_from_html(page(head=META), url="https://www.courier.example/sport/1")
    assert "opened talks over a summer move" in article.text
    assert "pre-season tour" in article.text
    assert "Cookie settings" not in article.text
    assert "Sign in" not in article.text
    assert article.title == "Rovers open talks for Lakeside defender"
    assert article.published == date(2023, 3, 2)
    assert article.outlet == "The Example Courier"
    assert article.url == "https://www.courier.example/sport/1"
    assert "\n\n" in article.text  # paragraphs stay apart


def test_outlet_falls_back_to_the_domain_without_www() -> None:
    article = article_from_html(page(), url="https://www.courier.example/sport/2")
    assert article.outlet == "courier.example"


def test_given_fields_win_over_the_page() -> None:
    article = article_from_html(
        page(head=META),
        url="https://courier.example/x",
        outlet="Courier",
        published=date(2023, 1, 5),
    )
    assert article.outlet == "Courier"
    assert article.published == date(2023, 1, 5)


def test_date_from_a_visible_dateline_when_metadata_is_absent() -> None:
    body = '<p class="date">Published 14 January 2022</p>' + BODY
    article = article_from_html(page(body=body), url="https://courier.example/y")
    assert article.published == date(2022, 1, 14)


@pytest.mark.parametrize(
    "clutter",
    [
        "<p>He joined the club in 2017 and signed a deal until June 2025.</p>",
        "<footer>© 2021 The Example Courier</footer>",
        "<p>The reverse fixture on 12 March 2022 ended 2-1.</p>",
    ],
    ids=["year-in-text", "copyright", "match-date"],
)
def test_dates_in_the_story_are_not_taken_for_its_date(clutter: str) -> None:
    article = article_from_html(page(body=BODY + clutter), source="saved.html")
    assert article.published is None


def test_date_from_a_time_element_and_from_the_url() -> None:
    body = '<time datetime="2022-02-03T10:00">3 Feb</time>' + BODY
    assert article_from_html(page(body=body), source="s.html").published == date(2022, 2, 3)
    dated_url = "https://courier.example/news/2019/04/02/rovers-talks"
    assert article_from_html(page(), url=dated_url).published == date(2019, 4, 2)


def test_missing_date_is_kept_undated_with_a_warning() -> None:
    article = article_from_html(page(), source="saved.html")
    assert article.published is None
    assert any("no publication date" in w for w in article.meta["warnings"])  # type: ignore[union-attr]


def test_future_date_is_kept_with_a_warning() -> None:
    future = date.today() + timedelta(days=400)
    head = f'<meta property="article:published_time" content="{future.isoformat()}T10:00:00Z">'
    article = article_from_html(page(head=head), url="https://courier.example/z")
    assert article.published == future
    assert any("future" in w for w in article.meta["warnings"])  # type: ignore[union-attr]


def test_language_is_read_from_the_html_element() -> None:
    article = article_from_html(page(lang="it-IT"), url="https://courier.example/it")
    assert article.language == "it"


def test_same_page_twice_is_the_same_article() -> None:
    first = article_from_html(page(head=META), url="https://courier.example/a")
    again = article_from_html(page(head=META).encode("utf-8"), url="https://courier.example/a")
    assert first.id == again.id


def test_latin1_page_is_decoded() -> None:
    text = page(body=BODY.replace("centre-back", "défenseur central")).replace(
        "utf-8", "iso-8859-1"
    )
    article = article_from_html(text.encode("latin-1"), url="https://courier.example/l")
    assert "défenseur central" in article.text


def test_page_without_main_text_is_an_ingest_error() -> None:
    with pytest.raises(IngestError) as caught:
        article_from_html("<html><body><nav>Home</nav></body></html>", source="empty.html")
    assert caught.value.source == "empty.html"


def test_read_html_file_keeps_the_path_as_source(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(page(head=META), encoding="utf-8")
    (article,) = list(read_html_file(path))
    assert article.source_path == str(path)
    assert article.outlet == "The Example Courier"


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.courier.example/a/b", "courier.example"),
        ("http://Sport.Courier.Example:8080/x", "sport.courier.example"),
        ("not a url", None),
        (None, None),
        ("https://[::1", None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet

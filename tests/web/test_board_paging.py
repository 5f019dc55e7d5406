"""The board in pages with a count, and the as-of day kept by every link of a dated page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from fastapi.testclient import TestClient

from mercato.pipeline import ingest_paths
from mercato.settings import Settings
from mercato.store import Store
from mercato.web.app import create_app
from support import SAMPLES_DIR

AS_OF = "2024-07-01"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("paging") / "samples.db"
    with Store.open(f"sqlite:///{db}") as store:
        assert ingest_paths([SAMPLES_DIR], store).failed == 0
    with TestClient(create_app(Settings(database_url=f"sqlite:///{db}"))) as answered:
        yield answered


def story_ids(html: str) -> list[str]:
    return re.findall(r'data-story-id="([^"]+)"', html)


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def test_the_board_pages_through_every_story_once(client: TestClient) -> None:
    everything = story_ids(client.get("/?status=all").text)
    assert len(everything) > 3
    seen: list[str] = []
    url: str | None = "/?status=all&per_page=3"
    pages = 0
    while url:
        html = client.get(url).text
        pages += 1
        assert f"{len(everything)} stories, showing" in html
        assert f"page {pages} of {-(-len(everything) // 3)}" in html
        seen += story_ids(html)
        following = [h for h in links(html) if re.search(rf"[?&]page={pages + 1}$", h)]
        url = following[0] if following else None
    assert seen == everything
    assert "showing" not in client.get("/?status=all").text.split("</p>")[0].split("summary")[-1]


def test_the_summary_counts_the_stories_and_claims_nothing_more(client: TestClient) -> None:
    summary = re.search(r'<p class="summary">(.*?)</p>', client.get("/?status=all").text, re.DOTALL)
    assert summary is not None
    # The whole board, not "the latest news only" (a sentence left from an older board).
    assert re.fullmatch(r"\d+ stories\.", summary.group(1).strip())


def test_page_links_keep_the_filters_and_the_day(client: TestClient) -> None:
    html = client.get(f"/?status=all&per_page=2&as_of={AS_OF}&sort=probability").text
    following = [h for h in links(html) if re.search(r"[?&]page=2$", h)]
    assert following, "a next-page link"
    for kept in ("status=all", "per_page=2", f"as_of={AS_OF}", "sort=probability"):
        assert kept in following[0]


def test_links_from_a_dated_board_keep_the_day(client: TestClient) -> None:
    board = client.get(f"/?status=all&as_of={AS_OF}").text
    inner = [h for h in links(board) if h.startswith(("/stories/", "/people/", "/clubs/"))]
    assert inner and all(f"as_of={AS_OF}" in h for h in inner)
    story = client.get(inner[[h.startswith("/stories/") for h in inner].index(True)]).text
    articles = [h for h in links(story) if h.startswith("/articles/")]
    assert articles and all(re.search(rf"\?as_of={AS_OF}#claim-", h) for h in articles)
    article = client.get(articles[0]).text
    back = [h for h in links(article) if h.startswith("/stories/")]
    assert back and all(f"as_of={AS_OF}" in h for h in back)


def test_links_from_an_undated_board_carry_no_day(client: TestClient) -> None:
    board = client.get("/?status=all").text
    assert not any("as_of=" in h for h in links(board))


def test_a_page_past_the_end_is_empty_not_an_error(client: TestClient) -> None:
    answer = client.get("/?status=all&page=50")
    assert answer.status_code == 200 and "No stories match." in answer.text
    assert client.get("/?page=0").status_code == 422

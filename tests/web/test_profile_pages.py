"""Player, club and source pages over the real app (no browser): what each page lists, in what
order, in pages with a count, and every link keeping the as-of day and the other lists' pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from fastapi.testclient import TestClient
from invented import write_invented

from mercato.pipeline import ingest_paths
from mercato.settings import Settings
from mercato.store import Store
from mercato.web.app import create_app
from support import SAMPLES_DIR

AS_OF = "2024-06-20"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("profiles")
    db = folder / "news.db"
    with Store.open(f"sqlite:///{db}") as store:
        assert ingest_paths([SAMPLES_DIR, write_invented(folder)], store).failed == 0
    with TestClient(create_app(Settings(database_url=f"sqlite:///{db}"))) as answered:
        yield answered


def section(html: str, name: str) -> str:
    start = html.index(f'<section class="{name}"')
    return html[start : html.index("</section>", start)]


def story_ids(html: str) -> list[str]:
    return re.findall(r'data-story-id="([^"]+)"', html)


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def next_link(html: str) -> str | None:
    found = re.search(r'<a rel="next" href="([^"]+)"', html)
    return unescape(found.group(1)) if found else None


def test_a_club_page_splits_incoming_and_outgoing_and_pages_each(client: TestClient) -> None:
    whole = client.get("/clubs/Aston Villa").text
    incoming, outgoing = (
        story_ids(section(whole, "incoming")),
        story_ids(section(whole, "outgoing")),
    )
    assert len(incoming) >= 5 and len(outgoing) >= 3
    assert all("--aston-villa--" in s for s in incoming)
    assert not any("--aston-villa--" in s for s in outgoing)
    seen: list[str] = []
    url: str | None = "/clubs/Aston Villa?per_page=2"
    while url:
        part = section(client.get(url).text, "incoming")
        assert f"{len(incoming)} moves into Aston Villa, showing" in part
        seen += story_ids(part)
        url = next_link(part)
    assert seen == incoming


def test_paging_one_list_keeps_the_day_and_the_other_lists_page(client: TestClient) -> None:
    html = client.get("/clubs/Aston%20Villa?as_of=2024-07-26&per_page=2&in_page=2").text
    following = next_link(section(html, "outgoing"))
    assert following is not None
    assert "in_page=2" in following and "out_page=2" in following
    assert "as_of=2024-07-26" in following and "per_page=2" in following
    inner = [h for h in links(html) if h.startswith(("/stories/", "/people/", "/clubs/"))]
    assert inner and all("as_of=2024-07-26" in h for h in inner)


def test_a_player_page_lists_open_stories_most_probable_first_then_finished(
    client: TestClient,
) -> None:
    html = client.get(f"/people/Sander Voskuijlen?as_of={AS_OF}").text
    order = [
        html.index(f'<section class="{name}"')
        for name in ("known", "open-stories", "finished-stories", "article-facts")
    ]
    assert order == sorted(order)
    open_part = section(html, "open-stories")
    chances = [int(p) for p in re.findall(r'class="prob-text">(\d+)%', open_part)]
    assert len(chances) == 3 and chances == sorted(chances, reverse=True)
    finished = section(html, "finished-stories")
    assert story_ids(finished) == ["sander-voskuijlen--ajax--2024-winter"]
    assert "prob-text" not in finished, "a finished story shows its outcome, not a chance"


def test_a_player_page_states_each_fact_once(client: TestClient) -> None:
    facts = section(client.get(f"/people/Sander Voskuijlen?as_of={AS_OF}").text, "article-facts")
    rows = re.findall(
        r'<tr class="fact-row"><td>([^<]*)</td><td>([^<]*)</td><td class="fact-club">([^<]*)</td>',
        facts,
    )
    assert rows and len(rows) == len(set(rows))
    age = re.search(r"<td>age</td><td>24</td>.*?<td>(\d+)</td></tr>", facts, re.DOTALL)
    assert age and age.group(1) == "3", "three articles say he is 24: one row, 3 reports"


def test_a_player_page_heads_with_what_the_knowledge_base_knew_that_day(client: TestClient) -> None:
    known = section(client.get("/people/Aaron Ramsdale?as_of=2024-07-01").text, "known")
    assert '<dd class="known-age">26</dd>' in known
    assert '<dd class="known-position">Goalkeeper</dd>' in known
    assert "Arsenal" in known and "€25m" in known and "14 Mar 2024" in known
    unknown = section(client.get(f"/people/Sander Voskuijlen?as_of={AS_OF}").text, "known")
    assert "not in the knowledge base" in unknown


def test_the_source_table_pages_with_a_count_and_keeps_the_day(client: TestClient) -> None:
    whole = client.get("/sources?as_of=2024-07-26").text
    names = re.findall(r'<tr class="source-row">\s*<td><a [^>]*>([^<]+)</a>', whole)
    assert len(names) > 3 and f'<p class="count">{len(names)} sources</p>' in whole
    seen: list[str] = []
    url: str | None = "/sources?as_of=2024-07-26&per_page=3"
    while url:
        html = client.get(url).text
        assert f"{len(names)} sources, showing" in html
        seen += re.findall(r'<tr class="source-row">\s*<td><a [^>]*>([^<]+)</a>', html)
        board = [h for h in links(html) if h.startswith("/?source=")]
        assert board and all("as_of=2024-07-26" in h for h in board)
        url = next_link(html)
    assert seen == names


@pytest.mark.parametrize("bad", ["0", "x", "-1", "99999999"])
def test_a_bad_page_number_names_its_parameter(client: TestClient, bad: str) -> None:
    answer = client.get(f"/clubs/Aston Villa?in_page={bad}")
    assert answer.status_code == 422 and "in_page" in answer.text


def test_a_page_past_the_end_is_empty_not_an_error(client: TestClient) -> None:
    html = client.get("/clubs/Aston Villa?out_page=40").text
    assert story_ids(section(html, "outgoing")) == []
    assert story_ids(section(html, "incoming")), "the other list is still shown"


def test_page_links_of_a_club_whose_name_needs_quoting_lead_back_to_it(client: TestClient) -> None:
    html = client.get("/clubs/Brighton & Hove Albion?per_page=1&as_of=2024-07-26").text
    assert "Brighton" in html
    url = "/clubs/Brighton%20%26%20Hove%20Albion?per_page=1&as_of=2024-07-26&out_page=1"
    answer = client.get(url)
    assert answer.status_code == 200
    following = next_link(section(client.get("/clubs/Aston Villa?per_page=1").text, "outgoing"))
    assert following is not None and following.startswith("/clubs/Aston%20Villa?")

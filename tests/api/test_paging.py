"""Every list endpoint answers a page with the list's total, and its pages add up to it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mercato.pipeline import ingest_paths
from mercato.settings import Settings
from mercato.store import Store
from mercato.web.app import create_app
from support import SAMPLES_DIR

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from invented import write_invented

COUNTED = ("/api/stories?status=all", "/api/people", "/api/clubs", "/api/sources")


@pytest.mark.parametrize("url", COUNTED)
def test_the_pages_of_a_list_add_up_to_its_total(client: TestClient, url: str) -> None:
    first = client.get(url, params={"per_page": 2}).json()
    assert isinstance(first["total"], int) and first["total"] >= 2
    seen = list(first["items"])
    following = first["next"]
    while following:
        page = client.get(following).json()
        assert page["total"] == first["total"]
        seen += page["items"]
        following = page["next"]
    assert len(seen) == first["total"]


def test_a_total_is_not_guessed_where_counting_reads_the_whole_table(client: TestClient) -> None:
    for url in ("/api/articles", "/api/claims"):
        page = client.get(url, params={"per_page": 2}).json()
        assert page["total"] is None and len(page["items"]) == 2


@pytest.fixture(scope="module")
def news_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The samples plus the web tests' invented news: clubs and players with lists to page."""
    folder = tmp_path_factory.mktemp("paged-news")
    url = f"sqlite:///{folder / 'news.db'}"
    with Store.open(url) as store:
        assert ingest_paths([SAMPLES_DIR, write_invented(folder)], store).failed == 0
    with TestClient(create_app(Settings(database_url=url))) as opened:
        yield opened


@pytest.mark.parametrize(
    ("resource", "lists"),
    [("people", ("facts", "stories")), ("clubs", ("stories_in", "stories_out"))],
)
def test_a_person_or_club_pages_each_of_its_lists_with_its_total(
    news_client: TestClient, resource: str, lists: tuple[str, ...]
) -> None:
    client = news_client
    named = client.get(f"/api/{resource}", params={"per_page": 200}).json()["items"]
    answers = {
        n["name"]: client.get(f"/api/{resource}/{n['name']}", params={"per_page": 200}).json()
        for n in named
    }
    # The one with the longest list, to page through.
    busiest = max(answers, key=lambda n: max(answers[n][f"{name}_total"] for name in lists))
    url, whole = f"/api/{resource}/{busiest}", answers[busiest]
    assert whole["next"] is None and whole["page"] == 1
    for name in lists:
        assert len(whole[name]) == whole[f"{name}_total"]
    longest = max(whole[f"{name}_total"] for name in lists)
    assert longest >= 2, "the samples give a list to page through"
    first = client.get(url, params={"per_page": 1}).json()
    seen = {name: list(first[name]) for name in lists}
    following, pages = first["next"], 1
    while following:
        page = client.get(following).json()
        pages += 1
        assert page["page"] == pages and page["per_page"] == 1
        for name in lists:
            assert page[f"{name}_total"] == whole[f"{name}_total"]
            seen[name] += page[name]
        following = page["next"]
    assert pages == longest, "a next link while any list goes on, none after"
    for name in lists:
        assert seen[name] == whole[name], name


def test_a_page_past_every_list_is_empty_with_the_totals(client: TestClient) -> None:
    far = client.get("/api/people/Mateo Lindqvist", params={"page": 999}).json()
    assert far["stories"] == [] and far["facts"] == [] and far["next"] is None
    assert far["stories_total"] > 0

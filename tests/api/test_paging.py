"""Every list endpoint answers a page with the list's total, and its pages add up to it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

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

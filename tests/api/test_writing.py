"""Ingesting through the API: the real extraction pipeline, idempotent, one article or a batch."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mercato.domain import article_id_for

AUTH = {"Authorization": "Bearer test-token-0123"}
NEW = {
    "text": "Leeds United have opened talks with Fulham over a deal for winger Tomas Berg, "
    "according to the Yorkshire Evening Post.",
    "published": "2024-08-01",
    "outlet": "Test Gazette",
    "title": "Leeds in talks for Berg",
}
OTHER = {
    "text": "Sunderland have made a bid for Hull City striker Jonas Aalto.",
    "published": "2024-08-02",
}


def test_posting_an_article_extracts_and_stores_it(writable_client: TestClient) -> None:
    response = writable_client.post("/api/articles", json=NEW, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body == {
        "added": 1,
        "duplicates": 0,
        "article_ids": [article_id_for(NEW["text"])],
        "failed": [],
    }
    article = writable_client.get(f"/api/articles/{body['article_ids'][0]}").json()
    assert article["title"] == NEW["title"] and article["published"] == NEW["published"]
    assert article["mentions"], "the pipeline found the clubs"
    transfers = [c for c in article["claims"] if c["claim_type"] == "transfer"]
    assert transfers and transfers[0]["fields"]["person"] == "Tomas Berg"
    story = writable_client.get(f"/api/stories/{transfers[0]['story_id']}").json()
    assert story["person"] == "Tomas Berg"


def test_posting_again_changes_nothing(writable_client: TestClient) -> None:
    first = writable_client.post("/api/articles", json=NEW, headers=AUTH).json()
    claims = writable_client.get("/api/claims", params={"per_page": 200}).json()["items"]
    again = writable_client.post("/api/articles", json=NEW, headers=AUTH).json()
    assert again["added"] == 0 and again["duplicates"] == 1
    assert again["article_ids"] == first["article_ids"]
    assert writable_client.get("/api/claims", params={"per_page": 200}).json()["items"] == claims


def test_posting_a_batch(writable_client: TestClient) -> None:
    body = writable_client.post("/api/articles", json=[NEW, OTHER, NEW], headers=AUTH).json()
    assert body["added"] == 2 and body["duplicates"] == 1
    assert body["article_ids"] == [article_id_for(a["text"]) for a in (NEW, OTHER, NEW)]

"""Articles, claims, people, clubs, sources and search over the real app and sample store."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_articles_list_newest_first_and_filter_by_date(client: TestClient) -> None:
    page = client.get("/api/articles", params={"per_page": 200}).json()
    days = [a["published"] for a in page["items"]]
    assert len(days) >= 10
    assert days == sorted(days, reverse=True)
    july = client.get("/api/articles", params={"since": "2024-07-01", "until": "2024-07-31"}).json()
    assert july["items"]
    assert all("2024-07-01" <= a["published"] <= "2024-07-31" for a in july["items"])


def test_an_article_carries_its_text_mentions_and_claims(client: TestClient) -> None:
    first = client.get("/api/articles", params={"per_page": 200}).json()["items"][-1]
    article = client.get(f"/api/articles/{first['id']}").json()
    assert article["text"]
    assert article["claims"] and article["mentions"]
    for item in article["claims"] + article["mentions"]:
        span = item["span"]
        assert article["text"][span["start"] : span["end"]] == span["text"]
    assert {c["article_id"] for c in article["claims"]} == {article["id"]}


def test_claims_filter_by_type_and_article(client: TestClient) -> None:
    facts = client.get("/api/claims", params={"type": "fact"}).json()["items"]
    assert facts and all(c["claim_type"] == "fact" for c in facts)
    transfers = client.get("/api/claims", params={"type": "transfer"}).json()["items"]
    assert transfers and all(c["story_id"] for c in transfers)
    assert all(c["story_id"] is None for c in facts)
    one = transfers[0]
    same_article = client.get("/api/claims", params={"article_id": one["article_id"]}).json()
    assert one["id"] in {c["id"] for c in same_article["items"]}
    assert client.get(f"/api/claims/{one['id']}").json() == one


def test_a_player_page_has_current_club_facts_and_stories(client: TestClient) -> None:
    person = client.get("/api/people/Mateo Lindqvist").json()
    assert person["name"] == "Mateo Lindqvist"
    assert person["current_club"] and "Newcastle" in person["current_club"]
    assert person["stories"]
    assert all(s["person"] == "Mateo Lindqvist" for s in person["stories"])
    assert person["facts"], "the samples give his age and position"
    for fact in person["facts"]:
        assert fact["as_of"] is not None
    # The same person however the name is cased or accented.
    assert client.get("/api/people/mateo LINDQVIST").json()["key"] == person["key"]


def test_people_and_clubs_lists_match_the_query(client: TestClient) -> None:
    people = client.get("/api/people", params={"q": "lindq"}).json()["items"]
    assert [p["name"] for p in people] == ["Mateo Lindqvist"]
    clubs = client.get("/api/clubs", params={"q": "villa"}).json()["items"]
    assert clubs and all("villa" in c["name"].casefold() for c in clubs)


def test_a_club_page_splits_stories_in_and_out(client: TestClient) -> None:
    club = client.get("/api/clubs/Newcastle United").json()
    assert club["stories_in"]
    assert all("Newcastle" in s["to_club"] for s in club["stories_in"])
    for story in club["stories_out"]:
        assert "Newcastle" in (story["from_club"] or "")


def test_source_league_table(client: TestClient) -> None:
    table = client.get("/api/sources", params={"per_page": 200}).json()["items"]
    assert table
    for row in table:
        assert row["stories"] == row["happened"] + row["did_not_happen"] + row["pending"]
        low, high = row["interval"]
        assert 0.0 <= low <= row["reliability"] <= high <= 1.0
        assert row["scored_by"]
    # Ranked by the interval's lower end, so that a thin record does not top the table.
    lows = [r["interval"][0] for r in table]
    assert lows == sorted(lows, reverse=True)
    outlets = client.get("/api/sources", params={"kind": "outlet"}).json()["items"]
    assert all(r["kind"] == "outlet" for r in outlets)
    one = client.get(f"/api/sources/{table[0]['name']}").json()
    assert one == table[0]


def test_source_table_for_one_club_counts_only_its_stories(client: TestClient) -> None:
    overall = {r["name"]: r for r in client.get("/api/sources").json()["items"]}
    newcastle = client.get("/api/sources", params={"club": "Newcastle United"}).json()["items"]
    assert newcastle
    for row in newcastle:
        assert row["stories"] <= overall[row["name"]]["stories"]


def test_search_finds_people_clubs_stories_and_articles(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "Lindqvist"}).json()
    assert [p["name"] for p in found["people"]] == ["Mateo Lindqvist"]
    assert found["stories"] and found["articles"]
    assert all(s["person"] == "Mateo Lindqvist" for s in found["stories"])
    club = client.get("/api/search", params={"q": "Newcastle"}).json()
    assert any("Newcastle" in c["name"] for c in club["clubs"])


def test_openapi_is_served_with_every_resource(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for resource in ("articles", "claims", "stories", "people", "clubs", "sources", "search"):
        assert f"/api/{resource}" in paths
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary") and operation.get("description"), (method, path)
    assert client.get("/docs").status_code == 200

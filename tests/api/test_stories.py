"""Stories over the real app: grouping by (person, destination), timelines, filters, as_of."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from mercato.domain import STAGE_STATUS, Stage


def _all_stories(client: TestClient, **params: object) -> list[dict]:  # type: ignore[type-arg]
    items: list[dict] = []  # type: ignore[type-arg]
    url: str | None = "/api/stories"
    query = {"per_page": 200, **params}
    while url:
        page = client.get(url, params=query if url == "/api/stories" else None).json()
        items += page["items"]
        url = page["next"]
    return items


def test_a_story_groups_every_claim_about_one_move(client: TestClient, move_story_id: str) -> None:
    story = client.get(f"/api/stories/{move_story_id}").json()
    assert story["person"] == "Mateo Lindqvist"
    assert "Newcastle" in story["to_club"]
    timeline = story["timeline"]
    assert len(timeline) >= 3, "interest, agreement and completion are reported in four samples"
    assert len({step["article_id"] for step in timeline}) >= 3
    days = [step["published"] for step in timeline]
    assert days == sorted(days)
    assert story["first_reported"] == days[0] and story["last_reported"] == days[-1]
    # The sample articles end with the move completed.
    assert story["status"] == "done"
    assert STAGE_STATUS[Stage(story["stage"])].value == story["status"]
    if story["independent_sources"] is None:  # unscored: the latest claim's stage
        assert story["stage"] == timeline[-1]["stage"]
    else:  # scored: the stories package's stage, one the timeline reached
        assert story["stage"] in {step["stage"] for step in timeline}
    assert story["first_reporter"] == timeline[0]["source"]
    sources_in_order = list(dict.fromkeys(s["source"] for s in timeline if s["source"]))
    assert story["sources"] == sources_in_order
    assert story["claims"] == len(timeline)


def test_unscored_stories_say_so_rather_than_guess(client: TestClient) -> None:
    for story in _all_stories(client):
        if story["independent_sources"] is None:  # not scored: no number is made up
            assert story["probability"] is None and story["outcome"] is None
        elif story["probability"] is not None:
            assert 0.0 <= story["probability"] <= 1.0


def test_every_timeline_step_points_at_a_stored_claim_of_its_article(
    client: TestClient, move_story_id: str
) -> None:
    story = client.get(f"/api/stories/{move_story_id}").json()
    for step in story["timeline"]:
        article = client.get(f"/api/articles/{step['article_id']}").json()
        claim_ids = {c["id"] for c in article["claims"]}
        assert step["claim_id"] in claim_ids
        claim = client.get(f"/api/claims/{step['claim_id']}").json()
        assert claim["story_id"] == story["id"]
        assert claim["span"]["text"] == step["evidence"]
        assert article["text"][claim["span"]["start"] : claim["span"]["end"]] == step["evidence"]


def test_as_of_cuts_the_timeline_at_that_day(client: TestClient, move_story_id: str) -> None:
    story_id = move_story_id
    full = client.get(f"/api/stories/{story_id}").json()
    first_day = date.fromisoformat(full["timeline"][0]["published"])
    early = client.get(f"/api/stories/{story_id}", params={"as_of": first_day.isoformat()}).json()
    assert 1 <= len(early["timeline"]) < len(full["timeline"])
    assert all(date.fromisoformat(s["published"]) <= first_day for s in early["timeline"])
    assert early["status"] == "rumour"
    before = client.get(f"/api/stories/{story_id}", params={"as_of": "2000-01-01"})
    assert before.status_code == 404


def test_club_filter_keeps_stories_in_and_out_of_that_club(client: TestClient) -> None:
    stories = _all_stories(client, club="Newcastle United")
    assert stories
    for story in stories:
        moves = f"{story['to_club']} {story['from_club']}"
        assert "Newcastle" in moves


def test_status_filter(client: TestClient) -> None:
    everything = _all_stories(client)
    statuses = {s["status"] for s in everything}
    assert {"rumour", "done"} <= statuses
    for status in statuses:
        kept = _all_stories(client, status=status)
        assert kept and all(s["status"] == status for s in kept)
        assert len(kept) == sum(s["status"] == status for s in everything)


def test_date_range_and_window_filters(client: TestClient) -> None:
    everything = _all_stories(client)
    late = _all_stories(client, since="2024-07-01")
    assert late and len(late) < len(everything)
    assert all(s["last_reported"] >= "2024-07-01" for s in late)
    early = _all_stories(client, until="2024-06-15")
    assert early and all(s["first_reported"] <= "2024-06-15" for s in early)
    windows = {s["window"] for s in everything if s["window"]}
    assert windows
    window = min(windows)
    assert all(s["window"] == window for s in _all_stories(client, window=window))
    assert _all_stories(client, window="1999 winter") == []


def test_minimum_probability_keeps_only_scored_stories_above_it(client: TestClient) -> None:
    for story in _all_stories(client, min_probability=0.5):
        assert story["probability"] is not None and story["probability"] >= 0.5


def test_sort_by_latest_news(client: TestClient) -> None:
    stories = _all_stories(client, sort="latest")
    days = [s["last_reported"] for s in stories]
    assert days == sorted(days, reverse=True)


def test_pages_follow_on_without_repeats(client: TestClient) -> None:
    everything = _all_stories(client)
    assert len(everything) >= 3
    seen: list[str] = []
    page = client.get("/api/stories", params={"per_page": 2}).json()
    while True:
        assert len(page["items"]) <= 2
        seen += [s["id"] for s in page["items"]]
        if not page["next"]:
            break
        page = client.get(page["next"]).json()
    assert seen == [s["id"] for s in everything]
    beyond = client.get("/api/stories", params={"page": 1000}).json()
    assert beyond["items"] == [] and beyond["next"] is None


def test_scored_stories_carry_probability_and_independent_sources(client: TestClient) -> None:
    stories = _all_stories(client)
    scored = [s for s in stories if s["independent_sources"] is not None]
    assert scored, "the score package scores the sample stories"
    for story in scored:
        assert 1 <= story["independent_sources"] <= len(story["sources"]) + 1
        if story["outcome"] == "open":
            assert 0.0 <= story["probability"] <= 1.0
        else:
            assert story["probability"] is None, "a settled move shows its outcome instead"
    by_probability = _all_stories(client, sort="probability")
    numbers = [s["probability"] for s in by_probability if s["probability"] is not None]
    assert numbers == sorted(numbers, reverse=True)
    first_unscored = next(
        (i for i, s in enumerate(by_probability) if s["probability"] is None), len(by_probability)
    )
    assert all(s["probability"] is None for s in by_probability[first_unscored:])

"""The dashboard in headless Chromium: board, club filter, story timeline, article highlights."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


def _open_story_from_club_board(page: Page, served_url: str) -> None:
    page.goto(served_url + "/")
    expect(page.get_by_role("heading", name="Rumour board")).to_be_visible()
    page.fill("input[name=club]", "Newcastle United")
    page.select_option("select[name=status]", "all")
    page.click("#board-filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"club=Newcastle\+United"))
    rows = page.locator("tr.story-row")
    expect(rows.first).to_be_visible()
    for move in rows.locator("td.move").all_inner_texts():
        assert "Newcastle" in move
    row = rows.filter(has_text="Mateo Lindqvist").first
    row.locator("a.story-link").click()
    expect(page.locator("h1")).to_contain_text("Mateo Lindqvist")
    _wait_for_chart(page, "timeline-chart")


def _wait_for_chart(page: Page, canvas_id: str) -> None:
    """Wait until Chart.js has drawn on the canvas (its script runs after the page shows)."""
    page.wait_for_function(f"() => window.Chart && Chart.getChart('{canvas_id}') !== undefined")


def test_the_board_lists_open_stories_with_their_fields(page: Page, served_url: str) -> None:
    page.goto(served_url + "/")
    rows = page.locator("tr.story-row")
    expect(rows.first).to_be_visible()
    for stage in rows.locator(".stage").all():
        expect(stage).to_have_class(re.compile(r"status-rumour"))
    headers = page.locator("table.stories th").all_inner_texts()
    for column in ("STAGE", "FEE", "SOURCES", "INDEPENDENT", "PROBABILITY"):
        assert column in [h.strip().upper() for h in headers]


def test_board_filter_story_timeline_article_highlight(page: Page, served_url: str) -> None:
    _open_story_from_club_board(page, served_url)
    # The timeline is drawn by Chart.js on the canvas, one point per dated step.
    steps = page.locator("li.timeline-step")
    assert steps.count() >= 3
    points = page.evaluate(
        "() => { const c = Chart.getChart('timeline-chart');"
        " return c.data.datasets.slice(1).reduce((n, d) => n + d.data.length, 0); }"
    )
    assert points == steps.count()
    # Follow the step that carries a fee to the article view.
    step = steps.filter(has=page.locator(".fee")).first
    evidence = step.locator("a.step-link").inner_text().strip("“”… ")
    step.locator("a.step-link").click()
    expect(page).to_have_url(re.compile(r"/articles/[0-9a-f]+#claim-\d+$"))
    claim_id = page.url.rsplit("#claim-", 1)[1]
    highlighted = page.locator(f".hl.claim[data-claims~='{claim_id}']")
    expect(highlighted.first).to_be_visible()
    expect(highlighted.first).to_have_class(re.compile(r"\bcurrent\b"))
    marked_text = "".join(highlighted.all_inner_texts())
    assert evidence[:40] in marked_text
    card = page.locator(f"#claim-{claim_id}")
    expect(card).to_have_class(re.compile(r"\bcurrent\b"))
    expect(card.locator("blockquote")).to_contain_text(evidence[:40])
    # Mentions are highlighted inside the claim too.
    expect(page.locator(".article-text .hl.mention").first).to_be_visible()


def test_clicking_a_point_of_the_chart_opens_its_article(page: Page, served_url: str) -> None:
    _open_story_from_club_board(page, served_url)
    canvas = page.locator("#timeline-chart")
    box = canvas.bounding_box()
    assert box is not None
    point = page.evaluate(
        "() => { const c = Chart.getChart('timeline-chart'); const p = c.getDatasetMeta(1).data[0];"
        " return {x: p.x, y: p.y, url: c.data.datasets[1].data[0].url}; }"
    )
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    expect(page).to_have_url(re.compile(re.escape(point["url"]) + "$"))


def test_player_and_club_pages(page: Page, served_url: str) -> None:
    _open_story_from_club_board(page, served_url)
    page.locator("h1 a.person").click()
    expect(page.locator("h1")).to_have_text("Mateo Lindqvist")
    expect(page.locator(".current-club")).to_contain_text("Newcastle")
    assert page.locator(".facts-table tbody tr").count() >= 1
    page.locator(".current-club a").click()
    expect(page.locator("h1")).to_contain_text("Newcastle")
    expect(page.locator("tr.story-row").first).to_be_visible()


def test_source_league_table_draws_intervals_and_filters(page: Page, served_url: str) -> None:
    api = page.request.get(served_url + "/api/sources?per_page=200").json()["items"]
    transfers = page.request.get(served_url + "/api/claims?type=transfer&per_page=200").json()
    attributed = [c["fields"]["attribution"] for c in transfers["items"]]
    assert api, f"no source has a record; the extracted attributions were {attributed}"
    page.goto(served_url + "/sources")
    rows = page.locator("tr.source-row")
    expect(rows.first).to_be_visible()
    _wait_for_chart(page, "sources-chart")
    drawn = page.evaluate("() => Chart.getChart('sources-chart').data.datasets[1].data.length")
    assert drawn == rows.count() == len(api)
    everyone = rows.count()
    page.fill("input[name=club]", "Aston Villa")
    page.click("form.filters button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Aston Villa")
    assert 0 < page.locator("tr.source-row").count() <= everyone
    page.select_option("select[name=league]", "en.1")
    page.click("form.filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"league=en\.1"))


def test_a_missing_story_is_a_readable_404_page(browser: Browser, served_url: str) -> None:
    page = browser.new_page()  # not the `page` fixture: this page's own 404 is logged as an error
    response = page.goto(served_url + "/stories/no-such-story")
    assert response is not None and response.status == 404
    expect(page.locator(".error-message")).to_contain_text("does not exist")
    page.close()


def test_search_box_finds_a_player_and_his_stories(page: Page, served_url: str) -> None:
    page.goto(served_url + "/")
    page.fill("header .search input[name=q]", "lindq")
    page.press("header .search input[name=q]", "Enter")
    expect(page.locator("h1")).to_contain_text("Search: lindq")
    expect(page.locator("ul.names a", has_text="Mateo Lindqvist")).to_be_visible()
    expect(page.locator("tr.story-row").first).to_contain_text("Mateo Lindqvist")

"""The dashboard's pages in Chromium with every other host blocked: paging, the as-of day kept
from board to story to article, and a screenshot of each page kind for docs/dashboard.md."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "images"
AS_OF = "2024-07-01"


def block_other_hosts(page: Page, served_url: str) -> list[str]:
    """Abort every request not to the server under test; the list collects what was blocked."""
    own_host = urlsplit(served_url).netloc
    blocked: list[str] = []

    def only_this_server(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    return blocked


def shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_board_pages_with_a_count(page: Page, served_url: str) -> None:
    blocked = block_other_hosts(page, served_url)
    page.goto(served_url + "/?status=all&per_page=3")
    expect(page.locator("p.summary")).to_contain_text(re.compile(r"\d+ stories, showing 1–3"))
    first = page.locator("tr.story-row").evaluate_all("rows => rows.map(r => r.dataset.storyId)")
    assert len(first) == 3
    page.get_by_role("link", name="next ›").click()
    expect(page.locator("p.summary")).to_contain_text("showing 4–6 (page 2 of")
    expect(page).to_have_url(re.compile(r"status=all.*per_page=3.*page=2"))
    second = page.locator("tr.story-row").evaluate_all("rows => rows.map(r => r.dataset.storyId)")
    assert len(second) == 3 and not set(first) & set(second)
    page.get_by_role("link", name="‹ previous").click()
    expect(page.locator("p.summary")).to_contain_text("showing 1–3")
    assert blocked == []


def test_the_as_of_day_is_kept_from_board_to_story_to_article(page: Page, served_url: str) -> None:
    blocked = block_other_hosts(page, served_url)
    page.goto(f"{served_url}/?status=all&as_of={AS_OF}")
    expect(page.locator("input[name=as_of]")).to_have_value(AS_OF)
    shoot(page, "board")
    row = page.locator("tr.story-row", has_text="Mateo Lindqvist").first
    row.locator("a.story-link").click()
    expect(page).to_have_url(re.compile(rf"/stories/[^?]+\?as_of={AS_OF}$"))
    page.wait_for_function("() => window.Chart && Chart.getChart('timeline-chart') !== undefined")
    shoot(page, "story")
    page.locator("a.step-link").first.click()
    expect(page).to_have_url(re.compile(rf"/articles/[^?]+\?as_of={AS_OF}#claim-"))
    shoot(page, "article")
    back = page.locator("a.story-link").first
    expect(back).to_have_attribute("href", re.compile(rf"as_of={AS_OF}"))
    assert blocked == []


def test_player_club_and_source_pages(page: Page, served_url: str) -> None:
    blocked = block_other_hosts(page, served_url)
    page.goto(served_url + "/?status=all")
    page.locator("tr.story-row", has_text="Mateo Lindqvist").first.locator("a.person").click()
    expect(page.locator("h1")).to_contain_text("Mateo Lindqvist")
    expect(page.locator("tr.story-row").first).to_be_visible()
    page.goto(served_url + "/clubs/Newcastle%20United")
    expect(page.get_by_role("heading", name="Incoming")).to_be_visible()
    expect(page.get_by_role("heading", name="Outgoing")).to_be_visible()
    page.goto(served_url + "/sources")
    expect(page.locator("h1")).to_be_visible()
    # The screenshots of these pages are taken over more news, in test_reading_pages.py.
    assert blocked == []


def test_a_phone_sees_player_move_stage_and_probability_without_scrolling_sideways(
    browser: object, served_url: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        blocked = block_other_hosts(page, served_url)
        page.goto(served_url + "/?status=all")
        rows = page.locator("tr.story-row")
        expect(rows.first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for cell in ("a.person", "td.move", ".stage", "td.probability"):
            box = rows.first.locator(cell).first.bounding_box()
            assert box is not None and box["width"] > 0, cell
            assert 0 <= box["x"] and box["x"] + box["width"] <= 390, (cell, box)
        shoot(page, "board-phone")
        assert blocked == []
    finally:
        context.close()

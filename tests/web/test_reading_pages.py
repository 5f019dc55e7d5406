"""Player, club and source pages in Chromium with every other host blocked: their structure
(what is known at the page's day, open stories before finished ones, incoming and outgoing),
their pages with a count, the as-of day kept by each link, compact board rows, stage badges in
order and a timeline with denial and collapse apart. Screenshots go to docs/images/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from test_dashboard_pages import block_other_hosts, shoot

pytestmark = pytest.mark.browser

AS_OF = "2024-06-20"
VILLA = "/clubs/Aston%20Villa"


def story_ids(page: Page, section: str) -> list[str]:
    rows = page.locator(f"{section} tr.story-row")
    return rows.evaluate_all("rows => rows.map(r => r.dataset.storyId)")  # type: ignore[no-any-return]


def test_a_club_page_pages_its_incoming_and_outgoing_moves(
    page: Page, served_news_url: str
) -> None:
    blocked = block_other_hosts(page, served_news_url)
    page.goto(f"{served_news_url}{VILLA}?as_of=2024-07-26")
    expect(page.get_by_role("heading", name="Incoming")).to_be_visible()
    expect(page.get_by_role("heading", name="Outgoing")).to_be_visible()
    everything_in = story_ids(page, "section.incoming")
    everything_out = story_ids(page, "section.outgoing")
    assert len(everything_in) >= 5 and len(everything_out) >= 3
    assert all(s.endswith("--aston-villa--2024-summer") for s in everything_in)
    assert not any("--aston-villa--" in s for s in everything_out)
    shoot(page, "club")

    page.goto(f"{served_news_url}{VILLA}?as_of=2024-07-26&per_page=2")
    incoming = page.locator("section.incoming")
    expect(incoming.locator("p.count")).to_contain_text(
        f"{len(everything_in)} moves into Aston Villa, showing 1–2 (page 1 of"
    )
    seen: list[str] = []
    while True:
        seen += story_ids(page, "section.incoming")
        following = incoming.get_by_role("link", name="next ›")
        if not following.count():
            break
        following.click()
        expect(page).to_have_url(re.compile(r"as_of=2024-07-26.*per_page=2.*in_page=\d"))
    assert seen == everything_in, "the pages go through every move once, in the same order"
    # Paging one list keeps the other's page, and every link keeps the day.
    page.locator("section.outgoing").get_by_role("link", name="next ›").click()
    expect(page).to_have_url(re.compile(r"in_page=\d+.*out_page=2|out_page=2.*in_page=\d+"))
    inner = page.locator(
        "main a[href^='/stories/'], main a[href^='/people/'], main a[href^='/clubs/']"
    )
    hrefs = inner.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all("as_of=2024-07-26" in h for h in hrefs)
    assert blocked == []


def test_a_player_page_reads_header_open_stories_finished_ones_then_facts(
    page: Page, served_news_url: str
) -> None:
    blocked = block_other_hosts(page, served_news_url)
    page.goto(f"{served_news_url}/people/Sander%20Voskuijlen?as_of={AS_OF}")
    headings = page.locator("main h2").all_inner_texts()
    assert headings == ["Open stories", "Finished stories", "Facts from the articles"]
    open_rows = page.locator("section.open-stories tr.story-row")
    expect(open_rows).to_have_count(3)
    shown = page.locator("section.open-stories td.probability .prob-text").all_inner_texts()
    chances = [int(text.rstrip("%")) for text in shown]
    assert chances == sorted(chances, reverse=True), "most probable first"
    finished = page.locator("section.finished-stories tr.story-row")
    expect(finished).to_have_count(1)
    expect(finished.first.locator("td.move")).to_contain_text("Ajax")
    expect(finished.first.locator("td.probability .settled")).to_be_visible()
    # Each fact once, however many articles state it.
    facts = page.locator("tr.fact-row").evaluate_all(
        "rows => rows.map(r => [r.cells[0].innerText, r.cells[1].innerText, r.cells[2].innerText])"
    )
    assert facts and len(facts) == len({tuple(f) for f in facts})
    expect(page.locator("section.known")).to_contain_text("not in the knowledge base")
    shoot(page, "player")
    # Paged: one open story a page, the day kept.
    page.goto(f"{served_news_url}/people/Sander%20Voskuijlen?as_of={AS_OF}&per_page=1")
    expect(page.locator("section.open-stories p.count")).to_contain_text(
        "3 open stories, most probable first, showing 1–1 (page 1 of 3)"
    )
    page.locator("section.open-stories").get_by_role("link", name="next ›").click()
    expect(page).to_have_url(re.compile(rf"as_of={AS_OF}.*open_page=2"))
    expect(page.locator("section.open-stories p.count")).to_contain_text("showing 2–2")
    assert blocked == []


def test_a_player_the_knowledge_base_knows_has_his_facts_at_the_day(
    page: Page, served_news_url: str
) -> None:
    blocked = block_other_hosts(page, served_news_url)
    page.goto(f"{served_news_url}/people/Aaron%20Ramsdale?as_of=2024-07-01")
    known = page.locator("section.known")
    expect(known.locator(".known-age")).to_have_text("26")
    expect(known.locator(".known-position")).to_have_text("Goalkeeper")
    expect(known.locator(".known-club")).to_contain_text("Arsenal")
    expect(known.locator(".known-value")).to_contain_text("€25m (14 Mar 2024)")
    expect(known.locator(".known-national-team")).to_have_text("England")
    expect(known).to_contain_text("As known on 1 Jul 2024")
    shoot(page, "player-known")
    assert blocked == []


def test_the_source_table_pages_with_a_count_and_keeps_the_day(
    page: Page, served_news_url: str
) -> None:
    blocked = block_other_hosts(page, served_news_url)
    page.goto(f"{served_news_url}/sources?as_of=2024-07-26")
    total = page.locator("tr.source-row").count()
    assert total > 3
    expect(page.locator("p.count")).to_have_text(f"{total} sources")
    shoot(page, "sources")
    page.goto(f"{served_news_url}/sources?as_of=2024-07-26&per_page=3")
    expect(page.locator("p.count")).to_contain_text(f"{total} sources, showing 1–3 (page 1 of")
    first = page.locator("tr.source-row td:first-child").all_inner_texts()
    page.get_by_role("link", name="next ›").click()
    expect(page).to_have_url(re.compile(r"as_of=2024-07-26.*per_page=3.*page=2"))
    expect(page.locator("p.count")).to_contain_text("showing 4–")
    second = page.locator("tr.source-row td:first-child").all_inner_texts()
    assert len(first) == 3 and not set(first) & set(second)
    board = page.locator("tr.source-row a").first
    expect(board).to_have_attribute("href", re.compile(r"as_of=2024-07-26"))
    board.click()
    expect(page.locator("input[name=as_of]")).to_have_value("2024-07-26")
    assert blocked == []


def test_board_rows_take_one_line_of_sources_with_the_rest_on_expand(
    page: Page, served_news_url: str
) -> None:
    blocked = block_other_hosts(page, served_news_url)
    page.goto(f"{served_news_url}/?status=all")
    rows = page.locator("tr.story-row")
    expect(rows.first).to_be_visible()
    heights = rows.evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
    line = page.locator("tr.story-row td.player").first.evaluate(
        "td => parseFloat(getComputedStyle(td).lineHeight)"
    )
    assert max(heights) < 3.2 * line, "no row is more than two lines tall"
    several = page.locator("tr.story-row", has=page.locator(".source-count", has_text="3")).first
    summary = several.locator("details.source-list summary")
    assert summary.evaluate("s => s.scrollHeight <= s.clientHeight + 1"), "sources on one line"
    expect(summary).to_have_attribute("title", re.compile(r"; .*; "))
    summary.click()
    expect(several.locator("details.source-list li")).to_have_count(3)
    assert blocked == []


def test_stage_badges_darken_along_the_way_and_a_way_out_is_apart(
    page: Page, served_news_url: str
) -> None:
    blocked = block_other_hosts(page, served_news_url)
    page.goto(f"{served_news_url}/?status=all")
    page.locator("details.stage-key summary").click()
    key = page.locator("details.stage-key li .stage")
    labels = key.all_inner_texts()
    assert labels[:2] == ["exit", "interest"] and labels[-3:] == [
        "announced",
        "denied",
        "collapsed",
    ]
    steps = key.evaluate_all("spans => spans.map(s => s.dataset.step || null)")
    assert steps[-2:] == [None, None]
    progress = [int(s) for s in steps[:-2]]
    assert progress == list(range(1, len(progress) + 1))
    colours = key.evaluate_all("spans => spans.map(s => getComputedStyle(s).backgroundColor)")
    assert len(set(colours[:-2])) == len(colours) - 2, "each step of progress its own colour"
    badge = page.locator("tr.story-row .stage", has_text="collapsed").first
    expect(badge).to_have_attribute("title", re.compile("off"))
    assert blocked == []


def test_the_timeline_puts_stages_in_order_with_denial_and_collapse_below(
    page: Page, served_news_url: str
) -> None:
    blocked = block_other_hosts(page, served_news_url)
    page.goto(f"{served_news_url}/stories/emil-rasmussen--west-ham-united--2024-summer")
    page.wait_for_function("() => window.Chart && Chart.getChart('timeline-chart') !== undefined")
    ticks = page.evaluate(
        "() => Chart.getChart('timeline-chart').scales.y.ticks.map(t => [t.value, t.label])"
    )
    by_label = {label: value for value, label in ticks if label}
    assert "collapsed" in by_label
    progress = [v for label, v in by_label.items() if label not in ("denied", "collapsed")]
    assert progress and by_label["collapsed"] < min(progress), "collapse below every step"
    rows = page.evaluate(
        "() => JSON.parse(document.getElementById('timeline-data').textContent).rows"
    )
    order = [r["label"] for r in sorted(rows, key=lambda r: r["y"], reverse=True)]
    assert order[:2] == ["announced", "signed"] and order[-2:] == ["denied", "collapsed"]
    shoot(page, "story-collapsed")
    assert blocked == []


def test_a_phone_board_of_more_news_still_fits(browser: Browser, served_news_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        blocked = block_other_hosts(page, served_news_url)
        for path in ("/?status=all", f"{VILLA}", "/people/Sander%20Voskuijlen"):
            page.goto(served_news_url + path)
            expect(page.locator("tr.story-row").first).to_be_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert blocked == []
    finally:
        context.close()

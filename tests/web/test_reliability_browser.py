"""The "how good are these numbers" page in Chromium, with every other host blocked: the figures
and the reliability diagram drawn, and a probability on the board leading to it. The server reads
an invented backtest report through MERCATO_FORECAST_REPORT (none is committed into the package)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from reportkit import invented_report, write_report
from test_dashboard_pages import block_other_hosts

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "images"


@pytest.fixture(scope="module")
def reported_url(
    serving: Callable[..., AbstractContextManager[str]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`mercato serve` over the sample store, showing an invented backtest report."""
    report = write_report(tmp_path_factory.mktemp("reliability"), invented_report())
    with serving(
        [ROOT / "samples"], tmp_path_factory, {"MERCATO_FORECAST_REPORT": str(report)}
    ) as base:
        yield base


def test_the_page_draws_the_figures_and_the_reliability_diagram(
    page: Page, reported_url: str
) -> None:
    blocked = block_other_hosts(page, reported_url)
    page.goto(reported_url + "/reliability")
    expect(page.locator("h1")).to_have_text("How good are these numbers?")
    expect(page.locator(".model-auc")).to_have_text("0.771")
    expect(page.locator(".model-brier")).to_contain_text("15% lower than a constant forecast")
    expect(page.locator(".calibration-slope")).to_have_text("0.93")
    expect(page.locator("tr[data-forecast='outlet rate'] td.auc")).to_have_text("0.612")
    svg = page.locator("svg#reliability-svg")
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    expect(svg.locator("circle.bin")).to_have_count(10)
    expect(svg.locator("rect.count-bar")).to_have_count(10)
    # the first band's dot sits left of and below the last one's: the axes run the right way
    first, last = (svg.locator("circle.bin").nth(i).bounding_box() for i in (0, 9))
    assert first is not None and last is not None
    assert first["x"] < last["x"] and first["y"] > last["y"]
    expect(page.locator("dl.glossary dt", has_text="AUC")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "reliability.png"), full_page=True)
    assert blocked == []


def test_a_probability_on_the_board_leads_to_the_page(page: Page, reported_url: str) -> None:
    blocked = block_other_hosts(page, reported_url)
    page.goto(reported_url + "/?sort=probability")
    probability = page.locator("tr.story-row a.prob").first
    expect(probability).to_have_attribute("href", "/reliability")
    probability.click()
    expect(page).to_have_url(reported_url + "/reliability")
    expect(page.locator("svg#reliability-svg circle.bin")).to_have_count(10)
    assert blocked == []

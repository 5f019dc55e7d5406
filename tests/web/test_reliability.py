"""The "how good are these numbers" page, rendered by the app over an invented backtest report
(no report is committed into the package for tests), and the links to it from probabilities."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from reportkit import invented_report, write_report

from mercato.settings import Settings
from mercato.web.app import create_app


def _page(db_url: str, report: Path | None) -> tuple[int, str]:
    with TestClient(create_app(Settings(database_url=db_url, forecast_report=report))) as client:
        answer = client.get("/reliability")
    return answer.status_code, html.unescape(answer.text)


def test_the_page_shows_the_figures_the_diagram_and_what_they_mean(
    db_url: str, tmp_path: Path
) -> None:
    status, text = _page(db_url, write_report(tmp_path, invented_report()))
    assert status == 200
    assert "invented gossip replay" in text and "2031-02-01 to 2031-09-01" in text
    for figure in ("0.771", "0.081", "0.289", "0.93", "-0.04", "0.723", "0.665", "0.612"):
        assert figure in text, figure
    assert "15% lower than a constant forecast" in text  # 1 - 0.0811 / 0.0957
    assert len(re.findall(r'<circle class="bin"', text)) == 10
    assert len(re.findall(r'<rect class="count-bar"', text)) == 10
    assert text.index("day 0 after") < text.index("day 30 after")
    for word in ("AUC", "Brier score", "Log loss", "Calibration"):
        assert f"<dt>{word}</dt>" in text
    assert "at most 95%" in text


def test_a_report_without_bins_says_there_is_nothing_to_draw(db_url: str, tmp_path: Path) -> None:
    model = {"auc": 0.61, "brier": 0.1}
    status, text = _page(db_url, write_report(tmp_path, {"model": model}))
    assert status == 200 and "0.610" in text and "no reliability bins" in text
    assert "<svg" not in text


def test_without_a_report_the_page_says_none_was_shipped(db_url: str, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    status, text = _page(db_url, missing)
    assert status == 200
    assert "No backtest report shipped." in text and str(missing) in text


def test_a_broken_report_is_a_clear_error_naming_the_file(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    status, text = _page(db_url, path)
    assert status == 503 and str(path) in text and "is not JSON" in text


def test_the_shipped_report_is_drawn_with_its_empty_bands_as_dashes(db_url: str) -> None:
    status, text = _page(db_url, None)  # the report shipped inside the package
    assert status == 200, text
    drawn = len(re.findall(r'<circle class="bin"', text))
    bands = len(re.findall(r"<tr><td>\d+–\d+%</td>", text))
    assert 0 < drawn <= bands
    assert text.count('<td class="muted">–</td>') == 2 * (bands - drawn)

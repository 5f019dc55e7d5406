"""Reading the backtest report: every figure of the schema, missing keys tolerated, bad files named."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reportkit import invented_report, write_report

from mercato.errors import ConfigurationError
from mercato.services.forecast_report import (
    default_report_path,
    forecast_report,
    read_forecast_report,
)


def test_a_full_report_reads_with_every_figure(tmp_path: Path) -> None:
    report = read_forecast_report(write_report(tmp_path, invented_report()))
    assert report.dataset == "invented gossip replay"
    assert report.train_period == ("2030-07-01", "2031-01-31")
    assert report.test_period == ("2031-02-01", "2031-09-01")
    assert (report.model.auc, report.model.brier, report.model.log_loss) == (0.7712, 0.0811, 0.2893)
    assert (report.calibration_slope, report.calibration_intercept) == (0.93, -0.04)
    assert report.named is not None and report.named.auc == 0.7234
    assert report.exits is not None and report.exits.brier == 0.1733
    assert len(report.reliability) == 10 and report.reliability[0].count == 400
    assert list(report.horizons) == ["day0", "day30"], "horizons in the order of a story's life"
    assert list(report.baselines) == ["constant", "base_rate", "outlet_rate"]
    assert report.brier_skill == pytest.approx(1 - 0.0811 / 0.0957)


def test_optional_keys_may_be_missing(tmp_path: Path) -> None:
    path = write_report(tmp_path, {"model": {"auc": 0.6, "brier": 0.2}})
    report = read_forecast_report(path)
    assert report.model.auc == 0.6 and report.model.log_loss is None
    assert report.dataset is None and report.train_period is None
    assert report.named is None and report.reliability == () and report.horizons == {}
    assert report.baselines == {} and report.brier_skill is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "is not JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"dataset": "x"}', "has no 'model' object"),
        ('{"model": {"auc": "high"}}', "model.auc: expected a number"),
        ('{"model": {"reliability": [{"low": 0, "high": 0.1}]}}', "model.reliability[0]: missing"),
        (
            '{"model": {"reliability": [{"low": 0, "high": 0.1, "mean_forecast": 2, "observed": 0, "count": 3}]}}',
            "between 0 and 1",
        ),
        ('{"model": {}, "train_period": "2021"}', "train_period: expected [start, end]"),
        ('{"model": {}, "constant": 0.1}', "constant: expected an object"),
    ],
)
def test_a_broken_report_is_an_error_naming_the_file_and_the_reason(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError) as raised:
        read_forecast_report(path)
    assert str(path) in str(raised.value) and reason in str(raised.value)


def test_no_file_means_no_report(tmp_path: Path) -> None:
    assert forecast_report(tmp_path / "absent.json") is None
    assert default_report_path().name == "forecast_report.json"
    with pytest.raises(ConfigurationError, match="is not a file"):
        forecast_report(tmp_path)


def test_story_counts_are_read_where_the_report_gives_them(tmp_path: Path) -> None:
    report = read_forecast_report(write_report(tmp_path, {"model": {"auc": 0.7, "count": 812}}))
    assert report.model.count == 812 and report.has_counts
    assert not read_forecast_report(write_report(tmp_path, invented_report())).has_counts


def test_a_band_no_forecast_fell_in_has_no_mean_and_no_share(tmp_path: Path) -> None:
    # What `mercato backtest --json` writes for an empty band (the shipped report has one).
    data = invented_report()
    data["model"]["reliability"][-1] = {
        "low": 0.9, "high": 1.0, "mean_forecast": None, "observed": None, "count": 0,
    }  # fmt: skip
    empty = read_forecast_report(write_report(tmp_path, data)).reliability[-1]
    assert (empty.count, empty.mean_forecast, empty.observed) == (0, None, None)


def test_a_band_with_forecasts_still_needs_its_mean_and_share(tmp_path: Path) -> None:
    data = invented_report()
    data["model"]["reliability"][0]["observed"] = None
    with pytest.raises(ConfigurationError, match=r"reliability\[0\]: missing observed"):
        read_forecast_report(write_report(tmp_path, data))


def test_the_shipped_report_reads() -> None:
    report = read_forecast_report(default_report_path())
    assert report.model.auc is not None and report.reliability

"""An invented backtest report in the schema `mercato backtest --json` writes (figures made up)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def invented_report(**changes: Any) -> dict[str, Any]:
    """A complete report whose figures are invented for tests; `changes` replace top-level keys."""
    bins = [
        {"low": i / 10, "high": (i + 1) / 10, "mean_forecast": i / 10 + 0.04,
         "observed": max(i / 10 + 0.02 - 0.03 * (i % 3), 0.0), "count": 400 // (i + 1)}
        for i in range(10)
    ]  # fmt: skip
    report: dict[str, Any] = {
        "dataset": "invented gossip replay",
        "train_period": ["2030-07-01", "2031-01-31"],
        "test_period": ["2031-02-01", "2031-09-01"],
        "model": {
            "auc": 0.7712, "brier": 0.0811, "log_loss": 0.2893,
            "calibration_slope": 0.93, "calibration_intercept": -0.04,
            "named": {"auc": 0.7234, "brier": 0.0512, "log_loss": 0.2011},
            "exits": {"auc": 0.6652, "brier": 0.1733, "log_loss": 0.5222},
            "reliability": bins,
            "horizons": {
                "day30": {"auc": 0.8101, "brier": 0.0702, "log_loss": 0.2555},
                "day0": {"auc": 0.7001, "brier": 0.0899, "log_loss": 0.3101},
            },
        },
        "constant": {"auc": 0.5, "brier": 0.0957, "log_loss": 0.3333},
        "base_rate": {"auc": 0.4444, "brier": 0.0966, "log_loss": 0.3388},
        "outlet_rate": {"auc": 0.6123, "brier": 0.0921, "log_loss": 0.3199},
    }  # fmt: skip
    report.update(changes)
    return report


def write_report(folder: Path, report: object, name: str = "forecast_report.json") -> Path:
    """Write a report (or anything JSON) to a file in `folder` and return its path."""
    path = folder / name
    path.write_text(json.dumps(report), encoding="utf-8")
    return path

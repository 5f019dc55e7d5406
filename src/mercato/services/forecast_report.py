"""How good the probabilities are: the forecasting model's backtest report, read for the faces.

`mercato backtest --json` writes the report; the package ships one as
`mercato/data/model/forecast_report.json` and `MERCATO_FORECAST_REPORT` points at another. Every
key but `model` is optional, so a report from an older or newer backtest still reads; a file that
is there but is not such a report is an error naming the file and what is wrong with it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mercato.errors import ConfigurationError

REPORT_PACKAGE = "mercato.data.model"
REPORT_FILE = "forecast_report.json"
# The simple forecasts a model is compared with, in the order a reader meets them.
BASELINES = ("constant", "base_rate", "outlet_rate")


@dataclass(frozen=True)
class Metrics:
    """Scores of one set of forecasts against what happened (None where the report has none)."""

    auc: float | None = None
    brier: float | None = None
    log_loss: float | None = None
    count: int | None = None


@dataclass(frozen=True)
class ReliabilityBin:
    """Forecasts between `low` and `high`: their mean, and the share of them that happened (None
    for both in a band no forecast fell in)."""

    low: float
    high: float
    mean_forecast: float | None
    observed: float | None
    count: int


@dataclass(frozen=True)
class ForecastReport:
    """The backtest report: the model's figures, its reliability bins and its baselines."""

    path: str
    dataset: str | None
    train_period: tuple[str, str] | None
    test_period: tuple[str, str] | None
    model: Metrics
    calibration_slope: float | None
    calibration_intercept: float | None
    named: Metrics | None
    exits: Metrics | None
    reliability: tuple[ReliabilityBin, ...]
    horizons: Mapping[str, Metrics]
    baselines: Mapping[str, Metrics]

    @property
    def has_counts(self) -> bool:
        """True when any set of forecasts says how many stories it scored."""
        sets = (
            self.model,
            self.named,
            self.exits,
            *self.horizons.values(),
            *self.baselines.values(),
        )
        return any(m is not None and m.count is not None for m in sets)

    @property
    def brier_skill(self) -> float | None:
        """How much lower the model's Brier score is than the constant forecast's (0.1 = 10%)."""
        constant = self.baselines.get("constant")
        if constant is None or constant.brier in (None, 0.0) or self.model.brier is None:
            return None
        assert constant.brier is not None
        return 1.0 - self.model.brier / constant.brier


def default_report_path() -> Path:
    """Where the package keeps its shipped report (the file may not be there)."""
    return Path(str(resources.files(REPORT_PACKAGE).joinpath(REPORT_FILE)))


class _Reader:
    """Reads one file's JSON, naming the file and the key in every complaint."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, reason: str) -> ConfigurationError:
        return ConfigurationError(
            f"{self.path}: {where}: {reason}" if where else f"{self.path}: {reason}"
        )

    def number(self, data: Mapping[str, object], key: str, where: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.fail(f"{where}.{key}", f"expected a number, found {value!r}")
        return float(value)

    def obj(self, data: Mapping[str, object], key: str, where: str) -> Mapping[str, object] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(
                f"{where}.{key}" if where else key,
                f"expected an object, found {type(value).__name__}",
            )
        return value

    def metrics(self, data: Mapping[str, object] | None, where: str) -> Metrics | None:
        if data is None:
            return None
        count = self.number(data, "count", where)
        return Metrics(
            auc=self.number(data, "auc", where),
            brier=self.number(data, "brier", where),
            log_loss=self.number(data, "log_loss", where),
            count=None if count is None else int(count),
        )

    def period(self, data: Mapping[str, object], key: str) -> tuple[str, str] | None:
        value = data.get(key)
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, str) for v in value)
        ):
            raise self.fail(key, f"expected [start, end] as two dates, found {value!r}")
        return value[0], value[1]

    def bins(self, model: Mapping[str, object]) -> tuple[ReliabilityBin, ...]:
        value = model.get("reliability")
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail("model.reliability", "expected a list of bins")
        found = []
        for i, item in enumerate(value):
            where = f"model.reliability[{i}]"
            if not isinstance(item, dict):
                raise self.fail(where, "expected an object")
            numbers = {
                k: self.number(item, k, where)
                for k in ("low", "high", "mean_forecast", "observed", "count")
            }
            # A band no forecast fell in has no mean and no share: `backtest --json` writes null.
            empty = numbers["count"] == 0
            optional = ("mean_forecast", "observed") if empty else ()
            missing = [k for k, v in numbers.items() if v is None and k not in optional]
            if missing:
                raise self.fail(where, f"missing {', '.join(missing)}")
            low, high, count = (float(numbers[k] or 0.0) for k in ("low", "high", "count"))
            mean, observed = numbers["mean_forecast"], numbers["observed"]
            shares = [v for v in (mean, observed) if v is not None]
            if not (0.0 <= low <= high <= 1.0 and all(0.0 <= v <= 1.0 for v in shares)):
                raise self.fail(where, "forecasts and shares must lie between 0 and 1, low <= high")
            if count < 0:
                raise self.fail(where, "count must not be negative")
            found.append(ReliabilityBin(low, high, mean, observed, int(count)))
        return tuple(found)


def read_forecast_report(path: Path) -> ForecastReport:
    """Read a backtest report; raises ConfigurationError naming the file and what is wrong."""
    reader = _Reader(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise reader.fail("", f"cannot be read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise reader.fail("", f"is not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise reader.fail("", "expected a JSON object with a 'model' key")
    model = reader.obj(data, "model", "")
    if model is None:
        raise reader.fail("", "has no 'model' object (the forecasting model's figures)")
    dataset = data.get("dataset")
    horizons = reader.obj(model, "horizons", "model") or {}
    return ForecastReport(
        path=str(path),
        dataset=dataset if isinstance(dataset, str) else None,
        train_period=reader.period(data, "train_period"),
        test_period=reader.period(data, "test_period"),
        model=reader.metrics(model, "model") or Metrics(),
        calibration_slope=reader.number(model, "calibration_slope", "model"),
        calibration_intercept=reader.number(model, "calibration_intercept", "model"),
        named=reader.metrics(reader.obj(model, "named", "model"), "model.named"),
        exits=reader.metrics(reader.obj(model, "exits", "model"), "model.exits"),
        reliability=reader.bins(model),
        horizons={
            name: metrics
            for name in sorted(horizons, key=_horizon_days)
            if (
                metrics := reader.metrics(
                    reader.obj(horizons, name, "model.horizons"), f"model.horizons.{name}"
                )
            )
        },
        baselines={
            name: metrics
            for name in BASELINES
            if (metrics := reader.metrics(reader.obj(data, name, ""), name)) is not None
        },
    )


def _horizon_days(name: str) -> tuple[int, str]:
    """ "day0" before "day7" before "day30"; other names after, alphabetically."""
    digits = name.removeprefix("day")
    return (int(digits), name) if digits.isdigit() else (1_000_000, name)


def forecast_report(path: Path | None = None) -> ForecastReport | None:
    """The report at `path`, else the shipped one; None when there is no such file."""
    chosen = path if path is not None else default_report_path()
    if not chosen.is_file():
        if path is not None and chosen.exists():
            raise ConfigurationError(f"{chosen}: is not a file")
        return None
    return read_forecast_report(chosen)

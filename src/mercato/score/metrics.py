"""Scoring probabilities against outcomes: AUC, Brier, log loss, and reliability diagrams."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mercato.errors import ConfigurationError

RELIABILITY_BINS = 10


@dataclass(frozen=True)
class ReliabilityBin:
    """One bin of a reliability diagram: predictions in [low, high), their mean and the hit rate."""

    low: float
    high: float
    count: int
    mean_predicted: float | None
    observed: float | None


def auc(labels: Sequence[int], scores: Sequence[float]) -> float | None:
    """Area under the ROC curve (Mann-Whitney, ties counted half); None with one class only."""
    y = np.asarray(labels, dtype=int)
    s = np.asarray(scores, dtype=float)
    positives, negatives = int(y.sum()), int(len(y) - y.sum())
    if positives == 0 or negatives == 0:
        return None
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_scores = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return float((ranks[y == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def brier(labels: Sequence[int], probabilities: Sequence[float]) -> float:
    """Mean squared error of the probabilities."""
    y = np.asarray(labels, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    return float(np.mean((p - y) ** 2))


def log_loss(labels: Sequence[int], probabilities: Sequence[float], eps: float = 1e-6) -> float:
    """Mean negative log-likelihood (natural log), probabilities clipped away from 0 and 1."""
    y = np.asarray(labels, dtype=float)
    p = np.clip(np.asarray(probabilities, dtype=float), eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def reliability(labels: Sequence[int], probabilities: Sequence[float], bins: int = RELIABILITY_BINS) -> list[ReliabilityBin]:
    """Equal-width bins of predicted probability with the observed rate in each."""
    y = np.asarray(labels, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    out = []
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        mask = (p >= low) & ((p < high) if k < bins - 1 else (p <= high))
        n = int(mask.sum())
        out.append(
            ReliabilityBin(
                low, high, n,
                float(p[mask].mean()) if n else None,
                float(y[mask].mean()) if n else None,
            )
        )
    return out


def calibration(
    labels: Sequence[int], probabilities: Sequence[float], weights: Sequence[float] | None = None
) -> tuple[float, float] | None:
    """Slope and intercept of the outcome's log-odds on the forecast's (1 and 0 when calibrated).

    An unpenalised two-parameter logistic fit by Newton's method; None with one class only.
    A slope below 1 means forecasts too extreme, above 1 too timid.
    """
    y = np.asarray(labels, dtype=float)
    if len(y) == 0 or y.min() == y.max():
        return None
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=float)
    p = np.clip(np.asarray(probabilities, dtype=float), 1e-6, 1 - 1e-6)
    z = np.log(p / (1 - p))
    if float(z.std()) < 1e-6:
        return None  # a constant forecast has no slope to measure
    x = np.column_stack([z, np.ones(len(y))])
    beta = np.array([1.0, 0.0])
    for _ in range(50):
        q = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (q - y))
        hessian = (x * (w * q * (1 - q))[:, None]).T @ x + np.eye(2) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        beta = beta - step
        if float(np.abs(step).max()) < 1e-10:
            break
    return float(beta[0]), float(beta[1])


def summarise(
    labels: Sequence[int], probabilities: Sequence[float], *, with_bins: bool = True
) -> dict[str, object]:
    """All figures for one predictor, as plain JSON-ready values."""
    fitted = calibration(labels, probabilities)
    out: dict[str, object] = {
        "n": len(labels),
        "positives": int(sum(labels)),
        "auc": auc(labels, probabilities),
        "brier": brier(labels, probabilities) if len(labels) else None,
        "log_loss": log_loss(labels, probabilities) if len(labels) else None,
        "calibration_slope": fitted[0] if fitted else None,
        "calibration_intercept": fitted[1] if fitted else None,
    }
    if with_bins:
        out["reliability"] = [
            {"low": b.low, "high": b.high, "mean_forecast": b.mean_predicted,
             "observed": b.observed, "count": b.count}
            for b in reliability(labels, probabilities)
        ]
    return out


def reliability_table(summaries: Mapping[str, Mapping[str, object]]) -> list[str]:
    """Text table of the reliability bins, one column block per predictor."""
    names = list(summaries)
    header = "bin      " + "".join(f"| {name:<24}" for name in names)
    lines = [header, "         " + "| n      pred   obs     " * len(names)]
    rows = {name: summaries[name]["reliability"] for name in names}
    for k in range(RELIABILITY_BINS):
        cells = []
        for name in names:
            b = rows[name][k]  # type: ignore[index]
            pred = "  -  " if b["mean_forecast"] is None else f"{b['mean_forecast']:.3f}"
            obs = "  -  " if b["observed"] is None else f"{b['observed']:.3f}"
            cells.append(f"| {b['count']:<6} {pred:<6} {obs:<7} ")
        first = rows[names[0]][k]  # type: ignore[index]
        lines.append(f"{first['low']:.1f}-{first['high']:.1f}  " + "".join(cells))
    return lines


def draw_reliability(summaries: Mapping[str, Mapping[str, object]], path: Path, title: str) -> Path:
    """Reliability diagram of several predictors to a PNG (matplotlib, no display needed)."""
    try:  # an optional extra: only drawing a PNG needs it
        import matplotlib
    except ModuleNotFoundError as exc:
        if exc.name != "matplotlib":
            raise
        raise ConfigurationError(
            "drawing a PNG needs matplotlib: install the 'charts' extra "
            "(pip install 'mercato[charts]', or uv sync --extra charts)"
        ) from exc

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 6))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
    for name, summary in summaries.items():
        bins = [b for b in summary["reliability"] if b["count"]]  # type: ignore[attr-defined,index]
        ax.plot(
            [b["mean_forecast"] for b in bins], [b["observed"] for b in bins],
            marker="o", label=f"{name} (Brier {summary['brier']:.3f})",
        )
    ax.set_xlabel("predicted probability")
    ax.set_ylabel("observed frequency")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(title)
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path

"""Evaluation gate: fail when cross-validated extraction scores drop below their floors.

The learned decision model is cross-validated over all gold (`../shared/eval/dev.jsonl`,
`train.jsonl` and the project's own annotations), grouped by record, exactly as
`mercato eval --cv 5` does; the frozen slice, never trained or tuned on, is scored by a model fitted
on the rest. A dev-only score is not the target: every record here is scored by a model that
never saw it.

The gate pins the digest of the gold it read, so a score can only be compared with a floor set on
the same gold. After adding gold or improving extraction, re-baseline with

    uv run python tests/test_eval_gate.py --raise

which prints every score against its floor, lifts (never lowers) the floors and pins the new
digest. When the gold changed, floors are set anew from the scores, and the change shows in review.
"""

from __future__ import annotations

import json
import math
import sys
from functools import cache
from pathlib import Path

import pytest

BASELINE_FILE = Path(__file__).resolve().parent / "eval_baseline.json"
ANNOTATIONS_DIR = Path(__file__).resolve().parents[1] / "annotations" / "records"
EPSILON = 1e-4  # scores are compared at four decimals; this only absorbs float noise
FOLDS = 5


def load_baseline() -> dict[str, object]:
    return json.loads(BASELINE_FILE.read_text(encoding="utf-8"))


@cache
def measure(shared: Path) -> tuple[str, dict[str, float]]:
    """The gold digest and the gated metrics: cross-validated, and on the frozen slice."""
    from mercato.evaluation.names import ClubTable
    from mercato.training.gold_sets import load_gold_set
    from mercato.training.run import train

    gold = load_gold_set(shared, ANNOTATIONS_DIR)
    clubs = ClubTable.load(shared / "eval" / "clubs.json")
    result = train(gold, clubs, cv_folds=FOLDS)
    assert result.cv is not None and result.frozen is not None
    values: dict[str, float] = {}
    for prefix, evaluation in (("cv", result.cv), ("frozen", result.frozen)):
        metrics = evaluation.metrics
        values[f"{prefix}_f1"] = metrics.overall.f1
        values[f"{prefix}_precision"] = metrics.overall.precision
        values[f"{prefix}_recall"] = metrics.overall.recall
    cv = result.cv.metrics
    values.update({f"cv_{name}_accuracy": acc.value for name, acc in cv.fields.items()})
    values.update({f"cv_{status}_f1": counts.f1 for status, counts in cv.by_status.items()})
    return gold.digest, values


def _floors() -> dict[str, float]:
    floors = load_baseline()["floors"]
    assert isinstance(floors, dict)
    return floors


CASES = sorted(_floors())


@pytest.fixture(scope="module")
def measured(shared_dir: Path) -> tuple[str, dict[str, float]]:
    return measure(shared_dir)


def test_the_gold_is_the_gold_the_floors_were_set_on(measured: tuple[str, dict[str, float]]) -> None:
    digest, _ = measured
    assert digest == load_baseline()["gold_sha256"], (
        "the gold changed since the floors were set: re-baseline with "
        "`uv run python tests/test_eval_gate.py --raise` and review the new floors"
    )


@pytest.mark.parametrize("metric", CASES)
def test_score_stays_above_floor(measured: tuple[str, dict[str, float]], metric: str) -> None:
    floor = _floors()[metric]
    value = measured[1][metric]
    assert value >= floor - EPSILON, f"{metric} dropped to {value:.4f}, below its floor {floor:.4f}"


def main(argv: list[str]) -> int:
    """Print scores against floors; with --raise, lift the floors (set anew on new gold)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from support import find_shared_dir

    shared = find_shared_dir()
    if shared is None:
        print("../shared is absent (set MERCATO_SHARED_DIR)")
        return 2
    raw = load_baseline()
    digest, values = measure(shared.resolve())
    new_gold = digest != raw["gold_sha256"]
    floors = _floors()
    regression = False
    for metric in sorted(values):
        floor = floors.get(metric)
        value = values[metric]
        mark = "new" if floor is None else ("BELOW" if value < floor - EPSILON else "ok")
        regression = regression or mark == "BELOW"
        print(f"{metric:>22}: {value:.4f} (floor {'-' if floor is None else f'{floor:.4f}'}) {mark}")
        if "--raise" in argv and (new_gold or floor is None or value > floor):
            floors[metric] = math.floor(value * 10_000 + 1e-6) / 10_000
    if new_gold:
        print(f"the gold changed: {raw['gold_sha256'][:12]} -> {digest[:12]}")
    if "--raise" in argv:
        raw["floors"], raw["gold_sha256"] = floors, digest
        BASELINE_FILE.write_text(json.dumps(raw, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE_FILE}")
        return 0
    return int(regression or new_gold)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

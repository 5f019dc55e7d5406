"""Evaluation gate: fail when extraction scores drop below the floors in eval_baseline.json.

Runs Mercato's real extraction on the gold files of ../shared/eval/ and scores it as
SPEC.md says. The floors only go up: after an improvement, raise them with

    uv run python tests/test_eval_gate.py --raise

which prints every score against its floor and lifts (never lowers) the floors to the scores.
"""

from __future__ import annotations

import json
import math
import sys
from functools import cache
from pathlib import Path

import pytest

BASELINE_FILE = Path(__file__).resolve().parent / "eval_baseline.json"
EPSILON = 1e-4  # scores are compared at four decimals; this only absorbs float noise


def load_baseline() -> dict[str, dict[str, float]]:
    """Floors per gold file (named relative to ../shared/eval/), metric name -> floor."""
    data = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    return {name: floors for name, floors in data.items() if not name.startswith("_")}


@cache
def measure(gold_path: Path) -> dict[str, float]:
    """Run extraction on one gold file and return the gated metrics."""
    from mercato.evaluation.harness import evaluate_file

    evaluation = evaluate_file(gold_path)
    failed = [note for note in evaluation.notes if "extraction failed" in note]
    assert not failed, failed
    metrics = evaluation.metrics
    values = {
        "f1": metrics.overall.f1,
        "precision": metrics.overall.precision,
        "recall": metrics.overall.recall,
    }
    values.update({f"{name}_accuracy": acc.value for name, acc in metrics.fields.items()})
    return values


CASES = [(gold, metric) for gold, floors in load_baseline().items() for metric in floors]


@pytest.mark.parametrize(("gold_name", "metric"), CASES, ids=[f"{g}:{m}" for g, m in CASES])
def test_score_stays_above_floor(shared_dir: Path, gold_name: str, metric: str) -> None:
    gold_path = shared_dir / "eval" / gold_name
    if not gold_path.is_file():
        pytest.skip(f"{gold_path} is absent: the evaluation gate needs it")
    floor = load_baseline()[gold_name][metric]
    value = measure(gold_path)[metric]
    assert value >= floor - EPSILON, (
        f"{gold_name} {metric} dropped to {value:.4f}, below its floor {floor:.4f}"
    )


def main(argv: list[str]) -> int:
    """Print scores against floors; with --raise, lift the floors to the scores."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from support import find_shared_dir

    shared = find_shared_dir()
    if shared is None:
        print("../shared is absent (set MERCATO_SHARED_DIR)")
        return 2
    raw = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    regression = False
    for gold_name, floors in load_baseline().items():
        values = measure(shared / "eval" / gold_name)
        for metric, floor in floors.items():
            value = values[metric]
            mark = "BELOW" if value < floor - EPSILON else "ok"
            regression = regression or mark == "BELOW"
            print(f"{gold_name:>12} {metric:>17}: {value:.4f} (floor {floor:.4f}) {mark}")
            if "--raise" in argv and value > floor:
                raw[gold_name][metric] = math.floor(value * 10_000 + 1e-6) / 10_000
    if "--raise" in argv:
        BASELINE_FILE.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE_FILE}")
    return int(regression)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

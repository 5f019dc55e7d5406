"""The written-out pairs of the merge gold set: floors on precision and recall (no extraction)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

GOLD = Path(__file__).with_name("merge_gold.jsonl")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "eval_story_merge.py"


def _script():
    spec = importlib.util.spec_from_file_location("eval_story_merge", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_set_is_large_and_balanced() -> None:
    pairs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(pairs) >= 100
    assert sum(p["same"] for p in pairs) >= 30 and sum(not p["same"] for p in pairs) >= 30
    assert sum("item" in p["a"] for p in pairs) >= 40  # pairs drawn from corpus items


def test_merging_written_pairs_meets_its_floors(capsys) -> None:
    script = _script()
    assert script.main(["--corpus", "/nonexistent", "--json"]) == 0
    own = json.loads(capsys.readouterr().out)["own"]
    assert own["precision"] >= 0.95
    assert own["recall"] >= 0.9

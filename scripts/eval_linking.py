"""Score mention linking on tests/kb/linking_gold.jsonl: accuracy per kind and forced errors.

Usage: uv run python scripts/eval_linking.py [--errors] [--json]
Dev references are read from ../shared/eval/dev.jsonl (or $MERCATO_SHARED_DIR/eval/dev.jsonl).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from mercato.kb.catalogue import load_catalogue
from mercato.kb.goldset import load_gold, score_linking

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    """Print linking accuracy per group (clubs, outlets, people) and ambiguity counts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=REPO / "tests" / "kb" / "linking_gold.jsonl")
    parser.add_argument("--errors", action="store_true", help="list every wrong link")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    shared = Path(os.environ.get("MERCATO_SHARED_DIR", REPO / ".." / "shared"))
    articles = list(load_gold(args.gold, shared / "eval" / "dev.jsonl"))
    score = score_linking(articles, load_catalogue())
    numbers = {
        group: {"accuracy": round(score.accuracy(group), 4), "mentions": score.total[group]}
        for group in ("clubs", "outlets", "people")
    }
    numbers["all"] = {
        "accuracy": round(score.accuracy("all"), 4),
        "mentions": sum(score.total.values()),
    }
    numbers["ambiguous_or_unresolvable"] = {
        "mentions": score.ambiguous,
        "forced_wrong": score.forced_wrong,
    }
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        for group, row in numbers.items():
            print(f"{group:28} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    if args.errors:
        print("\n".join(score.errors))


if __name__ == "__main__":
    main()

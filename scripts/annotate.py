"""Annotation helper: show corpus records, check a working file, pack it into the repository.

Annotators write a working file (`annotations/work/NAME.jsonl`, not committed: it quotes
evidence verbatim) with one line per record: `{"id": ..., "links": [...]}`, links in the format of
`../shared/eval/SPEC.md` with `evidence` a verbatim substring of the record's text. `pack` turns
each evidence string into a character span, so the repository keeps ids and links, never text.

    uv run python scripts/annotate.py show bbcsport:football/012 [more ids]
    uv run python scripts/annotate.py check annotations/work/NAME.jsonl
    uv run python scripts/annotate.py pack annotations/work/*.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RECORDS_DIR = ROOT / "annotations" / "records"

sys.path.insert(0, str(ROOT / "src"))
from mercato.evaluation.gold import read_gold
from mercato.training.gold_sets import read_corpus, read_heldout


def corpus() -> dict[str, dict]:
    return read_corpus(SHARED / "corpus/articles.jsonl")


def heldout() -> set[str]:
    return read_heldout(SHARED)


def show(ids: list[str]) -> None:
    records, refused = corpus(), heldout()
    for record_id in ids:
        if record_id in refused:
            sys.exit(f"{record_id} is held out: never read or annotate it")
        r = records[record_id]
        print(f"=== {r['id']}  dataset={r['dataset']} kind={r['kind']} date={r['date']} "
              f"outlet={r['outlet']}")
        print(r["text"])
        print()


def _load_work(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.open(encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            sys.exit(f"{path}, line {n}: not JSON ({exc})")
    return rows


def _full_records(path: Path) -> list[dict]:
    """The working file's rows joined with their texts, checked by the gold reader."""
    records, refused = corpus(), heldout()
    full, seen = [], set()
    problems = []
    for n, row in enumerate(_load_work(path), 1):
        record_id = row.get("id")
        if record_id in refused:
            problems.append(f"line {n}: {record_id} is held out")
            continue
        if record_id not in records:
            problems.append(f"line {n}: {record_id!r} is not a corpus id")
            continue
        if record_id in seen:
            problems.append(f"line {n}: {record_id} annotated twice")
        seen.add(record_id)
        r = records[record_id]
        for k, link in enumerate(row.get("links", [])):
            evidence = link.get("evidence")
            if not isinstance(evidence, str) or not evidence or evidence not in r["text"]:
                problems.append(f"line {n} ({record_id}) link {k}: evidence is not a verbatim "
                                f"substring of the text: {evidence!r}")
        full.append({"id": record_id, "date": r["date"], "outlet": r["outlet"], "kind": r["kind"],
                     "text": r["text"], "links": row.get("links", [])})
    if problems:
        sys.exit(f"{path}:\n  " + "\n  ".join(problems))
    tmp = path.with_suffix(".checked.tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for obj in full:
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    try:
        read_gold(tmp)  # the SPEC checks: fields, statuses, fees, sources
    finally:
        tmp.unlink()
    return full


def check(paths: list[Path]) -> None:
    for path in paths:
        full = _full_records(path)
        links = sum(len(r["links"]) for r in full)
        print(f"{path}: {len(full)} records, {links} links, OK")


def pack(paths: list[Path]) -> None:
    RECORDS_DIR.mkdir(parents=True, exist_ok=True)
    by_family: dict[str, list[dict]] = {}
    for path in paths:
        for r in _full_records(path):
            packed_links = []
            for link in r["links"]:
                start = r["text"].index(link["evidence"])
                packed = {k: v for k, v in link.items() if k != "evidence"}
                packed["evidence_span"] = [start, start + len(link["evidence"])]
                packed_links.append(packed)
            family = r["id"].split(":", 1)[0]
            by_family.setdefault(family, []).append({"id": r["id"], "links": packed_links})
    for family, rows in by_family.items():
        target = RECORDS_DIR / f"{family}.jsonl"
        existing = {}
        if target.exists():
            existing = {json.loads(line)["id"]: line for line in target.open() if line.strip()}
        for row in rows:
            existing[row["id"]] = json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
        with target.open("w", encoding="utf-8") as out:
            for record_id in sorted(existing):
                out.write(existing[record_id])
        print(f"{target}: {len(existing)} records")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("show").add_argument("ids", nargs="+")
    sub.add_parser("check").add_argument("paths", nargs="+", type=Path)
    sub.add_parser("pack").add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args()
    {"show": lambda: show(args.ids), "check": lambda: check(args.paths),
     "pack": lambda: pack(args.paths)}[args.command]()


if __name__ == "__main__":
    main()

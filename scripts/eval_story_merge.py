"""Score story merging on the gold pairs in tests/stories/merge_gold.jsonl: precision and recall.

Each gold line pairs two claims and says whether they belong to one story. A claim is either
written out (`person`, `to`, `from`, `date`, optional `window`, `person_id`, `to_club_id`) or
points at a corpus item (`item`, with the `person` and `to` the annotator means); for the latter
the item is run through extraction and the matching claim is taken, so a pair whose claim
extraction misses is reported as missing (and counted as "not merged" in recall).

    uv run python scripts/eval_story_merge.py [--gold FILE] [--corpus PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from mercato.domain import STAGE_STATUS, Attribution, Provenance, Span, Stage, TransferClaim
from mercato.stories.merge import merge_stories
from mercato.stories.names import clubs_match, parse_window, persons_match

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "tests" / "stories" / "merge_gold.jsonl"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "articles.jsonl"


def written_claim(spec: dict[str, str], n: int) -> TransferClaim:
    """A claim from a written-out gold spec."""
    text = f"{spec.get('to')} interest in {spec['person']}"
    return TransferClaim(
        person=spec["person"], to_club=spec.get("to"), from_club=spec.get("from"),
        status=STAGE_STATUS[Stage.INTEREST], stage=Stage.INTEREST,
        provenance=Provenance(f"gold-{n}", Span(0, len(text), text), None,
                              date.fromisoformat(spec["date"]), "gold"),
        person_id=spec.get("person_id"), to_club_id=spec.get("to_club_id"),
        window=parse_window(spec.get("window")), attribution=Attribution(outlet="Gold"),
    )


def corpus_claims(items: set[str], corpus: Path) -> dict[str, list[TransferClaim]]:
    """Transfer claims extraction finds in the named corpus items."""
    from mercato.replay.corpus import extract_corpus

    wanted = []
    from mercato.domain import Article, article_id_for

    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in items:
                wanted.append(Article(
                    id=article_id_for(record["text"]), text=record["text"],
                    published=date.fromisoformat(record["date"]), outlet=record.get("outlet"),
                    external_id=record["id"], kind=record.get("kind") or "article",
                    meta=record.get("meta") or {},
                ))
    extracted = extract_corpus(wanted)
    out: dict[str, list[TransferClaim]] = {}
    for claim_id, claim in extracted.transfers:
        out.setdefault(claim_id.split("#")[0], []).append(claim)
    return out


def pick(spec: dict[str, str], found: dict[str, list[TransferClaim]]) -> TransferClaim | None:
    """The item's claim about the annotated person and destination."""
    for claim in found.get(spec["item"], []):
        if persons_match(claim.person, spec["person"]) and clubs_match(claim.to_club, spec["to"]):
            return claim
    return None


def main(argv: list[str] | None = None) -> int:
    """Print precision, recall and F1 of merging, overall and by kind of pair."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pairs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = {s["item"] for p in pairs for s in (p["a"], p["b"]) if "item" in s}
    found = corpus_claims(items, args.corpus) if items and args.corpus.exists() else {}
    tallies: dict[str, dict[str, int]] = {}
    for n, pair in enumerate(pairs):
        claims = []
        for side, spec in (("a", pair["a"]), ("b", pair["b"])):
            claim = pick(spec, found) if "item" in spec else written_claim(spec, n)
            claims.append((f"{n}{side}", claim))
        kind = pair.get("kind", "own")
        missing = any(c is None for _, c in claims)
        # "<kind> extracted": only pairs whose two claims extraction found (merging alone).
        for name in (kind, "all", *(() if missing else (f"{kind} extracted", "all extracted"))):
            t = tallies.setdefault(name, {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "missing": 0})
            if missing:
                t["missing"] += 1
                t["fn" if pair["same"] else "tn"] += 1
                continue
            stories = merge_stories([(cid, c) for cid, c in claims if c is not None])
            merged = len(stories) == 1
            key = ("tp" if merged else "fn") if pair["same"] else ("fp" if merged else "tn")
            t[key] += 1
    results = {}
    for kind, t in tallies.items():
        precision = t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 0.0
        recall = t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        results[kind] = {**t, "pairs": sum(t[k] for k in ("tp", "fp", "fn", "tn")),
                         "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for kind, r in results.items():
            print(f"{kind:<16} pairs {r['pairs']:>4}  precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
                  f"F1 {r['f1']:.3f}  (tp {r['tp']} fp {r['fp']} fn {r['fn']} tn {r['tn']}; "
                  f"claim not extracted: {r['missing']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

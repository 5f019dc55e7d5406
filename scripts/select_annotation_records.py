"""Draw the corpus records the project annotates, reproducibly, and never a held-out one.

Records are drawn uniformly at random (seeded) per family from `../shared/corpus/articles.jsonl`,
outside `dev.jsonl`, `train.jsonl` and `heldout_ids.txt`. A gossip item whose text lies inside a
held-out gossip page, and a page that contains a held-out item, are left out too, so no held-out
sentence is ever read for annotation.

    uv run python scripts/select_annotation_records.py > annotations/selection.tsv
    uv run python scripts/select_annotation_records.py --wave 2 > annotations/selection-wave2.tsv
    uv run python scripts/select_annotation_records.py --wave 3 > annotations/selection-wave3.tsv
    uv run python scripts/select_annotation_records.py --wave 4 > annotations/selection-wave4.tsv

A later wave draws only from records no earlier wave drew, with its own seed and quotas.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# How many records each family gets: every family of the corpus that has records outside the
# held-out list (all of transfer_tweets_annotated is held out).
QUOTAS = {
    "bbcsport": 110,
    "bbc_football_2025": 90,
    "bbc_gossip_2021_22": 140,
    "bbc_gossip_2020_22": 130,
    "bbc_gossip_pages": 10,
    "romano_tweets_2023": 90,
    "romano_tweets_2025": 70,
    "tm_rumour_threads": 130,
}
SEED = 20261205
# The second wave leans on the families the first left weakest (full articles, forum snippets).
WAVE_QUOTAS = {
    2: {
        "bbcsport": 80,
        "bbc_football_2025": 90,
        "bbc_gossip_2021_22": 100,
        "bbc_gossip_pages": 10,
        "romano_tweets_2023": 100,
        "tm_rumour_threads": 150,
    },
    # The third: the full articles of both eras are all drawn by now (the rest is held out), so
    # it takes the rest of the 2025 tweets and more of the pages, tweets and forum snippets.
    3: {
        "romano_tweets_2025": 90,
        "bbc_gossip_pages": 15,
        "romano_tweets_2023": 100,
        "tm_rumour_threads": 100,
    },
    # The fourth: the rest of the 2025 tweets, and more of the tweets, forum snippets, pages and
    # 2021-22 items, where cross-validation left the model furthest from its target.
    4: {
        "romano_tweets_2025": 40,
        "romano_tweets_2023": 120,
        "tm_rumour_threads": 200,
        "bbc_gossip_pages": 12,
        "bbc_gossip_2021_22": 100,
    },
}


def _ids(path: Path) -> set[str]:
    return {json.loads(line)["id"] for line in path.open(encoding="utf-8") if line.strip()}


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--wave", type=int, default=1)
    wave = parser.parse_args().wave
    quotas = QUOTAS if wave == 1 else WAVE_QUOTAS[wave]
    earlier: set[str] = set()
    for previous in range(1, wave):
        name = "selection.tsv" if previous == 1 else f"selection-wave{previous}.tsv"
        path = Path(__file__).resolve().parents[1] / "annotations" / name
        earlier |= {line.split("\t")[1].strip() for line in path.open() if line.strip()}
    heldout = {line.strip() for line in (SHARED / "eval/heldout_ids.txt").open() if line.strip()}
    taken = _ids(SHARED / "eval/dev.jsonl") | _ids(SHARED / "eval/train.jsonl") | earlier
    records = [json.loads(line) for line in (SHARED / "corpus/articles.jsonl").open(encoding="utf-8")]
    heldout_texts = [r["text"] for r in records if r["id"] in heldout]
    heldout_pages = [r["text"] for r in records if r["id"] in heldout and r["dataset"] == "bbc_gossip_pages"]
    heldout_items = [r["text"] for r in records if r["id"] in heldout and "gossip" in r["dataset"]
                     and r["dataset"] != "bbc_gossip_pages"]
    rng = random.Random(SEED + wave - 1)
    for family, quota in quotas.items():
        pool = []
        for r in records:
            if r["dataset"] != family or r["id"] in heldout or r["id"] in taken:
                continue
            text = r["text"]
            is_item = "gossip" in family and family != "bbc_gossip_pages"
            if is_item and any(text.strip() and text.strip() in page for page in heldout_pages):
                continue
            is_page = family == "bbc_gossip_pages"
            if is_page and any(item.strip() and item.strip() in text for item in heldout_items):
                continue
            if text in heldout_texts:
                continue
            pool.append(r["id"])
        pool.sort()
        for record_id in rng.sample(pool, min(quota, len(pool))):
            sys.stdout.write(f"{family}\t{record_id}\n")


if __name__ == "__main__":
    main()

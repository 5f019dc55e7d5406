"""How heavy and how slow the dashboard's pages are on a store of the corpus.

Times every page kind (the board, the board as of an earlier day, a story, an article, the
busiest player's and the busiest club's pages, the source table, a search, the reliability page
and the API docs) with an in-process client over `create_app`, after reading the knowledge base
as `mercato serve` does beside its start-up, and prints for each its size in KB, how many story
rows it lists, the first load, the median of the warm loads and the target (1 s). The store is
built once from the shared corpus less the held-out records (`../shared/eval/heldout_ids.txt`)
and kept for later runs. Prints figures only: nothing here is a timed test.

    uv run python benchmarks/bench_pages.py                      # store in out/
    uv run python benchmarks/bench_pages.py --records 2000 --db /tmp/bench-pages-2000.db
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from mercato.pipeline import ingest_paths
from mercato.services.known import preload_knowledge
from mercato.settings import Settings
from mercato.store import Store
from mercato.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
DEFAULT_DB = ROOT / "out" / "bench-pages-corpus.db"
TARGET = 1.0  # seconds: what the dashboard issue asks of every page on a store of the corpus


def build_store(db: Path, corpus: Path, held_out: Path, records: int | None) -> None:
    """Ingest the corpus without its held-out records (or only the first `records` kept)."""
    skipped = set(held_out.read_text(encoding="utf-8").split()) if held_out.exists() else set()
    db.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        kept = Path(folder) / "records.jsonl"
        count = 0
        with corpus.open(encoding="utf-8") as lines, kept.open("w", encoding="utf-8") as out:
            for line in lines:
                if records is not None and count >= records:
                    break
                if json.loads(line).get("id") in skipped:
                    continue
                out.write(line)
                count += 1
        print(f"building {db} from {count} records ...", flush=True)
        started = time.perf_counter()
        with Store.open(f"sqlite:///{db}") as store:
            ingest_paths([kept], store)
        print(f"  ingested in {time.perf_counter() - started:.0f} s", flush=True)


def timed(client: TestClient, url: str, runs: int) -> tuple[float, float, int, int]:
    """First load and median warm load in seconds, the page's bytes and its story rows."""
    started = time.perf_counter()
    answer = client.get(url)
    first = time.perf_counter() - started
    answer.raise_for_status()
    warm = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        warm.append(time.perf_counter() - started)
    return first, statistics.median(warm), len(answer.content), answer.text.count("story-row")


def main() -> None:
    """Build the store when missing, then time the pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, default=DEFAULT_DB, help="SQLite store (built if absent)."
    )
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "articles.jsonl")
    parser.add_argument("--records", type=int, default=None, help="Only the first N records.")
    parser.add_argument("--runs", type=int, default=5, help="Warm loads per page.")
    args = parser.parse_args()
    if not args.db.exists():
        build_store(args.db, args.corpus, SHARED / "eval" / "heldout_ids.txt", args.records)
    settings = Settings(database_url=f"sqlite:///{args.db}", kb_dir=SHARED / "kb")
    preload_knowledge()  # what `mercato serve` reads beside its start-up
    print(f"store {args.db} ({args.db.stat().st_size / 1e6:.0f} MB); load average "
          f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}; {args.runs} warm loads each")  # fmt: skip
    with TestClient(create_app(settings)) as client:
        pages = page_addresses(client)
        print(f"{'page':44} {'KB':>6} {'rows':>5} {'first s':>8} {'warm s':>7} {'target s':>8}")
        for name, url in pages.items():
            first, warm, size, rows = timed(client, url, args.runs)
            print(f"{name[:44]:44} {size / 1024:6.0f} {rows:5d} {first:8.2f} {warm:7.2f} "
                  f"{TARGET:8.1f}")  # fmt: skip


def page_addresses(client: TestClient) -> dict[str, str]:
    """One address of each page kind: the busiest player, club and story of the store."""
    club = client.get("/api/clubs", params={"per_page": 1}).json()["items"][0]["name"]
    person = client.get("/api/people", params={"per_page": 1}).json()["items"][0]
    story = client.get("/api/stories", params={"person": person["key"], "per_page": 1}).json()
    story_id = story["items"][0]["id"]
    article = client.get(f"/api/stories/{quote(story_id)}").json()["timeline"][-1]["article_id"]
    newest = date.fromisoformat(
        client.get("/api/stories", params={"per_page": 1}).json()["items"][0]["last_reported"]
    )
    earlier = (newest - timedelta(days=180)).isoformat()
    return {
        "board": "/?status=all",
        f"board as of {earlier}": f"/?status=all&as_of={earlier}",
        f"story ({story_id})": f"/stories/{quote(story_id)}",
        "article": f"/articles/{quote(article)}",
        f"player ({person['name']})": f"/people/{quote(person['name'])}",
        f"club ({club})": f"/clubs/{quote(club)}",
        "sources": "/sources",
        f"search ({person['name'].split()[-1]})": f"/search?q={quote(person['name'].split()[-1])}",
        "reliability": "/reliability",
        "API docs": "/docs",
    }


if __name__ == "__main__":
    main()

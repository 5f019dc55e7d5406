"""How long the CLI makes people wait: `mercato --help`, `mercato story X`, `mercato sources`.

Each command runs as its own process, as a user would type it, several times; the script prints
the median and the fastest run of each, the median CPU time (what an idle machine would wait)
and the load average. The store is built once from the shared corpus
(`../shared/corpus/articles.jsonl`; the whole corpus takes a minute or more to ingest) and kept
for later runs. Prints figures only: nothing here is a timed test.

    uv run python benchmarks/bench_cli.py                     # whole corpus, store in out/
    uv run python benchmarks/bench_cli.py --records 2000 --db /tmp/bench-2000.db
    uv run python benchmarks/bench_cli.py --story "Youri Tielemans" --runs 5
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "articles.jsonl"
DEFAULT_DB = ROOT / "out" / "bench-cli-corpus.db"
# What the issue asks of each command on a store of the whole corpus, in seconds.
TARGETS = {"--help": 0.5, "story": 1.0, "sources": 1.0}


def mercato() -> list[str]:
    """The installed `mercato` program of this environment (what `uv run mercato` starts)."""
    found = shutil.which("mercato", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-c", "from mercato.cli import main; main()"]


def build_store(db: Path, corpus: Path, records: int | None) -> None:
    """Ingest the corpus (or its first `records` lines) into a new store at `db`."""
    db.parent.mkdir(parents=True, exist_ok=True)
    source = corpus
    with tempfile.TemporaryDirectory() as folder:
        if records is not None:
            source = Path(folder) / "records.jsonl"
            with corpus.open(encoding="utf-8") as lines, source.open("w", encoding="utf-8") as out:
                out.writelines(itertools.islice(lines, records))
        print(f"building {db} from {source.name} ({records or 'all'} records) ...", flush=True)
        started = time.perf_counter()
        subprocess.run([*mercato(), "ingest", "--db", str(db), str(source)], check=True)
        print(f"  ingested in {time.perf_counter() - started:.0f} s", flush=True)


def busiest_player(db: Path) -> str:
    """The surname of the person with the most stories on the board: a `story` lookup to time."""
    done = subprocess.run(
        [*mercato(), "rumours", "--db", str(db), "--json", "--limit", "100000"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    counts: dict[str, int] = {}
    for row in json.loads(done.stdout):
        counts[row["person"]] = counts.get(row["person"], 0) + 1
    person = max(counts, key=lambda name: (counts[name], name))
    return person.split()[-1]


def timed(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds (user and system) of each of `runs` runs of `command` (output
    discarded). On a busy machine the wall clock waits for a core; the CPU time does not."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def main() -> None:
    """Build the store when missing, then time the three commands."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="SQLite store (built if absent).")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="Corpus JSON Lines.")
    parser.add_argument("--records", type=int, help="Build from only the first N records.")
    parser.add_argument("--story", help="What to look up with `mercato story` (default: the "
                        "surname of the player with the most stories).")  # fmt: skip
    parser.add_argument("--runs", type=int, default=5, help="Runs of each command.")
    args = parser.parse_args()
    if not args.db.exists():
        if not args.corpus.exists():
            sys.exit(f"bench_cli: no store at {args.db} and no corpus at {args.corpus}")
        build_store(args.db, args.corpus, args.records)
    wanted = args.story or busiest_player(args.db)
    db = ["--db", str(args.db)]
    commands = {
        "--help": [*mercato(), "--help"],
        "story": [*mercato(), "story", wanted, *db],
        "sources": [*mercato(), "sources", *db],
    }
    size = args.db.stat().st_size / 1e6
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"store {args.db} ({size:.0f} MB); {args.runs} runs each; `story {wanted}`; "
          f"load average {load} on {os.cpu_count()} cores")  # fmt: skip
    print(f"{'command':<24} {'median s':>9} {'fastest s':>10} {'cpu s':>6} {'target s':>9}")
    for name, command in commands.items():
        times, cpus = timed(command, args.runs)
        label = "mercato " + (name if name != "story" else f"story {wanted}")
        print(f"{label[:24]:<24} {statistics.median(times):>9.2f} {min(times):>10.2f} "
              f"{statistics.median(cpus):>6.2f} {TARGETS[name]:>9.1f}")  # fmt: skip


if __name__ == "__main__":
    main()

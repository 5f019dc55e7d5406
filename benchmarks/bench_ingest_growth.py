"""Ingest into a big store against an empty one: does the cost of an ingest grow with the store?

Ingests the same synthetic articles (real extraction, the saved stories refreshed and the source
table's credits kept, as `mercato ingest` does) into an empty store and into a copy of a big
one, and prints both times and their ratio. The big store is one `bench_queries.py` filled (a
SQLite file, or a PostgreSQL database): it is copied first (a file copy, or `CREATE DATABASE ...
TEMPLATE`), so it stays as it was. The new articles are the records of the same synthetic stream
that follow the ones the big store holds (records `--first` to `--first + --articles - 1`).

    uv run python benchmarks/bench_ingest_growth.py --big sqlite:////tmp/bench12.db
    uv run python benchmarks/bench_ingest_growth.py \\
        --big postgresql+psycopg://postgres@127.0.0.1:5432/mercato_bench12
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_records

from mercato.pipeline import default_extract, ingest_paths
from mercato.services.sources import refresh_source_credits
from mercato.store import Store

OUT = Path("out/bench_ingest_growth")
KB_DIR = Path("..") / "shared" / "kb"  # the settings' default, as `mercato ingest` uses it


@dataclass(frozen=True)
class Timed:
    """One ingest: the store's size before it, what it stored, and where the time went."""

    store: str
    claims_before: int
    articles: int
    claims: int
    ingest_s: float  # extraction, storing and the stories' refresh (`ingest_paths`)
    sources_s: float  # keeping the source table's credits (`mercato ingest` does it after)
    load: float

    @property
    def total_s(self) -> float:
        return self.ingest_s + self.sources_s


def write_articles(path: Path, first: int, count: int, seed: int) -> Path:
    """Records `first` .. `first + count - 1` of the synthetic stream, as JSON Lines."""
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for index, record in enumerate(synthetic_records(first + count, seed)):
            if index >= first:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def copy_store(big: str, name: str) -> str:
    """A copy of the big store to ingest into (a SQLite file, or a PostgreSQL database)."""
    url = make_url(big)
    if url.get_backend_name() == "sqlite":
        target = _fresh_sqlite_file(name)
        # The backup API copies a consistent state, WAL included, even while others read.
        with sqlite3.connect(Path(str(url.database))) as original, sqlite3.connect(target) as copy:
            original.backup(copy)
        return f"sqlite:///{target}"
    return _fresh_database(big, name, template=url.database)


def empty_store(big: str, name: str) -> str:
    """An empty store on the same database system as the big one."""
    if make_url(big).get_backend_name() == "sqlite":
        return f"sqlite:///{_fresh_sqlite_file(name)}"
    return _fresh_database(big, name)


def _fresh_sqlite_file(name: str) -> Path:
    """Where a store named `name` goes, with any earlier one (and its WAL files) removed."""
    target = OUT / f"{name}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return target


def _fresh_database(big: str, name: str, template: str | None = None) -> str:
    """A PostgreSQL database named after the big one and `name`, made again (from `template`)."""
    url = make_url(big)
    fresh = url.set(database=f"{url.database}_{name}")
    create = f'CREATE DATABASE "{fresh.database}"' + (f' TEMPLATE "{template}"' if template else "")
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{fresh.database}"')
        connection.exec_driver_sql(create)
    admin.dispose()
    return fresh.render_as_string(hide_password=False)


def timed_ingest(label: str, url: str, articles: Path, profile: Path | None) -> Timed:
    """Ingest the articles as `mercato ingest` does, timing the ingest and the source credits."""
    extract = default_extract()  # loaded before the clock starts, as in a warm worker
    with Store.open(url) as store:
        before = store.count_claims()
        profiler = cProfile.Profile() if profile is not None else None
        if profiler is not None:
            profiler.enable()
        started = time.perf_counter()
        report = ingest_paths([articles], store, extract=extract, kb_dir=KB_DIR)
        ingested = time.perf_counter()
        refresh_source_credits(store, kb_dir=KB_DIR)
        finished = time.perf_counter()
        if profiler is not None:
            profiler.disable()
            assert profile is not None
            profiler.dump_stats(profile)
            pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(25)
    if report.failed:
        print(f"  {report.failed} failures, first: {report.failures[0]}", flush=True)
    for warning in report.warnings[:3]:
        print(f"  warning: {warning}", flush=True)
    timed = Timed(
        label, before, report.ingested, report.claims, ingested - started, finished - ingested,
        os.getloadavg()[0],
    )  # fmt: skip
    print(
        f"  {label}: {timed.articles} articles ({timed.claims} claims) into {before:,} claims: "
        f"ingest {timed.ingest_s:.1f} s + source credits {timed.sources_s:.1f} s "
        f"(load {timed.load:.1f})",
        flush=True,
    )
    return timed


def main() -> None:
    """Command line: ingest into an empty store and into a copy of the big one; print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", required=True, help="URL of the filled store (left unchanged)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--first", type=int, default=250_000, help="first record of the new ones")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the ingest into the big store"
    )
    parser.add_argument("--skip-empty", action="store_true", help="only the big store")
    args = parser.parse_args()

    articles = write_articles(OUT / "new_articles.jsonl", args.first, args.articles, args.seed)
    runs = []
    if not args.skip_empty:
        runs.append(timed_ingest("empty store", empty_store(args.big, "empty"), articles, None))
    profile = OUT / "big.prof" if args.profile else None
    runs.append(timed_ingest("big store", copy_store(args.big, "grown"), articles, profile))

    print()
    print(f"database: {make_url(args.big).get_backend_name()}")
    print(
        "| store | claims before | articles | ingest (s) | source credits (s) | total (s) | load |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for t in runs:
        print(
            f"| {t.store} | {t.claims_before:,} | {t.articles:,} | {t.ingest_s:.1f} | "
            f"{t.sources_s:.1f} | {t.total_s:.1f} | {t.load:.1f} |"
        )
    if len(runs) == 2:
        empty, big = runs
        print(
            f"\nratio big / empty: ingest {big.ingest_s / empty.ingest_s:.2f}, "
            f"with source credits {big.total_s / empty.total_s:.2f}"
        )


if __name__ == "__main__":
    main()

"""Ingest throughput (articles per second): 1 and 2 workers, local and Dask, SQLite and PostgreSQL.

Writes a synthetic archive (see `synthetic.py`), then ingests it into a fresh store once per
combination and prints a table. Extraction dominates, so the numbers are mostly extraction
speed; the store's share shows as the difference between SQLite and PostgreSQL.

    uv run python benchmarks/bench_ingest.py --articles 600
    uv run python benchmarks/bench_ingest.py --articles 600 \\
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/mercato_bench_ingest
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from distributed import Client
from synthetic import write_jsonl

from mercato.distributed import ingest_with_dask, start_client
from mercato.pipeline import IngestReport, ingest_paths
from mercato.store import Store

OUT = Path("out/bench_ingest")


@dataclass(frozen=True)
class Run:
    """One ingest of the archive."""

    database: str
    engine: str
    workers: int
    articles: int
    seconds: float
    startup_seconds: float  # processes started and the extractor loaded; not in `seconds`
    load: float  # the machine's 1-minute load average at the end (other work on the cores)

    @property
    def rate(self) -> float:
        """Articles stored per second."""
        return self.articles / self.seconds if self.seconds else 0.0


def fresh_url(database: str, postgres: str | None) -> str:
    """An empty store: a new SQLite file, or the PostgreSQL database dropped and made again."""
    if database == "sqlite":
        path = OUT / "bench.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    assert postgres is not None
    url = make_url(postgres)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.database}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{url.database}"')
    admin.dispose()
    return postgres


def _ingest(
    path: Path, url: str, engine: str, workers: int, client: Client | None
) -> tuple[IngestReport, float]:
    with Store.open(url) as store:
        started = time.perf_counter()
        if engine == "local":
            report = ingest_paths([path], store, workers=workers)
        else:
            report = ingest_with_dask([path], store, client=client, workers=workers)
        return report, time.perf_counter() - started


def run_once(
    archive: Path, probe: Path, database: str, postgres: str | None, engine: str, workers: int
) -> Run:
    """Ingest the archive into a fresh store with one engine and worker count.

    Start-up (spawning processes, each loading the extractor) is measured by ingesting a
    one-article file first. A Dask cluster and the in-process extractor are then warm; the
    local engine's worker pool is made anew by every ingest, so its start-up is subtracted.
    """
    t0 = time.perf_counter()
    client = None
    if engine == "dask":
        client = start_client(workers=workers)
        client.wait_for_workers(workers)
    try:
        _ingest(probe, fresh_url(database, postgres), engine, workers, client)
        startup = time.perf_counter() - t0
        report, seconds = _ingest(archive, fresh_url(database, postgres), engine, workers, client)
    finally:
        if client is not None:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()
    if engine == "local" and workers > 1:
        seconds = max(seconds - startup, 1e-9)
    if report.failed:
        print(f"  {report.failed} failures, first: {report.failures[0]}", flush=True)
    load = os.getloadavg()[0]
    return Run(database, engine, workers, report.ingested, seconds, startup, load)


def main() -> None:
    """Command line: run every combination and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--postgres", help="PostgreSQL URL of a scratch database (recreated)")
    parser.add_argument("--engines", nargs="+", default=["local", "dask"])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    archive = write_jsonl(OUT / "synthetic.jsonl", args.articles, args.seed)
    probe = write_jsonl(OUT / "probe.jsonl", 1, args.seed + 1000)
    databases = ["sqlite"] + (["postgresql"] if args.postgres else [])
    runs: list[Run] = []
    for database in databases:
        for engine in args.engines:
            for workers in args.workers:
                run = run_once(archive, probe, database, args.postgres, engine, workers)
                runs.append(run)
                print(
                    f"{database} {engine} x{workers}: {run.articles} articles in "
                    f"{run.seconds:.1f} s = {run.rate:.1f} articles/s"
                    + f" (start-up {run.startup_seconds:.1f} s)"
                    + f"; load average {run.load:.1f}",
                    flush=True,
                )
    print()
    print(
        f"{args.articles} synthetic articles (seed {args.seed}); articles per second, after start-up"
    )
    print("| engine | workers | " + " | ".join(databases) + " | start-up (s) |")
    print("| --- | --- |" + " --- |" * (len(databases) + 1))
    for engine in args.engines:
        for workers in args.workers:
            cells = [
                f"{r.rate:.1f} (load {r.load:.1f})"
                for database in databases
                for r in runs
                if (r.database, r.engine, r.workers) == (database, engine, workers)
            ]
            startups = [
                f"{r.startup_seconds:.0f}"
                for r in runs
                if (r.engine, r.workers) == (engine, workers)
            ]
            print(f"| {engine} | {workers} | " + " | ".join(cells) + f" | {' / '.join(startups)} |")


if __name__ == "__main__":
    main()

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
    startup_seconds: float  # starting the Dask cluster, not counted in `seconds`
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


def _load_extractor() -> None:
    from mercato.domain import Article
    from mercato.pipeline import default_extract

    default_extract()(Article.from_text("Northfield are in talks over a striker."))


def run_once(archive: Path, database: str, postgres: str | None, engine: str, workers: int) -> Run:
    """Ingest the archive into a fresh store with one engine and worker count."""
    url = fresh_url(database, postgres)
    startup = 0.0
    with Store.open(url) as store:
        report: IngestReport
        if engine == "local":
            started = time.perf_counter()
            report = ingest_paths([archive], store, workers=workers)
        else:
            t0 = time.perf_counter()
            client = start_client(workers=workers)
            client.wait_for_workers(workers)
            client.run(_load_extractor)  # each worker loads it once; counted as start-up
            startup = time.perf_counter() - t0
            try:
                started = time.perf_counter()
                report = ingest_with_dask([archive], store, client=client, workers=workers)
            finally:
                cluster = client.cluster
                client.close()
                if cluster is not None:
                    cluster.close()
        seconds = time.perf_counter() - started
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
    databases = ["sqlite"] + (["postgresql"] if args.postgres else [])
    runs: list[Run] = []
    for database in databases:
        for engine in args.engines:
            for workers in args.workers:
                run = run_once(archive, database, args.postgres, engine, workers)
                runs.append(run)
                print(
                    f"{database} {engine} x{workers}: {run.articles} articles in "
                    f"{run.seconds:.1f} s = {run.rate:.1f} articles/s"
                    + (f" (cluster start {run.startup_seconds:.1f} s)" if engine == "dask" else "")
                    + f"; load average {run.load:.1f}",
                    flush=True,
                )
    print()
    print(f"{args.articles} synthetic articles (seed {args.seed}); articles per second")
    print("| engine | workers | " + " | ".join(databases) + " |")
    print("| --- | --- |" + " --- |" * len(databases))
    for engine in args.engines:
        for workers in args.workers:
            cells = [
                f"{r.rate:.1f} (load {r.load:.1f})"
                for database in databases
                for r in runs
                if (r.database, r.engine, r.workers) == (database, engine, workers)
            ]
            print(f"| {engine} | {workers} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()

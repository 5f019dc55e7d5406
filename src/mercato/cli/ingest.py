"""`mercato ingest`: read files into the store, with a progress bar and one line per failure."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from mercato.cli import EXIT_PARTIAL
from mercato.cli.counts import counted
from mercato.cli.options import current_settings, is_new_store, sqlite_file
from mercato.errors import IngestError, StoreError
from mercato.pipeline import DEFAULT_BATCH_SIZE, IngestReport, ingest_paths
from mercato.services.sources import refresh_source_credits
from mercato.store import Store

# Below this many records a run is quick enough that a bar would only flicker.
PROGRESS_THRESHOLD = 200


class ConsoleObserver:
    """Prints failures and warnings as they happen, and drives a rich progress bar."""

    def __init__(self, console: Console, show_progress: bool, quiet_warnings: bool) -> None:
        self.console = console
        self.show_progress = show_progress
        self.quiet_warnings = quiet_warnings
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def started(self, estimated_records: int) -> None:
        """Open the progress bar when the run is long enough to need one."""
        if not self.show_progress or estimated_records < PROGRESS_THRESHOLD:
            return
        self.progress = Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task("ingest", total=estimated_records)

    def advanced(self, records: int) -> None:
        """Move the bar on."""
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task, records)

    def failed(self, error: IngestError) -> None:
        """One line naming the input and the reason."""
        self.console.print(f"failed: {error.source}: {error.reason}", markup=False, highlight=False)

    def warned(self, message: str) -> None:
        """One line per doubtful article that was kept."""
        if not self.quiet_warnings:
            self.console.print(f"warning: {message}", markup=False, highlight=False)

    def stop(self) -> None:
        """Close the progress bar."""
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    # Once is enough: a second signal (uv forwards it too) must not break the clean-up.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def summary_line(report: IngestReport) -> str:
    """The closing line: what was ingested, skipped and failed."""
    parts = [
        f"ingested {counted(report.ingested, 'article')} ({counted(report.claims, 'claim')})",
        f"skipped {report.duplicates} already present",
        f"failed {report.failed}",
    ]
    line = ", ".join(parts) + f" in {report.seconds:.1f} s"
    if report.undated:
        line += f"; {report.undated} stored without a date"
    if report.copies:
        line += f"; {counted(report.copies, 'article')} linked as copies of earlier ones"
    return line


def _refresh_sources(store: Store, kb_dir: Path | None, console: Console) -> None:
    """Keep the source table's credits for the newest day, so `mercato sources` reads them."""
    try:
        refresh_source_credits(store, kb_dir=kb_dir)
    except StoreError as exc:
        console.print(f"mercato: source records not refreshed ({exc}); `mercato sources` will compute them")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH|URL...")
@click.option("--db", "db", metavar="URL", help="Database URL or SQLite file path "
              "(default: $MERCATO_DATABASE_URL, else ./mercato.db).")  # fmt: skip
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction worker processes (default: $MERCATO_WORKERS, else 1).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Articles stored per transaction; a crash loses at most one batch.",
)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run extraction in local worker processes, or as a Dask job (the 'dask' extra; "
              "see docs/scale.md).")  # fmt: skip
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler to run on "
              "(tcp://host:8786); default: a local cluster of --workers processes.")  # fmt: skip
@click.option("--quiet-warnings", is_flag=True, help="Do not print a line per warning.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
def ingest_command(
    paths: tuple[str, ...],
    db: str | None,
    workers: int | None,
    batch_size: int,
    engine: str,
    scheduler: str | None,
    quiet_warnings: bool,
    as_json: bool,
) -> None:
    """Read articles from files and directories, extract their claims and store them.

    Each PATH is a file or a directory (read recursively): seed-format or plain .txt, JSON
    Lines (.jsonl) with the corpus fields, and any format a reader is registered for (HTML,
    feeds, web archives, CSV). A URL (http or https) is fetched: a feed's entries or one page. Articles are keyed by a hash of their text, so ingesting the same input
    again adds nothing. Each unreadable file or record gets one line naming it and the reason;
    the rest goes on. Exits 1 when any input failed.
    """
    settings = current_settings()
    url = settings.store_url(db)
    console = Console(stderr=True, soft_wrap=True)
    observer = ConsoleObserver(console, show_progress=console.is_terminal,
                               quiet_warnings=quiet_warnings)  # fmt: skip
    # A terminated run unwinds like an interrupted one: workers stopped, the batch in flight
    # rolled back, everything committed before it kept.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if is_new_store(url):
        click.echo(f"mercato: creating a new store at {sqlite_file(url)}", err=True)
    sources = [p if p.lower().startswith(("http://", "https://")) else Path(p) for p in paths]
    try:
        with Store.open(url) as store:
            if engine == "dask":
                from mercato.distributed import ingest_with_dask

                report = ingest_with_dask(
                    sources,
                    store,
                    scheduler=scheduler,
                    workers=workers or settings.workers,
                    observer=observer,
                    kb_dir=settings.kb_dir,
                )
            else:
                report = ingest_paths(
                    sources,
                    store,
                    workers=workers or settings.workers,
                    batch_size=batch_size,
                    observer=observer,
                    kb_dir=settings.kb_dir,
                )
            if report.claims:
                _refresh_sources(store, settings.kb_dir, console)
    finally:
        observer.stop()
        signal.signal(signal.SIGTERM, previous)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(summary_line(report))
    if report.failed:
        sys.exit(EXIT_PARTIAL)

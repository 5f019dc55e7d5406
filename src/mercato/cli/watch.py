"""`mercato watch`: keep the store live from a configured list of feeds and folders."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import click

from mercato.cli.counts import counted
from mercato.cli.options import is_new_store, sqlite_file, store_url
from mercato.store import Store
from mercato.watch import Notice, PollReport, Watcher, load_config, notice_payload

log = logging.getLogger("mercato.watch")


def _summary(report: PollReport) -> str:
    line = (
        f"poll: {counted(report.ingested, 'new article')}, {report.duplicates} already stored, "
        f"{counted(report.copies, 'copy')} linked, {counted(len(report.notices), 'notice')}"
    )
    if report.skipped_sources:
        line += f", {counted(report.skipped_sources, 'feed')} backing off"
    if report.failures:
        line += f", {len(report.failures)} failed"
    return line


@click.command("watch")
@click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Watch config (TOML or JSON): feeds, folders, interval, webhook, followed names.",
)
@click.option("--once", is_flag=True, help="Poll every source once, then exit.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=None,
    help="Seconds between polls (overrides the config's interval).",
)
@click.option("--db", "db", metavar="URL", help="Database URL or SQLite file path "
              "(default: $MERCATO_DATABASE_URL, else ./mercato.db).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print each notice as a JSON line.")
def watch_command(
    config_path: Path, once: bool, interval: float | None, db: str | None, as_json: bool
) -> None:
    """Poll feeds and folders on a schedule, ingest what is new, and report followed moves.

    Each poll fetches the feeds that are due (failing ones back off exponentially), reads new
    or changed files in the folders, stores new articles with their claims, links syndicated
    copies to their originals, and prints a line (and POSTs JSON to the config's webhook, if
    any) when a followed club or player gets a new transfer claim or a claim at a new stage.
    Progress is kept in a state file, so a restarted watch goes on where it stopped.
    """
    from mercato.ingest.fetch import post_json
    from mercato.pipeline import default_extract

    config = load_config(config_path)
    if interval is not None:
        config = replace(config, interval=interval)
    url = store_url(db)
    if is_new_store(url):
        click.echo(f"mercato watch: creating a new store at {sqlite_file(url)}", err=True)

    def notify(notice: Notice) -> None:
        payload = notice_payload(notice)
        click.echo(json.dumps(payload, ensure_ascii=False) if as_json else notice.line())
        if config.webhook:
            try:
                post_json(config.webhook, payload)
            except Exception as exc:  # noqa: BLE001 - a dead webhook must not stop the watch
                click.echo(f"mercato watch: {exc}", err=True)

    with Store.open(url) as store:
        watcher = Watcher(config, store, extract=default_extract(), notify=notify)
        try:
            while True:
                report = watcher.poll()
                for failure in report.failures:
                    click.echo(f"mercato watch: {failure}", err=True)
                click.echo(_summary(report), err=True)
                if once:
                    return
                watcher.sleep()
        except KeyboardInterrupt:
            click.echo("mercato watch: stopped", err=True)

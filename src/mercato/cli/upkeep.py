"""`mercato stories rebuild`: recompute the stored stories after a model or rule change."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.progress import Progress

from mercato.cli.options import current_settings, store_url
from mercato.score.saved import SavedScorer
from mercato.services.book import completed_transfers
from mercato.store import Store
from mercato.stories.upkeep import rebuild_stories


@click.group("stories")
def stories_group() -> None:
    """The stored stories: ingest keeps them up to date; rebuild them after a model change."""


@stories_group.command("rebuild")
@click.option("--db", metavar="URL", help="Database URL or SQLite file (default: MERCATO_DATABASE_URL).")
@click.option("--kb", type=click.Path(path_type=Path), help="Knowledge-base folder with completed transfers (default MERCATO_KB_DIR, ../shared/kb).")
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
def rebuild_command(db: str | None, kb: Path | None, as_json: bool) -> None:
    """Recompute every story from the stored claims and save it, with a progress bar."""
    kb_dir = kb if kb is not None else current_settings().kb_dir
    with Store.open(store_url(db)) as store, Progress(disable=as_json, transient=True) as bar:
        task = bar.add_task("merging stories", total=None)

        def advance(saved: int, total: int) -> None:
            bar.update(task, description="saving stories", completed=saved, total=total)

        report = rebuild_stories(
            store, completed=completed_transfers(kb_dir), progress=advance, scorer=SavedScorer()
        )
    if as_json:
        click.echo(json.dumps({"stories": report.saved, "as_of": report.as_of.isoformat(), "seconds": round(report.seconds, 3)}))
        return
    click.echo(f"rebuilt {report.saved} stories as of {report.as_of.isoformat()} in {report.seconds:.1f} s")

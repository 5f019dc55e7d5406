"""`mercato story` and `mercato sources`: thin commands over stories and scores."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from pathlib import Path

import click
from rich.console import Console

from mercato.cli.counts import counted
from mercato.cli.options import current_settings, existing_store_url
from mercato.cli.query import PIPED_WIDTH, rumour_table, story_row
from mercato.errors import NotFound
from mercato.services.board import StoryFilters, find_stories, get_story, stories_with_id_prefix
from mercato.services.book import default_day
from mercato.services.sources import SourceRow, source_table
from mercato.services.views import StoryView
from mercato.store import Store
from mercato.stories.timeline import format_fee

BAR_WIDTH = 30

_date_type = click.DateTime(formats=["%Y-%m-%d"])


def _kb(kb: Path | None) -> Path | None:
    return kb if kb is not None else current_settings().kb_dir


@click.command("story")
@click.argument("wanted", metavar="ID|NAME")
@click.option("--as-of", "as_of", type=_date_type, help="Answer with only what was published by this day (default: the newest news stored).")
@click.option("--db", metavar="URL", help="Database URL or SQLite file (default: MERCATO_DATABASE_URL).")
@click.option("--kb", type=click.Path(path_type=Path), help="Knowledge-base folder with completed transfers (default MERCATO_KB_DIR, ../shared/kb).")
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON (a list of stories when several match).")
def story_command(wanted: str, as_of: datetime | None, db: str | None, kb: Path | None, as_json: bool) -> None:
    """Show one story: its timeline, first reporter, independent sources and probability.

    ID|NAME is a story id (or the start of one), a player's name or part of it ("Tielemans").
    When several stories match, all of them are listed with their ids, most recent first.
    """
    day = as_of.date() if as_of else None
    with Store.open(existing_store_url(db)) as store:
        found = find_story(store, wanted, as_of=day, kb_dir=_kb(kb))
    if isinstance(found, list):
        _print_matches(wanted, found, as_json=as_json)
        return
    story = found
    if as_json:
        row = story_row(story)
        row["outcome_reason"] = story.outcome_reason
        row["resolved_on"] = story.resolved_on.isoformat() if story.resolved_on else None
        row["claims"] = [
            {"id": step.claim_id, "published": step.published.isoformat(), "stage": step.stage.value,
             "status": step.status.value, "source": step.source, "evidence": step.evidence,
             "copies": [{"id": c.claim_id, "article_id": c.article_id} for c in step.copies]}
            for step in story.steps
        ]
        click.echo(json.dumps(row, ensure_ascii=False, indent=2))
        return
    destination = story.to_club or "(exit, no destination named)"
    click.echo(f"{story.person}: {story.from_club or '?'} -> {destination}, {story.window.label} window  [{story.id}]")
    reason = f" ({story.outcome_reason})" if story.outcome_reason else ""
    click.echo(f"stage: {story.stage.value}; outcome: {story.outcome}{reason}")
    click.echo(f"first reported by {story.first_reporter or 'unattributed'} on {story.first_reported.isoformat()}")
    click.echo(f"sources: {len(story.sources)} named, {story.independent_sources} independent ({', '.join(story.sources)})")
    if story.probability is not None:
        click.echo(f"probability {story.probability:.0%}   evidence {story.evidence or 0:+.2f} log-odds   buzz {counted(story.buzz or 0, 'outlet')}")
    click.echo("")
    for step in story.steps:
        fee = f" {format_fee(step.fee)}" if step.fee else ""
        click.echo(f"{step.published.isoformat()}  {step.stage.value:<12} {(step.source or '-')[:28]:<28}{fee}  {step.evidence[:100]}")


def find_story(
    store: Store, wanted: str, *, as_of: date | None, kb_dir: Path | None
) -> StoryView | list[StoryView]:
    """The story with this id (or id prefix), else every story of a player whose name contains it,
    else every story whose id starts with it.

    One story is returned as itself, several as a list (most recently reported first); none is
    NotFound.
    """
    try:
        return get_story(store, wanted, as_of=as_of, kb_dir=kb_dir)
    except NotFound as missing:
        found = find_stories(store, StoryFilters(person=wanted, as_of=as_of), kb_dir=kb_dir)
        if not found:  # an id's start shared by several stories: the same move in other windows
            found = stories_with_id_prefix(store, wanted, as_of=as_of, kb_dir=kb_dir)
        if not found:
            day = f" as of {as_of.isoformat()}" if as_of else ""
            raise NotFound(f"no story has the id {wanted!r} or a player called {wanted!r}{day}") from missing
        return found[0] if len(found) == 1 else found


def _print_matches(wanted: str, stories: list[StoryView], *, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([story_row(s) for s in stories], ensure_ascii=False, indent=2))
        return
    title = f"{wanted!r} matches"
    console = Console(width=PIPED_WIDTH if not sys.stdout.isatty() and "COLUMNS" not in os.environ else None)
    console.print(rumour_table(stories, title))
    console.print("Show one with [bold]mercato story STORY_ID[/].", highlight=False)


def reliability_bar(record: SourceRow, width: int = BAR_WIDTH) -> str:
    """The reliability and its interval on a 0-100% line: ─ the interval, ● the estimate."""
    cells = ["·"] * width
    low, high = int(record.interval[0] * (width - 1)), round(record.interval[1] * (width - 1))
    for i in range(low, high + 1):
        cells[i] = "─"
    cells[round(record.reliability * (width - 1))] = "●"
    return "".join(cells)


@click.command("sources")
@click.option("--as-of", "as_of", type=_date_type, help="Records from only what was known by this day.")
@click.option("--club", help="Only stories about this club (as destination or origin).")
@click.option("--league", metavar="CODE", help='Only stories from or to clubs of this league (e.g. "en.1", "es.1").')
@click.option("--min-stories", default=1, show_default=True, help="Hide sources with fewer resolved stories.")
@click.option("--db", metavar="URL", help="Database URL or SQLite file (default: MERCATO_DATABASE_URL).")
@click.option("--kb", type=click.Path(path_type=Path), help="Knowledge-base folder with completed transfers (default ../shared/kb).")
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def sources_command(
    as_of: datetime | None, club: str | None, league: str | None, min_stories: int, db: str | None,
    kb: Path | None, as_json: bool,
) -> None:
    """The sources' league table: stories reported, how they ended, reliability with its interval."""
    with Store.open(existing_store_url(db)) as store:
        day = as_of.date() if as_of else default_day(store)
        table = source_table(store, club=club, league=league, as_of=day, min_resolved=min_stories,
                             kb_dir=_kb(kb))
    if as_json:
        click.echo(json.dumps([
            {"source": r.name, "kind": r.kind, "tier": r.tier, "reported": r.stories,
             "happened": r.happened, "did_not_happen": r.did_not_happen, "pending": r.pending,
             "first_reports": r.first_reports, "reliability": r.reliability,
             "interval": list(r.interval), "lead_days": r.lead_days, "lead_stories": r.lead_stories}
            for r in table
        ], indent=2))
        return
    click.echo(f"sources as of {day.isoformat()}" + (f", stories about {club}" if club else "")
               + (f", clubs of league {league}" if league else "")
               + ": reliability = share of resolved stories that happened (90% interval)")
    click.echo(f"{'source':<26} {'tier':>4} {'rep':>5} {'yes':>4} {'no':>4} {'open':>4}  {'rel':>4}  "
               f"{'0%':<{BAR_WIDTH // 2}}{'100%':>{BAR_WIDTH - BAR_WIDTH // 2}}  lead")
    for r in table:
        lead = f"{r.lead_days:+.0f}d/{r.lead_stories}" if r.lead_days is not None else ""
        click.echo(f"{r.name[:26]:<26} {(r.tier or '-')[:4]:>4} {r.stories:>5} {r.happened:>4} {r.did_not_happen:>4} "
                   f"{r.pending:>4}  {r.reliability:>4.0%}  {reliability_bar(r)}  {lead}")

"""`mercato rumours`: the rumour board as a table for people or JSON for scripts."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime

import click
from rich.console import Console
from rich.table import Table

from mercato.cli.counts import counted
from mercato.cli.options import current_settings, existing_store_url
from mercato.domain import Fee, Status
from mercato.services.board import StoryFilters, board_page
from mercato.services.views import StoryView
from mercato.store import Store

_CURRENCY_SIGNS = {"GBP": "£", "EUR": "€", "USD": "$"}
_STATUS_STYLES = {Status.RUMOUR: "yellow", Status.DONE: "green", Status.OFF: "red"}
# Sources listed in a table cell before the rest are summed up as "+N".
_SOURCES_SHOWN = 3
# Width of the table when it goes to a file or a pipe (rich would assume 80 columns).
PIPED_WIDTH = 160


def format_fee(fee: Fee | None) -> str:
    """A fee as people write it: "£42m", "€7.5m", "~£30m-£40m"."""
    if fee is None:
        return ""
    sign = _CURRENCY_SIGNS.get(fee.currency, fee.currency + " ")

    def money(amount: float) -> str:
        if amount >= 1_000_000:
            return f"{sign}{amount / 1_000_000:.1f}".removesuffix(".0") + "m"
        if amount >= 1_000:
            return f"{sign}{amount / 1_000:.0f}k"
        return f"{sign}{amount:.0f}"

    text = money(fee.amount)
    if fee.upper:
        text += "-" + money(fee.upper)
    return ("~" if fee.is_approximate else "") + text


def _sources_cell(story: StoryView) -> str:
    shown = ", ".join(story.sources[:_SOURCES_SHOWN])
    extra = len(story.sources) - _SOURCES_SHOWN
    return shown + (f" +{extra}" if extra > 0 else "")


def story_row(story: StoryView) -> dict[str, object]:
    """One story as a row for scripts: the same id, stage, probability and sources as the API."""
    return {
        "story_id": story.id,
        "person": story.person,
        "from": story.from_club,
        "to": story.to_club,
        "window": story.window.label,
        "stage": story.stage.value,
        "status": story.status.value,
        "outcome": story.outcome,
        "probability": story.probability,
        "evidence": story.evidence,
        "buzz": story.buzz,
        "independent_sources": story.independent_sources,
        "sources": list(story.sources),
        "reports": len(story.steps),
        "fee": format_fee(story.fee) or None,
        "first_reported": story.first_reported.isoformat(),
        "last_reported": story.last_reported.isoformat(),
        "first_reporter": story.first_reporter,
    }


def rumour_table(
    stories: list[StoryView], title: str, *, total: int | None = None, offset: int = 0
) -> Table:
    """The board as a rich table, one row per story (person, destination, window); with the
    `total` that match, the title says which of them are shown."""
    total = len(stories) if total is None else total
    shown = ""
    if (offset, len(stories)) != (0, total):
        shown = f", showing {offset + 1}–{offset + len(stories)}"
    table = Table(title=f"{title} ({counted(total, 'story')}{shown})", title_justify="left")
    table.add_column("Player", style="bold")
    table.add_column("From")
    table.add_column("To")
    table.add_column("Window")
    table.add_column("Stage", no_wrap=True)
    table.add_column("Chance", justify="right", no_wrap=True)
    table.add_column("Fee", justify="right", no_wrap=True)
    table.add_column("Reports", justify="right")
    table.add_column("Sources")
    table.add_column("Latest", no_wrap=True)
    # The id is what `mercato story` takes: kept whole on one line (so it can be copied) while
    # the other columns wrap; folded, never cut short, on a very narrow terminal.
    table.add_column("Story id", no_wrap=True, overflow="fold")
    for story in stories:
        settled = story.probability is None
        chance = story.outcome if settled else f"{story.probability:.0%}"
        table.add_row(
            story.person,
            story.from_club or "?",
            story.to_club or "(exit)",
            story.window.label,
            f"[{_STATUS_STYLES.get(story.status, '')}]{story.stage}[/]",
            chance,
            format_fee(story.fee),
            str(len(story.steps)),
            _sources_cell(story),
            story.last_reported.isoformat(),
            story.id,
        )
    return table


def _as_date(_ctx: click.Context, _param: click.Parameter, value: datetime | None) -> date | None:
    return value.date() if value else None


DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("rumours")
@click.option("--db", "db", metavar="URL", help="Database URL or SQLite file path "
              "(default: $MERCATO_DATABASE_URL, else ./mercato.db).")  # fmt: skip
@click.option(
    "--player", metavar="NAME", help="Only people whose name contains NAME (any case or accents)."
)
@click.option(
    "--club", metavar="NAME", help="Only moves from or to a club whose name contains NAME."
)
@click.option(
    "--status",
    type=click.Choice([s.value for s in Status], case_sensitive=False),
    help="Only stories whose stage has this status.",
)
@click.option(
    "--source", metavar="NAME", help="Only reports from this source or outlet (substring)."
)
@click.option(
    "--since",
    type=DATE,
    callback=_as_date,
    help="Only reports published on or after this day (YYYY-MM-DD).",
)
@click.option(
    "--as-of",
    "as_of",
    type=DATE,
    callback=_as_date,
    help="The board as it stood on this day: later reports are ignored (YYYY-MM-DD).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Show at most this many moves.",
)
@click.option(
    "--offset",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Skip this many moves first, to page through a long board.",
)
@click.option(
    "--sort",
    type=click.Choice(["recent", "probability"]),
    default="recent",
    show_default=True,
    help="Most recently reported first, or open stories most likely to happen first.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the stories as JSON, each with its story_id."
)
def rumours_command(
    db: str | None,
    player: str | None,
    club: str | None,
    status: str | None,
    source: str | None,
    since: date | None,
    as_of: date | None,
    limit: int,
    offset: int,
    sort: str,
    as_json: bool,
) -> None:
    """Show the stories (person, destination, window), most recently reported first.

    Each row is one possible move with its stage, probability (open stories) or outcome, fee,
    reports and sources, and the story id that `mercato story`, the API and the dashboard use.
    Stories are told as of the newest news stored unless --as-of names a day.
    """
    settings = current_settings()
    by_probability = sort == "probability"
    # Ranked by probability, only open stories have one: the filters hold all the same.
    filters = StoryFilters(
        person=player, club=club, status=Status(status) if status else None, source=source,
        since=since, as_of=as_of, open_only=by_probability,
        sort="probability" if by_probability else "latest",
    )  # fmt: skip
    with Store.open(existing_store_url(db)) as store:
        total, stories = board_page(
            store, filters, offset=offset, limit=limit, kb_dir=settings.kb_dir
        )
    title = "Open stories by probability" if by_probability else "Rumour board"
    if as_json:
        click.echo(json.dumps([story_row(s) for s in stories], ensure_ascii=False, indent=2))
        return
    is_piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    console = Console(width=PIPED_WIDTH if is_piped else None)
    if not stories:
        if total:
            verb = "matches" if total == 1 else "match"
            console.print(f"{counted(total, 'story')} {verb}; --offset {offset} is past the last.")
        else:
            console.print("No open stories to rank." if by_probability else "No stories match.")
        return
    console.print(rumour_table(stories, title, total=total, offset=offset))
    if offset + len(stories) < total:
        console.print(
            f"Next: --offset {offset + len(stories)} (or a larger --limit).", highlight=False
        )
    console.print(
        f"Follow these stories in the dashboard: run [bold]mercato serve"
        f"{f' --db {db}' if db else ''}[/] and open "
        f"http://{settings.host}:{settings.port}/",
        highlight=False,
    )

"""`mercato rumours`: the rumour board as a table for people or JSON for scripts."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime

import click
from rich.console import Console
from rich.table import Table

from mercato.cli.options import current_settings, store_url
from mercato.domain import Fee, Status
from mercato.query import RumourGroup, rumour_board
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


def _day(value: date | None) -> str:
    return value.isoformat() if value else "undated"


def _sources_cell(group: RumourGroup) -> str:
    shown = ", ".join(group.sources[:_SOURCES_SHOWN])
    extra = len(group.sources) - _SOURCES_SHOWN
    return shown + (f" +{extra}" if extra > 0 else "")


def rumour_table(groups: list[RumourGroup]) -> Table:
    """The board as a rich table, one row per (person, destination)."""
    table = Table(title=f"Rumour board ({len(groups)} moves)", title_justify="left")
    table.add_column("Player", style="bold")
    table.add_column("From")
    table.add_column("To")
    table.add_column("Status")
    table.add_column("Fee", justify="right")
    table.add_column("Reports", justify="right")
    table.add_column("Sources")
    table.add_column("First")
    table.add_column("Latest")
    for group in groups:
        status = f"{group.status}: {group.stage}" + (" (loan)" if group.is_loan else "")
        table.add_row(
            group.person,
            ", ".join(group.from_clubs) or "?",
            group.to_club or "(exit)",
            f"[{_STATUS_STYLES.get(group.status, '')}]{status}[/]",
            format_fee(group.fee),
            str(len(group.sightings)),
            _sources_cell(group),
            _day(group.first_seen),
            _day(group.latest_seen),
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
    help="Only moves whose latest report has this status.",
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
    "--sort",
    type=click.Choice(["recent", "probability"]),
    default="recent",
    show_default=True,
    help="Most recently reported first, or open stories most likely to happen first.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the groups, with every report, as JSON."
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
    sort: str,
    as_json: bool,
) -> None:
    """Show stored transfer links grouped by player and destination, most recent first.

    Each row is one possible move with its sources, the dates it was first and last reported,
    where it stands in the latest report, and the latest fee mentioned.
    """
    url = store_url(db)
    if sort == "probability":
        _print_ranked(url, as_of, limit, as_json)
        return
    with Store.open(url) as store:
        groups = rumour_board(
            store, player=player, club=club, status=status, source=source,
            since=since, as_of=as_of, limit=limit,
        )  # fmt: skip
    if as_json:
        click.echo(json.dumps([g.as_dict() for g in groups], ensure_ascii=False, indent=2))
        return
    is_piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    console = Console(width=PIPED_WIDTH if is_piped else None)
    if not groups:
        console.print("No stored transfer links match.")
        return
    console.print(rumour_table(groups))
    settings = current_settings()
    console.print(
        f"Follow these stories in the dashboard: run [bold]mercato serve[/] and open "
        f"http://{settings.host}:{settings.port}/",
        highlight=False,
    )


def _print_ranked(url: str, as_of: date | None, limit: int, as_json: bool) -> None:
    """Open stories by probability, with evidence and buzz kept apart."""
    from mercato.cli.stories import ranked_rumours

    with Store.open(url) as store:
        rows = ranked_rumours(store, as_of=as_of, limit=limit)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    console = Console()
    if not rows:
        console.print("No open stories to rank.")
        return
    table = Table(title=f"Open stories by probability ({len(rows)})", title_justify="left")
    for column in ("Player", "From", "To", "Window", "Stage", "Probability", "Evidence",
                   "Independent", "Buzz", "First reporter"):  # fmt: skip
        table.add_column(
            column,
            justify="right"
            if column in ("Probability", "Evidence", "Independent", "Buzz")
            else "left",
        )
    for row in rows:
        table.add_row(
            str(row["person"]), str(row["from"] or "?"), str(row["to"] or "(exit)"),
            str(row["window"]), str(row["stage"]), f"{float(row['probability']):.0%}",  # type: ignore[arg-type]
            f"{float(row['evidence']):.2f}", str(row["independent_sources"]),  # type: ignore[arg-type]
            str(row["buzz"]), str(row["first_reporter"] or "-"),
        )  # fmt: skip
    console.print(table)

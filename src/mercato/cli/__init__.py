"""The `mercato` command: thin commands over the library, one module per concern.

Each command's module is imported only when that command runs or shows its help, so
`mercato --help` does not pay for spaCy, SQLAlchemy or FastAPI; the group lists the commands
from `COMMANDS`, whose one-line summaries a test keeps equal to the commands' own help.
"""

from __future__ import annotations

import importlib
import sys

import click

from mercato.errors import MercatoError, NotFound
from mercato.version import __version__

# Exit codes, in one place: 0 ok, 1 some inputs failed, 2 usage, 3 not found, 4 other Mercato error.
EXIT_PARTIAL = 1
EXIT_NOT_FOUND = 3
EXIT_ERROR = 4


class LazyCommand:
    """Where a command lives (module and attribute) and the summary `mercato --help` shows."""

    __slots__ = ("attribute", "module", "summary")

    def __init__(self, module: str, attribute: str, summary: str) -> None:
        self.module, self.attribute, self.summary = module, attribute, summary

    def load(self) -> click.Command:
        """Import the command's module and return the command."""
        command = getattr(importlib.import_module(self.module), self.attribute)
        assert isinstance(command, click.Command)
        return command


COMMANDS: dict[str, LazyCommand] = {
    "ingest": LazyCommand("mercato.cli.ingest", "ingest_command",
        "Read articles from files and directories, extract their claims and store them."),
    "rumours": LazyCommand("mercato.cli.query", "rumours_command",
        "Show the stories (person, destination, window), most recently reported first."),
    "extract": LazyCommand("mercato.cli.evaluate", "extract_command",
        "Extract claims from FILE and print them, without touching the store."),
    "eval": LazyCommand("mercato.cli.evaluate", "eval_command",
        "Run extraction on the texts of GOLD.jsonl and score it against the gold links."),
    "train": LazyCommand("mercato.cli.train", "train_command",
        "Rebuild the link decision model from the gold files and the project's annotations."),
    "kb": LazyCommand("mercato.cli.kb", "kb_group",
        "Knowledge base: clubs, national teams, outlets, journalists and players, with their aliases."),
    "story": LazyCommand("mercato.cli.stories", "story_command",
        "Show one story: its timeline, first reporter, independent sources and probability."),
    "sources": LazyCommand("mercato.cli.stories", "sources_command",
        "The sources' league table: stories reported, how they ended, reliability with its interval."),
    "backtest": LazyCommand("mercato.cli.backtest", "backtest_command",
        "Replay dated items in order, learning only from the past; score the probabilities."),
    "stories": LazyCommand("mercato.cli.upkeep", "stories_group",
        "The stored stories: ingest keeps them up to date; rebuild them after a model change."),
    "serve": LazyCommand("mercato.cli.serve", "serve_command",
        "Serve the REST API and the web dashboard (rumour board, stories, sources)."),
    "watch": LazyCommand("mercato.cli.watch", "watch_command",
        "Poll feeds and folders on a schedule, ingest what is new, and report followed moves."),
}  # fmt: skip


class MercatoGroup(click.Group):
    """The `mercato` group: loads commands on demand and turns Mercato's errors into exit codes."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(COMMANDS[cmd_name].load(), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, from the summaries, without importing any command's module."""
        names = [n for n in self.list_commands(ctx) if n in COMMANDS or not self.commands[n].hidden]
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            loaded = self.commands.get(name)
            if loaded is not None:
                rows.append((name, loaded.get_short_help_str(limit)))
            else:
                summary = click.Command(name, help=COMMANDS[name].summary)  # click's own shortening
                rows.append((name, summary.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except NotFound as exc:
            click.echo(f"mercato: {exc}", err=True)
            sys.exit(EXIT_NOT_FOUND)
        except MercatoError as exc:
            click.echo(f"mercato: {exc}", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=MercatoGroup)
@click.version_option(__version__, prog_name="mercato")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Mercato: football transfer news as a trustworthy, queryable record."""
    from mercato.settings import Settings

    # One Settings per process, read from the environment here and handed to every command.
    ctx.ensure_object(Settings)


def _register_commands() -> None:
    """Attach every command to the group now (tests and the reference generator walk them all)."""
    for name, lazy in COMMANDS.items():
        if name not in cli.commands:
            cli.add_command(lazy.load(), name)


def build_cli() -> click.Group:
    """The `mercato` group with every command module's commands attached."""
    _register_commands()
    return cli


def main() -> None:
    """Entry point of the `mercato` program: commands are imported only when used."""
    cli(prog_name="mercato")

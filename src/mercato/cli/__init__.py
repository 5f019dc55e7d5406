"""The `mercato` command: thin commands over the library, one module per concern."""

from __future__ import annotations

import sys

import click

from mercato.errors import MercatoError, NotFound
from mercato.settings import Settings
from mercato.version import __version__

# Exit codes, in one place: 0 ok, 1 some inputs failed, 2 usage, 3 not found, 4 other Mercato error.
EXIT_PARTIAL = 1
EXIT_NOT_FOUND = 3
EXIT_ERROR = 4


class MercatoGroup(click.Group):
    """A click group that turns Mercato's errors into one clear line and an exit code."""

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
    # One Settings per process, read from the environment here and handed to every command.
    ctx.ensure_object(Settings)


def _register_commands() -> None:
    """Attach every command module's commands to the group (each module owns its commands)."""
    import importlib

    for module_name, attribute in COMMAND_MODULES:
        command = getattr(importlib.import_module(module_name), attribute)
        if command.name not in cli.commands:
            cli.add_command(command)


COMMAND_MODULES: tuple[tuple[str, str], ...] = (
    ("mercato.cli.ingest", "ingest_command"),
    ("mercato.cli.query", "rumours_command"),
    ("mercato.cli.evaluate", "extract_command"),
    ("mercato.cli.evaluate", "eval_command"),
    ("mercato.cli.train", "train_command"),
    ("mercato.cli.kb", "kb_group"),
    ("mercato.cli.stories", "story_command"),
    ("mercato.cli.stories", "sources_command"),
    ("mercato.cli.stories", "backtest_command"),
    ("mercato.cli.upkeep", "stories_group"),
    ("mercato.cli.serve", "serve_command"),
    ("mercato.cli.watch", "watch_command"),
)


def build_cli() -> click.Group:
    """The `mercato` group with every command module's commands attached."""
    _register_commands()
    return cli


def main() -> None:
    """Entry point of the `mercato` program."""
    build_cli()(prog_name="mercato")

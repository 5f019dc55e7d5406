"""Write docs/cli.md from the `mercato` commands' own help text.

Run from the repository root: ``uv run python scripts/gen_cli_reference.py``. Every command and
subcommand of the registered click group gets a section with its `--help` output, so the
reference cannot drift from the code (tests/test_docs.py checks that it has not).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

DOCS_FILE = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
WIDTH = 100  # fixed, so the output does not depend on the terminal that runs the script

HEADER = """\
# CLI reference

Generated from the commands' own `--help` by `uv run python scripts/gen_cli_reference.py`;
do not edit by hand. Every command reads the database from `--db URL` where it takes one, else
from `MERCATO_DATABASE_URL`, else `mercato.db` in the working directory.
"""


def registered_cli() -> click.Group:
    """The `mercato` group with every command module's commands attached."""
    import mercato.cli

    build = getattr(mercato.cli, "build_cli", None)
    if callable(build):
        group = build()
        assert isinstance(group, click.Group)
        return group
    mercato.cli._register_commands()
    return mercato.cli.cli


def walk(
    command: click.Command,
    path: tuple[str, ...] = ("mercato",),
    parent: click.Context | None = None,
) -> Iterator[tuple[tuple[str, ...], click.Command, click.Context]]:
    """Every command under `command`, depth first, with its path and a context for its help."""
    ctx = click.Context(
        command,
        info_name=path[-1],
        parent=parent,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
    )
    yield path, command, ctx
    if isinstance(command, click.Group):
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from walk(sub, (*path, name), ctx)


def render(group: click.Group) -> str:
    """The markdown reference for a group and everything under it."""
    parts = [HEADER]
    commands = list(walk(group))
    parts.append("## Commands\n")
    for path, command, _ in commands[1:]:
        anchor = "-".join(path).replace(" ", "-")
        summary = command.get_short_help_str(limit=80)
        parts.append(f"- [`{' '.join(path)}`](#{anchor}): {summary}")
    parts.append("")
    for path, command, ctx in commands:
        parts.append(f"## {' '.join(path)}\n")
        parts.append("```text")
        parts.append(command.get_help(ctx).rstrip())
        parts.append("```\n")
    return "\n".join(parts)


def main() -> int:
    """Regenerate docs/cli.md."""
    DOCS_FILE.parent.mkdir(parents=True, exist_ok=True)
    DOCS_FILE.write_text(render(registered_cli()), encoding="utf-8")
    print(f"wrote {DOCS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

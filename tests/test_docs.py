"""The docs keep up with the code: every command and option has help and is in docs/cli.md."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = ROOT / "docs" / "cli.md"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "gen_cli_reference", ROOT / "scripts" / "gen_cli_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()
COMMANDS = [
    (" ".join(path), command, ctx)
    for path, command, ctx in GENERATOR.walk(GENERATOR.registered_cli())
]
OPTIONS = [
    (name, option)
    for name, command, _ in COMMANDS
    for option in command.params
    if isinstance(option, click.Option) and not option.hidden
]


def _sections() -> dict[str, str]:
    """docs/cli.md split into its '## mercato ...' sections."""
    text = CLI_DOC.read_text(encoding="utf-8")
    found = re.split(r"^## (mercato(?: [\w-]+)*)\s*$", text, flags=re.MULTILINE)
    return {found[i]: found[i + 1] for i in range(1, len(found) - 1, 2)}


REGENERATE = "run `uv run python scripts/gen_cli_reference.py`"


@pytest.mark.parametrize(
    "command", [c for _, c, _ in COMMANDS], ids=[name for name, _, _ in COMMANDS]
)
def test_commands_have_help(command: click.Command) -> None:
    assert command.help and command.help.strip(), f"{command.name} has no help text"


@pytest.mark.parametrize(("name", "option"), OPTIONS, ids=[f"{n} {o.name}" for n, o in OPTIONS])
def test_options_have_help(name: str, option: click.Option) -> None:
    assert option.help and option.help.strip(), f"{name} {option.opts} has no help text"


@pytest.mark.parametrize("name", [name for name, _, _ in COMMANDS])
def test_commands_are_documented(name: str) -> None:
    assert name in _sections(), f"docs/cli.md has no section for `{name}`: {REGENERATE}"


@pytest.mark.parametrize(("name", "option"), OPTIONS, ids=[f"{n} {o.name}" for n, o in OPTIONS])
def test_options_are_documented(name: str, option: click.Option) -> None:
    section = _sections().get(name, "")
    for flag in option.opts:
        assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", section), (
            f"docs/cli.md does not document {flag} of `{name}`: {REGENERATE}"
        )


def test_documented_commands_exist() -> None:
    names = {name for name, _, _ in COMMANDS}
    stale = sorted(set(_sections()) - names)
    assert not stale, f"docs/cli.md documents commands that no longer exist: {stale}; {REGENERATE}"


def test_guides_exist() -> None:
    for guide in ("getting-started.md", "data-model.md", "cli.md"):
        assert (ROOT / "docs" / guide).is_file(), f"docs/{guide} is missing"


def test_generator_walks_subgroups() -> None:
    @click.group()
    def root() -> None:
        """Root."""

    @root.group("kb")
    def kb() -> None:
        """Knowledge base."""

    @kb.command("build")
    @click.option("--out", help="Where to write.")
    def build(out: str | None) -> None:
        """Build it."""

    text = GENERATOR.render(root)
    assert "## mercato kb build" in text
    assert "--out" in text.split("## mercato kb build", 1)[1]
    assert [" ".join(path) for path, _, _ in GENERATOR.walk(root)] == [
        "mercato",
        "mercato kb",
        "mercato kb build",
    ]

"""`mercato --help` lists every command without importing any of them, and says the same."""

from __future__ import annotations

import json
import subprocess
import sys

import click

from mercato.cli import COMMANDS, build_cli

# Run in a fresh interpreter: this test process has imported everything already.
_PROBE = """
import json, sys
from click.testing import CliRunner
import mercato.cli as m
runner = CliRunner()
lazy = runner.invoke(m.cli, ["--help"], terminal_width=100).output
loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("sqlalchemy", "spacy", "fastapi",
    "pydantic_settings", "rich") or n.startswith("mercato.cli."))
story_help = runner.invoke(m.cli, ["story", "--help"], terminal_width=100).output
m._register_commands()
eager = runner.invoke(m.cli, ["--help"], terminal_width=100).output
print(json.dumps({"lazy": lazy, "eager": eager, "loaded": loaded, "story_help": story_help}))
"""


def _probe() -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_help_imports_no_command_and_no_heavy_library() -> None:
    probe = _probe()
    assert probe["loaded"] == []
    assert "story [OPTIONS] ID|NAME" in str(probe["story_help"])


def test_the_lazy_command_list_is_the_commands_own_help() -> None:
    probe = _probe()
    assert probe["lazy"] == probe["eager"]
    for name in COMMANDS:
        assert name in str(probe["lazy"])


def test_every_summary_is_the_start_of_its_commands_help() -> None:
    group = build_cli()
    for name, lazy in COMMANDS.items():
        command = group.get_command(click.Context(group), name)
        assert command is not None and command.help, name
        assert " ".join(command.help.split()).startswith(lazy.summary), name

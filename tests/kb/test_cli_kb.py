"""`mercato kb`: build, show, search and user aliases through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mercato.cli.kb import kb_group


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("MERCATO_HOME", str(tmp_path / "home"))
    return CliRunner()


def test_every_command_and_option_has_help() -> None:
    for name, command in kb_group.commands.items():
        assert command.help, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.name}"


def test_show_finds_a_club_by_nickname(runner: CliRunner) -> None:
    result = runner.invoke(kb_group, ["show", "the Nerazzurri", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == "club:fc-internazionale-milano"
    assert {"text": "Nerazzurri", "kind": "nickname"} in data["aliases"]


def test_show_unknown_name_fails_clearly(runner: CliRunner) -> None:
    result = runner.invoke(kb_group, ["show", "Nowhere Athletic Wanderers Rovers"])
    assert result.exit_code != 0


def test_search_lists_matches(runner: CliRunner) -> None:
    result = runner.invoke(kb_group, ["search", "Mail", "--kind", "outlet", "--json"])
    ids = [row["id"] for row in json.loads(result.output)]
    assert ids[0] == "outlet:daily-mail"
    assert "outlet:mail-on-sunday" in ids


def test_user_alias_is_saved_and_used(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(kb_group, ["alias", "Spurs", "the Lilywhite Army"])
    assert result.exit_code == 0, result.output
    saved = (tmp_path / "home" / "aliases.tsv").read_text(encoding="utf-8")
    assert "club:tottenham-hotspur-fc\tthe Lilywhite Army" in saved
    shown = runner.invoke(kb_group, ["show", "the Lilywhite Army", "--json"])
    assert json.loads(shown.output)["id"] == "club:tottenham-hotspur-fc"
    again = runner.invoke(kb_group, ["alias", "Spurs", "the Lilywhite Army"])
    assert again.exit_code == 0
    assert (tmp_path / "home" / "aliases.tsv").read_text(encoding="utf-8") == saved


@pytest.mark.slow  # a full build; test_build.py already rebuilds once in the default run
def test_build_writes_tables(runner: CliRunner, tmp_path: Path, shared_dir: Path) -> None:
    kb_dir = shared_dir / "kb"
    if not kb_dir.is_dir():
        pytest.skip(f"{kb_dir} is absent")
    result = runner.invoke(
        kb_group, ["build", "--kb-dir", str(kb_dir), "--out", str(tmp_path / "out"), "--json"]
    )
    assert result.exit_code == 0, result.output
    names = {f["name"] for f in json.loads(result.output)["files"]}
    assert {"clubs.tsv", "aliases.tsv", "outlets.tsv", "worldcup_players.tsv"} <= names

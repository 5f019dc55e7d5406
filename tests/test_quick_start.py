"""The README's quick start: its own store for the fictional samples, and the CI test command."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from mercato.cli import build_cli
from support import SAMPLES_DIR

README = Path(__file__).resolve().parents[1] / "README.md"


def sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_second_block_is_the_test_command_ci_runs() -> None:
    assert sh_blocks()[1] == (
        'python3 -m pip install --quiet uv && uv sync --all-extras && uv run pytest -m "not slow"'
    )


def test_the_quick_start_keeps_the_samples_out_of_the_default_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main_job = sh_blocks()[0]
    steps = [shlex.split(step) for step in main_job.split(" && ")]
    commands = [step[3:] for step in steps if step[:3] == ["uv", "run", "mercato"]]
    assert [c[0] for c in commands] == ["ingest", "rumours"]
    stores = {c[c.index("--db") + 1] for c in commands}
    assert stores == {"mercato-samples.db"}
    assert "`mercato-samples.db`" in README.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MERCATO_DATABASE_URL", raising=False)
    for command in commands:
        args = [str(SAMPLES_DIR) if a == "samples/" else a for a in command]
        result = CliRunner().invoke(build_cli(), args)
        assert result.exit_code == 0, result.output
    assert result.output.startswith("Rumour board (")
    assert (tmp_path / "mercato-samples.db").exists()
    assert not (tmp_path / "mercato.db").exists()

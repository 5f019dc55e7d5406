"""`mercato ingest` through click: summary, one line per failure, exit codes, --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extraction_hooks import extract_or_fail
from mercato.cli import EXIT_PARTIAL, _register_commands, cli
from mercato.store import Store
from support import SAMPLES_DIR

SAMPLE_COUNT = len(list(SAMPLES_DIR.glob("*.txt")))


@pytest.fixture(autouse=True)
def real_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest with the real extractor, which fails on demand for the failure tests."""
    monkeypatch.setattr("mercato.pipeline.default_extract", lambda: extract_or_fail)
    monkeypatch.delenv("MERCATO_DATABASE_URL", raising=False)
    monkeypatch.delenv("MERCATO_WORKERS", raising=False)
    _register_commands()


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_ingest_samples_then_again(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    code, out, err = invoke("ingest", str(SAMPLES_DIR), "--db", str(db))
    assert code == 0, err
    assert out.startswith(f"ingested {SAMPLE_COUNT} articles (")
    assert "skipped 0 already present, failed 0" in out
    assert err == f"mercato: creating a new store at {db}\n"  # the only line on stderr
    code, out, err = invoke("ingest", str(SAMPLES_DIR), "--db", f"sqlite:///{db}")
    assert code == 0 and err == ""
    assert f"ingested 0 articles (0 claims), skipped {SAMPLE_COUNT} already present" in out
    with Store.open(f"sqlite:///{db}") as store:
        assert store.count_articles() == SAMPLE_COUNT


def test_failures_get_one_line_each_and_exit_1(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    empty = inputs / "empty.txt"
    empty.write_bytes(b"")
    lines = inputs / "lines.jsonl"
    lines.write_text('{"text": "Kofi Mensah joins Southampton on loan."}\nnot json\n', "utf-8")
    undated = inputs / "undated.txt"
    undated.write_text("Luca Ferrante is a target for Arsenal.", encoding="utf-8")
    code, out, err = invoke("ingest", str(inputs), "--db", str(tmp_path / "m.db"))
    assert code == EXIT_PARTIAL
    assert err.splitlines() == [
        f"mercato: creating a new store at {tmp_path / 'm.db'}",
        f"failed: {empty}: empty file",
        f"failed: {lines}:2: bad JSON (Expecting value at column 1)",
        f"warning: {undated}: no date line (expected 'date YYYY-MM-DD'); stored undated",
    ]
    assert "ingested 2 articles" in out and "failed 2" in out
    assert "2 stored without a date" in out  # the JSONL record has no date either


def test_quiet_warnings(tmp_path: Path) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text("Luca Ferrante is a target for Arsenal.", "utf-8")
    code, _, err = invoke(
        "ingest", str(undated), "--db", str(tmp_path / "m.db"), "--quiet-warnings"
    )
    assert (code, err) == (0, f"mercato: creating a new store at {tmp_path / 'm.db'}\n")


def test_json_summary(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text("[1]\n", encoding="utf-8")
    code, out, _ = invoke(
        "ingest", str(SAMPLES_DIR), str(tmp_path / "bad.jsonl"), "--db", str(tmp_path / "m.db"),
        "--json", "--workers", "1", "--batch-size", "5",
    )  # fmt: skip
    assert code == EXIT_PARTIAL
    summary = json.loads(out)
    assert summary["ingested"] == SAMPLE_COUNT and summary["failed"] == 1
    assert summary["failures"] == [
        {"source": f"{tmp_path / 'bad.jsonl'}:1", "reason": "expected a JSON object, got list"}
    ]
    assert summary["claims"] > 0 and summary["files"] == SAMPLE_COUNT + 1


def test_database_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("MERCATO_DATABASE_URL", f"sqlite:///{db}")
    code, _, _ = invoke("ingest", str(SAMPLES_DIR / "01_lindqvist_interest.txt"))
    assert code == 0
    with Store.open(f"sqlite:///{db}") as store:
        assert store.count_articles() == 1


def test_usage_errors(tmp_path: Path) -> None:
    code, _, err = invoke("ingest")
    assert code == 2 and "Missing argument" in err
    code, _, err = invoke("ingest", str(SAMPLES_DIR), "--workers", "0")
    assert code == 2 and "--workers" in err

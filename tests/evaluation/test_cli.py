"""`mercato eval` and `mercato extract` from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import mercato.cli
from mercato.errors import IngestError
from mercato.evaluation.predictions import read_inputs

GOLD_TEXT = (
    "Riverside Rovers have agreed a fee with Northgate City for Tomas Brandt, "
    "the Morning Post reports. Erik Hallam has left Northgate City."
)


@pytest.fixture(scope="module")
def cli() -> click.Group:
    build = getattr(mercato.cli, "build_cli", None)
    if callable(build):
        return build()
    mercato.cli._register_commands()
    return mercato.cli.cli


def _link(person: str, to: str | None, frm: str | None, status: str, source: object) -> dict:
    return {
        "person": person,
        "role": "player",
        "from": frm,
        "to": to,
        "status": status,
        "loan": False,
        "fee": None,
        "source": source,
        "evidence": "",
    }


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    gold = {
        "id": "paper:1",
        "date": "2024-07-01",
        "outlet": None,
        "text": GOLD_TEXT,
        "links": [
            _link(
                "Tomas Brandt",
                "Riverside Rovers",
                "Northgate City",
                "done",
                ["Post", "Morning Post"],
            ),
            _link("Erik Hallam", None, "Northgate City", "done", None),
        ],
    }
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (tmp_path / "clubs.json").write_text(json.dumps({"Riverside Rovers": ["Rovers"]}), "utf-8")
    predictions = {
        "id": "paper:1",
        "links": [
            _link("Brandt", "Rovers", "Northgate City", "rumour", "Morning Post"),
            _link("Tomas Brandt", "Eastport", None, "rumour", None),
        ],
    }
    (tmp_path / "pred.jsonl").write_text(json.dumps(predictions) + "\n", encoding="utf-8")
    return tmp_path


def test_eval_json_scores_a_prediction_file(cli: click.Group, gold_dir: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "eval",
            str(gold_dir / "gold.jsonl"),
            "--predictions",
            str(gold_dir / "pred.jsonl"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["matched"], data["predicted"], data["gold"]) == (1, 2, 2)
    assert data["precision"] == 0.5 and data["recall"] == 0.5
    assert data["fields"]["status"]["accuracy"] == 0.0
    assert data["fields"]["source"]["accuracy"] == 1.0
    assert data["by_group"]["full articles"]["gold"] == 2
    assert "misses" not in data


def test_eval_verbose_lists_misses_and_extras(cli: click.Group, gold_dir: Path) -> None:
    args = ["eval", str(gold_dir / "gold.jsonl"), "--predictions", str(gold_dir / "pred.jsonl")]
    data = json.loads(CliRunner().invoke(cli, [*args, "--json", "--verbose"]).output)
    assert [m["person"] for m in data["misses"]] == ["Erik Hallam"]
    assert [e["to"] for e in data["extras"]] == ["Eastport"]
    assert data["wrong_fields"][0]["wrong"] == ["status"]
    table = CliRunner().invoke(cli, [*args, "--verbose"])
    assert table.exit_code == 0
    assert "Erik Hallam" in table.output and "Eastport" in table.output
    assert "F1" in table.output


def test_eval_without_club_table_says_so(cli: click.Group, gold_dir: Path) -> None:
    (gold_dir / "clubs.json").unlink()
    args = ["eval", str(gold_dir / "gold.jsonl"), "--predictions", str(gold_dir / "pred.jsonl")]
    data = json.loads(CliRunner().invoke(cli, [*args, "--json"]).output)
    assert data["matched"] == 0  # "Rovers" no longer maps to "Riverside Rovers"
    assert any("no club alias table" in note for note in data["notes"])


def test_eval_reports_a_bad_gold_line(cli: click.Group, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a:1", "text": "x", "links": [{"person": "A"}]}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--predictions", str(gold)])
    assert result.exit_code == 4
    assert "line 1" in result.output and "'to' is missing" in result.output


# --- reading what `mercato extract` is given (no extraction needed) ---


def test_read_seed_format(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(" date 2024-01-15 Riverside Rovers want Tomas Brandt.\n\nMore text.", "utf-8")
    [record] = read_inputs(path, outlet="Morning Post")
    assert record.date is not None and record.date.isoformat() == "2024-01-15"
    assert record.text.startswith("Riverside Rovers want") and record.outlet == "Morning Post"
    assert record.id == "story"


def test_read_plain_text_takes_the_given_date(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Riverside Rovers want Tomas Brandt.", "utf-8")
    [record] = read_inputs(path, published=date(2024, 2, 1))
    assert record.date == date(2024, 2, 1) and record.text == "Riverside Rovers want Tomas Brandt."


def test_read_jsonl_records_keep_their_fields(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    rows = [
        {"id": "wire:1", "text": "One.", "date": "2024-03-01", "outlet": "Wire", "kind": "tweet"},
        {"text": "Two."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    first, second = read_inputs(path, outlet="Fallback")
    assert (first.id, first.outlet, first.kind) == ("wire:1", "Wire", "tweet")
    assert (second.id, second.outlet) == ("articles:2", "Fallback")


def test_read_bad_jsonl_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text('{"text": "ok"}\n{"no_text": 1}\n', "utf-8")
    with pytest.raises(IngestError, match="line 2"):
        read_inputs(path)


# --- `mercato extract` with the real extraction ---


def test_extract_gold_format(cli: click.Group, gold_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(gold_dir / "gold.jsonl")])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    record = json.loads(line)
    assert (record["id"], record["date"], record["text"]) == ("paper:1", "2024-07-01", GOLD_TEXT)
    assert isinstance(record["links"], list)
    for link in record["links"]:
        assert set(link) == {
            "person",
            "role",
            "from",
            "to",
            "status",
            "loan",
            "fee",
            "source",
            "evidence",
        }
        assert link["evidence"] in GOLD_TEXT


def test_extract_json_has_provenance(cli: click.Group, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(GOLD_TEXT, "utf-8")
    result = CliRunner().invoke(
        cli, ["extract", str(path), "--json", "--date", "2024-07-01", "--outlet", "Wire"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["article"]["date"] == "2024-07-01" and data["article"]["outlet"] == "Wire"
    for claim in data["claims"]:
        span = claim["provenance"]["span"]
        assert GOLD_TEXT[span["start"] : span["end"]] == span["text"]
        assert claim["provenance"]["extractor"]
        assert claim["kind"] in {"transfer", "contract", "fact", "quote", "match"}


def test_extract_output_scores_like_eval(cli: click.Group, gold_dir: Path) -> None:
    gold = str(gold_dir / "gold.jsonl")
    extracted = CliRunner().invoke(cli, ["extract", gold])
    (gold_dir / "mine.jsonl").write_text(extracted.output, encoding="utf-8")
    direct = json.loads(CliRunner().invoke(cli, ["eval", gold, "--json"]).output)
    scored = CliRunner().invoke(
        cli, ["eval", gold, "--predictions", str(gold_dir / "mine.jsonl"), "--json"]
    )
    assert scored.exit_code == 0, scored.output
    from_file = json.loads(scored.output)
    for key in ("matched", "predicted", "gold", "fields", "by_status"):
        assert from_file[key] == direct[key]

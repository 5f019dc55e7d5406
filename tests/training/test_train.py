"""`mercato train`: the same gold gives the same model file, byte for byte, and a usable model.

The small set is written here (invented sentences about invented players); the full training on
all gold, which must reproduce the shipped model, runs in the slow suite.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mercato.cli import build_cli
from mercato.extract.decision_model import DecisionModel, shipped_model_path
from support import REPO_ROOT, require_shared

# (text, links): each link (person, from, to, status, loan, source)
_RECORDS = [
    ("Arsenal are keen to sign Lyon midfielder Theo Marchand. (Mail)",
     [("Theo Marchand", "Lyon", "Arsenal", "rumour", False, "Mail")]),
    ("Chelsea have completed the signing of Porto defender Rui Catarino for £30m.",
     [("Rui Catarino", "Porto", "Chelsea", "done", False, None)]),
    ("Everton want Ajax striker Bram Visser on loan, reports the Sun.",
     [("Bram Visser", "Ajax", "Everton", "rumour", True, "Sun")]),
    ("Tottenham have ended their interest in Benfica winger Joao Serrano.",
     [("Joao Serrano", "Benfica", "Tottenham Hotspur", "off", False, None)]),
    ("Fulham defender Kofi Mensah scored twice in the win over Brentford.", []),
    ("Juventus have agreed a fee with Sevilla for Pablo Ortiz, who will have a medical on Monday.",
     [("Pablo Ortiz", "Sevilla", "Juventus", "done", False, None)]),
    ("Newcastle are ready to cash in on striker Dwight Colley. (Telegraph)",
     [("Dwight Colley", "Newcastle United", None, "rumour", False, "Telegraph")]),
    ("Napoli and Roma are both monitoring Celtic forward Liam Boyd.",
     [("Liam Boyd", "Celtic", "Napoli", "rumour", False, None),
      ("Liam Boyd", "Celtic", "Roma", "rumour", False, None)]),
    ("Wolves have signed Lille midfielder Hugo Marchetti on loan until the end of the season.",
     [("Hugo Marchetti", "Lille", "Wolverhampton Wanderers", "done", True, None)]),
    ("Leeds captain Sam Archer said the squad was tired after the defeat by Burnley.", []),
    ("Barcelona have rejected a bid from Bayern Munich for Marc Soler. (Sport)",
     [("Marc Soler", "Barcelona", "Bayern Munich", "rumour", False, "Sport")]),
    ("Marseille midfielder Luc Perrin has turned down a move to Brighton.",
     [("Luc Perrin", "Marseille", "Brighton", "off", False, None)]),
]


def _record(index: int, text: str, links: list[tuple]) -> dict[str, object]:
    start = 0
    return {
        "id": f"fixture:{index:03d}",
        "date": "2024-01-10",
        "outlet": None,
        "text": text,
        "links": [
            {
                "person": person,
                "role": "player",
                "from": from_club,
                "to": to_club,
                "status": status,
                "loan": loan,
                "fee": None,
                "source": source,
                "evidence": text[start:],
            }
            for person, from_club, to_club, status, loan, source in links
        ],
    }


def _shared(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    (shared / "eval").mkdir(parents=True)
    lines = [json.dumps(_record(i, t, links)) for i, (t, links) in enumerate(_RECORDS)]
    (shared / "eval" / "dev.jsonl").write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    (shared / "eval" / "train.jsonl").write_text("\n".join(lines[4:]) + "\n", encoding="utf-8")
    (shared / "eval" / "clubs.json").write_text("{}", encoding="utf-8")
    return shared


def _train(shared: Path, out: Path, *extra: str) -> None:
    result = CliRunner().invoke(
        build_cli(),
        ["train", "--shared", str(shared), "--annotations", str(shared / "none"),
         "--out", str(out), "--date", "2026-01-01", *extra],
    )
    assert result.exit_code == 0, result.output


def test_training_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    shared = _shared(tmp_path)
    first, second = tmp_path / "a" / "model.json", tmp_path / "b" / "model.json"
    _train(shared, first, "--cv", "2")
    _train(shared, second, "--cv", "2")
    assert first.read_bytes() == second.read_bytes()
    manifest_a = first.with_name("model.manifest.json").read_text()
    manifest_b = second.with_name("model.manifest.json").read_text()
    assert manifest_a == manifest_b
    manifest = json.loads(manifest_a)
    assert manifest["trained_on"] == "2026-01-01"
    assert manifest["records"] == len(_RECORDS)
    assert "cross_validation" in manifest and 0.0 <= manifest["cross_validation"]["f1"] <= 1.0
    model = DecisionModel.from_bytes(first.read_bytes())
    assert model.digest == manifest["model_sha256"]
    assert set(model.heads) == {"pair", "exit", "status", "loan"}


def test_other_gold_gives_another_model(tmp_path: Path) -> None:
    shared = _shared(tmp_path)
    _train(shared, tmp_path / "a" / "model.json", "--cv", "0")
    train_file = shared / "eval" / "train.jsonl"
    train_file.write_text("\n".join(train_file.read_text().splitlines()[:-2]) + "\n")
    _train(shared, tmp_path / "b" / "model.json", "--cv", "0")
    manifests = [json.loads((tmp_path / d / "model.manifest.json").read_text()) for d in "ab"]
    assert manifests[0]["training_data_sha256"] != manifests[1]["training_data_sha256"]
    assert manifests[0]["model_sha256"] != manifests[1]["model_sha256"]


def test_missing_gold_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_cli(), ["train", "--shared", str(tmp_path / "nowhere"), "--cv", "0"])
    assert result.exit_code != 0
    assert "dev.jsonl" in result.output and "not found" in result.output


@pytest.mark.slow
def test_full_training_reproduces_the_shipped_model(tmp_path: Path) -> None:
    shared = require_shared("eval", "train.jsonl").parents[1]
    out = tmp_path / "model.json"
    result = CliRunner().invoke(
        build_cli(),
        ["train", "--shared", str(shared), "--annotations", str(REPO_ROOT / "annotations" / "records"),
         "--out", str(out), "--cv", "0"],
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == shipped_model_path().read_bytes()
    shipped = json.loads(shipped_model_path().with_name("link_model.manifest.json").read_text())
    assert json.loads(out.with_name("model.manifest.json").read_text())["training_data_sha256"] == shipped["training_data_sha256"]

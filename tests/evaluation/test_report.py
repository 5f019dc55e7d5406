"""The evaluation report: tables for people, plain data for scripts."""

from __future__ import annotations

import json

from rich.console import Console

from mercato.evaluation.gold import GoldLink, GoldRecord, Money
from mercato.evaluation.names import ClubTable
from mercato.evaluation.report import evaluation_to_dict, render
from mercato.evaluation.scoring import score

GOLD = [
    GoldRecord(
        "paper:1",
        "(text)",
        (
            GoldLink("Tomas Brandt", "Rovers", None, "done", fees=(Money(5e6, "GBP"),)),
            GoldLink("Erik Hallam", "City", None, "rumour", evidence="Hallam [pictured] is wanted"),
        ),
    )
]
PREDICTED = [
    GoldRecord(
        "paper:1",
        "",
        (
            GoldLink("Tomas Brandt", "Rovers", None, "rumour", evidence="Brandt [left] talks"),
            GoldLink("Ivo Marsh", "City", None, "rumour"),
        ),
    )
]


def test_render_shows_metrics_and_details_with_brackets_intact() -> None:
    console = Console(record=True, width=120)
    render(score(GOLD, PREDICTED, ClubTable()), console, verbose=True)
    text = console.export_text()
    assert "all links" in text and "0.500" in text
    assert "Hallam [pictured] is wanted" in text  # evidence is not read as markup
    assert "Brandt [left] talks" in text
    assert "Ivo Marsh" in text and "wrong status, fee" in text


def test_dict_is_json_and_verbose_adds_details() -> None:
    evaluation = score(GOLD, PREDICTED, ClubTable())
    plain = evaluation_to_dict(evaluation)
    assert "misses" not in plain
    detailed = json.loads(json.dumps(evaluation_to_dict(evaluation, verbose=True)))
    assert [m["person"] for m in detailed["misses"]] == ["Erik Hallam"]
    assert [e["person"] for e in detailed["extras"]] == ["Ivo Marsh"]
    assert detailed["wrong_fields"][0]["wrong"] == ["status", "fee"]
    assert detailed["by_family"]["paper"]["f1"] == 0.5

"""The CLI as people meet it: missing stores, finding stories, plurals, `kb show` and its ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mercato.cli import build_cli
from mercato.cli.counts import counted
from mercato.cli.entity_text import value_text
from mercato.pipeline import ingest_paths
from mercato.store import Store
from support import SAMPLES_DIR


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the samples, extracted by the real pipeline."""
    path = tmp_path_factory.mktemp("faces") / "samples.db"
    with Store.open(f"sqlite:///{path}") as store:
        assert ingest_paths([SAMPLES_DIR], store).failed == 0
    return str(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(build_cli(), list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "command",
    [
        ["rumours"],
        ["rumours", "--json"],
        ["story", "anyone"],
        ["sources"],
        ["serve"],
        ["kb", "show", "Arsenal"],
    ],
)
def test_a_missing_store_is_an_error_naming_the_path(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    code, out = run(*command, "--db", str(missing))
    assert code == 3, out
    assert f"no store at {missing}" in out and "mercato ingest" in out
    assert not missing.exists()


def test_ingest_says_it_creates_a_store(tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    code, out = run("ingest", str(SAMPLES_DIR / "01_lindqvist_interest.txt"), "--db", str(new))
    assert code == 0, out
    assert f"creating a new store at {new}" in out
    assert "ingested 1 article (" in out
    code, out = run("ingest", str(SAMPLES_DIR / "01_lindqvist_interest.txt"), "--db", str(new))
    assert "creating" not in out


def test_kb_show_without_a_store_still_answers_from_the_knowledge_base(tmp_path: Path) -> None:
    result = CliRunner(env={"MERCATO_DATABASE_URL": f"sqlite:///{tmp_path / 'none.db'}"}).invoke(
        build_cli(), ["kb", "show", "Youri Tielemans"]
    )
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "none.db").exists()


def test_kb_show_reads_as_text_not_python_values() -> None:
    code, out = run("kb", "show", "Youri Tielemans")
    assert code == 0, out
    assert "prominence: 68\n" in out
    assert "national teams: Belgium" in out
    assert "positions: midfielder" in out
    assert "Leicester City FC -> Aston Villa FC" in out
    for python_value in ("('", "{'", "[{", "67.958"):
        assert python_value not in out
    code, out = run("kb", "show", "Arsenal")
    assert "    2024-25: en.1, uefa.cl" in out


def test_values_are_written_for_people() -> None:
    assert value_text(67.95880017344075) == "68"
    assert value_text(88.1) == "88.1"
    assert value_text(("2018", "2022")) == "2018, 2022"
    assert value_text(True) == "yes"
    assert value_text("club:x", {"club:x": "X FC"}.__getitem__) == "X FC"


def test_counts_take_the_plural_they_need() -> None:
    assert counted(1, "story") == "1 story"
    assert counted(2, "story") == "2 stories"
    assert counted(0, "article") == "0 articles"
    assert counted(1, "copy") == "1 copy" and counted(3, "copy") == "3 copies"


def test_the_board_title_counts_in_the_right_number(samples_db: str) -> None:
    code, out = run("rumours", "--db", samples_db, "--player", "Bastien Morel")
    assert code == 0, out
    assert "Rumour board (1 story)" in out
    code, out = run("rumours", "--db", samples_db)
    assert re.search(r"Rumour board \(\d+ stories\)", out)


def test_every_board_row_carries_its_story_id(samples_db: str) -> None:
    _, out = run("rumours", "--db", samples_db, "--json")
    rows = json.loads(out)
    assert rows and all(row["story_id"] for row in rows)
    _, table = run("rumours", "--db", samples_db)
    for row in rows:
        assert row["story_id"] in table


def test_story_finds_by_id_full_name_and_surname(samples_db: str) -> None:
    code, out = run("story", "--db", samples_db, "bastien-morel--aston-villa--2024-summer")
    assert code == 0, out
    assert out.startswith("Bastien Morel: Lyon -> Aston Villa")
    for wanted in ("Bastien Morel", "Morel", "morel"):
        code, by_name = run("story", "--db", samples_db, wanted)
        assert code == 0 and by_name == out, wanted


def test_story_lists_every_story_a_name_matches(samples_db: str) -> None:
    code, out = run("rumours", "--db", samples_db, "--json", "--player", "ra")
    expected = {row["story_id"] for row in json.loads(out)}
    assert len(expected) > 1
    code, listed = run("story", "--db", samples_db, "ra", "--json")
    assert code == 0
    assert {row["story_id"] for row in json.loads(listed)} == expected
    code, table = run("story", "--db", samples_db, "ra")
    assert f"'ra' matches ({len(expected)} stories)" in table
    assert all(story_id in table for story_id in expected)


def test_story_that_matches_nothing_says_so(samples_db: str) -> None:
    code, out = run("story", "--db", samples_db, "Nobody Atall")
    assert code == 3
    assert "no story has the id 'Nobody Atall' or a player called 'Nobody Atall'" in out


def test_story_lists_every_story_an_id_start_names(tmp_path: Path) -> None:
    # The same move in two windows: "tomas-verhoek--arsenal" starts both ids.
    news = tmp_path / "news.jsonl"
    news.write_text("".join(
        json.dumps({"id": f"n{i}", "date": day, "url": f"https://example.org/{i}",
                    "outlet": "BBC Sport", "text": text}) + "\n"
        for i, (day, text) in enumerate([
            ("2024-01-10", "Arsenal are monitoring Brentford striker Tomas Verhoek. (Mirror)"),
            ("2024-06-03", "Arsenal have opened talks with Brentford over striker Tomas Verhoek. (Times)"),
        ])
    ), encoding="utf-8")  # fmt: skip
    db = str(tmp_path / "news.db")
    assert run("ingest", "--db", db, str(news))[0] == 0
    code, out = run("story", "tomas-verhoek--arsenal", "--db", db, "--json")
    assert code == 0, out
    assert [r["story_id"] for r in json.loads(out)] == [
        "tomas-verhoek--arsenal--2024-summer",
        "tomas-verhoek--arsenal--2024-winter",
    ]

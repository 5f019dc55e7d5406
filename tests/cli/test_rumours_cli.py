"""`mercato rumours` through click: the table, the filters and --json over an ingested store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mercato.cli import _register_commands, cli
from mercato.cli.query import format_fee
from mercato.domain import Fee
from mercato.pipeline import ingest_paths
from mercato.store import Store
from support import SAMPLES_DIR


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the samples, extracted by the real pipeline."""
    path = tmp_path_factory.mktemp("rumours") / "samples.db"
    with Store.open(f"sqlite:///{path}") as store:
        report = ingest_paths([SAMPLES_DIR], store)
        assert report.failed == 0
    _register_commands()
    return str(path)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["rumours", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def rumours_json(db: str, *args: str) -> list[dict[str, object]]:
    code, out = invoke("--db", db, "--json", *args)
    assert code == 0, out
    data = json.loads(out)
    assert isinstance(data, list)
    return data


def test_the_table_shows_one_row_per_move(samples_db: str) -> None:
    code, out = invoke("--db", samples_db)
    assert code == 0
    assert "Rumour board" in out
    for name in ("Mateo Lindqvist", "Bastien Morel", "Kofi Mensah", "Luca Ferrante"):
        assert name in out
    assert out.count("Mateo Lindqvist") == 1  # four reports, one row


def test_json_groups_with_sources_and_dates(samples_db: str) -> None:
    [lindqvist] = rumours_json(samples_db, "--player", "LINDQVIST")
    assert lindqvist["to"] == "Newcastle United"
    assert (lindqvist["status"], lindqvist["stage"]) == ("done", "signed")
    assert lindqvist["first_reported"] == "2024-06-03"
    assert lindqvist["last_reported"] == "2024-07-05"
    assert lindqvist["reports"] >= 4  # type: ignore[operator]
    assert str(lindqvist["story_id"]).startswith("mateo-lindqvist--newcastle")
    assert lindqvist["sources"] and lindqvist["first_reporter"] == lindqvist["sources"][0]  # type: ignore[index]


def test_filters_reach_the_board(samples_db: str) -> None:
    def people(*args: str) -> list[object]:
        return [g["person"] for g in rumours_json(samples_db, *args)]

    assert set(people("--club", "aston villa")) == {"Bastien Morel", "Pablo Iriarte"}
    assert people("--status", "off") == ["Emil Rasmussen", "Luca Ferrante"]
    assert "Mateo Lindqvist" not in people("--status", "rumour")
    assert people("--source", "marca") == ["Pablo Iriarte"]
    assert people("--as-of", "2024-06-05") == ["Mateo Lindqvist"]
    assert set(people("--since", "2024-07-15")) == {"Bastien Morel", "Emil Rasmussen"}
    assert len(people("--limit", "2")) == 2
    [early] = rumours_json(samples_db, "--player", "lindqvist", "--as-of", "2024-06-30")
    assert (early["status"], early["stage"]) == ("rumour", "bid rejected")


def test_nothing_matches(samples_db: str) -> None:
    code, out = invoke("--db", samples_db, "--player", "nobody at all")
    assert code == 0 and "No stories match." in out
    assert rumours_json(samples_db, "--player", "nobody at all") == []


def test_bad_options_are_usage_errors(samples_db: str) -> None:
    code, out = invoke("--db", samples_db, "--status", "maybe")
    assert code == 2 and "--status" in out
    code, out = invoke("--db", samples_db, "--since", "June")
    assert code == 2 and "--since" in out


@pytest.mark.parametrize(
    ("fee", "shown"),
    [
        (None, ""),
        (Fee(42e6, "GBP"), "£42m"),
        (Fee(7.5e6, "EUR"), "€7.5m"),
        (Fee(30e6, "GBP", upper=40e6, is_approximate=True), "~£30m-£40m"),
        (Fee(250e3, "USD"), "$250k"),
        (Fee(5e6, "CHF"), "CHF 5m"),
    ],
)
def test_fees_read_as_people_write_them(fee: Fee | None, shown: str) -> None:
    assert format_fee(fee) == shown


def test_an_empty_store(tmp_path: Path) -> None:
    _register_commands()
    Store.open(f"sqlite:///{tmp_path / 'empty.db'}").close()
    code, out = invoke("--db", str(tmp_path / "empty.db"))
    assert code == 0 and "No stories match." in out


def test_the_board_pages_with_offset_and_counts_every_match(samples_db: str) -> None:
    everything = rumours_json(samples_db, "--limit", "1000")
    assert len(everything) > 4
    paged: list[dict[str, object]] = []
    for offset in range(0, len(everything), 3):
        paged += rumours_json(samples_db, "--limit", "3", "--offset", str(offset))
    assert [r["story_id"] for r in paged] == [r["story_id"] for r in everything]
    code, out = invoke("--db", samples_db, "--limit", "3", "--offset", "3")
    assert code == 0
    assert f"Rumour board ({len(everything)} stories, showing 4–6)" in out
    assert "Next: --offset 6" in out
    code, out = invoke("--db", samples_db, "--offset", "100000")
    assert code == 0 and f"{len(everything)} stories match; --offset 100000 is past" in out

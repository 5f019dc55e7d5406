"""The knowledge base as of a day: no later move, person, value or fee leaks into it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mercato.domain import EntityKind
from mercato.errors import ConfigurationError
from mercato.kb.as_of import AS_OF_VARIABLE, as_of_from_environment
from mercato.kb.catalogue import (
    Catalogue,
    _package_reader,
    load_catalogue,
    read_catalogue,
    use_kb_as_of,
)
from mercato.kb.tables import Table

DAY = date(2022, 3, 1)


@pytest.fixture(scope="module")
def full() -> Catalogue:
    return load_catalogue()


def _snapshot(catalogue: Catalogue) -> dict[str, object]:
    """Everything a cut decides: which entities, their attributes, and the aliases kept."""
    return {
        "entities": {k: (e.kind, e.name, repr(sorted(e.attributes.items()))) for k, e in catalogue.entities.items()},
        "aliases": sorted((a.entity_id, a.text, a.kind) for a in catalogue.aliases),
    }


def test_a_cut_keeps_no_move_dated_after_its_day_and_no_person_known_only_later(full: Catalogue) -> None:
    cut = full.as_of(DAY)
    players = [e for e in cut.entities.values() if e.kind == EntityKind.PLAYER]
    assert 0 < len(players) < sum(e.kind == EntityKind.PLAYER for e in full.entities.values())
    for player in players:
        moves = player.attributes.get("clubs", ())
        assert all(m["date"] <= DAY.isoformat() for m in moves)  # type: ignore[attr-defined]
        cups = player.attributes.get("world_cups", ())
        assert moves or cups
        assert all(int(c) < DAY.year for c in cups)  # type: ignore[attr-defined]
    dropped = set(full.entities) - set(cut.entities)
    assert dropped and all(full.entities[i].kind == EntityKind.PLAYER for i in dropped)
    assert not any(a.entity_id in dropped for a in cut.aliases)


def test_prominence_comes_from_the_values_and_fees_known_by_then(full: Catalogue) -> None:
    cut = full.as_of(DAY)
    later = [
        e for e in full.entities.values()
        if e.kind == EntityKind.PLAYER and e.id in cut.entities
        and e.attributes.get("clubs") and len(e.attributes["clubs"]) > len(cut.entities[e.id].attributes["clubs"])  # type: ignore[arg-type]
    ]
    assert later
    assert any(cut.entities[e.id].attributes["prominence"] < e.attributes["prominence"] for e in later)  # type: ignore[operator]
    clubs = [e for e in full.entities.values() if e.kind == EntityKind.CLUB and e.attributes.get("transfermarkt_id")]
    assert any(cut.entities[c.id].attributes["prominence"] < c.attributes["prominence"] for c in clubs)  # type: ignore[operator]


def _truncated_reader(day: date):
    """The shipped tables with every dated row after `day` removed (moves, tournaments)."""

    def read(name: str) -> Table:
        table = _package_reader(name)
        if name == "person_clubs.tsv":
            return replace(table, rows=tuple(r for r in table.rows if r["date"] <= day.isoformat()))
        return table

    return read


def test_removing_everything_after_a_day_changes_nothing_known_up_to_it(full: Catalogue) -> None:
    truncated = read_catalogue(_truncated_reader(DAY))
    for day in (date(2021, 8, 1), DAY):
        assert _snapshot(truncated.as_of(day)) == _snapshot(full.as_of(day))


def test_the_process_catalogue_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(AS_OF_VARIABLE, "2021-13-40")
    with pytest.raises(ConfigurationError, match=AS_OF_VARIABLE):
        as_of_from_environment()
    try:
        use_kb_as_of(DAY)
        players = sum(e.kind == EntityKind.PLAYER for e in load_catalogue().entities.values())
        use_kb_as_of(None)
        assert players < sum(e.kind == EntityKind.PLAYER for e in load_catalogue().entities.values())
    finally:
        use_kb_as_of(None)

"""How the scorer compares names: SPEC scoring rules 1 (normalising), 2 (persons), 3 (clubs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mercato.errors import GoldFormatError
from mercato.evaluation.names import (
    ClubTable,
    clubs_path_for,
    drop_affixes,
    normalise_name,
    persons_match,
    sources_match,
)

NORMALISED = [
    # accents
    ("Atlético Madrid", "atletico madrid"),
    ("Jérôme Boateng", "jerome boateng"),
    ("Ødegaard", "ødegaard"),  # a letter of its own, not an accent: kept
    # case
    ("LIVERPOOL", "liverpool"),
    ("Straße", "strasse"),
    # punctuation: marks inside a word vanish, other punctuation separates words
    ("N'Golo Kanté", "ngolo kante"),
    ("Liverpool F.C.", "liverpool fc"),
    ("Paris Saint-Germain", "paris saint germain"),
    ("Al-Hilal", "al hilal"),
    ("  Brighton &  Hove Albion ", "brighton hove albion"),
]


@pytest.mark.parametrize(("text", "expected"), NORMALISED)
def test_normalise_name(text: str, expected: str) -> None:
    assert normalise_name(text) == expected


PERSONS_MATCHING = [
    # equal after normalising
    ("Joao Felix", "João Félix", ["João Félix"]),
    ("kylian mbappe", "Kylian Mbappé", ["Kylian Mbappé"]),
    # a surname alone, no one else in the article shares it (either side may be the short one)
    ("Bastoni", "Alessandro Bastoni", ["Alessandro Bastoni", "Milan Skriniar"]),
    ("Alessandro Bastoni", "Bastoni", ["Bastoni"]),
    # a surname of several words
    ("van Dijk", "Virgil van Dijk", ["Virgil van Dijk"]),
]

PERSONS_NOT_MATCHING = [
    # two gold persons share the surname: the surname alone is ambiguous
    ("Silva", "Bernardo Silva", ["Bernardo Silva", "Thiago Silva"]),
    ("Bernardo Silva", "Silva", ["Silva", "Thiago Silva"]),
    # a first name is not a surname
    ("Alessandro", "Alessandro Bastoni", ["Alessandro Bastoni"]),
    # different people
    ("Thiago Silva", "Bernardo Silva", ["Bernardo Silva"]),
    ("Silvan", "Bernardo Silva", ["Bernardo Silva"]),
]


@pytest.mark.parametrize(("predicted", "gold", "persons"), PERSONS_MATCHING)
def test_persons_match(predicted: str, gold: str, persons: list[str]) -> None:
    assert persons_match(predicted, gold, persons)


@pytest.mark.parametrize(("predicted", "gold", "persons"), PERSONS_NOT_MATCHING)
def test_persons_do_not_match(predicted: str, gold: str, persons: list[str]) -> None:
    assert not persons_match(predicted, gold, persons)


def test_the_same_gold_person_twice_is_no_clash() -> None:
    # One person with two links (two suitors) must not make his own surname ambiguous.
    persons = ["Kai Lindqvist", "Kai Lindqvist"]
    assert persons_match("Lindqvist", "Kai Lindqvist", persons)


@pytest.fixture
def clubs(tmp_path: Path) -> ClubTable:
    table = {
        "Manchester United": ["Man Utd", "United"],
        "Inter Milan": ["Inter", "the Nerazzurri"],
        "Paris Saint-Germain": ["PSG"],
        "Wolverhampton Wanderers": ["Wolves"],
    }
    path = tmp_path / "clubs.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    return ClubTable.load(path)


CLUBS_MATCHING = [
    # through the alias table, either direction and alias to alias
    ("Man Utd", "Manchester United"),
    ("Manchester United", "United"),
    ("the Nerazzurri", "Inter"),
    ("PSG", "Paris Saint-Germain"),
    # normalising applies before the table
    ("MAN UTD", "manchester united"),
    ("Paris Saint Germain", "PSG"),
    # an affix around a name the table knows
    ("Wolverhampton Wanderers FC", "Wolves"),
    # clubs the table does not know: equal without affixes
    ("Brentford FC", "Brentford"),
    ("AFC Wimbledon", "Wimbledon"),
    ("The Strongest", "Strongest"),
    ("Club Brugge", "Brugge"),
    ("Valencia CF", "Valencia"),
    ("SC Freiburg", "Freiburg"),
]

CLUBS_NOT_MATCHING = [
    ("Manchester United", "Manchester City"),
    ("Inter", "Inter Miami"),
    ("Brentford", "Bradford"),
    ("Wolves", "Wolfsburg"),
]


@pytest.mark.parametrize(("predicted", "gold"), CLUBS_MATCHING)
def test_clubs_match(clubs: ClubTable, predicted: str, gold: str) -> None:
    assert clubs.match(predicted, gold)


@pytest.mark.parametrize(("predicted", "gold"), CLUBS_NOT_MATCHING)
def test_clubs_do_not_match(clubs: ClubTable, predicted: str, gold: str) -> None:
    assert not clubs.match(predicted, gold)


def test_null_club_matches_only_null(clubs: ClubTable) -> None:
    assert clubs.match(None, None)
    assert not clubs.match(None, "Inter")
    assert not clubs.match("Inter", None)


def test_without_a_table_only_affixes_are_dropped() -> None:
    empty = ClubTable()
    assert empty.match("Brentford FC", "Brentford")
    assert not empty.match("Man Utd", "Manchester United")


def test_drop_affixes_keeps_a_name_made_only_of_affixes() -> None:
    assert drop_affixes("the club") == "the club"
    assert drop_affixes("fc porto") == "porto"


def test_bad_club_table_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "clubs.json"
    path.write_text(json.dumps({"Inter": "not a list"}), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="clubs.json"):
        ClubTable.load(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="clubs.json"):
        ClubTable.load(path)


def test_club_table_is_the_one_beside_the_gold_file(tmp_path: Path) -> None:
    assert clubs_path_for(tmp_path / "gold" / "dev.jsonl") == (tmp_path / "gold" / "clubs.json")


SOURCES = [
    ("The Sun", ["Sun", "The Sun"], True),
    ("the sun", ["The Sun"], True),
    ("Mail", ["Mail", "Daily Mail"], True),
    ("Daily Mail", ["Mail", "Daily Mail"], True),
    ("Mirror", ["Mail", "Daily Mail"], False),
    (None, [], True),
    (None, ["Sky Sports"], False),
    ("Sky Sports", [], False),
]


@pytest.mark.parametrize(("predicted", "gold", "expected"), SOURCES)
def test_sources_match(predicted: str | None, gold: list[str], expected: bool) -> None:
    assert sources_match(predicted, gold) is expected

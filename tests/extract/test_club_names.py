"""Club names as claims carry them: the name English copy prints, never a cut-down stump."""

from __future__ import annotations

import pytest

from mercato.extract.coreference import display_club_name


@pytest.mark.parametrize(
    ("name", "city", "shown"),
    [
        ("Fenerbahçe İstanbul", "İstanbul", "Fenerbahçe"),  # the city goes: the rest names the club
        ("Celtic FC", None, "Celtic"),
        ("AC Milan", None, "AC Milan"),
        ("VfB Stuttgart", "Stuttgart", "VfB Stuttgart"),  # "VfB" alone is an abbreviation
        ("RB Leipzig", "Leipzig", "RB Leipzig"),
        ("Girondins de Bordeaux", "Bordeaux", "Girondins de Bordeaux"),  # cut after a particle
        ("Como 1907", "Como", "Como"),  # a founding year is no part of the name in copy
        ("Stade Brestois 29", "Brest", "Stade Brestois"),
        ("Bayern München", "München", "Bayern Munich"),  # the English name before any cut
    ],
)
def test_display_names(name: str, city: str | None, shown: str) -> None:
    assert display_club_name(name, city) == shown


def test_the_city_stays_unless_the_knowledge_base_knows_the_shorter_name() -> None:
    assert display_club_name("Sparta Rotterdam", "Rotterdam", known=lambda short: False) == "Sparta Rotterdam"
    assert display_club_name("Feyenoord Rotterdam", "Rotterdam", known=lambda short: short == "Feyenoord") == "Feyenoord"

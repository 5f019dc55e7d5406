"""Window phrases resolved against the article's date, grouped by phenomenon."""

from __future__ import annotations

from datetime import date

import pytest

from mercato.domain import Window
from mercato.extract.windows import find_window, find_windows, resolve_window

SPRING = date(2024, 3, 11)
MIDSUMMER = date(2024, 7, 20)
AUTUMN = date(2024, 10, 2)
JANUARY = date(2025, 1, 14)

SUMMER_PHRASES = [
    ("a move in the upcoming summer", SPRING, Window(2024, "summer")),
    ("a move in the upcoming summer", AUTUMN, Window(2025, "summer")),
    ("they will try again this summer", SPRING, Window(2024, "summer")),
    ("after a quiet window this summer", AUTUMN, Window(2024, "summer")),
    ("a deal next summer", AUTUMN, Window(2025, "summer")),
    ("a deal next summer", MIDSUMMER, Window(2025, "summer")),
    ("a deal next summer", SPRING, Window(2024, "summer")),
    ("in the summer window", JANUARY, Window(2025, "summer")),
    ("he could leave at the end of the season", SPRING, Window(2024, "summer")),
    ("he could leave at the end of the season", AUTUMN, Window(2025, "summer")),
    ("he signed last summer", SPRING, Window(2023, "summer")),
    ("a move in the summer", AUTUMN, Window(2025, "summer")),
]

MOVE_ADJECTIVES = [
    ("Lyon plan a summer move for the forward", AUTUMN, Window(2025, "summer")),
    ("a January loan to Genoa is likely", AUTUMN, Window(2025, "winter")),
    ("a summer transfer window deal", SPRING, Window(2024, "summer")),
]

WINTER_PHRASES = [
    ("a loan in January", SPRING, Window(2025, "winter")),
    ("a loan in January", AUTUMN, Window(2025, "winter")),
    ("a loan in January", JANUARY, Window(2025, "winter")),
    ("the January window", MIDSUMMER, Window(2025, "winter")),
    ("during the winter window", AUTUMN, Window(2025, "winter")),
    ("the winter transfer window", JANUARY, Window(2025, "winter")),
]

SEASONS = [
    ("ahead of next season", SPRING, Window(2024, "summer")),
    ("ahead of next season", AUTUMN, Window(2025, "summer")),
    ("for the 2026-27 season", SPRING, Window(2026, "summer")),
    ("in 2021/22", None, Window(2021, "summer")),
    ("the 2019/2020 campaign", None, Window(2019, "summer")),
]

EXPLICIT_YEARS = [
    ("he arrived in the summer of 2016", AUTUMN, Window(2016, "summer")),
    ("in summer 2012", None, Window(2012, "summer")),
    ("back in January 2020", SPRING, Window(2020, "winter")),
]

DEADLINE_DAY = [
    ("a deadline day swoop", date(2024, 8, 30), Window(2024, "summer")),
    ("a deadline-day swoop", date(2024, 1, 31), Window(2024, "winter")),
    ("a deadline day swoop", date(2024, 4, 2), Window(2024, "summer")),
    ("a deadline day swoop", date(2024, 11, 2), Window(2025, "winter")),
]

TENSE = [
    ("Milan signed him on loan in January", SPRING, Window(2024, "winter")),
    ("Lille turned down a bid from Everton in January", date(2024, 2, 20), Window(2024, "winter")),
    ("after failing to land him in January", SPRING, Window(2024, "winter")),
    ("Everton could bid for him in January", SPRING, Window(2025, "winter")),
    ("Everton are targeting the forward in January", AUTUMN, Window(2025, "winter")),
    ("he joined Lyon in the summer", AUTUMN, Window(2024, "summer")),
    ("he joined Lyon in the summer", SPRING, Window(2023, "summer")),
    ("he will join Lyon in the summer", AUTUMN, Window(2025, "summer")),
    ("Lyon want to sign him in the summer", SPRING, Window(2024, "summer")),
]

KNOWN_MISSES = [
    pytest.param("a move in twelve months' time", AUTUMN, Window(2025, "summer"), id="duration"),
    pytest.param(
        "before the window shuts", date(2024, 8, 20), Window(2024, "summer"), id="window-shuts"
    ),
    # reported speech: a past verb that reports a plan
    pytest.param(
        "the coach said he needed to add a striker in January",
        date(2024, 2, 2),
        Window(2024, "winter"),
        id="reported-plan",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), SUMMER_PHRASES)
def test_summer(text: str, published: date, expected: Window) -> None:
    assert resolve_window(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), MOVE_ADJECTIVES)
def test_window_as_adjective_of_the_move(text: str, published: date, expected: Window) -> None:
    assert resolve_window(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), WINTER_PHRASES)
def test_winter(text: str, published: date, expected: Window) -> None:
    assert resolve_window(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), SEASONS)
def test_seasons(text: str, published: date | None, expected: Window) -> None:
    assert resolve_window(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), EXPLICIT_YEARS)
def test_explicit_years(text: str, published: date | None, expected: Window) -> None:
    assert resolve_window(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), DEADLINE_DAY)
def test_deadline_day(text: str, published: date, expected: Window) -> None:
    assert resolve_window(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), TENSE)
def test_tense_picks_the_window_gone_or_to_come(
    text: str, published: date, expected: Window
) -> None:
    assert resolve_window(text, published) == expected


@pytest.mark.xfail(strict=True, reason="not read yet")
@pytest.mark.parametrize(("text", "published", "expected"), KNOWN_MISSES)
def test_known_misses(text: str, published: date, expected: Window) -> None:
    assert resolve_window(text, published) == expected


@pytest.mark.parametrize(
    "text",
    ["they play a 4-3-3", "a 2-1 win at home", "he scored in 2019", "the 2015-17 spell"],
)
def test_not_windows(text: str) -> None:
    assert find_window(text, SPRING) is None


def test_relative_phrases_need_a_date() -> None:
    assert resolve_window("next summer", None) is None
    assert resolve_window("in January", None) is None


def test_offsets_and_order() -> None:
    text = "He joined in the summer of 2019 and could be sold in January."
    found = find_windows(text, AUTUMN)
    assert [text[s:e] for s, e, _ in found] == ["the summer of 2019", "in January"]
    assert [w for _, _, w in found] == [Window(2019, "summer"), Window(2025, "winter")]
    assert find_window(text, AUTUMN) == found[0]

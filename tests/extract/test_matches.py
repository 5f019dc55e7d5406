"""Match results, table by phenomenon, over contexts built by hand (see claimkit)."""

from __future__ import annotations

import pytest
from claimkit import C, N, Name, P, context

from mercato.domain import EntityKind, MatchClaim
from mercato.extract.matches import extract_matches

NAMES: dict[str, Name | EntityKind] = {
    "Everton": C,
    "the Toffees": Name(C, "Everton"),
    "Benfica": C,
    "Porto": C,
    "Rochdale": C,
    "Bury": C,
    "Norway": N,
    "Wales": N,
    "Leon Strand": P,
}

# (text, (home, away, home_score, away_score), competition, round)
Row = tuple[str, tuple[str, str, int, int], str | None, str | None]

NOUN_RESULTS: list[Row] = [
    (
        (
            "Everton are eyeing Leon Strand after their recent 4-1 Europa League quarter-final "
            "defeat against Benfica."
        ),
        ("Everton", "Benfica", 1, 4),
        "UEFA Europa League",
        "quarter-final",
    ),
    ("Rochdale's 2-0 win over Bury lifted the mood.", ("Rochdale", "Bury", 2, 0), None, None),
    (
        "Porto's 3-3 draw with Benfica kept the title race open.",
        ("Porto", "Benfica", 3, 3),
        None,
        None,
    ),
    (
        "Norway's 1-0 victory against Wales in the Nations League was deserved.",
        ("Norway", "Wales", 1, 0),
        "UEFA Nations League",
        None,
    ),
    (
        "In March the Toffees suffered a 0-3 loss to Porto in the Champions League last-16.",
        ("Everton", "Porto", 0, 3),
        "UEFA Champions League",
        "last-16",
    ),
]

VERB_RESULTS: list[Row] = [
    ("Benfica beat Porto 2-1 in the final.", ("Benfica", "Porto", 2, 1), None, "final"),
    ("Bury lost 3-0 to Rochdale on Saturday.", ("Bury", "Rochdale", 0, 3), None, None),
    (
        "Everton drew 1-1 with Benfica in a friendly.",
        ("Everton", "Benfica", 1, 1),
        "friendly",
        None,
    ),
    ("Wales were beaten 2-0 by Norway.", ("Wales", "Norway", 0, 2), None, None),
]

FIXTURES: list[Row] = [
    ("Full time: Rochdale 1-2 Bury.", ("Rochdale", "Bury", 1, 2), None, None),
    (
        "Rochdale 2-2 Bury: Rochdale stay in the final play-off place.",
        ("Rochdale", "Bury", 2, 2),
        None,
        None,
    ),
]

WHOSE_RESULT: list[Row] = [
    (
        "Everton trail Porto, who earned a late 2-1 win at Benfica.",
        ("Porto", "Benfica", 2, 1),
        None,
        None,
    ),
    (
        "Rochdale players praised the fans after their side's 1-0 FA Cup win over Bury.",
        ("Rochdale", "Bury", 1, 0),
        "FA Cup",
        None,
    ),
    (
        "Leon Strand inspired Everton to a 3-1 win over Porto.",
        ("Everton", "Porto", 3, 1),
        None,
        None,
    ),
    (
        "Norway striker Leon Strand helped Benfica to a 2-0 win at Porto.",
        ("Benfica", "Porto", 2, 0),
        None,
        None,
    ),
    (
        "Bury fans were delighted with a 2-0 win over Rochdale.",
        ("Bury", "Rochdale", 2, 0),
        None,
        None,
    ),
]

COMPETITION_AND_ROUND: list[Row] = [
    (
        "Bury were beaten 3-1 by Premier League champions Everton in the FA Cup.",
        ("Bury", "Everton", 1, 3),
        "FA Cup",
        None,
    ),
    (
        "Porto, who beat Benfica 1-0 in the cup final, are unbeaten.",
        ("Porto", "Benfica", 1, 0),
        None,
        "final",
    ),
]

KNOWN_MISSES: list[Row] = [
    # the subject of "beating" is the sentence's subject, three clauses back
    (
        "Rochdale knocked out Everton in the second round before beating Bury 2-0.",
        ("Rochdale", "Bury", 2, 0),
        None,
        None,
    ),
    # the score comes after the opponent, with the result noun before it
    ("Everton's defeat to Porto, 2-0 in the end, hurt.", ("Everton", "Porto", 0, 2), None, None),
    # score in words
    ("Benfica beat Porto by three goals to one.", ("Benfica", "Porto", 3, 1), None, None),
]


def _matches(text: str) -> list[MatchClaim]:
    return [m for m in extract_matches(context(text, NAMES)) if isinstance(m, MatchClaim)]


def _check(
    text: str, result: tuple[str, str, int, int], competition: str | None, rnd: str | None
) -> None:
    got = [
        (m.home, m.away, m.home_score, m.away_score, m.competition, m.round) for m in _matches(text)
    ]
    assert got == [(*result, competition, rnd)]


@pytest.mark.parametrize(("text", "result", "competition", "rnd"), NOUN_RESULTS)
def test_result_nouns(
    text: str, result: tuple[str, str, int, int], competition: str | None, rnd: str | None
) -> None:
    _check(text, result, competition, rnd)


@pytest.mark.parametrize(("text", "result", "competition", "rnd"), VERB_RESULTS)
def test_result_verbs(
    text: str, result: tuple[str, str, int, int], competition: str | None, rnd: str | None
) -> None:
    _check(text, result, competition, rnd)


@pytest.mark.parametrize(("text", "result", "competition", "rnd"), FIXTURES)
def test_printed_fixtures(
    text: str, result: tuple[str, str, int, int], competition: str | None, rnd: str | None
) -> None:
    _check(text, result, competition, rnd)


@pytest.mark.parametrize(("text", "result", "competition", "rnd"), WHOSE_RESULT)
def test_whose_result(
    text: str, result: tuple[str, str, int, int], competition: str | None, rnd: str | None
) -> None:
    _check(text, result, competition, rnd)


@pytest.mark.parametrize(("text", "result", "competition", "rnd"), COMPETITION_AND_ROUND)
def test_competition_and_round(
    text: str, result: tuple[str, str, int, int], competition: str | None, rnd: str | None
) -> None:
    _check(text, result, competition, rnd)


@pytest.mark.xfail(strict=True, reason="not read yet")
@pytest.mark.parametrize(("text", "result", "competition", "rnd"), KNOWN_MISSES)
def test_known_misses(
    text: str, result: tuple[str, str, int, int], competition: str | None, rnd: str | None
) -> None:
    _check(text, result, competition, rnd)


@pytest.mark.parametrize(
    "text",
    [
        "Everton play a 4-2-3-1 and Benfica a 3-5-2.",
        "Everton want Leon Strand for the 2025-26 season.",
        "Leon Strand, 24, joined Benfica from Porto.",
        "Everton won 2-1 last week.",
        "The match was played on 12-03-2024 in Porto.",
        "Benfica are 8-1 favourites with the bookmakers against Porto.",
        "Leon Strand scored in the 3-0 win against Norway and again in the 4-2 win against Wales.",
        "Strand scored the winner against Bury, having also netted in a 2-0 win at Rochdale.",
    ],
)
def test_not_results(text: str) -> None:
    assert _matches(text) == []


def test_their_refers_to_the_team_named_before() -> None:
    text = "Everton have been poor. Their 0-2 loss to Bury was the low point."
    got = [(m.home, m.away, m.home_score, m.away_score) for m in _matches(text)]
    assert got == [("Everton", "Bury", 0, 2)]
    assert _matches(text)[0].provenance.extractor == "match.rules.v1"

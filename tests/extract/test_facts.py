"""Facts about people, table by phenomenon, over contexts built by hand (see claimkit)."""

from __future__ import annotations

from datetime import date

import pytest
from claimkit import C, N, Name, P, context

from mercato.domain import EntityKind, FactClaim
from mercato.extract.facts import birth_year_range, extract_facts
from mercato.extract.registry import registered

NAMES: dict[str, Name | EntityKind] = {
    "Tomas Kral": Name(P, "Tomas Kral", "player:kral"),
    "Kral": Name(P, "Tomas Kral", "player:kral"),
    "Rui Pacheco": P,
    "Pacheco": Name(P, "Rui Pacheco"),
    "Dani Ortega": P,
    "Ortega": Name(P, "Dani Ortega"),
    "Fulham": C,
    "Sparta Prague": C,
    "the Cottagers": Name(C, "Fulham"),
    "Valencia": C,
    "Czech Republic": N,
    "Spain": N,
}

Row = tuple[str, set[tuple[str, str, str]]]

AGES: list[Row] = [
    ("Kral, 27, is wanted by Fulham.", {("Tomas Kral", "age", "27")}),
    ("The 19-year-old Dani Ortega could leave Valencia.", {("Dani Ortega", "age", "19")}),
    ("Fulham like Pacheco (31) as a stopgap.", {("Rui Pacheco", "age", "31")}),
    ("Ortega, aged 22, is wanted.", {("Dani Ortega", "age", "22")}),
    ("Kral, twenty-four years old, is wanted.", {("Tomas Kral", "age", "24")}),
    (
        "Fulham agree deal for Dani Ortega. 23yo Spain int'l set for medical.",
        {("Dani Ortega", "age", "23"), ("Dani Ortega", "national_team", "Spain")},
    ),
    (
        "Valencia sign 2003 born winger Dani Ortega.",
        {("Dani Ortega", "birth_year_range", "2003-2003")},
    ),
]

POSITIONS: list[Row] = [
    ("Fulham centre-back Tomas Kral is a target.", {("Tomas Kral", "position", "centre-back")}),
    (
        "Ortega is a left-footed winger.",
        {("Dani Ortega", "position", "winger"), ("Dani Ortega", "foot", "left")},
    ),
    ("The goalkeeper Rui Pacheco has impressed.", {("Rui Pacheco", "position", "goalkeeper")}),
    ("Fulham want Valencia left-back Dani Ortega.", {("Dani Ortega", "position", "left-back")}),
]

CAPS: list[Row] = [
    (
        "Kral, the 33-cap Czech Republic star, is wanted.",
        {("Tomas Kral", "caps", "33"), ("Tomas Kral", "national_team", "Czech Republic")},
    ),
    (
        "Ortega has won 12 caps for Spain.",
        {("Dani Ortega", "caps", "12"), ("Dani Ortega", "national_team", "Spain")},
    ),
    (
        "Ortega has been capped nine times by Spain.",
        {("Dani Ortega", "caps", "9"), ("Dani Ortega", "national_team", "Spain")},
    ),
    ("Pacheco is a Spain international.", {("Rui Pacheco", "national_team", "Spain")}),
    ("Pacheco has 40 caps for his country.", {("Rui Pacheco", "caps", "40")}),
]

STATS: list[Row] = [
    (
        "Kral has scored five goals and laid on eleven assists in 98 appearances for Sparta Prague.",
        {
            ("Tomas Kral", "goals", "5"),
            ("Tomas Kral", "assists", "11"),
            ("Tomas Kral", "appearances", "98"),
        },
    ),
    (
        "Ortega has 17 goal contributions in 60 games for Valencia.",
        {("Dani Ortega", "goal_contributions", "17"), ("Dani Ortega", "appearances", "60")},
    ),
    ("Pacheco has netted 14 times this term.", {("Rui Pacheco", "goals", "14")}),
    (
        "Kral has netted twice and laid out 9 assists in 61 games.",
        {("Tomas Kral", "assists", "9"), ("Tomas Kral", "appearances", "61")},
    ),
    (
        "Ortega has made only nine league appearances this season.",
        {("Dani Ortega", "appearances", "9")},
    ),
    (
        "Pacheco has kept 40 clean sheets in 120 matches.",
        {("Rui Pacheco", "clean_sheets", "40"), ("Rui Pacheco", "appearances", "120")},
    ),
]

MARKET_VALUE: list[Row] = [
    (
        "Ortega is valued at €28m by Transfermarkt.",
        {("Dani Ortega", "market_value", "28000000 EUR")},
    ),
    ("Kral has a market value of £9m.", {("Tomas Kral", "market_value", "9000000 GBP")}),
]

KNOWN_MISSES: list[Row] = [
    # the fronted clause names the stats before the person it belongs to
    ("Having scored nine goals this season, Ortega is in demand.", {("Dani Ortega", "goals", "9")}),
    # a demonym instead of a national team mention
    ("Kral is a Czech international.", {("Tomas Kral", "national_team", "Czech Republic")}),
]


def _facts(text: str) -> set[tuple[str, str, str]]:
    return {
        (c.person, c.fact, c.value)
        for c in extract_facts(context(text, NAMES))
        if isinstance(c, FactClaim)
    }


@pytest.mark.parametrize(("text", "expected"), AGES)
def test_ages(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _facts(text)


@pytest.mark.parametrize(("text", "expected"), POSITIONS)
def test_positions_and_foot(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _facts(text)


@pytest.mark.parametrize(("text", "expected"), CAPS)
def test_caps_and_national_team(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _facts(text)


@pytest.mark.parametrize(("text", "expected"), STATS)
def test_stats(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _facts(text)


@pytest.mark.parametrize(("text", "expected"), MARKET_VALUE)
def test_market_value(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _facts(text)


@pytest.mark.xfail(strict=True, reason="not read yet")
@pytest.mark.parametrize(("text", "expected"), KNOWN_MISSES)
def test_known_misses(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fulham need a striker and Kral is not the answer.",
        "Valencia have lost their last four games.",
        "Kral was signed in 2019 for a small fee.",
        "They play a 4-2-3-1 with Ortega on the left.",
        "Ortega will face plenty of defenders keen to stop him.",
        "Kral deflected the shot past his own keeper.",
        "Kral said he looks forward to the derby.",
        "Fulham want to bolster their forward options before Ortega leaves.",
        '"It was a fine finish from Kral," said the Valencia striker.',
        "Ortega says there are not many left-footed players in the squad.",
        "Ortega will miss a further two games through suspension.",
        "Ortega is out for six games with a knee injury.",
        "Valencia were two goals down when Ortega came on.",
        "Kral says his number one goal is to win the league.",
        "Kral said the owners are the right people to take the club forward.",
        "Kral is injured, so Fulham hope to bring in a highly rated centre-back.",
    ],
)
def test_no_fact_without_a_statement(text: str) -> None:
    facts = _facts(text)
    assert not {f for f in facts if f[1] in ("position", "appearances", "age", "goals")}


def test_descriptor_sentence_takes_the_last_person_named() -> None:
    text = (
        "Fulham are keen on Tomas Kral. Dani Ortega is another option.\n\n"
        "A right-footed defensive midfielder, the 26-year-old has 3 goals and 8 assists in 70 "
        "appearances across all competitions for the Cottagers."
    )
    facts = extract_facts(context(text, NAMES, published=date(2024, 9, 1)))
    got = {(c.person, c.fact, c.value, c.club) for c in facts if isinstance(c, FactClaim)}
    assert ("Dani Ortega", "position", "defensive midfielder", None) in got
    assert ("Dani Ortega", "foot", "right", None) in got
    assert ("Dani Ortega", "age", "26", None) in got
    assert ("Dani Ortega", "birth_year_range", "1997-1998", None) in got
    assert ("Dani Ortega", "appearances", "70", "Fulham") in got
    assert all(c.as_of == date(2024, 9, 1) for c in facts if isinstance(c, FactClaim))
    assert all(c.provenance.extractor == "fact.rules.v1" for c in facts)


def test_linked_descriptor_mention_wins() -> None:
    names = dict(NAMES, **{"the Czech": Name(P, "Tomas Kral", "player:kral")})
    text = "Rui Pacheco was substituted. Later the Czech, 29, scored twice."
    facts = extract_facts(context(text, names))
    assert {(c.person, c.value) for c in facts if isinstance(c, FactClaim) and c.fact == "age"} == {
        ("Tomas Kral", "29")
    }


def test_ids_are_carried() -> None:
    facts = extract_facts(context("Kral, 30, is wanted.", NAMES))
    assert {c.person_id for c in facts if isinstance(c, FactClaim)} == {"player:kral"}


def test_birth_year_range() -> None:
    assert birth_year_range(23, date(2023, 2, 24)) == "1999-2000"


def test_registered() -> None:
    assert "fact.rules.v1" in {r.name for r in registered()}


def test_descriptor_after_a_list_of_names_is_the_article_subject() -> None:
    text = (
        "Fulham are tracking Tomas Kral. Scouts watched Kral again on Sunday.\n\n"
        "Dani Ortega, Rui Pacheco and two others are expected to leave.\n\n"
        "Overall, the former league winner has scored 4 goals in 50 games for Sparta Prague."
    )
    facts = [c for c in extract_facts(context(text, NAMES)) if isinstance(c, FactClaim)]
    assert {(c.person, c.fact, c.value, c.club) for c in facts} >= {
        ("Tomas Kral", "goals", "4", "Sparta Prague"),
        ("Tomas Kral", "appearances", "50", "Sparta Prague"),
    }


@pytest.mark.xfail(strict=True, reason="no subject/object distinction without a parse")
def test_descriptor_after_an_object_mention_known_miss() -> None:
    text = (
        "Fulham want Tomas Kral. He would partner Dani Ortega.\n\n"
        "The 25-year-old has 6 assists in 40 games."
    )
    facts = [c for c in extract_facts(context(text, NAMES)) if isinstance(c, FactClaim)]
    assert ("Tomas Kral", "assists", "6") in {(c.person, c.fact, c.value) for c in facts}


@pytest.mark.parametrize(
    "text",
    [
        # the descriptor belongs to a name the recogniser did not know
        "Fulham are tracking Tomas Kral.\n\nFormer Valencia defender Jamie Hollis says it is a good fit.",
    ],
)
def test_descriptor_of_someone_else_is_not_attached(text: str) -> None:
    assert not {f for f in _facts(text) if f[1] == "position"}


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (
            "Kral's agent Rui Pacheco has told fans that the Czech defender will stay.",
            ("Tomas Kral", "position", "defender"),
            ("Rui Pacheco", "position", "defender"),
        ),
        (
            (
                "Dani Ortega's deal runs out and his agent, Rui Pacheco, has met Fulham about the "
                "22-year-old joining them."
            ),
            ("Dani Ortega", "age", "22"),
            ("Rui Pacheco", "age", "22"),
        ),
        (
            "Tomas Kral is set to join Fulham in a deal that would pay the 27-year-old £90,000 a week.",
            ("Tomas Kral", "age", "27"),
            None,
        ),
    ],
)
def test_definite_descriptor_in_mid_sentence_is_the_first_player_named(
    text: str, expected: tuple[str, str, str], not_expected: tuple[str, str, str] | None
) -> None:
    facts = _facts(text)
    assert expected in facts
    assert not_expected not in facts


def test_descriptor_in_apposition_is_attached() -> None:
    assert ("Rui Pacheco", "position", "goalkeeper") in _facts(
        "Fulham signed Rui Pacheco, the veteran goalkeeper, in 2021."
    )


def test_caps_for_his_country_names_no_national_team() -> None:
    assert not {
        f for f in _facts("Pacheco has 40 caps for his country.") if f[1] == "national_team"
    }


def test_stats_are_not_read_for_managers() -> None:
    names = dict(NAMES, **{"Rui Pacheco": Name(EntityKind.MANAGER, "Rui Pacheco")})
    facts = extract_facts(context("Rui Pacheco won 20 games in his first season.", names))
    assert not [c for c in facts if isinstance(c, FactClaim) and c.fact == "appearances"]


def test_sentence_opening_with_an_unknown_name_is_not_about_the_last_person() -> None:
    text = "Fulham want Tomas Kral.\n\nMarlow, who has 33 caps, was left out of the squad."
    assert not {f for f in _facts(text) if f[1] == "caps"}


def test_international_descriptor_is_not_the_boss() -> None:
    names = dict(NAMES, **{"Martin Hale": Name(EntityKind.MANAGER, "Martin Hale")})
    text = "Boss Martin Hale would let the Spain international go for the right price."
    facts = extract_facts(context(text, names))
    assert not [c for c in facts if isinstance(c, FactClaim) and c.person == "Martin Hale"]


def test_people_named_as_managers_get_no_player_facts() -> None:
    text = (
        "Rui Pacheco is in his second spell as Valencia caretaker boss.\n\n"
        "Pacheco has won 6 games and is a former Spain international."
    )
    assert not {f for f in _facts(text) if f[0] == "Rui Pacheco" and f[1] != "age"}

"""Merging claims into stories: names written differently, windows, exits, knowledge-base ids."""

from __future__ import annotations

import pytest
from storykit import claim

from mercato.domain import Window
from mercato.stories.merge import merge_stories
from mercato.stories.names import club_key, clubs_match, persons_match, window_for_date


def _groups(claims):
    stories = merge_stories(claims)
    where = {cid: s.id for s in stories for m in s.claims for cid in [m.claim_id]}
    return stories, where


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # press spellings of one club
        ("Man Utd", "Manchester United", True),
        ("Spurs", "Tottenham Hotspur", True),
        ("Paris St-Germain", "PSG", True),
        ("Inter Milan", "Internazionale", True),
        ("Newcastle", "Newcastle United", True),
        ("Arsenal FC", "Arsenal", True),
        ("Bayern Munich", "FC Bayern München", True),
        ("Atletico Madrid", "Atlético de Madrid", True),
        ("Genoa CFC", "Genoa", True),
        # different clubs that share a word
        ("Manchester United", "Manchester City", False),
        ("Inter Milan", "AC Milan", False),
        ("Real Madrid", "Atletico Madrid", False),
        ("Manchester", "Manchester City", False),
        ("Everton", "Liverpool", False),
    ],
)
def test_club_names(a: str, b: str, same: bool) -> None:
    assert clubs_match(a, b) is same


def test_club_key_is_stable_for_accents_and_affixes() -> None:
    assert club_key("Borussia Mönchengladbach") == club_key("Gladbach")
    assert club_key(None) == ""


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Jonas Brekke", "Brekke", True),
        ("Lúcio Ferrão", "Lucio Ferrao", True),
        ("Dani van der Berg", "Van der Berg", True),
        ("Jonas Brekke", "Mats Brekke", False),
        ("Jonas Brekke", "Jonas Brekken", False),
    ],
)
def test_person_names(a: str, b: str, same: bool) -> None:
    assert persons_match(a, b) is same


@pytest.mark.parametrize(
    ("day", "window"),
    [
        ("2021-01-15", Window(2021, "winter")),
        ("2021-02-01", Window(2021, "winter")),
        ("2021-02-02", Window(2021, "summer")),
        ("2021-09-01", Window(2021, "summer")),
        ("2021-09-02", Window(2022, "winter")),
        ("2021-12-30", Window(2022, "winter")),
    ],
)
def test_window_for_date(day: str, window: Window) -> None:
    from datetime import date

    assert window_for_date(date.fromisoformat(day)) == window


def test_claims_about_one_move_merge_across_outlets_and_spellings() -> None:
    claims = [
        claim("Jonas Brekke", "Manchester United", "2021-03-01", source="Mail"),
        claim("Brekke", "Man Utd", "2021-03-04", source="Sun"),
        claim("Jonas Brekke", "Man Utd", "2021-04-10", source="Times"),
    ]
    stories, _ = _groups(claims)
    assert len(stories) == 1
    assert stories[0].person == "Jonas Brekke"
    assert len(stories[0].claims) == 3


def test_different_destinations_are_different_stories() -> None:
    claims = [
        claim("Jonas Brekke", "Manchester United", "2021-03-01"),
        claim("Jonas Brekke", "Manchester City", "2021-03-02"),
        claim("Jonas Brekke", "Arsenal", "2021-03-03"),
    ]
    stories, _ = _groups(claims)
    assert len(stories) == 3


def test_same_move_in_another_window_is_another_story() -> None:
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01"),
        claim("Jonas Brekke", "Arsenal", "2021-10-01"),
        claim("Jonas Brekke", "Arsenal", "2021-10-05", window=Window(2022, "summer")),
    ]
    stories, _ = _groups(claims)
    assert sorted((s.window.year, s.window.part) for s in stories) == [
        (2021, "summer"), (2022, "summer"), (2022, "winter"),
    ]


def test_exits_without_destination_are_their_own_stories() -> None:
    claims = [
        claim("Jonas Brekke", None, "2021-03-01", from_club="Everton"),
        claim("Jonas Brekke", None, "2021-03-08", from_club="Everton"),
        claim("Jonas Brekke", "Arsenal", "2021-03-09", from_club="Everton"),
    ]
    stories, _ = _groups(claims)
    exits = [s for s in stories if s.is_exit]
    assert len(stories) == 2 and len(exits) == 1
    assert len(exits[0].claims) == 2
    assert "exit-everton" in exits[0].id


def test_two_people_sharing_a_surname_stay_apart_and_surname_follows_the_club() -> None:
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01", from_club="Everton"),
        claim("Mats Brekke", "Arsenal", "2021-03-01", from_club="Lyon"),
        claim("Brekke", "Arsenal", "2021-03-05", from_club="Lyon"),
    ]
    stories, where = _groups(claims)
    assert len(stories) == 2
    assert where[claims[2][0]] == where[claims[1][0]]


def test_knowledge_base_ids_join_names_the_rules_do_not() -> None:
    claims = [
        claim("Jonas Brekke", "Wolverhampton", "2021-03-01", to_club_id="club:wolves"),
        claim("Jonas Brekke", "Wanderers of Wolverhampton", "2021-03-02", to_club_id="club:wolves"),
        claim("J. Brekke-Olsen", "Wolverhampton", "2021-03-03", person_id="person:brekke"),
        claim("Jonas Brekke", "Wolverhampton", "2021-03-04", person_id="person:brekke"),
    ]
    stories, _ = _groups(claims)
    assert len(stories) == 1


def test_undated_claims_are_left_out() -> None:
    cid, c = claim("Jonas Brekke", "Arsenal", "2021-03-01")
    from dataclasses import replace

    undated = replace(c, provenance=replace(c.provenance, published=None))
    assert merge_stories([(cid, undated)]) == []


def test_story_ids_are_stable_as_claims_arrive() -> None:
    first = [claim("Jonas Brekke", "Arsenal", "2021-03-01")]
    later = first + [claim("Jonas Brekke", "Arsenal FC", "2021-03-09", source="Sun")]
    assert merge_stories(first)[0].id == merge_stories(later)[0].id


def test_as_of_cut_keeps_only_earlier_claims() -> None:
    from datetime import date

    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01"),
        claim("Jonas Brekke", "Arsenal", "2021-03-09", source="Sun"),
    ]
    story = merge_stories(claims)[0]
    assert story.as_of(date(2021, 2, 1)) is None
    cut = story.as_of(date(2021, 3, 5))
    assert cut is not None and len(cut.claims) == 1


def test_a_rumour_naming_a_window_already_shut_belongs_to_the_current_one() -> None:
    from mercato.domain import Stage

    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01"),
        claim("Jonas Brekke", "Arsenal", "2021-03-09", window=Window(2020, "summer")),
        claim("Jonas Brekke", "Lyon", "2021-03-09", window=Window(2019, "summer"), stage=Stage.SIGNED),
    ]
    stories, _ = _groups(claims)
    arsenal = [s for s in stories if s.to_club == "Arsenal"]
    assert len(arsenal) == 1 and len(arsenal[0].claims) == 2
    # history told as done keeps its own window
    assert [s.window for s in stories if s.to_club == "Lyon"] == [Window(2019, "summer")]


def test_one_person_under_full_middle_and_short_names_is_one_story() -> None:
    claims = [
        claim("Erling Haaland", "Real Madrid", "2022-03-01"),
        claim("Erling Braut Haaland", "Real Madrid", "2022-03-03"),
        claim("Braut Haaland", "Real Madrid", "2022-03-05"),
        claim("Haaland", "Real Madrid", "2022-03-07"),
        claim("Håland", "Real Madrid", "2022-03-08", source="Marca"),  # another spelling: not joined
    ]
    stories = merge_stories(claims)
    joined = [s for s in stories if len(s.claims) == 4]
    assert len(joined) == 1
    # the id stays the one of the name met first; the name shown is the fullest
    assert joined[0].id == "erling-haaland--real-madrid--2022-summer"
    assert joined[0].person == "Erling Braut Haaland"


def test_a_short_name_inside_two_peoples_full_names_stays_apart() -> None:
    claims = [
        claim("Bernardo Silva", "Barcelona", "2022-03-01"),
        claim("Bernardo Mota Silva", "Barcelona", "2022-03-02"),
        claim("Bernardo Costa Silva", "Barcelona", "2022-03-03"),
    ]
    assert len(merge_stories(claims)) == 3

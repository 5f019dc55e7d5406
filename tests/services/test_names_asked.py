"""Which stored keys a name asks for: a key, a shown name, or part of a key."""

from __future__ import annotations

from mercato.services.names import keys_asked, moves_asked
from mercato.stories.names import club_key, person_key

STORED = [
    ("rodrigo", "Rodrigo de Paul"),  # a story kept under its claims' shared key
    ("rodrigo", "Rodrigo"),
    ("erling haaland", "Erling Braut Haaland"),
    ("rodrygo", "Rodrygo"),
]


def test_a_stored_key_asks_for_itself_only() -> None:
    assert keys_asked("Rodrigo", person_key, STORED) == {"rodrigo"}
    assert keys_asked("ERLING HAALAND", person_key, STORED) == {"erling haaland"}


def test_a_shown_name_asks_for_the_key_it_is_shown_under() -> None:
    assert keys_asked("Rodrigo de Paul", person_key, STORED) == {"rodrigo"}
    assert keys_asked("Erling Braut Haaland", person_key, STORED) == {"erling haaland"}


def test_part_of_a_key_comes_before_a_shown_name() -> None:
    stored = [("harry kane", "Kane"), ("kane", "Kane Vincent-Young")]
    assert keys_asked("Kane", person_key, stored) == {"kane"}, "a key first"
    assert keys_asked("Kane Vincent-Young", person_key, stored) == {"kane"}, "then shown names"
    assert keys_asked("arry", person_key, stored) == {"harry kane"}


def test_part_of_a_name_asks_for_every_key_containing_it() -> None:
    assert keys_asked("haaland", person_key, STORED) == {"erling haaland"}
    assert keys_asked("rod", person_key, STORED) == {"rodrigo", "rodrygo"}
    assert keys_asked("nobody", person_key, STORED) == set()
    assert keys_asked("--", person_key, STORED) == set(), "a name that folds to nothing"


def test_clubs_fold_through_their_aliases() -> None:
    stored = [("manchester united", "Manchester United"), ("rb", "RB")]
    assert keys_asked("Man Utd", club_key, stored) == {"manchester united"}
    assert keys_asked("RB", club_key, stored) == {"rb"}


def test_a_move_is_incoming_when_its_destination_is_the_club() -> None:
    assert moves_asked(into=True, out_of=False, direction="in")
    assert not moves_asked(into=False, out_of=True, direction="in")
    assert moves_asked(into=False, out_of=True, direction="out")
    assert not moves_asked(into=True, out_of=True, direction="out"), "counted once, as incoming"
    assert moves_asked(into=False, out_of=True, direction=None)
    assert not moves_asked(into=False, out_of=False, direction=None)

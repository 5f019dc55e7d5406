"""Quotes, table by phenomenon, over contexts built by hand (see claimkit)."""

from __future__ import annotations

import pytest
from claimkit import PERSON, C, J, Name, O, P, context

from mercato.domain import EntityKind, Quote
from mercato.extract.quotes import extract_quotes

NAMES: dict[str, Name | EntityKind] = {
    "Hugo Lindqvist": Name(P, "Hugo Lindqvist", "player:lindqvist"),
    "Lindqvist": Name(P, "Hugo Lindqvist", "player:lindqvist"),
    "Oskar Berg": P,
    "Berg": Name(P, "Oskar Berg"),
    "Martin Dale": Name(PERSON, "Martin Dale", "person:dale"),
    "Dale": Name(PERSON, "Martin Dale", "person:dale"),
    "Kerry Fenn": J,
    "Fenn": Name(J, "Kerry Fenn"),
    "Celtic": C,
    "Sky Sports": O,
    "The Guardian": O,
    "talkSPORT": O,
    "the Swede": Name(P, "Hugo Lindqvist"),
}

# (text, speaker, outlet, about, first words of the quote)
Row = tuple[str, str, str | None, str | None, str]

SAID_AFTER: list[Row] = [
    (
        '"Berg has been our best player by a distance," said Martin Dale.',
        "Martin Dale",
        None,
        "Oskar Berg",
        "Berg has been",
    ),
    (
        '"We will not sell Lindqvist this summer," Dale told Sky Sports.',
        "Martin Dale",
        "Sky Sports",
        "Hugo Lindqvist",
        "We will not",
    ),
    (
        "“I am happy here and want to stay,” Lindqvist added.",
        "Hugo Lindqvist",
        None,
        None,
        "I am happy",
    ),
]

INTRO_BEFORE: list[Row] = [
    (
        'Martin Dale told talkSPORT: "Lindqvist is a top, top player for us."',
        "Martin Dale",
        "talkSPORT",
        "Hugo Lindqvist",
        "Lindqvist is",
    ),
    (
        'Asked about the striker, Dale said: "Berg knows what we think of him."',
        "Martin Dale",
        None,
        "Oskar Berg",
        "Berg knows",
    ),
]

CARRIED_OVER: list[Row] = [
    (
        (
            "Writing for The Guardian, veteran columnist Kerry Fenn criticised Hugo Lindqvist "
            'after the defeat. She said:\n\n"Lindqvist drifted out of the game, and the Swede has '
            'to do more."'
        ),
        "Kerry Fenn",
        "The Guardian",
        "Hugo Lindqvist",
        "Lindqvist drifted",
    ),
]

KNOWN_MISSES: list[Row] = [
    # speaker named only by a role description the recogniser does not link
    (
        '"It is a huge blow for the squad," the Celtic manager said.',
        "Martin Dale",
        None,
        None,
        "It is a huge",
    ),
]


def _quotes(text: str) -> list[Quote]:
    return [q for q in extract_quotes(context(text, NAMES)) if isinstance(q, Quote)]


def _check(text: str, speaker: str, outlet: str | None, about: str | None, start: str) -> None:
    quotes = _quotes(text)
    assert [(q.speaker, q.outlet, q.about) for q in quotes] == [(speaker, outlet, about)]
    assert quotes[0].text.startswith(start)
    assert quotes[0].provenance.span.text.strip('"“”') == quotes[0].text


@pytest.mark.parametrize(("text", "speaker", "outlet", "about", "start"), SAID_AFTER)
def test_said_after(
    text: str, speaker: str, outlet: str | None, about: str | None, start: str
) -> None:
    _check(text, speaker, outlet, about, start)


@pytest.mark.parametrize(("text", "speaker", "outlet", "about", "start"), INTRO_BEFORE)
def test_intro_before(
    text: str, speaker: str, outlet: str | None, about: str | None, start: str
) -> None:
    _check(text, speaker, outlet, about, start)


@pytest.mark.parametrize(("text", "speaker", "outlet", "about", "start"), CARRIED_OVER)
def test_speaker_carried_over(
    text: str, speaker: str, outlet: str | None, about: str | None, start: str
) -> None:
    _check(text, speaker, outlet, about, start)


@pytest.mark.xfail(strict=True, reason="not read yet")
@pytest.mark.parametrize(("text", "speaker", "outlet", "about", "start"), KNOWN_MISSES)
def test_known_misses(
    text: str, speaker: str, outlet: str | None, about: str | None, start: str
) -> None:
    _check(text, speaker, outlet, about, start)


def test_column_quote_then_second_quote_keeps_speaker_and_outlet() -> None:
    text = (
        "In his column for The Guardian, former Celtic winger Martin Dale hit out at Oskar Berg "
        "for a poor display. He said:\n\n"
        '"Lindqvist was left exposed, but Berg should take the blame. The Swede was fine."\n\n'
        "Calling for Celtic to move him on, Dale added:\n\n"
        '"I would listen to offers for Berg now. It is time."'
    )
    quotes = _quotes(text)
    assert [(q.speaker, q.outlet, q.about) for q in quotes] == [
        ("Martin Dale", "The Guardian", "Oskar Berg"),
        ("Martin Dale", "The Guardian", "Oskar Berg"),
    ]
    assert quotes[0].speaker_id == "person:dale"
    assert all(q.provenance.extractor == "quote.rules.v1" for q in quotes)


def test_paragraph_continuing_a_quote_keeps_the_speaker() -> None:
    text = (
        'Dale said: "We have spoken to Lindqvist about his future."\n\n'
        '"Nothing has been decided and we will talk again soon."'
    )
    assert [q.speaker for q in _quotes(text)] == ["Martin Dale", "Martin Dale"]


@pytest.mark.parametrize(
    "text",
    [
        'Celtic fans call Berg "the Wall".',
        '"Nobody knows what happens next in this saga, frankly."',
        "Lindqvist said he was happy at Celtic.",
        # an organisation speaks, with a person named earlier in the sentence
        'Dale was sent off, but the league confirmed: "There will be no further action on this."',
        # the quote closed its sentence; the next one merely starts with a name
        '"We will not comment on this matter at all." Dale claimed his gesture was a joke.',
        # "he" is the described subject ("The Scot"), not the person named after the verb
        (
            "The Scot initially defended Berg after the game. He said: "
            '"I believe the decision was wrong and I stand by it."'
        ),
        # "he" is the described subject ("the Norwegian coach"), not the person named after it
        (
            'But the Norwegian coach wants Martin Dale to call him. He said: "If Dale wants '
            'answers, he can ring me."'
        ),
    ],
)
def test_no_quote_without_speech_and_speaker(text: str) -> None:
    assert _quotes(text) == []


def test_he_said_after_a_quote_is_the_subject_before_it() -> None:
    text = (
        '"I have nothing more to add on it," said Dale. "We move on now."\n\n'
        'Later Berg accused Lindqvist of diving. "Lindqvist went down far too easily," he said.'
    )
    quotes = _quotes(text)
    assert [(q.speaker, q.about) for q in quotes] == [
        ("Martin Dale", None),
        ("Martin Dale", None),
        ("Oskar Berg", "Hugo Lindqvist"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        (
            "Celtic manager Martin Dale has lost Berg to injury.\n\n"
            '"It is a huge blow for the squad," the Celtic manager said.'
        ),
        (
            "Celtic boss Martin Dale has lost Berg to injury.\n\n"
            '"It is a huge blow for the squad," said the Celtic boss.'
        ),
        (
            "Celtic boss Martin Dale has lost Berg to injury. The Celtic manager added: "
            '"It is a huge blow for the squad."'
        ),
    ],
)
def test_speaker_named_by_role_is_the_person_introduced_with_it(text: str) -> None:
    assert [q.speaker for q in _quotes(text)] == ["Martin Dale"]


def test_role_nobody_was_introduced_with_gives_no_speaker() -> None:
    text = 'Martin Dale watched on.\n\n"It is a huge blow for us all," said the Celtic captain.'
    assert _quotes(text) == []

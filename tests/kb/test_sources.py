"""Canonical sources: printed labels, domains, handles and leftovers resolved through the KB."""

from __future__ import annotations

import pytest

from mercato.kb.sources import ANNOUNCER, JOURNALIST, OUTLET, UNKNOWN, resolve_source

SAME_SOURCE = [
    ("BBC Sport", ["bbc.com", "bbc.co.uk", "www.bbc.co.uk", "BBC", "@BBCSport"]),
    ("Sky Sports", ["skysports.com", "Sky", "Sky Sports News", "news.sky.com"]),
    ("Daily Mail", ["dailymail.co.uk", "Mail Online", "MailOnline", "Mail", "Daily Mail"]),
    ("Sky Sports", ["SkySportsNews", "SkySports"]),  # a handle spelling the name without spaces
    ("Fabrizio Romano", ["Romano", "@FabrizioRomano", "FabrizioRomano, Twitter",
                         "Fabrizio Romano (X/Twitter)", "Fabrizio Romano on Twitter"]),
    ("The Times", ["Times - subscription required", "The Times", "Times"]),
    ("AS", ["en.as.com", "as.com"]),
]  # fmt: skip


@pytest.mark.parametrize(("canonical", "printed"), SAME_SOURCE)
def test_every_printed_form_is_one_source(canonical: str, printed: list[str]) -> None:
    for label in printed:
        found = resolve_source(label)
        assert found is not None and found.name == canonical, label


def test_kinds_come_from_the_knowledge_base() -> None:
    assert resolve_source("Romano").kind == JOURNALIST  # type: ignore[union-attr]
    assert resolve_source("bbc.com").kind == OUTLET  # type: ignore[union-attr]
    unknown = resolve_source("Corriere di Borgo Nuovo")
    assert unknown is not None and unknown.kind == UNKNOWN and unknown.name == "Corriere di Borgo Nuovo"


LEFTOVERS = [
    ("Tuttosport.Despite", "Tuttosport"),  # a label run into the next sentence
    ("Telegraph.Arteta", "The Telegraph"),
    ("On Saturday The Athletic", "The Athletic"),  # words of the sentence before the name
    ("Italian journalist Fabrizio Romano", "Fabrizio Romano"),
    ("Italian", None),  # a nationality names no source
    ("Sources close to the player", None),
    ("On Saturday", None),
    ("reports", None),
    ("twitter.com", None),  # a platform is where someone spoke, not who
    ("google.co.uk", None),  # a search page or translation proxy wrote nothing
    ("GoogleTranslate", None),
    ("France", None),  # a country is no source
    ("Bayer Leverkusen's", "Bayer 04 Leverkusen"),  # a club speaking for itself (an announcer)
    ("Football", None),
    ("Club CEO Marco Bianchi", None),  # a club official quoted
    ("", None),
]


@pytest.mark.parametrize(("label", "canonical"), LEFTOVERS)
def test_parsing_leftovers_never_become_sources(label: str, canonical: str | None) -> None:
    found = resolve_source(label)
    assert (found.name if found else None) == canonical


CHANNELS = [
    ("arsenal.com", "Arsenal FC"),
    ("evertonfc.com", "Everton FC"),
    ("lcfc.com", "Leicester City FC"),  # initials and "fc"
    ("avfc.co.uk", "Aston Villa FC"),
    ("tottenhamhotspur.com", "Tottenham Hotspur FC"),
    ("manutd.com", "Manchester United FC"),
    ("@LFC", "Liverpool FC"),
    ("premierleague.com", None),  # a league's site
    ("Premier League", None),
    ("Arsenal website", "Arsenal FC"),
    ("the club's official website", None),
]


@pytest.mark.parametrize(("label", "club"), CHANNELS)
def test_clubs_and_leagues_own_channels_are_announcers(label: str, club: str | None) -> None:
    found = resolve_source(label)
    assert found is not None and found.kind == ANNOUNCER and not found.rated, label
    if club is not None:
        assert found.name == club


@pytest.mark.parametrize("label", ["justarsenal.com", "hammers.news", "readliverpoolfc.com"])
def test_fan_sites_are_not_club_channels(label: str) -> None:
    found = resolve_source(label)
    assert found is not None and found.kind != ANNOUNCER

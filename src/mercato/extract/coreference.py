"""Within one article: surnames to the full name met elsewhere, and clubs to one display name.

"Bastoni" after "Alessandro Bastoni" is him; "Van Dijk" is "Virgil van Dijk". A lone capitalised
word that matches nobody's surname and has no cue of being a person is dropped rather than
guessed into a person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from mercato.domain import EntityKind, Mention
from mercato.extract.context import PERSON_KINDS
from mercato.extract.names import MANAGER_NOUNS, PLAYER_NOUNS
from mercato.kb.normalise import strip_accents

_AGE_AFTER = re.compile(r"^\s*,\s*\d{2}\s*[,)]")
_LEGAL_FORMS = re.compile(
    r"^(?:FC|AFC|CF|SC|SK|FK|NK|KV|KRC|RSC|AS|SS|SSC|US|ACF|CD|UD|SD|RCD|RC|OGC|SV|BSC|"
    r"1\.|AC|PFC|GNK|HNK|SL|CA|CR|SE|EC|IF|BK|AIK|FF|GD|Club)\s+|"
    r"\s+(?:FC|AFC|CF|SC|SK|FK|BC|CFC|Calcio|JK|IF|BK|FF|SAD|F\.C\.|A\.F\.C\.)$"
)
# Legal forms that are part of how English writers name the club.
_KEEP_FORMS = frozenset({"AC Milan", "AS Roma", "AS Monaco"})


def _key(name: str) -> str:
    return strip_accents(name).casefold()


def display_club_name(name: str, city: str | None = None) -> str:
    """A club's name as English copy prints it: legal forms and a trailing city dropped.

    "Fenerbahçe İstanbul" -> "Fenerbahçe", "Celtic FC" -> "Celtic"; "AC Milan" stays.
    """
    if name in _KEEP_FORMS:
        return name
    previous = None
    while previous != name:
        previous = name
        stripped = _LEGAL_FORMS.sub("", name).strip()
        name = stripped or name
    if city:
        town = _key(city.split("\u203a")[0].strip())
        words = name.split()
        if len(words) >= 2 and _key(words[-1]) == town:
            name = " ".join(words[:-1])
    return name


def resolve_people(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Give every person mention the fullest name the article uses for him; drop non-names."""
    people = [m for m in mentions if m.kind in PERSON_KINDS]
    full_names = sorted({m.span.text for m in people if len(m.span.text.split()) >= 2}, key=len, reverse=True)
    resolved: list[Mention] = []
    for mention in mentions:
        if mention.kind not in PERSON_KINDS:
            resolved.append(mention)
            continue
        surface = mention.span.text
        fuller = _fuller_name(surface, full_names)
        if fuller is not None:
            resolved.append(replace(mention, label=fuller))
            continue
        if len(surface.split()) >= 2 or _looks_like_person(text, mention):
            resolved.append(replace(mention, label=surface))
    roles = _roles_by_label(resolved)
    return [replace(m, kind=roles.get(m.label, m.kind)) if m.kind in PERSON_KINDS else m for m in resolved]


def _fuller_name(surface: str, full_names: list[str]) -> str | None:
    key = _key(surface)
    for full in full_names:
        full_key = _key(full)
        if full_key == key:
            return full
        if full_key.endswith(" " + key):
            return full
    return None


def _looks_like_person(text: str, mention: Mention) -> bool:
    before = text[max(0, mention.span.start - 25) : mention.span.start].lower().split()
    if before and (before[-1].strip(",") in PLAYER_NOUNS or before[-1] in MANAGER_NOUNS):
        return True
    return bool(_AGE_AFTER.match(text[mention.span.end : mention.span.end + 8]))


def _roles_by_label(mentions: Sequence[Mention]) -> dict[str, EntityKind]:
    """A person called manager once in the article is a manager in all of it."""
    roles: dict[str, EntityKind] = {}
    for mention in mentions:
        if mention.kind is EntityKind.MANAGER:
            roles[mention.label] = EntityKind.MANAGER
    return roles

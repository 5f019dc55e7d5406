"""Descriptors that stand for a person already named: "the 23-year-old", "the Dutchman",
"the former Southampton defender", "the Brazil international"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mercato.domain import EntityKind
from mercato.kb.catalogue import Catalogue

ROLE_NOUNS = (
    "player",
    "footballer",
    "star",
    "international",
    "youngster",
    "teenager",
    "talent",
    "prospect",
    "forward",
    "striker",
    "attacker",
    "winger",
    "midfielder",
    "playmaker",
    "defender",
    "centre-back",
    "center-back",
    "full-back",
    "right-back",
    "left-back",
    "wing-back",
    "goalkeeper",
    "keeper",
    "captain",
    "veteran",
    "winner",
    "frontman",
    "man",
    "manager",
    "coach",
    "boss",
    "head coach",
)
STAFF_ROLES = frozenset({"manager", "coach", "boss", "head coach"})
# Roles that only a player can hold; a chairman or a coach does not fit "the striker".
PLAYER_ROLES = frozenset(ROLE_NOUNS) - STAFF_ROLES - {"man", "captain", "veteran", "winner", "star"}
_ROLE = "|".join(sorted((re.escape(r) for r in set(ROLE_NOUNS)), key=len, reverse=True))
_AGE = re.compile(r"^(?:the\s+)?(?P<age>\d{2})-year-old(?:\s+(?P<rest>.+))?$", re.IGNORECASE)
_FORMER = re.compile(
    rf"^(?:the\s+)?(?:former|ex-|ex)\s*(?P<team>.+?)\s+(?P<role>{_ROLE})$", re.IGNORECASE
)
_TEAM_ROLE = re.compile(
    rf"^(?:[Tt]he\s+)?(?P<team>[A-Z][\w'.&-]*(?:\s+[A-Z][\w'.&-]*)*)\s+(?P<role>{_ROLE})$"
)
_BARE_ROLE = re.compile(rf"^(?:the\s+)?(?:[a-z-]+\s+)*(?P<role>{_ROLE})$", re.IGNORECASE)
_DEMONYM = re.compile(r"^[Tt]he\s+(?:[a-z-]+\s+)*(?P<word>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)$")


@dataclass(frozen=True)
class Descriptor:
    """What a descriptor says about the person it stands for."""

    text: str
    age: int | None = None
    nation_id: str | None = None
    club_id: str | None = None  # "the Chelsea midfielder": the club now
    former_club_id: str | None = None  # "the former Southampton defender"
    role: str | None = None
    is_former: bool = False  # the role is past: a former defender may be a manager now


def parse_descriptor(text: str, catalogue: Catalogue) -> Descriptor | None:
    """Read a descriptor; None when the text is a name rather than a description."""
    text = " ".join(text.split())
    age = _AGE.match(text)
    if age:
        rest = (
            parse_descriptor(f"the {age.group('rest')}", catalogue) if age.group("rest") else None
        )
        base = rest or Descriptor(text)
        return Descriptor(
            text,
            int(age.group("age")),
            base.nation_id,
            base.club_id,
            base.former_club_id,
            base.role,
            base.is_former,
        )
    former = _FORMER.match(text)
    if former:
        club = _team(former.group("team"), catalogue, {EntityKind.CLUB})
        nation = _team(former.group("team"), catalogue, {EntityKind.NATIONAL_TEAM})
        role = former.group("role").lower()
        return Descriptor(text, former_club_id=club, nation_id=nation, role=role, is_former=True)
    demonym = _DEMONYM.match(text)
    if demonym:
        nation = _team(
            demonym.group("word"), catalogue, {EntityKind.NATIONAL_TEAM}, demonym_only=True
        )
        if nation is not None:
            return Descriptor(text, nation_id=nation)
    team_role = _TEAM_ROLE.match(text)
    if team_role:
        team = team_role.group("team")
        role = team_role.group("role").lower()
        nation = _team(team, catalogue, {EntityKind.NATIONAL_TEAM})
        if nation is not None:
            return Descriptor(text, nation_id=nation, role=role)
        club = _team(team, catalogue, {EntityKind.CLUB})
        if club is not None:
            return Descriptor(text, club_id=club, role=role)
    bare = _BARE_ROLE.match(text)
    if bare and (text[:1].islower() or text.lower().startswith("the ")):
        return Descriptor(text, role=bare.group("role").lower())
    return None


def _team(
    surface: str, catalogue: Catalogue, kinds: set[EntityKind], demonym_only: bool = False
) -> str | None:
    for entity in catalogue.candidates(surface, kinds):
        if demonym_only and "demonym" not in catalogue.alias_kinds(surface, entity.id):
            continue
        return entity.id
    return None

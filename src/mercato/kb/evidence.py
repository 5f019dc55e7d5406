"""What the article itself says about a person near their name: age, nationality, clubs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from mercato.domain import Entity, EntityKind
from mercato.kb.catalogue import Catalogue

_AGE_AFTER = re.compile(r"^\s*(?:,\s*|\()(\d{2})(?:\s*,|\)|\s)")
_AGE_BEFORE = re.compile(r"(\d{2})-year-old\s+(?:[\w-]+\s+){0,2}$")
_STAFF_BEFORE = re.compile(
    r"\b(chairman|owner|president|boss|manager|coach|director|chief executive|agent|adviser|advisor)\s+$",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?")
_WINDOW = 40


@dataclass
class PersonEvidence:
    """Facts the text states beside a person's name."""

    ages: set[int] = field(default_factory=set)
    nations: set[str] = field(default_factory=set)
    clubs: set[str] = field(default_factory=set)
    is_staff: bool = False  # named as a chairman, coach, agent... rather than a player


def gather_evidence(text: str, starts: list[int], catalogue: Catalogue) -> PersonEvidence:
    """Ages ("Bastoni, 23,"), nationalities ("Italy star X") and clubs next to each mention."""
    evidence = PersonEvidence()
    for start in starts:
        end = _name_end(text, start)
        after = text[end : end + _WINDOW]
        before = text[max(0, start - _WINDOW) : start]
        before = re.split(r"[.!?\n]", before)[-1]
        after = re.split(r"[.!?\n]", after)[0]
        if _STAFF_BEFORE.search(before):
            evidence.is_staff = True
        for match in (_AGE_AFTER.match(after), _AGE_BEFORE.search(before)):
            if match:
                evidence.ages.add(int(match.group(1)))
        for word in _CAPITALISED.findall(before):
            for entity in catalogue.candidates(word, {EntityKind.NATIONAL_TEAM})[:1]:
                kinds = catalogue.alias_kinds(word, entity.id)
                if set(kinds) & {"name", "demonym", "alternate"}:
                    evidence.nations.add(entity.id)
            for entity in catalogue.candidates(word, {EntityKind.CLUB})[:1]:
                if not catalogue.is_ambiguous(word, {EntityKind.CLUB}):
                    evidence.clubs.add(entity.id)
    return evidence


def _name_end(text: str, start: int) -> int:
    match = re.match(r"[\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*", text[start:])
    return start + (match.end() if match else 0)


def age_on(entity: Entity, on: date) -> int | None:
    """A person's age on a date, from a known birth date."""
    born = entity.attributes.get("birth_date")
    if not born:
        return None
    try:
        birth = date.fromisoformat(str(born))
    except ValueError:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))

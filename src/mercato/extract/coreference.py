"""Within one article: surnames to the full name met elsewhere, and clubs to one display name.

"Bastoni" after "Alessandro Bastoni" is him; "Van Dijk" is "Virgil van Dijk". A lone capitalised
word that matches nobody's surname and has no cue of being a person is dropped rather than
guessed into a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from mercato.domain import Entity, EntityKind, Mention
from mercato.extract.context import PERSON_KINDS
from mercato.extract.names import MANAGER_NOUNS, PLAYER_NOUNS
from mercato.kb.catalogue import load_catalogue
from mercato.kb.normalise import strip_accents

_AGE_AFTER = re.compile(r"^\s*,\s*\d{2}\s*[,)]")
_LEGAL_FORMS = re.compile(
    r"^(?:TSG|\d{4}|FC|AFC|CF|SC|SK|FK|NK|KV|KRC|RSC|AS|SS|SSC|US|ACF|CD|UD|SD|RCD|RC|OGC|SV|BSC|"
    r"1\.|AC|PFC|GNK|HNK|SL|CA|CR|SE|EC|IF|BK|AIK|FF|GD|Club)\s+|"
    r"\s+(?:FC|AFC|CF|SC|SK|FK|BC|CFC|Calcio|JK|IF|BK|FF|SAD|OSC|F\.C\.|A\.F\.C\.)$"
)
# Legal forms that are part of how English writers name the club.
_KEEP_FORMS = frozenset({"AC Milan", "AS Roma", "AS Monaco"})


def _key(name: str) -> str:
    return strip_accents(name).casefold()


def display_club_name(name: str, city: str | None = None, known: Callable[[str], bool] | None = None) -> str:
    """A club's name as English copy prints it: legal forms, a trailing number and city dropped.

    "Fenerbahçe İstanbul" -> "Fenerbahçe", "Celtic FC" -> "Celtic", "Como 1907" -> "Como";
    "AC Milan" stays. The city goes only where what is left still names the club: never an
    abbreviation ("VfB Stuttgart", "RB Leipzig") or a name cut after a particle ("Girondins de
    Bordeaux"), and, where `known` is given, only a name the knowledge base knows for this club.
    """
    if name in _KEEP_FORMS:
        return name
    previous = None
    while previous != name:
        previous = name
        stripped = _LEGAL_FORMS.sub("", name).strip()
        name = stripped or name
    name = re.sub(r"\s+[A-Z]{2}$", "", name)  # Brazilian state: "Corinthians SP"
    name = re.sub(r"^Bor\.\s", "Borussia ", name)
    name = re.sub(r"\s\d{2}\s", " ", name)  # "Bayer 04 Leverkusen"
    name = re.sub(r"(?<=[^\d\s])\s+\d{1,4}$", "", name)  # "Como 1907", "Stade Brestois 29"
    if name in ENGLISH_NAMES:
        return ENGLISH_NAMES[name]
    if city:
        town = _key(city.split("\u203a")[0].strip())
        words = name.split()
        if len(words) >= 2 and _key(words[-1]) == town and _key(words[0]) not in _GENERIC_FIRST:
            shorter = " ".join(words[:-1])
            if _stands_alone(shorter) and (known is None or known(shorter)):
                name = shorter
    return ENGLISH_NAMES.get(name, name)


def _stands_alone(name: str) -> bool:
    """Whether a name left without its city still reads as a club's name."""
    last = name.split()[-1]
    is_abbreviation = len(last) <= 4 and sum(ch.isupper() for ch in last) >= 2
    return not is_abbreviation and not last[:1].islower()


# First words that cannot name a club alone ("Real" Madrid, "Borussia" Dortmund).
_GENERIC_FIRST = frozenset(
    ["real", "atletico", "borussia", "racing", "sporting", "olympique", "dynamo", "dinamo", "deportivo", "athletic", "inter", "lokomotiv", "spartak", "union", "hertha", "eintracht", "stade", "red", "young", "royal", "rapid", "austria", "standard", "vitoria", "sport", "club", "universidad", "estudiantes", "independiente", "newell's", "bayer"]
)
# Where English copy names a club otherwise than its own legal or local name.
ENGLISH_NAMES = {
    "Stade Rennais": "Rennes",
    "Olympique Lyonnais": "Lyon",
    "Olympique de Marseille": "Marseille",
    "Internazionale": "Inter Milan",
    "Bayern München": "Bayern Munich",
    "Borussia Mönchengladbach": "Borussia Monchengladbach",
    "Sporting CP": "Sporting Lisbon",
    "Sport Lisboa e Benfica": "Benfica",
    "AFC Ajax": "Ajax",
    "Lille": "Lille",
}


def _paragraph_of(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


def resolve_clubs(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """A one-word club name takes the club of a longer name in the same article ("City")."""
    clubs = [m for m in mentions if m.kind is EntityKind.CLUB]
    resolved = []
    for mention in mentions:
        if mention.kind is EntityKind.CLUB and len(mention.span.text.split()) == 1:
            word = _key(mention.span.text)
            longer = [
                c
                for c in clubs
                if c.entity_id != mention.entity_id
                and len(c.span.text.split()) > 1
                and word in _key(c.span.text).split()
            ]
            paragraph = _paragraph_of(text, mention.span.start)
            longer = [c for c in longer if paragraph[0] <= c.span.start < paragraph[1]]
            before = [c for c in longer if c.span.start < mention.span.start]
            fuller = before[-1] if before else (longer[0] if longer else None)
            if fuller is None and mention.entity_id is None:
                best = load_catalogue().candidates(mention.span.text, [EntityKind.CLUB])
                if best:  # no fuller name nearby: the club the name most often means
                    mention = replace(mention, entity_id=best[0].id, label=club_label(best[0]))
            if fuller is not None:
                mention = replace(mention, entity_id=fuller.entity_id, label=fuller.label)
        resolved.append(mention)
    return resolved


@lru_cache(maxsize=8192)
def club_label(club: Entity) -> str:
    """The display name of a knowledge-base club entity (its city read from its attributes)."""
    city = club.attributes.get("city")

    def known(short: str) -> bool:
        return any(entity.id == club.id for entity in load_catalogue().candidates(short, (EntityKind.CLUB,)))

    return display_club_name(club.name, str(city) if city else None, known)


def resolve_people(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Give every person mention the fullest name the article uses for him; drop non-names."""
    mentions = resolve_clubs(text, mentions)
    people = [m for m in mentions if m.kind in PERSON_KINDS]
    # Longest first, then alphabetical: the order must not depend on Python's hash seed.
    full_names = sorted({m.span.text for m in people if len(m.span.text.split()) >= 2}, key=lambda n: (-len(n), n))
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
    resolved = merge_spelling_variants(resolved)
    roles = _roles_by_label(resolved)
    return [replace(m, kind=roles.get(m.label, m.kind)) if m.kind in PERSON_KINDS else m for m in resolved]


def merge_spelling_variants(mentions: Sequence[Mention]) -> list[Mention]:
    """One person under two spellings in one article ("Ciaran Clark" / "Ciaron Clark") is one.

    Two full names of as many words, one letter apart in one word of five letters or more, are
    the same person; the spelling met more often (else first) wins, with a known entity's id.
    """
    people = [m for m in mentions if m.kind in PERSON_KINDS and len(m.label.split()) >= 2]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for index, mention in enumerate(people):
        counts[mention.label] = counts.get(mention.label, 0) + 1
        first.setdefault(mention.label, index)
    labels = sorted(counts, key=lambda label: (-counts[label], first[label]))
    target: dict[str, str] = {}
    for i, label in enumerate(labels):
        if label in target:
            continue
        for other in labels[i + 1 :]:
            if other not in target and _one_letter_apart(label, other):
                target[other] = label
    if not target:
        return list(mentions)
    ids = {m.label: m.entity_id for m in people if m.entity_id}
    out = []
    for mention in mentions:
        merged = target.get(mention.label)
        if merged is None or mention.kind not in PERSON_KINDS:
            out.append(mention)
        else:
            out.append(replace(mention, label=merged, entity_id=mention.entity_id or ids.get(merged)))
    return out


def _one_letter_apart(left: str, right: str) -> bool:
    a, b = _key(left).split(), _key(right).split()
    if len(a) != len(b) or a == b:
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return min(len(x), len(y)) >= 5 and _edit_distance(x, y) == 1


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _fuller_name(surface: str, full_names: list[str]) -> str | None:
    key = _key(surface)
    for full in full_names:
        full_key = _key(full)
        if full_key == key or full_key.endswith(" " + key):
            return full
    by_first = [full for full in full_names if _key(full).split()[0] == key]
    if len(by_first) == 1 and len(key) > 3:
        return by_first[0]  # "Tochi" for the only "Tochi ..." of the article
    return None


def _looks_like_person(text: str, mention: Mention) -> bool:
    before = text[max(0, mention.span.start - 25) : mention.span.start].lower().split()
    if before and (before[-1].strip(",") in PLAYER_NOUNS or before[-1] in MANAGER_NOUNS):
        return True
    if _AGE_AFTER.match(text[mention.span.end : mention.span.end + 8]):
        return True
    return _key(mention.span.text) in known_surnames()


@lru_cache(maxsize=1)
def known_surnames() -> frozenset[str]:
    """Names a one-word mention may be: surnames of the people the knowledge base knows
    ("Kerkez"), and the names of those it knows by one name only ("Raphinha", "Beto")."""
    catalogue = load_catalogue()
    names = set()
    for entity in catalogue.entities.values():
        if entity.kind in (EntityKind.PLAYER, EntityKind.MANAGER):
            parts = entity.name.split()
            if len(parts[-1]) >= 4:
                names.add(_key(parts[-1]))
    return frozenset(names)


def _roles_by_label(mentions: Sequence[Mention]) -> dict[str, EntityKind]:
    """A person called manager once in the article is a manager in all of it."""
    roles: dict[str, EntityKind] = {}
    for mention in mentions:
        if mention.kind is EntityKind.MANAGER:
            roles[mention.label] = EntityKind.MANAGER
    return roles

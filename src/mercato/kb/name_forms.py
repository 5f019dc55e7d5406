"""How a surface form sits among the names around it: fragments of longer names, namesakes."""

from __future__ import annotations

import re

from mercato.domain import Entity, EntityKind, Mention
from mercato.kb.catalogue import Catalogue

PERSON_KINDS = frozenset({EntityKind.PLAYER, EntityKind.MANAGER, EntityKind.PERSON})

_NEXT_WORD = re.compile(r"^[ \t]+[A-Z][\w'’-]*")
_JOINER_END = tuple('.!?:;,"“”)]')  # punctuation that separates a word from the next one
_SENTENCE_END = tuple('.!?:;"“”')  # after these a capital letter proves nothing
_POSSESSIVE = ("'s", "’s", "'", "’")
_LOOK_BACK = 200


def is_fragment(text: str, mention: Mention) -> bool:
    """A team form inside a longer capitalised name ("Newry City", "Martin Palermo")."""
    if mention.kind not in (EntityKind.CLUB, EntityKind.NATIONAL_TEAM):
        return False
    # Only the last two words before the mention matter: read a short window of its line, not
    # all the text before it (that made recognition quadratic in the article's length).
    start = mention.span.start
    window_start = max(0, start - _LOOK_BACK)
    newline = text.rfind("\n", window_start, start)
    is_cut = newline < 0 and window_start > 0  # the line goes on before the window
    line = text[newline + 1 if newline >= 0 else window_start : start]
    # A cut first word keeps its true end, which is all the checks below read of it.
    tokens = [t.lstrip("([\"“'‘") for t in line.split()]
    if is_cut and len(tokens) < 2:
        tokens = []  # one word longer than the window: no name runs on into the mention
    if line[-1:] in (" ", "\t") and tokens and tokens[-1]:
        word = tokens[-1]
        is_name_part = (
            word[:1].isupper()
            and word.lower() != "the"
            and not word.endswith(_JOINER_END + _POSSESSIVE)
        )
        # A capitalised word that only starts a sentence ("But Chelsea want...") is no name part.
        starts_sentence = (
            (len(tokens) == 1 and not is_cut)
            or tokens[-2].endswith(_SENTENCE_END)
            or not any(c.isalnum() for c in tokens[-2])  # after an emoji or a dash
        )
        if is_name_part and not starts_sentence:
            return True
    # "Irish" before "Premiership" is the league's adjective; a demonym before a name is normal.
    if mention.kind is EntityKind.NATIONAL_TEAM:
        return False
    return bool(_NEXT_WORD.match(text[mention.span.end : mention.span.end + 40]))


SUFFIXES = {"jr", "junior", "snr", "sr"}


def full_name_candidates(surface: str, catalogue: Catalogue) -> list[Entity]:
    """Exact name first; then without a "Jr" suffix; then first and last name only."""
    found = catalogue.candidates(surface, PERSON_KINDS)
    tokens = surface.split()
    if not found and tokens[-1].rstrip(".").lower() in SUFFIXES:
        found = catalogue.candidates(" ".join(tokens[:-1]), PERSON_KINDS)
    if not found and len(tokens) >= 3:
        # "Erling Braut Haaland" is listed as "Erling Haaland".
        found = catalogue.candidates(f"{tokens[0]} {tokens[-1]}", PERSON_KINDS)
    return found


def clubs_of(entity: Entity) -> set[str]:
    """Every club a person moved from or to, by id."""
    moves = entity.attributes.get("clubs", ())
    return {c for m in moves for c in (m["from_club_id"], m["to_club_id"]) if c}  # type: ignore[attr-defined]

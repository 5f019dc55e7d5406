"""How the scorer compares names: persons, clubs and sources (SPEC "Scoring", rules 1 to 3).

The club alias table is the scorer's own (`clubs.json` beside the gold file), never Mercato's
knowledge base, so that the system and the scorer cannot agree by accident.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mercato.errors import GoldFormatError

CLUB_AFFIXES = frozenset({"fc", "afc", "cf", "sc", "the", "club"})

# Marks inside a word vanish ("F.C." -> "fc", "N'Golo" -> "ngolo"); other punctuation separates
# words ("Saint-Germain" -> "saint germain").
_JOINING = re.compile(r"[.'’`´]")
_SEPARATING = re.compile(r"[^\w\s]|_")


def normalise_name(text: str) -> str:
    """Case-fold, strip accents and punctuation, and collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = stripped.casefold()
    folded = _JOINING.sub("", folded)
    folded = _SEPARATING.sub(" ", folded)
    return " ".join(folded.split())


def drop_affixes(name: str) -> str:
    """A normalised club name without common affixes (FC, AFC, CF, SC, the, club)."""
    words = [w for w in name.split() if w not in CLUB_AFFIXES]
    return " ".join(words) if words else name


def _ends_with(longer: list[str], shorter: list[str]) -> bool:
    return len(shorter) < len(longer) and longer[-len(shorter) :] == shorter


def persons_match(predicted: str, gold: str, gold_persons: Iterable[str] = ()) -> bool:
    """Equal names, or one is the other's surname alone and no other gold person shares it.

    `gold_persons` are all gold persons of the article; they decide whether a surname is
    ambiguous there.
    """
    left, right = normalise_name(predicted), normalise_name(gold)
    if left == right:
        return True
    left_words, right_words = left.split(), right.split()
    if _ends_with(left_words, right_words):
        surname = right_words
    elif _ends_with(right_words, left_words):
        surname = left_words
    else:
        return False
    others = {normalise_name(p) for p in gold_persons} - {right}
    return not any(o.split()[-len(surname) :] == surname for o in others)


def is_exact_person(predicted: str, gold: str) -> bool:
    """Whether two person names are equal after normalisation."""
    return normalise_name(predicted) == normalise_name(gold)


def sources_match(predicted: str | None, gold: Iterable[str]) -> bool:
    """A predicted source is right when it equals one gold option (null only when none)."""
    options = [normalise_name(g) for g in gold]
    if predicted is None:
        return not options
    return normalise_name(predicted) in options


@dataclass(frozen=True)
class ClubTable:
    """The scorer's club alias table: normalised alias -> canonical name."""

    canonical: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, table: Mapping[str, Iterable[str]]) -> ClubTable:
        """Build from `{"Canonical name": ["alias", ...]}`."""
        lookup: dict[str, str] = {}
        for name, aliases in table.items():
            for form in (name, *aliases):
                key = normalise_name(form)
                # Both the name as written and without its affixes point to the club.
                for variant in (key, drop_affixes(key)):
                    lookup.setdefault(variant, name)
        return cls(lookup)

    @classmethod
    def load(cls, path: Path) -> ClubTable:
        """Read a `clubs.json` file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GoldFormatError(f"{path}: cannot read the club alias table ({exc})") from None
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(a, str) for a in v)
            for k, v in data.items()
        ):
            raise GoldFormatError(f"{path}: must map each canonical name to a list of aliases")
        return cls.from_mapping(data)

    def canonical_of(self, club: str) -> str | None:
        """The canonical name a club maps to, if the table knows it."""
        key = normalise_name(club)
        return self.canonical.get(key) or self.canonical.get(drop_affixes(key))

    def match(self, predicted: str | None, gold: str | None) -> bool:
        """Clubs match by canonical name, else when equal without affixes; null only null."""
        if predicted is None or gold is None:
            return predicted is None and gold is None
        left, right = self.canonical_of(predicted), self.canonical_of(gold)
        if left is not None and left == right:
            return True
        return drop_affixes(normalise_name(predicted)) == drop_affixes(normalise_name(gold))


def clubs_path_for(gold_path: Path) -> Path:
    """Where the scorer's alias table for a gold file lives: `clubs.json` beside it."""
    return gold_path.resolve().parent / "clubs.json"

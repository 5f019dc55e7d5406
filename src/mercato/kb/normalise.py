"""Alias normalisation and stable slugs shared by the build and the catalogue."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into ASCII plus a combining mark.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "`": "'",
        "–": "-",
        "—": "-",
    }
)
_PUNCT = re.compile(r"[^\w\s'-]|_")
# A hyphen or apostrophe survives only between two word characters ("Saint-Etienne", "D'Angelo").
_LOOSE_MARK = re.compile(r"(?<!\w)['-]+|['-]+(?!\w)")
_SPACES = re.compile(r"\s+")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def strip_accents(text: str) -> str:
    """Fold accented letters to their plain ASCII-ish base ("Müller" -> "Muller")."""
    if text.isascii():  # most names: NFKD leaves ASCII alone, only the backtick folds
        return text.replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def normalise_alias(text: str) -> str:
    """Key for alias lookup: casefold, no accents, no punctuation but inner - and ', no "the "."""
    folded = strip_accents(text).casefold()
    folded = _PUNCT.sub(" ", folded)
    folded = _LOOSE_MARK.sub(" ", folded)
    folded = _SPACES.sub(" ", folded).strip()
    folded = folded.removeprefix("the ")
    return folded


def slugify(text: str) -> str:
    """Lower-case ASCII slug for entity ids ("1. FC Nürnberg" -> "1-fc-nurnberg")."""
    return _SLUG_DROP.sub("-", strip_accents(text).casefold()).strip("-")

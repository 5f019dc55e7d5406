"""Numbers as writers put them: digits with separators, and English number words."""

from __future__ import annotations

import re

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SPECIAL: dict[str, int] = {"a": 1, "an": 1, "a single": 1, "a dozen": 12, "a hundred": 100}

_UNIT_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_ALT = "|".join(_TENS)

# A count as digits ("1,024", "13") or as words ("thirteen", "twenty-one", "a hundred and four").
NUMBER_WORD = (
    rf"(?:(?:(?:{_UNIT_ALT}|a)\s+hundred(?:\s+and\s+)?)?"
    rf"(?:(?:{_TENS_ALT})(?:[-\s](?:{_UNIT_ALT}))?|{_UNIT_ALT})"
    rf"|(?:{_UNIT_ALT}|a)\s+hundred)"
)
COUNT = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{NUMBER_WORD})"

_HUNDRED = re.compile(r"^(?P<head>\w+)\s+hundred(?:\s+and\s+)?(?P<rest>.*)$")


def parse_count(text: str) -> int | None:
    """Read a whole count written as digits or English words ("thirteen", "twenty-one")."""
    token = " ".join(text.strip().lower().split())
    if not token:
        return None
    digits = token.replace(",", "")
    if digits.isdigit():
        return int(digits)
    if token in _SPECIAL:
        return _SPECIAL[token]
    hundred = _HUNDRED.match(token)
    if hundred:
        head = 1 if hundred["head"] in ("a", "one") else _UNITS.get(hundred["head"])
        if head is None:
            return None
        rest = hundred["rest"].strip()
        tail = parse_count(rest) if rest else 0
        return None if tail is None else head * 100 + tail
    if token in _UNITS:
        return _UNITS[token]
    parts = re.split(r"[-\s]+", token)
    if parts[0] in _TENS and len(parts) <= 2:
        if len(parts) == 1:
            return _TENS[parts[0]]
        unit = _UNITS.get(parts[1])
        if unit is not None and 0 < unit < 10:
            return _TENS[parts[0]] + unit
    return None

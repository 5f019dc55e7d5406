"""Counts as people write them: "1 story", "2 stories", "0 articles"."""

from __future__ import annotations

_IRREGULAR = {"story": "stories", "copy": "copies", "entity": "entities", "match": "matches"}


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, the noun in the plural unless the number is exactly one."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number} {plural or _IRREGULAR.get(noun, noun + 's')}"

"""Long texts read in sections, so that extraction costs the same per character at any length.

Several steps look back over the sentences or people before a point, which is cheap in an
article of a few thousand characters and quadratic in a live blog or a dump of a million. A text
longer than `SECTION_CHARS` is cut, at paragraph breaks where it can be (else at line breaks,
sentence ends, spaces), into sections read one by one; what each finds is moved back to its
place in the whole text. Above `MAX_EXTRACT_CHARS` a text is refused with a clear error (the
readers refuse such texts too, and spaCy's tokenizer stops at its own `max_length`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any, TypeVar

from mercato.domain import Span

# Far above a news article (the longest in the shared corpus is a few tens of thousands).
SECTION_CHARS = 40_000
# The readers' cap (`mercato.ingest.sanity.MAX_TEXT_CHARS`): a longer text is no report.
MAX_EXTRACT_CHARS = 2_000_000

# Where a section may end, best first: a paragraph break, a line break, a sentence end, a space.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s"), re.compile(r"\s"))

T = TypeVar("T")


def sections(text: str, size: int = SECTION_CHARS) -> Iterator[tuple[int, str]]:
    """The text as (offset, section) pieces of at most `size` characters, cut at the best break."""
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def _cut(text: str, start: int, limit: int) -> int:
    """The end of a section starting at `start`: the last good break in its second half."""
    floor = start + (limit - start) // 2
    for pattern in _CUTS:
        last = None
        for last in pattern.finditer(text, floor, limit):
            pass
        if last is not None:
            return last.end()
    return limit  # one "word" of tens of thousands of characters: cut it anywhere


def shifted(value: T, offset: int) -> T:
    """`value` (a mention, a claim, any frozen dataclass) with every Span moved by `offset`."""
    if offset == 0:
        return value
    return _shift(value, offset)  # type: ignore[no-any-return]


def _shift(value: Any, offset: int) -> Any:
    if isinstance(value, Span):
        return Span(value.start + offset, value.end + offset, value.text)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _shift(old, offset)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(_shift(item, offset) for item in value)
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, list):
        return [_shift(item, offset) for item in value]
    return value

"""Sentence boundaries for news text: headlines, quotes and abbreviations kept whole.

A rule splitter of our own rather than spaCy's parser: the parser merges a headline into the
next sentence, and football copy is full of "St." and "£1.5m" that naive splitters cut.
"""

from __future__ import annotations

import re

from mercato.domain import Span

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "st", "mr", "mrs", "ms", "dr", "jr", "sr", "no", "vs", "v", "etc", "inc", "ltd",
        "fc", "u.s", "e.g", "i.e", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    }
)

# A candidate boundary: end punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+)")
_NEXT_START = re.compile(r"\s+([\"'\u201c\u2018(\[]?)(\S)")
# The word just before a full stop (the lookbehind sees before a search's start position).
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(]))([A-Za-z.]+)$")
_WORD_WINDOW = 40


def split_sentences(text: str) -> list[Span]:
    """Split text into sentence spans; line breaks always end a sentence."""
    spans: list[Span] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        _split_line(text, offset, offset + len(line), spans)
        offset += len(line)
    return spans


def _split_line(text: str, start: int, end: int, spans: list[Span]) -> None:
    segment = text[start:end]
    cursor = 0
    for match in _BOUNDARY.finditer(segment):
        stop = match.end()
        if not _is_real_boundary(segment, match.start(), stop):
            continue
        _add(text, start + cursor, start + stop, spans)
        cursor = stop
    _add(text, start + cursor, end, spans)


def _is_real_boundary(segment: str, punct_at: int, stop: int) -> bool:
    following = _NEXT_START.match(segment, stop)
    if following is None:
        return True
    first = following.group(2)
    if first.islower():
        return False  # "5 p.m. on Monday", lower-case continuation
    if segment[punct_at] == ".":
        # Only the word before the full stop matters: look at a short window, not the whole
        # line before it (that made splitting quadratic in a line's length).
        # A word longer than the window is found nowhere in it: no abbreviation, as before.
        word = _WORD_BEFORE.search(segment, max(0, punct_at - _WORD_WINDOW), punct_at)
        if word is not None:
            token = word.group(1).lower().strip(".")
            if token in _ABBREVIATIONS:
                return False
            if len(token) == 1 and word.group(1)[0].isupper():
                return False  # an initial: "A. Smith"
    return True


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))

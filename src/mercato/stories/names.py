"""Windows of stories, and (from `mercato.kb.keys`) the keys people and clubs are grouped by."""

from __future__ import annotations

import re
from datetime import date

from mercato.domain import Window
from mercato.kb.keys import (
    club_key,
    clubs_match,
    is_surname_only,
    person_key,
    persons_match,
    surname_key,
)

__all__ = [
    "club_key", "clubs_match", "is_surname_only", "next_window", "parse_window", "person_key",
    "persons_match", "surname_key", "window_close", "window_for_date",
]

_WINDOW_LABEL = re.compile(r"(\d{4})\s*(summer|winter)")


def window_for_date(day: date) -> Window:
    """The window open on a day or, between windows, the next one (Feb 2 starts summer's run-up)."""
    if (day.month, day.day) <= (2, 1):
        return Window(day.year, "winter")
    if (day.month, day.day) <= (9, 1):
        return Window(day.year, "summer")
    return Window(day.year + 1, "winter")


def window_close(window: Window) -> date:
    """The last day of a window (deadline day, rounded to the usual 1 Feb / 1 Sep)."""
    return date(window.year, 2, 1) if window.part == "winter" else date(window.year, 9, 1)


def next_window(window: Window) -> Window:
    """The window after this one."""
    if window.part == "winter":
        return Window(window.year, "summer")
    return Window(window.year + 1, "winter")


def parse_window(label: str | None) -> Window | None:
    """Read "2022 summer" back into a Window."""
    if not label:
        return None
    match = _WINDOW_LABEL.search(label)
    return Window(int(match.group(1)), match.group(2)) if match else None

"""Transfer windows: "the upcoming summer", "in January", "2023-24", resolved against a date.

dateparser knows none of these phrases and invents dates when it searches whole texts, so the
rules are Mercato's own. The summer window runs June to August, the winter window is January.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from mercato.domain import Window

SUMMER = "summer"
WINTER = "winter"


def upcoming_summer(d: date) -> Window:
    """The summer window open on `d`, else the next one (Sept-Dec looks to next year)."""
    return Window(d.year if d.month <= 8 else d.year + 1, SUMMER)


def upcoming_january(d: date) -> Window:
    """The January window open on `d`, else the next one (Feb-Dec looks to next year)."""
    return Window(d.year if d.month == 1 else d.year + 1, WINTER)


def open_or_next(d: date) -> Window:
    """The window open on `d`, else the next to open ("deadline day")."""
    if d.month == 1:
        return Window(d.year, WINTER)
    if d.month <= 8:
        return Window(d.year, SUMMER)
    return Window(d.year + 1, WINTER)


def _this_summer(d: date) -> Window:
    # Said in spring it is the coming summer; said in autumn, the one just gone.
    return Window(d.year, SUMMER)


def _next_summer(d: date) -> Window:
    # Before June "next summer" is the first summer to come; from June on, the year after.
    return Window(d.year if d.month <= 5 else d.year + 1, SUMMER)


def _last_summer(d: date) -> Window:
    return Window(d.year if d.month >= 9 else d.year - 1, SUMMER)


def _next_season(d: date) -> Window:
    # A season starts in August; the window before "next season" is the summer that opens it.
    return Window(d.year if d.month <= 7 else d.year + 1, SUMMER)


def _last_january(d: date) -> Window:
    return Window(d.year if d.month >= 2 else d.year - 1, WINTER)


def _next_january(d: date) -> Window:
    return Window(d.year + 1, WINTER)


_YEAR = r"(?P<year>(?:19|20)\d\d)"
_YEAR2 = r"(?P<year2>(?:19|20)\d\d)"

# Phrases with their own year: no article date is needed.
_ABSOLUTE: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Window | None]], ...] = (
    (
        re.compile(
            r"\b(?P<first>(?:19|20)\d\d)\s?[-/–]\s?(?P<second>\d\d(?:\d\d)?)(?!\d)"
            r"(?:\s+(?:season|campaign|term))?",
            re.IGNORECASE,
        ),
        lambda m: _season_window(m["first"], m["second"]),
    ),
    (
        re.compile(
            rf"\b(?:the\s+)?summer(?:\s+(?:transfer\s+)?window)?\s+(?:of\s+)?{_YEAR}\b|"
            rf"\b{_YEAR2}\s+summer(?:\s+(?:transfer\s+)?window)?\b",
            re.IGNORECASE,
        ),
        lambda m: Window(int(m["year"] or m["year2"]), SUMMER),
    ),
    (
        re.compile(
            rf"\b(?:(?:the\s+)?(?:january|winter)(?:\s+(?:transfer\s+)?window)?\s+"
            rf"(?:of\s+)?{_YEAR}\b|"
            rf"\b{_YEAR2}\s+(?:january|winter)(?:\s+(?:transfer\s+)?window)?)\b",
            re.IGNORECASE,
        ),
        lambda m: Window(int(m["year"] or m["year2"]), WINTER),
    ),
)

_WINDOW = r"(?:\s+(?:transfer\s+)?window)"  # "summer", "summer window", "summer transfer window"


_MOVE = (
    r"(?:move|switch|swoop|deal|bid|signing|exit|departure|target|loan|approach|offer|raid|sale|"
    r"transfer)\b(?!\s+(?:transfer\s+)?window)"
)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Phrases read against the article's date.
_RELATIVE: tuple[tuple[re.Pattern[str], Callable[[date], Window]], ...] = (
    (_rx(rf"\bthis\s+(?:coming\s+)?summer(?:'s)?{_WINDOW}?\b"), _this_summer),
    (_rx(rf"\bnext\s+summer(?:'s)?{_WINDOW}?\b"), _next_summer),
    (_rx(rf"\blast\s+summer(?:'s)?{_WINDOW}?\b"), _last_summer),
    (_rx(rf"\b(?:last|this\s+past)\s+(?:january|winter){_WINDOW}?\b"), _last_january),
    (_rx(rf"\bnext\s+(?:january|winter)(?:'s)?{_WINDOW}?\b"), _next_january),
    (_rx(r"\b(?:ahead\s+of\s+|before\s+|for\s+)?next\s+(?:season|campaign|term)\b"), _next_season),
    (_rx(r"\bdeadline[- ]day\b"), open_or_next),
    (
        _rx(
            r"\b(?:the\s+)?(?:upcoming|coming|forthcoming|approaching|next)\s+"
            r"(?:summer\s+)?(?:transfer\s+)?window\b(?!\s+of)"
        ),
        open_or_next,
    ),
    (
        _rx(
            r"\b(?:the\s+)?(?:upcoming|coming|forthcoming|approaching|impending)\s+"
            rf"summer{_WINDOW}?\b"
        ),
        upcoming_summer,
    ),
    (_rx(rf"\b(?:the\s+)?summer{_WINDOW}\b"), upcoming_summer),
    (
        _rx(r"\b(?:at\s+|by\s+)?the\s+end\s+of\s+(?:the|this)\s+(?:season|campaign|term)\b"),
        upcoming_summer,
    ),
    (_rx(r"\bin\s+the\s+summer\b(?!\s+of)"), upcoming_summer),
    # "a summer move", "a January loan": the window named as an adjective of the move
    (_rx(rf"\bsummer\s+{_MOVE}"), upcoming_summer),
    (_rx(rf"\b(?:january|winter)\s+{_MOVE}"), upcoming_january),
    (
        _rx(
            r"\b(?:the\s+)?(?:upcoming\s+|coming\s+|forthcoming\s+)?"
            rf"(?:january|winter|mid-season){_WINDOW}\b"
        ),
        upcoming_january,
    ),
    (_rx(r"\b(?:in|during|until|by|from|before|this)\s+january\b(?!\s+\d)"), upcoming_january),
)


def _summer_gone(d: date) -> Window:
    """The latest summer window that has opened by `d`."""
    return Window(d.year if d.month >= 6 else d.year - 1, SUMMER)


def _january_gone(d: date) -> Window:
    """The latest January window that has opened by `d`."""
    return Window(d.year, WINTER)


# "in January" / "in the summer" name the next window when told of plans, the last one when
# told in the past ("joined Milan on loan in January"); the nearest verb before decides.
_TENSE_SENSITIVE: dict[Callable[[date], Window], Callable[[date], Window]] = {
    upcoming_summer: _summer_gone,
    upcoming_january: _january_gone,
}
_EXPLICITLY_AHEAD = re.compile(
    r"upcoming|coming|forthcoming|approaching|impending|this|next", re.IGNORECASE
)
_PAST_CUE = re.compile(
    r"\b(?:joined|signed|left|moved|arrived|rejected|turned\s+down|tried|agreed|completed|sold|"
    r"bought|loaned|returned|departed|switched|sealed|opted|decided|presented|made|snapped\s+up|"
    r"brought|was|were|had|did|came|went|took|paid|spent|offered|submitted|rebuffed|blocked|"
    r"refused|impressed|since|(?:failed|failing)\s+to\s+\w+|ago)\b",
    re.IGNORECASE,
)
_FUTURE_CUE = re.compile(
    r"\b(?:will|could|would|may|might|shall|can|plans?|planning|hopes?|hoping|wants?|wanting|"
    r"eyes?|eyeing|targets?|targeting|set\s+to|likely|looking|look|pushing|consider(?:s|ing)?|"
    r"keen|ready|prepared|expected|intends?|aims?|aiming|try|trying|is|are|to\s+\w+)\b",
    re.IGNORECASE,
)


_MODAL = re.compile(
    r"\b(?:will|could|would|may|might|shall|can|set\s+to)\b(?!\s+have\b)", re.IGNORECASE
)


def _told_in_past(text: str, start: int) -> bool:
    """Whether the clause before `start` tells of the past ("joined ... in January")."""
    clause = re.split(r"[.;!?\n]", text[max(0, start - 100) : start])[-1]
    if _MODAL.search(clause):
        return False  # "could be sold in January", "will move in the summer"
    past = [m.end() for m in _PAST_CUE.finditer(clause)]
    future = [m.end() for m in _FUTURE_CUE.finditer(clause)]
    return bool(past) and (not future or max(past) >= max(future))


def _season_window(first: str, second: str) -> Window | None:
    """The summer before a season written "2023-24" / "2023/2024"; None if not a season."""
    start = int(first)
    if int(second) % 100 != (start + 1) % 100:
        return None
    if len(second) == 4 and int(second) != start + 1:
        return None
    return Window(start, SUMMER)


def find_windows(text: str, article_date: date | None) -> list[tuple[int, int, Window]]:
    """Every window phrase in `text` as (start, end, Window), left to right, no overlaps."""
    found: list[tuple[int, int, Window]] = []
    for pattern, absolute in _ABSOLUTE:
        for m in pattern.finditer(text):
            window = absolute(m)
            if window is not None:
                found.append((m.start(), m.end(), window))
    if article_date is not None:
        for rel_pattern, relative in _RELATIVE:
            for m in rel_pattern.finditer(text):
                resolve = relative
                gone = _TENSE_SENSITIVE.get(relative)
                if (
                    gone
                    and not _EXPLICITLY_AHEAD.search(m.group(0))
                    and _told_in_past(text, m.start())
                ):
                    resolve = gone
                found.append((m.start(), m.end(), resolve(article_date)))
    # earliest first, longest first among equals; earlier rules win overlaps
    kept: list[tuple[int, int, Window]] = []
    for start, end, window in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, window))
    return kept


def find_window(text: str, article_date: date | None) -> tuple[int, int, Window] | None:
    """The first window phrase in `text` with its offsets, or None."""
    found = find_windows(text, article_date)
    return found[0] if found else None


def resolve_window(phrase: str, article_date: date | None) -> Window | None:
    """The window a phrase names, read against the article's date ("next summer" -> 2024 summer)."""
    found = find_window(phrase, article_date)
    return found[2] if found else None

"""References to a person without his name: "the 23-year-old", "the towering Italian", "he".

Within one article such a reference means the article's most salient person so far (the one
named most often, the latest on a tie), unless a name follows it at once ("the Dutch midfielder
Frenkie de Jong" is a descriptor of that name, not a reference).
"""

from __future__ import annotations

import re
from collections import Counter

from mercato.domain import Mention, Span

_DESCRIPTOR = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w'-]+\s+){0,3}?(?:\d{1,2}-year-old|player|midfielder|striker|"
    r"forward|defender|winger|keeper|goalkeeper|centre-back|centre-half|full-back|left-back|"
    r"right-back|wing-back|youngster|teenager|star|international|attacker|playmaker|"
    r"[A-Z][a-z]+(?:man|ian|ese|ish|ch|ean|ine))\b"
)
_SUBJECT_PRONOUN = re.compile(r"(?:^|[.;:]\s+|,\s+(?:and|but)\s+)(?:\W{0,2})(he|she)\b", re.IGNORECASE)
_OBJECT_PRONOUN = re.compile(r"\b(?:sign|signing|sell|selling|sold|keep|keeping|want|wants|wanted|bring|land|offload|loan|release|buy|tempt|lure|re-sign)\s+(him|her)\b", re.IGNORECASE)


class Salience:
    """Counts person names as an article is read, to pick who a reference means."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._last_seen: dict[str, int] = {}
        self._mentions: dict[str, Mention] = {}
        self._clock = 0

    def see(self, people: list[Mention]) -> None:
        """Record the people named in a sentence."""
        for person in people:
            self._clock += 1
            self._counts[person.label] += 1
            self._last_seen[person.label] = self._clock
            self._mentions[person.label] = person

    def most_salient(self) -> Mention | None:
        """The person a bare reference most likely means."""
        if not self._counts:
            return None
        label = max(self._counts, key=lambda name: (self._counts[name], self._last_seen[name]))
        return self._mentions[label]


def references_in(sentence: Span, named: list[Mention], referent: Mention | None) -> list[Mention]:
    """Mentions for the sentence's unnamed references to `referent`."""
    if referent is None or any(p.label == referent.label for p in named):
        return []
    found: list[Mention] = []
    text = sentence.text
    for match in _DESCRIPTOR.finditer(text):
        if _names_follow(sentence, match.end(), named):
            continue
        found.append(_mention(sentence, match.start(), match.end(), referent))
    for pattern in (_SUBJECT_PRONOUN, _OBJECT_PRONOUN):
        for match in pattern.finditer(text):
            found.append(_mention(sentence, match.start(1), match.end(1), referent))
    found.sort(key=lambda m: m.span.start)
    return found[:1] if found else []


def _names_follow(sentence: Span, end: int, named: list[Mention]) -> bool:
    for person in named:
        gap = person.span.start - sentence.start - end
        if 0 <= gap <= 3:
            return True
    return False


def _mention(sentence: Span, start: int, end: int, referent: Mention) -> Mention:
    span = Span(sentence.start + start, sentence.start + end, sentence.text[start:end])
    return Mention(span, referent.kind, referent.entity_id, referent.label)

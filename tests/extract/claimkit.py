"""Build an ArticleContext by hand, so claim-extractor tests do not depend on the recogniser.

`context(text, names)` splits `text` into sentences with a plain rule (blank lines, then sentence
ends followed by a capital or an opening quote) and marks every whole-word occurrence of each
name in `names` as a mention of the given kind, label and id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mercato.domain import Article, EntityKind, Mention, Span
from mercato.extract.context import ArticleContext

P = EntityKind.PLAYER
C = EntityKind.CLUB
N = EntityKind.NATIONAL_TEAM
O = EntityKind.OUTLET
J = EntityKind.JOURNALIST
PERSON = EntityKind.PERSON


@dataclass(frozen=True)
class Name:
    """A surface form to mark, with what it resolves to."""

    kind: EntityKind
    label: str | None = None  # canonical name; the surface text when None
    entity_id: str | None = None


_SENTENCE_END = re.compile(r"(?<=[.!?:])[\"”’]?\s+(?=[A-Z\"“‘])|(?<=[.!?][\"”])\s+(?=[A-Za-z])")


def split_sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans by blank lines and sentence-final punctuation."""
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        start = para.start()
        for cut in _SENTENCE_END.finditer(para.group(0)):
            end = para.start() + cut.start()
            # keep a closing quote mark with its sentence
            while end < len(text) and text[end] in '"”’':
                end += 1
            if text[start:end].strip():
                spans.append(Span(start, end, text[start:end]))
            start = para.start() + cut.end()
        end = para.end()
        if text[start:end].strip():
            spans.append(Span(start, end, text[start:end]))
    return tuple(spans)


def find_mentions(text: str, names: dict[str, Name | EntityKind]) -> tuple[Mention, ...]:
    """Every whole-word occurrence of each name, longest names first, without overlaps."""
    taken: list[tuple[int, int]] = []
    mentions: list[Mention] = []
    for surface in sorted(names, key=len, reverse=True):
        spec = names[surface]
        name = spec if isinstance(spec, Name) else Name(spec)
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            label = name.label or surface
            mentions.append(
                Mention(Span(m.start(), m.end(), surface), name.kind, name.entity_id, label)
            )
    return tuple(sorted(mentions, key=lambda mention: mention.span.start))


def context(
    text: str,
    names: dict[str, Name | EntityKind],
    published: date | None = date(2024, 3, 11),
    outlet: str | None = None,
) -> ArticleContext:
    """An ArticleContext over `text` with the given names marked as mentions."""
    article = Article.from_text(text, published=published, outlet=outlet)
    return ArticleContext(article, split_sentences(text), find_mentions(text, names))

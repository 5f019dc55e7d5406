"""What one article looks like to the claim extractors once names are recognised."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from mercato.domain import Article, EntityKind, Mention, Provenance, Span


@dataclass(frozen=True)
class ArticleContext:
    """An article split into sentences, with its recognised and linked mentions.

    Claim extractors read this and return claims; they never re-run recognition.
    """

    article: Article
    sentences: tuple[Span, ...]
    mentions: tuple[Mention, ...]  # sorted by start offset

    def mentions_in(self, span: Span, kinds: frozenset[EntityKind] | None = None) -> list[Mention]:
        """The mentions inside a span, optionally of some kinds only."""
        # Found by bisection, not by a scan of every mention: extractors ask once per sentence,
        # and a scan made a long article quadratic.
        starts, ordered = self._by_start
        found = []
        for index in range(bisect_left(starts, span.start), len(ordered)):
            mention = ordered[index]
            if mention.span.start >= span.end:
                break
            if mention.span.end <= span.end and (kinds is None or mention.kind in kinds):
                found.append(mention)
        return found

    def sentence_of(self, offset: int) -> Span | None:
        """The sentence that holds a character offset."""
        index = bisect_right(self._sentence_starts, offset) - 1
        # Sentences never overlap; a bisection finds the one that starts last before `offset`.
        if index >= 0 and self.sentences[index].start <= offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    @cached_property
    def _by_start(self) -> tuple[list[int], list[Mention]]:
        ordered = sorted(self.mentions, key=lambda m: m.span.start)  # stable: ties keep order
        return [m.span.start for m in ordered], ordered

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def iter_sentences(self) -> Iterator[tuple[int, Span]]:
        """Sentences with their index."""
        return iter(enumerate(self.sentences))

    def span(self, start: int, end: int) -> Span:
        """A span of the article's text."""
        return Span(start, end, self.article.text[start:end])

    def provenance(self, span: Span, extractor: str) -> Provenance:
        """Provenance for a claim stated in `span` by the named extractor."""
        return Provenance(
            article_id=self.article.id,
            span=span,
            outlet=self.article.outlet,
            published=self.article.published,
            extractor=extractor,
        )


PERSON_KINDS = frozenset({EntityKind.PLAYER, EntityKind.MANAGER, EntityKind.PERSON})
TEAM_KINDS = frozenset({EntityKind.CLUB, EntityKind.NATIONAL_TEAM})
SOURCE_KINDS = frozenset({EntityKind.OUTLET, EntityKind.JOURNALIST})

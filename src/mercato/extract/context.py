"""What one article looks like to the claim extractors once names are recognised."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
        return [
            m
            for m in self.mentions
            if m.span.start >= span.start
            and m.span.end <= span.end
            and (kinds is None or m.kind in kinds)
        ]

    def sentence_of(self, offset: int) -> Span | None:
        """The sentence that holds a character offset."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

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

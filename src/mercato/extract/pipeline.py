"""The extraction pipeline: sentences, recognition, linking, then every registered claim extractor."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from mercato.domain import Article, Claim, EntityKind, Extraction, Mention, Span
from mercato.errors import IngestError
from mercato.extract.consolidate import consolidate
from mercato.extract.context import ArticleContext
from mercato.extract.coreference import club_label, resolve_people
from mercato.extract.handles import with_handles
from mercato.extract.recognise import KB_SPANS, PEOPLE_SPANS, build_nlp, role_of
from mercato.extract.registry import RegisteredExtractor, registered
from mercato.extract.sections import MAX_EXTRACT_CHARS, SECTION_CHARS, sections, shifted
from mercato.extract.sentences import split_sentences
from mercato.kb.catalogue import load_catalogue
from mercato.kb.linking import link_mentions


class Extractor:
    """Runs recognition once per article and hands the result to each claim extractor."""

    def __init__(self, nlp: Language | None = None, extractors: Iterable[RegisteredExtractor] | None = None) -> None:
        self.nlp = nlp or build_nlp()
        self.extractors = list(extractors) if extractors is not None else registered()

    @property
    def names(self) -> list[str]:
        """Versioned names of the claim extractors this pipeline runs."""
        return [e.name for e in self.extractors]

    def extract(self, article: Article) -> Extraction:
        """Everything Mercato can read out of one article (a long one section by section)."""
        if len(article.text) > MAX_EXTRACT_CHARS:
            raise IngestError(
                article.source_path or article.id,
                f"text is {len(article.text)} characters, over the {MAX_EXTRACT_CHARS}-character "
                "limit of extraction",
            )
        if len(article.text) <= SECTION_CHARS:
            return self._from_doc(article, self.nlp(article.text))
        mentions: list[Mention] = []
        claims: list[Claim] = []
        for offset, text in sections(article.text):
            part = replace(article, text=text)  # the same id: claims still name the article
            found_mentions, found_claims = self._read(part, self.nlp(text))
            mentions.extend(shifted(m, offset) for m in found_mentions)
            claims.extend(shifted(c, offset) for c in found_claims)
        return Extraction(article=article, mentions=tuple(mentions), claims=tuple(consolidate(claims)))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[Extraction]:
        """Extract a stream of articles, tokenising them in batches."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, articles: list[Article]) -> Iterator[Extraction]:
        short = [a for a in articles if len(a.text) <= SECTION_CHARS]
        docs = dict(zip((a.id for a in short), self.nlp.pipe(a.text for a in short), strict=True))
        for article in articles:
            doc = docs.get(article.id) if len(article.text) <= SECTION_CHARS else None
            yield self._from_doc(article, doc) if doc is not None else self.extract(article)

    def context(self, article: Article) -> ArticleContext:
        """An article recognised and linked, as the claim extractors see it."""
        return self._context(article, self.nlp(article.text))

    def _context(self, article: Article, doc: Doc) -> ArticleContext:
        sentences = tuple(split_sentences(article.text))
        recognised = with_handles(article.text, mentions_from_doc(doc))
        linked = link_mentions(article.text, recognised, article.published, load_catalogue())
        mentions = resolve_people(article.text, [_display(m) for m in linked])
        return ArticleContext(article, sentences, tuple(mentions))

    def _from_doc(self, article: Article, doc: Doc) -> Extraction:
        mentions, claims = self._read(article, doc)
        return Extraction(article=article, mentions=tuple(mentions), claims=tuple(consolidate(claims)))

    def _read(self, article: Article, doc: Doc) -> tuple[list[Mention], list[Claim]]:
        """The mentions and (not yet consolidated) claims of one text."""
        context = self._context(article, doc)
        claims: list[Claim] = []
        for extractor in self.extractors:
            claims.extend(extractor.extract(context))
        return list(context.mentions), claims


def _display(mention: Mention) -> Mention:
    """Clubs carry the name English copy prints; unresolved ones keep their surface text."""
    if mention.kind is not EntityKind.CLUB or mention.entity_id is None:
        return mention
    entity = load_catalogue().get(mention.entity_id)
    if entity is None:
        return mention
    return replace(mention, label=club_label(entity))


def mentions_from_doc(doc: Doc) -> list[Mention]:
    """Mentions from the recognisers' span groups, sorted by offset."""
    catalogue = load_catalogue()
    mentions: list[Mention] = []
    for span in doc.spans.get(KB_SPANS, []):
        kind = EntityKind(span.label_)
        if kind in (EntityKind.PLAYER, EntityKind.MANAGER):
            continue  # known people come through the people group
        label = span.text
        entity = catalogue.get(span.kb_id_) if span.kb_id_ else None
        if entity is not None:
            label = club_label(entity) if kind is EntityKind.CLUB else entity.name
        mentions.append(Mention(Span(span.start_char, span.end_char, span.text), kind, span.kb_id_ or None, label))
    for span in doc.spans.get(PEOPLE_SPANS, []):
        kind = EntityKind(span.label_)
        if kind is EntityKind.PERSON:
            kind = role_of(doc, span)
        mentions.append(
            Mention(Span(span.start_char, span.end_char, span.text), kind, span.kb_id_ or None, span.text)
        )
    mentions.sort(key=lambda m: (m.span.start, -m.span.end))
    return mentions


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The process-wide extractor with every registered claim extractor."""
    return Extractor()


def extract_article(article: Article) -> Extraction:
    """Extract every claim of one article with the default pipeline."""
    return default_extractor().extract(article)

"""Domain objects and story views turned into the API's response schemas."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from enum import Enum

from mercato.api.schemas import (
    ArticleOut,
    ArticleSummaryOut,
    ClaimOut,
    CopyOut,
    FeeOut,
    MentionOut,
    SpanOut,
    StoryOut,
    StoryStepOut,
    StorySummaryOut,
)
from mercato.domain import Article, Fee, Mention, Span
from mercato.services.views import StoryView
from mercato.store import StoredClaim

_PROVENANCE_FIELDS = {"provenance", "claim_type"}


def _plain(value: object) -> object:
    """A JSON-ready copy of a domain value (dataclasses, enums, dates, tuples)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def span_out(span: Span) -> SpanOut:
    """A span as the API shows it."""
    return SpanOut(start=span.start, end=span.end, text=span.text)


def fee_out(fee: Fee | None) -> FeeOut | None:
    """A fee as the API shows it."""
    if fee is None:
        return None
    return FeeOut(**{f.name: getattr(fee, f.name) for f in dataclasses.fields(fee)})


def claim_out(stored: StoredClaim, story_id: str | None = None) -> ClaimOut:
    """A stored claim as the API shows it, with the story it belongs to."""
    claim = stored.claim
    provenance = claim.provenance
    fields = {
        f.name: _plain(getattr(claim, f.name))
        for f in dataclasses.fields(claim)  # type: ignore[arg-type]
        if f.name not in _PROVENANCE_FIELDS
    }
    return ClaimOut(
        id=stored.id,
        claim_type=claim.claim_type,
        article_id=provenance.article_id,
        span=span_out(provenance.span),
        outlet=provenance.outlet,
        published=provenance.published,
        extractor=provenance.extractor,
        fields=fields,
        story_id=story_id,
    )


def mention_out(mention: Mention) -> MentionOut:
    """A mention as the API shows it."""
    return MentionOut(
        span=span_out(mention.span),
        kind=str(mention.kind),
        entity_id=mention.entity_id,
        label=mention.label,
    )


def article_summary_out(article: Article) -> ArticleSummaryOut:
    """An article without its text, for lists."""
    return ArticleSummaryOut(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        url=article.url,
        kind=article.kind,
    )


def article_out(
    article: Article,
    mentions: list[Mention],
    claims: list[StoredClaim],
    story_of_claim: Mapping[str, str],
) -> ArticleOut:
    """An article with its text, mentions and claims (each with its story)."""
    return ArticleOut(
        **article_summary_out(article).model_dump(),
        text=article.text,
        language=article.language,
        external_id=article.external_id,
        mentions=[mention_out(m) for m in mentions],
        claims=[claim_out(c, story_of_claim.get(str(c.id))) for c in claims],
    )


def _summary_fields(story: StoryView) -> dict[str, object]:
    return {
        "id": story.id,
        "person": story.person,
        "person_id": story.person_id,
        "to_club": story.to_club,
        "to_club_id": story.to_club_id,
        "from_club": story.from_club,
        "stage": str(story.stage),
        "status": str(story.status),
        "fee": fee_out(story.fee),
        "window": story.window.label,
        "first_reported": story.first_reported,
        "last_reported": story.last_reported,
        "first_reporter": story.first_reporter,
        "sources": list(story.sources),
        "claims": len(story.steps),
        "probability": story.probability,
        "independent_sources": story.independent_sources,
        "outcome": story.outcome,
    }


def story_summary_out(story: StoryView) -> StorySummaryOut:
    """A story without its timeline, for lists."""
    return StorySummaryOut(**_summary_fields(story))  # type: ignore[arg-type]


def story_out(story: StoryView) -> StoryOut:
    """A story with its timeline."""
    timeline = [
        StoryStepOut(
            claim_id=step.claim_id,
            article_id=step.article_id,
            published=step.published,
            stage=str(step.stage),
            status=str(step.status),
            source=step.source,
            outlet=step.outlet,
            fee=fee_out(step.fee),
            evidence=step.evidence,
            copies=[CopyOut(claim_id=c.claim_id, article_id=c.article_id, published=c.published) for c in step.copies],
        )
        for step in story.steps
    ]
    return StoryOut(**_summary_fields(story), timeline=timeline)  # type: ignore[arg-type]

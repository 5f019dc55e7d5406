"""Ingest articles posted to the API through the same extraction pipeline as `mercato ingest`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI

from mercato.api.schemas import ArticleIn, IngestFailure, IngestOut
from mercato.domain import Article, Extraction
from mercato.errors import ConfigurationError
from mercato.kb.met import people_met
from mercato.store import Store
from mercato.store.batches import store_batch

Extract = Callable[[Article], Extraction]


def _load_extractor() -> Extract:
    """The pipeline's extraction function (imported late: it loads spaCy and the knowledge base)."""
    try:
        from mercato.pipeline import default_extract
    except ImportError as exc:
        raise ConfigurationError(f"the extraction pipeline is not available: {exc}") from exc
    return default_extract()


def extractor_for(app: FastAPI) -> Extract:
    """The app's extraction function, built once on first use."""
    found: Extract | None = getattr(app.state, "extractor", None)
    if found is None:
        found = _load_extractor()
        app.state.extractor = found
    return found


def to_article(item: ArticleIn) -> Article:
    """A posted article as a domain Article keyed by its text."""
    fields: dict[str, Any] = item.model_dump(exclude={"text"})
    return Article.from_text(item.text, **fields)


def ingest_articles(app: FastAPI, store: Store, items: Sequence[ArticleIn]) -> IngestOut:
    """Extract and store posted articles; those already stored are not extracted again."""
    articles = [to_article(item) for item in items]
    known = store.existing_article_ids([a.id for a in articles])
    fresh: dict[str, Article] = {a.id: a for a in articles if a.id not in known}
    extract = extractor_for(app) if fresh else None
    extractions: list[Extraction] = []
    failed: list[IngestFailure] = []
    for article in fresh.values():
        assert extract is not None
        try:
            extractions.append(extract(article))
        except Exception as exc:  # noqa: BLE001 - one bad article is reported, the batch goes on
            failed.append(
                IngestFailure(article_id=article.id, error=f"{type(exc).__name__}: {exc}")
            )
    # People, articles, claims and copy links in one transaction, as `mercato ingest` stores them.
    added_ids = store_batch(store, extractions, *people_met(extractions)).article_ids
    added = len(added_ids)
    # Their saved stories too, as `mercato ingest` keeps them (a failure leaves the claims stored).
    from mercato.pipeline import refresh_stories_of  # late, as the extractor above

    refresh_stories_of(store, extractions, added_ids, kb_dir=app.state.settings.kb_dir)
    failed_ids = {f.article_id for f in failed}
    return IngestOut(
        added=added,
        duplicates=len(articles) - added - len(failed),
        article_ids=[a.id for a in articles if a.id not in failed_ids],
        failed=failed,
    )

"""The backtest's input: dated corpus items as articles, and the claims extraction finds in them."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from mercato.domain import Article, ContractClaim, Extraction, TransferClaim, article_id_for

Extractor = Callable[[Article], Extraction]


@dataclass(frozen=True)
class ExtractedCorpus:
    """Claims of a set of items, each transfer claim with an id "<item id>#<n>"."""

    articles: tuple[Article, ...]
    transfers: tuple[tuple[str, TransferClaim], ...]
    contracts: tuple[ContractClaim, ...] = ()
    failures: int = 0
    item_of_claim: dict[str, str] = field(default_factory=dict, compare=False)


def load_items(corpus: Path, dataset: str) -> list[Article]:
    """Dated items of one dataset of the shared corpus JSONL, as articles, in date order."""
    articles = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("dataset") != dataset or not record.get("date"):
                continue
            text = record["text"]
            articles.append(
                Article(
                    id=article_id_for(text),
                    text=text,
                    published=date.fromisoformat(record["date"][:10]),
                    outlet=record.get("outlet"),
                    url=record.get("url"),
                    external_id=record["id"],
                    kind=record.get("kind") or "article",
                    source_path=str(corpus),
                    meta=record.get("meta") or {},
                )
            )
    return sorted(articles, key=lambda a: (a.published, a.external_id))


def default_extractor() -> Extractor:
    """The project's extraction pipeline (imported late: it loads the knowledge base)."""
    from mercato.extract.pipeline import extract_article

    return extract_article


def _extract_or_none(run: Extractor, article: Article) -> Extraction | None:
    """One item's extraction, or None when it fails (counted, never fatal)."""
    try:
        return run(article)
    except Exception:  # noqa: BLE001 - one bad item is counted and skipped; the replay goes on
        return None


def _extractions(
    articles: Sequence[Article], run: Extractor, workers: int
) -> Iterator[Extraction | None]:
    """Extractions in input order, in worker processes when asked (the extractor must pickle)."""
    if workers <= 1:
        for article in articles:
            yield _extract_or_none(run, article)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(partial(_extract_or_none, run), articles, chunksize=64)


def extract_corpus(
    articles: Sequence[Article],
    *,
    extractor: Extractor | None = None,
    cache: Path | None = None,
    progress: Callable[[Iterable[Extraction | None]], Iterable[Extraction | None]] | None = None,
    workers: int = 1,
) -> ExtractedCorpus:
    """Run extraction over items (one failure is counted and skipped), reusing a pickle cache."""
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, ExtractedCorpus) and len(cached.articles) == len(articles):
            return cached
    run = extractor or default_extractor()
    transfers: list[tuple[str, TransferClaim]] = []
    contracts: list[ContractClaim] = []
    item_of_claim: dict[str, str] = {}
    failures = 0
    results = _extractions(articles, run, workers)
    for article, extraction in zip(articles, progress(results) if progress else results):
        if extraction is None:
            failures += 1
            continue
        item = article.external_id or article.id
        for n, claim in enumerate(extraction.transfers):
            claim_id = f"{item}#{n}"
            transfers.append((claim_id, claim))
            item_of_claim[claim_id] = item
        contracts.extend(c for c in extraction.claims if isinstance(c, ContractClaim))
    result = ExtractedCorpus(tuple(articles), tuple(transfers), tuple(contracts), failures, item_of_claim)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as handle:
            pickle.dump(result, handle)
    return result

"""The backtest's input: dated corpus items as articles, and the claims extraction finds in them."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import groupby
from multiprocessing import get_context
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
    kb_cut: str | None = None  # how the knowledge base was cut ("month": as of each item's month)


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


def _month_start(article: Article) -> date:
    assert article.published is not None
    return article.published.replace(day=1)


def _extractions_as_of_month(
    articles: Sequence[Article], run: Extractor, workers: int
) -> Iterator[Extraction | None]:
    """Extractions in input order, each month's items read with the knowledge base of its first day.

    Each month runs in fresh (spawned) processes whose catalogue is cut before anything loads it,
    so no item is read with a move, value or person the knowledge base learnt after its month.
    """
    from mercato.kb.catalogue import use_kb_as_of

    for month, group in groupby(articles, key=_month_start):
        chunk = list(group)
        with ProcessPoolExecutor(
            max_workers=max(1, min(workers, len(chunk) // 64 + 1)),
            mp_context=get_context("spawn"),
            initializer=use_kb_as_of,
            initargs=(month,),
        ) as pool:
            yield from pool.map(partial(_extract_or_none, run), chunk, chunksize=64)


def extract_corpus(
    articles: Sequence[Article],
    *,
    extractor: Extractor | None = None,
    cache: Path | None = None,
    progress: Callable[[Iterable[Extraction | None]], Iterable[Extraction | None]] | None = None,
    workers: int = 1,
    kb_as_of_month: bool = False,
) -> ExtractedCorpus:
    """Run extraction over items (one failure is counted and skipped), reusing a pickle cache.

    With `kb_as_of_month` (items in date order) each item is read with the knowledge base as it
    stood on the first day of its month. A cache made another way, or of other items, is not reused.
    """
    kb_cut = "month" if kb_as_of_month else None
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            cached = pickle.load(handle)
        if (
            isinstance(cached, ExtractedCorpus)
            and getattr(cached, "kb_cut", None) == kb_cut
            and [a.id for a in cached.articles] == [a.id for a in articles]
        ):
            return cached
    run = extractor or default_extractor()
    transfers: list[tuple[str, TransferClaim]] = []
    contracts: list[ContractClaim] = []
    item_of_claim: dict[str, str] = {}
    failures = 0
    if kb_as_of_month:
        results = _extractions_as_of_month(articles, run, workers)
    else:
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
    result = ExtractedCorpus(
        tuple(articles), tuple(transfers), tuple(contracts), failures, item_of_claim, kb_cut
    )
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as handle:
            pickle.dump(result, handle)
    return result

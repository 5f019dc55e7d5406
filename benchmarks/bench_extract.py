"""Extraction throughput over the full-length articles of ../shared/corpus/articles.jsonl.

Prints articles per second per core, words per second and peak memory for Mercato's whole
extraction, and, when a spaCy English pipeline is installed, the same for that pipeline alone
on the same texts, measured in the same run.

    uv run python benchmarks/bench_extract.py [--corpus PATH] [--limit N] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mercato.domain import Article
from mercato.extract.pipeline import default_extractor

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "articles.jsonl"


def load_articles(corpus: Path, limit: int | None) -> list[Article]:
    """The full-length articles (kind "article", not gossip pages) of the corpus."""
    articles = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("kind") != "article" or record.get("dataset") == "bbc_gossip_pages":
                continue
            articles.append(Article.from_text(record["text"], outlet=record.get("outlet")))
            if limit and len(articles) >= limit:
                break
    return articles


def _extract_chunk(texts: list[str]) -> int:
    extractor = default_extractor()
    return sum(len(e.claims) for e in extractor.extract_many(Article.from_text(t) for t in texts))


def run_mercato(articles: list[Article], workers: int) -> tuple[float, int]:
    """Seconds for the whole extraction, and the number of claims found."""
    extractor = default_extractor()  # load the knowledge base before the clock starts
    extractor.extract(Article.from_text("Warm-up: Arsenal signed a player."))
    start = time.perf_counter()
    if workers == 1:
        claims = sum(len(e.claims) for e in extractor.extract_many(articles))
    else:
        chunks = [[a.text for a in articles[i::workers]] for i in range(workers)]
        with ProcessPoolExecutor(workers) as pool:
            claims = sum(pool.map(_extract_chunk, chunks))
    return time.perf_counter() - start, claims


def run_spacy_small(articles: list[Article]) -> float | None:
    """Seconds for spaCy's small English pipeline alone, if one is installed."""
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm")
    except (ImportError, OSError):
        return None
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=32):
        pass
    return time.perf_counter() - start


def peak_memory_mb() -> float:
    """Peak resident memory of this process, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    articles = load_articles(args.corpus, args.limit)
    words = sum(len(a.text.split()) for a in articles)
    seconds, claims = run_mercato(articles, args.workers)
    cores = args.workers
    print(f"machine: {os.cpu_count()} cores; workers used: {args.workers}")
    print(f"articles: {len(articles)}  words: {words}  claims: {claims}")
    print("| pipeline | seconds | articles/s | articles/s per core | words/s |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| mercato (whole extraction) | {seconds:.2f} | {len(articles) / seconds:.1f} | "
        f"{len(articles) / seconds / cores:.1f} | {words / seconds:,.0f} |"
    )
    small = run_spacy_small(articles)
    if small is None:
        print("| spaCy en_core_web_sm alone | not installed | | | |")
    else:
        print(
            f"| spaCy en_core_web_sm alone | {small:.2f} | {len(articles) / small:.1f} | "
            f"{len(articles) / small:.1f} | {words / small:,.0f} |"
        )
    print(f"peak memory (this process): {peak_memory_mb():.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

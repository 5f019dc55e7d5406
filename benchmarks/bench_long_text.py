"""Extraction time against text length: one article of 10k, 100k and 1M characters.

Extraction must be linear in the text's length, or one long page (a live blog, a dump) stalls
a worker for minutes. Prints seconds and microseconds per character for each size, and the ratio
of the largest size's time per character to the smallest's (linear: near 1; the bar: within 2).

    uv run python benchmarks/bench_long_text.py [--sizes 10000,100000,1000000] [--repeat-one]

`--repeat-one` builds each text from one sentence repeated (the worst case once measured:
990 KB took over 300 s) instead of many invented reports joined in paragraphs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from adversarial.generate import long_text
from mercato.domain import Article
from mercato.extract.pipeline import default_extractor


def measure(size: int, repeat_one: bool) -> float:
    """Seconds to extract one article of `size` characters."""
    article = Article.from_text(long_text(size, repeat_one=repeat_one))
    extractor = default_extractor()
    started = time.perf_counter()
    extractor.extract(article)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat-one", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    default_extractor().extract(Article.from_text(long_text(2000)))  # load models first
    per_char = {}
    print(f"{'characters':>12} {'seconds':>9} {'us/char':>8}")
    for size in sizes:
        seconds = measure(size, args.repeat_one)
        per_char[size] = seconds / size
        print(f"{size:>12,} {seconds:>9.2f} {per_char[size] * 1e6:>8.2f}")
    ratio = per_char[sizes[-1]] / per_char[sizes[0]]
    print(f"time per character, {sizes[-1]:,} against {sizes[0]:,}: x{ratio:.2f} (bar: 2)")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())

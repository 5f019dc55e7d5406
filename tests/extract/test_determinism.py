"""Extraction gives the same claims whatever Python's hash seed (so workers and runs agree)."""

from __future__ import annotations

import os
import subprocess
import sys

from support import SAMPLES_DIR

_SCRIPT = """
import sys
from pathlib import Path
from mercato.extract.pipeline import extract_article
from mercato.ingest.readers import read_path
from mercato.domain import Article
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    for article in read_path(path):
        if isinstance(article, Article):
            extraction = extract_article(article)
            print(sorted(repr(c) for c in extraction.claims), sorted(repr(m) for m in extraction.mentions))
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(SAMPLES_DIR)],
        env=env, capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    return done.stdout


def test_claims_do_not_depend_on_the_hash_seed() -> None:
    first, second = _run("1"), _run("2")
    assert first.count("\n") >= 10
    assert first == second

"""The real extractor with hooks for tests of ingest: a fault on demand, the worker's pid.

Ingest and storage tests run Mercato's real extraction; these wrappers only add what a test
must control (an article that makes extraction fail, which process did the work). Module-level
functions only: worker processes must be able to import them.
"""

from __future__ import annotations

import os

from mercato.domain import Article, Extraction, Mention
from mercato.extract.pipeline import extract_article

FAULT_MARK = "FAIL-EXTRACTION"


def extract_or_fail(article: Article) -> Extraction:
    """Real extraction, except that an article containing FAULT_MARK raises."""
    if FAULT_MARK in article.text:
        raise RuntimeError("extraction was told to fail")
    return extract_article(article)


def extract_recording_pid(article: Article) -> Extraction:
    """Real extraction, with the worker's process id stamped into each mention's label."""
    extraction = extract_or_fail(article)
    pid = str(os.getpid())
    mentions = tuple(Mention(m.span, m.kind, m.entity_id, pid) for m in extraction.mentions)
    return Extraction(extraction.article, mentions, extraction.claims)

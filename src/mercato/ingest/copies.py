"""Near-duplicate articles: the same report syndicated with small edits counts once as evidence.

Each article's text becomes a set of word shingles, summarised by a MinHash signature
(datasketch); signatures are cut into LSH bands so that candidates are found by equal band keys
instead of comparing every pair. A candidate whose estimated Jaccard similarity reaches the
threshold is a copy. Every copy points straight at its group's original: the earliest published
article of the group, else the first one seen (no chains of copies of copies).

This module holds no SQL: `CopyIndex` works in memory, and `mercato.store.copy_tables` keeps the
same signatures and band keys in the store so that links survive between runs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from mercato.domain import Article

NUM_PERM = 128
SHINGLE_WORDS = 3
# Syndicated copies with a changed intro line or byline stay well above this; two different
# reports on the same move (same names, different sentences) stay well below it.
THRESHOLD = 0.7
# Too few shingles and one changed word swings the similarity: short items are never linked.
MIN_SHINGLES = 20

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=16)
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band that best separate pairs above and below the threshold."""
    from datasketch.lsh import _optimal_param

    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(bands), int(rows)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> Any:
    """The hash permutations of a MinHash (drawn once: making them is most of a MinHash's cost)."""
    from datasketch import MinHash

    template = MinHash(num_perm=num_perm)
    return template.permutations, template.scheme


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word shingles of a text, case- and punctuation-folded."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class Signature:
    """A MinHash signature of one article's text, with what ordering originals needs."""

    article_id: str
    hashvalues: np.ndarray = field(compare=False, repr=False)
    published: date | None = None
    seq: int = 0  # order in which articles were seen; breaks ties between undated ones

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self.hashvalues)

    def to_bytes(self) -> bytes:
        """The hash values as bytes, for storing."""
        return self.hashvalues.astype("<u4").tobytes()

    @staticmethod
    def values_from_bytes(data: bytes) -> np.ndarray:
        """Hash values back from `to_bytes`."""
        return np.frombuffer(data, dtype="<u4").astype(np.uint64)


def signature_of(article: Article, *, seq: int = 0, num_perm: int = NUM_PERM) -> Signature | None:
    """The article's signature, or None when its text is too short to judge copies by."""
    from datasketch import MinHash

    grams = shingles(article.text)
    if len(grams) < MIN_SHINGLES:
        return None
    permutations, scheme = _permutations(num_perm)
    minhash = MinHash(num_perm=num_perm, permutations=permutations, scheme=scheme)
    minhash.update_batch(grams)
    return Signature(
        article_id=article.id,
        hashvalues=minhash.hashvalues.astype(np.uint64),
        published=article.published,
        seq=seq,
    )


def band_keys(signature: Signature, threshold: float = THRESHOLD) -> list[tuple[int, str]]:
    """The LSH band keys of a signature: equal keys in one band make two articles candidates."""
    bands, rows = _bands(threshold, len(signature.hashvalues))
    values = signature.hashvalues.astype("<u4")
    keys = []
    for band in range(bands):
        chunk = values[band * rows : (band + 1) * rows].tobytes()
        keys.append((band, hashlib.blake2b(chunk, digest_size=8).hexdigest()))
    return keys


def precedes(a: Signature, b: Signature) -> bool:
    """True when `a` is the better original: published earlier, else (same or no date) seen first."""
    if a.published is not None and b.published is not None and a.published != b.published:
        return a.published < b.published
    if a.published is not None and b.published is None:
        return True
    if a.published is None and b.published is not None:
        return False
    return a.seq < b.seq


@dataclass(frozen=True)
class CopyLink:
    """One article found to be a copy of an original, with their estimated similarity."""

    article_id: str
    original_id: str
    similarity: float


def earliest(signatures: Iterable[Signature]) -> Signature:
    """The group member that should be the original."""
    best: Signature | None = None
    for sig in signatures:
        if best is None or precedes(sig, best):
            best = sig
    if best is None:
        raise ValueError("no signatures")
    return best


class CopyIndex:
    """In-memory copy detection over a stream of articles (a batch, a test, a dry run)."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._signatures: dict[str, Signature] = {}
        self._buckets: dict[tuple[int, str], list[str]] = {}
        self._original: dict[str, str] = {}  # copy id -> original id
        self._similarity: dict[str, float] = {}

    def add(self, article: Article) -> None:
        """Index one article and link it (and, if it is older, its group) to the right original."""
        if article.id in self._signatures:
            return
        sig = signature_of(article, seq=len(self._signatures), num_perm=self.num_perm)
        if sig is None:
            return
        keys = band_keys(sig, self.threshold)
        candidates = {other for key in keys for other in self._buckets.get(key, ())}
        self._signatures[sig.article_id] = sig
        for key in keys:
            self._buckets.setdefault(key, []).append(sig.article_id)
        matches = [
            self._signatures[c]
            for c in candidates
            if sig.similarity(self._signatures[c]) >= self.threshold
        ]
        if not matches:
            return
        roots = {self._original.get(m.article_id, m.article_id) for m in matches}
        group = [self._signatures[r] for r in roots] + [sig]
        group += [self._signatures[c] for c, o in self._original.items() if o in roots]
        self._regroup(group)

    def _regroup(self, group: Sequence[Signature]) -> None:
        """Point every member of a merged group at its earliest member."""
        root = earliest(group)
        for member in group:
            if member.article_id == root.article_id:
                self._original.pop(member.article_id, None)
                self._similarity.pop(member.article_id, None)
                continue
            self._original[member.article_id] = root.article_id
            self._similarity[member.article_id] = member.similarity(root)

    def add_all(self, articles: Iterable[Article]) -> None:
        """Index many articles in order."""
        for article in articles:
            self.add(article)

    def links(self) -> list[CopyLink]:
        """Every copy with its original, in a stable order."""
        return [
            CopyLink(copy_id, original_id, round(self._similarity[copy_id], 4))
            for copy_id, original_id in sorted(self._original.items())
        ]

    def original_of(self, article_id: str) -> str:
        """The original an article counts as (itself when it is no copy)."""
        return self._original.get(article_id, article_id)

    def is_copy(self, article_id: str) -> bool:
        """True when the article is a copy of another."""
        return article_id in self._original


def find_copies(articles: Iterable[Article], threshold: float = THRESHOLD) -> list[CopyLink]:
    """Every near-duplicate among the articles, linked to its original."""
    index = CopyIndex(threshold)
    index.add_all(articles)
    return index.links()

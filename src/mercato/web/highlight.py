"""An article's text cut into segments, each knowing which claims and mentions cover it.

Claims and mentions overlap (a claim's sentence holds several mentions), so the text is cut at
every span boundary and each piece carries the set of spans over it; the template wraps a piece
in one element whose classes and data attributes name them all.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from mercato.domain import Mention
from mercato.store import StoredClaim


@dataclass(frozen=True)
class Segment:
    """A piece of text with the claims and mentions that cover it."""

    text: str
    claim_ids: tuple[int, ...]
    mention_kinds: tuple[str, ...]
    mention_labels: tuple[str, ...]

    @property
    def is_marked(self) -> bool:
        """True when any claim or mention covers this piece."""
        return bool(self.claim_ids or self.mention_kinds)


def _clamp(value: int, length: int) -> int:
    return max(0, min(value, length))


def segments(text: str, claims: list[StoredClaim], mentions: list[Mention]) -> list[Segment]:
    """The text cut at every claim and mention boundary."""
    length = len(text)
    claim_spans = [
        (
            _clamp(c.claim.provenance.span.start, length),
            _clamp(c.claim.provenance.span.end, length),
            c.id,
        )
        for c in claims
    ]
    mention_spans = [
        (_clamp(m.span.start, length), _clamp(m.span.end, length), str(m.kind), m.label)
        for m in mentions
    ]
    cuts = {0, length}
    for start, end, *_ in claim_spans + mention_spans:  # type: ignore[operator]
        cuts.update((start, end))
    bounds = sorted(cuts)
    pieces = []
    for start, end in itertools.pairwise(bounds):
        if start >= end:
            continue
        covering_claims = tuple(cid for s, e, cid in claim_spans if s <= start and end <= e)
        covering = [(kind, label) for s, e, kind, label in mention_spans if s <= start and end <= e]
        pieces.append(
            Segment(
                text=text[start:end],
                claim_ids=covering_claims,
                mention_kinds=tuple(kind for kind, _ in covering),
                mention_labels=tuple(label for _, label in covering),
            )
        )
    return pieces

"""The buyer of a sentence: a deal's stage and fee belong to the club doing the deal.

A sentence naming several suitors ("Juventus agree a £62m fee for Vlahovic; Arsenal and
Tottenham were interested") gives one claim per destination, and an extractor may copy the
sentence's stage and fee onto each. The club a sentence is about is its subject: the first
destination named, with any named right beside it ("Arsenal and Chelsea have bid"). A sibling
claim for a club named later that carries the very stage or fee of the subject's claim is only a
suitor named in passing: it keeps the link as interest, without the stage or the fee.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from mercato.domain import STAGE_STATUS, Stage, TransferClaim
from mercato.stories.names import clubs_match, person_key

_WORD = re.compile(r"\w+", re.UNICODE)
# Words that may join the clubs of a sentence's subject ("Arsenal and Chelsea", "Arsenal or Spurs").
_JOINERS = frozenset({"and", "or", "both", "plus"})
# Stages that say nothing about who leads: copying them onto a suitor does no harm.
_PASSIVE = frozenset({Stage.INTEREST, Stage.MONITORING, Stage.EXIT})
_LONGEST_NAME = 4  # words


@lru_cache(maxsize=1 << 16)
def _names(words: str, club: str) -> bool:
    return clubs_match(words, club)


def _first_mention(words: Sequence[str], club: str) -> tuple[int, int] | None:
    """(first word, word after it) of the earliest mention of `club` among the words, if any."""
    longest = min(_LONGEST_NAME, max(len(club.split()), 1))
    for start, word in enumerate(words):
        if not word[:1].isupper():  # club names are written with capitals
            continue
        sizes = [n for n in range(1, longest + 1) if _names(" ".join(words[start : start + n]), club)]
        if sizes:
            return start, start + max(sizes)
    return None


def _subjects(text: str, clubs: Sequence[str]) -> set[str] | None:
    """The destinations a sentence is about: the first named and those listed with it (None: unknown)."""
    words = _WORD.findall(text)
    found = {club: _first_mention(words, club) for club in clubs}
    named = sorted((span, club) for club, span in found.items() if span is not None)
    if not named:
        return None
    subjects = {named[0][1]}
    end = named[0][0][1]
    for (start, stop), club in named[1:]:
        if start < end:  # the same words (a short name inside a longer one)
            subjects.add(club)
            continue
        if not all(w.casefold() in _JOINERS for w in words[end:start]):
            break
        subjects.add(club)
        end = stop
    return subjects


def assign_to_buyers(claims: Sequence[tuple[str, TransferClaim]]) -> list[tuple[str, TransferClaim]]:
    """The claims with a subject's stage and fee taken off the suitors its sentence names in passing."""
    siblings: dict[tuple[str, int, int, str], list[int]] = defaultdict(list)
    for index, (_, claim) in enumerate(claims):
        span = claim.provenance.span
        siblings[(claim.provenance.article_id, span.start, span.end, person_key(claim.person))].append(index)
    out = list(claims)
    for indexes in siblings.values():
        clubs = list(dict.fromkeys(c.to_club for _, c in (claims[i] for i in indexes) if c.to_club))
        if len(clubs) < 2:
            continue
        subjects = _subjects(claims[indexes[0]][1].provenance.span.text, clubs)
        if subjects is None or len(subjects) == len(clubs):
            continue
        led = [claims[i][1] for i in indexes if claims[i][1].to_club in subjects]
        stages = {c.stage for c in led} - _PASSIVE
        fees = {c.fee for c in led if c.fee is not None}
        for i in indexes:
            claim_id, claim = claims[i]
            if claim.to_club is None or claim.to_club in subjects:
                continue
            drop_fee = claim.fee is not None and claim.fee in fees
            out[i] = (claim_id, as_suitor(claim, stage=claim.stage in stages, fee=drop_fee))
    return out


def as_suitor(claim: TransferClaim, *, stage: bool, fee: bool) -> TransferClaim:
    """The claim with the subject's stage (back to interest) and fee taken off, as asked."""
    if stage:
        claim = replace(claim, stage=Stage.INTEREST, status=STAGE_STATUS[Stage.INTEREST])
    if fee:
        claim = replace(claim, fee=None)
    return claim

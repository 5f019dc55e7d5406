"""Reports: one statement by one source, however many articles carry it.

A gossip column's item is published on its own and again inside that day's page; a syndicated
article repeats the sentence. Inside a story, two claims from different articles whose evidence
is the same sentence within a few days (one folded text containing the other: the page's sentence may run on)
from the same source are one report. The first published is the report; the others are its
copies, kept with it so a face can link them, and counted once by every score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from mercato.stories.sources import source_key

if TYPE_CHECKING:
    from mercato.stories.merge import StoryClaim

# Below this many words two different sources can write the same sentence ("Arsenal want
# Silva"), so a short sentence joins only claims with the same named source.
MIN_WORDS = 8

# A copy follows its report within days (the page the same morning, syndication that week); the
# same words from the same source weeks later are the source saying it again.
MAX_DAYS = 3

_WORD = re.compile(r"\w+", re.UNICODE)


def folded_sentence(text: str) -> str:
    """A sentence reduced to its words, case-folded, between spaces (for containment tests)."""
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


def _source(member: StoryClaim) -> str:
    attribution = member.claim.attribution
    return source_key(attribution.original) if attribution and attribution.original else ""


def _same_report(report: StoryClaim, other: StoryClaim, folded: dict[str, str]) -> bool:
    if report.claim.provenance.article_id == other.claim.provenance.article_id:
        return False
    if abs((other.published - report.published).days) > MAX_DAYS:
        return False
    a, b = folded[report.claim_id], folded[other.claim_id]
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if not shorter.strip() or shorter not in longer:
        return False
    source_a, source_b = _source(report), _source(other)
    if source_a and source_b:
        return source_a == source_b
    # One copy lost its attribution: only a long sentence is distinctive enough to join.
    return len(shorter.split()) >= MIN_WORDS


def fold_reports(members: Sequence[StoryClaim]) -> tuple[StoryClaim, ...]:
    """One member per report (members in date order), each carrying its copies.

    Only reports of other articles from the last few days are candidates, and each article's
    repeated sentence once: a long post stating one move a thousand times stays linear.
    """
    folded = {m.claim_id: folded_sentence(m.claim.provenance.span.text) for m in members}
    reports: list[StoryClaim] = []
    # article id -> (its latest date, folded sentence -> index of that sentence's report)
    recent: dict[str, tuple[date, dict[str, int]]] = {}
    for member in members:
        for stale in [a for a, (day, _) in recent.items() if (member.published - day).days > MAX_DAYS]:
            del recent[stale]
        own = member.claim.provenance.article_id
        found = next(
            (
                index
                for article, (_, sentences) in recent.items()
                if article != own
                for index in sentences.values()
                if _same_report(reports[index], member, folded)
            ),
            None,
        )
        if found is not None:
            reports[found] = replace(reports[found], copies=(*reports[found].copies, member))
            continue
        reports.append(member)
        _, sentences = recent.pop(own, (member.published, {}))
        sentences.setdefault(folded[member.claim_id], len(reports) - 1)
        recent[own] = (member.published, sentences)
    return tuple(reports)

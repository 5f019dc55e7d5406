"""The source table: each outlet's and journalist's stories, how they ended, its reliability.

One path for every face: `score.track_records.league_table` over the book's stories and
outcomes, so `mercato sources`, `/api/sources` and the dashboard give a source one number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mercato.errors import NotFound
from mercato.score.track_records import SourceRecord, league_table
from mercato.services.book import StoryBook, story_book
from mercato.store import Store
from mercato.stories.origin import first_reporter, source_key

SCORED_BY = "independent sources, outcomes labelled, Beta posterior with a tier prior"


@dataclass(frozen=True)
class SourceRow:
    """How one outlet or journalist's stories ended, with its reliability and 90% interval."""

    name: str
    kind: str  # outlet or journalist
    tier: str | None
    stories: int
    happened: int
    did_not_happen: int
    pending: int
    first_reports: int
    reliability: float
    interval: tuple[float, float]
    lead_days: float | None
    lead_stories: int
    scored_by: str = SCORED_BY


def _outlet_keys(book: StoryBook) -> set[str]:
    """Keys of names that the claims show as outlets (the other sources are journalists)."""
    keys: set[str] = set()
    for story in book.stories:
        for member in story.claims:
            claim = member.claim
            for name in (claim.provenance.outlet, claim.attribution and claim.attribution.outlet):
                if name:
                    keys.add(source_key(name))
    return keys


def _row(record: SourceRecord, outlets: set[str], firsts: Counter[str]) -> SourceRow:
    return SourceRow(
        name=record.source,
        kind="outlet" if record.source_key in outlets else "journalist",
        tier=record.tier,
        stories=record.reported,
        happened=record.happened,
        did_not_happen=record.not_happened,
        pending=record.pending,
        first_reports=firsts[record.source_key],
        reliability=record.reliability,
        interval=(record.low, record.high),
        lead_days=record.lead_days,
        lead_stories=record.lead_stories,
    )


def source_table(
    store: Store,
    *,
    club: str | None = None,
    league: str | None = None,
    as_of: date | None = None,
    min_resolved: int = 0,
    kb_dir: Path | None = None,
) -> list[SourceRow]:
    """The league table of sources, most reliable first (by the interval's lower bound)."""
    book = story_book(store, as_of=as_of, kb_dir=kb_dir)
    records = league_table(
        list(book.stories), book.outcomes, tiers=book.tiers, club=club, league=league,
        min_resolved=min_resolved,
    )  # fmt: skip
    outlets = _outlet_keys(book)
    firsts = Counter(first_reporter(s).source_key for s in book.stories)
    return [_row(r, outlets, firsts) for r in records]


def source_record(
    store: Store, name: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> SourceRow:
    """One source's record; raises NotFound."""
    wanted = source_key(name)
    for row in source_table(store, as_of=as_of, kb_dir=kb_dir):
        if source_key(row.name) == wanted:
            return row
    raise NotFound(f"no source called {name!r}")

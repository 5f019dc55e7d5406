"""The source table: each outlet's and journalist's stories, how they ended, its reliability.

One path for every face: `score.track_records` over the book's stories and outcomes, so
`mercato sources`, `/api/sources` and the dashboard give a source one number. What each story
credits is kept in the store for the book it was computed from (claims version, day, knowledge
base): the table then sums those rows, and only a new state of the store (an ingest, which
refreshes them) or a new day makes it read the claims again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from mercato.errors import NotFound, StoreError
from mercato.score.track_records import (
    SourceCredit,
    SourceRecord,
    load_tiers,
    ranked_records,
    story_credits,
)
from mercato.services.book import completed_transfers, default_day
from mercato.store import Store
from mercato.store.board_tables import claims_version
from mercato.store.source_tables import CREDIT_COLUMNS, read_source_credits, save_source_credits
from mercato.stories.merge import Story, merge_stories
from mercato.stories.origin import source_key
from mercato.stories.outcomes import Outcome, StoryOutcome, label_stories
from mercato.stories.sources import source_identity
from mercato.stories.stored import story_inputs

SCORED_BY = (
    "independent sources, outcomes labelled, Beta posterior weighted by claim strength "
    "with a prior pooled from the period's sources of the same tier"
)


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


@dataclass(frozen=True)
class StoredCredit:
    """A story's credit as the store keeps it: the credit, the story's clubs and the tier."""

    credit: SourceCredit
    to_club: str | None
    from_club: str | None
    tier: str | None


def _outlet_keys(stories: Iterable[Story]) -> set[str]:
    """Keys of names that the claims show as outlets (for names the knowledge base lacks)."""
    keys: set[str] = set()
    for story in stories:
        for member in story.claims:
            claim = member.claim
            for name in (claim.provenance.outlet, claim.attribution and claim.attribution.outlet):
                if name:
                    keys.add(source_key(name))
    return keys


def credits_of(
    stories: Iterable[Story], outcomes: dict[str, StoryOutcome] | Any, tiers: dict[str, str] | Any
) -> list[StoredCredit]:
    """Every credit of these stories, with the kind shown: the knowledge base's, else outlet
    when the claims print the name as an outlet, else journalist."""
    stories = list(stories)
    outlets: set[str] | None = None
    found = []
    for story in stories:
        for credit in story_credits(story, outcomes.get(story.id)):
            kind = credit.kind
            if kind not in ("outlet", "journalist", "announcer"):
                outlets = _outlet_keys(stories) if outlets is None else outlets
                kind = "outlet" if credit.source_key in outlets else "journalist"
            stored = SourceCredit(**{**credit.__dict__, "kind": kind})
            found.append(StoredCredit(stored, story.to_club, story.from_club, tiers.get(credit.source_key)))
    return found


@lru_cache(maxsize=1)
def credits_version() -> str:
    """A short hash of what decides the credits: the code that resolves and credits sources and
    the knowledge base's media tables. Credits kept by an older version are not read."""
    import mercato.kb.sources as resolver
    import mercato.score.track_records as records
    from mercato.stories import origin

    digest = hashlib.sha256()
    for module in (resolver, records, origin):
        digest.update(Path(str(module.__file__)).read_bytes())
    data = resources.files("mercato.data")
    for table in ("outlets.tsv", "journalists.tsv", "aliases.tsv", "clubs.tsv"):
        digest.update(data.joinpath(table).read_bytes())
    return digest.hexdigest()[:12]


def _book_key(store: Store, day: date, kb_dir: Path | None) -> str:
    folder = str(kb_dir.resolve()) if kb_dir is not None else ""
    return f"{claims_version(store)}|{day.isoformat()}|{folder}|{credits_version()}"


def _compute(store: Store, day: date, kb_dir: Path | None) -> list[StoredCredit]:
    """Credits from merged and labelled claims: the book's own steps (same stories, same
    outcomes), without scoring every story, which the table does not need."""
    inputs = story_inputs(store, as_of=day)
    stories = merge_stories(inputs.transfers)
    outcomes = label_stories(
        stories, as_of=day, completed=completed_transfers(kb_dir), contracts=inputs.contracts
    )
    return credits_of(stories, outcomes, load_tiers())


_OUTCOMES = {o.value: o for o in Outcome}


def _to_row(stored: StoredCredit) -> dict[str, Any]:
    c = stored.credit
    return {
        "story_id": c.story_id, "to_club": stored.to_club, "from_club": stored.from_club,
        "source_key": c.source_key, "source": c.source, "kind": c.kind, "tier": stored.tier,
        "weight": c.weight, "outcome": c.outcome.value, "lead_days": c.lead_days,
        "first_report": c.first, "rated": c.rated,
    }  # fmt: skip


def _from_row(row: tuple[Any, ...]) -> StoredCredit:
    (story_id, to_club, from_club, key, source, kind, tier, weight, outcome, lead, first, rated) = row
    credit = SourceCredit(
        story_id, key, source, kind, weight, _OUTCOMES[outcome], lead, bool(first), bool(rated)
    )
    return StoredCredit(credit, to_club, from_club, tier)


def source_credits(
    store: Store, *, as_of: date | None = None, kb_dir: Path | None = None
) -> list[StoredCredit]:
    """What every story credits as of a day, read from the store (computed and saved once)."""
    day = as_of or default_day(store)
    book = _book_key(store, day, kb_dir)
    rows = read_source_credits(store, book)
    assert CREDIT_COLUMNS[0] == "story_id" and CREDIT_COLUMNS[-1] == "rated"
    if rows is not None:
        return [_from_row(r) for r in rows]
    found = _compute(store, day, kb_dir)
    try:
        save_source_credits(store, book, [_to_row(c) for c in found])
    except StoreError:
        pass  # a cache: another writer saving the same book, or a read-only store, loses nothing
    return found


def refresh_source_credits(store: Store, *, kb_dir: Path | None = None) -> int:
    """Compute and keep the credits of the store's newest day (after an ingest); their count."""
    return len(source_credits(store, kb_dir=kb_dir))


def _row(record: SourceRecord, firsts: Counter[str]) -> SourceRow:
    return SourceRow(
        name=record.source,
        kind=record.kind,
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
    day = as_of or default_day(store)
    # The table sums every story's credits (hundreds of thousands of rows at a million claims),
    # so each table is kept per process for its book: asked again, it costs the book's key.
    key = (store.engine.url.render_as_string(), _book_key(store, day, kb_dir), club, league, min_resolved)
    with _tables_lock:
        kept = _tables.get(key)
    if kept is not None:
        return list(kept)
    credits = source_credits(store, as_of=day, kb_dir=kb_dir)
    tiers = {c.credit.source_key: c.tier for c in credits if c.tier}
    records = ranked_records(
        [(c.to_club, c.from_club, c.credit) for c in credits], tiers=tiers, club=club,
        league=league, min_resolved=min_resolved,
    )  # fmt: skip
    firsts = Counter(c.credit.source_key for c in credits if c.credit.first)
    table = tuple(_row(r, firsts) for r in records)
    with _tables_lock:
        _tables[key] = table
        while len(_tables) > _TABLES_KEPT:  # the oldest first: dicts keep insertion order
            del _tables[next(iter(_tables))]
    return list(table)


# Source tables computed in this process, by store, book and filters (see `source_table`).
_TABLES_KEPT = 32
_tables: dict[tuple[str, str, str | None, str | None, int], tuple[SourceRow, ...]] = {}
_tables_lock = threading.Lock()


def source_record(
    store: Store, name: str, *, as_of: date | None = None, kb_dir: Path | None = None
) -> SourceRow:
    """One source's record; raises NotFound."""
    found = source_identity(name)
    wanted = found.key if found is not None else source_key(name)
    for row in source_table(store, as_of=as_of, kb_dir=kb_dir):
        if source_key(row.name) == wanted:
            return row
    raise NotFound(f"no source called {name!r}")

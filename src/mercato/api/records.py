"""Sources' track records: from the score package when it has them, else a provisional count.

The provisional record counts, for every original source, the stories it reported and how the
store says they ended (done, off, still open), with a Beta(1, 1) posterior for its reliability.
It is labelled provisional on every page, since outcomes read from claims alone are incomplete.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from mercato.api.scoring import Scored, scoring
from mercato.api.story_views import StoryView, club_key, group_claims
from mercato.domain import EntityKind, Status, TransferClaim
from mercato.errors import ConfigurationError
from mercato.store import Store
from mercato.store.board_tables import board_claims

if TYPE_CHECKING:
    from mercato.kb.catalogue import Catalogue

SCORED = "score package: independent sources, outcomes labelled, Beta posterior"
PROVISIONAL = "provisional: outcomes read from stored claims, Beta(1, 1) prior"
INTERVAL_MASS = 0.9
# Without a club, the table is counted over the latest claims only, so it answers quickly.
SOURCE_TABLE_CLAIMS = 20_000


@dataclass(frozen=True)
class SourceRecord:
    """How one outlet or journalist's stories ended."""

    name: str
    kind: str
    stories: int = 0
    happened: int = 0
    did_not_happen: int = 0
    first_reports: int = 0
    reliability: float | None = None
    interval: tuple[float, float] | None = None
    scored_by: str = PROVISIONAL

    @property
    def pending(self) -> int:
        """Stories still open."""
        return self.stories - self.happened - self.did_not_happen


def beta_interval(a: float, b: float, mass: float = INTERVAL_MASS) -> tuple[float, float]:
    """The central credible interval of Beta(a, b), by numeric integration of its density."""
    grid = np.linspace(0.0, 1.0, 4001)[1:-1]
    log_pdf = (
        (a - 1) * np.log(grid)
        + (b - 1) * np.log1p(-grid)
        - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    )
    cdf = np.cumsum(np.exp(log_pdf))
    cdf /= cdf[-1]
    tail = (1.0 - mass) / 2
    low = float(np.interp(tail, cdf, grid))
    high = float(np.interp(1.0 - tail, cdf, grid))
    return round(low, 4), round(high, 4)


def _backers(story: StoryView) -> list[str]:
    """Sources that said the move was on; one that only reported a denial or collapse is not
    judged on whether the move happened."""
    backers: list[str] = []
    for step in story.steps:
        if step.source and step.status != Status.OFF and step.source not in backers:
            backers.append(step.source)
    return backers


def provisional_records(
    stories: Iterable[StoryView],
    outlets: set[str],
    *,
    club: str | None = None,
    league: str | None = None,
) -> list[SourceRecord]:
    """Track records counted from stories; `outlets` tells outlets from journalists."""
    wanted = club_key(None, club) if club else None
    in_league = clubs_in_league(league) if league else None
    records: dict[str, SourceRecord] = {}
    for story in stories:
        if wanted and wanted not in (story.key[1], club_key(None, story.from_club)):
            continue
        if in_league is not None and not ({story.to_club_id, story.from_club_id} & in_league):
            continue
        for source in _backers(story):
            kind = "outlet" if source in outlets else "journalist"
            record = records.get(source) or SourceRecord(name=source, kind=kind)
            records[source] = replace(
                record,
                stories=record.stories + 1,
                happened=record.happened + (story.status == Status.DONE),
                did_not_happen=record.did_not_happen + (story.status == Status.OFF),
                first_reports=record.first_reports + (story.first_reporter == source),
            )
    scored = []
    for record in records.values():
        a = 1 + record.happened
        b = 1 + record.did_not_happen
        scored.append(
            replace(record, reliability=round(a / (a + b), 4), interval=beta_interval(a, b))
        )
    scored.sort(key=lambda r: (-(r.reliability or 0.0), -r.stories, r.name))
    return scored


@lru_cache(maxsize=64)
def clubs_in_league(league: str) -> frozenset[str]:
    """Ids of the knowledge base's clubs whose latest listed season is in this league ("en.1")."""
    try:
        catalogue = _catalogue()
    except (ImportError, OSError) as exc:
        raise ConfigurationError(f"the league filter needs the knowledge base: {exc}") from exc
    wanted = league.strip().casefold()
    found = set()
    for entity in catalogue.entities.values():
        seasons = entity.attributes.get("leagues") if entity.kind == EntityKind.CLUB else None
        if not isinstance(seasons, dict) or not seasons:
            continue
        latest = seasons[max(seasons)]
        if any(str(code).casefold() == wanted for code in latest):
            found.add(entity.id)
    return frozenset(found)


@lru_cache(maxsize=1)
def _catalogue() -> Catalogue:
    from mercato.kb.catalogue import load_catalogue

    return load_catalogue()


def source_table(
    store: Store,
    *,
    club: str | None = None,
    league: str | None = None,
    as_of: date | None = None,
) -> list[SourceRecord]:
    """The league table of sources, for one club's stories or for the latest news."""
    scored = scoring(store, as_of)
    if scored is not None:
        return _package_records(scored, club=club, league=league)
    if club:
        claims = board_claims(store, club_keys=[club_key(None, club)], as_of=as_of)
    else:
        claims = board_claims(store, as_of=as_of, latest=SOURCE_TABLE_CLAIMS)
    outlets = _outlets(stored.claim for stored in claims)
    stories = group_claims(claims)
    return provisional_records(stories, outlets, club=club, league=league)


# League tables already counted from one scoring, by (club, league): a scoring is immutable.
_TABLES_KEPT = 32
_tables: dict[tuple[int, str | None, str | None], tuple[Scored, list[SourceRecord]]] = {}


def _outlets(claims: Iterable[object]) -> set[str]:
    """Names that the claims show as outlets (the rest of the sources are journalists)."""
    outlets: set[str] = set()
    for claim in claims:
        if not isinstance(claim, TransferClaim):
            continue
        if claim.provenance.outlet:
            outlets.add(claim.provenance.outlet)
        if claim.attribution is not None and claim.attribution.outlet:
            outlets.add(claim.attribution.outlet)
    return outlets


def _package_records(scored: Scored, *, club: str | None, league: str | None) -> list[SourceRecord]:
    """Track records as the score package counts them, kept for the life of the scoring."""
    key = (id(scored), club_key(None, club) if club else None, league)
    kept = _tables.get(key)
    if kept is not None and kept[0] is scored:
        return kept[1]
    outlets = _outlets(m.claim for story in scored.stories for m in story.claims)
    rows = _count_package_records(scored, outlets, club=club, league=league)
    _tables[key] = (scored, rows)
    while len(_tables) > _TABLES_KEPT:
        _tables.pop(next(iter(_tables)))
    return rows


def _count_package_records(
    scored: Scored, outlets: set[str], *, club: str | None, league: str | None
) -> list[SourceRecord]:
    """Track records as the score package counts them (independent sources, tier priors)."""
    from mercato.score.track_records import track_records

    wanted = club_key(None, club) if club else None
    in_league = clubs_in_league(league) if league else None
    chosen = []
    for story in scored.stories:
        keys = {club_key(None, story.to_club), club_key(None, story.from_club)}
        if wanted and wanted not in keys:
            continue
        if in_league is not None and not (_story_club_ids(story) & in_league):
            continue
        chosen.append(story)
    records = track_records(chosen, scored.outcomes, tiers=scored.tiers)
    rows = [
        SourceRecord(
            name=r.source,
            kind="outlet" if r.source in outlets else "journalist",
            stories=r.reported,
            happened=r.happened,
            did_not_happen=r.not_happened,
            first_reports=sum(1 for s in chosen if _first_source(s) == r.source_key),
            reliability=round(r.reliability, 4),
            interval=(round(r.low, 4), round(r.high, 4)),
            scored_by=SCORED + (f" (tier {r.tier} prior)" if r.tier else " (flat prior)"),
        )
        for r in records.values()
    ]
    rows.sort(key=lambda r: (-(r.interval or (0.0, 0.0))[0], -(r.reliability or 0.0), r.name))
    return rows


def _story_club_ids(story: Any) -> set[str]:
    ids: set[str] = set()
    for member in story.claims:
        ids.update(i for i in (member.claim.to_club_id, member.claim.from_club_id) if i)
    return ids


def _first_source(story: Any) -> str | None:
    from mercato.stories.origin import first_reporter, source_key

    origin = first_reporter(story)
    return source_key(origin.source) if origin.source else None

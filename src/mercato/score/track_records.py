"""Every source's record: stories reported, how they ended, reliability with its uncertainty."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from mercato.domain import Entity, EntityKind
from mercato.kb.catalogue import load_catalogue
from mercato.score.beta import credible_interval
from mercato.stories.merge import Story
from mercato.stories.names import clubs_match
from mercato.stories.origin import independent_sources, source_key
from mercato.stories.outcomes import Outcome, StoryOutcome

# Prior hit rate by the knowledge base's reliability tier (1 best, 5 worst), worth a few stories.
TIER_PRIOR_MEAN: dict[str, float] = {
    "official": 0.9, "1": 0.55, "2": 0.4, "3": 0.3, "4": 0.2, "5": 0.1,
}
PRIOR_STRENGTH = 4.0
FLAT_PRIOR = (1.0, 1.0)
INTERVAL_MASS = 0.9


@dataclass(frozen=True)
class SourceRecord:
    """One source's stories and how they ended, with a Beta posterior on its hit rate."""

    source: str
    source_key: str
    reported: int
    happened: int
    not_happened: int
    pending: int
    prior: tuple[float, float]
    tier: str | None
    reliability: float  # posterior mean of the hit rate
    low: float  # equal-tailed 90% credible interval
    high: float
    lead_days: float | None  # mean days ahead of the other sources on stories that happened
    lead_stories: int

    @property
    def resolved(self) -> int:
        """Stories whose outcome is known."""
        return self.happened + self.not_happened


def prior_for(tier: str | None) -> tuple[float, float]:
    """Beta prior from a tier (a flat Beta(1, 1) when the tier is unknown)."""
    if tier is None or str(tier) not in TIER_PRIOR_MEAN:
        return FLAT_PRIOR
    mean = TIER_PRIOR_MEAN[str(tier)]
    return mean * PRIOR_STRENGTH, (1.0 - mean) * PRIOR_STRENGTH


def tiers_from_entities(entities: Iterable[Entity]) -> dict[str, str]:
    """Source key -> tier for outlets and journalists that carry `attributes["tier"]`."""
    tiers: dict[str, str] = {}
    for entity in entities:
        if entity.kind not in (EntityKind.OUTLET, EntityKind.JOURNALIST):
            continue
        tier = entity.attributes.get("tier")
        if tier not in (None, ""):
            tiers[source_key(entity.name)] = str(tier)
            for alias in entity.attributes.get("aliases", []) or []:  # type: ignore[attr-defined]
                tiers.setdefault(source_key(str(alias)), str(tier))
    return tiers


def load_tiers() -> dict[str, str]:
    """Tiers from the shipped knowledge-base catalogue (it ships with the package)."""
    catalogue = load_catalogue()
    entities = list(catalogue.entities.values())
    tiers = tiers_from_entities(entities)
    tier_of_id = {e.id: str(e.attributes["tier"]) for e in entities if e.attributes.get("tier")}
    for alias in catalogue.aliases:
        if alias.entity_id in tier_of_id:
            tiers.setdefault(source_key(alias.text), tier_of_id[alias.entity_id])
    return tiers


def credited_sources(story: Story) -> list[tuple[str, str]]:
    """(key, label) of every source a story credits: each independent original, once."""
    return [(s.source_key, s.source) for s in independent_sources(story) if s.source_key]


def _lead_days(story: Story) -> dict[str, float]:
    """Days each source was ahead of the other sources' typical (median) first report."""
    firsts = {s.source_key: s.first_published for s in independent_sources(story) if s.source_key}
    if len(firsts) < 2:
        return {}
    leads = {}
    for key, day in firsts.items():
        others = sorted((d - day).days for k, d in firsts.items() if k != key)
        leads[key] = float(others[len(others) // 2] if len(others) % 2 else
                           (others[len(others) // 2 - 1] + others[len(others) // 2]) / 2)
    return leads


def track_records(
    stories: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    tiers: Mapping[str, str] | None = None,
    group: Callable[[Story], str | None] | None = None,
) -> dict[tuple[str, str], SourceRecord]:
    """Records keyed by (source key, group); group is "" unless `group` splits (e.g. by club)."""
    tiers = tiers or {}
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    labels: dict[str, str] = {}
    leads: dict[tuple[str, str], list[float]] = defaultdict(list)
    for story in stories:
        bucket = group(story) if group else ""
        if bucket is None:
            continue
        outcome = outcomes.get(story.id)
        result = outcome.outcome if outcome else Outcome.OPEN
        story_leads = _lead_days(story) if result == Outcome.HAPPENED else {}
        for key, label in credited_sources(story):
            labels.setdefault(key, label)
            row = counts[(key, bucket)]
            row[0] += 1
            row[{Outcome.HAPPENED: 1, Outcome.NOT_HAPPENED: 2, Outcome.OPEN: 3}[result]] += 1
            if key in story_leads:
                leads[(key, bucket)].append(story_leads[key])
    records = {}
    for (key, bucket), (reported, happened, missed, pending) in counts.items():
        tier = tiers.get(key)
        a0, b0 = prior_for(tier)
        a, b = a0 + happened, b0 + missed
        low, high = credible_interval(a, b, INTERVAL_MASS)
        lead = leads.get((key, bucket), [])
        records[(key, bucket)] = SourceRecord(
            source=labels[key], source_key=key, reported=reported, happened=happened,
            not_happened=missed, pending=pending, prior=(a0, b0), tier=tier,
            reliability=a / (a + b), low=low, high=high,
            lead_days=sum(lead) / len(lead) if lead else None, lead_stories=len(lead),
        )
    return records


def league_table(
    stories: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    tiers: Mapping[str, str] | None = None,
    club: str | None = None,
    league: str | None = None,
    min_resolved: int = 0,
) -> list[SourceRecord]:
    """Sources ranked by reliability (lower bound first, so thin records do not top the table).

    `club` keeps stories from or to that club; `league` (a code such as "en.1") keeps stories
    from or to a club the knowledge base has in that league in any season it lists.
    """
    chosen = [s for s in stories if club is None or clubs_match(s.to_club, club) or clubs_match(s.from_club, club)]
    if league is not None:
        chosen = [s for s in chosen if league in club_leagues(s.to_club) | club_leagues(s.from_club)]
    records = [r for r in track_records(chosen, outcomes, tiers=tiers).values() if r.resolved >= min_resolved]
    return sorted(records, key=lambda r: (-r.low, -r.reliability, r.source_key))


@lru_cache(maxsize=4096)
def club_leagues(name: str | None) -> frozenset[str]:
    """League codes the knowledge base lists for a club, over every season it has."""
    if not name:
        return frozenset()
    found = load_catalogue().candidates(name, [EntityKind.CLUB])
    leagues = found[0].attributes.get("leagues", {}) if found else {}
    codes = {code for season in leagues.values() for code in season} if isinstance(leagues, dict) else set()  # type: ignore[attr-defined]
    return frozenset(codes)


def records_by_league(
    stories: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    tiers: Mapping[str, str] | None = None,
    min_resolved: int = 10,
) -> dict[tuple[str, str], SourceRecord]:
    """Records split by the destination club's top league code, where the data is enough."""

    def league_of(story: Story) -> str | None:
        codes = sorted(club_leagues(story.to_club))
        return codes[0] if codes else None

    split = track_records(stories, outcomes, tiers=tiers, group=league_of)
    return {k: r for k, r in split.items() if r.resolved >= min_resolved}


def records_by_club(
    stories: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    tiers: Mapping[str, str] | None = None,
    min_resolved: int = 10,
) -> dict[tuple[str, str], SourceRecord]:
    """Records split by destination club, kept only where a source has enough resolved stories."""
    split = track_records(stories, outcomes, tiers=tiers, group=lambda s: s.to_club_key or None)
    return {k: r for k, r in split.items() if r.resolved >= min_resolved}

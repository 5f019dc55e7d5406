"""Every source's record: stories reported, how they ended, reliability with its uncertainty.

A record is a Beta posterior on the source's hit rate. Its prior is centred on the pooled hit
rate of the stories it is given (for a replay: only what was known before the as-of date) among
sources of its tier, the source itself left out; its evidence is each story it reported, weighted
by the strongest claim it made about it: "here we go" counts fully, "monitoring" less than half.
Clubs' and leagues' own channels announce their business and get no rumour record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from mercato.domain import Entity, EntityKind, Stage, Status
from mercato.kb.catalogue import load_catalogue
from mercato.kb.sources import source_directory
from mercato.score.beta import credible_interval
from mercato.stories.merge import Story, StoryClaim
from mercato.stories.names import clubs_match
from mercato.stories.origin import first_reporter, independent_sources, source_key, source_label
from mercato.stories.outcomes import Outcome, StoryOutcome
from mercato.stories.sources import ANNOUNCER, source_identity

# Prior hit rate by the knowledge base's reliability tier (1 best, 5 worst), worth a few stories.
TIER_PRIOR_MEAN: dict[str, float] = {
    "official": 0.9, "1": 0.55, "2": 0.4, "3": 0.3, "4": 0.2, "5": 0.1,
}
PRIOR_STRENGTH = 4.0
FLAT_PRIOR = (1.0, 1.0)
INTERVAL_MASS = 0.9
# How much a report counts, by the strongest stage the source claimed: a deal said to be agreed
# stakes the source's name; "monitoring" commits it to little.
CLAIM_WEIGHT: dict[Stage, float] = {
    Stage.INTEREST: 0.4, Stage.MONITORING: 0.4, Stage.EXIT: 0.4,
    Stage.APPROACH: 0.7, Stage.TALKS: 0.7, Stage.BID: 0.7, Stage.BID_REJECTED: 0.7,
    Stage.AGREEMENT: 1.0, Stage.MEDICAL: 1.0, Stage.SIGNED: 1.0, Stage.ANNOUNCED: 1.0,
}
DEFAULT_WEIGHT = 0.4
# Stories of pooled evidence a tier's rate is shrunk towards the rate of all sources.
TIER_POOL_SHRINK = 10.0


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
    weighted_happened: float = 0.0  # the evidence, each story weighted by the claim's strength
    weighted_not_happened: float = 0.0
    kind: str = ""  # outlet, journalist, or "" when the knowledge base does not know the name

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
    """Source key -> reliability tier, from the shipped knowledge base's outlets and journalists."""
    return source_directory().tiers()


def claim_weight(members: Sequence[StoryClaim]) -> float:
    """How strongly a source's claims in one story commit it: its strongest stage's weight.

    A denial or collapse is no rumour of the move; a source that only said that is not credited.
    """
    weights = [
        CLAIM_WEIGHT.get(m.claim.stage, DEFAULT_WEIGHT) if m.claim.stage else DEFAULT_WEIGHT
        for m in members
        if m.claim.status != Status.OFF
    ]
    return max(weights, default=0.0)


@dataclass(frozen=True)
class SourceCredit:
    """One source behind one story: what records are summed from (and what the store keeps)."""

    story_id: str
    source_key: str
    source: str
    kind: str  # outlet, journalist, announcer, or "" when the knowledge base lacks the name
    weight: float  # the strength of its claims; 0 when it only reported a denial or collapse
    outcome: Outcome
    lead_days: float | None  # days ahead of the other sources, on a story that happened
    first: bool  # the story's first reporter
    rated: bool  # counts in rumour records (not an announcer, not a denial only)


def story_credits(story: Story, outcome: StoryOutcome | None) -> list[SourceCredit]:
    """Every source a story credits: each independent original once, and each journalist a
    byline, handle or "reports X" names beside his outlet."""
    result = outcome.outcome if outcome else Outcome.OPEN
    leads = _lead_days(story) if result == Outcome.HAPPENED else {}
    by_id = {m.claim_id: m for m in story.claims}
    first_key = first_reporter(story).source_key
    credits: dict[str, SourceCredit] = {}
    for source in independent_sources(story):
        if not source.source_key:
            continue
        members = [by_id[i] for i in source.claim_ids if i in by_id]
        identity = source_identity(source_label(members[0].claim)) if members else None
        kind = identity.kind if identity is not None else ""
        weight = claim_weight(members)
        credits[source.source_key] = SourceCredit(
            story.id, source.source_key, source.source, kind, weight, result,
            leads.get(source.source_key), source.source_key == first_key,
            kind != ANNOUNCER and weight > 0,
        )  # fmt: skip
    for member in story.claims:
        for name in _named_beside(member):
            identity = source_identity(name)
            if identity is None or identity.kind == ANNOUNCER or identity.key in credits:
                continue
            weight = claim_weight([member])
            if weight > 0:
                credits[identity.key] = SourceCredit(
                    story.id, identity.key, identity.name, identity.kind, weight, result, None,
                    False, True,
                )  # fmt: skip
    return list(credits.values())


def _named_beside(member: StoryClaim) -> list[str]:
    """A claim's journalist, and the outlet he wrote it for (not an outlet passing it on)."""
    attribution = member.claim.attribution
    if attribution is None or not attribution.journalist:
        return []
    names = [attribution.journalist]
    if attribution.outlet and len(attribution.chain) <= 1:
        names.append(attribution.outlet)
    return names


def credited_sources(story: Story) -> list[tuple[str, str]]:
    """(key, label) of every rumour source a story credits, once each."""
    return [(c.source_key, c.source) for c in story_credits(story, None) if c.rated]


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


def _pooled_priors(
    rows: Mapping[tuple[str, str], list[float]], tiers: Mapping[str, str]
) -> dict[tuple[str, str], tuple[float, float]]:
    """Each record's prior: the pooled weighted hit rate of its tier in the period, shrunk
    towards all sources' rate, worth PRIOR_STRENGTH stories; the tier's fixed prior when nothing
    in the period is resolved yet."""
    hits = sum(r[4] for r in rows.values())
    total = hits + sum(r[5] for r in rows.values())
    if total <= 1e-9:
        return {key: prior_for(tiers.get(key[0])) for key in rows}
    overall = hits / total
    tier_hits: dict[str, float] = defaultdict(float)
    tier_total: dict[str, float] = defaultdict(float)
    for (key, _), row in rows.items():
        tier = tiers.get(key, "")
        tier_hits[tier] += row[4]
        tier_total[tier] += row[4] + row[5]
    means = {
        tier: min(max((tier_hits[tier] + TIER_POOL_SHRINK * overall) / (tier_total[tier] + TIER_POOL_SHRINK), 0.01), 0.99)
        for tier in tier_total
    }
    return {
        (key, bucket): (means[t] * PRIOR_STRENGTH, (1.0 - means[t]) * PRIOR_STRENGTH)
        for (key, bucket) in rows
        for t in [tiers.get(key, "")]
    }


def records_from_credits(
    credits: Iterable[tuple[str, SourceCredit]], *, tiers: Mapping[str, str] | None = None
) -> dict[tuple[str, str], SourceRecord]:
    """Records keyed by (source key, group) from (group, credit) pairs: counts, weighted
    evidence, a prior pooled from these same credits (the training period) and the posterior."""
    tiers = tiers or {}
    # reported, happened, missed, pending, weighted happened, weighted missed
    counts: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0.0, 0.0])
    labels: dict[str, tuple[str, str]] = {}
    leads: dict[tuple[str, str], list[float]] = defaultdict(list)
    slot = {Outcome.HAPPENED: 1, Outcome.NOT_HAPPENED: 2, Outcome.OPEN: 3}
    for bucket, credit in credits:
        if not credit.rated:
            continue
        labels.setdefault(credit.source_key, (credit.source, credit.kind))
        row = counts[(credit.source_key, bucket)]
        row[0] += 1
        row[slot[credit.outcome]] += 1
        if credit.outcome == Outcome.HAPPENED:
            row[4] += credit.weight
        elif credit.outcome == Outcome.NOT_HAPPENED:
            row[5] += credit.weight
        if credit.lead_days is not None:
            leads[(credit.source_key, bucket)].append(credit.lead_days)
    priors = _pooled_priors(counts, tiers)
    records = {}
    for (key, bucket), row in counts.items():
        reported, happened, missed, pending = (int(v) for v in row[:4])
        a0, b0 = priors[(key, bucket)]
        a, b = a0 + row[4], b0 + row[5]
        low, high = credible_interval(a, b, INTERVAL_MASS)
        lead = leads.get((key, bucket), [])
        records[(key, bucket)] = SourceRecord(
            source=labels[key][0], source_key=key, reported=reported, happened=happened,
            not_happened=missed, pending=pending, prior=(a0, b0), tier=tiers.get(key),
            reliability=a / (a + b), low=low, high=high,
            lead_days=sum(lead) / len(lead) if lead else None, lead_stories=len(lead),
            weighted_happened=row[4], weighted_not_happened=row[5], kind=labels[key][1],
        )
    return records


def track_records(
    stories: Sequence[Story],
    outcomes: Mapping[str, StoryOutcome],
    *,
    tiers: Mapping[str, str] | None = None,
    group: Callable[[Story], str | None] | None = None,
) -> dict[tuple[str, str], SourceRecord]:
    """Records keyed by (source key, group); group is "" unless `group` splits (e.g. by club).

    The stories given are the training period: the priors are pooled from them alone.
    """
    pairs = []
    for story in stories:
        bucket = group(story) if group else ""
        if bucket is not None:
            pairs += [(bucket, c) for c in story_credits(story, outcomes.get(story.id))]
    return records_from_credits(pairs, tiers=tiers)


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
    credits = [
        (story.to_club, story.from_club, credit)
        for story in stories
        for credit in story_credits(story, outcomes.get(story.id))
    ]
    return ranked_records(credits, tiers=tiers, club=club, league=league, min_resolved=min_resolved)


def ranked_records(
    credits: Iterable[tuple[str | None, str | None, SourceCredit]],
    *,
    tiers: Mapping[str, str] | None = None,
    club: str | None = None,
    league: str | None = None,
    min_resolved: int = 0,
) -> list[SourceRecord]:
    """The league table from (destination, origin, credit) triples, filtered as `league_table`."""
    chosen = [
        ("", credit)
        for to_club, from_club, credit in credits
        if (club is None or clubs_match(to_club, club) or clubs_match(from_club, club))
        and (league is None or league in club_leagues(to_club) | club_leagues(from_club))
    ]
    records = [r for r in records_from_credits(chosen, tiers=tiers).values() if r.resolved >= min_resolved]
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

"""Track records on a small history: credit goes to the original source, once per story."""

from __future__ import annotations

from datetime import date

from storykit import claim

from mercato.domain import Stage, Window
from mercato.score.track_records import (
    CLAIM_WEIGHT,
    PRIOR_STRENGTH,
    TIER_POOL_SHRINK,
    SourceRecord,
    league_table,
    prior_for,
    track_records,
)
from mercato.stories.merge import merge_stories
from mercato.stories.outcomes import CompletedMove, CompletedTransfers, label_stories

SUMMER = Window(2021, "summer")


def _history():
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Sky Sports"),
        claim("Jonas Brekke", "Arsenal", "2021-03-04", source="Sky Sports", via="Mail"),
        claim("Ilan Castor", "Chelsea", "2021-03-02", source="Sky Sports"),
        claim("Ilan Castor", "Chelsea", "2021-03-06", source="Star"),
        claim("Pavel Oudin", "Everton", "2021-03-03", source="Star"),
        claim("Rui Salgado", "Leeds", "2021-04-01", source="Star"),
        claim("Rui Salgado", "Leeds", "2022-04-01", source="Sky Sports"),  # next year: still open
    ]
    table = CompletedTransfers([
        CompletedMove("Jonas Brekke", "Everton", "Arsenal FC", SUMMER),
        CompletedMove("Ilan Castor", "Lyon", "Chelsea FC", SUMMER),
    ])
    stories = merge_stories(claims)
    outcomes = label_stories(stories, as_of=date(2021, 10, 1), completed=table)
    return stories, outcomes


def test_counts_per_source_follow_the_originals() -> None:
    stories, outcomes = _history()
    records = {k: r for (k, _), r in track_records(stories, outcomes).items()}
    sky, star = records["sky sports"], records["star"]
    assert (sky.reported, sky.happened, sky.not_happened, sky.pending) == (3, 2, 0, 1)
    assert (star.reported, star.happened, star.not_happened, star.pending) == (3, 1, 2, 0)
    assert "mail" not in records  # it only passed Sky's report on


def test_reliability_is_a_beta_posterior_with_an_interval() -> None:
    stories, outcomes = _history()
    records = {k: r for (k, _), r in track_records(stories, outcomes).items()}
    star = records["star"]
    a0, b0 = star.prior
    assert abs(a0 + b0 - PRIOR_STRENGTH) < 1e-9
    a, b = a0 + star.weighted_happened, b0 + star.weighted_not_happened
    assert abs(star.reliability - a / (a + b)) < 1e-9
    assert star.low < star.reliability < star.high


def _rate(*records: SourceRecord) -> float:
    """The weighted hit rate of these records together."""
    hit = sum(r.weighted_happened for r in records)
    return hit / (hit + sum(r.weighted_not_happened for r in records))


def test_the_prior_is_the_pooled_rate_of_the_period_by_tier() -> None:
    stories, outcomes = _history()
    more = merge_stories([
        claim("Pavel Oudin", "Everton", "2021-03-03", source="Times"),
        claim("Rui Salgado", "Leeds", "2021-04-01", source="Times"),
    ])  # fmt: skip
    stories = [*stories, *more]
    outcomes = {**outcomes, **label_stories(more, as_of=date(2021, 10, 1))}
    records = {k: r for (k, _), r in track_records(stories, outcomes, tiers={"star": "5", "times": "5"}).items()}
    sky, star, times = records["sky sports"], records["star"], records["times"]
    everyone = _rate(sky, star, times)
    # The Star's prior: its tier's pooled record (the Star's and the Times') shrunk towards everyone's.
    tier = star.weighted_happened + times.weighted_happened
    tier_total = tier + star.weighted_not_happened + times.weighted_not_happened
    expected = (tier + TIER_POOL_SHRINK * everyone) / (tier_total + TIER_POOL_SHRINK)
    assert abs(star.prior[0] / PRIOR_STRENGTH - expected) < 1e-9
    assert star.prior == times.prior and star.prior != sky.prior


def test_priors_come_only_from_the_stories_given() -> None:
    """A replay passes what was known before its day: later outcomes cannot reach the prior."""
    stories, outcomes = _history()
    nothing_resolved = {k: r for (k, _), r in track_records(stories, {}).items()}
    assert nothing_resolved["sky sports"].prior == prior_for(None)
    early = [s for s in stories if s.person in ("Jonas Brekke", "Pavel Oudin")]
    records = {k: r for (k, _), r in track_records(early, outcomes).items()}
    everyone = _rate(*records.values())
    assert all(abs(r.prior[0] / PRIOR_STRENGTH - everyone) < 1e-9 for r in records.values())


def test_a_strong_claim_counts_more_than_interest() -> None:
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Sky Sports", stage=Stage.AGREEMENT),
        claim("Ilan Castor", "Chelsea", "2021-03-02", source="Sky Sports", stage=Stage.MONITORING),
    ]
    table = CompletedTransfers([CompletedMove("Jonas Brekke", "Everton", "Arsenal FC", SUMMER)])
    stories = merge_stories(claims)
    outcomes = label_stories(stories, as_of=date(2021, 10, 1), completed=table)
    [record] = [r for (k, _), r in track_records(stories, outcomes).items() if k == "sky sports"]
    assert (record.happened, record.not_happened) == (1, 1)
    assert record.weighted_happened == CLAIM_WEIGHT[Stage.AGREEMENT] == 1.0
    assert record.weighted_not_happened == CLAIM_WEIGHT[Stage.MONITORING] < 0.5


def test_a_club_announcing_its_own_signing_gets_no_rumour_record() -> None:
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-06-01", source=None, outlet="arsenal.com", stage=Stage.SIGNED),
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Sky Sports"),
    ]
    table = CompletedTransfers([CompletedMove("Jonas Brekke", "Everton", "Arsenal FC", SUMMER)])
    stories = merge_stories(claims)
    outcomes = label_stories(stories, as_of=date(2021, 10, 1), completed=table)
    keys = {k for (k, _) in track_records(stories, outcomes)}
    assert keys == {"sky sports"}


def test_a_journalist_named_beside_his_outlet_is_credited_too() -> None:
    claims = [claim("Jonas Brekke", "Arsenal", "2021-03-01", source="The Athletic", journalist="David Ornstein")]
    stories = merge_stories(claims)
    outcomes = label_stories(stories, as_of=date(2021, 3, 5))
    records = {k: r for (k, _), r in track_records(stories, outcomes).items()}
    assert set(records) == {"athletic", "david ornstein"}
    assert records["david ornstein"].kind == "journalist" and records["athletic"].kind == "outlet"


def test_earliness_on_stories_that_happened() -> None:
    stories, outcomes = _history()
    records = {k: r for (k, _), r in track_records(stories, outcomes).items()}
    # Sky was four days ahead of the Star on Castor's move
    assert records["sky sports"].lead_days == 4.0 and records["sky sports"].lead_stories == 1
    assert records["star"].lead_days == -4.0


def test_league_table_filters_by_club_and_ranks_by_lower_bound() -> None:
    stories, outcomes = _history()
    table = league_table(stories, outcomes)
    assert table[0].source_key == "sky sports"
    only_leeds = league_table(stories, outcomes, club="Leeds United")
    assert {r.source_key for r in only_leeds} == {"star", "sky sports"}
    assert all(r.reported == 1 for r in only_leeds)


def test_league_filter_keeps_stories_of_that_leagues_clubs() -> None:
    from mercato.score.track_records import club_leagues, league_table
    from mercato.stories.merge import merge_stories
    from mercato.stories.outcomes import label_stories

    assert "en.1" in club_leagues("Arsenal") and "es.1" in club_leagues("Sevilla")
    stories = merge_stories(
        [
            claim("Theo Marchand", "Arsenal", "2021-03-01", source="Sky Sports"),
            claim("Pablo Ruiz", "Sevilla", "2021-03-02", source="Marca"),
        ]
    )
    outcomes = label_stories(stories, as_of=date(2021, 3, 5))
    english = {r.source for r in league_table(stories, outcomes, league="en.1")}
    spanish = {r.source for r in league_table(stories, outcomes, league="es.1")}
    assert "Sky Sports" in english and "Marca" not in english
    assert "Marca" in spanish and "Sky Sports" not in spanish

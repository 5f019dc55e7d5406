"""Track records on a small history: credit goes to the original source, once per story."""

from __future__ import annotations

from datetime import date

from storykit import claim

from mercato.domain import Window
from mercato.score.track_records import league_table, prior_for, track_records
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
    assert star.prior == (1.0, 1.0)
    assert abs(star.reliability - (1 + 1) / (2 + 3)) < 1e-9
    assert star.low < star.reliability < star.high


def test_tier_prior_pulls_the_estimate() -> None:
    stories, outcomes = _history()
    plain = {k: r for (k, _), r in track_records(stories, outcomes).items()}
    tiered = {k: r for (k, _), r in track_records(stories, outcomes, tiers={"star": "5"}).items()}
    assert tiered["star"].prior == prior_for("5")
    assert tiered["star"].reliability < plain["star"].reliability


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

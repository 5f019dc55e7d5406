"""Outcome labelling from tables, later claims, renewals and the window closing, as of a day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storykit import claim, renewal

from mercato.domain import Stage, Window
from mercato.stories.merge import merge_stories
from mercato.stories.outcomes import (
    CompletedMove,
    CompletedTransfers,
    Outcome,
    completed_transfers,
    label_stories,
    load_completed_transfers,
)

SUMMER = Window(2021, "summer")


def _labels(claims, as_of, completed=None, contracts=()):
    stories = merge_stories(claims)
    outcomes = label_stories(stories, as_of=date.fromisoformat(as_of), completed=completed,
                             contracts=contracts)
    return {(s.person, s.to_club): outcomes[s.id] for s in stories if s.id in outcomes}


def test_open_until_the_window_closes_then_did_not_happen() -> None:
    claims = [claim("Jonas Brekke", "Arsenal", "2021-03-01")]
    assert _labels(claims, "2021-08-01")[("Jonas Brekke", "Arsenal")].outcome == Outcome.OPEN
    late = _labels(claims, "2021-09-02")[("Jonas Brekke", "Arsenal")]
    assert late.outcome == Outcome.NOT_HAPPENED
    assert late.resolved_on == date(2021, 9, 1)


def test_a_later_claim_saying_done_makes_it_happen_from_that_day() -> None:
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01"),
        claim("Jonas Brekke", "Arsenal", "2021-07-10", stage=Stage.SIGNED, source="Sky Sports"),
    ]
    assert _labels(claims, "2021-07-09")[("Jonas Brekke", "Arsenal")].outcome == Outcome.OPEN
    done = _labels(claims, "2021-07-10")[("Jonas Brekke", "Arsenal")]
    assert done.outcome == Outcome.HAPPENED and done.resolved_on == date(2021, 7, 10)


def test_a_hedged_done_claim_does_not_settle_it() -> None:
    claims = [claim("Jonas Brekke", "Arsenal", "2021-07-10", stage=Stage.AGREEMENT, hedged=True)]
    assert _labels(claims, "2021-07-20")[("Jonas Brekke", "Arsenal")].outcome == Outcome.OPEN


def test_joining_another_club_settles_the_rivals() -> None:
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01"),
        claim("Jonas Brekke", "Chelsea", "2021-03-02"),
        claim("Jonas Brekke", "Chelsea", "2021-07-01", stage=Stage.ANNOUNCED),
    ]
    labels = _labels(claims, "2021-07-02")
    assert labels[("Jonas Brekke", "Arsenal")].outcome == Outcome.NOT_HAPPENED
    assert labels[("Jonas Brekke", "Chelsea")].outcome == Outcome.HAPPENED


def test_a_renewal_means_it_did_not_happen() -> None:
    claims = [claim("Jonas Brekke", "Arsenal", "2021-03-01", from_club="Everton")]
    labels = _labels(claims, "2021-05-01", contracts=[renewal("Jonas Brekke", "Everton", "2021-04-20")])
    assert labels[("Jonas Brekke", "Arsenal")].outcome == Outcome.NOT_HAPPENED
    assert labels[("Jonas Brekke", "Arsenal")].reason == "renewed"


def test_completed_table_decides_once_the_window_has_closed() -> None:
    table = CompletedTransfers([
        CompletedMove("Jonas Brekke", "Everton FC", "Arsenal FC", SUMMER),
        CompletedMove("Ilan Castor", "Lyon", "Chelsea FC", SUMMER),
    ])
    claims = [
        claim("Brekke", "Arsenal", "2021-03-01"),
        claim("Ilan Castor", "Arsenal", "2021-03-01"),
    ]
    before = _labels(claims, "2021-08-30", completed=table)
    assert {o.outcome for o in before.values()} == {Outcome.OPEN}  # undated rows: known at close
    after = _labels(claims, "2021-09-05", completed=table)
    assert after[("Brekke", "Arsenal")].outcome == Outcome.HAPPENED
    assert after[("Ilan Castor", "Arsenal")].outcome == Outcome.NOT_HAPPENED
    assert after[("Ilan Castor", "Arsenal")].reason.startswith("joined Chelsea")


def test_dated_table_rows_settle_a_story_from_their_day() -> None:
    table = CompletedTransfers([
        CompletedMove("Jonas Brekke", "Everton", "Arsenal", SUMMER, day=date(2021, 7, 4)),
    ])
    claims = [claim("Jonas Brekke", "Arsenal", "2021-03-01")]
    assert _labels(claims, "2021-07-03", completed=table)[("Jonas Brekke", "Arsenal")].outcome == Outcome.OPEN
    assert _labels(claims, "2021-07-04", completed=table)[("Jonas Brekke", "Arsenal")].outcome == Outcome.HAPPENED


def test_an_exit_happens_when_the_player_leaves_for_anywhere() -> None:
    table = CompletedTransfers([CompletedMove("Jonas Brekke", "Everton", None, SUMMER)])
    claims = [claim("Jonas Brekke", None, "2021-03-01", from_club="Everton")]
    labels = _labels(claims, "2021-09-05", completed=table)
    assert labels[("Jonas Brekke", None)].outcome == Outcome.HAPPENED


def test_as_of_labels_never_see_later_claims() -> None:
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01"),
        claim("Jonas Brekke", "Arsenal", "2021-06-01", stage=Stage.SIGNED),
    ]
    stories = merge_stories(claims)
    early = label_stories(stories, as_of=date(2021, 5, 1))
    assert [o.outcome for o in early.values()] == [Outcome.OPEN]


def test_load_completed_transfers_reads_both_table_layouts(tmp_path: Path) -> None:
    league = tmp_path / "transfers-by-window" / "premier_league"
    league.mkdir(parents=True)
    (league / "2021.csv").write_text(
        "season,league,club,window,movement,player_name,player_id,age,nationality,position,pos,"
        "market_value,dealing_club,dealing_country,fee,is_loan\n"
        "2021,Premier League,Arsenal FC,winter,in,Jonas Brekke,1,24,Norway,CM,CM,1,Everton FC,"
        "England,0,1\n"
    )
    (tmp_path / "transfers").mkdir()
    (tmp_path / "transfers" / "t.csv").write_text(
        "player_id,transfer_date,transfer_season,from_club_id,to_club_id,from_club_name,"
        "to_club_name,transfer_fee,market_value_in_eur,player_name\n"
        "2,15/07/2022,22/23,1,2,Lyon,Chelsea,0,0,Ilan Castor\n"
    )
    table = load_completed_transfers(tmp_path)
    winter = table.moves_of("Jonas Brekke", Window(2022, "winter"), known_on=date(2022, 3, 1))
    assert [(m.to_club, m.is_loan) for m in winter] == [("Arsenal FC", True)]
    summer = table.moves_of("Ilan Castor", Window(2022, "summer"), known_on=date(2022, 7, 15))
    assert [m.to_club for m in summer] == ["Chelsea"]


def test_tables_asked_by_season_read_those_seasons_and_keep_them(tmp_path: Path) -> None:
    league = tmp_path / "transfers-by-window" / "premier_league"
    league.mkdir(parents=True)
    header = ("season,league,club,window,movement,player_name,player_id,age,nationality,position,pos,"
              "market_value,dealing_club,dealing_country,fee,is_loan\n")
    for season, person in ((2021, "Jonas Brekke"), (2022, "Ilan Castor")):
        (league / f"{season}.csv").write_text(
            header + f"{season},Premier League,Arsenal FC,summer,in,{person},1,24,Norway,CM,CM,1,Everton FC,England,0,0\n"
        )
    first = completed_transfers(tmp_path, frozenset({2021}))
    assert first is not None and len(first) == 1
    assert completed_transfers(tmp_path, frozenset({2021})) is first, "kept, not read again"
    both = completed_transfers(tmp_path, frozenset({2022}))
    assert both is not None and len(both) == 2, "a new season adds to what was read"
    assert both.moves_of("Jonas Brekke", Window(2021, "summer"), known_on=date(2021, 9, 2))
    assert completed_transfers(None) is None


def test_tables_that_list_a_clubs_league_outweigh_a_done_claim() -> None:
    # Arsenal's league is listed in full (a row with league_club=Arsenal), and no Brekke move.
    table = CompletedTransfers([CompletedMove("Someone Else", "Lyon", "Arsenal FC", SUMMER, league_club="Arsenal FC")])
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01"),
        claim("Jonas Brekke", "Arsenal", "2021-07-01", stage=Stage.AGREEMENT),
        claim("Ilan Castor", "Galatasaray", "2021-07-01", stage=Stage.SIGNED),
    ]
    during = _labels(claims, "2021-07-02", completed=table)
    assert during[("Jonas Brekke", "Arsenal")].outcome == Outcome.HAPPENED  # gossip, until the close
    after = _labels(claims, "2021-09-05", completed=table)
    assert after[("Jonas Brekke", "Arsenal")].outcome == Outcome.NOT_HAPPENED
    # Galatasaray's league is not listed: the done claim stands
    assert after[("Ilan Castor", "Galatasaray")].outcome == Outcome.HAPPENED


def test_table_surname_fallback_needs_a_compatible_first_name() -> None:
    table = CompletedTransfers([CompletedMove("Lisandro Moreno", "Ajax", "Everton", SUMMER)])
    claims = [claim("Lautaro Moreno", "Everton", "2021-03-01"), claim("Moreno", "Everton", "2021-03-01")]
    after = _labels(claims, "2021-09-05", completed=table)
    assert after[("Lautaro Moreno", "Everton")].outcome == Outcome.NOT_HAPPENED

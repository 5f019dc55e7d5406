"""The replay learns only from the past and beats the base rate on a history with a signal."""

from __future__ import annotations

from datetime import date

import pytest
from synthetic import history

from mercato.replay.backtest import checkpoints, evaluate, final_labels, replay
from mercato.replay.labellers import gossip_labeller

SINCE = date(2021, 9, 2)


@pytest.fixture(scope="module")
def run():
    claims, table = history()
    labeller = gossip_labeller(table, ())
    predictions = replay(claims, labeller)
    _, outcomes, story_of = final_labels(claims, labeller, date(2023, 1, 1))
    return claims, table, predictions, evaluate(predictions, outcomes, story_of, since=SINCE)


def test_every_story_is_predicted_once_on_its_first_day(run) -> None:
    claims, _, predictions, _ = run
    keys = [p.key for p in predictions]
    assert len(keys) == len(set(keys))
    first_days = {cid: c.provenance.published for cid, c in claims}
    assert all(p.made_on == first_days[p.key] for p in predictions)


def test_model_beats_base_rate_and_outlet_rate_beats_nothing(run) -> None:
    _, _, _, figures = run
    model, base = figures["model"], figures["base_rate"]
    assert model["n"] > 100
    assert model["brier"] < base["brier"]
    assert model["log_loss"] < base["log_loss"]
    assert model["auc"] > 0.7
    assert figures["outlet_rate"]["auc"] > 0.6


def test_predictions_before_a_day_ignore_every_later_article(run) -> None:
    claims, table, predictions, _ = run
    cut = date(2021, 6, 1)
    earlier = [(cid, c) for cid, c in claims if c.provenance.published <= cut]
    replayed = replay(earlier, gossip_labeller(table, ()))
    before = {p.key: (p.model, p.base_rate, p.outlet_rate) for p in predictions if p.made_on <= cut}
    assert before == {p.key: (p.model, p.base_rate, p.outlet_rate) for p in replayed}


def test_checkpoints_are_month_starts_and_days_after_deadlines() -> None:
    marks = checkpoints(date(2021, 1, 15), date(2021, 4, 10))
    assert marks == [date(2021, 2, 1), date(2021, 2, 2), date(2021, 3, 1), date(2021, 4, 1)]

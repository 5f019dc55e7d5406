"""The replay learns only from the past and beats the base rate on a history with a signal."""

from __future__ import annotations

from datetime import date

import pytest
from synthetic import history

from mercato.replay.backtest import AGES, checkpoints, evaluate, final_labels, known_rate, replay
from mercato.replay.labellers import gossip_labeller

SINCE = date(2021, 9, 2)


@pytest.fixture(scope="module")
def run():
    claims, table = history()
    labeller = gossip_labeller(table, ())
    predictions = replay(claims, labeller)
    _, outcomes, story_of = final_labels(claims, labeller, date(2023, 1, 1))
    constant = known_rate(claims, labeller, SINCE)
    return claims, table, predictions, evaluate(predictions, outcomes, story_of, since=SINCE, constant=constant)


def test_every_story_is_forecast_once_at_each_age_counted_from_its_first_day(run) -> None:
    claims, _, predictions, _ = run
    keys = [(p.key, p.age) for p in predictions]
    assert len(keys) == len(set(keys))
    assert {p.age for p in predictions} == set(AGES)
    first_days = {cid: c.provenance.published for cid, c in claims}
    assert all((p.made_on - first_days[p.key]).days == p.age for p in predictions)


def test_a_later_forecast_sees_the_claims_made_since_the_first_report(run) -> None:
    _, _, predictions, _ = run
    from mercato.score.probability import FEATURE_NAMES

    claims_column = FEATURE_NAMES.index("claims")
    by_key: dict[str, dict[int, tuple[float, ...]]] = {}
    for p in predictions:
        by_key.setdefault(p.key, {})[p.age] = p.features
    grown = [ages for ages in by_key.values() if 0 in ages and 30 in ages and ages[30][claims_column] > ages[0][claims_column]]
    assert grown  # the synthetic history adds a bid or talks to some stories within 20 days


def test_model_beats_the_constant_and_outlet_rate_beats_nothing(run) -> None:
    _, _, _, figures = run
    model, constant = figures["model"], figures["constant"]
    assert model["n"] > 100
    assert model["brier"] < constant["brier"]
    assert model["log_loss"] < constant["log_loss"]
    assert model["auc"] > 0.7
    assert figures["outlet_rate"]["auc"] > 0.6


def test_the_report_has_every_predictor_named_moves_exits_horizons_and_reliability(run) -> None:
    _, _, _, figures = run
    assert set(figures) == {"model", "constant", "base_rate", "outlet_rate", "horizons"}
    for name in ("model", "constant", "base_rate", "outlet_rate"):
        assert {"auc", "brier", "log_loss", "named", "exits"} <= set(figures[name])
    model = figures["model"]
    assert {"calibration_slope", "calibration_intercept"} <= set(model)
    assert {"auc", "brier", "log_loss"} <= set(model["named"])
    bins = model["reliability"]
    assert len(bins) == 10 and sum(b["count"] for b in bins) == model["n"]
    assert set(bins[0]) == {"low", "high", "mean_forecast", "observed", "count"}
    assert set(figures["horizons"]) == {"0", "30"}
    assert figures["horizons"]["0"]["model"]["n"] >= model["n"]  # fewer are still open a week on


def test_predictions_before_a_day_ignore_every_later_article(run) -> None:
    claims, table, predictions, _ = run
    cut = date(2021, 6, 1)
    earlier = [(cid, c) for cid, c in claims if c.provenance.published <= cut]
    replayed = replay(earlier, gossip_labeller(table, ()))
    before = {(p.key, p.age): (p.model, p.base_rate, p.outlet_rate, p.features) for p in predictions if p.made_on <= cut}
    assert before == {(p.key, p.age): (p.model, p.base_rate, p.outlet_rate, p.features) for p in replayed}
    assert {p.age for p in replayed} == set(AGES)  # later looks at a story are cut too


def test_checkpoints_are_month_starts_and_days_after_deadlines() -> None:
    marks = checkpoints(date(2021, 1, 15), date(2021, 4, 10))
    assert marks == [date(2021, 2, 1), date(2021, 2, 2), date(2021, 3, 1), date(2021, 4, 1)]


def test_a_story_settled_by_the_day_of_its_forecast_is_not_scored() -> None:
    from mercato.domain import Window
    from mercato.replay.backtest import Prediction
    from mercato.score.probability import FEATURE_NAMES
    from mercato.stories.outcomes import Outcome, StoryOutcome

    features = tuple(0.0 for _ in FEATURE_NAMES)

    def forecast(key: str, first: date, age: int, p: float) -> Prediction:
        made = date.fromordinal(first.toordinal() + age)
        return Prediction(key, key, made, age, Window(2022, "winter"), "Post", p, 0.1, 0.1, features)

    first = date(2021, 10, 1)
    predictions = [forecast(k, first, age, 0.5) for k in ("open", "shut", "done") for age in (0, 7, 30)]
    outcomes = {
        "open": StoryOutcome("open", Outcome.HAPPENED, date(2022, 1, 20), "table"),
        "shut": StoryOutcome("shut", Outcome.NOT_HAPPENED, date(2021, 10, 5), "renewed"),
        "done": StoryOutcome("done", Outcome.HAPPENED, date(2021, 10, 1), "reported done"),
    }
    story_of = {k: k for k in outcomes}
    figures = evaluate(predictions, outcomes, story_of, since=SINCE, constant=0.1)
    assert figures["model"]["n"] == 1  # only "open" was still open a week after its first report
    assert figures["horizons"]["0"]["model"]["n"] == 2  # "done" was settled on its first day
    assert figures["constant"]["brier"] == pytest.approx(0.81)

"""Forecasts as a story develops: features as of a day, named moves and exits apart, no look-ahead."""

from __future__ import annotations

import random
from datetime import date

from storykit import claim

from mercato.domain import Stage
from mercato.score.metrics import calibration
from mercato.score.probability import (
    FEATURE_NAMES,
    fit_forecast,
    knowledge_on,
    story_features,
)
from mercato.stories.merge import merge_stories
from mercato.stories.outcomes import Outcome, StoryOutcome

COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}


def _story():
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-06-01", source="Star"),
        claim("Jonas Brekke", "Arsenal", "2021-06-09", source="Sky Sports", stage=Stage.TALKS),
        claim("Jonas Brekke", "Arsenal", "2021-08-20", source="Mail", stage=Stage.AGREEMENT, hedged=True),
    ]
    (story,) = merge_stories(claims)
    return story


def test_features_follow_the_story_from_day_to_day() -> None:
    story = _story()

    def on(day: date) -> list[float]:
        seen = story.as_of(day)
        assert seen is not None
        return story_features(seen, as_of=day, records={}, base_rate=0.1)

    first, week, late = on(date(2021, 6, 1)), on(date(2021, 6, 10)), on(date(2021, 8, 25))
    assert first[COLUMN["age_days"]] == 0.0 < week[COLUMN["age_days"]] < late[COLUMN["age_days"]]
    assert first[COLUMN["independent_sources"]] < week[COLUMN["independent_sources"]] < late[COLUMN["independent_sources"]]
    assert first[COLUMN["strength"]] < week[COLUMN["strength"]]
    # A hedged agreement ("could agree") counts for half: the furthest stage still says agreement.
    assert late[COLUMN["latest_strength"]] < late[COLUMN["strength"]] < late[COLUMN["stage_progress"]]
    # Days to the deadline shrink continuously; the window opens in June.
    assert first[COLUMN["days_to_deadline"]] > week[COLUMN["days_to_deadline"]] > late[COLUMN["days_to_deadline"]]
    assert first[COLUMN["window_open"]] == 1.0 and first[COLUMN["summer"]] == 1.0
    assert week[COLUMN["quiet_days"]] > 0.0 and late[COLUMN["quiet_days"]] > 0.0


def test_records_known_on_a_day_hold_no_outcome_settled_on_or_after_it() -> None:
    claims = [
        claim("Ilan Castor", "Chelsea", "2021-03-02", source="Star"),
        claim("Pavel Drago", "Chelsea", "2021-03-03", source="Star"),
    ]
    castor, drago = sorted(merge_stories(claims), key=lambda s: s.person)
    outcomes = {
        castor.id: StoryOutcome(castor.id, Outcome.HAPPENED, date(2021, 5, 1), "table"),
        drago.id: StoryOutcome(drago.id, Outcome.NOT_HAPPENED, date(2021, 9, 1), "window closed"),
    }
    before = knowledge_on([castor, drago], outcomes, date(2021, 5, 1))
    assert before.records == {} and before.clubs == {}
    between = knowledge_on([castor, drago], outcomes, date(2021, 6, 1))
    (star,) = between.records.values()
    assert (star.happened, star.resolved) == (1, 1)
    assert between.clubs["to:" + castor.to_club_key].happened == 1


def test_named_moves_and_exits_are_modelled_apart() -> None:
    rng = random.Random(11)
    rows, labels = [], []
    strength = COLUMN["strength"]
    for _ in range(1200):
        row = [0.0] * len(FEATURE_NAMES)
        row[COLUMN["exit"]] = float(rng.random() < 0.5)
        row[strength] = rng.random()
        # For named moves strength helps; for exits (invented, to tell the models apart) it hurts.
        p = 0.1 + 0.7 * row[strength] if row[COLUMN["exit"]] == 0 else 0.8 - 0.7 * row[strength]
        rows.append(row)
        labels.append(int(rng.random() < p))
    model = fit_forecast(rows, labels)
    assert model.named.weights[strength] > 0.5 > -0.5 > model.exits.weights[strength]
    weak, strong = [0.0] * len(FEATURE_NAMES), [0.0] * len(FEATURE_NAMES)
    strong[strength] = 1.0
    named_weak, named_strong = model.predict([weak, strong])
    weak[COLUMN["exit"]] = strong[COLUMN["exit"]] = 1.0
    exit_weak, exit_strong = model.predict([weak, strong])
    assert named_weak < named_strong and exit_weak > exit_strong


def test_calibration_of_calibrated_forecasts_is_near_one_and_zero() -> None:
    rng = random.Random(4)
    p = [rng.uniform(0.02, 0.98) for _ in range(20000)]
    y = [int(rng.random() < q) for q in p]
    fitted = calibration(y, p)
    assert fitted is not None
    slope, intercept = fitted
    assert abs(slope - 1.0) < 0.05 and abs(intercept) < 0.05
    assert calibration(y, [0.3] * len(y)) is None  # a constant has no slope

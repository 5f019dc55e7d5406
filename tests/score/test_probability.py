"""The logistic model, the three separate numbers, and ranking open rumours as of a day."""

from __future__ import annotations

import random
from datetime import date

from storykit import claim

from mercato.domain import Stage
from mercato.score.probability import (
    FEATURE_NAMES,
    PRIOR_RATE,
    PRIOR_STORIES,
    constant_model,
    fit_logistic,
    prior_model,
    rank_rumours,
)


def test_fit_learns_the_direction_of_a_signal() -> None:
    rng = random.Random(3)
    rows, labels = [], []
    for _ in range(400):
        x = rng.random()
        rows.append([x, rng.random()])
        labels.append(int(rng.random() < 0.1 + 0.8 * x))
    model = fit_logistic(rows, labels, l2=1.0)
    assert model.weights[0] > 1.0 and abs(model.weights[1]) < 0.5
    low, high = model.predict([[0.05, 0.5], [0.95, 0.5]])
    assert low < 0.25 and high > 0.75


def test_forward_validation_picks_a_penalty_from_the_grid() -> None:
    from mercato.score.probability import DEFAULT_L2, L2_GRID, choose_l2

    rng = random.Random(5)
    rows, labels, groups = [], [], []
    for i in range(600):
        x = rng.random()
        rows.append([x, rng.random()])
        labels.append(int(rng.random() < 0.1 + 0.8 * x))
        groups.append((2021, 0) if i < 400 else (2021, 1))
    assert choose_l2(rows, labels, groups) in L2_GRID
    assert choose_l2(rows, labels, [(2021, 0)] * 600) in L2_GRID  # one window: folds of it
    assert choose_l2(rows[:30], labels[:30], [(2021, 0)] * 30) == DEFAULT_L2  # too few to validate
    noise = [int(rng.random() < 0.3) for _ in rows]
    assert choose_l2(rows, noise, [(2021, 0)] * 600) >= 100.0  # no signal: a heavy penalty


def test_thin_data_falls_back_to_the_smoothed_base_rate() -> None:
    model = fit_logistic([[1.0], [0.0], [0.5]], [1, 0, 0])
    assert model.weights == (0.0,)  # the first feature carries no prior weight
    smoothed = (1 + PRIOR_RATE * PRIOR_STORIES) / (3 + PRIOR_STORIES)
    assert abs(float(model.predict([[7.0]])[0]) - smoothed) < 1e-6
    assert abs(float(constant_model(0.2).predict([[1.0] * len(FEATURE_NAMES)])[0]) - 0.2) < 1e-9


def test_thin_data_still_tells_a_done_deal_from_a_denial() -> None:
    model = prior_model(PRIOR_RATE)
    row = dict.fromkeys(FEATURE_NAMES, 0.0)
    done = [{**row, "stage_progress": 1.0, "reported_done": 1.0}[n] for n in FEATURE_NAMES]
    denied = [{**row, "denied": 1.0}[n] for n in FEATURE_NAMES]
    plain = [row[n] for n in FEATURE_NAMES]
    p_done, p_denied, p_plain = model.predict([done, denied, plain])
    assert p_denied < p_plain < p_done
    assert abs(p_plain - PRIOR_RATE) < 1e-9


def test_rank_rumours_lists_open_stories_as_of_a_day_and_ignores_later_news() -> None:
    claims = [
        claim("Jonas Brekke", "Arsenal", "2021-03-01", source="Sky Sports"),
        claim("Jonas Brekke", "Arsenal", "2021-03-03", source="Mail", via="Express"),
        claim("Ilan Castor", "Chelsea", "2021-03-02", source="Star"),
        claim("Ilan Castor", "Chelsea", "2021-05-02", source="Star", stage=Stage.SIGNED),
    ]
    ranked = rank_rumours(claims, as_of=date(2021, 4, 1))
    assert {r.story.person for r in ranked} == {"Jonas Brekke", "Ilan Castor"}
    brekke = next(r for r in ranked if r.story.person == "Jonas Brekke")
    assert brekke.independent_sources == 2 and brekke.buzz >= 3
    assert 0.0 < brekke.probability < 1.0
    later = rank_rumours(claims, as_of=date(2021, 6, 1))
    assert {r.story.person for r in later} == {"Jonas Brekke"}  # Castor's move is done: not open

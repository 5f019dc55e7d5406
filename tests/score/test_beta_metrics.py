"""Beta intervals and the scoring figures, checked against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from mercato.score.beta import beta_cdf, credible_interval
from mercato.score.metrics import auc, brier, log_loss, reliability


def test_flat_beta_interval_is_the_uniform_quantiles() -> None:
    low, high = credible_interval(1.0, 1.0, 0.9)
    assert low == pytest.approx(0.05, abs=1e-6) and high == pytest.approx(0.95, abs=1e-6)


def test_beta_cdf_known_values() -> None:
    # Beta(2, 1) has CDF x^2; Beta(1, 3) has CDF 1 - (1 - x)^3
    assert beta_cdf(0.3, 2, 1) == pytest.approx(0.09, abs=1e-9)
    assert beta_cdf(0.2, 1, 3) == pytest.approx(1 - 0.8**3, abs=1e-9)


def test_more_data_narrows_the_interval() -> None:
    few = credible_interval(1 + 2, 1 + 3)
    many = credible_interval(1 + 40, 1 + 60)
    assert (many[1] - many[0]) < (few[1] - few[0]) / 2


def test_auc_perfect_random_and_ties() -> None:
    assert auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert auc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]) == 0.0
    assert auc([0, 1], [0.5, 0.5]) == 0.5
    assert auc([1, 1], [0.3, 0.4]) is None


def test_brier_and_log_loss() -> None:
    assert brier([1, 0], [0.8, 0.4]) == pytest.approx((0.04 + 0.16) / 2)
    assert log_loss([1, 0], [0.8, 0.4]) == pytest.approx(-(math.log(0.8) + math.log(0.6)) / 2)


def test_reliability_bins_count_and_rate() -> None:
    bins = reliability([0, 1, 1, 0], [0.05, 0.07, 0.95, 1.0], bins=10)
    assert bins[0].count == 2 and bins[0].observed == 0.5
    assert bins[9].count == 2 and bins[9].observed == 0.5
    assert sum(b.count for b in bins) == 4

"""The Beta distribution's quantiles, without scipy: a credible interval for a hit rate."""

from __future__ import annotations

import math
from functools import lru_cache


def _continued_fraction(a: float, b: float, x: float) -> float:
    """Lentz's continued fraction for the regularised incomplete beta function."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-12:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """P(X <= x) for X ~ Beta(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    # The fraction converges fast only on one side of the mean; use symmetry on the other.
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _continued_fraction(a, b, x) / a
    return 1.0 - front * _continued_fraction(b, a, 1.0 - x) / b


def _log_density(x: float, a: float, b: float) -> float:
    return (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        + (a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x)
    )  # fmt: skip


def beta_quantile(q: float, a: float, b: float) -> float:
    """The x with P(X <= x) = q for X ~ Beta(a, b).

    Newton steps from the normal approximation, kept inside a shrinking bracket (a step that
    leaves it halves the bracket instead): a handful of CDF evaluations where plain bisection
    needed sixty, which made a table of a few hundred sources slow.
    """
    lo, hi = 0.0, 1.0
    mean = a / (a + b)
    sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1.0)))
    x = min(max(mean + sd * _normal_quantile(q), 1e-9), 1.0 - 1e-9)
    for _ in range(100):
        error = beta_cdf(x, a, b) - q
        if error < 0:
            lo = x
        else:
            hi = x
        if hi - lo < 1e-15 or error == 0.0:
            break
        step = error / math.exp(_log_density(x, a, b)) if 0.0 < x < 1.0 else math.inf
        if abs(step) < 1e-14 and abs(error) < 1e-12:
            break
        proposed = x - step
        # A step that leaves the bracket halves it instead.
        x = proposed if lo < proposed < hi else (lo + hi) / 2.0
    return x


def _normal_quantile(q: float) -> float:
    """The standard normal quantile (Acklam's rational approximation, ample for a start)."""
    q = min(max(q, 1e-12), 1.0 - 1e-12)
    t = math.sqrt(-2.0 * math.log(min(q, 1.0 - q)))
    z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (
        1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t**3
    )
    return -z if q < 0.5 else z


@lru_cache(maxsize=65536)
def credible_interval(a: float, b: float, mass: float = 0.9) -> tuple[float, float]:
    """Equal-tailed credible interval holding `mass` of Beta(a, b)."""
    tail = (1.0 - mass) / 2.0
    return beta_quantile(tail, a, b), beta_quantile(1.0 - tail, a, b)

"""Confidence intervals for a binomial proportion, from its two whole counts.

The arithmetic :class:`~neglect_protocol._model._proportion.Proportion`'s interval
methods need, kept apart from the value so that the model holds it without reaching
up into the logic. Everything here works on whole counts and the standard library only: the normal
quantile comes from :class:`statistics.NormalDist`, and the exact (Clopper–Pearson)
limits invert the regularised incomplete beta function, evaluated by its continued
fraction and solved for by bisection.
"""

from __future__ import annotations

import math
import numbers
from statistics import NormalDist

from neglect_protocol.errors import StatisticsError, safe_repr

# The continued fraction needs O(sqrt(max(a, b))) terms below its switch point
# (Press et al., Numerical Recipes, 3rd ed., section 6.4); the cap only stops a
# runaway loop on input the callers never pass.
_MAX_TERMS = 100_000
_EPSILON = 2.0**-53
_TINY = 1e-300


def check_confidence(confidence: object) -> float:
    """Return ``confidence`` as a float if it lies strictly between 0 and 1.

    Raises:
        StatisticsError: If it is not a real number (booleans are refused) strictly
            between 0 and 1.
    """
    # NaN fails the comparison too.
    if (
        isinstance(confidence, bool)
        or not isinstance(confidence, numbers.Real)
        or not (0 < float(confidence) < 1)
    ):
        raise StatisticsError(
            "confidence",
            "expected a number strictly between 0 and 1 (such as 0.95), "
            f"got {safe_repr(confidence)}",
        )
    return float(confidence)


def z_value(confidence: float) -> float:
    """Return the two-sided standard normal quantile for ``confidence`` (1.959964… at 0.95)."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def wilson_bounds(positive: int, total: int, confidence: float) -> tuple[float, float]:
    """Return the Wilson score interval for ``positive`` of ``total``, clipped to [0, 1].

    The limits solve ``|p - x| = z * sqrt(x (1 - x) / n)`` for ``x`` (Wilson 1927;
    Newcombe 1998, method 3). At 0 or ``total`` successes the closed end is exactly
    0 or 1: the formula gives it only up to rounding.
    """
    z = z_value(confidence)
    z2 = z * z
    centre = (2 * positive + z2) / (2 * (total + z2))
    spread = z * math.sqrt(z2 + 4 * positive * (total - positive) / total) / (2 * (total + z2))
    lower = 0.0 if positive == 0 else max(0.0, centre - spread)
    upper = 1.0 if positive == total else min(1.0, centre + spread)
    return lower, upper


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """Evaluate the continued fraction of the incomplete beta function by modified Lentz."""
    c = 1.0
    d = 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    fraction = d
    for m in range(1, _MAX_TERMS):  # pragma: no branch - converges long before the cap
        # Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
        numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1.0 + numerator * d
        c = 1.0 + numerator / c
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = c if abs(c) > _TINY else _TINY
        fraction *= d * c
        # Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
        numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1.0 + numerator * d
        c = 1.0 + numerator / c
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = c if abs(c) > _TINY else _TINY
        step = d * c
        fraction *= step
        if abs(step - 1.0) < _EPSILON:
            break
    return fraction


def regularized_incomplete_beta(a: float, b: float, x: float) -> float:
    """Return ``I_x(a, b)``, the regularised incomplete beta function, for ``a, b > 0``.

    ``I_x(k, n - k + 1)`` is the chance of ``k`` or more successes in ``n`` trials of
    probability ``x``, which is what the Clopper–Pearson limits invert.
    """
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        a * math.log(x)
        + b * math.log1p(-x)
        - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    )
    front = math.exp(log_front)
    # The fraction converges fast only below (a + 1) / (a + b + 2); above it, use the
    # symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def _beta_quantile(a: float, b: float, target: float) -> float:
    """Return the ``x`` in (0, 1) where ``I_x(a, b) = target``, by bisection to the last bit.

    Bisection is slow beside Newton's method but cannot overshoot or diverge: the
    function is increasing in ``x``, so the bracket always holds the root.
    """
    lower, upper = 0.0, 1.0
    while True:
        middle = (lower + upper) / 2
        if middle <= lower or middle >= upper:
            return middle
        if regularized_incomplete_beta(a, b, middle) < target:
            lower = middle
        else:
            upper = middle


def clopper_pearson_bounds(positive: int, total: int, confidence: float) -> tuple[float, float]:
    """Return the exact (Clopper–Pearson) interval for ``positive`` of ``total``.

    The lower limit is the success probability at which ``positive`` or more
    successes have chance ``alpha / 2``; the upper, the one at which ``positive`` or
    fewer do (Clopper and Pearson 1934; Newcombe 1998, method 5). The ends are
    exactly 0 at no successes and exactly 1 at all successes.
    """
    tail = (1 - confidence) / 2
    lower = 0.0 if positive == 0 else _beta_quantile(positive, total - positive + 1, tail)
    upper = 1.0 if positive == total else _beta_quantile(positive + 1, total - positive, 1 - tail)
    return lower, upper

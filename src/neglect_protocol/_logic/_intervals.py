"""A confidence interval for the difference of two independent shares."""

from __future__ import annotations

import math

from neglect_protocol._model._binomial import check_confidence, wilson_bounds
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import StatisticsError, safe_repr


def newcombe_interval(
    a: Proportion, b: Proportion, confidence: float = 0.95
) -> tuple[float, float]:
    """Return a confidence interval for the difference ``a - b`` of two independent shares.

    This is Newcombe's hybrid score interval (method 10 of Newcombe 1998, "Interval
    estimation for the difference between independent proportions"): the Wilson
    interval of each share, combined by adding the distances from each estimate to
    its limits in quadrature. It never leaves [-1, 1] and stays sensible at shares
    of 0 or 1, where the simple Wald interval collapses.

    Args:
        a: This period's share (or the first group's).
        b: The share it is compared with.
        confidence: The two-sided confidence level, strictly between 0 and 1.

    Returns:
        The lower and upper limits for ``a.share - b.share``.

    Raises:
        StatisticsError: If ``confidence`` is not strictly between 0 and 1.
        StatisticsError: If ``a`` or ``b`` is not a
            :class:`~neglect_protocol.stats.Proportion`.

    >>> from neglect_protocol.stats import Proportion, newcombe_interval
    >>> low, high = newcombe_interval(Proportion(56, 70), Proportion(48, 80))
    >>> round(low, 4), round(high, 4)
    (0.0524, 0.3339)
    """
    for name, share in (("a", a), ("b", b)):
        if not isinstance(share, Proportion):
            raise StatisticsError(name, f"expected a Proportion, got {safe_repr(share)}")
    level = check_confidence(confidence)
    p1 = a.positive / a.total
    p2 = b.positive / b.total
    l1, u1 = wilson_bounds(a.positive, a.total, level)
    l2, u2 = wilson_bounds(b.positive, b.total, level)
    difference = p1 - p2
    lower = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return max(-1.0, lower), min(1.0, upper)

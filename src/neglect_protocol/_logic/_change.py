"""Change in a share between two periods, with its confidence interval."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from neglect_protocol._logic._intervals import newcombe_interval
from neglect_protocol._model._checks import is_a
from neglect_protocol._model._proportion import Proportion, round_half_up
from neglect_protocol.errors import StatisticsError


@attrs.frozen
class Change:
    """How a share moved from the previous period to this one.

    The difference is exact (``current.share - previous.share``); the interval is
    Newcombe's hybrid score interval for a difference of two independent
    proportions (Newcombe 1998, method 10), computed when the change is made.

    Attributes:
        current: The share this period.
        previous: The share the period before.
        confidence: The confidence level of ``interval``.
        interval: The interval for ``current - previous``, as fractions of 1.

    >>> from neglect_protocol.stats import Proportion
    >>> from neglect_protocol.change import Change
    >>> change = Change(Proportion(20, 30), Proportion(14, 24))
    >>> change.difference, change.points()
    (Fraction(1, 12), Decimal('8'))
    >>> change.is_clear
    False
    """

    current: Proportion = attrs.field(validator=is_a(Proportion, "a Proportion", StatisticsError))
    previous: Proportion = attrs.field(validator=is_a(Proportion, "a Proportion", StatisticsError))
    confidence: float = 0.95
    interval: tuple[float, float] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        # Worked out after the validators have run, so a wrong type is our error.
        interval = newcombe_interval(self.current, self.previous, self.confidence)
        object.__setattr__(self, "interval", interval)

    @property
    def difference(self) -> Fraction:
        """The exact change in share, this period minus the last (negative for a fall)."""
        return self.current.share - self.previous.share

    def points(self, ndigits: int = 0) -> Decimal:
        """Return the change in percentage points, rounded half away from zero.

        A rise and a fall of the same size round to the same magnitude, so the
        report never shows a fall of 7.5 points as 7 and a rise of 7.5 as 8.

        Args:
            ndigits: Decimal places to keep, 0 or more.

        Returns:
            The signed change in percentage points.

        >>> from neglect_protocol.stats import Proportion
        >>> from neglect_protocol.change import Change
        >>> Change(Proportion(1, 8), Proportion(1, 5)).points(1)
        Decimal('-7.5')
        """
        return round_half_up(self.difference * 100, ndigits)

    @property
    def is_clear(self) -> bool:
        """Whether the interval excludes zero, so the change is unlikely to be chance alone."""
        lower, upper = self.interval
        return lower > 0 or upper < 0


def change_between(
    current: Proportion | None, previous: Proportion | None, confidence: float = 0.95
) -> Change | None:
    """Return the change from ``previous`` to ``current``, or ``None`` if either is missing."""
    if current is None or previous is None:
        return None
    return Change(current, previous, confidence)

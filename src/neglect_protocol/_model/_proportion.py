"""A share of a whole, kept as two exact counts."""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from neglect_protocol._model._binomial import (
    check_confidence,
    clopper_pearson_bounds,
    wilson_bounds,
)
from neglect_protocol.errors import StatisticsError, safe_repr


def _count(value: Any, field: attrs.Attribute[int]) -> int:
    # numbers.Integral admits NumPy and pandas integers; bool is an int to Python but a
    # count of True is almost always a bug in the caller, so it is refused with floats.
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise StatisticsError(field.name, f"expected a whole number, got {safe_repr(value)}")
    if value < 0:
        raise StatisticsError(
            field.name, f"expected a whole number of 0 or more, got {safe_repr(value)}"
        )
    return int(value)


def round_half_up(value: Fraction | int | Decimal, ndigits: int) -> Decimal:
    """Round an exact ``value`` to ``ndigits`` decimal places, halves away from zero.

    Python's :func:`round` and :class:`~decimal.Decimal`'s default both round a half
    to the even neighbour (``round(0.5) == 0``); published statistics round halves
    up, so 62.5% is shown as 63%. A negative half goes away from zero too, so a fall
    of 7.5 points shows as -8 beside a rise of 7.5 shown as 8: the magnitude is
    rounded half up, whatever the sign. Working on the exact value keeps every digit.

    Args:
        value: An exact number: a :class:`~fractions.Fraction`, an ``int`` or a
            finite :class:`~decimal.Decimal`. A float is refused: 0.145 as a float is
            just below 0.145 and would round down.
        ndigits: Decimal places to keep, 0 or more.

    Returns:
        The rounded value, with exactly ``ndigits`` places.

    Raises:
        StatisticsError: If ``value`` is not exact or ``ndigits`` is not a whole
            number of 0 or more.

    >>> from fractions import Fraction
    >>> from neglect_protocol.stats import round_half_up
    >>> round_half_up(Fraction(5, 8), 1), round_half_up(Fraction(-3, 2), 0)
    (Decimal('0.6'), Decimal('-2'))
    """
    if isinstance(ndigits, bool) or not isinstance(ndigits, int) or ndigits < 0:
        raise StatisticsError(
            "ndigits",
            f"expected a whole number of decimal places from 0 up, got {safe_repr(ndigits)}",
        )
    exact = isinstance(value, Fraction) or (
        isinstance(value, int | Decimal) and not isinstance(value, bool)
    )
    if not exact or (isinstance(value, Decimal) and not value.is_finite()):
        raise StatisticsError(
            "value",
            f"expected an exact number (a Fraction, an int or a finite Decimal), "
            f"got {safe_repr(value)}",
        )
    scaled = abs(Fraction(value)) * 10**ndigits
    units = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    sign = "-" if value < 0 and units else ""
    # A Decimal built from a string is exact; no context precision applies.
    return Decimal(f"{sign}{units}E-{ndigits}")


@attrs.frozen
class Proportion:
    """A share: ``positive`` things out of ``total``, both exact whole numbers.

    Two proportions are equal when their counts are: ``Proportion(1, 2)`` and
    ``Proportion(2, 4)`` have the same :attr:`share` but are different evidence.

    Args:
        positive: How many of the ``total`` count as positive (0 to ``total``).
        total: The base, at least 1.

    Raises:
        StatisticsError: If a count is not a whole number (``True`` and ``2.0`` are
            refused), is negative, if ``total`` is 0, or if ``positive`` exceeds
            ``total``.

    >>> from neglect_protocol.stats import Proportion
    >>> audits = Proportion(20, 30)
    >>> audits.share
    Fraction(2, 3)
    >>> audits.percent()
    Decimal('67')
    >>> Proportion(5, 8).percent(), Proportion(5, 8).percent(1)
    (Decimal('63'), Decimal('62.5'))
    """

    positive: int = attrs.field(converter=attrs.Converter(_count, takes_field=True))  # type: ignore[misc]
    total: int = attrs.field(converter=attrs.Converter(_count, takes_field=True))  # type: ignore[misc]

    @total.validator
    def _check_total(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value == 0:
            raise StatisticsError(
                "total",
                f"expected at least 1 (a share of nothing is undefined), got {safe_repr(value)}",
            )
        if self.positive > value:
            raise StatisticsError(
                "positive",
                f"expected a count no greater than the total {safe_repr(value)}, "
                f"got {safe_repr(self.positive)}",
            )

    @classmethod
    def from_outcomes(cls, outcomes: Iterable[bool]) -> Proportion:
        """Count the ``True`` outcomes among ``outcomes``.

        Args:
            outcomes: One boolean per member of the base, ``True`` when positive.

        Returns:
            The proportion of ``True`` outcomes.

        Raises:
            StatisticsError: If an outcome is not a boolean, or there are none.

        >>> from neglect_protocol.stats import Proportion
        >>> Proportion.from_outcomes([True, False, True, True])
        Proportion(positive=3, total=4)
        """
        positive = total = 0
        for index, outcome in enumerate(outcomes):
            if not isinstance(outcome, bool):
                raise StatisticsError(
                    f"outcomes[{index}]", f"expected True or False, got {safe_repr(outcome)}"
                )
            positive += outcome
            total += 1
        return cls(positive, total)

    @property
    def negative(self) -> int:
        """How many of the total are not positive."""
        return self.total - self.positive

    @property
    def complement(self) -> Proportion:
        """The share that is not positive, as a proportion of the same total.

        >>> from neglect_protocol.stats import Proportion
        >>> Proportion(3, 4).complement
        Proportion(positive=1, total=4)
        """
        return Proportion(self.negative, self.total)

    @property
    def share(self) -> Fraction:
        """The exact share, ``positive / total``, in lowest terms."""
        return Fraction(self.positive, self.total)

    def percent(self, ndigits: int = 0) -> Decimal:
        """Return the share as a percentage, rounded half up to ``ndigits`` places.

        The rounding works on the exact fraction, never on a float, so 1/8 is 12.5%
        exactly and 12.5% rounds to 13%.

        Args:
            ndigits: Decimal places to keep, 0 or more.

        Returns:
            The percentage, as a :class:`~decimal.Decimal` with exactly ``ndigits``
            places.

        Raises:
            StatisticsError: If ``ndigits`` is not a whole number of 0 or more.

        >>> from neglect_protocol.stats import Proportion
        >>> Proportion(1, 8).percent(), Proportion(1, 3).percent(2)
        (Decimal('13'), Decimal('33.33'))
        """
        return round_half_up(self.share * 100, ndigits)

    def wilson_interval(self, confidence: float = 0.95) -> tuple[float, float]:
        """Return the Wilson score interval for the share, within [0, 1].

        Recommended by Newcombe (1998) for small bases and for shares near 0 or 1,
        where the textbook ``p ± z·se`` interval misbehaves.

        Args:
            confidence: The two-sided confidence level, strictly between 0 and 1.

        Returns:
            The lower and upper limits.

        Raises:
            StatisticsError: If ``confidence`` is not strictly between 0 and 1.

        >>> from neglect_protocol.stats import Proportion
        >>> low, high = Proportion(81, 263).wilson_interval()
        >>> round(low, 4), round(high, 4)
        (0.2553, 0.3662)
        """
        return wilson_bounds(self.positive, self.total, check_confidence(confidence))

    def clopper_pearson_interval(self, confidence: float = 0.95) -> tuple[float, float]:
        """Return the exact (Clopper–Pearson) interval for the share.

        It is conservative: its coverage is never below the nominal level, at the
        price of being wider than the Wilson interval.

        Args:
            confidence: The two-sided confidence level, strictly between 0 and 1.

        Returns:
            The lower and upper limits; exactly 0 with no positives, exactly 1 when
            all are positive.

        Raises:
            StatisticsError: If ``confidence`` is not strictly between 0 and 1.

        >>> from neglect_protocol.stats import Proportion
        >>> low, high = Proportion(1, 29).clopper_pearson_interval()
        >>> round(low, 4), round(high, 4)
        (0.0009, 0.1776)
        """
        return clopper_pearson_bounds(self.positive, self.total, check_confidence(confidence))

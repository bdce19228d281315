"""Turning an exact share into honest plain English."""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from neglect_protocol._model import _disclosure
from neglect_protocol._model._phrase import Phrase, Relation
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import StatisticsError, SuppressedValueError, safe_repr

if TYPE_CHECKING:
    # Named here only for the annotation, so the reference documents it under its
    # public module (neglect_protocol.disclosure).
    from neglect_protocol._model._disclosure import DisclosurePolicy

# Documented where they are published, in neglect_protocol.reporting.
DEFAULT_SMALL_BASE = 30
DEFAULT_TOLERANCE = Fraction(1, 50)

NAMED_FRACTIONS: tuple[tuple[Fraction, str], ...] = (
    (Fraction(0), "none"),
    (Fraction(1, 10), "one in ten"),
    (Fraction(1, 5), "one fifth"),
    (Fraction(1, 4), "a quarter"),
    (Fraction(1, 3), "a third"),
    (Fraction(2, 5), "two fifths"),
    (Fraction(1, 2), "half"),
    (Fraction(3, 5), "three fifths"),
    (Fraction(2, 3), "two thirds"),
    (Fraction(3, 4), "three quarters"),
    (Fraction(4, 5), "four fifths"),
    (Fraction(9, 10), "nine in ten"),
    (Fraction(1), "all"),
)

# Neighbouring named fractions are at least 1/20 apart (1/5 to 1/4, 3/4 to 4/5), so a
# tolerance up to half of that keeps "just over" one and "just under" the next apart.
_MAX_TOLERANCE = Fraction(1, 40)


def _tolerance(value: object) -> Fraction:
    # A float is read as the decimal it was written as (0.02, not 0.0200000000000000004).
    exact: Fraction | None = None
    if isinstance(value, float) and math.isfinite(value):
        exact = Fraction(repr(value))  # echo-safe: a float's digits, never shown
    elif (isinstance(value, Decimal) and value.is_finite()) or (
        isinstance(value, numbers.Rational) and not isinstance(value, bool)
    ):
        exact = Fraction(value)
    if exact is None or not 0 <= exact <= _MAX_TOLERANCE:
        raise StatisticsError(
            "tolerance", f"expected a number from 0 to 1/40, got {safe_repr(value)}"
        )
    return exact


def _small_base(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise StatisticsError(
            "small_base", f"expected a whole number of 0 or more, got {safe_repr(value)}"
        )
    return value


def _words(share: Fraction, tolerance: Fraction) -> tuple[str, Relation, Fraction]:
    """Choose the words for ``share``: the nearest named fraction, qualified by side."""
    for reference, words in NAMED_FRACTIONS:
        if share == reference:
            return words, Relation.EXACTLY, reference
    # Nearest named fraction other than "none" (nothing is "just over none"); on a
    # tie the lower one, so that the qualifier is "just over".
    reference, words = min(NAMED_FRACTIONS[1:], key=lambda named: (abs(share - named[0]), named[0]))
    if abs(share - reference) <= tolerance:
        if share > reference:
            return f"just over {words}", Relation.JUST_OVER, reference
        if reference == 1:
            return "almost all", Relation.JUST_UNDER, reference
        return f"just under {words}", Relation.JUST_UNDER, reference
    below = [named for named in NAMED_FRACTIONS if 0 < named[0] < share]
    if not below:
        smallest, smallest_words = NAMED_FRACTIONS[1]
        return f"under {smallest_words}", Relation.UNDER, smallest
    reference, words = below[-1]
    return f"over {words}", Relation.OVER, reference


def describe(
    proportion: Proportion,
    *,
    small_base: int = DEFAULT_SMALL_BASE,
    tolerance: Fraction | Decimal | float = DEFAULT_TOLERANCE,
    ndigits: int = 0,
    policy: DisclosurePolicy | None = None,
) -> Phrase:
    """Put a share into plain English with its percentage: ``"two thirds (67%)"``.

    The rules, each of which keeps a phrase from overstating the exact share:

    - A base below ``small_base`` is given as counts: ``"20 of 26 (77%)"``.
    - A share equal to a named fraction is called by its name: ``"two thirds"``,
      ``"half"``, ``"all"``, ``"none"``.
    - A share within ``tolerance`` of its nearest named fraction says which side it
      is on: ``"just over three quarters"``, ``"just under a third"``, ``"almost all"``.
    - Any other share is called "over" the largest named fraction below it
      (``"over four fifths"``), or "under one in ten" if there is none.
    - The figure is :meth:`~neglect_protocol.stats.Proportion.percent` of the exact
      counts, rounded half up; a figure that would round to 0% or 100% without being
      exact shows as ``<1%`` or ``>99%``.
    - A figure never points the other way from its words: where rounding would put
      it on or across the named fraction (25 of 42, 59.52%, is "just under three
      fifths"), decimal places are added until it does not: ``(59.5%)``, not ``(60%)``.

    Args:
        proportion: The counts to describe.
        small_base: Bases below this are given as counts (default
            :data:`~neglect_protocol.reporting.DEFAULT_SMALL_BASE`, 30).
        tolerance: How close to a named fraction counts as "just over" or "just
            under" it, from 0 to 1/40 (default 1/50, two percentage points).
        ndigits: Decimal places of the figure.
        policy: A disclosure policy; if given, a share whose positive, negative or
            total count the policy suppresses is refused rather than phrased.

    Returns:
        The phrase.

    Raises:
        SuppressedValueError: If ``policy`` suppresses one of the counts.
        StatisticsError: If ``proportion`` is not a
            :class:`~neglect_protocol.stats.Proportion`, ``policy`` not a
            :class:`~neglect_protocol.disclosure.DisclosurePolicy`, or ``small_base``,
            ``tolerance`` or ``ndigits`` is out of range.

    >>> from neglect_protocol.reporting import describe
    >>> from neglect_protocol.stats import Proportion
    >>> print(describe(Proportion(40, 60)))
    two thirds (67%)
    >>> print(describe(Proportion(77, 100)))
    just over three quarters (77%)
    >>> print(describe(Proportion(20, 26)))
    20 of 26 (77%)
    >>> print(describe(Proportion(31, 62)), describe(Proportion(32, 62)), sep="; ")
    half (50%); just over half (52%)
    >>> print(describe(Proportion(25, 42)))
    just under three fifths (59.5%)
    """
    if not isinstance(proportion, Proportion):
        raise StatisticsError("proportion", f"expected a Proportion, got {safe_repr(proportion)}")
    if policy is not None and not isinstance(policy, _disclosure.DisclosurePolicy):
        raise StatisticsError(
            "policy", f"expected a DisclosurePolicy or None, got {safe_repr(policy)}"
        )
    threshold = _small_base(small_base)
    closeness = _tolerance(tolerance)
    if policy is not None:
        for name, count in (
            ("positive", proportion.positive),
            ("negative", proportion.negative),
            ("total", proportion.total),
        ):
            if policy.is_primary(count):
                raise SuppressedValueError(name, policy.name)
    figure = proportion.percent(ndigits)
    if proportion.total < threshold:
        words = f"{proportion.positive} of {proportion.total}"
        return Phrase(words, figure, Relation.COUNT, None, proportion, ndigits)
    words, relation, reference = _words(proportion.share, closeness)
    # 25 of 42 is 59.52%: "just under three fifths (60%)" would have the figure say
    # the opposite of the words, so places are added until the two agree.
    places = ndigits
    while places < ndigits + _MOST_EXTRA_PLACES and _contradicts(relation, figure, reference):
        places += 1
        figure = proportion.percent(places)
    return Phrase(words, figure, relation, reference, proportion, places)


# A share within 1/10**6 of a named fraction that still contradicts it after three more
# places would need a figure no reader could take in; the words alone then carry it.
_MOST_EXTRA_PLACES = 3


def _contradicts(relation: Relation, figure: Decimal, reference: Fraction) -> bool:
    """Whether a rounded figure sits on the other side of the named fraction from the words.

    "All" needs no extra places: a figure that rounds to 100% without being all is
    already shown as ``>99%`` (:meth:`~neglect_protocol.reporting.Phrase.figure_text`).
    """
    if reference == 1:
        return False
    percent = reference * 100
    if relation in (Relation.UNDER, Relation.JUST_UNDER):
        return Fraction(figure) >= percent
    if relation in (Relation.OVER, Relation.JUST_OVER):
        return Fraction(figure) <= percent
    return False

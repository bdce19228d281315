"""Plain-English headline figures that never overstate the share they stand for.

>>> from neglect_protocol.reporting import describe
>>> from neglect_protocol.stats import Proportion
>>> print(describe(Proportion(50, 62)))
just over four fifths (81%)
>>> describe(Proportion(4, 5)).text
'4 of 5 (80%)'
"""

from fractions import Fraction

from neglect_protocol._api import publish_exports
from neglect_protocol._logic import _phrasing
from neglect_protocol._logic._phrasing import describe
from neglect_protocol._model._phrase import Phrase, Relation

__all__ = [
    "DEFAULT_SMALL_BASE",
    "DEFAULT_TOLERANCE",
    "NAMED_FRACTIONS",
    "Phrase",
    "Relation",
    "describe",
]

DEFAULT_SMALL_BASE: int = _phrasing.DEFAULT_SMALL_BASE
"""Bases below this (30) are phrased as counts, "20 of 26", rather than as fractions.

Thirty is a common rule of thumb for when a percentage alone starts to suggest more
precision than its base carries: with 26 people, one answer moves the figure by
almost four points.
"""

DEFAULT_TOLERANCE: Fraction = _phrasing.DEFAULT_TOLERANCE
"""How close (1/50, two percentage points) a share must be to a named fraction to be
called "just over" or "just under" it."""

NAMED_FRACTIONS: tuple[tuple[Fraction, str], ...] = _phrasing.NAMED_FRACTIONS
"""The fractions a phrase may name, from none to all, with their words."""

publish_exports(globals())


def __dir__() -> list[str]:
    return __all__

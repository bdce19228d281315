"""Plain-English headline figures that never overstate the share they stand for.

>>> from neglect_protocol.reporting import describe
>>> from neglect_protocol.stats import Proportion
>>> print(describe(Proportion(50, 62)))
just over four fifths (81%)
>>> describe(Proportion(4, 5)).text
'4 of 5 (80%)'
"""

from neglect_protocol._api import publish
from neglect_protocol._logic._phrasing import (
    DEFAULT_SMALL_BASE,
    DEFAULT_TOLERANCE,
    NAMED_FRACTIONS,
    describe,
)
from neglect_protocol._model._phrase import Phrase, Relation

__all__ = [
    "DEFAULT_SMALL_BASE",
    "DEFAULT_TOLERANCE",
    "NAMED_FRACTIONS",
    "Phrase",
    "Relation",
    "describe",
]

publish(__name__, Phrase, Relation, describe)


def __dir__() -> list[str]:
    return __all__

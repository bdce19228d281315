"""Exact shares, their confidence intervals, and agreement between assessors.

Standard library only. Counts stay whole numbers and shares stay fractions until a
figure is shown: percentages round half up from the exact fraction, and intervals
are computed from the counts, never from a rounded share.

>>> from neglect_protocol.stats import Proportion
>>> good_or_better = Proportion(42, 63)
>>> good_or_better.share, good_or_better.percent()
(Fraction(2, 3), Decimal('67'))
>>> low, high = good_or_better.wilson_interval()
>>> f"{low:.1%} to {high:.1%}"
'54.4% to 77.1%'
"""

from neglect_protocol._api import publish_exports
from neglect_protocol._logic._intervals import newcombe_interval
from neglect_protocol._logic._kappa import cohen_kappa
from neglect_protocol._model._agreement import KappaResult
from neglect_protocol._model._agreement import KappaWeights as _KappaWeights
from neglect_protocol._model._proportion import Proportion, round_half_up

__all__ = [
    "KappaResult",
    "KappaWeights",
    "Proportion",
    "cohen_kappa",
    "newcombe_interval",
    "round_half_up",
]

KappaWeights = _KappaWeights
"""The disagreement weightings :func:`cohen_kappa` offers: ``"linear"`` or ``"quadratic"``."""

publish_exports(globals())


def __dir__() -> list[str]:
    return __all__

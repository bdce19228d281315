"""Moderation of GCP2 grading: how alike several practitioners grade the same cases.

Partnerships keep their assessors consistent by having several practitioners grade
the same anonymised cases and comparing the grades (DOMAIN.md section 9). Where
:func:`neglect_protocol.stats.cohen_kappa` compares two raters, this module compares
any number, sub-area by sub-area, and allows gaps: a practitioner may leave a
sub-area ungraded.

- :func:`krippendorff_alpha` uses every unit at least two raters graded, with an
  ordinal (default), interval or nominal metric.
- :func:`fleiss_kappa` uses only the units every rater graded, as unordered grades.
- :func:`moderate` gives both, overall and per sub-area, and lists the sub-areas
  the raters grade least alike first.

Arithmetic is exact (fractions) until the final coefficient. A coefficient that is
0/0 (no grade differs from another) is ``None``, with the agreement seen still
reported.

>>> from neglect_protocol.moderation import ModerationSet, moderate
>>> moderation = ModerationSet.from_rows([
...     ("P01", "M01", "A1", 2), ("P02", "M01", "A1", 2), ("P03", "M01", "A1", 3),
...     ("P01", "M02", "A1", 4), ("P02", "M02", "A1", 4), ("P03", "M02", "A1", 4),
...     ("P01", "M03", "A1", 1), ("P02", "M03", "A1", 2), ("P03", "M03", "A1", None),
... ])
>>> summary = moderate(moderation)
>>> round(summary.overall.alpha.alpha, 3), summary.overall.alpha.units
(0.816, 3)
>>> summary.overall.fleiss.units, summary.overall.fleiss.incomplete
(2, 1)
"""

from neglect_protocol._api import publish_exports
from neglect_protocol._logic._moderation import fleiss_kappa, krippendorff_alpha, moderate
from neglect_protocol._model._moderation import (
    Agreement,
    AlphaResult,
    FleissResult,
    ModerationGrade,
    ModerationSet,
    ModerationSummary,
)
from neglect_protocol._model._moderation import AlphaMetric as _AlphaMetric

__all__ = [
    "Agreement",
    "AlphaMetric",
    "AlphaResult",
    "FleissResult",
    "ModerationGrade",
    "ModerationSet",
    "ModerationSummary",
    "fleiss_kappa",
    "krippendorff_alpha",
    "moderate",
]

AlphaMetric = _AlphaMetric
"""The metrics :func:`krippendorff_alpha` offers: ``"ordinal"``, ``"interval"`` or ``"nominal"``."""

publish_exports(globals())


def __dir__() -> list[str]:
    return __all__

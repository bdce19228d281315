"""The result of comparing two assessors' grades for the same children."""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

import attrs

from neglect_protocol._model._grade import Grade
from neglect_protocol._model._proportion import Proportion

KappaWeights = Literal["linear", "quadratic"]
"""The weightings of disagreement :func:`~neglect_protocol.stats.cohen_kappa` offers."""


@attrs.frozen
class KappaResult:
    """Cohen's kappa between two raters, with the plain agreement figures beside it.

    ``observed`` and ``expected`` are the (weighted) agreement actually seen and
    the agreement expected by chance from each rater's own spread of grades; kappa
    is ``(observed - expected) / (1 - expected)``, computed exactly and turned into
    a float only at the end.

    **One category each, the same one.** When both raters give every child the
    same single grade, chance alone predicts perfect agreement (``expected`` is
    1), and kappa is 0/0: undefined, not 1 and not 0. Then ``kappa`` is
    ``None`` and ``is_defined`` is ``False``, while ``exact_agreement``
    still reports the (perfect) agreement seen. Report the agreement figures and
    say that kappa cannot be computed for so uniform a sample.

    Attributes:
        kappa: Cohen's kappa (weighted if ``weights`` is set), or ``None`` when
            undefined.
        observed: The observed (weighted) agreement, exactly.
        expected: The (weighted) agreement expected by chance, exactly.
        exact_agreement: Pairs given the same grade, out of all pairs.
        within_one: Pairs whose grades differ by at most one grade, out of all pairs.
        weights: ``None`` (unweighted), ``"linear"`` or ``"quadratic"``.
        labels: The grades the table was built on, in scale order.
    """

    kappa: float | None
    observed: Fraction
    expected: Fraction
    exact_agreement: Proportion
    within_one: Proportion
    weights: KappaWeights | None
    labels: tuple[Grade, ...]

    @property
    def is_defined(self) -> bool:
        """Whether kappa could be computed (it cannot when chance agreement is certain)."""
        return self.kappa is not None

    @property
    def pairs(self) -> int:
        """How many pairs of grades were compared."""
        return self.exact_agreement.total

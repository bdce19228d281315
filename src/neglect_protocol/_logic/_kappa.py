"""Cohen's kappa, unweighted and weighted, for two raters' GCP2 grades."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from neglect_protocol._model._agreement import KappaResult, KappaWeights
from neglect_protocol._model._grade import GRADES, Grade, to_grade
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import StatisticsError, safe_repr

_WEIGHTINGS = (None, "linear", "quadratic")


def _labels(labels: Sequence[Grade | int] | None) -> tuple[Grade, ...]:
    if labels is None:
        return GRADES
    if isinstance(labels, str | bytes) or not isinstance(labels, Sequence):
        raise StatisticsError("labels", f"expected a sequence of grades, got {safe_repr(labels)}")
    grades = [to_grade(label, field=f"labels[{index}]") for index, label in enumerate(labels)]
    if not grades:
        raise StatisticsError("labels", "expected at least one grade, got an empty sequence")
    seen: set[Grade] = set()
    for index, grade in enumerate(grades):
        if grade in seen:
            raise StatisticsError(
                f"labels[{index}]", f"expected each grade once, got {safe_repr(grade)} again"
            )
        seen.add(grade)
    return tuple(sorted(grades))


def _ratings(name: str, ratings: Sequence[Grade | int], labels: tuple[Grade, ...]) -> list[Grade]:
    if isinstance(ratings, str | bytes) or not isinstance(ratings, Sequence):
        raise StatisticsError(name, f"expected a sequence of grades, got {type(ratings).__name__}")
    grades = [to_grade(rating, field=f"{name}[{index}]") for index, rating in enumerate(ratings)]
    allowed = set(labels)
    for index, grade in enumerate(grades):
        if grade not in allowed:
            raise StatisticsError(
                f"{name}[{index}]",
                f"expected one of the labels {tuple(int(label) for label in labels)}, "
                f"got {int(grade)}",
            )
    return grades


def _agreement_weight(i: int, j: int, size: int, weights: KappaWeights | None) -> Fraction:
    """Return the credit for one rater choosing label ``i`` and the other label ``j``.

    Unweighted kappa gives full credit on the diagonal only. Cohen's (1968) weighted
    kappa gives partial credit by distance on the scale: ``1 - |i - j| / (k - 1)``
    (linear) or ``1 - (i - j)² / (k - 1)²`` (quadratic).
    """
    if weights is None or size == 1:
        return Fraction(int(i == j))
    distance = Fraction(abs(i - j), size - 1)
    return 1 - (distance if weights == "linear" else distance**2)


def cohen_kappa(
    a: Sequence[Grade | int],
    b: Sequence[Grade | int],
    *,
    weights: KappaWeights | None = None,
    labels: Sequence[Grade | int] | None = None,
) -> KappaResult:
    """Measure how far two raters agree beyond chance on the same children's grades.

    ``a[i]`` and ``b[i]`` are the two grades given to the ``i``-th child (or area,
    or sub-area). The table of agreement is always built on the full 1–5 GCP2 scale,
    so that a grade neither rater used still counts in the weights; pass ``labels``
    to restrict it to a subset (the weights then step by position in that subset).
    Exact agreement and agreement within one grade are reported beside kappa,
    since moderators read them first (DOMAIN.md section 9).

    Arithmetic is exact (fractions); only the final kappa becomes a float. When
    both raters use one and the same grade throughout, kappa is undefined and the
    result's ``kappa`` is ``None`` (see :class:`~neglect_protocol.stats.KappaResult`).

    Args:
        a: The first rater's grades.
        b: The second rater's grades, paired with ``a`` by position.
        weights: ``None`` for Cohen's (1960) unweighted kappa, or ``"linear"`` or
            ``"quadratic"`` for his (1968) weighted kappa.
        labels: The grades the table is built on (any order; used in scale order).
            Defaults to all five.

    Returns:
        The kappa and the agreement figures.

    Raises:
        StatisticsError: If there are no pairs, the sequences differ in length, a grade
            is not among ``labels``, or ``labels`` is empty or repeats a grade.
        InvalidGradeError: If a rating or label is not a whole number from 1 to 5.
        StatisticsError: If ``weights`` is not one of the three weightings.

    >>> from neglect_protocol.stats import cohen_kappa
    >>> result = cohen_kappa([1, 2, 3, 3, 4, 5], [1, 2, 3, 4, 4, 4])
    >>> round(result.kappa, 3), result.exact_agreement, result.within_one.share
    (0.586, Proportion(positive=4, total=6), Fraction(1, 1))
    >>> round(cohen_kappa([1, 2, 3, 3, 4, 5], [1, 2, 3, 4, 4, 4], weights="linear").kappa, 3)
    0.76
    """
    if weights not in _WEIGHTINGS:
        raise StatisticsError(
            "weights", f"expected None, 'linear' or 'quadratic', got {safe_repr(weights)}"
        )
    scale = _labels(labels)
    first = _ratings("a", a, scale)
    second = _ratings("b", b, scale)
    if len(first) != len(second):
        raise StatisticsError(
            "b",
            f"expected as many grades as a ({len(first)}), got {len(second)}",
        )
    if not first:
        raise StatisticsError("a", "expected at least one pair of grades, got none")

    pairs = len(first)
    position = {grade: index for index, grade in enumerate(scale)}
    cells = Counter(zip(first, second, strict=True))
    rows = Counter(first)
    columns = Counter(second)
    size = len(scale)
    observed = Fraction(0)
    expected = Fraction(0)
    for row in scale:
        for column in scale:
            weight = _agreement_weight(position[row], position[column], size, weights)
            observed += weight * cells[row, column]
            expected += weight * rows[row] * columns[column]
    observed /= pairs
    expected /= pairs * pairs
    kappa = None if expected == 1 else float((observed - expected) / (1 - expected))
    exact = sum(count for (row, column), count in cells.items() if row == column)
    close = sum(count for (row, column), count in cells.items() if abs(row - column) <= 1)
    return KappaResult(
        kappa=kappa,
        observed=observed,
        expected=expected,
        exact_agreement=Proportion(exact, pairs),
        within_one=Proportion(close, pairs),
        weights=weights,
        labels=scale,
    )

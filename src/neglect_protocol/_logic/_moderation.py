"""Agreement among several raters: Krippendorff's alpha and Fleiss' kappa on a moderation set.

Both statistics are computed exactly with fractions; only the final coefficient
becomes a float. The formulas follow Krippendorff (2011), "Computing Krippendorff's
Alpha-Reliability" (coincidence matrix, the nominal, ordinal and interval difference
functions), and Fleiss (1971), "Measuring nominal scale agreement among many
raters", Psychological Bulletin 76(5), 378-382.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from fractions import Fraction

from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._moderation import (
    ALPHA_METRICS,
    Agreement,
    AlphaMetric,
    AlphaResult,
    FleissResult,
    ModerationSet,
    ModerationSummary,
)
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import StatisticsError, safe_repr

# One unit is one sub-area of one case; its grades are keyed by rater.
_Unit = tuple[str, str]
_Units = dict[_Unit, dict[str, Grade]]


def _checked(moderation_set: object) -> ModerationSet:
    if not isinstance(moderation_set, ModerationSet):
        raise StatisticsError(
            "moderation_set", f"expected a ModerationSet, got {safe_repr(moderation_set)}"
        )
    return moderation_set


def _units(moderation_set: ModerationSet, sub_area: str | None) -> _Units:
    if sub_area is not None and sub_area not in moderation_set.sub_areas:
        raise StatisticsError(
            "sub_area",
            f"expected a sub-area graded in the moderation set "
            f"({', '.join(moderation_set.sub_areas)}), got {safe_repr(sub_area)}",
        )
    units: _Units = {}
    for record in moderation_set.grades:
        if record.grade is None or (sub_area is not None and record.sub_area != sub_area):
            continue
        units.setdefault((record.case, record.sub_area), {})[record.rater] = record.grade
    return units


def _pairs(counts: Counter[Grade]) -> tuple[int, int, int]:
    """Count one unit's unordered pairs of grades: all, the same grade, and within one."""
    size = sum(counts.values())
    same = sum(count * (count - 1) // 2 for count in counts.values())
    adjacent = sum(count * counts[Grade(grade + 1)] for grade, count in counts.items() if grade < 5)
    return size * (size - 1) // 2, same, same + adjacent


def _agreement(unit_counts: Iterable[Counter[Grade]]) -> tuple[Proportion, Proportion] | None:
    totals = [0, 0, 0]
    for counts in unit_counts:
        for index, count in enumerate(_pairs(counts)):
            totals[index] += count
    pairs, same, close = totals
    if not pairs:
        return None
    return Proportion(same, pairs), Proportion(close, pairs)


def _difference(
    metric: AlphaMetric, marginals: Counter[Grade]
) -> dict[tuple[Grade, Grade], Fraction]:
    """Return Krippendorff's squared difference δ² for every ordered pair of grades used.

    Nominal: 0 for the same grade, 1 otherwise. Interval: the squared difference of
    the grades. Ordinal: the squared number of pairable grades lying from one grade
    to the other, less half of each end's own count (Krippendorff 2011, section E),
    so distance on the scale grows with how many grades were actually given
    between the two.
    """
    used = sorted(marginals)
    deltas: dict[tuple[Grade, Grade], Fraction] = {}
    for low_index, low in enumerate(used):
        for high in used[low_index:]:
            if metric == "nominal":
                delta = Fraction(int(low != high))
            elif metric == "interval":
                delta = Fraction((high - low) ** 2)
            else:
                between = sum(marginals[grade] for grade in used if low <= grade <= high)
                delta = (between - Fraction(marginals[low] + marginals[high], 2)) ** 2
            deltas[low, high] = deltas[high, low] = delta
    return deltas


def _alpha(units: _Units, metric: AlphaMetric) -> AlphaResult:
    pairable = {unit: grades for unit, grades in units.items() if len(grades) >= 2}
    unit_counts = [Counter(grades.values()) for grades in pairable.values()]
    marginals: Counter[Grade] = Counter()
    coincidences: defaultdict[tuple[Grade, Grade], Fraction] = defaultdict(Fraction)
    for counts in unit_counts:
        marginals.update(counts)
        size = sum(counts.values())
        # Each ordered pair of grades from two different raters of the unit adds
        # 1 / (m_u - 1) to its cell, so the unit adds m_u values in all.
        for first, first_count in counts.items():
            for second, second_count in counts.items():
                pairs = first_count * (second_count - (first == second))
                if pairs:
                    coincidences[first, second] += Fraction(pairs, size - 1)
    values = sum(marginals.values())
    deltas = _difference(metric, marginals)
    observed = Fraction(0)
    expected = Fraction(0)
    for cell, count in coincidences.items():
        observed += count * deltas[cell]
    for first, first_count in marginals.items():
        for second, second_count in marginals.items():
            expected += first_count * second_count * deltas[first, second]
    if values:
        # D_o = Σ o_ck δ²_ck / n and D_e = Σ n_c n_k δ²_ck / (n (n - 1)).
        observed /= values
        expected /= values * (values - 1)
    alpha = None if expected == 0 else float(1 - observed / expected)
    agreement = _agreement(unit_counts)
    raters = {rater for grades in pairable.values() for rater in grades}
    return AlphaResult(
        alpha=alpha,
        metric=metric,
        observed_disagreement=observed,
        expected_disagreement=expected,
        raters=len(raters),
        cases=len({case for case, _ in pairable}),
        units=len(pairable),
        values=values,
        exact_agreement=None if agreement is None else agreement[0],
        within_one=None if agreement is None else agreement[1],
    )


def _fleiss(units: _Units, raters: int) -> FleissResult:
    complete = [unit for unit, grades in units.items() if len(grades) == raters]
    unit_counts = [Counter(units[unit].values()) for unit in complete]
    agreement = _agreement(unit_counts)
    observed = Fraction(0)
    expected = Fraction(0)
    if agreement is not None:
        # With the same number of raters per unit, Fleiss' mean per-unit agreement
        # is exactly the share of agreeing pairs over all units.
        observed = agreement[0].share
        marginals: Counter[Grade] = Counter()
        for counts in unit_counts:
            marginals.update(counts)
        values = len(complete) * raters
        expected = sum((Fraction(count, values) ** 2 for count in marginals.values()), Fraction(0))
    kappa = (
        None
        if agreement is None or expected == 1
        else float((observed - expected) / (1 - expected))
    )
    return FleissResult(
        kappa=kappa,
        observed=observed,
        expected=expected,
        raters=raters,
        cases=len({case for case, _ in complete}),
        units=len(complete),
        incomplete=len(units) - len(complete),
        exact_agreement=None if agreement is None else agreement[0],
        within_one=None if agreement is None else agreement[1],
    )


def _metric(metric: object) -> AlphaMetric:
    for known in ALPHA_METRICS:
        if metric == known:
            return known
    raise StatisticsError(
        "metric", f"expected 'nominal', 'ordinal' or 'interval', got {safe_repr(metric)}"
    )


def krippendorff_alpha(
    moderation_set: ModerationSet,
    *,
    metric: AlphaMetric = "ordinal",
    sub_area: str | None = None,
) -> AlphaResult:
    """Measure how far several raters agree beyond chance, gaps and all.

    Every sub-area of every case is a unit; units only one rater graded are left
    out, since they cannot show agreement. GCP2 grades are ordered, so the default
    metric is ``"ordinal"``: two grades are further apart the more grades were given
    between them. ``"interval"`` treats the grades as equally spaced numbers and
    ``"nominal"`` counts any difference alike. Arithmetic is exact; only the final
    alpha is a float. When no two pairable grades differ, alpha is undefined and
    ``alpha`` is ``None`` (see :class:`~neglect_protocol.moderation.AlphaResult`).

    Args:
        moderation_set: The raters' grades.
        metric: ``"ordinal"``, ``"interval"`` or ``"nominal"``.
        sub_area: A sub-area code to measure alone; ``None`` for every unit of the set.

    Returns:
        Alpha, the exact disagreements and the counts behind them.

    Raises:
        StatisticsError: If ``moderation_set`` is not a ModerationSet, or ``sub_area`` is
            not graded in it.
        StatisticsError: If ``metric`` is not one of the three metrics.

    >>> from neglect_protocol.moderation import ModerationSet, krippendorff_alpha
    >>> moderation = ModerationSet.from_rows([
    ...     ("P01", "M01", "A1", 2), ("P02", "M01", "A1", 2), ("P03", "M01", "A1", 3),
    ...     ("P01", "M02", "A1", 4), ("P02", "M02", "A1", 4), ("P03", "M02", "A1", None),
    ...     ("P01", "M03", "A1", 1), ("P02", "M03", "A1", 2), ("P03", "M03", "A1", 1),
    ... ])
    >>> result = krippendorff_alpha(moderation, metric="interval")
    >>> round(result.alpha, 3), result.raters, result.units, result.exact_agreement
    (0.823, 3, 3, Proportion(positive=3, total=7))
    """
    chosen = _metric(metric)
    return _alpha(_units(_checked(moderation_set), sub_area), chosen)


def fleiss_kappa(moderation_set: ModerationSet, *, sub_area: str | None = None) -> FleissResult:
    """Measure agreement beyond chance among every rater of a moderation set (Fleiss 1971).

    Fleiss' kappa needs every unit graded the same number of times, so only the
    *complete* units count: those every rater of the set graded. Units with a gap
    are left out and counted in ``incomplete``; use :func:`krippendorff_alpha` to
    count them. Grades are treated as unordered categories, as Fleiss defined it.
    When every grade of the complete units is the same grade, kappa is undefined
    and ``kappa`` is ``None`` (see :class:`~neglect_protocol.moderation.FleissResult`).

    Args:
        moderation_set: The raters' grades.
        sub_area: A sub-area code to measure alone; ``None`` for every unit of the set.

    Returns:
        Kappa, the exact observed and chance agreement, and the counts behind them.

    Raises:
        StatisticsError: If ``moderation_set`` is not a ModerationSet, or ``sub_area`` is
            not graded in it.

    >>> from neglect_protocol.moderation import ModerationSet, fleiss_kappa
    >>> moderation = ModerationSet.from_rows([
    ...     ("P01", "M01", "A1", 2), ("P02", "M01", "A1", 2), ("P03", "M01", "A1", 3),
    ...     ("P01", "M02", "A1", 4), ("P02", "M02", "A1", 4), ("P03", "M02", "A1", None),
    ...     ("P01", "M03", "A1", 1), ("P02", "M03", "A1", 2), ("P03", "M03", "A1", 1),
    ... ])
    >>> result = fleiss_kappa(moderation)
    >>> round(result.kappa, 3), result.units, result.incomplete, result.observed
    (-0.091, 2, 1, Fraction(1, 3))
    """
    checked = _checked(moderation_set)
    return _fleiss(_units(checked, sub_area), len(checked.raters))


def _agreement_for(units: _Units, raters: int, metric: AlphaMetric) -> Agreement:
    return Agreement(alpha=_alpha(units, metric), fleiss=_fleiss(units, raters))


def moderate(
    moderation_set: ModerationSet, *, metric: AlphaMetric = "ordinal"
) -> ModerationSummary:
    """Summarise a moderation exercise: agreement overall, by sub-area, and where it is lowest.

    Each scope reports Krippendorff's alpha (every pairable unit, gaps allowed) and
    Fleiss' kappa (complete units only), with the numbers of raters, cases and units
    behind each. ``most_disagreement`` lists the sub-areas the raters grade least
    alike first (lowest alpha first), to show where moderation should look.

    Args:
        moderation_set: The raters' grades.
        metric: The metric for Krippendorff's alpha: ``"ordinal"`` (the default),
            ``"interval"`` or ``"nominal"``.

    Returns:
        The summary.

    Raises:
        StatisticsError: If ``moderation_set`` is not a ModerationSet.
        StatisticsError: If ``metric`` is not one of the three metrics.

    >>> from neglect_protocol.moderation import ModerationSet, moderate
    >>> moderation = ModerationSet.from_rows([
    ...     ("P01", "M01", "A1", 2), ("P02", "M01", "A1", 2),
    ...     ("P01", "M02", "A1", 4), ("P02", "M02", "A1", 4),
    ...     ("P01", "M01", "C2", 1), ("P02", "M01", "C2", 3),
    ...     ("P01", "M02", "C2", 3), ("P02", "M02", "C2", 2),
    ... ])
    >>> summary = moderate(moderation)
    >>> summary.most_disagreement
    ('C2', 'A1')
    >>> summary.by_sub_area["A1"].alpha.alpha, summary.overall.alpha.units
    (1.0, 4)
    """
    chosen = _metric(metric)
    checked = _checked(moderation_set)
    raters = len(checked.raters)
    every_unit = _units(checked, None)
    # Group the units by sub-area once, rather than reading every grade per sub-area.
    grouped: dict[str, _Units] = {code: {} for code in checked.sub_areas}
    for unit, grades in every_unit.items():
        grouped[unit[1]][unit] = grades
    by_sub_area = {code: _agreement_for(units, raters, chosen) for code, units in grouped.items()}
    order = {code: index for index, code in enumerate(checked.sub_areas)}

    def least_reliable_first(code: str) -> tuple[bool, float, Fraction, int]:
        alpha = by_sub_area[code].alpha
        # Only sub-areas with a pairable unit are ranked, so the agreement is there.
        assert alpha.exact_agreement is not None
        return (
            alpha.alpha is None,
            0.0 if alpha.alpha is None else alpha.alpha,
            alpha.exact_agreement.share,
            order[code],
        )

    ranked = sorted(
        (code for code in by_sub_area if by_sub_area[code].alpha.units), key=least_reliable_first
    )
    return ModerationSummary(
        metric=chosen,
        overall=_agreement_for(every_unit, raters, chosen),
        by_sub_area=FrozenMap(by_sub_area),
        most_disagreement=tuple(ranked),
    )

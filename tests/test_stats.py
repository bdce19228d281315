"""Tests for neglect_protocol.stats: proportions, intervals and Cohen's kappa."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import Grade

# regularized_incomplete_beta is private: the intervals rest on it, and its values at
# the edges and against known ones are an internal law checked here directly.
from neglect_protocol._model._binomial import regularized_incomplete_beta
from neglect_protocol.change import Change
from neglect_protocol.errors import (
    InvalidGradeError,
    NeglectProtocolError,
    StatisticsError,
)
from neglect_protocol.stats import (
    KappaResult,
    KappaWeights,
    Proportion,
    cohen_kappa,
    newcombe_interval,
    round_half_up,
)
from neglect_protocol.strategies import grades, proportions

# Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of
# seven methods. Statistics in Medicine 1998;17:857-872, Table I: 95% limits to four
# decimals for method 3 (Wilson score, no continuity correction) and method 5
# (Clopper-Pearson "exact").
NEWCOMBE_SINGLE = [
    # (positive, total, Wilson, Clopper-Pearson)
    (81, 263, (0.2553, 0.3662), (0.2527, 0.3676)),
    (15, 148, (0.0624, 0.1605), (0.0578, 0.1617)),
    (0, 20, (0.0000, 0.1611), (0.0000, 0.1684)),
    (1, 29, (0.0061, 0.1718), (0.0009, 0.1776)),
    (29, 29, (0.8830, 1.0000), (0.8806, 1.0000)),
]

# Newcombe RG. Interval estimation for the difference between independent proportions:
# comparison of eleven methods. Statistics in Medicine 1998;17:873-890, Table II,
# method 10 (score interval without continuity correction, the "hybrid score"), 95%.
NEWCOMBE_DIFFERENCE = [
    ((56, 70), (48, 80), (0.0524, 0.3339)),  # (a)
    ((9, 10), (3, 10), (0.1705, 0.8090)),  # (b)
    ((6, 7), (2, 7), (0.0582, 0.8062)),  # (c)
    ((5, 56), (0, 29), (-0.0381, 0.1926)),  # (d)
    ((0, 10), (0, 20), (-0.1611, 0.2775)),  # (e)
    ((0, 10), (0, 10), (-0.2775, 0.2775)),  # (f)
    ((10, 10), (0, 20), (0.6791, 1.0000)),  # (g)
    ((10, 10), (0, 10), (0.6075, 1.0000)),  # (h)
]

WEIGHTINGS: list[KappaWeights | None] = [None, "linear", "quadratic"]

# SAS/STAT User's Guide, PROC FREQ, "Getting Started: Agreement Study": two
# dermatologists rate 88 patients' skin condition as terrible, poor, marginal or
# clear. Rows are dermatologist 1, columns dermatologist 2.
SKIN_CONDITION = [
    [10, 4, 1, 0],
    [5, 10, 12, 2],
    [2, 4, 12, 5],
    [0, 2, 6, 13],
]


def _pairs(table: list[list[int]]) -> tuple[list[int], list[int]]:
    first: list[int] = []
    second: list[int] = []
    for row, counts in enumerate(table, start=1):
        for column, count in enumerate(counts, start=1):
            first += [row] * count
            second += [column] * count
    return first, second


def _at_four_places(interval: tuple[float, float]) -> tuple[float, float]:
    return round(interval[0], 4), round(interval[1], 4)


class TestProportionHoldsExactCounts:
    def test_share_is_the_exact_fraction(self) -> None:
        """The share is positive / total in lowest terms, not a float."""
        assert Fraction(2, 3) == Proportion(42, 63).share

    def test_negative_and_complement_count_the_rest(self) -> None:
        """The negatives are the total less the positives; the complement shares them."""
        proportion = Proportion(12, 62)
        assert 50 == proportion.negative
        assert Proportion(50, 62) == proportion.complement

    def test_integer_like_counts_are_stored_as_int(self) -> None:
        """A whole number of another integral type is stored as a plain int."""

        class Count(int):
            pass

        proportion = Proportion(Count(3), Count(4))
        assert (int, int) == (type(proportion.positive), type(proportion.total))

    def test_from_outcomes_counts_true(self) -> None:
        """from_outcomes counts True outcomes over all outcomes."""
        assert Proportion(2, 3) == Proportion.from_outcomes(iter([True, False, True]))

    def test_proportions_with_equal_shares_but_different_counts_differ(self) -> None:
        """1 of 2 and 2 of 4 share a value but are different evidence."""
        assert Proportion(1, 2) != Proportion(2, 4)
        assert Proportion(1, 2).share == Proportion(2, 4).share

    def test_is_hashable(self) -> None:
        """A proportion is a value: hashable and usable as a key."""
        assert {Proportion(1, 2): "half"}[Proportion(1, 2)] == "half"


class TestProportionRefusesBadCounts:
    @pytest.mark.parametrize(
        ("positive", "total", "field", "message"),
        [
            (1, 0, "total", "total: expected at least 1 (a share of nothing is undefined), got 0"),
            (-1, 5, "positive", "positive: expected a whole number of 0 or more, got -1"),
            (1, -5, "total", "total: expected a whole number of 0 or more, got -5"),
            (6, 5, "positive", "positive: expected a count no greater than the total 5, got 6"),
            (2.0, 5, "positive", "positive: expected a whole number, got 2.0"),
            (True, 5, "positive", "positive: expected a whole number, got True"),
            (1, False, "total", "total: expected a whole number, got False"),
            ("3", 5, "positive", "positive: expected a whole number, got '3'"),
            (
                Fraction(1, 2),
                5,
                "positive",
                "positive: expected a whole number, got Fraction(1, 2)",
            ),
            (None, 5, "positive", "positive: expected a whole number, got None"),
        ],
    )
    def test_bad_count_raises_count_error(
        self, positive: Any, total: Any, field: str, message: str
    ) -> None:
        """A count that is zero (as a base), negative, not whole, or too big is refused."""
        with pytest.raises(StatisticsError) as caught:
            Proportion(positive, total)
        assert message == str(caught.value)
        assert field == caught.value.path
        assert isinstance(caught.value, ValueError)
        assert isinstance(caught.value, NeglectProtocolError)

    def test_from_outcomes_refuses_non_booleans(self) -> None:
        """An outcome that is not True or False is refused, naming its position."""
        with pytest.raises(StatisticsError) as caught:
            Proportion.from_outcomes([True, 1])  # type: ignore[list-item]
        assert "outcomes[1]: expected True or False, got 1" == str(caught.value)

    def test_from_outcomes_refuses_no_outcomes(self) -> None:
        """No outcomes at all make no base."""
        with pytest.raises(StatisticsError, match="total: expected at least 1"):
            Proportion.from_outcomes([])


class TestPercentRoundsHalfUp:
    @pytest.mark.parametrize(
        ("positive", "total", "ndigits", "expected"),
        [
            (1, 8, 0, Decimal("13")),  # 12.5 -> 13, where round() gives 12
            (5, 8, 0, Decimal("63")),  # 62.5 -> 63
            (1, 8, 1, Decimal("12.5")),
            (1, 16, 1, Decimal("6.3")),  # 6.25 -> 6.3, where round() gives 6.2
            (2, 3, 0, Decimal("67")),
            (1, 3, 2, Decimal("33.33")),
            (0, 7, 1, Decimal("0.0")),
            (7, 7, 0, Decimal("100")),
            (50, 62, 0, Decimal("81")),
            (53, 63, 0, Decimal("84")),
        ],
    )
    def test_known_values(self, positive: int, total: int, ndigits: int, expected: Decimal) -> None:
        """Halves round up, other values to the nearest, with exactly ndigits places."""
        actual = Proportion(positive, total).percent(ndigits)
        assert expected == actual
        assert expected.as_tuple().exponent == actual.as_tuple().exponent

    @given(proportions(max_total=10_000), st.integers(min_value=0, max_value=6))
    def test_matches_decimal_half_up_of_the_exact_value(
        self, proportion: Proportion, ndigits: int
    ) -> None:
        """Rule: percent(k/n) is 100k/n rounded half up, as decimal arithmetic does it.

        At 100 significant digits the division is exact whenever the value sits on a
        half, and otherwise far from one, so ROUND_HALF_UP gives the true answer."""
        with localcontext() as context:
            context.prec = 100
            exact = Decimal(100 * proportion.positive) / Decimal(proportion.total)
            expected = exact.quantize(Decimal(1).scaleb(-ndigits), rounding=ROUND_HALF_UP)
        assert expected == proportion.percent(ndigits)

    @pytest.mark.parametrize("ndigits", [-1, 1.5, True, "1"])
    def test_bad_ndigits_raises(self, ndigits: Any) -> None:
        """Decimal places must be a whole number of 0 or more."""
        with pytest.raises(StatisticsError) as caught:
            Proportion(1, 3).percent(ndigits)
        expected = f"ndigits: expected a whole number of decimal places from 0 up, got {ndigits!r}"
        assert expected == str(caught.value)

    def test_round_half_up_works_on_any_fraction(self) -> None:
        """round_half_up rounds an exact fraction; 2.5 goes to 3, 0.125 to 0.13."""
        assert Decimal("3") == round_half_up(Fraction(5, 2), 0)
        assert Decimal("0.13") == round_half_up(Fraction(1, 8), 2)


class TestRoundHalfUpSigns:
    """Review finding 9: negatives round half away from zero, and only exact numbers."""

    @pytest.mark.parametrize(
        ("value", "ndigits", "expected"),
        [
            (Fraction(-1, 2), 0, "-1"),
            (Fraction(-3, 2), 0, "-2"),
            (Fraction(-1, 8), 2, "-0.13"),
            (Fraction(-1, 1000), 0, "0"),
            (Decimal("0.125"), 2, "0.13"),
            (Decimal("-2.5"), 0, "-3"),
            (5, 2, "5.00"),
        ],
    )
    def test_halves_go_away_from_zero(
        self, value: Fraction | Decimal | int, ndigits: int, expected: str
    ) -> None:
        """-0.5 is -1 and -1.5 is -2, as 0.5 is 1 and 1.5 is 2; a value that rounds to
        nothing is 0, never -0."""
        assert expected == str(round_half_up(value, ndigits))

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            (0.125, "0.125"),
            (Decimal("NaN"), "Decimal('NaN')"),
            (Decimal("Infinity"), "Decimal('Infinity')"),
            (True, "True"),
            ("0.5", "'0.5'"),
        ],
    )
    def test_only_exact_numbers_are_rounded(self, value: Any, shown: str) -> None:
        """A float (0.125 is exact, but 0.145 is not what it looks like), a NaN or text is
        refused with our error, not an AttributeError."""
        with pytest.raises(StatisticsError) as caught:
            round_half_up(value, 2)
        assert (
            "value: expected an exact number (a Fraction, an int or a finite Decimal), "
            f"got {shown}" == str(caught.value)
        )

    @given(st.fractions(min_value=-1000, max_value=1000), st.integers(min_value=0, max_value=4))
    def test_rounding_is_symmetric_and_close(self, value: Fraction, ndigits: int) -> None:
        """Rule: rounding -x gives minus the rounding of x, and the result is within half a
        unit in the last place of x."""
        rounded = round_half_up(value, ndigits)
        assert round_half_up(-value, ndigits) == -rounded
        assert abs(Fraction(rounded) - value) <= Fraction(1, 2 * 10**ndigits)


class TestBareErrorsAreOurs:
    """Review finding 9: wrong types raise the library's errors."""

    def test_newcombe_interval_needs_proportions(self) -> None:
        """Shares given as floats or tuples are refused, naming the argument."""
        with pytest.raises(StatisticsError) as caught:
            newcombe_interval(0.5, 0.3)  # type: ignore[arg-type]
        assert "a: expected a Proportion, got 0.5" == str(caught.value)
        with pytest.raises(StatisticsError) as caught:
            newcombe_interval(Proportion(1, 2), (1, 3))  # type: ignore[arg-type]
        assert "b: expected a Proportion, got (1, 3)" == str(caught.value)

    def test_change_needs_proportions(self) -> None:
        """A change between tuples is refused before any interval is worked out."""
        with pytest.raises(StatisticsError) as caught:
            Change((1, 2), (1, 3))  # type: ignore[arg-type]
        assert "current: expected a Proportion, got (1, 2)" == str(caught.value)
        with pytest.raises(StatisticsError):
            Change(Proportion(1, 2), Proportion(1, 3), confidence=95)

    def test_change_points_round_away_from_zero(self) -> None:
        """A fall of 7.5 points is -8 at no decimal places, the mirror of a rise."""
        fall = Change(Proportion(1, 8), Proportion(1, 5))
        assert (Decimal("-8"), Decimal("-7.5")) == (fall.points(), fall.points(1))
        assert Decimal("8") == Change(Proportion(1, 5), Proportion(1, 8)).points()


INTERVALS: dict[str, Callable[[Proportion], tuple[float, float]]] = {
    "wilson": Proportion.wilson_interval,
    "clopper_pearson": Proportion.clopper_pearson_interval,
}

# Each published case with the method it checks: Newcombe's method 3 is Wilson's
# interval and method 5 Clopper and Pearson's.
PUBLISHED_SINGLE = [
    (method, positive, total, published)
    for positive, total, wilson, exact in NEWCOMBE_SINGLE
    for method, published in (("wilson", wilson), ("clopper_pearson", exact))
]


class TestSingleProportionIntervals:
    @pytest.mark.parametrize(("method", "positive", "total", "published"), PUBLISHED_SINGLE)
    def test_matches_newcombe_1998_table_i(
        self, method: str, positive: int, total: int, published: tuple[float, float]
    ) -> None:
        """Newcombe (1998), Stat Med 17:857-872, Table I, methods 3 (Wilson) and 5
        (Clopper-Pearson), to the 4 printed places."""
        assert published == _at_four_places(INTERVALS[method](Proportion(positive, total)))

    @pytest.mark.parametrize("method", INTERVALS)
    def test_closed_ends_are_exact(self, method: str) -> None:
        """0 of n gives a lower limit of exactly 0; n of n an upper limit of exactly 1."""
        assert 0.0 == INTERVALS[method](Proportion(0, 20))[0]
        assert 1.0 == INTERVALS[method](Proportion(20, 20))[1]

    @given(proportions(max_total=300), st.sampled_from(sorted(INTERVALS)))
    def test_bounds_contain_the_estimate_within_zero_and_one(
        self, proportion: Proportion, method: str
    ) -> None:
        """Rule: 0 <= lower <= k/n <= upper <= 1."""
        low, high = INTERVALS[method](proportion)
        assert 0.0 <= low <= proportion.positive / proportion.total <= high <= 1.0

    @given(proportions(max_total=300), st.sampled_from(sorted(INTERVALS)))
    def test_symmetric_under_swapping_success_and_failure(
        self, proportion: Proportion, method: str
    ) -> None:
        """Rule: the interval for the failures mirrors the one for the successes."""
        low, high = INTERVALS[method](proportion)
        mirror_low, mirror_high = INTERVALS[method](proportion.complement)
        assert low == pytest.approx(1 - mirror_high, abs=1e-10)
        assert high == pytest.approx(1 - mirror_low, abs=1e-10)

    def test_a_lower_confidence_gives_a_narrower_wilson_interval(self) -> None:
        """At 90% the interval lies inside the 95% one."""
        low90, high90 = Proportion(20, 26).wilson_interval(0.90)
        low95, high95 = Proportion(20, 26).wilson_interval()
        assert low95 < low90 < high90 < high95


class TestClopperPearsonInterval:
    def test_zero_of_n_upper_limit_has_a_closed_form(self) -> None:
        """With no successes the upper limit is 1 - (alpha/2)^(1/n) (Clopper and Pearson 1934)."""
        assert 1 - 0.025 ** (1 / 20) == pytest.approx(
            Proportion(0, 20).clopper_pearson_interval()[1], rel=1e-12
        )

    def test_large_base_stays_accurate(self) -> None:
        """For 5,000 of 10,000 the exact limits agree with the normal approximation closely."""
        low, high = Proportion(5_000, 10_000).clopper_pearson_interval()
        half_width = 1.959963984540054 * math.sqrt(0.25 / 10_000)
        assert 0.5 - half_width == pytest.approx(low, abs=1e-4)
        assert 0.5 + half_width == pytest.approx(high, abs=1e-4)

    @given(proportions(max_total=300))
    def test_limits_are_the_binomial_tail_points(self, proportion: Proportion) -> None:
        """Rule: at the lower limit P(X >= k) = alpha/2; at the upper, P(X <= k) = alpha/2."""
        k, n = proportion.positive, proportion.total
        low, high = proportion.clopper_pearson_interval()

        def upper_tail(p: float) -> float:
            return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))

        if k > 0:
            assert 0.025 == pytest.approx(upper_tail(low), abs=1e-9)
        if k < n:
            assert 0.025 == pytest.approx(1 - upper_tail(high) + _point(n, k, high), abs=1e-9)

    @pytest.mark.parametrize(
        ("positive", "total", "confidence", "side", "exact"),
        [
            # 1 of 1: the chance of 1 or more successes is p itself, so p = alpha/2.
            (1, 1, 0.5, 0, Fraction(1, 4)),
            (1, 1, 0.75, 0, Fraction(1, 8)),
            # n of n: p^n = alpha/2.
            (2, 2, 0.5, 0, Fraction(1, 2)),
            (3, 3, 0.75, 0, Fraction(1, 2)),
            # 0 of n: (1 - p)^n = alpha/2.
            (0, 1, 0.5, 1, Fraction(3, 4)),
            (0, 2, 0.5, 1, Fraction(1, 2)),
        ],
    )
    def test_an_exact_limit_that_is_a_float_is_met_from_below(
        self, positive: int, total: int, confidence: float, side: int, exact: Fraction
    ) -> None:
        """Where alpha/2 and the exact limit are both floats (the closed forms for 1 of 1,
        n of n and 0 of n, Clopper and Pearson 1934, checked here by exact binomial
        arithmetic), the limit returned is the exact one or a float at most 4 ulp below
        it, never above: the bisection stops at the first float at which the computed
        tail reaches its target, where the last bits of the tail are flat around the
        root. A lower limit so errs towards a wider interval."""
        k, n = positive, total
        chance = sum(
            math.comb(n, i) * exact**i * (1 - exact) ** (n - i)
            for i in (range(k, n + 1) if side == 0 else range(k + 1))
        )
        assert Fraction((1 - confidence) / 2) == chance
        limit = Fraction(Proportion(k, n).clopper_pearson_interval(confidence)[side])
        assert exact - 4 * Fraction(math.ulp(float(exact))) <= limit <= exact

    def test_incomplete_beta_is_zero_and_one_at_the_ends(self) -> None:
        """I_0(a, b) = 0 and I_1(a, b) = 1."""
        assert (0.0, 1.0) == (
            regularized_incomplete_beta(2, 3, 0.0),
            regularized_incomplete_beta(2, 3, 1.0),
        )

    def test_incomplete_beta_matches_a_closed_form(self) -> None:
        """I_x(1, b) = 1 - (1 - x)^b, on both sides of the continued fraction's switch point."""
        for x in (0.01, 0.3, 0.9):
            assert 1 - (1 - x) ** 4 == pytest.approx(regularized_incomplete_beta(1, 4, x))


def _point(n: int, k: int, p: float) -> float:
    return math.comb(n, k) * p**k * (1 - p) ** (n - k)


class TestConfidenceLevel:
    @pytest.mark.parametrize("confidence", [0, 1, 0.0, 1.0, -0.5, 95, math.nan, True, "0.95"])
    def test_out_of_range_confidence_raises(self, confidence: Any) -> None:
        """A confidence level must be a number strictly between 0 and 1."""
        expected = (
            "confidence: expected a number strictly between 0 and 1 (such as 0.95), "
            f"got {confidence!r}"
        )
        computations: list[Callable[[], tuple[float, float]]] = [
            lambda: Proportion(1, 2).wilson_interval(confidence),
            lambda: Proportion(1, 2).clopper_pearson_interval(confidence),
            lambda: newcombe_interval(Proportion(1, 2), Proportion(1, 3), confidence),
        ]
        for compute in computations:
            with pytest.raises(StatisticsError) as caught:
                compute()
            assert expected == str(caught.value)
            assert "confidence" == caught.value.path


class TestNewcombeInterval:
    @pytest.mark.parametrize(("first", "second", "published"), NEWCOMBE_DIFFERENCE)
    def test_matches_newcombe_1998_table_ii_method_10(
        self,
        first: tuple[int, int],
        second: tuple[int, int],
        published: tuple[float, float],
    ) -> None:
        """Newcombe (1998), Stat Med 17:873-890, Table II, method 10, to the 4 printed places."""
        interval = newcombe_interval(Proportion(*first), Proportion(*second))
        assert published == _at_four_places(interval)

    @given(proportions(max_total=200), proportions(max_total=200))
    def test_contains_the_difference_and_stays_in_range(
        self, first: Proportion, second: Proportion
    ) -> None:
        """Rule: -1 <= lower <= p1 - p2 <= upper <= 1."""
        low, high = newcombe_interval(first, second)
        difference = first.positive / first.total - second.positive / second.total
        assert -1.0 <= low <= difference + 1e-15
        assert difference - 1e-15 <= high <= 1.0

    @given(proportions(max_total=200), proportions(max_total=200))
    def test_swapping_the_two_negates_the_interval(
        self, first: Proportion, second: Proportion
    ) -> None:
        """Rule: the interval for b - a is the interval for a - b, negated and reversed."""
        low, high = newcombe_interval(first, second)
        swapped_low, swapped_high = newcombe_interval(second, first)
        assert low == pytest.approx(-swapped_high, abs=1e-12)
        assert high == pytest.approx(-swapped_low, abs=1e-12)


class TestCohenKappa:
    def test_matches_the_sas_agreement_study(self) -> None:
        """SAS/STAT User's Guide, PROC FREQ "Agreement Study" (skin condition, 88 patients):
        simple kappa 0.3449 and weighted kappa 0.5082 with Cicchetti-Allison weights,
        which are the linear weights 1 - |i - j| / (k - 1), on a four-point scale."""
        first, second = _pairs(SKIN_CONDITION)
        simple = cohen_kappa(first, second, labels=[1, 2, 3, 4])
        linear = cohen_kappa(first, second, labels=[1, 2, 3, 4], weights="linear")
        assert simple.kappa is not None
        assert linear.kappa is not None
        assert 0.3449 == round(simple.kappa, 4)
        assert 0.5082 == round(linear.kappa, 4)
        assert Proportion(45, 88) == simple.exact_agreement

    def test_quadratic_kappa_is_computed_exactly(self) -> None:
        """Quadratic weights on the SAS table give the exact fraction from its margins.

        Margins: rows 15, 29, 23, 21; columns 17, 20, 31, 20; n = 88. Weighted observed
        agreement 5938/(88*9) and chance agreement from the margins by hand.
        """
        first, second = _pairs(SKIN_CONDITION)
        result = cohen_kappa(first, second, labels=[1, 2, 3, 4], weights="quadratic")
        rows, columns = [15, 29, 23, 21], [17, 20, 31, 20]
        weight = [[1 - Fraction((i - j) ** 2, 9) for j in range(4)] for i in range(4)]
        observed = sum(
            weight[i][j] * SKIN_CONDITION[i][j] for i in range(4) for j in range(4)
        ) / Fraction(88)
        chance = sum(
            weight[i][j] * rows[i] * columns[j] for i in range(4) for j in range(4)
        ) / Fraction(88 * 88)
        assert observed == result.observed
        assert chance == result.expected
        assert float((observed - chance) / (1 - chance)) == result.kappa

    def test_the_full_scale_is_used_by_default(self) -> None:
        """Grades nobody used keep their place on the scale.

        With only grades 1, 2 and 5 in use, the default table weights 5 as four steps
        from 1; with labels (1, 2, 5) it is two positions away, and kappa changes."""
        first, second = [1, 2, 5, 5, 1], [2, 2, 5, 1, 1]
        full = cohen_kappa(first, second, weights="linear")
        narrow = cohen_kappa(first, second, weights="linear", labels=[1, 2, 5])
        assert tuple(Grade) == full.labels
        assert (Grade(1), Grade(2), Grade(5)) == narrow.labels
        assert full.kappa != narrow.kappa

    def test_labels_are_put_in_scale_order(self) -> None:
        """Labels given in any order are used in grade order."""
        result = cohen_kappa([3, 1], [3, 1], labels=[3, 1])
        assert (Grade(1), Grade(3)) == result.labels

    def test_agreement_within_one_grade(self) -> None:
        """Pairs one grade apart count as within one; two apart do not."""
        result = cohen_kappa([1, 2, 3, 5], [1, 3, 5, 3])
        assert Proportion(1, 4) == result.exact_agreement
        assert Proportion(2, 4) == result.within_one
        assert 4 == result.pairs

    def test_perfect_agreement_over_several_grades_is_one(self) -> None:
        """Identical grades using more than one category give kappa 1."""
        result = cohen_kappa([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], weights="quadratic")
        assert 1.0 == result.kappa
        assert result.is_defined

    def test_both_raters_using_one_grade_leaves_kappa_undefined(self) -> None:
        """Both raters give every child grade 3: chance agreement is 1 and kappa is 0/0.

        The documented behaviour: kappa is None, is_defined is False, and the observed
        agreement figures are still reported in full."""
        for weights in (None, "linear", "quadratic"):
            result = cohen_kappa([3, 3, 3], [3, 3, 3], weights=weights)
            assert result.kappa is None
            assert not result.is_defined
            assert (Fraction(1), Fraction(1)) == (result.observed, result.expected)
            assert Proportion(3, 3) == result.exact_agreement

    def test_single_label_leaves_kappa_undefined(self) -> None:
        """A one-grade scale can only agree by chance: kappa is undefined."""
        result = cohen_kappa([2, 2], [2, 2], labels=[2], weights="linear")
        assert result.kappa is None

    def test_raters_each_using_a_different_single_grade_disagree_completely(self) -> None:
        """One rater always 2, the other always 4: no agreement, and none expected; kappa 0."""
        result = cohen_kappa([2, 2], [4, 4])
        assert 0.0 == result.kappa
        assert Proportion(0, 2) == result.within_one

    def test_accepts_grades_and_returns_a_result_value(self) -> None:
        """Grade members and plain integers mix freely; the result is a KappaResult."""
        result = cohen_kappa([Grade(1), 2], [1, Grade(2)])
        assert isinstance(result, KappaResult)
        assert 1.0 == result.kappa

    @given(st.data())
    def test_symmetric_in_the_raters(self, data: st.DataObject) -> None:
        """Rule: kappa(a, b) == kappa(b, a), for every weighting."""
        size = data.draw(st.integers(min_value=1, max_value=40))
        first = data.draw(st.lists(grades(), min_size=size, max_size=size))
        second = data.draw(st.lists(grades(), min_size=size, max_size=size))
        weights = data.draw(st.sampled_from(WEIGHTINGS))
        forward = cohen_kappa(first, second, weights=weights)
        backward = cohen_kappa(second, first, weights=weights)
        assert forward.kappa == backward.kappa
        assert forward.exact_agreement == backward.exact_agreement
        assert forward.within_one == backward.within_one

    @given(st.data())
    def test_bounded_above_by_one(self, data: st.DataObject) -> None:
        """Rule: kappa <= 1, exact agreement <= within one, and kappa is None only when
        chance agreement is certain."""
        size = data.draw(st.integers(min_value=1, max_value=40))
        first = data.draw(st.lists(grades(), min_size=size, max_size=size))
        second = data.draw(st.lists(grades(), min_size=size, max_size=size))
        weights = data.draw(st.sampled_from(WEIGHTINGS))
        result = cohen_kappa(first, second, weights=weights)
        assert (result.kappa is None) == (result.expected == 1)
        if result.kappa is not None:
            assert result.kappa <= 1.0
        assert result.exact_agreement.positive <= result.within_one.positive


class TestCohenKappaRefusesBadInput:
    def test_empty_input_raises(self) -> None:
        """No pairs at all is refused."""
        with pytest.raises(StatisticsError) as caught:
            cohen_kappa([], [])
        assert "a: expected at least one pair of grades, got none" == str(caught.value)

    def test_unequal_lengths_raise(self) -> None:
        """Every grade of one rater needs a partner from the other."""
        with pytest.raises(StatisticsError) as caught:
            cohen_kappa([1, 2, 3], [1, 2])
        assert "b: expected as many grades as a (3), got 2" == str(caught.value)

    @pytest.mark.parametrize(
        ("first", "second", "message"),
        [
            ([1, 6], [1, 2], "a[1]: expected an integer from 1 to 5, got 6"),
            ([1, 2], [0, 2], "b[0]: expected an integer from 1 to 5, got 0"),
            ([1, 2.0], [1, 2], "a[1]: expected an integer from 1 to 5, got 2.0"),
            ([1, True], [1, 2], "a[1]: expected an integer from 1 to 5, got True"),
        ],
    )
    def test_grades_off_the_scale_raise(
        self, first: list[Any], second: list[Any], message: str
    ) -> None:
        """A grade outside 1 to 5 is refused, naming the rater and the position."""
        with pytest.raises(InvalidGradeError) as caught:
            cohen_kappa(first, second)
        assert message == str(caught.value)

    def test_grade_outside_the_labels_raises(self) -> None:
        """A valid grade not among the given labels is refused."""
        with pytest.raises(StatisticsError) as caught:
            cohen_kappa([1, 2], [1, 4], labels=[1, 2, 3])
        assert "b[1]: expected one of the labels (1, 2, 3), got 4" == str(caught.value)

    @pytest.mark.parametrize(
        ("labels", "error", "message"),
        [
            ([], StatisticsError, "labels: expected at least one grade, got an empty sequence"),
            (
                [1, 2, 1],
                StatisticsError,
                "labels[2]: expected each grade once, got <Grade.BEST: 1> again",
            ),
            ([1, 7], InvalidGradeError, "labels[1]: expected an integer from 1 to 5, got 7"),
            ("123", StatisticsError, "labels: expected a sequence of grades, got '123'"),
        ],
    )
    def test_bad_labels_raise(self, labels: Any, error: type[Exception], message: str) -> None:
        """Labels must be distinct grades, at least one."""
        with pytest.raises(error) as caught:
            cohen_kappa([1], [1], labels=labels)
        assert message == str(caught.value)

    @pytest.mark.parametrize("ratings", ["12", 12, {1, 2}])
    def test_ratings_that_are_not_a_sequence_raise(self, ratings: Any) -> None:
        """A string, a number or a set is not a sequence of paired grades."""
        with pytest.raises(StatisticsError) as caught:
            cohen_kappa(ratings, [1, 2])
        assert f"a: expected a sequence of grades, got {type(ratings).__name__}" == str(
            caught.value
        )

    def test_unknown_weighting_raises(self) -> None:
        """Only unweighted, linear and quadratic kappa are offered."""
        with pytest.raises(StatisticsError) as caught:
            cohen_kappa([1], [1], weights="cubic")  # type: ignore[arg-type]
        assert "weights: expected None, 'linear' or 'quadratic', got 'cubic'" == str(caught.value)


class TestPublicSurface:
    def test_dir_lists_the_public_names(self) -> None:
        """dir() of the public module shows exactly its supported names."""
        import neglect_protocol.stats as stats

        assert sorted(stats.__all__) == dir(stats)
        assert "neglect_protocol.stats" == Proportion.__module__

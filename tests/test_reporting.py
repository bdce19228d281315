"""Tests for neglect_protocol.reporting: plain-English phrasing of shares."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import neglect_protocol.reporting as reporting
from neglect_protocol.disclosure import DFE
from neglect_protocol.errors import StatisticsError, SuppressedValueError
from neglect_protocol.reporting import (
    DEFAULT_SMALL_BASE,
    DEFAULT_TOLERANCE,
    NAMED_FRACTIONS,
    Phrase,
    Relation,
    describe,
)
from neglect_protocol.stats import Proportion
from neglect_protocol.strategies import proportions

QUALIFIED = {
    Relation.JUST_OVER: "just over ",
    Relation.JUST_UNDER: "just under ",
    Relation.OVER: "over ",
    Relation.UNDER: "under ",
}


class TestScrutinyReportWording:
    """The shares of the county's scrutiny report (sources/scrutiny-report-2022-06.txt)."""

    @pytest.mark.parametrize(
        ("positive", "total", "expected"),
        [
            # Paragraph 8: "Two thirds of files audited ... outstanding or good".
            (40, 60, "two thirds (67%)"),
            # Paragraph 8: engaging children, "50/62 comments".
            (50, 62, "just over four fifths (81%)"),
            # Paragraph 9: "53 positive comments out of 63".
            (53, 63, "over four fifths (84%)"),
            # Paragraph 10: "Four fifths of comments made by auditors".
            (40, 50, "four fifths (80%)"),
            # Paragraph 11: survey shares 77%, 55%, 68% and 86%.
            (77, 100, "just over three quarters (77%)"),
            (55, 100, "over half (55%)"),
            (68, 100, "just over two thirds (68%)"),
            (86, 100, "over four fifths (86%)"),
            # Paragraph 14: "over 41%", "approximately 28%", "a further 34.8%".
            (41, 100, "just over two fifths (41%)"),
            (28, 100, "over a quarter (28%)"),
            (348, 1000, "just over a third (35%)"),
        ],
    )
    def test_report_shares_are_phrased_honestly(
        self, positive: int, total: int, expected: str
    ) -> None:
        """Each share of the report gets a phrase that does not overstate it."""
        assert expected == describe(Proportion(positive, total)).text

    def test_a_small_base_is_given_as_counts(self) -> None:
        """Twenty of 26 is below the default base of 30, so the counts are given."""
        assert "20 of 26 (77%)" == describe(Proportion(20, 26)).text


class TestPhrasingRules:
    def test_exactly_half_is_never_over_half(self) -> None:
        """Exactly 1/2 is "half", and only a share above it is "over half"."""
        assert "half (50%)" == describe(Proportion(50, 100)).text
        assert "just over half (51%)" == describe(Proportion(51, 100)).text
        assert "just under half (49%)" == describe(Proportion(49, 100)).text

    def test_all_none_and_almost_all(self) -> None:
        """1 is "all", 0 is "none", and a share just under 1 is "almost all"."""
        assert "all (100%)" == describe(Proportion(40, 40)).text
        assert "none (0%)" == describe(Proportion(0, 40)).text
        assert "almost all (99%)" == describe(Proportion(99, 100)).text

    def test_tiny_shares_are_under_one_in_ten(self) -> None:
        """A share far below a tenth is "under one in ten", never "just over none"."""
        assert "under one in ten (1%)" == describe(Proportion(1, 100)).text
        assert "just under one in ten (9%)" == describe(Proportion(9, 100)).text

    @pytest.mark.parametrize(
        ("positive", "total", "text"),
        [
            (25, 42, "just under three fifths (59.5%)"),
            (181, 300, "just over three fifths (60.3%)"),
            (4997, 10000, "just under half (49.97%)"),
            (41, 60, "just over two thirds (68%)"),
        ],
    )
    def test_the_figure_never_points_the_other_way(
        self, positive: int, total: int, text: str
    ) -> None:
        """Where rounding would put the figure on or across the named fraction, places are added."""
        assert text == describe(Proportion(positive, total)).text

    @given(
        st.integers(30, 5000).flatmap(
            lambda total: st.tuples(st.integers(0, total), st.just(total))
        )
    )
    def test_words_and_figure_agree(self, counts: tuple[int, int]) -> None:
        """Law: "under"/"just under" a fraction shows a figure below it; "over"/"just over", above it."""
        phrase = describe(Proportion(*counts))
        if phrase.reference is None or phrase.reference == 1:
            return
        percent = phrase.reference * 100
        if phrase.relation in (Relation.UNDER, Relation.JUST_UNDER):
            assert Fraction(phrase.figure) < percent
        if phrase.relation in (Relation.OVER, Relation.JUST_OVER):
            assert Fraction(phrase.figure) > percent

    def test_the_figure_never_rounds_to_all_or_none_falsely(self) -> None:
        """199 of 200 shows >99%, 1 of 1000 shows <1%; at one place, >99.9% and <0.1%."""
        assert "almost all (>99%)" == describe(Proportion(199, 200)).text
        assert "under one in ten (<1%)" == describe(Proportion(1, 1000)).text
        assert "almost all (>99.9%)" == describe(Proportion(9999, 10000), ndigits=1).text
        assert "under one in ten (<0.1%)" == describe(Proportion(1, 10000), ndigits=1).text

    def test_figure_keeps_the_requested_places(self) -> None:
        """At one decimal place the figure is rounded half up from the counts."""
        phrase = describe(Proportion(50, 62), ndigits=1)
        assert Decimal("80.6") == phrase.figure
        assert "just over four fifths (80.6%)" == phrase.text

    def test_small_base_is_a_parameter(self) -> None:
        """With small_base 20, 20 of 26 is phrased as a fraction; with 100, 77 of 100 as counts."""
        assert "just over three quarters (77%)" == describe(Proportion(20, 26), small_base=20).text
        assert "77 of 100 (77%)" == describe(Proportion(77, 100), small_base=101).text
        assert 30 == DEFAULT_SMALL_BASE

    def test_tolerance_is_a_parameter(self) -> None:
        """With no tolerance, 77% is simply "over three quarters"; exact decimals work too."""
        assert "over three quarters (77%)" == describe(Proportion(77, 100), tolerance=0).text
        assert (
            "just over three quarters (77%)" == describe(Proportion(77, 100), tolerance=0.02).text
        )
        assert (
            "over three quarters (77%)"
            == describe(Proportion(77, 100), tolerance=Decimal("0.019")).text
        )
        assert Fraction(1, 50) == DEFAULT_TOLERANCE

    def test_a_tie_between_two_fractions_takes_the_lower(self) -> None:
        """Halfway between 3/4 and 4/5 with the widest tolerance: "just over three quarters"."""
        phrase = describe(Proportion(31, 40), tolerance=Fraction(1, 40))
        assert "just over three quarters (78%)" == phrase.text

    def test_phrase_parts(self) -> None:
        """A phrase keeps its words, figure, relation, reference and counts."""
        phrase = describe(Proportion(77, 100))
        assert (
            Phrase(
                "just over three quarters",
                Decimal("77"),
                Relation.JUST_OVER,
                Fraction(3, 4),
                Proportion(77, 100),
            )
            == phrase
        )
        assert phrase.text == str(phrase)
        assert "Just over three quarters (77%)" == phrase.sentence_start

    def test_count_phrase_has_no_reference(self) -> None:
        """A count phrase names no fraction."""
        phrase = describe(Proportion(3, 4))
        assert (Relation.COUNT, None) == (phrase.relation, phrase.reference)

    def test_named_fractions_are_in_order(self) -> None:
        """The vocabulary runs from none to all, smallest first."""
        values = [value for value, _ in NAMED_FRACTIONS]
        assert sorted(values) == values
        assert (Fraction(0), Fraction(1)) == (values[0], values[-1])

    def test_dir_lists_the_public_names(self) -> None:
        """dir() of the public module shows exactly its supported names."""
        assert sorted(reporting.__all__) == dir(reporting)


class TestSuppressedValuesAreNeverPhrased:
    @pytest.mark.parametrize(
        ("positive", "total", "field"),
        [(3, 40, "positive"), (37, 40, "negative"), (0, 4, "negative"), (4, 4, "positive")],
    )
    def test_a_count_the_policy_suppresses_is_refused(
        self, positive: int, total: int, field: str
    ) -> None:
        """Under DfE, a share whose positives, negatives or base are 1 to 5 is not phrased."""
        with pytest.raises(SuppressedValueError) as caught:
            describe(Proportion(positive, total), policy=DFE)
        expected = (
            f"{field}: expected a value policy a str of 3 characters publishes, got one it suppresses; "
            "a suppressed value is never phrased or turned into a share"
        )
        assert expected == str(caught.value)
        assert (field, "DfE") == (caught.value.path, caught.value.policy)

    def test_true_zeros_and_large_counts_are_phrased(self) -> None:
        """A zero is a true zero under DfE, so none of 40 is phrased."""
        assert "none (0%)" == describe(Proportion(0, 40), policy=DFE).text


class TestBadArguments:
    @pytest.mark.parametrize("tolerance", [-0.01, 0.1, Fraction(1, 39), True, "0.02", None])
    def test_bad_tolerance_raises(self, tolerance: Any) -> None:
        """The tolerance must be a number from 0 to 1/40."""
        with pytest.raises(StatisticsError) as caught:
            describe(Proportion(77, 100), tolerance=tolerance)
        assert f"tolerance: expected a number from 0 to 1/40, got {tolerance!r}" == str(
            caught.value
        )

    @pytest.mark.parametrize("small_base", [-1, 2.5, True, "30"])
    def test_bad_small_base_raises(self, small_base: Any) -> None:
        """The small base must be a whole number of 0 or more."""
        with pytest.raises(StatisticsError) as caught:
            describe(Proportion(77, 100), small_base=small_base)
        assert f"small_base: expected a whole number of 0 or more, got {small_base!r}" == str(
            caught.value
        )

    @pytest.mark.parametrize(
        ("tolerance", "shown"),
        [
            (Decimal("NaN"), "Decimal('NaN')"),
            (float("nan"), "nan"),
            (float("inf"), "inf"),
        ],
    )
    def test_a_tolerance_that_is_not_finite_raises_our_error(
        self, tolerance: Any, shown: str
    ) -> None:
        """Review finding 9: a NaN tolerance is our error, not a bare ValueError."""
        with pytest.raises(StatisticsError) as caught:
            describe(Proportion(77, 100), tolerance=tolerance)
        assert f"tolerance: expected a number from 0 to 1/40, got {shown}" == str(caught.value)

    def test_a_share_must_be_a_proportion(self) -> None:
        """Review finding 9: a float share is refused, not an AttributeError."""
        with pytest.raises(StatisticsError) as caught:
            describe(0.5)  # type: ignore[arg-type]
        assert "proportion: expected a Proportion, got 0.5" == str(caught.value)

    def test_a_policy_must_be_a_policy(self) -> None:
        """Review finding 9: a policy named by text is refused, not an AttributeError."""
        with pytest.raises(StatisticsError) as caught:
            describe(Proportion(77, 100), policy="DfE")  # type: ignore[arg-type]
        assert "policy: expected a DisclosurePolicy or None, got a str of 3 characters" == str(
            caught.value
        )

    def test_bad_ndigits_raises(self) -> None:
        """The figure's decimal places must be 0 or more."""
        with pytest.raises(StatisticsError, match="ndigits"):
            describe(Proportion(77, 100), ndigits=-1)


class TestNeverOverstates:
    @given(
        proportions(min_total=1, max_total=2_000),
        st.sampled_from([Fraction(0), Fraction(1, 100), Fraction(1, 50), Fraction(1, 40)]),
    )
    def test_the_words_are_true_of_the_exact_share(
        self, proportion: Proportion, tolerance: Fraction
    ) -> None:
        """Rule: a phrase never overstates the exact share.

        "X" means share == X; "just over X" means X < share <= X + tolerance; "just
        under X" and "almost all" mean X - tolerance <= share < X; "over X" means
        share > X; "under one in ten" means share < 1/10; counts are the counts."""
        phrase = describe(proportion, small_base=0, tolerance=tolerance)
        share = proportion.share
        reference = phrase.reference
        assert reference is not None
        named = dict(NAMED_FRACTIONS)[reference]
        if phrase.relation is Relation.EXACTLY:
            assert share == reference
            assert named == phrase.words
        elif phrase.relation is Relation.JUST_OVER:
            assert reference < share <= reference + tolerance
        elif phrase.relation is Relation.JUST_UNDER:
            assert reference - tolerance <= share < reference
        elif phrase.relation is Relation.OVER:
            assert share > reference + tolerance
        else:
            assert Relation.UNDER is phrase.relation
            assert share < reference - tolerance
        if phrase.relation is Relation.JUST_UNDER and reference == 1:
            assert "almost all" == phrase.words
        elif phrase.relation in QUALIFIED:
            assert QUALIFIED[phrase.relation] + named == phrase.words

    @given(proportions(max_total=2_000))
    def test_a_named_fraction_above_the_share_is_always_qualified_as_under(
        self, proportion: Proportion
    ) -> None:
        """Rule: words name a fraction above the share only with "just under", "almost" or
        "under"."""
        phrase = describe(proportion, small_base=0)
        assert phrase.reference is not None
        if phrase.reference > proportion.share:
            assert phrase.relation in (Relation.JUST_UNDER, Relation.UNDER)
            assert phrase.words.startswith(("just under ", "almost ", "under "))

    @given(proportions(max_total=2_000), st.integers(min_value=0, max_value=3))
    def test_the_figure_comes_from_the_unrounded_counts(
        self, proportion: Proportion, ndigits: int
    ) -> None:
        """Rule: the figure is percent() of the exact counts, whatever the words.

        It has the places asked for, or more where fewer would point the other way
        from the words (see test_the_figure_never_points_the_other_way).
        """
        phrase = describe(proportion, ndigits=ndigits)
        assert ndigits <= phrase.ndigits <= ndigits + 3
        assert proportion.percent(phrase.ndigits) == phrase.figure

    @given(proportions(max_total=200))
    def test_small_bases_are_counts(self, proportion: Proportion) -> None:
        """Rule: below the small base, the words are "k of n"."""
        phrase = describe(proportion, small_base=201)
        assert f"{proportion.positive} of {proportion.total}" == phrase.words
        assert Relation.COUNT is phrase.relation

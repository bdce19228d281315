"""Tests for neglect_protocol.moderation: Krippendorff's alpha and Fleiss' kappa on moderation sets."""

from __future__ import annotations

import random
import runpy
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from neglect_protocol import Grade
from neglect_protocol.errors import (
    InvalidGradeError,
    NeglectProtocolError,
    StatisticsError,
)
from neglect_protocol.moderation import (
    AlphaMetric,
    ModerationGrade,
    ModerationSet,
    fleiss_kappa,
    krippendorff_alpha,
    moderate,
)
from neglect_protocol.stats import Proportion

METRICS: list[AlphaMetric] = ["nominal", "ordinal", "interval"]

NA = None  # A gap: the rater left the unit ungraded.

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
# for Communication, University of Pennsylvania, section C ("nominal data, any number of
# observers, missing data"): observers A to D (rows) code 12 units (columns); a blank is
# a value the observer did not give. Krippendorff reports alpha 0.743 for nominal data,
# 0.815 ordinal and 0.849 interval. The same matrix and the ordinal 0.815 are in the
# test suite of the reference implementation (fast-krippendorff, tests/test_krippendorff.py),
# and in the R irr package's kripp.alpha example (the "C" data from Krippendorff).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
]
KRIPPENDORFF_2011_ALPHA = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849}

# Wikipedia, "Krippendorff's alpha", section "A computational example": three coders,
# fifteen units, values 1 to 4 with gaps; nominal alpha 0.691 and interval alpha 0.811
# (the reference implementation's tests give 0.691358 and 0.810845 to six places).
WIKIPEDIA_ALPHA = [
    [NA, NA, NA, NA, NA, 3, 4, 1, 2, 1, 1, 3, 3, NA, 3],
    [1, NA, 2, 1, 3, 3, 4, 3, NA, NA, NA, NA, NA, NA, NA],
    [NA, NA, 2, 1, 3, 4, 4, NA, 2, 1, 1, 3, 3, NA, 4],
]

# Wikipedia, "Fleiss' kappa", section "Worked example": 14 raters put each of 10
# subjects into one of 5 categories; the cell is how many raters chose that category.
# The page gives P-bar 0.378, P-bar-e 0.213 and kappa 0.210. Fleiss' kappa depends only
# on these counts, so any assignment of the 14 rater references reproduces it.
WIKIPEDIA_FLEISS = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def from_matrix(matrix: Sequence[Sequence[int | None]], sub_area: str = "A1") -> ModerationSet:
    """Rows are raters (P1, P2, ...), columns are cases (M1, M2, ...), all in one sub-area."""
    return ModerationSet.from_rows(
        (f"P{rater + 1}", f"M{case + 1}", sub_area, grade)
        for rater, row in enumerate(matrix)
        for case, grade in enumerate(row)
    )


def from_counts(table: Sequence[Sequence[int]]) -> ModerationSet:
    """Each row gives, per grade 1..5, how many raters gave that grade to the case."""
    rows: list[tuple[str, str, str, int]] = []
    for case, counts in enumerate(table):
        given = [grade for grade, count in enumerate(counts, start=1) for _ in range(count)]
        rows.extend(
            (f"R{rater + 1}", f"S{case + 1}", "A1", grade) for rater, grade in enumerate(given)
        )
    return ModerationSet.from_rows(rows)


def reference_alpha(moderation_set: ModerationSet, metric: AlphaMetric) -> float:
    """Krippendorff's alpha from the reference implementation, every unit of the set."""
    units = sorted({(record.case, record.sub_area) for record in moderation_set.grades})
    column = {unit: index for index, unit in enumerate(units)}
    row = {rater: index for index, rater in enumerate(moderation_set.raters)}
    data = np.full((len(row), len(column)), np.nan)
    for record in moderation_set.grades:
        if record.grade is not None:
            data[row[record.rater], column[record.case, record.sub_area]] = int(record.grade)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=metric))


@st.composite
def moderation_sets(draw: st.DrawFn, *, gaps: bool = True) -> ModerationSet:
    """Two to five raters, one to six cases, one to three sub-areas, gaps optional."""
    raters = [f"P{index}" for index in range(draw(st.integers(2, 5)))]
    cases = [f"M{index}" for index in range(draw(st.integers(1, 6)))]
    sub_areas = draw(
        st.lists(st.sampled_from(["A1", "B2", "C1", "D4"]), min_size=1, max_size=3, unique=True)
    )
    grade = st.one_of(st.none(), st.integers(1, 5)) if gaps else st.integers(1, 5)
    rows = [
        (rater, case, sub_area, draw(grade))
        for rater in raters
        for case in cases
        for sub_area in sub_areas
    ]
    if gaps:  # A gap may also be a row left out altogether.
        rows = [row for row in rows if row[3] is not None or draw(st.booleans())]
        assume(len({row[0] for row in rows}) >= 2)
    return ModerationSet.from_rows(draw(st.permutations(rows)))


class TestPublishedExamples:
    @pytest.mark.parametrize("metric", METRICS)
    def test_krippendorff_2011_reliability_data(self, metric: AlphaMetric) -> None:
        """Krippendorff's own example: 4 observers, 12 units with gaps, alpha 0.743/0.815/0.849.

        Unit 12 has one value and cannot pair, so 11 units and 40 values count.
        """
        result = krippendorff_alpha(from_matrix(KRIPPENDORFF_2011), metric=metric)
        assert result.alpha is not None
        assert KRIPPENDORFF_2011_ALPHA[metric] == round(result.alpha, 3)
        assert (4, 11, 11, 40) == (result.raters, result.cases, result.units, result.values)
        assert metric == result.metric

    def test_krippendorff_2011_nominal_exactly(self) -> None:
        """The nominal disagreements are exact fractions, and alpha is 1 - D_o / D_e."""
        result = krippendorff_alpha(from_matrix(KRIPPENDORFF_2011), metric="nominal")
        assert Fraction(1, 5) == result.observed_disagreement
        assert Fraction(152, 195) == result.expected_disagreement
        assert float(1 - Fraction(1, 5) / Fraction(152, 195)) == result.alpha

    @pytest.mark.parametrize(("metric", "expected"), [("nominal", 0.691), ("interval", 0.811)])
    def test_wikipedia_computational_example(self, metric: AlphaMetric, expected: float) -> None:
        """Wikipedia's three coders over fifteen units: nominal 0.691, interval 0.811."""
        result = krippendorff_alpha(from_matrix(WIKIPEDIA_ALPHA), metric=metric)
        assert result.alpha is not None
        assert expected == round(result.alpha, 3)
        assert (12, 26) == (result.units, result.values)  # units 1, 2 and 14 cannot pair

    def test_fleiss_wikipedia_worked_example(self) -> None:
        """Wikipedia's 10 subjects by 14 raters: P-bar 0.378, P-bar-e 0.213, kappa 0.210."""
        result = fleiss_kappa(from_counts(WIKIPEDIA_FLEISS))
        assert result.kappa is not None
        assert 0.210 == round(result.kappa, 3)
        assert 0.378 == round(float(result.observed), 3)
        assert 0.213 == round(float(result.expected), 3)
        assert (14, 10, 10, 0) == (result.raters, result.cases, result.units, result.incomplete)
        assert Proportion(344, 910) == result.exact_agreement


class TestAgainstReferenceImplementation:
    @given(moderation_sets(), st.sampled_from(METRICS))
    def test_alpha_matches_the_krippendorff_package(
        self, moderation_set: ModerationSet, metric: AlphaMetric
    ) -> None:
        """Our exact alpha agrees with the krippendorff package on random data with gaps."""
        ours = krippendorff_alpha(moderation_set, metric=metric)
        assume(ours.alpha is not None)  # The package raises where alpha is undefined.
        assert ours.alpha == pytest.approx(reference_alpha(moderation_set, metric), abs=1e-9)

    @given(moderation_sets())
    def test_fleiss_matches_the_textbook_formula(self, moderation_set: ModerationSet) -> None:
        """Fleiss' kappa agrees with Fleiss' (1971) formulas in floats on the complete units.

        P_i = (sum_j n_ij^2 - n) / (n (n - 1)) per unit, P-bar their mean, p_j the share
        of all grades that are grade j, P-bar-e = sum_j p_j^2.
        """
        ours = fleiss_kappa(moderation_set)
        raters = len(moderation_set.raters)
        units: dict[tuple[str, str], list[int]] = {}
        for record in moderation_set.grades:
            if record.grade is not None:
                units.setdefault((record.case, record.sub_area), []).append(int(record.grade))
        table = [
            [grades.count(grade) for grade in range(1, 6)]
            for grades in units.values()
            if len(grades) == raters
        ]
        assume(table)
        p_bar = sum(
            (sum(c * c for c in row) - raters) / (raters * (raters - 1)) for row in table
        ) / len(table)
        shares = [sum(row[j] for row in table) / (len(table) * raters) for j in range(5)]
        p_e = sum(share * share for share in shares)
        assume(p_e < 1 - 1e-12)
        assert ours.kappa == pytest.approx((p_bar - p_e) / (1 - p_e), abs=1e-9)
        assert float(ours.observed) == pytest.approx(p_bar, abs=1e-12)


class TestLaws:
    @given(moderation_sets(), st.sampled_from(METRICS))
    def test_alpha_and_kappa_are_at_most_one(
        self, moderation_set: ModerationSet, metric: AlphaMetric
    ) -> None:
        """Agreement beyond chance cannot exceed perfect agreement: alpha <= 1 and kappa <= 1."""
        summary = moderate(moderation_set, metric=metric)
        for agreement in (summary.overall, *summary.by_sub_area.values()):
            assert agreement.alpha.alpha is None or agreement.alpha.alpha <= 1
            assert agreement.fleiss.kappa is None or agreement.fleiss.kappa <= 1
            if agreement.alpha.exact_agreement is not None:
                assert agreement.alpha.within_one is not None
                assert agreement.alpha.exact_agreement.share <= agreement.alpha.within_one.share

    @given(
        st.lists(st.integers(1, 5), min_size=2, max_size=8).filter(
            lambda grades: len(set(grades)) > 1
        ),
        st.integers(2, 5),
        st.sampled_from(METRICS),
    )
    def test_perfect_agreement_gives_one(
        self, case_grades: list[int], raters: int, metric: AlphaMetric
    ) -> None:
        """When every rater gives each case the same grade (and cases differ), alpha and kappa are 1."""
        moderation_set = from_matrix([case_grades] * raters)
        alpha = krippendorff_alpha(moderation_set, metric=metric)
        kappa = fleiss_kappa(moderation_set)
        assert 1.0 == alpha.alpha
        assert 1.0 == kappa.kappa
        assert Fraction(0) == alpha.observed_disagreement
        assert alpha.exact_agreement is not None
        assert 1 == alpha.exact_agreement.share

    @given(moderation_sets(), st.sampled_from(METRICS), st.randoms(use_true_random=False))
    def test_order_of_records_and_raters_does_not_matter(
        self, moderation_set: ModerationSet, metric: AlphaMetric, rng: random.Random
    ) -> None:
        """Shuffling the grades (and so the order raters first appear in) changes nothing."""
        shuffled = list(moderation_set.grades)
        rng.shuffle(shuffled)
        again = ModerationSet(tuple(shuffled))
        first, second = moderate(moderation_set, metric=metric), moderate(again, metric=metric)
        assert first.overall == second.overall
        assert dict(first.by_sub_area) == dict(second.by_sub_area)
        assert set(first.most_disagreement) == set(second.most_disagreement)

    @given(moderation_sets(), st.sampled_from(METRICS), st.randoms(use_true_random=False))
    def test_relabelling_raters_and_cases_does_not_matter(
        self, moderation_set: ModerationSet, metric: AlphaMetric, rng: random.Random
    ) -> None:
        """Renaming raters and cases one-to-one leaves every figure and the ranking unchanged."""
        raters, cases = list(moderation_set.raters), list(moderation_set.cases)
        new_raters, new_cases = (
            [f"X{i}" for i in range(len(raters))],
            [f"Z{i}" for i in range(len(cases))],
        )
        rng.shuffle(new_raters)
        rng.shuffle(new_cases)
        rename_rater, rename_case = (
            dict(zip(raters, new_raters, strict=True)),
            dict(zip(cases, new_cases, strict=True)),
        )
        renamed = ModerationSet(
            tuple(
                ModerationGrade(rename_rater[g.rater], rename_case[g.case], g.sub_area, g.grade)
                for g in moderation_set.grades
            )
        )
        assert moderate(moderation_set, metric=metric) == moderate(renamed, metric=metric)

    @given(moderation_sets(gaps=False))
    def test_nominal_alpha_and_fleiss_kappa_share_their_parts_on_complete_data(
        self, moderation_set: ModerationSet
    ) -> None:
        """With no gaps, nominal D_o = 1 - P-bar and D_e = (1 - P-bar-e) n / (n - 1).

        Krippendorff (2011) notes that nominal alpha and Fleiss' kappa differ only by
        this small-sample correction; with the exact parts the relation holds exactly.
        """
        alpha = krippendorff_alpha(moderation_set, metric="nominal")
        kappa = fleiss_kappa(moderation_set)
        n = alpha.values
        assert 1 - kappa.observed == alpha.observed_disagreement
        assert (1 - kappa.expected) * Fraction(n, n - 1) == alpha.expected_disagreement
        assert kappa.exact_agreement == alpha.exact_agreement
        assert 0 == kappa.incomplete

    @given(moderation_sets())
    def test_fleiss_counts_only_complete_units(self, moderation_set: ModerationSet) -> None:
        """Fleiss' complete units plus its incomplete ones are every unit with a grade."""
        kappa = fleiss_kappa(moderation_set)
        graded = {(g.case, g.sub_area) for g in moderation_set.grades if g.grade is not None}
        assert len(graded) == kappa.units + kappa.incomplete
        assert len(moderation_set.raters) == kappa.raters


class TestUndefinedAndEmpty:
    def test_no_variation_leaves_alpha_and_kappa_undefined(self) -> None:
        """Everyone gives every case grade 3: both statistics are 0/0, agreement is still reported."""
        result = moderate(from_matrix([[3, 3, 3], [3, 3, 3], [3, 3, NA]]))
        alpha, kappa = result.overall.alpha, result.overall.fleiss
        assert alpha.alpha is None
        assert not alpha.is_defined
        assert Fraction(0) == alpha.expected_disagreement
        assert Proportion(7, 7) == alpha.exact_agreement
        assert kappa.kappa is None
        assert not kappa.is_defined
        assert Fraction(1) == kappa.expected
        assert Proportion(6, 6) == kappa.exact_agreement
        assert (2, 1) == (kappa.units, kappa.incomplete)

    def test_no_pairable_unit(self) -> None:
        """Each case graded by one rater only: nothing pairs, nothing is complete."""
        moderation_set = from_matrix([[2, NA], [NA, 4]])
        alpha = krippendorff_alpha(moderation_set)
        kappa = fleiss_kappa(moderation_set)
        assert alpha.alpha is None
        assert (0, 0, 0, 0) == (alpha.raters, alpha.cases, alpha.units, alpha.values)
        assert alpha.exact_agreement is None
        assert alpha.within_one is None
        assert kappa.kappa is None
        assert (0, 2) == (kappa.units, kappa.incomplete)
        assert kappa.exact_agreement is None
        assert () == moderate(moderation_set).most_disagreement

    def test_a_rater_who_graded_nothing_still_counts_for_fleiss(self) -> None:
        """A rater who left every unit blank makes every unit incomplete for Fleiss' kappa."""
        moderation_set = from_matrix([[1, 2, 3], [1, 2, 4], [NA, NA, NA]])
        assert 3 == fleiss_kappa(moderation_set).raters
        assert 0 == fleiss_kappa(moderation_set).units
        assert 2 == krippendorff_alpha(moderation_set).raters


class TestSummary:
    def test_sub_areas_ranked_least_reliable_first(self) -> None:
        """Lowest alpha first; a sub-area with no variation last; one with no pairs left out."""
        rows = [
            # A1: the raters agree on differing grades (alpha 1).
            ("P1", "M1", "A1", 1), ("P2", "M1", "A1", 1), ("P1", "M2", "A1", 4), ("P2", "M2", "A1", 4),
            # B2: everyone gives 2 (alpha undefined).
            ("P1", "M1", "B2", 2), ("P2", "M1", "B2", 2), ("P1", "M2", "B2", 2), ("P2", "M2", "B2", 2),
            # C1: the raters disagree.
            ("P1", "M1", "C1", 1), ("P2", "M1", "C1", 3), ("P1", "M2", "C1", 3), ("P2", "M2", "C1", 2),
            # D1: some agreement.
            ("P1", "M1", "D1", 1), ("P2", "M1", "D1", 2), ("P1", "M2", "D1", 4), ("P2", "M2", "D1", 5),
            # D2: only one rater graded it.
            ("P1", "M1", "D2", 1), ("P2", "M1", "D2", None),
        ]  # fmt: skip
        summary = moderate(ModerationSet.from_rows(rows), metric="interval")
        assert ("C1", "D1", "A1", "B2") == summary.most_disagreement
        assert ("A1", "B2", "C1", "D1", "D2") == tuple(summary.by_sub_area)
        assert "interval" == summary.metric
        assert 0 == summary.by_sub_area["D2"].alpha.units
        assert 8 == summary.overall.alpha.units
        assert 2 == summary.overall.alpha.cases

    def test_equal_alpha_ranked_by_exact_agreement(self) -> None:
        """Two sub-areas with the same alpha: the one with less exact agreement comes first."""
        rows = [
            ("P1", "M1", "A1", 1), ("P2", "M1", "A1", 1), ("P1", "M2", "A1", 5), ("P2", "M2", "A1", 5),
            ("P1", "M1", "B1", 1), ("P2", "M1", "B1", 2), ("P1", "M2", "B1", 2), ("P2", "M2", "B1", 1),
            ("P1", "M1", "C1", 3), ("P2", "M1", "C1", 3), ("P1", "M2", "C1", 4), ("P2", "M2", "C1", 4),
        ]  # fmt: skip
        summary = moderate(ModerationSet.from_rows(rows), metric="nominal")
        assert 1.0 == summary.by_sub_area["A1"].alpha.alpha == summary.by_sub_area["C1"].alpha.alpha
        assert ("B1", "A1", "C1") == summary.most_disagreement

    def test_sub_area_alone(self) -> None:
        """Asking for one sub-area measures its units only."""
        moderation_set = ModerationSet.from_rows(
            [
                ("P1", "M1", "A1", 1),
                ("P2", "M1", "A1", 2),
                ("P1", "M1", "C2", 4),
                ("P2", "M1", "C2", 4),
            ]
        )
        assert Proportion(1, 1) == krippendorff_alpha(moderation_set, sub_area="C2").exact_agreement
        assert Proportion(0, 1) == fleiss_kappa(moderation_set, sub_area="A1").exact_agreement

    def test_references_and_gaps(self) -> None:
        """The set lists raters, cases and sub-areas in order of first appearance; gaps stay None."""
        moderation_set = ModerationSet.from_rows(
            [("P2", "M9", "B1", Grade(3)), ("P1", "M9", "B1", None), ("P1", "M3", "A2", 1)]
        )
        assert ("P2", "P1") == moderation_set.raters
        assert ("M9", "M3") == moderation_set.cases
        assert ("B1", "A2") == moderation_set.sub_areas
        assert moderation_set.grades[1].grade is None
        assert Grade.BEST is moderation_set.grades[2].grade


class TestBadInput:
    def test_rater_grading_a_unit_twice(self) -> None:
        """A rater grading the same sub-area of the same case twice is refused, naming both records."""
        with pytest.raises(StatisticsError) as caught:
            ModerationSet.from_rows(
                [("P1", "M1", "A1", 2), ("P2", "M1", "A1", 2), ("P1", "M1", "A1", 3)]
            )
        assert (
            "$.grades[2]: expected rater 'P1' to grade sub-area 'A1' of case 'M1' once, "
            "got a second grade (the first is $.grades[0])"
        ) == str(caught.value)
        assert "$.grades[2]" == caught.value.path

    def test_rater_grading_a_unit_twice_even_if_once_blank(self) -> None:
        """A blank and a grade for the same unit by the same rater is also two records."""
        with pytest.raises(StatisticsError, match=r"^\$\.grades\[1\]: expected rater 'P1'"):
            ModerationSet.from_rows(
                [("P1", "M1", "A1", None), ("P1", "M1", "A1", 3), ("P2", "M1", "A1", 3)]
            )

    def test_only_one_rater(self) -> None:
        """A moderation set with a single rater compares nothing and is refused."""
        with pytest.raises(StatisticsError) as caught:
            ModerationSet.from_rows([("P1", "M1", "A1", 2), ("P1", "M2", "A1", 3)])
        assert "$.grades: expected grades from at least two raters, got 1 rater" == str(
            caught.value
        )

    def test_no_grades_at_all(self) -> None:
        """An empty moderation set is refused the same way."""
        with pytest.raises(
            StatisticsError,
            match=r"^\$\.grades: expected grades from at least two raters, got 0 raters$",
        ):
            ModerationSet(())

    @pytest.mark.parametrize(
        ("grade", "shown"),
        [
            (7, "7"),
            (0, "0"),
            ("3", "'3'"),
            (2.0, "2.0"),
            (True, "True"),
            ("Invented: very poor care", "a str of 24 characters"),
        ],
    )
    def test_unknown_grade(self, grade: object, shown: str) -> None:
        """A grade that is not a whole number from 1 to 5 is refused at its row; text is never echoed."""
        with pytest.raises(InvalidGradeError) as caught:
            ModerationSet.from_rows([("P1", "M1", "A1", 2), ("P2", "M1", "A1", grade)])  # type: ignore[list-item]
        assert f"$.grades[1].grade: expected an integer from 1 to 5, got {shown}" == str(
            caught.value
        )
        assert "$.grades[1].grade" == caught.value.path
        assert isinstance(caught.value, NeglectProtocolError)

    def test_unknown_grade_on_a_record(self) -> None:
        """A record built directly names its own field."""
        with pytest.raises(
            InvalidGradeError, match=r"^\$\.grade: expected an integer from 1 to 5, got 6$"
        ):
            ModerationGrade("P1", "M1", "A1", 6)

    @pytest.mark.parametrize("field", ["rater", "case", "sub_area"])
    def test_reference_that_is_not_code_shaped(self, field: str) -> None:
        """A name in place of a reference is refused without being repeated."""
        row: dict[str, Any] = {"rater": "P1", "case": "M1", "sub_area": "A1", "grade": 2}
        row[field] = "Jane Invented"
        with pytest.raises(StatisticsError) as caught:
            ModerationSet.from_rows([("P2", "M1", "A1", 2), tuple(row.values())])
        message = str(caught.value)
        assert message.startswith(f"$.grades[1].{field}: expected a code-shaped reference")
        assert message.endswith("got a str of 13 characters")
        assert "Jane" not in message

    def test_reference_without_a_digit_on_a_record(self) -> None:
        """A reference must carry a digit, so a bare name cannot pass as one."""
        with pytest.raises(
            StatisticsError, match=r"^\$\.rater: expected a code-shaped reference .* got 'JANE'$"
        ):
            ModerationGrade("JANE", "M1", "A1", 2)
        with pytest.raises(StatisticsError, match=r"^\$\.case: .* got 7$"):
            ModerationGrade("P1", 7, "A1", 2)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("row", "shown"),
        [
            (("P1", "M1", "A1"), "('P1', 'M1', 'A1')"),
            (("Jane Invented", "M1", "A1"), "a tuple of 3 items"),
            ("P1M1A12", "a str of 7 characters"),
            (None, "None"),
        ],
    )
    def test_row_of_the_wrong_shape(self, row: object, shown: str) -> None:
        """A row must be four values: rater, case, sub-area, grade."""
        with pytest.raises(StatisticsError) as caught:
            ModerationSet.from_rows([("P2", "M1", "A1", 2), row])  # type: ignore[list-item]
        assert f"$.grades[1]: expected a row (rater, case, sub_area, grade), got {shown}" == str(
            caught.value
        )

    @pytest.mark.parametrize("rows", ["P1,M1,A1,2", 42])
    def test_rows_that_are_not_a_collection(self, rows: object) -> None:
        """Text or a number in place of the rows is refused at the root."""
        with pytest.raises(
            StatisticsError,
            match=r"^\$: expected an iterable of \(rater, case, sub_area, grade\) rows",
        ):
            ModerationSet.from_rows(rows)  # type: ignore[arg-type]

    def test_grades_must_be_a_tuple_of_records(self) -> None:
        """The constructor takes a tuple of ModerationGrade; anything else names its place."""
        record = ModerationGrade("P1", "M1", "A1", 2)
        with pytest.raises(
            StatisticsError,
            match=r"^\$\.grades: expected a tuple of ModerationGrade, got a list of 1 item$",
        ):
            ModerationSet([record])  # type: ignore[arg-type]
        with pytest.raises(
            StatisticsError,
            match=r"^\$\.grades\[1\]: expected a ModerationGrade, got \('P2', 'M1', 'A1', 2\)$",
        ):
            ModerationSet((record, ("P2", "M1", "A1", 2)))  # type: ignore[arg-type]

    def test_unknown_metric(self) -> None:
        """Only the nominal, ordinal and interval metrics are offered."""
        moderation_set = from_matrix([[1, 2], [1, 3]])
        with pytest.raises(StatisticsError) as caught:
            krippendorff_alpha(moderation_set, metric="ratio")  # type: ignore[arg-type]
        assert "metric: expected 'nominal', 'ordinal' or 'interval', got 'ratio'" == str(
            caught.value
        )
        with pytest.raises(StatisticsError, match="^metric: "):
            moderate(moderation_set, metric="Invented metric")  # type: ignore[arg-type]

    def test_unknown_sub_area(self) -> None:
        """Measuring a sub-area the set does not grade is refused, naming those it does."""
        with pytest.raises(StatisticsError) as caught:
            fleiss_kappa(from_matrix([[1, 2], [1, 3]]), sub_area="D9")
        assert "sub_area: expected a sub-area graded in the moderation set (A1), got 'D9'" == str(
            caught.value
        )

    @pytest.mark.parametrize("function", [krippendorff_alpha, fleiss_kappa, moderate])
    def test_not_a_moderation_set(self, function: Any) -> None:
        """Raw rows where a ModerationSet is expected are refused by our error, not an AttributeError."""
        with pytest.raises(
            StatisticsError,
            match=r"^moderation_set: expected a ModerationSet, got a list of 1 item$",
        ):
            function([("P1", "M1", "A1", 2)])


class TestBenchmark:
    def test_runs_on_a_small_set(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The moderation benchmark runs end to end at 1x, 10x and 100x of one case (figures not asserted)."""
        script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_moderation.py"
        monkeypatch.setattr(sys, "argv", ["bench_moderation.py", "--cases", "1", "--repeat", "1"])
        runpy.run_path(str(script), run_name="__main__")
        out = capsys.readouterr().out
        assert "100x: 13,000 grades" in out
        assert "ratio to baseline" in out

"""Tests for neglect_protocol.indicators: national codes, cohorts and implementation measures."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol.assessment import Assessment, ChildRef, ObservationWindow, Practitioner
from neglect_protocol.errors import AssuranceError, NeglectProtocolError
from neglect_protocol.indicators import (
    CensusAgeBand,
    Cohort,
    CohortRecord,
    Dimension,
    GCP2Completion,
    ImplementationMeasures,
    PrimaryNeed,
    category_label,
    census_date,
    completions_breakdown,
)
from neglect_protocol.stats import Proportion
from neglect_protocol.strategies import cohorts, gcp2_completions

N1, N5 = PrimaryNeed.N1, PrimaryNeed.N5


def record(
    number: int, need: str = "N1", band: str = "10 to 15", level: int = 4, **kw: Any
) -> CohortRecord:
    return CohortRecord(f"C-{number}", need, band, level, **kw)


class TestNationalCodes:
    def test_primary_need_codes(self) -> None:
        """N0 to N9 with their meanings (DfE, Children in need census guide, primary need codes)."""
        assert [f"N{n}" for n in range(10)] == [need.value for need in PrimaryNeed]
        assert "abuse or neglect" == N1.description
        assert "family dysfunction" == N5.description
        assert "cases other than children in need" == PrimaryNeed.N9.description

    @pytest.mark.parametrize(
        ("years", "band"),
        [
            (None, CensusAgeBand.UNBORN),
            (0, CensusAgeBand.UNDER_1),
            (1, CensusAgeBand.AGED_1_TO_4),
            (4, CensusAgeBand.AGED_1_TO_4),
            (5, CensusAgeBand.AGED_5_TO_9),
            (9, CensusAgeBand.AGED_5_TO_9),
            (10, CensusAgeBand.AGED_10_TO_15),
            (15, CensusAgeBand.AGED_10_TO_15),
            (16, CensusAgeBand.AGED_16_AND_OVER),
            (17, CensusAgeBand.AGED_16_AND_OVER),
        ],
    )
    def test_age_bands_by_completed_years(self, years: int | None, band: CensusAgeBand) -> None:
        """DfE bands: under 1, 1 to 4, 5 to 9, 10 to 15, 16 and over, and unborn (DfE,
        Characteristics of children in need)."""
        assert band is CensusAgeBand.for_age(years)

    @pytest.mark.parametrize(
        ("years", "shown"), [(-1, "-1"), (2.5, "2.5"), (True, "True"), ("3", "'3'"), (18, "18")]
    )
    def test_bad_ages(self, years: Any, shown: str) -> None:
        """An age must be whole completed years from 0 to 17: a child is anyone under 18
        (Children Act 1989, section 105), so an adult's age is not put in "16 and over"."""
        with pytest.raises(AssuranceError) as caught:
            CensusAgeBand.for_age(years)
        assert f"age: expected completed years from 0 to 17 (a child), or None, got {shown}" == str(
            caught.value
        )

    def test_seventeen_is_the_last_age(self) -> None:
        """17 is still a child, in "16 and over"."""
        assert CensusAgeBand.AGED_16_AND_OVER is CensusAgeBand.for_age(17)

    def test_an_adult_is_refused_by_date_of_birth(self) -> None:
        """Review finding 14: someone aged 25 at the census date is not a child."""
        adult = ChildRef("C-1", date_of_birth=dt.date(1997, 1, 1))
        with pytest.raises(AssuranceError, match=r"^age: expected completed years from 0 to 17"):
            CensusAgeBand.of_child(adult, census_year=2022)

    def test_a_child_due_before_the_census_date_is_not_unborn(self) -> None:
        """Review finding 14: a child due on 1 January has been born by 31 March, so without a
        date of birth the band cannot be known; the due date itself is not repeated."""
        due = ChildRef("C-1", expected_delivery_date=dt.date(2022, 1, 1))
        with pytest.raises(AssuranceError) as caught:
            CensusAgeBand.of_child(due, census_year=2022)
        assert (
            "child: expected a date of birth for a child due on or before the census date "
            "2022-03-31, got only an expected delivery date" == str(caught.value)
        )
        later = ChildRef("C-2", expected_delivery_date=dt.date(2022, 4, 1))
        assert CensusAgeBand.UNBORN is CensusAgeBand.of_child(later, census_year=2022)

    def test_age_at_31_march(self) -> None:
        """Age is taken at 31 March of the census year: a birthday on 1 April comes too late."""
        born = dt.date(2012, 4, 1)
        child = ChildRef("C-1", date_of_birth=born)
        assert CensusAgeBand.AGED_5_TO_9 is CensusAgeBand.of_child(child, census_year=2022)
        assert CensusAgeBand.AGED_10_TO_15 is CensusAgeBand.of_child(child, census_year=2023)
        on_the_day = ChildRef("C-2", date_of_birth=dt.date(2012, 3, 31))
        assert CensusAgeBand.AGED_10_TO_15 is CensusAgeBand.of_child(on_the_day, census_year=2022)

    def test_unborn_at_census_date(self) -> None:
        """A child due after 31 March, or born after it, is unborn at the census date."""
        due = ChildRef("C-3", expected_delivery_date=dt.date(2022, 6, 1))
        assert CensusAgeBand.UNBORN is CensusAgeBand.of_child(due, census_year=2022)
        born_later = ChildRef("C-4", date_of_birth=dt.date(2022, 4, 2))
        assert CensusAgeBand.UNBORN is CensusAgeBand.of_child(born_later, census_year=2022)

    def test_census_date(self) -> None:
        """The census date is 31 March; a year must be a plausible whole year."""
        assert dt.date(2022, 3, 31) == census_date(2022)
        with pytest.raises(
            AssuranceError, match=r"^census_year: expected a year such as 2022, got '2022'"
        ):
            census_date("2022")  # type: ignore[arg-type]

    def test_labels(self) -> None:
        """Categories print as a table shows them."""
        assert "N1 abuse or neglect" == category_label(N1)
        assert "Unborn" == category_label(CensusAgeBand.UNBORN)
        assert "16 and over" == category_label(CensusAgeBand.AGED_16_AND_OVER)
        assert ("yes", "no") == (category_label(True), category_label(False))
        assert "Primary need" == Dimension.PRIMARY_NEED.label


class TestCohortRecords:
    def test_codes_are_converted(self) -> None:
        """Primary need codes and age band values given as text become enum members."""
        converted = record(1, "N5", "1 to 4")
        assert (N5, CensusAgeBand.AGED_1_TO_4) == (converted.primary_need, converted.age_band)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"primary_need": "N10"}, "primary_need: expected one of 'N0', 'N1', 'N2'"),
            (
                {"age_band": "11 to 15"},
                "age_band: expected one of 'unborn', 'under 1', '1 to 4'",
            ),
            (
                {"level_of_need": 0},
                "level_of_need: expected a level of need from 1 up (local policy), got 0",
            ),
            (
                {"level_of_need": True},
                "level_of_need: expected a level of need from 1 up (local policy), got True",
            ),
            ({"reference": ""}, "reference: expected non-empty text, got ''"),
            (
                {"looked_after": "yes"},
                "looked_after: expected True or False, got 'yes'",
            ),
            ({"reference": "   "}, "reference: expected non-empty text, got '   '"),
        ],
    )
    def test_invalid_records(self, kwargs: dict[str, Any], message: str) -> None:
        """Each field of a record is checked, naming the field."""
        fields: dict[str, Any] = {
            "reference": "C-1",
            "primary_need": "N1",
            "age_band": "5 to 9",
            "level_of_need": 4,
        }
        fields.update(kwargs)
        with pytest.raises(AssuranceError) as caught:
            CohortRecord(**fields)
        assert str(caught.value).startswith(message)

    def test_from_child(self) -> None:
        """A record can be built from a child, working out the age band."""
        child = ChildRef("C-9", date_of_birth=dt.date(2008, 7, 1))
        made = CohortRecord.from_child(
            child, census_year=2022, primary_need=N1, level_of_need=4, looked_after=True
        )
        assert CohortRecord("C-9", N1, CensusAgeBand.AGED_10_TO_15, 4, True) == made


COHORT = Cohort(
    (
        record(1, "N1", "10 to 15", 4, looked_after=True),
        record(2, "N1", "10 to 15", 4, looked_after=True),
        record(3, "N5", "1 to 4", 4),
        record(4, "N1", "5 to 9", 3),
        record(5, "N4", "under 1", 4, looked_after=True),
    )
)


class TestWhereConvertsLikeRecords:
    """Review finding 4: a criterion given as a code never silently matches nothing."""

    def test_codes_match_as_members_do(self) -> None:
        """ "N1", "1 to 4" and the label "Under 1" select what the members select."""
        assert COHORT.where(primary_need=N1) == COHORT.where(primary_need="N1")
        assert 3 == len(COHORT.where(primary_need="N1"))
        assert 1 == len(COHORT.where(age_band="1 to 4"))
        assert COHORT.where(age_band=CensusAgeBand.UNDER_1) == COHORT.where(age_band="Under 1")
        assert 1 == len(COHORT.where(age_band="Under 1"))

    @pytest.mark.parametrize(
        ("criteria", "message"),
        [
            ({"primary_need": "N11"}, "primary_need: expected one of 'N0', 'N1'"),
            (
                {"age_band": "11 to 15"},
                "age_band: expected one of 'unborn', 'under 1', '1 to 4'",
            ),
            (
                {"level_of_need": "4"},
                "level_of_need: expected a level of need from 1 up (local policy), got '4'",
            ),
            (
                {"level_of_need": 0},
                "level_of_need: expected a level of need from 1 up (local policy), got 0",
            ),
            ({"looked_after": 1}, "looked_after: expected True or False, got 1"),
            (
                {"primary_need": "Invented: neglect at home"},
                "primary_need: expected one of 'N0', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', "
                "'N8', 'N9', got a str of 25 characters",
            ),
        ],
    )
    def test_bad_criteria_raise(self, criteria: dict[str, Any], message: str) -> None:
        """A criterion that is not a need, band, level or flag is our error, naming the field."""
        with pytest.raises(AssuranceError) as caught:
            COHORT.where(**criteria)
        assert str(caught.value).startswith(message)

    def test_age_band_labels_are_accepted_by_records(self) -> None:
        """Review finding 14: the label a table prints ("Under 1", "Unborn") is accepted."""
        assert CensusAgeBand.UNDER_1 is record(1, band="Under 1").age_band
        assert CensusAgeBand.UNBORN is record(1, band="Unborn").age_band
        assert CensusAgeBand.AGED_16_AND_OVER is record(1, band="16 and over").age_band

    def test_dimensions_may_be_named(self) -> None:
        """Review finding 9: a dimension given by its value works; an unknown one is our error."""
        assert COHORT.breakdown(Dimension.PRIMARY_NEED) == COHORT.breakdown("primary_need")
        assert COHORT.cross_tabulate(
            Dimension.PRIMARY_NEED, Dimension.AGE_BAND
        ) == COHORT.cross_tabulate("primary_need", "age_band")
        with pytest.raises(AssuranceError) as caught:
            COHORT.breakdown("need")
        assert (
            "dimension: expected a Dimension (primary_need, age_band, level_of_need, "
            "looked_after, agency), got 'need'" == str(caught.value)
        )
        with pytest.raises(AssuranceError, match=r"^rows: expected a Dimension"):
            COHORT.cross_tabulate(3, "age_band")  # type: ignore[arg-type]

    def test_shares_and_cells_take_codes(self) -> None:
        """A breakdown's share and a table's cell take codes too."""
        needs = COHORT.breakdown("primary_need")
        assert needs.share(N1) == needs.share("N1")
        table = COHORT.cross_tabulate("primary_need", "age_band")
        assert 2 == table.cell("N1", "10 to 15")


class TestCohortBreakdowns:
    def test_share_by_primary_need_at_a_level(self) -> None:
        """The share of level-4 children whose primary need is abuse or neglect (N1)."""
        level_four = COHORT.where(level_of_need=4)
        assert 4 == len(level_four)
        needs = level_four.breakdown(Dimension.PRIMARY_NEED)
        assert Proportion(2, 4) == needs.share(N1)
        assert list(PrimaryNeed) == list(needs.counts)
        assert 0 == needs.counts[PrimaryNeed.N0]
        assert 4 == needs.total

    def test_majority_age_band_in_care(self) -> None:
        """Of children in care known for neglect, the largest age band."""
        in_care = COHORT.where(looked_after=True, primary_need=N1)
        bands = in_care.breakdown(Dimension.AGE_BAND)
        assert CensusAgeBand.AGED_10_TO_15 is bands.largest()
        assert Proportion(2, 2) == bands.share(CensusAgeBand.AGED_10_TO_15)
        assert list(CensusAgeBand) == list(bands.counts)

    def test_where_with_several_criteria(self) -> None:
        """``where`` keeps the children matching every criterion given."""
        assert ["C-4"] == [
            r.reference for r in COHORT.where(age_band=CensusAgeBand.AGED_5_TO_9).records
        ]
        assert [] == list(COHORT.where(level_of_need=3, looked_after=True).records)

    def test_level_breakdown_lists_levels_present(self) -> None:
        """Levels of need are local policy: the levels present are listed, ascending."""
        levels = COHORT.breakdown(Dimension.LEVEL_OF_NEED)
        assert {3: 1, 4: 4} == dict(levels.counts)
        assert Decimal("80") == levels.share(4).percent()

    def test_cross_tabulation(self) -> None:
        """Primary need by age band, with row and column totals that agree."""
        table = COHORT.cross_tabulate(Dimension.PRIMARY_NEED, Dimension.AGE_BAND)
        assert 2 == table.cell(N1, CensusAgeBand.AGED_10_TO_15)
        assert 0 == table.cell(N5, CensusAgeBand.UNBORN)
        assert 5 == table.total == sum(table.column_totals)
        assert (10, 6) == (len(table.row_keys), len(table.column_keys))
        assert 3 == table.row_totals[table.row_keys.index(N1)]

    def test_cross_tabulation_of_nothing(self) -> None:
        """An empty cohort cross-tabulates to zeros, with zero totals."""
        table = Cohort(()).cross_tabulate(Dimension.AGE_BAND, Dimension.LEVEL_OF_NEED)
        assert ((), 0) == (table.column_totals, table.total)
        assert (0,) * 6 == table.row_totals
        wide = Cohort(()).cross_tabulate(Dimension.LEVEL_OF_NEED, Dimension.AGE_BAND)
        assert (0,) * 6 == wide.column_totals

    def test_errors(self) -> None:
        """Bad categories, empty cohorts and dimensions that do not apply are clear errors."""
        needs = COHORT.breakdown(Dimension.PRIMARY_NEED)
        with pytest.raises(AssuranceError, match=r"^category: expected one of 'N0', 'N1'"):
            needs.share("N11")
        agencies = completions_breakdown(
            ImplementationMeasures(1, 1, 1, (GCP2Completion("W-1", "health", 2, "1 to 4"),)),
            Dimension.AGENCY,
        )
        with pytest.raises(
            AssuranceError, match=r"^category: expected a category of agency, got 'police'"
        ):
            agencies.share("police")
        empty = Cohort(()).breakdown(Dimension.PRIMARY_NEED)
        with pytest.raises(
            AssuranceError, match=r"^cohort: expected at least one record to take a share of"
        ):
            empty.share(N1)
        with pytest.raises(
            AssuranceError, match=r"^cohort: expected at least one record, got none"
        ):
            empty.largest()
        with pytest.raises(
            AssuranceError,
            match=r"^records\[0\]: expected a record with a agency, got a CohortRecord",
        ):
            COHORT.breakdown(Dimension.AGENCY)
        with pytest.raises(
            AssuranceError, match=r"^columns: expected a dimension other than the rows'"
        ):
            COHORT.cross_tabulate(Dimension.AGE_BAND, Dimension.AGE_BAND)
        table = COHORT.cross_tabulate(Dimension.PRIMARY_NEED, Dimension.AGE_BAND)
        with pytest.raises(AssuranceError, match=r"^row: expected one of 'N0', .*, got 'N11'$"):
            table.cell("N11", CensusAgeBand.UNBORN)
        with pytest.raises(AssuranceError, match=r"^column: expected one of 'unborn', .*, got 12$"):
            table.cell(N1, 12)
        by_level = COHORT.cross_tabulate(Dimension.LEVEL_OF_NEED, Dimension.AGE_BAND)
        with pytest.raises(AssuranceError, match=r"^row: expected a category of the table, got 9$"):
            by_level.cell(9, "1 to 4")

    def test_each_child_once(self) -> None:
        """A child may appear once in a cohort, and records must be records."""
        with pytest.raises(
            AssuranceError,
            match=r"^records\[1\]\.reference: expected each child once, got 'C-1' again",
        ):
            Cohort((record(1), record(1, "N5")))
        with pytest.raises(
            AssuranceError, match=r"^records\[0\]: expected a CohortRecord, got a dict"
        ):
            Cohort(({"reference": "C-1"},))  # type: ignore[arg-type]
        with pytest.raises(
            AssuranceError, match=r"^records: expected a tuple of CohortRecord, got a list"
        ):
            Cohort([record(1)])  # type: ignore[arg-type]
        with pytest.raises(NeglectProtocolError):
            Cohort((record(1), record(1)))


class TestCohortProperties:
    @given(
        cohorts(),
        st.sampled_from(
            [
                Dimension.PRIMARY_NEED,
                Dimension.AGE_BAND,
                Dimension.LEVEL_OF_NEED,
                Dimension.LOOKED_AFTER,
            ]
        ),
    )
    def test_breakdowns_add_up(self, cohort: Cohort, dimension: Dimension) -> None:
        """Rule: a breakdown counts every child exactly once."""
        assert len(cohort) == cohort.breakdown(dimension).total

    @given(cohorts(), st.data())
    def test_cross_tab_margins_match_breakdowns(self, cohort: Cohort, data: st.DataObject) -> None:
        """Rule: the row and column totals of a cross-tabulation are the one-way breakdowns."""
        dimensions = [
            Dimension.PRIMARY_NEED,
            Dimension.AGE_BAND,
            Dimension.LEVEL_OF_NEED,
            Dimension.LOOKED_AFTER,
        ]
        rows = data.draw(st.sampled_from(dimensions))
        columns = data.draw(st.sampled_from([d for d in dimensions if d is not rows]))
        table = cohort.cross_tabulate(rows, columns)
        assert tuple(cohort.breakdown(rows).counts.values()) == table.row_totals
        if cohort.records:
            assert tuple(cohort.breakdown(columns).counts.values()) == table.column_totals
        assert len(cohort) == table.total

    @given(cohorts(), st.randoms(use_true_random=False))
    def test_order_does_not_matter(self, cohort: Cohort, shuffler: random.Random) -> None:
        """Rule: breakdowns do not depend on the order of the records."""
        shuffled = Cohort(tuple(shuffler.sample(cohort.records, len(cohort))))
        for dimension in (Dimension.PRIMARY_NEED, Dimension.AGE_BAND, Dimension.LEVEL_OF_NEED):
            assert cohort.breakdown(dimension) == shuffled.breakdown(dimension)

    @given(cohorts(max_size=40))
    def test_shares_lie_within_zero_and_one(self, cohort: Cohort) -> None:
        """Rule: every share of a non-empty breakdown is a fraction of one, and they sum to one."""
        needs = cohort.breakdown(Dimension.PRIMARY_NEED)
        if not cohort.records:
            return
        shares = [needs.share(need).share for need in PrimaryNeed]
        assert all(0 <= share <= 1 for share in shares)
        assert 1 == sum(shares)


def assessment(practitioners: tuple[Practitioner, ...]) -> Assessment:
    return Assessment(
        ChildRef("C-1", date_of_birth=dt.date(2020, 1, 1)),
        ObservationWindow(dt.date(2021, 10, 4), dt.date(2021, 10, 22)),
        (),
        practitioners=practitioners,
    )


class TestImplementationMeasures:
    def test_trained_versus_used_gap(self) -> None:
        """The gap the board watches: practitioners trained who completed no GCP2 (DOMAIN.md 8)."""
        measures = ImplementationMeasures(
            32,
            1236,
            614,
            (
                GCP2Completion("W-1", "health", 2, "1 to 4"),
                GCP2Completion("W-1", "health", 3, "under 1"),
                GCP2Completion("W-2", "education", 2, "5 to 9"),
            ),
        )
        assert (3, 2, 612) == (
            measures.completed,
            measures.practitioners_using,
            measures.trained_not_using,
        )
        assert Proportion(2, 614) == measures.using_share

    def test_completed_by_agency_level_and_age_band(self) -> None:
        """GCP2s completed break down by agency, level of need and age band."""
        measures = ImplementationMeasures(
            1,
            1,
            5,
            (
                GCP2Completion("W-1", "health", 2, "1 to 4"),
                GCP2Completion("W-2", "police", 3, "1 to 4"),
                GCP2Completion("W-3", "health", 3, "unborn"),
            ),
        )
        assert {"health": 2, "police": 1} == dict(
            completions_breakdown(measures, Dimension.AGENCY).counts
        )
        assert {2: 1, 3: 2} == dict(completions_breakdown(measures, Dimension.LEVEL_OF_NEED).counts)
        bands = completions_breakdown(measures, Dimension.AGE_BAND)
        assert 2 == bands.counts[CensusAgeBand.AGED_1_TO_4]
        with pytest.raises(
            AssuranceError, match="expected a record with a primary_need, got a GCP2Completion"
        ):
            completions_breakdown(measures, Dimension.PRIMARY_NEED)

    def test_none_trained(self) -> None:
        """With nobody trained there is no share of trained practitioners using the tool."""
        assert ImplementationMeasures(0, 0, 0).using_share is None

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((-1, 0, 0), "champions_trained: expected a whole number from 0 up, got -1"),
            ((0, 1.5, 0), "awareness_attendance: expected a whole number from 0 up, got 1.5"),
            ((0, 0, True), "practitioners_trained: expected a whole number from 0 up, got True"),
            (
                (0, 0, 0, [GCP2Completion("W-1", "health", 2, "1 to 4")]),
                "completions: expected a tuple of GCP2Completion, got a list",
            ),
            ((0, 0, 0, ("W-1",)), "completions[0]: expected a GCP2Completion, got a str"),
            (
                (
                    0,
                    0,
                    1,
                    (
                        GCP2Completion("W-1", "health", 2, "1 to 4"),
                        GCP2Completion("W-2", "health", 2, "1 to 4"),
                    ),
                ),
                "completions: expected no more practitioners completing GCP2s than the 1 trained, "
                "got 2",
            ),
        ],
    )
    def test_invalid_measures(self, args: tuple[Any, ...], message: str) -> None:
        """Counts are whole numbers from 0; users of the tool cannot outnumber those trained."""
        with pytest.raises(AssuranceError) as caught:
            ImplementationMeasures(*args)
        assert message == str(caught.value)

    def test_completion_from_assessment(self) -> None:
        """A completed assessment counts for its lead practitioner's agency and the child's band."""
        done = assessment(
            (Practitioner("W-7", agency="police"), Practitioner("W-8", agency="health"))
        )
        completion = GCP2Completion.from_assessment(done, level_of_need=3, census_year=2022)
        assert GCP2Completion("W-7", "police", 3, CensusAgeBand.AGED_1_TO_4) == completion

    @pytest.mark.parametrize(
        ("practitioners", "got"),
        [((), "none"), ((Practitioner("W-1"),), "one without an agency")],
    )
    def test_completion_needs_an_agency(
        self, practitioners: tuple[Practitioner, ...], got: str
    ) -> None:
        """Without a first practitioner and agency an assessment cannot be counted by agency."""
        with pytest.raises(AssuranceError) as caught:
            GCP2Completion.from_assessment(
                assessment(practitioners), level_of_need=3, census_year=2022
            )
        assert (
            f"assessment.practitioners: expected a first practitioner with an agency, got {got}"
            == str(caught.value)
        )

    @given(st.lists(gcp2_completions(), max_size=30))
    def test_completion_counts_add_up(self, completions: list[GCP2Completion]) -> None:
        """Rule: completions by agency, level and age band each add up to the GCP2s completed,
        and the gap plus the users is the number trained."""
        measures = ImplementationMeasures(5, 100, 20, tuple(completions))
        for dimension in (Dimension.AGENCY, Dimension.LEVEL_OF_NEED, Dimension.AGE_BAND):
            assert measures.completed == completions_breakdown(measures, dimension).total
        assert 20 == measures.trained_not_using + measures.practitioners_using

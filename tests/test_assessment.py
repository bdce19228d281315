from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from neglect_protocol import (
    GCP2,
    GCP2A,
    AgeBand,
    Assessment,
    Carer,
    Catalogue,
    ChildRef,
    Grade,
    Instrument,
    Item,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
    validate,
)
from neglect_protocol.assessment import completed_months
from neglect_protocol.errors import (
    AssessmentError,
    InvalidGradeError,
    UnknownCodeError,
)

WINDOW = ObservationWindow(dt.date(2024, 3, 4), dt.date(2024, 3, 22))
SIX_YEAR_OLD = ChildRef("C-000001", date_of_birth=dt.date(2018, 1, 15))
INFANT = ChildRef("C-000002", date_of_birth=dt.date(2023, 11, 1))
UNBORN = ChildRef("C-000003", expected_delivery_date=dt.date(2024, 6, 1))
SECRET = "Invented secret evidence about the child"


class TestChild:
    def test_needs_a_date(self) -> None:
        """A child needs a date of birth or, unborn, an expected delivery date."""
        with pytest.raises(AssessmentError, match="expected a date_of_birth or"):
            ChildRef("C-1")

    def test_reference_must_be_text(self) -> None:
        """A blank or non-text reference is refused."""
        with pytest.raises(AssessmentError, match="reference: expected a non-empty reference"):
            ChildRef(" ", date_of_birth=dt.date(2020, 1, 1))
        with pytest.raises(AssessmentError, match="got 42"):
            ChildRef(42, date_of_birth=dt.date(2020, 1, 1))  # type: ignore[arg-type]

    def test_dates_must_be_dates(self) -> None:
        """A datetime or a string is not a date of birth."""
        with pytest.raises(AssessmentError, match="date_of_birth: expected a date or None"):
            ChildRef("C-1", date_of_birth="2020-01-01")  # type: ignore[arg-type]
        with pytest.raises(AssessmentError, match="date_of_birth"):
            ChildRef("C-1", date_of_birth=dt.datetime(2020, 1, 1))

    def test_age(self) -> None:
        """Age counts completed months and years; before birth it is None."""
        assert 73 == SIX_YEAR_OLD.age_in_months_on(WINDOW.start)
        assert 6 == SIX_YEAR_OLD.age_in_years_on(WINDOW.start)
        assert UNBORN.age_in_months_on(WINDOW.start) is None
        assert UNBORN.age_in_years_on(WINDOW.start) is None
        assert INFANT.age_in_months_on(dt.date(2023, 10, 31)) is None

    def test_unborn(self) -> None:
        """A child is unborn before the date of birth, or while only an EDD is known."""
        assert UNBORN.is_unborn_on(dt.date(2030, 1, 1))
        assert INFANT.is_unborn_on(dt.date(2023, 10, 31))
        assert not INFANT.is_unborn_on(dt.date(2023, 11, 1))

    @pytest.mark.parametrize(
        ("born", "on", "months"),
        [
            ((2024, 1, 31), (2024, 2, 29), 0),
            ((2024, 1, 31), (2024, 3, 1), 1),
            ((2020, 2, 29), (2021, 2, 28), 11),
            ((2020, 2, 29), (2021, 3, 1), 12),
            ((2023, 12, 15), (2024, 1, 15), 1),
        ],
    )
    def test_completed_months(
        self, born: tuple[int, int, int], on: tuple[int, int, int], months: int
    ) -> None:
        """A month is completed on the same day-of-month (month-end births wait for the next day)."""
        assert months == completed_months(dt.date(*born), dt.date(*on))


class TestParts:
    def test_window_order(self) -> None:
        """A window that ends before it starts is refused, naming both dates."""
        with pytest.raises(AssessmentError) as caught:
            ObservationWindow(dt.date(2024, 3, 22), dt.date(2024, 3, 4))
        assert (
            "window: expected an end on or after the start, got an end 18 days before the start"
        ) == str(caught.value)
        assert "window" == caught.value.path

    def test_one_day_window(self) -> None:
        """A window may be a single day."""
        assert 1 == ObservationWindow(dt.date(2024, 3, 4), dt.date(2024, 3, 4)).days

    def test_window_dates_are_dates(self) -> None:
        """Strings are not dates."""
        with pytest.raises(
            AssessmentError, match="start: expected a date, got a str of 10 characters"
        ):
            ObservationWindow("2024-03-04", dt.date(2024, 3, 4))  # type: ignore[arg-type]

    def test_rating_grade_is_checked(self) -> None:
        """A rating's grade goes through the strict grade check."""
        with pytest.raises(InvalidGradeError, match="got 3.0"):
            Rating("A1", 3.0)
        assert Grade(3) is Rating("A1", 3).grade

    def test_free_text_stays_out_of_repr(self) -> None:
        """Evidence and carers' comments never appear in a repr."""
        rating = Rating("A1", 3, evidence=SECRET, carer_comment=SECRET)
        assessment = Assessment(SIX_YEAR_OLD, WINDOW, (rating,))
        assert SECRET not in repr(rating)
        assert SECRET not in repr(assessment)
        assert rating.evidence == SECRET

    def test_free_text_errors_name_only_the_type(self) -> None:
        """A wrongly typed evidence value is refused without echoing it."""
        with pytest.raises(AssessmentError) as caught:
            Rating("A1", 3, evidence=["secret list"])  # type: ignore[arg-type]
        assert "evidence: expected text, got a list" == str(caught.value)
        with pytest.raises(AssessmentError) as caught:
            Rating("A1", 3, carer_comment=b"secret")  # type: ignore[arg-type]
        assert "carer_comment: expected text or None, got a bytes" == str(caught.value)

    def test_target_met(self) -> None:
        """A target is met when the grade at review is at or better than the target."""
        base: dict[str, Any] = {
            "current_grade": 4,
            "target_grade": 2,
            "review_by": dt.date(2024, 6, 1),
        }
        assert TargetedItem("A4", **base).met is None
        assert TargetedItem("A4", **base, grade_at_review=2).met is True
        assert TargetedItem("A4", **base, grade_at_review=1).met is True
        assert TargetedItem("A4", **base, grade_at_review=3).met is False

    def test_target_worse_than_current(self) -> None:
        """A target grade worse than the current grade is refused."""
        with pytest.raises(
            AssessmentError, match="expected a target no worse than the current grade 2, got 4"
        ):
            TargetedItem("A4", current_grade=2, target_grade=4, review_by=dt.date(2024, 6, 1))

    def test_target_grade_at_review_checked(self) -> None:
        """The grade at review is a grade too."""
        with pytest.raises(InvalidGradeError, match="grade_at_review: expected an integer"):
            TargetedItem("A4", 4, 2, dt.date(2024, 6, 1), grade_at_review=0)

    def test_carers_and_practitioners(self) -> None:
        """Carers and practitioners are references with an optional role or agency."""
        assert "mother" == Carer("P-1", role="mother").role
        assert "health" == Practitioner("W-1", agency="health").agency


class TestAssessmentShape:
    def test_two_ratings_for_one_code(self) -> None:
        """One code may be rated once; the second is named in the error."""
        with pytest.raises(AssessmentError) as caught:
            Assessment(SIX_YEAR_OLD, WINDOW, (Rating("A1", 2), Rating("B1", 2), Rating("A1", 3)))
        assert "ratings[2].code: expected each rated code once, got 'A1' again" == str(caught.value)
        assert isinstance(caught.value, ValueError)

    def test_ratings_must_be_a_tuple_of_ratings(self) -> None:
        """A list, or a tuple holding something else, is refused."""
        with pytest.raises(
            AssessmentError, match="ratings: expected a tuple of Rating, got a list"
        ):
            Assessment(SIX_YEAR_OLD, WINDOW, [Rating("A1", 2)])  # type: ignore[arg-type]
        with pytest.raises(AssessmentError, match=r"ratings\[0\]: expected a Rating, got a tuple"):
            Assessment(SIX_YEAR_OLD, WINDOW, (("A1", 2),))  # type: ignore[arg-type]

    def test_grades_mapping(self) -> None:
        """grades maps each rated code to its grade, in rating order."""
        assessment = Assessment(SIX_YEAR_OLD, WINDOW, (Rating("B1", 2), Rating("A1", 4)))
        assert {"B1": Grade(2), "A1": Grade(4)} == dict(assessment.grades)
        assert ["B1", "A1"] == list(assessment.grades)


class TestValidation:
    def test_valid_assessment_passes(self, invented_catalogue: Catalogue) -> None:
        """An assessment that fits its catalogue passes without a return value."""
        assessment = Assessment(
            SIX_YEAR_OLD, WINDOW, (Rating("A1a", 2), Rating("B2b", 3), Rating("D", 2))
        )
        validate(assessment, invented_catalogue)

    def test_unknown_code(self) -> None:
        """An unknown rated code names its place and the nearest codes."""
        assessment = Assessment(SIX_YEAR_OLD, WINDOW, (Rating("A1", 2), Rating("A7", 3)))
        with pytest.raises(UnknownCodeError) as caught:
            validate(assessment, GCP2)
        assert str(caught.value).startswith(
            "ratings[1].code: expected a code of catalogue 'GCP2', got 'A7'"
        )

    def test_every_problem_is_listed(self, invented_catalogue: Catalogue) -> None:
        """validate lists every problem it finds, each at its place, not only the first."""
        target = TargetedItem("Z9", 4, 2, dt.date(2024, 6, 1))
        assessment = Assessment(
            SIX_YEAR_OLD, WINDOW, (Rating("A7", 2), Rating("D1a", 2)), targets=(target,)
        )
        with pytest.raises(AssessmentError) as caught:
            validate(assessment, invented_catalogue)
        assert ["ratings[0].code", "ratings[1].code", "targets[0].code"] == [
            problem.path for problem in caught.value.problems
        ]
        assert 3 == len(str(caught.value).splitlines())

    def test_known_target_code(self) -> None:
        """Targeted items under catalogue codes pass."""
        targets = (
            TargetedItem("A4", 4, 2, dt.date(2024, 6, 1)),
            TargetedItem("B1", 3, 2, dt.date(2024, 6, 1)),
        )
        validate(Assessment(SIX_YEAR_OLD, WINDOW, (), targets=targets), GCP2)

    def test_duplicate_targets(self) -> None:
        """A code is targeted at most once per assessment."""
        target = TargetedItem("A4", 4, 2, dt.date(2024, 6, 1))
        with pytest.raises(
            AssessmentError, match=r"targets\[1\].code: expected each targeted code once"
        ):
            Assessment(SIX_YEAR_OLD, WINDOW, (), targets=(target, target))

    def test_unknown_target_code(self) -> None:
        """A targeted item must be in the catalogue too."""
        target = TargetedItem("Z9", 4, 2, dt.date(2024, 6, 1))
        with pytest.raises(UnknownCodeError, match=r"targets\[0\].code"):
            validate(Assessment(SIX_YEAR_OLD, WINDOW, (), targets=(target,)), GCP2)

    def test_item_outside_age_band(self, invented_catalogue: Catalogue) -> None:
        """An item for under-fives cannot be rated for a six-year-old."""
        assessment = Assessment(SIX_YEAR_OLD, WINDOW, (Rating("D1a", 2),))
        with pytest.raises(AssessmentError) as caught:
            validate(assessment, invented_catalogue)
        assert (
            "ratings[0].code: item 'D1a' applies to ages 0 to 59 months, got a child aged 73 months"
            == str(caught.value)
        )
        assert "ratings[0].code" == caught.value.path

    def test_item_with_band_for_unborn_child(self) -> None:
        """An age-banded item cannot be rated before birth (there is no age yet)."""
        banded = Item("S1a", "Invented", "S1", age_bands=(AgeBand(0, 60),))
        catalogue = GCP2A.with_items((banded,), name="x", version="1")
        assessment = Assessment(UNBORN, WINDOW, (Rating("S1a", 2),), instrument=Instrument.GCP2A)
        with pytest.raises(AssessmentError, match="got an unborn child"):
            validate(assessment, catalogue)

    def test_gcp2_for_unborn_child(self) -> None:
        """GCP2 for a child not yet born is refused: GCP2A is required."""
        with pytest.raises(AssessmentError) as caught:
            validate(Assessment(UNBORN, WINDOW, (Rating("A1", 2),)), GCP2)
        assert (
            "instrument: expected GCP2A for a child not yet born on 2024-03-04, got 'GCP2'"
            == str(caught.value)
        )

    def test_catalogue_of_another_instrument(self) -> None:
        """A GCP2A assessment cannot be checked against the GCP2 catalogue."""
        assessment = Assessment(UNBORN, WINDOW, (Rating("S1", 2),), instrument=Instrument.GCP2A)
        with pytest.raises(AssessmentError, match="catalogue's instrument 'GCP2', got 'GCP2A'"):
            validate(assessment, GCP2)

    def test_gcp2a_antenatal_sections_before_birth(self) -> None:
        """Before birth, GCP2A's antenatal sections are rated."""
        validate(
            Assessment(
                UNBORN, WINDOW, (Rating("S1", 2), Rating("S2", 3)), instrument=Instrument.GCP2A
            ),
            GCP2A,
        )

    def test_gcp2a_after_birth_only_postnatal(self) -> None:
        """After birth, GCP2A is limited to its postnatal section."""
        validate(Assessment(INFANT, WINDOW, (Rating("S3", 2),), instrument=Instrument.GCP2A), GCP2A)
        with pytest.raises(AssessmentError) as caught:
            validate(
                Assessment(
                    INFANT, WINDOW, (Rating("S3", 2), Rating("S1", 2)), instrument=Instrument.GCP2A
                ),
                GCP2A,
            )
        assert str(caught.value).startswith(
            "ratings[1].code: expected only the postnatal section after the birth, got a rating in antenatal section 'S1'"
        )

    def test_gcp2a_postnatal_needs_birth(self) -> None:
        """The postnatal section cannot be rated for a child still unborn at the window's end."""
        with pytest.raises(
            AssessmentError, match="expected the postnatal section only once the child is born"
        ):
            validate(
                Assessment(UNBORN, WINDOW, (Rating("S3", 2),), instrument=Instrument.GCP2A), GCP2A
            )

    def test_gcp2a_window_spanning_birth(self) -> None:
        """A window that starts before and ends after the birth may rate every section."""
        born_mid_window = ChildRef("C-9", date_of_birth=dt.date(2024, 3, 10))
        validate(
            Assessment(
                born_mid_window,
                WINDOW,
                (Rating("S2", 2), Rating("S3", 2)),
                instrument=Instrument.GCP2A,
            ),
            GCP2A,
        )

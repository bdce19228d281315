from __future__ import annotations

import pickle
from fractions import Fraction
from typing import Any

import pytest

from neglect_protocol import Grade, NeglectProtocolError
from neglect_protocol.errors import InvalidGradeError


class TestConstruction:
    @pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
    def test_whole_numbers_one_to_five_are_grades(self, value: int) -> None:
        """Grade(n) for n in 1..5 gives the member whose value is n."""
        assert value == Grade(value).value

    def test_a_grade_is_itself(self) -> None:
        """Passing a Grade back in returns the same member."""
        assert Grade.POOR is Grade(Grade.POOR)

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            (0, "0"),
            (6, "6"),
            (-1, "-1"),
            (3.0, "3.0"),
            ("3", "'3'"),
            (True, "True"),
            (False, "False"),
            (None, "None"),
            (Fraction(3), "Fraction(3, 1)"),
            ([3], "[3]"),
            (["Invented: left alone"], "a list of 1 item"),
            (2.5, "2.5"),
            ("Invented: evidence typed into the grade column", "a str of 46 characters"),
        ],
    )
    def test_anything_else_is_refused(self, value: Any, shown: str) -> None:
        """0, 6, 3.0, "3", True, None and other non-grades raise InvalidGradeError.

        The message echoes the value only when it cannot be free text.
        """
        with pytest.raises(InvalidGradeError) as caught:
            Grade(value)
        assert f"grade: expected an integer from 1 to 5, got {shown}" == str(caught.value)
        assert value is caught.value.value or value == caught.value.value

    def test_the_error_is_a_value_error_and_ours(self) -> None:
        """InvalidGradeError can be caught as ValueError or as the library's root error."""
        with pytest.raises(ValueError, match="expected an integer"):
            Grade(0)
        with pytest.raises(NeglectProtocolError):
            Grade(9)

    def test_to_grade_names_the_field(self) -> None:
        """to_grade puts the field it was given at the start of the message."""
        # to_grade is private: it is how the model converts a field to a Grade, and
        # naming the field in its error is an internal law, checked here directly.
        from neglect_protocol._model._grade import to_grade

        with pytest.raises(InvalidGradeError) as caught:
            to_grade(7, field="ratings[0].grade")
        assert "ratings[0].grade: expected an integer from 1 to 5, got 7" == str(caught.value)
        assert "ratings[0].grade" == caught.value.path

    def test_numpy_style_integers_are_accepted(self) -> None:
        """Any numbers.Integral (as numpy integers are) that is 1..5 is a grade."""

        class Integralish(int):
            pass

        assert Grade.BORDERLINE is Grade(Integralish(3))

    def test_grade_cannot_be_extended(self) -> None:
        """The enum's functional API cannot add members to the fixed five-grade scale."""
        with pytest.raises(TypeError):
            Grade("Other", [("X", 1)])  # type: ignore[call-arg, arg-type]


class TestScale:
    def test_order_is_best_to_worst(self) -> None:
        """Grades are ordered integers: 1 best, 5 worst, so max is the worst."""
        assert (min(tuple(Grade)), max(tuple(Grade))) == (Grade.BEST, Grade.WORST)
        assert [1, 2, 3, 4, 5] == [grade.value for grade in tuple(Grade)]

    def test_dimensions(self) -> None:
        """Each grade reads on the three dimensions of DOMAIN.md §3."""
        assert "best" == Grade(1).quality_of_care
        assert "the child and the carer are on a par" == Grade(3).commitment
        assert "most essential needs are unmet" == Grade(4).needs_met
        assert "the child is not considered" == Grade(5).commitment
        assert all(grade.needs_met and grade.commitment for grade in tuple(Grade))

    def test_strengths_borderline_and_concerns(self) -> None:
        """1–2 are strengths, 3 borderline, 4–5 concerns (DOMAIN.md §4)."""
        assert [True, True, False, False, False] == [g.is_strength for g in tuple(Grade)]
        assert [False, False, True, False, False] == [g.is_borderline for g in tuple(Grade)]
        assert [False, False, False, True, True] == [g.is_concern for g in tuple(Grade)]

    def test_comparisons_read_in_care_terms(self) -> None:
        """is_worse_than and is_better_than follow the scale, 5 being worse than 1."""
        assert Grade(5).is_worse_than(Grade(1))
        assert not Grade(1).is_worse_than(Grade(1))
        assert Grade(2).is_better_than(Grade(3))
        assert not Grade(3).is_better_than(Grade(2))

    def test_grades_pickle(self) -> None:
        """A grade survives pickling (host systems cache and queue values)."""
        assert Grade.POOR is pickle.loads(pickle.dumps(Grade.POOR))

"""The error classes: one per thing a caller would do differently (issue 8, point 2).

``neglect_protocol.errors`` keeps a class only where a caller would write a separate
``except``; where in the data a problem is goes in the error's ``problems`` paths.
These tests pin the classes, their builtin bases, and the splits a caller relies on:
a child's record (``AssessmentError``) apart from the partnership's reference data
(``PolicyError``) and an unknown code (``UnknownCodeError``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from neglect_protocol import ChildRef
from neglect_protocol import errors as errors_module
from neglect_protocol.errors import (
    AssessmentError,
    AssuranceError,
    DocumentError,
    InputError,
    InvalidArgumentError,
    InvalidGradeError,
    NeglectProtocolError,
    OutputExistsError,
    PolicyError,
    SchemaVersionError,
    StatisticsError,
    SuppressedValueError,
    UnknownCodeError,
    UnsupportedTypeError,
)
from neglect_protocol.screening import (
    DEFAULT_SCREENING_POLICY,
    Checklist,
    Domain,
    Screening,
    Sign,
    SignAnswer,
    screen,
)

# Each class and the builtin a caller may already catch it as.
BUILTIN_BASES: dict[type[Exception], type[Exception]] = {
    AssessmentError: ValueError,
    AssuranceError: ValueError,
    DocumentError: ValueError,
    InvalidArgumentError: ValueError,
    InvalidGradeError: ValueError,
    PolicyError: ValueError,
    SchemaVersionError: ValueError,
    StatisticsError: ValueError,
    SuppressedValueError: ValueError,
    UnknownCodeError: LookupError,
    UnsupportedTypeError: TypeError,
    OutputExistsError: FileExistsError,
}

CHILD = ChildRef("C-0500", date_of_birth=dt.date(2019, 1, 10))


class TestHierarchy:
    def test_the_module_lists_these_classes_and_no_others(self) -> None:
        """The public classes are the root, the input-error shape and the twelve leaves."""
        listed = {
            name
            for name in errors_module.__all__
            if isinstance(getattr(errors_module, name), type)
            and issubclass(getattr(errors_module, name), Exception)
        }
        expected = {"NeglectProtocolError", "InputError"} | {
            error.__name__ for error in BUILTIN_BASES
        }
        assert expected == listed

    @pytest.mark.parametrize(
        ("error", "builtin"), list(BUILTIN_BASES.items()), ids=lambda x: x.__name__
    )
    def test_each_class_keeps_its_builtin_base(
        self, error: type[Exception], builtin: type[Exception]
    ) -> None:
        """Every class derives from the root and from the builtin a caller may already catch."""
        assert issubclass(error, NeglectProtocolError)
        assert issubclass(error, builtin)

    @pytest.mark.parametrize(
        "error",
        [
            error
            for error in BUILTIN_BASES
            if error not in (UnsupportedTypeError, OutputExistsError)
        ],
        ids=lambda x: x.__name__,
    )
    def test_errors_about_input_share_the_problems_shape(self, error: type[Exception]) -> None:
        """Every error about input data is an InputError, with problems at paths."""
        assert issubclass(error, InputError)

    def test_calling_and_writing_mistakes_are_not_input_errors(self) -> None:
        """A value that cannot be serialised and a file in the way are not about input data."""
        assert not issubclass(UnsupportedTypeError, InputError)
        assert not issubclass(OutputExistsError, InputError)


class TestWhoFixesIt:
    """A screening is the child's record; its checklist and policy are the configuration."""

    def test_a_wrong_screening_is_the_childs_record(self) -> None:
        """A sign answered twice is an AssessmentError, not a PolicyError."""
        with pytest.raises(AssessmentError) as caught:
            Screening(
                CHILD,
                dt.date(2024, 5, 2),
                (SignAnswer("HE1", "not known"), SignAnswer("HE1", "does not apply")),
            )
        assert not isinstance(caught.value, PolicyError)
        assert "answers[1].sign: expected each sign once, got 'HE1' again" == str(caught.value)

    def test_a_wrong_checklist_is_the_configuration(self) -> None:
        """A sign in a domain the checklist lacks is a PolicyError, not an AssessmentError."""
        with pytest.raises(PolicyError) as caught:
            Checklist("Mine", "1", (Domain("A", "Alpha"),), (Sign("A1", "B", "text"),))
        assert not isinstance(caught.value, AssessmentError)
        assert "signs[0].domain: expected a domain of the checklist (A), got 'B'" == str(
            caught.value
        )

    def test_a_blank_policy_name_is_the_configuration(self) -> None:
        """A screening policy's own fields are configuration too."""
        with pytest.raises(PolicyError, match="^name: expected non-empty text, got ' '$"):
            type(DEFAULT_SCREENING_POLICY)(
                " ", "1", DEFAULT_SCREENING_POLICY.checklist, DEFAULT_SCREENING_POLICY.rules
            )

    def test_an_unknown_sign_is_an_unknown_code(self) -> None:
        """An answer to a sign the checklist lacks is a LookupError offering the nearest signs."""
        answers = (SignAnswer("HE4", "not known"),)
        with pytest.raises(UnknownCodeError) as caught:
            screen(Screening(CHILD, dt.date(2024, 5, 2), answers))
        assert isinstance(caught.value, LookupError)
        assert ("HE3", "HE2", "HE1") == caught.value.suggestions
        assert DEFAULT_SCREENING_POLICY.checklist.name == caught.value.catalogue
        assert "answers[0].sign" == caught.value.path

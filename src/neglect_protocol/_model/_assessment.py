"""Assessments: one child, their carers, an observation window and the grades recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any

import attrs
from attrs import validators as v

from neglect_protocol._model._catalogue import Instrument
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol.errors import AssessmentError, DuplicateCodeError, ObservationWindowError


def _reference(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AssessmentError(attribute.name, f"expected a non-empty reference, got {value!r}")


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise AssessmentError(attribute.name, f"expected a date or None, got {value!r}")


def _date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise AssessmentError(attribute.name, f"expected a date, got {value!r}")


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    # The value may be personal data, so only its type is named.
    if value is not None and not isinstance(value, str):
        raise AssessmentError(
            attribute.name, f"expected text or None, got a {type(value).__name__}"
        )


def _text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str):
        raise AssessmentError(attribute.name, f"expected text, got a {type(value).__name__}")


def _grade(value: object) -> Grade:
    return to_grade(value)


def _optional_grade(value: object) -> Grade | None:
    return None if value is None else to_grade(value, field="grade_at_review")


def completed_months(born: dt.date, on: dt.date) -> int:
    """Return the number of whole months from ``born`` to ``on`` (0 in the first month).

    >>> import datetime as dt
    >>> completed_months(dt.date(2024, 1, 31), dt.date(2024, 2, 29))
    0
    >>> completed_months(dt.date(2024, 1, 31), dt.date(2024, 3, 1))
    1
    """
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if on.day < born.day:
        months -= 1
    return months


@attrs.frozen
class ChildRef:
    """The child an assessment is about, by pseudonymous reference.

    A born child has a ``date_of_birth``; an unborn child has an
    ``expected_delivery_date`` (and may keep it once born). At least one is needed.

    >>> import datetime as dt
    >>> child = ChildRef("C-0001", date_of_birth=dt.date(2021, 5, 4))
    >>> child.age_in_months_on(dt.date(2023, 5, 3))
    23
    >>> ChildRef("C-0002", expected_delivery_date=dt.date(2025, 3, 1)).is_unborn_on(
    ...     dt.date(2025, 1, 10)
    ... )
    True
    """

    reference: str = attrs.field(validator=_reference)
    date_of_birth: dt.date | None = attrs.field(default=None, validator=_optional_date)
    expected_delivery_date: dt.date | None = attrs.field(default=None, validator=_optional_date)

    def __attrs_post_init__(self) -> None:
        if self.date_of_birth is None and self.expected_delivery_date is None:
            raise AssessmentError(
                "child",
                "expected a date_of_birth or, for an unborn child, an expected_delivery_date; "
                "got neither",
            )

    def is_unborn_on(self, day: dt.date) -> bool:
        """Whether the child had not been born on ``day``."""
        return self.date_of_birth is None or day < self.date_of_birth

    def age_in_months_on(self, day: dt.date) -> int | None:
        """The child's age in completed months on ``day``, or ``None`` before birth."""
        if self.date_of_birth is None or day < self.date_of_birth:
            return None
        return completed_months(self.date_of_birth, day)

    def age_in_years_on(self, day: dt.date) -> int | None:
        """The child's age in completed years on ``day``, or ``None`` before birth."""
        months = self.age_in_months_on(day)
        return None if months is None else months // 12


@attrs.frozen
class Carer:
    """A parent or carer, by pseudonymous reference, with their role (``"mother"``)."""

    reference: str = attrs.field(validator=_reference)
    role: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))


@attrs.frozen
class Practitioner:
    """A practitioner who carried out the assessment, by reference, with their agency."""

    reference: str = attrs.field(validator=_reference)
    agency: str | None = attrs.field(default=None, validator=v.optional(v.instance_of(str)))


@attrs.frozen
class ObservationWindow:
    """The days over which the practitioner observed the care (both ends included).

    >>> import datetime as dt
    >>> ObservationWindow(dt.date(2024, 3, 1), dt.date(2024, 3, 21)).days
    21
    >>> ObservationWindow(dt.date(2024, 3, 21), dt.date(2024, 3, 1))
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.ObservationWindowError: window: expected an end on or after ...
    """

    start: dt.date = attrs.field(validator=_date)
    end: dt.date = attrs.field(validator=_date)

    @end.validator
    def _check_order(self, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
        if value < self.start:
            raise ObservationWindowError(self.start, value)

    @property
    def days(self) -> int:
        """How many days the window covers, counting both ends."""
        return (self.end - self.start).days + 1


@attrs.frozen
class Rating:
    """A grade recorded for one code: an item, a sub-area or an area.

    ``evidence`` and ``carer_comment`` are free text about a child: they are kept
    but never shown in a ``repr`` or an error message.

    >>> Rating("A1", 3, evidence="invented: meals irregular on two visits")
    Rating(code='A1', grade=<Grade.BORDERLINE: 3>)
    """

    code: str = attrs.field(validator=v.instance_of(str))
    grade: Grade = attrs.field(converter=_grade)
    evidence: str = attrs.field(default="", validator=_text, repr=False)
    carer_comment: str | None = attrs.field(default=None, validator=_optional_text, repr=False)


@attrs.frozen
class TargetedItem:
    """A line of the summary sheet's table of targeted items.

    ``met`` is ``None`` until the target has been reviewed.

    >>> import datetime as dt
    >>> target = TargetedItem("A4b", current_grade=4, target_grade=2,
    ...                       review_by=dt.date(2024, 6, 1), grade_at_review=2)
    >>> target.met
    True
    """

    code: str = attrs.field(validator=v.instance_of(str))
    current_grade: Grade = attrs.field(converter=_grade)
    target_grade: Grade = attrs.field(converter=_grade)
    review_by: dt.date = attrs.field(validator=_date)
    grade_at_review: Grade | None = attrs.field(default=None, converter=_optional_grade)

    @target_grade.validator
    def _check_target(self, attribute: attrs.Attribute[Grade], value: Grade) -> None:
        if value > self.current_grade:
            raise AssessmentError(
                "target_grade",
                f"expected a target no worse than the current grade {self.current_grade.value}, "
                f"got {value.value}",
            )

    @property
    def met(self) -> bool | None:
        """Whether the grade at review reached the target (``None`` if not yet reviewed)."""
        if self.grade_at_review is None:
            return None
        return self.grade_at_review <= self.target_grade


def _tuple_of(kind: type, name: str) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise AssessmentError(
                attribute.name, f"expected a tuple of {name}, got a {type(value).__name__}"
            )
        for index, element in enumerate(value):
            if not isinstance(element, kind):
                raise AssessmentError(
                    f"{attribute.name}[{index}]",
                    f"expected a {name}, got a {type(element).__name__}",
                )

    return check


@attrs.frozen
class Assessment:
    """One GCP2 (or GCP2A) assessment of one child.

    Ratings may sit at item, sub-area or area level; each code at most once.
    Whether the codes exist, and suit the child's age, is checked against a
    catalogue by :func:`~neglect_protocol.assessment.validate` and
    :func:`~neglect_protocol.profile.score`.

    Attributes:
        child: Who the assessment is about.
        window: The observation window.
        ratings: The grades recorded, each with evidence.
        instrument: GCP2 for a born child, GCP2A for an unborn one.
        carers: The carers whose care was assessed.
        practitioners: Who assessed.
        targets: The summary sheet's targeted items.
        reference: The host system's reference for the assessment.
    """

    child: ChildRef = attrs.field(validator=v.instance_of(ChildRef))
    window: ObservationWindow = attrs.field(validator=v.instance_of(ObservationWindow))
    ratings: tuple[Rating, ...] = attrs.field(validator=_tuple_of(Rating, "Rating"))
    instrument: Instrument = attrs.field(
        default=Instrument.GCP2, validator=v.instance_of(Instrument)
    )
    carers: tuple[Carer, ...] = attrs.field(default=(), validator=_tuple_of(Carer, "Carer"))
    practitioners: tuple[Practitioner, ...] = attrs.field(
        default=(),
        validator=_tuple_of(Practitioner, "Practitioner"),
    )
    targets: tuple[TargetedItem, ...] = attrs.field(
        default=(),
        validator=_tuple_of(TargetedItem, "TargetedItem"),
    )
    reference: str | None = attrs.field(default=None, validator=v.optional(_reference))

    @ratings.validator
    def _check_unique(self, attribute: attrs.Attribute[object], value: tuple[Rating, ...]) -> None:
        seen: set[str] = set()
        for index, rating in enumerate(value):
            if rating.code in seen:
                raise DuplicateCodeError(f"ratings[{index}].code", rating.code, what="rated code")
            seen.add(rating.code)

    @cached_property
    def grades(self) -> Mapping[str, Grade]:
        """The grade recorded for each rated code, in the order rated."""
        return FrozenMap({rating.code: rating.grade for rating in self.ratings})

"""Assessments: one child, their carers, an observation window and the grades recorded."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from neglect_protocol._model._assembly import assembler
from neglect_protocol._model._catalogue import Instrument
from neglect_protocol._model._checks import got, is_a, tuple_of
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol.errors import AssessmentError, safe_repr


def _reference(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AssessmentError(attribute.name, f"expected a non-empty reference, got {got(value)}")


def _optional_reference(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _reference(instance, attribute, value)


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise AssessmentError(attribute.name, f"expected a date or None, got {got(value)}")


def _date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise AssessmentError(attribute.name, f"expected a date, got {got(value)}")


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
    # A value that is already a grade (as every value read from a document is)
    # needs no checking.
    if type(value) is Grade:
        return value
    return to_grade(value)


def _current_grade(value: object) -> Grade:
    return value if type(value) is Grade else to_grade(value, field="current_grade")


def _target_grade(value: object) -> Grade:
    return value if type(value) is Grade else to_grade(value, field="target_grade")


def _optional_grade(value: object) -> Grade | None:
    if value is None or type(value) is Grade:
        return value
    return to_grade(value, field="grade_at_review")


_CODE = is_a(str, "a code", AssessmentError)
_OPTIONAL_LABEL = is_a(str, "text", AssessmentError, optional=True)


def completed_months(born: dt.date, on: dt.date) -> int:
    """Return the number of whole months from ``born`` to ``on`` (0 in the first month).

    >>> from neglect_protocol.assessment import completed_months
    >>> import datetime as dt
    >>> completed_months(dt.date(2024, 1, 31), dt.date(2024, 2, 29))
    0
    >>> completed_months(dt.date(2024, 1, 31), dt.date(2024, 3, 1))
    1
    """
    if on < born:
        raise AssessmentError("on", f"expected a day on or after the birth, got {on.isoformat()}")
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if on.day < born.day:
        months -= 1
    return months


# A birth more than 24 weeks before the due date (under 16 weeks' gestation) or six
# weeks after it (past 46 weeks) is not a pregnancy outcome: one of the dates is wrong.
_EARLIEST_BIRTH_BEFORE_DUE = dt.timedelta(weeks=24)
_LATEST_BIRTH_AFTER_DUE = dt.timedelta(weeks=6)


@attrs.frozen
class ChildRef:
    """The child an assessment is about, by pseudonymous reference.

    A born child has a ``date_of_birth``; an unborn child has an
    ``expected_delivery_date`` (and may keep it once born, when the birth must fall
    between 24 weeks before and 6 weeks after it). At least one date is needed.

    Attributes:
        reference: The pseudonymous reference of the child in the host system.
        date_of_birth: The child's date of birth, if born.
        expected_delivery_date: For an unborn child, the date the baby is due.

    >>> from neglect_protocol.assessment import ChildRef
    >>> import datetime as dt
    >>> child = ChildRef("C-0001", date_of_birth=dt.date(2021, 5, 4))
    >>> child.age_in_months_on(dt.date(2023, 5, 3))
    23
    >>> ChildRef("C-0002", expected_delivery_date=dt.date(2025, 3, 1)).is_unborn_on(
    ...     dt.date(2025, 1, 10)
    ... )
    True
    """

    reference: str = attrs.field(repr=safe_repr, validator=_reference)
    date_of_birth: dt.date | None = attrs.field(default=None, validator=_optional_date)
    expected_delivery_date: dt.date | None = attrs.field(default=None, validator=_optional_date)

    def __attrs_post_init__(self) -> None:
        born, due = self.date_of_birth, self.expected_delivery_date
        if born is None and due is None:
            raise AssessmentError(
                "child",
                "expected a date_of_birth or, for an unborn child, an expected_delivery_date; "
                "got neither",
            )
        if (
            born is not None
            and due is not None
            and not (due - _EARLIEST_BIRTH_BEFORE_DUE <= born <= due + _LATEST_BIRTH_AFTER_DUE)
        ):
            # The dates themselves are personal data: the message does not repeat them.
            raise AssessmentError(
                "date_of_birth",
                "expected a birth between 24 weeks before and 6 weeks after the expected "
                "delivery date; the two dates are further apart",
            )

    @classmethod
    def _built(
        cls, reference: str, date_of_birth: dt.date | None, expected_delivery_date: dt.date | None
    ) -> ChildRef:
        """A child whose fields the caller has checked, each of its type; its dates checked here.

        For the wire format's reader, which checks each field as it reads it.

        Raises:
            AssessmentError: As the constructor does, if the dates do not go together.
        """
        child = _ASSEMBLE_CHILD(reference, date_of_birth, expected_delivery_date)
        child.__attrs_post_init__()
        return child

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
    """A parent or carer, by pseudonymous reference, with their role (``"mother"``).

    Attributes:
        reference: The pseudonymous reference of the carer in the host system.
        role: The carer's relationship to the child (``"mother"``), if recorded.
    """

    reference: str = attrs.field(repr=safe_repr, validator=_reference)
    role: str | None = attrs.field(repr=safe_repr, default=None, validator=_OPTIONAL_LABEL)

    @classmethod
    def _built(cls, reference: str, role: str | None) -> Carer:
        """A carer whose fields the caller has checked (a reference that is not blank)."""
        return _ASSEMBLE_CARER(reference, role)


@attrs.frozen
class Practitioner:
    """A practitioner who carried out the assessment, by reference, with their agency.

    Attributes:
        reference: The pseudonymous reference of the practitioner.
        agency: The agency the practitioner works for (``"health visiting"``), if recorded.
    """

    reference: str = attrs.field(repr=safe_repr, validator=_reference)
    agency: str | None = attrs.field(repr=safe_repr, default=None, validator=_OPTIONAL_LABEL)

    @classmethod
    def _built(cls, reference: str, agency: str | None) -> Practitioner:
        """A practitioner whose fields the caller has checked (a reference that is not blank)."""
        return _ASSEMBLE_PRACTITIONER(reference, agency)


@attrs.frozen
class ObservationWindow:
    """The days over which the practitioner observed the care (both ends included).

    Attributes:
        start: The first day observed.
        end: The last day observed, on or after ``start``.

    >>> from neglect_protocol.assessment import ObservationWindow
    >>> import datetime as dt
    >>> ObservationWindow(dt.date(2024, 3, 1), dt.date(2024, 3, 21)).days
    21
    >>> ObservationWindow(dt.date(2024, 3, 21), dt.date(2024, 3, 1))
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.AssessmentError: window: expected an end on or after ...
    """

    start: dt.date = attrs.field(validator=_date)
    end: dt.date = attrs.field(validator=_date)

    @end.validator
    def _check_order(self, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
        _in_order(self.start, value)

    @classmethod
    def _built(cls, start: dt.date, end: dt.date) -> ObservationWindow:
        """A window of two dates the caller has checked; their order is checked here.

        Raises:
            AssessmentError: As the constructor does, if the end is before the start.
        """
        _in_order(start, end)
        return _ASSEMBLE_WINDOW(start, end)

    @property
    def days(self) -> int:
        """How many days the window covers, counting both ends."""
        return (self.end - self.start).days + 1


def _in_order(start: dt.date, end: dt.date) -> None:
    if end < start:
        # Dates about a child are personal data: the message gives only the gap.
        days = (start - end).days
        raise AssessmentError(
            "window",
            f"expected an end on or after the start, got an end {days} "
            f"day{'' if days == 1 else 's'} before the start",
        )


@attrs.frozen
class Rating:
    """A grade recorded for one code: an item, a sub-area or an area.

    ``evidence`` and ``carer_comment`` are free text about a child: they are kept
    but never shown in a ``repr`` or an error message.

    Attributes:
        code: The code of the item, sub-area or area graded (``"A1"``).
        grade: The grade, from 1 (best care) to 5 (worst).
        evidence: What the practitioner saw that supports the grade (free text).
        carer_comment: What the carer said about it, if recorded (free text).

    >>> from neglect_protocol.assessment import Rating
    >>> Rating("A1", 3, evidence="invented: meals irregular on two visits")
    Rating(code='A1', grade=<Grade.BORDERLINE: 3>)
    """

    code: str = attrs.field(repr=safe_repr, validator=_CODE)
    grade: Grade = attrs.field(converter=_grade)
    evidence: str = attrs.field(default="", validator=_text, repr=False)
    carer_comment: str | None = attrs.field(default=None, validator=_optional_text, repr=False)

    _built: ClassVar[Callable[[str, Grade, str, str | None], Rating]]
    """Build a rating from fields the caller has checked already, not checking them again.

    For the wire format's reader, which has checked each field's type (and made
    the grade) as it read it: an assessment document holds dozens of ratings, and
    checking each field twice was a large share of reading one. A plain function
    (set below the class), not a method, as it runs for every rating read.
    """


def _no_worse(current: Grade, target: Grade) -> None:
    if target > current:
        raise AssessmentError(
            "target_grade",
            f"expected a target no worse than the current grade {current.value}, "
            f"got {target.value}",
        )


@attrs.frozen
class TargetedItem:
    """A line of the summary sheet's table of targeted items.

    ``met`` is ``None`` until the target has been reviewed.

    Attributes:
        code: The code of the targeted item.
        current_grade: Its grade in this assessment.
        target_grade: The grade aimed for, no worse than the current one.
        review_by: The date by which progress is reviewed.
        grade_at_review: The grade found at the review, once it has taken place.

    >>> from neglect_protocol.assessment import TargetedItem
    >>> import datetime as dt
    >>> target = TargetedItem("A4b", current_grade=4, target_grade=2,
    ...                       review_by=dt.date(2024, 6, 1), grade_at_review=2)
    >>> target.met
    True
    """

    code: str = attrs.field(repr=safe_repr, validator=_CODE)
    current_grade: Grade = attrs.field(converter=_current_grade)
    target_grade: Grade = attrs.field(converter=_target_grade)
    review_by: dt.date = attrs.field(validator=_date)
    grade_at_review: Grade | None = attrs.field(default=None, converter=_optional_grade)

    @target_grade.validator
    def _check_target(self, attribute: attrs.Attribute[Grade], value: Grade) -> None:
        _no_worse(self.current_grade, value)

    @classmethod
    def _built(
        cls,
        code: str,
        current_grade: Grade,
        target_grade: Grade,
        review_by: dt.date,
        grade_at_review: Grade | None,
    ) -> TargetedItem:
        """A line whose fields the caller has checked and made; the target is checked here.

        Raises:
            AssessmentError: As the constructor does, if the target is worse than the grade.
        """
        _no_worse(current_grade, target_grade)
        return _ASSEMBLE_TARGET(code, current_grade, target_grade, review_by, grade_at_review)

    @property
    def met(self) -> bool | None:
        """Whether the grade at review reached the target (``None`` if not yet reviewed)."""
        if self.grade_at_review is None:
            return None
        return self.grade_at_review <= self.target_grade


def _once_each(values: tuple[Rating | TargetedItem, ...], field: str, what: str) -> None:
    codes = list(map(_CODE_OF, values))
    if len(set(codes)) == len(codes):
        return  # The common case, found without a loop in Python.
    seen: set[str] = set()
    index = 0
    while codes[index] not in seen:
        seen.add(codes[index])
        index += 1
    raise AssessmentError(
        f"{field}[{index}].code",
        f"expected each {what} code once, got {safe_repr(codes[index])} again",
    )


_CODE_OF = operator.attrgetter("code")


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

    child: ChildRef = attrs.field(validator=is_a(ChildRef, "a ChildRef", AssessmentError))
    window: ObservationWindow = attrs.field(
        validator=is_a(ObservationWindow, "an ObservationWindow", AssessmentError)
    )
    ratings: tuple[Rating, ...] = attrs.field(validator=tuple_of(Rating, AssessmentError))
    instrument: Instrument = attrs.field(
        default=Instrument.GCP2,
        validator=is_a(Instrument, "Instrument.GCP2 or Instrument.GCP2A", AssessmentError),
    )
    carers: tuple[Carer, ...] = attrs.field(default=(), validator=tuple_of(Carer, AssessmentError))
    practitioners: tuple[Practitioner, ...] = attrs.field(
        default=(),
        validator=tuple_of(Practitioner, AssessmentError),
    )
    targets: tuple[TargetedItem, ...] = attrs.field(
        default=(),
        validator=tuple_of(TargetedItem, AssessmentError),
    )
    reference: str | None = attrs.field(repr=safe_repr, default=None, validator=_optional_reference)

    @ratings.validator
    def _check_unique(self, attribute: attrs.Attribute[object], value: tuple[Rating, ...]) -> None:
        _once_each(value, "ratings", "rated")

    @targets.validator
    def _check_unique_targets(
        self, attribute: attrs.Attribute[object], value: tuple[TargetedItem, ...]
    ) -> None:
        _once_each(value, "targets", "targeted")

    @classmethod
    def _built(
        cls,
        child: ChildRef,
        window: ObservationWindow,
        ratings: tuple[Rating, ...],
        instrument: Instrument,
        carers: tuple[Carer, ...],
        practitioners: tuple[Practitioner, ...],
        targets: tuple[TargetedItem, ...],
        reference: str | None,
    ) -> Assessment:
        """An assessment of parts the caller has checked or built; their codes are checked here.

        For the wire format's reader, which reads each part (with its own
        ``_built``) and checks each field as it reads it: an assessment document
        holds dozens of parts, and checking each field twice was a large share of
        reading one.

        Raises:
            AssessmentError: As the constructor does, if a code is rated or targeted twice.
        """
        _once_each(ratings, "ratings", "rated")
        _once_each(targets, "targets", "targeted")
        return _ASSEMBLE_ASSESSMENT(
            child, window, ratings, instrument, carers, practitioners, targets, reference
        )

    if TYPE_CHECKING:  # Attached by the public module from the boundary; see _api.attach_views.

        def _repr_html_(self) -> str: ...

    @cached_property
    def grades(self) -> Mapping[str, Grade]:
        """The grade recorded for each rated code, in the order rated."""
        return FrozenMap({rating.code: rating.grade for rating in self.ratings})


# Made once the classes exist; their _built methods call them.
_ASSEMBLE_CHILD = assembler(ChildRef)
_ASSEMBLE_CARER = assembler(Carer)
_ASSEMBLE_PRACTITIONER = assembler(Practitioner)
_ASSEMBLE_WINDOW = assembler(ObservationWindow)
Rating._built = assembler(Rating)
_ASSEMBLE_TARGET = assembler(TargetedItem)
_ASSEMBLE_ASSESSMENT = assembler(Assessment)

"""A child's social care history with dates: referrals, assessments, child protection plans.

These are the dated events the DfE's key indicators are counted from (the
Children in Need census collects the same dates). Codes (a plan's initial
category, an assessment's factors) have their shapes checked here; whether a code
is on a collection year's list is checked against that list.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from neglect_protocol._model._census import factors_field, plan_category_field
from neglect_protocol._model._checks import got
from neglect_protocol.errors import AssuranceError, safe_repr


def _date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise AssuranceError(attribute.name, f"expected a date, got {got(value)}")


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _date(instance, attribute, value)


def _dates(value: object, field: str) -> tuple[dt.date, ...]:
    if not isinstance(value, tuple | list):
        raise AssuranceError(field, f"expected a tuple of dates, got {got(value)}")
    for index, day in enumerate(value):
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise AssuranceError(f"{field}[{index}]", f"expected a date, got {got(day)}")
    return tuple(value)


def _not_before(start: dt.date, end: dt.date | None, field: str, what: str) -> None:
    if end is not None and end < start:
        raise AssuranceError(
            field,
            f"expected a date on or after the {what} {start.isoformat()}, got {end.isoformat()}",
        )


def _reviews(value: object) -> tuple[dt.date, ...]:
    return _dates(value, "reviews")


@attrs.frozen
class AssessmentEpisode:
    """One assessment of a child by children's social care.

    Attributes:
        start: The day the assessment started.
        end: The day it was completed (authorised), or ``None`` if still open.
        factors: The factors identified at its end (``("16A",)``), shape-checked.

    Raises:
        AssuranceError: If a date is not a date, or the end is before the start.
    """

    start: dt.date = attrs.field(validator=_date)
    end: dt.date | None = attrs.field(default=None, validator=_optional_date)
    factors: tuple[str, ...] = attrs.field(default=(), converter=factors_field)

    def __attrs_post_init__(self) -> None:
        _not_before(self.start, self.end, "end", "assessment's start")


@attrs.frozen
class ProtectionPlan:
    """One child protection plan.

    Attributes:
        start: The day the plan started.
        end: The day it ended, or ``None`` if still open.
        initial_category: Its initial category of abuse (``"NEG"``), shape-checked.
        reviews: The days of its review conferences, in order.

    Raises:
        AssuranceError: If the plan ends before it starts, a review is before the
            plan starts or after it ends, or the reviews are not in date order.

    >>> import datetime as dt
    >>> from neglect_protocol.key_indicators import ProtectionPlan
    >>> ProtectionPlan(dt.date(2023, 5, 1), dt.date(2023, 4, 1))
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.AssuranceError: end: expected a date on or after ... got 2023-04-01
    """

    start: dt.date = attrs.field(validator=_date)
    end: dt.date | None = attrs.field(default=None, validator=_optional_date)
    initial_category: str | None = attrs.field(default=None, converter=plan_category_field)
    reviews: tuple[dt.date, ...] = attrs.field(default=(), converter=_reviews)

    def __attrs_post_init__(self) -> None:
        _not_before(self.start, self.end, "end", "plan's start")
        for index, review in enumerate(self.reviews):
            field = f"reviews[{index}]"
            _not_before(self.start, review, field, "plan's start")
            if self.end is not None and review > self.end:
                raise AssuranceError(
                    field,
                    f"expected a review on or before the plan's end {self.end.isoformat()}, "
                    f"got {review.isoformat()}",
                )
            if index and review < self.reviews[index - 1]:
                _not_before(self.reviews[index - 1], review, field, "previous review")

    def open_on(self, day: dt.date) -> bool:
        """Whether the plan had started and not yet ended on ``day``."""
        return self.start <= day and (self.end is None or self.end > day)


def _reference(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AssuranceError(attribute.name, f"expected non-empty text, got {got(value)}")


def _referrals(value: object) -> tuple[dt.date, ...]:
    days = _dates(value, "referrals")
    for index, day in enumerate(days):
        if day in days[:index]:
            raise AssuranceError(
                f"referrals[{index}]",
                f"expected one referral a day, got {safe_repr(day.isoformat())} again",
            )
    return tuple(sorted(days))


def _in_order(value: object, kind: type, what: str) -> tuple[Any, ...]:
    if not isinstance(value, tuple | list):
        raise AssuranceError(what, f"expected a tuple of {kind.__name__}s, got {got(value)}")
    for index, entry in enumerate(value):
        if not isinstance(entry, kind):
            raise AssuranceError(
                f"{what}[{index}]", f"expected a {kind.__name__}, got {got(entry)}"
            )
    return tuple(sorted(value, key=lambda entry: entry.start))


def _assessments(value: object) -> tuple[AssessmentEpisode, ...]:
    return _in_order(value, AssessmentEpisode, "assessments")


def _plans(value: object) -> tuple[ProtectionPlan, ...]:
    return _in_order(value, ProtectionPlan, "plans")


@attrs.frozen
class CaseHistory:
    """One child's referrals, assessments and child protection plans, with their dates.

    Referrals, assessments and plans are kept in date order.

    Attributes:
        reference: The child's pseudonymous reference.
        referrals: The days the child was referred (one referral a day).
        assessments: The child's assessments.
        plans: The child's child protection plans.

    >>> import datetime as dt
    >>> from neglect_protocol.key_indicators import CaseHistory, ProtectionPlan
    >>> history = CaseHistory("C-1", referrals=[dt.date(2023, 9, 1), dt.date(2023, 5, 2)],
    ...     plans=[ProtectionPlan(dt.date(2023, 6, 1), initial_category="NEG")])
    >>> history.referrals[0], history.plans[0].initial_category
    (datetime.date(2023, 5, 2), 'NEG')
    """

    reference: str = attrs.field(repr=safe_repr, validator=_reference)
    referrals: tuple[dt.date, ...] = attrs.field(default=(), converter=_referrals)
    assessments: tuple[AssessmentEpisode, ...] = attrs.field(default=(), converter=_assessments)
    plans: tuple[ProtectionPlan, ...] = attrs.field(default=(), converter=_plans)

"""The DfE's key indicators of children's social care, per reporting period, with trends.

Definitions follow the Department for Education's *Characteristics of children in
need* methodology and the Children in Need census COLLECT key-indicator reports
("KI Children - CPP - 2 years or more", "CPPs reviewed within timescales", "More
than one CPP"), in our own words:

- **re-referrals**: referrals in the period made within 12 months of a previous
  referral of the same child, out of all referrals in the period;
- **second or subsequent plans**: children who became the subject of a child
  protection plan in the period who had been the subject of an earlier plan (at any
  time), out of all children who became the subject of a plan in the period;
- **plans lasting two years or more**: plans that ended in the period after two
  years or more, out of all plans that ended in the period;
- **plans reviewed within timescales**: plans open at the end of the period that
  had lasted at least three months, whose reviews were all on time (the first
  within three months of the start, each later one within six months of the one
  before, and the last no longer ago at the period's end), out of those plans;
- **assessments within 45 working days**: assessments completed in the period
  within 45 working days of their start (working days exclude weekends and the
  bank holidays given), out of all assessments completed in the period.

Each returns a :class:`~neglect_protocol.stats.Proportion`, or ``None`` when nothing
was counted in the period (a share of nothing is undefined, not 0%).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

import attrs

from neglect_protocol._logic._census import NEGLECT_CATEGORY, NEGLECT_FACTOR, NeglectBasis
from neglect_protocol._logic._intervals import newcombe_interval
from neglect_protocol._model._casework import CaseHistory
from neglect_protocol._model._census import CensusCodeList, CodeListKind
from neglect_protocol._model._checks import got, member_of
from neglect_protocol._model._periods import Period, add_months
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import AssuranceError, safe_repr

ASSESSMENT_WORKING_DAYS = 45
"""The longest an assessment should take, in working days (Working Together to Safeguard
Children; the DfE counts assessments completed within 45 working days)."""

FIRST_REVIEW_MONTHS = 3
"""The first review conference falls within three months of the plan's start."""

LATER_REVIEW_MONTHS = 6
"""Each later review falls within six months of the one before."""

LONG_PLAN_YEARS = 2
"""A plan is long when it lasts two years or more."""


def _histories(histories: Sequence[CaseHistory]) -> tuple[CaseHistory, ...]:
    if isinstance(histories, str) or not isinstance(histories, Sequence):
        raise AssuranceError(
            "histories", f"expected a sequence of case histories, got {got(histories)}"
        )
    seen: set[str] = set()
    for index, history in enumerate(histories):
        if not isinstance(history, CaseHistory):
            raise AssuranceError(
                f"$.histories[{index}]", f"expected a CaseHistory, got {got(history)}"
            )
        if history.reference in seen:
            raise AssuranceError(
                f"$.histories[{index}].reference",
                f"expected each child once, got {safe_repr(history.reference)} again",
            )
        seen.add(history.reference)
    return tuple(histories)


def _period(period: Period | str) -> Period:
    if isinstance(period, Period):
        return period
    return Period.parse(period)


def _holidays(bank_holidays: Iterable[dt.date]) -> frozenset[dt.date]:
    if isinstance(bank_holidays, str) or not isinstance(bank_holidays, Iterable):
        raise AssuranceError(
            "bank_holidays", f"expected a collection of dates, got {got(bank_holidays)}"
        )
    days = tuple(bank_holidays)
    for index, day in enumerate(days):
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise AssuranceError(f"bank_holidays[{index}]", f"expected a date, got {got(day)}")
    return frozenset(days)


def working_days_between(
    start: dt.date, end: dt.date, bank_holidays: Iterable[dt.date] = ()
) -> int:
    """Count the working days after ``start`` up to and including ``end``.

    Saturdays, Sundays and the ``bank_holidays`` given are not working days (the
    library never fetches a calendar: pass the year's bank holidays in). An
    assessment started and completed on the same day took 0 working days.

    Raises:
        AssuranceError: If ``end`` is before ``start`` or a holiday is not a date.

    >>> import datetime as dt
    >>> from neglect_protocol.key_indicators import working_days_between
    >>> working_days_between(dt.date(2024, 5, 3), dt.date(2024, 5, 10))
    5
    >>> working_days_between(dt.date(2024, 5, 3), dt.date(2024, 5, 10), [dt.date(2024, 5, 6)])
    4
    """
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise AssuranceError(name, f"expected a date, got {got(value)}")
    if end < start:
        raise AssuranceError(
            "end", f"expected a date on or after {start.isoformat()}, got {end.isoformat()}"
        )
    holidays = _holidays(bank_holidays)
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count - sum(
        1 for holiday in holidays if start < holiday <= end and holiday.weekday() < 5
    )


def _share(positive: int, total: int) -> Proportion | None:
    return None if total == 0 else Proportion(positive, total)


def re_referrals(histories: Sequence[CaseHistory], period: Period | str) -> Proportion | None:
    """Return the share of the period's referrals made within 12 months of a previous one.

    Raises:
        AssuranceError: If the histories or the period are not valid.
    """
    period = _period(period)
    positive = total = 0
    for history in _histories(histories):
        for index, day in enumerate(history.referrals):
            if not period.contains(day):
                continue
            total += 1
            earlier = history.referrals[:index]
            positive += bool(earlier) and earlier[-1] >= add_months(day, -12)
    return _share(positive, total)


def second_or_subsequent_plans(
    histories: Sequence[CaseHistory], period: Period | str
) -> Proportion | None:
    """Return the share of children starting a plan in the period who had an earlier plan.

    Raises:
        AssuranceError: If the histories or the period are not valid.
    """
    period = _period(period)
    positive = total = 0
    for history in _histories(histories):
        starting = [plan for plan in history.plans if period.contains(plan.start)]
        if not starting:
            continue
        total += 1
        positive += any(plan.start < starting[0].start for plan in history.plans)
    return _share(positive, total)


def plans_lasting_two_years(
    histories: Sequence[CaseHistory], period: Period | str
) -> Proportion | None:
    """Return the share of plans ending in the period that lasted two years or more.

    Raises:
        AssuranceError: If the histories or the period are not valid.
    """
    period = _period(period)
    positive = total = 0
    for history in _histories(histories):
        for plan in history.plans:
            if plan.end is None or not period.contains(plan.end):
                continue
            total += 1
            positive += plan.end >= add_months(plan.start, 12 * LONG_PLAN_YEARS)
    return _share(positive, total)


def _reviewed_in_time(start: dt.date, reviews: Sequence[dt.date], day: dt.date) -> bool:
    due = add_months(start, FIRST_REVIEW_MONTHS)
    for review in reviews:
        if review > due:
            return False
        due = add_months(review, LATER_REVIEW_MONTHS)
    return day <= due


def plans_reviewed_within_timescales(
    histories: Sequence[CaseHistory], period: Period | str
) -> Proportion | None:
    """Return the share of plans open at the period's end, 3 months or older, reviewed in time.

    Only reviews held by the period's last day count.

    Raises:
        AssuranceError: If the histories or the period are not valid.
    """
    period = _period(period)
    positive = total = 0
    for history in _histories(histories):
        for plan in history.plans:
            if not plan.open_on(period.end) or add_months(plan.start, 3) > period.end:
                continue
            total += 1
            held = [review for review in plan.reviews if review <= period.end]
            positive += _reviewed_in_time(plan.start, held, period.end)
    return _share(positive, total)


def assessments_within_45_working_days(
    histories: Sequence[CaseHistory],
    period: Period | str,
    bank_holidays: Iterable[dt.date] = (),
) -> Proportion | None:
    """Return the share of assessments completed in the period within 45 working days.

    Raises:
        AssuranceError: If the histories, the period or a holiday are not valid.
    """
    period = _period(period)
    holidays = _holidays(bank_holidays)
    positive = total = 0
    for history in _histories(histories):
        for assessment in history.assessments:
            if assessment.end is None or not period.contains(assessment.end):
                continue
            total += 1
            taken = working_days_between(assessment.start, assessment.end, holidays)
            positive += taken <= ASSESSMENT_WORKING_DAYS
    return _share(positive, total)


class KeyIndicator(enum.Enum):
    """The DfE key indicators this library computes, by name."""

    RE_REFERRALS = "re_referrals"
    SECOND_OR_SUBSEQUENT_PLANS = "second_or_subsequent_plans"
    PLANS_LASTING_TWO_YEARS = "plans_lasting_two_years"
    PLANS_REVIEWED_WITHIN_TIMESCALES = "plans_reviewed_within_timescales"
    ASSESSMENTS_WITHIN_45_WORKING_DAYS = "assessments_within_45_working_days"

    def measure(
        self,
        histories: Sequence[CaseHistory],
        period: Period | str,
        bank_holidays: Iterable[dt.date] = (),
    ) -> Proportion | None:
        """Compute this indicator for ``period`` (holidays matter only to assessments)."""
        if self is KeyIndicator.ASSESSMENTS_WITHIN_45_WORKING_DAYS:
            return assessments_within_45_working_days(histories, period, bank_holidays)
        function: Callable[[Sequence[CaseHistory], Period | str], Proportion | None] = _MEASURES[
            self
        ]
        return function(histories, period)

    @classmethod
    def of(cls, value: KeyIndicator | str) -> KeyIndicator:
        """Return ``value`` as an indicator: a member, or its value (``"re_referrals"``).

        Raises:
            AssuranceError: If it is neither.
        """
        return member_of(cls, value, "indicator", AssuranceError)


_MEASURES: dict[
    KeyIndicator, Callable[[Sequence[CaseHistory], Period | str], Proportion | None]
] = {
    KeyIndicator.RE_REFERRALS: re_referrals,
    KeyIndicator.SECOND_OR_SUBSEQUENT_PLANS: second_or_subsequent_plans,
    KeyIndicator.PLANS_LASTING_TWO_YEARS: plans_lasting_two_years,
    KeyIndicator.PLANS_REVIEWED_WITHIN_TIMESCALES: plans_reviewed_within_timescales,
}


@attrs.frozen
class Trend:
    """One key indicator across periods, with the change since the period before the last.

    Attributes:
        indicator: The indicator.
        periods: The periods, in the order given.
        values: The indicator per period (``None`` where nothing was counted).
    """

    indicator: KeyIndicator
    periods: tuple[Period, ...]
    values: tuple[Proportion | None, ...]

    def _last_two(self) -> tuple[Proportion, Proportion] | None:
        if len(self.values) < 2:
            return None
        last, before = self.values[-1], self.values[-2]
        if last is None or before is None:
            return None
        return last, before

    @property
    def change(self) -> Fraction | None:
        """The last share minus the one before (``None`` if either is missing)."""
        pair = self._last_two()
        return None if pair is None else pair[0].share - pair[1].share

    def change_interval(self, confidence: float = 0.95) -> tuple[float, float] | None:
        """Newcombe's interval for :attr:`change` (``None`` if there is no change to bound).

        Raises:
            StatisticsError: If ``confidence`` is not strictly between 0 and 1.
        """
        pair = self._last_two()
        return None if pair is None else newcombe_interval(pair[0], pair[1], confidence)


def trend(
    indicator: KeyIndicator | str,
    histories: Sequence[CaseHistory],
    periods: Sequence[Period | str],
    bank_holidays: Iterable[dt.date] = (),
) -> Trend:
    """Compute ``indicator`` for each of ``periods``.

    Raises:
        AssuranceError: If the indicator, a period (at ``periods[i]``) or the histories
            are not valid.
    """
    indicator = KeyIndicator.of(indicator)
    if isinstance(periods, str) or not isinstance(periods, Sequence):
        raise AssuranceError("periods", f"expected a sequence of periods, got {got(periods)}")
    parsed = tuple(
        period if isinstance(period, Period) else Period.parse(period, f"periods[{index}]")
        for index, period in enumerate(periods)
    )
    holidays = _holidays(bank_holidays)
    found = _histories(histories)
    return Trend(
        indicator,
        parsed,
        tuple(indicator.measure(found, period, holidays) for period in parsed),
    )


def due_to_neglect(
    histories: Sequence[CaseHistory], basis: NeglectBasis | str
) -> tuple[CaseHistory, ...]:
    """Return the children "due to neglect" on ``basis`` (a ``NEG`` plan, a ``16A`` factor, either).

    A child counts if any of their plans (or assessments) names neglect, so an
    indicator computed on the result is its neglect cut.
    """
    basis = NeglectBasis.of(basis)

    def neglect(history: CaseHistory) -> bool:
        plan = any(plan.initial_category == NEGLECT_CATEGORY for plan in history.plans)
        factor = any(NEGLECT_FACTOR in assessment.factors for assessment in history.assessments)
        if basis is NeglectBasis.PLAN_CATEGORY:
            return plan
        if basis is NeglectBasis.ASSESSMENT_FACTOR:
            return factor
        return plan or factor

    return tuple(history for history in _histories(histories) if neglect(history))


def check_history_codes(
    histories: Sequence[CaseHistory], *, categories: CensusCodeList, factors: CensusCodeList
) -> None:
    """Refuse a plan category or assessment factor not on the year's lists, with its ``$`` path.

    Raises:
        AssuranceError: At the first unknown code (``$.histories[2].plans[0].initial_category``),
            naming the nearest valid code.
    """
    for argument, codes, kind in (
        ("categories", categories, CodeListKind.PLAN_CATEGORY),
        ("factors", factors, CodeListKind.ASSESSMENT_FACTOR),
    ):
        if not isinstance(codes, CensusCodeList) or codes.kind is not kind:
            raise AssuranceError(
                argument, f"expected a CensusCodeList of {kind.label}s, got {got(codes)}"
            )
    for index, history in enumerate(_histories(histories)):
        for number, plan in enumerate(history.plans):
            if plan.initial_category is not None:
                categories.check(
                    plan.initial_category, f"$.histories[{index}].plans[{number}].initial_category"
                )
        for number, assessment in enumerate(history.assessments):
            for position, code in enumerate(assessment.factors):
                factors.check(
                    code, f"$.histories[{index}].assessments[{number}].factors[{position}]"
                )

"""What the annual assurance report is built from, as one value a file can hold."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs
from attrs import validators as v

from neglect_protocol._logic._assurance import (
    AssuranceReport,
    PeriodRecords,
    build_assurance_report,
)
from neglect_protocol._logic._assurance_sections import Sections
from neglect_protocol._logic._census import NeglectBasis
from neglect_protocol._logic._key_indicators import KeyIndicator
from neglect_protocol._model._action_plan import ActionPlan
from neglect_protocol._model._audit import Criterion, JudgementScale
from neglect_protocol._model._binomial import check_confidence
from neglect_protocol._model._casework import CaseHistory
from neglect_protocol._model._checks import got
from neglect_protocol._model._disclosure import DisclosurePolicy
from neglect_protocol._model._moderation import ModerationSet
from neglect_protocol._model._periods import Period
from neglect_protocol._model._survey import Survey
from neglect_protocol.errors import AssuranceError, safe_repr


def _title(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise AssuranceError("title", f"expected non-empty text or None, got {safe_repr(value)}")


def _level(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise AssuranceError(
            "level_of_need", f"expected a level of need from 1 up (or None), got {safe_repr(value)}"
        )


def _ceiling(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, Fraction) or not 0 <= value <= 1):
        raise AssuranceError(
            "inadequate_ceiling",
            f"expected a Fraction from 0 to 1 (or None), got {safe_repr(value)}",
        )


def _confidence(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_confidence(value)


def _report_date(instance: ReportInput, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise AssuranceError("report_date", f"expected a date or None, got {safe_repr(value)}")
    if value is None and instance.action_plan is not None:
        raise AssuranceError(
            "report_date", "expected the date to measure the action plan on, got None"
        )


def _optional_tuple(kind: type, what: str) -> Any:
    """A validator: ``None``, or a tuple of ``kind`` (``what`` names it in the message)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if not isinstance(value, tuple):
            raise AssuranceError(
                attribute.name, f"expected a tuple, each item {what}, or None; got {got(value)}"
            )
        for index, item in enumerate(value):
            if not isinstance(item, kind) or (kind is dt.date and isinstance(item, dt.datetime)):
                raise AssuranceError(
                    f"{attribute.name}[{index}]", f"expected {what}, got {got(item)}"
                )

    return check


def _tuple_or_none(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen
class ReportInput:
    """Everything the annual assurance report is built from: one period, perhaps the one before.

    It is what the ``neglect-protocol report`` command reads (an ``assurance_input``
    document). Options left as ``None`` take the defaults of
    :func:`~neglect_protocol.assurance.build_assurance_report`. Responses and audits
    are checked against the survey and the judgement scale when the value is built,
    so a problem is reported where it sits (``current.responses[3].group``).

    Attributes:
        survey: The questionnaire the responses answer.
        current: The period reported on.
        previous: The period before, for change since then.
        title: The report's title.
        level_of_need: The level of need whose children the cohort headline is about.
        inadequate_ceiling: The most the share of files graded inadequate should be.
        confidence: The confidence level of intervals.
        scale: The audit judgement scale (Ofsted's four points when ``None``).
        disclosure: The disclosure policy for the tables (the DfE's when ``None``).
        action_plan: The case review's action plan, shown as progress on
            ``report_date``.
        report_date: The date the report is made up to; needed with ``action_plan``.
        neglect_basis: What "due to neglect" means (a ``NEG`` plan, a ``16A``
            factor, either): given, the report states the share of children due
            to neglect on this basis beside the primary need figures.
        key_indicator: The DfE key indicator whose trend the report shows; needs
            ``trend_periods`` and ``case_histories``.
        trend_periods: The periods of the trend, in order (``"2021-22 Q1"``).
        case_histories: The children's dated casework the indicator is counted on.
        bank_holidays: Days that are not working days, besides weekends (for
            assessments within 45 working days).
        moderation: Practitioners' grades of the same anonymised cases; given, the
            report shows how alike they graded.
        audit_criteria: The audit criteria, with their wording, whose share of
            files judged good or better the report shows.

    Raises:
        AssuranceError: If a response's group is not one of the survey's, an answer is
            not on its question's scale, or a respondent answers twice in one period.
        UnknownCodeError: If a response answers a question the survey lacks, or an
            audit's grade is not on the scale.
        AssuranceError: If the title or the ceiling is invalid.
        AssuranceError: If the level of need is not a whole number from 1.
        StatisticsError: If the confidence level is not between 0 and 1.
        AssuranceError: If an action plan is given without a report date.
        AssuranceError: If an audit criterion is judged in no audit of the period, or
            given twice.
        AssuranceError: If a key indicator is given without its periods and case
            histories (or they without it), or a period does not parse.

    >>> import datetime as dt
    >>> from neglect_protocol.assurance import PeriodRecords, ReportInput
    >>> from neglect_protocol.indicators import Cohort, ImplementationMeasures
    >>> from neglect_protocol.survey import Question, Survey, SurveyResponse
    >>> survey = Survey("Invented", (Question("q1", "Invented?"),), ("family",))
    >>> period = PeriodRecords("2023-24", (), (SurveyResponse("R-1", "parent", {"q1": "yes"}),),
    ...                        Cohort(()), ImplementationMeasures(1, 10, 5))
    >>> ReportInput(survey, period)
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.AssuranceError: current.responses[0].group: expected a group of ...
    """

    survey: Survey = attrs.field(validator=v.instance_of(Survey))
    current: PeriodRecords = attrs.field(validator=v.instance_of(PeriodRecords))
    previous: PeriodRecords | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PeriodRecords))
    )
    title: str | None = attrs.field(default=None, validator=_title)
    level_of_need: int | None = attrs.field(default=None, validator=_level)
    inadequate_ceiling: Fraction | None = attrs.field(default=None, validator=_ceiling)
    confidence: float | None = attrs.field(default=None, validator=_confidence)
    scale: JudgementScale | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(JudgementScale))
    )
    disclosure: DisclosurePolicy | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(DisclosurePolicy))
    )
    action_plan: ActionPlan | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(ActionPlan))
    )
    report_date: dt.date | None = attrs.field(default=None, validator=_report_date)
    neglect_basis: NeglectBasis | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(NeglectBasis))
    )
    key_indicator: KeyIndicator | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(KeyIndicator))
    )
    trend_periods: tuple[str, ...] | None = attrs.field(
        default=None, converter=_tuple_or_none, validator=_optional_tuple(str, "a period label")
    )
    case_histories: tuple[CaseHistory, ...] | None = attrs.field(
        default=None,
        converter=_tuple_or_none,
        validator=_optional_tuple(CaseHistory, "a CaseHistory"),
    )
    bank_holidays: tuple[dt.date, ...] | None = attrs.field(
        default=None, converter=_tuple_or_none, validator=_optional_tuple(dt.date, "a date")
    )
    moderation: ModerationSet | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(ModerationSet))
    )
    audit_criteria: tuple[Criterion, ...] | None = attrs.field(
        default=None, converter=_tuple_or_none, validator=_optional_tuple(Criterion, "a Criterion")
    )

    def __attrs_post_init__(self) -> None:
        # Imported here, as the shipped data is read by the converter, which reads this
        # class too: the one import circle left (see pyproject's acyclic contract).
        from neglect_protocol._boundary._builtin import builtin_judgement_scale

        scale = builtin_judgement_scale() if self.scale is None else self.scale
        self._check_sections()
        for name in ("current", "previous"):
            period: PeriodRecords | None = getattr(self, name)
            if period is None:
                continue
            respondents: set[str] = set()
            for index, response in enumerate(period.responses):
                field = f"{name}.responses[{index}]"
                self.survey.check_response(response, field=field)
                if response.respondent in respondents:
                    raise AssuranceError(
                        f"{field}.respondent",
                        f"expected each respondent once, got {got(response.respondent)} again",
                    )
                respondents.add(response.respondent)
            for index, audit in enumerate(period.audits):
                scale.judgement(audit.grade, field=f"{name}.audits[{index}].grade")

    def _check_sections(self) -> None:
        trend = {
            "key_indicator": self.key_indicator,
            "trend_periods": self.trend_periods,
            "case_histories": self.case_histories,
        }
        given = [name for name, value in trend.items() if value is not None]
        if given and len(given) < len(trend):
            missing = next(name for name, value in trend.items() if value is None)
            raise AssuranceError(missing, f"expected it with {' and '.join(given)}, got None")
        if self.bank_holidays is not None and self.key_indicator is None:
            raise AssuranceError("key_indicator", "expected it with bank_holidays, got None")
        if self.trend_periods is not None:
            if not self.trend_periods:
                raise AssuranceError("trend_periods", "expected at least one period, got none")
            for index, label in enumerate(self.trend_periods):
                Period.parse(label, f"trend_periods[{index}]")
        if self.audit_criteria is not None:
            judged = {code for audit in self.current.audits for code in audit.criteria}
            seen: set[str] = set()
            for index, criterion in enumerate(self.audit_criteria):
                field = f"audit_criteria[{index}].code"
                if criterion.code in seen:
                    raise AssuranceError(
                        field, f"expected each criterion once, got {got(criterion.code)} again"
                    )
                seen.add(criterion.code)
                if self.current.audits and criterion.code not in judged:
                    raise AssuranceError(
                        field,
                        "expected a criterion judged in an audit of the period, got "
                        f"{got(criterion.code)}",
                    )

    def build(self) -> AssuranceReport:
        """Build the report, with the options that were given.

        Returns:
            The report, ready for :func:`~neglect_protocol.assurance.render_markdown`.
        """
        from neglect_protocol._boundary._builtin import (
            builtin_assessment_factors,
            builtin_disclosure_policy,
            builtin_judgement_scale,
            builtin_plan_categories,
        )

        options: dict[str, Any] = {
            name: value
            for name, value in (
                ("title", self.title),
                ("level_of_need", self.level_of_need),
                ("inadequate_ceiling", self.inadequate_ceiling),
                ("confidence", self.confidence),
                ("action_plan", self.action_plan),
                ("as_of", self.report_date),
            )
            if value is not None
        }
        return build_assurance_report(
            self.current,
            survey=self.survey,
            previous=self.previous,
            scale=builtin_judgement_scale() if self.scale is None else self.scale,
            policy=builtin_disclosure_policy() if self.disclosure is None else self.disclosure,
            sections=Sections(
                neglect_basis=self.neglect_basis,
                categories=builtin_plan_categories(),
                factors=builtin_assessment_factors(),
                key_indicator=self.key_indicator,
                periods=self.trend_periods or (),
                case_histories=self.case_histories,
                bank_holidays=self.bank_holidays or (),
                moderation=self.moderation,
                criteria=self.audit_criteria,
            ),
            **options,
        )

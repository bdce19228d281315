"""The annual assurance report: a period's figures, worded and made safe to publish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from attrs import validators as v

from neglect_protocol._logic._action_plan import PlanProgress, plan_progress
from neglect_protocol._logic._assurance_cohort import (
    gloss,
    in_care_headline,
    level_headline,
    need_changes,
)
from neglect_protocol._logic._assurance_sections import (
    CriterionShare,
    IndicatorTrend,
    NeglectCut,
    Sections,
    criterion_headline,
    moderation_headline,
    neglect_headline,
    optional_sections,
    trend_headline,
)
from neglect_protocol._logic._audit_summary import AuditSummary, summarise_audits
from neglect_protocol._logic._breakdowns import (
    Cohort,
    Dimension,
    category_label,
    cross_tabulate,
)
from neglect_protocol._logic._change import Change
from neglect_protocol._logic._disclosure import apply_disclosure, tabulate
from neglect_protocol._logic._phrasing import describe
from neglect_protocol._logic._survey import SurveyMetrics, survey_metrics
from neglect_protocol._model._action_plan import ActionPlan
from neglect_protocol._model._audit import CaseFileAudit, JudgementScale
from neglect_protocol._model._checks import got
from neglect_protocol._model._cohort import CensusAgeBand, ImplementationMeasures
from neglect_protocol._model._disclosure import DisclosedTable, DisclosurePolicy, Missing
from neglect_protocol._model._moderation import ModerationSummary
from neglect_protocol._model._phrase import Phrase
from neglect_protocol._model._proportion import Proportion
from neglect_protocol._model._survey import Survey, SurveyResponse
from neglect_protocol.errors import AssuranceError, InvalidArgumentError, SuppressedValueError


def _label(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AssuranceError(attribute.name, f"expected non-empty text, got {got(value)}")


def _as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class PeriodRecords:
    """Everything recorded in one reporting period, as the report's input.

    Attributes:
        label: How the period is named in the report (``"2021-22"``).
        audits: The case-file audits completed in the period.
        responses: The survey responses received in the period.
        cohort: The children in the dataset at the period's census date.
        implementation: Training and use of the GCP2 in the period.
    """

    label: str = attrs.field(validator=_label)
    audits: tuple[CaseFileAudit, ...] = attrs.field(converter=_as_tuple)
    responses: tuple[SurveyResponse, ...] = attrs.field(converter=_as_tuple)
    cohort: Cohort = attrs.field(validator=v.instance_of(Cohort))
    implementation: ImplementationMeasures = attrs.field(
        validator=v.instance_of(ImplementationMeasures)
    )


@attrs.frozen
class Headline:
    """One headline finding: a sentence, and the phrased figures in it.

    Attributes:
        topic: What the finding is about (``"Case-file audits"``).
        text: The finding as one or more full sentences.
        phrases: The phrased shares the sentence uses, for checking against the counts.
    """

    topic: str
    text: str
    phrases: tuple[Phrase, ...] = ()


@attrs.frozen
class ReportTable:
    """A table of counts for the report, after disclosure control.

    Attributes:
        section: Which part of the report the table belongs to: ``"implementation"``,
            ``"audits"`` or ``"cohort"``.
        title: The table's caption.
        rows: What the rows are (``"Primary need"``).
        columns: What the columns are (``"Age band"``).
        table: The counts with totals, small counts hidden by the policy.
        row_shares: For each row, the share of the grand total as shown (a
            percentage from unrounded counts, or the suppression symbol); empty if
            the table shows no shares.
        controlled: Whether the table is under disclosure control. Tables of
            counts about children are; tables counting case files audited and
            auditors' comments are shown in full.
    """

    section: str
    title: str
    rows: str
    columns: str
    table: DisclosedTable
    row_shares: tuple[str, ...] = ()
    controlled: bool = True


@attrs.frozen
class ChangeLine:
    """One measure compared with the previous period.

    Attributes:
        measure: What is compared.
        change: The two shares, their difference and its interval.
    """

    measure: str
    change: Change


@attrs.frozen
class AssuranceReport:
    """A period's figures for the partnership board, ready to render.

    Build one with :func:`~neglect_protocol.assurance.build_assurance_report`;
    render it with :func:`~neglect_protocol.assurance.render_markdown` or
    :func:`~neglect_protocol.assurance.render_html`.

    Attributes:
        title: The report's title.
        period: The label of the period reported on.
        previous_period: The label of the period compared with, if any.
        headlines: The headline findings, in plain English.
        audits: The audit summary (``None`` if no files were audited).
        survey: The questionnaire.
        survey_metrics: The survey's metrics for the period.
        implementation: Training and use of the GCP2 in the period.
        previous_implementation: The same for the previous period, if any.
        tables: The tables of counts, after disclosure control.
        changes: Shares compared with the previous period.
        policy: The disclosure policy applied.
        level_of_need: The level of need whose children the cohort headline is about.
        action_plan: Progress on the case review's action plan on the report's
            date, if a plan was given.
        neglect: Children due to neglect on a stated basis, if a basis was given.
        indicator_trend: A key indicator across periods, if case histories were given.
        moderation: How alike practitioners graded the same cases, if they did.
        criteria: Files judged good or better per audit criterion, if criteria
            were given.
    """

    title: str
    period: str
    previous_period: str | None
    headlines: tuple[Headline, ...]
    audits: AuditSummary | None
    survey: Survey = attrs.field(repr=False)
    survey_metrics: SurveyMetrics = attrs.field(repr=False)
    implementation: ImplementationMeasures
    previous_implementation: ImplementationMeasures | None
    tables: tuple[ReportTable, ...] = attrs.field(repr=False)
    changes: tuple[ChangeLine, ...] = attrs.field(repr=False)
    policy: DisclosurePolicy = attrs.field(repr=False)
    level_of_need: int
    action_plan: PlanProgress | None = attrs.field(default=None, repr=False)
    neglect: NeglectCut | None = attrs.field(default=None, repr=False)
    indicator_trend: IndicatorTrend | None = attrs.field(default=None, repr=False)
    moderation: ModerationSummary | None = attrs.field(default=None, repr=False)
    criteria: tuple[CriterionShare, ...] | None = attrs.field(default=None, repr=False)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number:,} {singular if number == 1 else (plural or singular + 's')}"


def _were(number: int) -> str:
    return "was" if number == 1 else "were"


def _implementation_headline(measures: ImplementationMeasures, period: str) -> Headline:
    text = (
        f"{_count(measures.champions_trained, 'champion')} trained in the GCP2, "
        f"{_count(measures.awareness_attendance, 'person', 'people')} at awareness training "
        f"and conferences, and {_count(measures.practitioners_trained, 'practitioner')} "
        "trained to use the tool."
    )
    share = measures.using_share
    if share is None:
        return Headline("Training and use of the GCP2", text)
    phrase = describe(share.complement)
    text += (
        f" {_count(measures.completed, 'GCP2')} {_were(measures.completed)} completed by "
        f"{_count(measures.practitioners_using, 'practitioner')}: "
        f"{measures.trained_not_using:,} of the {measures.practitioners_trained:,} "
        f"practitioners trained {gloss(phrase)} did not complete one in {period}."
    )
    return Headline("Training and use of the GCP2", text, (phrase,))


def _audit_headlines(summary: AuditSummary | None) -> list[Headline]:
    if summary is None:
        return [Headline("Case-file audits", "No case files were audited in the period.")]
    good = describe(summary.grades.good_or_better_share)
    good_labels = " or ".join(
        judgement.label.lower()
        for judgement in summary.scale
        if summary.scale.is_good_or_better(judgement)
    )
    inadequate = describe(summary.grades.inadequate_share)
    bad = inadequate.proportion.positive
    text = (
        f"{good.proportion.positive:,} of the {_count(summary.total, 'case file')} audited "
        f"{gloss(good)} {_were(good.proportion.positive)} graded {good_labels}; {bad:,} "
        f"{gloss(inadequate)} {_were(bad)} graded "
        f"{summary.scale[summary.scale.inadequate].label.lower()}"
    )
    ceiling = summary.inadequate_ceiling
    if ceiling is not None:
        limit = Proportion(ceiling.numerator, ceiling.denominator).percent(1).normalize()
        verdict = "within" if summary.within_ceiling else "above"
        text += f", {verdict} the ceiling of {limit:f}%"
    headlines = [Headline("Case-file audits", text + ".", (good, inadequate))]
    for theme, tally in summary.themes.items():
        phrase = describe(tally.positive_share)
        headlines.append(
            Headline(
                "Auditors' comments",
                f"Comments on {theme}: {tally} {gloss(phrase)}.",
                (phrase,),
            )
        )
    return headlines


def _survey_headlines(survey: Survey, metrics: SurveyMetrics) -> list[Headline]:
    if metrics.responses == 0:
        return [Headline("Survey of families and professionals", "No responses were received.")]
    headlines: list[Headline] = []
    for question in survey.questions:
        metric = metrics.questions[question.code]
        if metric.share is None:
            text = f"Nobody answered “{question.text}”."
            headlines.append(Headline("Survey of families and professionals", text))
            continue
        phrase = describe(metric.share)
        finding = (
            f"felt that {question.finding}"
            if question.finding is not None
            else f"answered “{question.text}” positively"
        )
        text = (
            f"{metric.share.positive:,} of the {metric.n:,} who answered {gloss(phrase)} {finding}."
        )
        headlines.append(Headline("Survey of families and professionals", text, (phrase,)))
    return headlines


def _shares(table: DisclosedTable) -> tuple[str, ...]:
    shown: list[str] = []
    for row in range(len(table.row_labels)):
        try:
            shown.append(f"{table.percent(row, len(table.column_labels), of='column')}%")
        except SuppressedValueError:
            shown.append(table.policy.suppressed)
    return tuple(shown)


def _cohort_table(
    title: str, children: Cohort, policy: DisclosurePolicy, *, in_care: bool = False
) -> ReportTable | None:
    """Children by primary need and age band, after disclosure control (``None`` if none).

    In a table of children in care, an unborn child cannot be in care: the unborn
    column's zeros are shown as not applicable.
    """
    if not children.records:
        return None
    crosstab = children.cross_tabulate(Dimension.PRIMARY_NEED, Dimension.AGE_BAND)
    counts: list[list[int | Missing]] = [
        [
            Missing.NOT_APPLICABLE
            if in_care and band is CensusAgeBand.UNBORN and count == 0
            else count
            for band, count in zip(crosstab.column_keys, row, strict=True)
        ]
        for row in crosstab.counts
    ]
    table = apply_disclosure(
        counts,
        policy,
        row_labels=[category_label(key) for key in crosstab.row_keys],
        column_labels=[category_label(key) for key in crosstab.column_keys],
    )
    return ReportTable(
        "cohort",
        title,
        Dimension.PRIMARY_NEED.label,
        Dimension.AGE_BAND.label,
        table,
        _shares(table),
    )


def _completions_table(measures: ImplementationMeasures, policy: DisclosurePolicy) -> ReportTable:
    crosstab = cross_tabulate(measures.completions, Dimension.AGENCY, Dimension.LEVEL_OF_NEED)
    table = apply_disclosure(
        crosstab.counts,
        policy,
        row_labels=[category_label(key) for key in crosstab.row_keys],
        column_labels=[category_label(key) for key in crosstab.column_keys],
    )
    return ReportTable(
        "implementation",
        "GCP2s completed, by agency and level of need",
        crosstab.rows.label,
        crosstab.columns.label,
        table,
    )


def _audit_tables(audits: AuditSummary, policy: DisclosurePolicy) -> list[ReportTable]:
    """Audits by team and grade, and comments by theme, every count shown.

    They count case files audited and auditors' comments, not children, so they
    are outside disclosure control (the report's notes say so).
    """
    by_team = tabulate(
        [list(counts.counts.values()) for counts in audits.by_team.values()],
        policy,
        row_labels=list(audits.by_team),
        column_labels=[judgement.label for judgement in audits.scale],
    )
    tables = [
        ReportTable(
            "audits", "Case files audited, by team and grade", "Team", "Grade", by_team, (), False
        )
    ]
    if audits.themes:
        themes = tabulate(
            [[tally.positive, tally.negative] for tally in audits.themes.values()],
            policy,
            row_labels=list(audits.themes),
            column_labels=["Positive", "Negative"],
        )
        tables.append(
            ReportTable(
                "audits", "Auditors' comments, by theme", "Theme", "Comment", themes, (), False
            )
        )
    return tables


def _changes(
    audits: AuditSummary | None, metrics: SurveyMetrics, survey: Survey
) -> list[ChangeLine]:
    lines: list[ChangeLine] = []
    if audits is not None:
        if audits.good_or_better_change is not None:
            lines.append(ChangeLine("Files graded good or better", audits.good_or_better_change))
        if audits.inadequate_change is not None:
            lines.append(ChangeLine("Files graded inadequate", audits.inadequate_change))
        for theme, change in audits.theme_changes.items():
            lines.append(ChangeLine(f"Positive comments on {theme}", change))
    for question in survey.questions:
        moved = metrics.questions[question.code].change
        if moved is not None:
            measure = question.finding or question.text
            lines.append(ChangeLine(f"Survey: {measure}", moved))
    return lines


def build_assurance_report(
    current: PeriodRecords,
    *,
    survey: Survey,
    previous: PeriodRecords | None = None,
    scale: JudgementScale,
    policy: DisclosurePolicy,
    level_of_need: int = 4,
    inadequate_ceiling: Fraction | Decimal | int | None = None,
    title: str = "Neglect: annual assurance report",
    confidence: float = 0.95,
    action_plan: ActionPlan | None = None,
    as_of: dt.date | None = None,
    sections: Sections | None = None,
) -> AssuranceReport:
    """Work out a period's figures for the annual assurance report, on ``scale`` and ``policy``.

    The public :func:`neglect_protocol.assurance.build_assurance_report` documents
    the behaviour; it chooses the default scale and policy and calls this.
    """
    progress = None
    if action_plan is not None:
        if as_of is None:
            raise InvalidArgumentError(
                "as_of", "expected the report's date to measure the action plan on, got None"
            )
        progress = plan_progress(action_plan, as_of)
    before = previous.audits if previous is not None and previous.audits else None
    audits = (
        summarise_audits(
            current.audits,
            scale=scale,
            inadequate_ceiling=inadequate_ceiling,
            previous=before,
            confidence=confidence,
        )
        if current.audits
        else None
    )
    metrics = survey_metrics(
        survey,
        current.responses,
        previous=None if previous is None else previous.responses,
        confidence=confidence,
    )
    level_title = f"Children at level {level_of_need}, by primary need and age band"
    at_level = _cohort_table(level_title, current.cohort.where(level_of_need=level_of_need), policy)
    in_care = _cohort_table(
        "Children in care, by primary need and age band",
        current.cohort.where(looked_after=True),
        policy,
        in_care=True,
    )
    given = Sections() if sections is None else sections
    extra = optional_sections(
        current.cohort, current.audits, given, scale, policy, level_of_need, confidence
    )
    headlines = [
        _implementation_headline(current.implementation, current.label),
        *_audit_headlines(audits),
        *_survey_headlines(survey, metrics),
        *_cohort_headlines(at_level, in_care, level_of_need),
        *_section_headlines(**extra),
        *(() if progress is None else (action_plan_headline(progress),)),
    ]
    tables = [*(_audit_tables(audits, policy) if audits is not None else ())]
    tables += [table for table in (at_level, in_care) if table is not None]
    if current.implementation.completions:
        tables.append(_completions_table(current.implementation, policy))
    changes = _changes(audits, metrics, survey)
    if previous is not None and at_level is not None:
        earlier = _cohort_table(
            level_title, previous.cohort.where(level_of_need=level_of_need), policy
        )
        if earlier is not None:
            changes += [
                ChangeLine(measure, change)
                for measure, change in need_changes(
                    at_level.table,
                    earlier.table,
                    level_of_need,
                    lambda now, then: Change(now, then, confidence),
                )
            ]
    return AssuranceReport(
        title=title,
        period=current.label,
        previous_period=None if previous is None else previous.label,
        headlines=tuple(headlines),
        audits=audits,
        survey=survey,
        survey_metrics=metrics,
        implementation=current.implementation,
        previous_implementation=None if previous is None else previous.implementation,
        tables=tuple(tables),
        changes=tuple(changes),
        policy=policy,
        level_of_need=level_of_need,
        action_plan=progress,
        **extra,
    )


def _section_headlines(
    neglect: NeglectCut | None = None,
    indicator_trend: IndicatorTrend | None = None,
    moderation: ModerationSummary | None = None,
    criteria: tuple[CriterionShare, ...] | None = None,
) -> list[Headline]:
    headlines: list[Headline] = []
    if criteria:
        headlines.append(Headline("Case-file audits", *criterion_headline(criteria)))
    if neglect is not None:
        headlines.append(Headline("Children known to services", *neglect_headline(neglect)))
    if indicator_trend is not None:
        headlines.append(Headline("Key indicators", *trend_headline(indicator_trend)))
    if moderation is not None:
        headlines.append(Headline("Moderation", moderation_headline(moderation)))
    return headlines


def long_date(day: dt.date) -> str:
    """A date as a board paper writes it (``16 June 2022``)."""
    return f"{day.day} {day:%B %Y}"


def action_plan_headline(progress: PlanProgress) -> Headline:
    """The action plan's progress on the report's date, in one sentence of counts."""
    overall = progress.overall
    text = (
        f"Action plan: {overall.total - overall.open:,} of the {_count(overall.total, 'action')} "
        f"answering {_count(len(progress.plan.recommendations), 'recommendation')} "
        f"{_were(len(overall.complete))} complete on {long_date(progress.as_of)}; "
        f"{len(overall.overdue):,} {_were(len(overall.overdue))} overdue and "
        f"{len(overall.concerns):,} rated at risk or off track."
    )
    return Headline("Action plan", text)


def _cohort_headlines(
    at_level: ReportTable | None, in_care: ReportTable | None, level: int
) -> list[Headline]:
    topic = "Children known to services"
    if at_level is None:
        headlines = [Headline(topic, f"No children were recorded at level {level}.")]
    else:
        headlines = [Headline(topic, *level_headline(at_level.table, level))]
    if in_care is not None:
        headlines.append(Headline(topic, *in_care_headline(in_care.table)))
    return headlines

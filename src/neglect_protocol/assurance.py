"""The annual assurance report to the partnership board, as Markdown and HTML.

:func:`build_assurance_report` takes a period's audits, survey responses, cohort
and implementation figures (and optionally the previous period's) and works out
the headline figures, worded so that none overstates its share, and tables of
counts after disclosure control. :func:`render_markdown` and :func:`render_html`
render it; :func:`write_assurance_report` writes both files. Given the data, the
report adds children due to neglect on a stated basis (:class:`NeglectCut`), a key
indicator's trend (:class:`IndicatorTrend`), moderation of GCP2 grading and the
share of files good or better per audit criterion (:class:`CriterionShare`). A :class:`ReportInput`
holds everything a report is built from, as one value that a file can hold (the
``neglect-protocol report`` command reads one).
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

# A report holds audit summaries, survey metrics and published tables: the public
# modules of those classes attach their notebook views and rows, so they are
# imported with this one, and every table in a report shows in a notebook.
import neglect_protocol.audit
import neglect_protocol.disclosure
import neglect_protocol.survey  # noqa: F401
from neglect_protocol._api import publish_exports
from neglect_protocol._boundary._assurance_render import (
    render_html,
    render_markdown,
    write_assurance_report,
)
from neglect_protocol._boundary._builtin import (
    builtin_assessment_factors,
    builtin_disclosure_policy,
    builtin_judgement_scale,
    builtin_plan_categories,
)
from neglect_protocol._boundary._report_input import ReportInput
from neglect_protocol._logic import _assurance
from neglect_protocol._logic._assurance import (
    AssuranceReport,
    ChangeLine,
    Headline,
    PeriodRecords,
    ReportTable,
)
from neglect_protocol._logic._assurance_sections import (
    CriterionShare,
    IndicatorTrend,
    NeglectCut,
    Sections,
)
from neglect_protocol._logic._census import NeglectBasis
from neglect_protocol._logic._key_indicators import KeyIndicator
from neglect_protocol._model._action_plan import ActionPlan
from neglect_protocol._model._audit import Criterion, JudgementScale
from neglect_protocol._model._casework import CaseHistory
from neglect_protocol._model._disclosure import DisclosurePolicy
from neglect_protocol._model._moderation import ModerationSet
from neglect_protocol._model._survey import Survey

__all__ = [
    "AssuranceReport",
    "ChangeLine",
    "CriterionShare",
    "Headline",
    "IndicatorTrend",
    "NeglectCut",
    "PeriodRecords",
    "ReportInput",
    "ReportTable",
    "build_assurance_report",
    "render_html",
    "render_markdown",
    "write_assurance_report",
]


def build_assurance_report(
    current: PeriodRecords,
    *,
    survey: Survey,
    previous: PeriodRecords | None = None,
    scale: JudgementScale | None = None,
    policy: DisclosurePolicy | None = None,
    level_of_need: int = 4,
    inadequate_ceiling: Fraction | Decimal | int | None = None,
    title: str = "Neglect: annual assurance report",
    confidence: float = 0.95,
    action_plan: ActionPlan | None = None,
    as_of: dt.date | None = None,
    neglect_basis: NeglectBasis | str | None = None,
    key_indicator: KeyIndicator | str | None = None,
    trend_periods: Sequence[str] = (),
    case_histories: Sequence[CaseHistory] | None = None,
    bank_holidays: Sequence[dt.date] = (),
    moderation: ModerationSet | None = None,
    audit_criteria: Sequence[Criterion] | None = None,
) -> AssuranceReport:
    """Work out a period's figures for the partnership board's annual assurance report.

    Headline figures are worded by :func:`~neglect_protocol.reporting.describe`, so
    no phrase overstates its share; figures about children in the cohort also go
    through the disclosure ``policy``, and a figure it would hide is withheld rather
    than phrased. Tables of counts (audits by team, comments by theme, children by
    primary need and age band, GCP2s by agency and level) go through
    :func:`~neglect_protocol.disclosure.apply_disclosure`. Given the previous
    period, each share is compared with it (with Newcombe's interval).

    Args:
        current: The period reported on.
        survey: The questionnaire the responses answer.
        previous: The period before, for change since then.
        scale: The audit judgement scale (Ofsted's four points by default).
        policy: The disclosure policy (the DfE's by default).
        level_of_need: The level of need whose children's primary needs are
            headlined (4, children's social care, by default; local policy).
        inadequate_ceiling: The most the share of files graded inadequate should be.
        title: The report's title.
        confidence: The confidence level of intervals.
        action_plan: The case review's action plan, whose progress on ``as_of`` the
            report shows (section "Action plan progress"); evidence of impact is
            left out of the report, which says only whether it is recorded.
        as_of: The report's date, needed with ``action_plan``.
        neglect_basis: What "due to neglect" means (``"plan_category"``: a plan
            whose initial category is ``NEG``; ``"assessment_factor"``: factor
            ``16A``; ``"either"``). Given, the report states the share of children
            at ``level_of_need`` and in care due to neglect on that basis (section
            "Due to neglect"), from the built-in census code lists.
        key_indicator: A DfE key indicator (``"re_referrals"`` …) whose trend over
            ``trend_periods``, counted on ``case_histories``, the report shows with
            the change since the period before (section "Key indicator").
        trend_periods: The periods of the trend, in order (``"2021-22 Q1"``).
        case_histories: The children's dated casework.
        bank_holidays: Days that are not working days, besides weekends.
        moderation: Practitioners' grades of the same anonymised cases (section
            "Moderation": Krippendorff's alpha and Fleiss' kappa, by sub-area).
        audit_criteria: Audit criteria whose share of files judged good or better
            the report shows (section "Case-file audits"), in this order.

    Returns:
        The report, ready for :func:`~neglect_protocol.assurance.render_markdown`
        and :func:`~neglect_protocol.assurance.render_html`.

    Raises:
        AssuranceError: If an audit, the ceiling or a period label is invalid.
        AssuranceError: If a response does not fit the survey.
        UnknownCodeError: If an audit's grade is not on ``scale``.
        InvalidArgumentError: If ``action_plan`` is given without a date ``as_of``.
        AssuranceError: If ``neglect_basis`` or ``key_indicator`` is not one, a period
            does not parse, or a census code is not on the built-in lists.
    """
    # The defaults are resolved here, in the public module, and passed down.
    return _assurance.build_assurance_report(
        current,
        survey=survey,
        previous=previous,
        scale=builtin_judgement_scale() if scale is None else scale,
        policy=builtin_disclosure_policy() if policy is None else policy,
        level_of_need=level_of_need,
        inadequate_ceiling=inadequate_ceiling,
        title=title,
        confidence=confidence,
        action_plan=action_plan,
        as_of=as_of,
        sections=Sections(
            neglect_basis=None if neglect_basis is None else NeglectBasis.of(neglect_basis),
            categories=builtin_plan_categories(),
            factors=builtin_assessment_factors(),
            key_indicator=None if key_indicator is None else KeyIndicator.of(key_indicator),
            periods=tuple(trend_periods),
            case_histories=None if case_histories is None else tuple(case_histories),
            bank_holidays=tuple(bank_holidays),
            moderation=moderation,
            criteria=None if audit_criteria is None else tuple(audit_criteria),
        ),
    )


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__

"""Case-file audits: the judgement scale, audit tools with limiting judgements, summaries.

Partnerships grade case files on Ofsted's scale and tell their board the share
graded good or better, the share inadequate and how auditors' comments fall by
theme ("50 of 62 positive about engaging children"); with an audit tool's
criteria judged on each file, :func:`criterion_shares` gives the share good or
better per criterion ("over two thirds of interventions based on good quality
assessments").

>>> from neglect_protocol.audit import OFSTED_FOUR_POINT
>>> [judgement.label for judgement in OFSTED_FOUR_POINT]
['Outstanding', 'Good', 'Requires improvement to be good', 'Inadequate']
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

from neglect_protocol._api import attach_views, publish_exports
from neglect_protocol._boundary._builtin import builtin_judgement_scale
from neglect_protocol._boundary._kinds import JUDGEMENT_SCALE_SCHEMA_VERSION
from neglect_protocol._boundary._loaders import (
    judgement_scale_from_document,
    load_judgement_scale,
)
from neglect_protocol._boundary._metric_html import audit_summary_html
from neglect_protocol._boundary._metric_records import audit_summary_records
from neglect_protocol._logic import _audit_summary
from neglect_protocol._logic._audit_summary import AuditSummary, GradeCounts, ThemeTally
from neglect_protocol._logic._audit_tool import (
    AuditGrading,
    AuditTool,
    JudgementRule,
    median_judgement,
    worst_judgement,
)
from neglect_protocol._model._audit import (
    AuditComment,
    CaseFileAudit,
    Criterion,
    Judgement,
    JudgementScale,
    Polarity,
)
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._proportion import Proportion

__all__ = [
    "JUDGEMENT_SCALE_SCHEMA_VERSION",
    "OFSTED_FOUR_POINT",
    "AuditComment",
    "AuditGrading",
    "AuditSummary",
    "AuditTool",
    "CaseFileAudit",
    "Criterion",
    "GradeCounts",
    "Judgement",
    "JudgementRule",
    "JudgementScale",
    "Polarity",
    "ThemeTally",
    "criterion_shares",
    "judgement_scale_from_document",
    "load_judgement_scale",
    "median_judgement",
    "summarise_audits",
    "worst_judgement",
]

OFSTED_FOUR_POINT: JudgementScale = builtin_judgement_scale()
"""Ofsted's four-point scale (outstanding, good, requires improvement to be good, inadequate)."""


def summarise_audits(
    audits: Iterable[CaseFileAudit],
    *,
    scale: JudgementScale | None = None,
    inadequate_ceiling: Fraction | Decimal | int | None = None,
    previous: Iterable[CaseFileAudit] | None = None,
    confidence: float = 0.95,
) -> AuditSummary:
    """Summarise a period's case-file audits for the partnership board.

    Counts files by judgement, gives the shares good or better and inadequate
    (the latter against an optional ceiling), repeats the counts per team, tallies
    the auditors' comments per theme ("50 of 62 positive") and, given the previous
    period's audits, the change in each share with Newcombe's interval. The
    result does not depend on the order of the audits.

    Args:
        audits: This period's audits (at least one).
        scale: The judgement scale the files were graded on (Ofsted's four-point
            scale by default).
        inadequate_ceiling: The most the share inadequate should be, as an exact
            :class:`~fractions.Fraction` or :class:`~decimal.Decimal` from 0 to 1
            (or the whole number 0 or 1).
        previous: The previous period's audits, for change since then.
        confidence: The confidence level of the change intervals.

    Returns:
        The summary.

    Raises:
        AssuranceError: If there are no audits (this period, or a previous period that
            was given), an element is not a
            :class:`~neglect_protocol.audit.CaseFileAudit`, or the ceiling is not a
            fraction from 0 to 1.
        UnknownCodeError: If a file's grade is not on ``scale``.

    >>> import datetime as dt
    >>> from fractions import Fraction
    >>> from neglect_protocol.audit import OFSTED_FOUR_POINT as scale, CaseFileAudit
    >>> audits = [CaseFileAudit(f"F-{n}", team, dt.date(2022, 3, 1), scale[code])
    ...           for n, (team, code) in enumerate([("North", "good"), ("North", "outstanding"),
    ...                                             ("South", "requires_improvement")])]
    >>> from neglect_protocol.audit import summarise_audits
    >>> summary = summarise_audits(audits, inadequate_ceiling=Fraction(1, 10))
    >>> summary.grades.good_or_better_share.percent(), summary.within_ceiling
    (Decimal('67'), True)
    >>> dict(summary.grades.counts)
    {'outstanding': 1, 'good': 1, 'requires_improvement': 1, 'inadequate': 0}
    """
    # The default scale is resolved here, in the public module, and passed down.
    return _audit_summary.summarise_audits(
        audits,
        scale=builtin_judgement_scale() if scale is None else scale,
        inadequate_ceiling=inadequate_ceiling,
        previous=previous,
        confidence=confidence,
    )


def criterion_shares(
    audits: Iterable[CaseFileAudit],
    *,
    scale: JudgementScale | None = None,
    criteria: Sequence[str] | None = None,
) -> FrozenMap[str, Proportion]:
    """Give the share of files judged good or better on each audit criterion.

    Each file's judgement per criterion (:attr:`CaseFileAudit.criteria`) is
    counted: the base of a criterion is the files judged on it, so a file that
    was not judged on a criterion is in neither count. "Good or better" is the
    scale's (Ofsted's: outstanding or good). A board report's "over two thirds of
    interventions are based on good quality assessments" is the share for the
    criterion that judges the assessment.

    Args:
        audits: The period's audits (at least one).
        scale: The judgement scale the criteria were judged on (Ofsted's
            four-point scale by default).
        criteria: The criterion codes to give, in this order; by default every
            criterion judged in at least one file, in code order.

    Returns:
        A read-only mapping from criterion code to its :class:`~neglect_protocol.stats.Proportion`.

    Raises:
        AssuranceError: If there are no audits, an element is not a
            :class:`CaseFileAudit`, or a criterion asked for was judged in no file
            or is asked for twice.
        UnknownCodeError: If a judgement is not on ``scale``.

    >>> import datetime as dt
    >>> from neglect_protocol.audit import OFSTED_FOUR_POINT as scale, CaseFileAudit
    >>> from neglect_protocol.audit import criterion_shares
    >>> judged = ["good", "outstanding", "requires_improvement"]
    >>> audits = [CaseFileAudit(f"F-{n}", "North", dt.date(2022, 3, 1), scale["good"],
    ...                         criteria={"assessment": scale[code], "voice": scale["good"]})
    ...           for n, code in enumerate(judged)]
    >>> shares = criterion_shares(audits)
    >>> shares["assessment"], shares["assessment"].percent()
    (Proportion(positive=2, total=3), Decimal('67'))
    >>> list(criterion_shares(audits, criteria=["voice"]).items())
    [('voice', Proportion(positive=3, total=3))]
    """
    return _audit_summary.criterion_shares(
        audits,
        scale=builtin_judgement_scale() if scale is None else scale,
        criteria=criteria,
    )


publish_exports(globals())

attach_views(AuditSummary, html=audit_summary_html, records=audit_summary_records)


def __dir__() -> list[str]:
    return __all__

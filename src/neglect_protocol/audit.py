"""Case-file audits: the judgement scale, audit tools with limiting judgements, summaries.

Partnerships grade case files on Ofsted's scale and tell their board the share
graded good or better, the share inadequate and how auditors' comments fall by
theme ("50 of 62 positive about engaging children").

>>> from neglect_protocol.audit import OFSTED_FOUR_POINT
>>> [judgement.label for judgement in OFSTED_FOUR_POINT]
['Outstanding', 'Good', 'Requires improvement to be good', 'Inadequate']
"""

from neglect_protocol._api import publish
from neglect_protocol._boundary._builtin import builtin_judgement_scale
from neglect_protocol._boundary._kinds import JUDGEMENT_SCALE_SCHEMA_VERSION
from neglect_protocol._boundary._loaders import (
    judgement_scale_from_document,
    load_judgement_scale,
)
from neglect_protocol._logic._audit_summary import (
    AuditSummary,
    GradeCounts,
    ThemeTally,
    summarise_audits,
)
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
    "builtin_judgement_scale",
    "judgement_scale_from_document",
    "load_judgement_scale",
    "median_judgement",
    "summarise_audits",
    "worst_judgement",
]

OFSTED_FOUR_POINT: JudgementScale = builtin_judgement_scale()
"""Ofsted's four-point scale (outstanding, good, requires improvement to be good, inadequate)."""


publish(
    __name__,
    AuditComment,
    AuditGrading,
    AuditSummary,
    AuditTool,
    CaseFileAudit,
    Criterion,
    GradeCounts,
    Judgement,
    JudgementScale,
    Polarity,
    ThemeTally,
    builtin_judgement_scale,
    judgement_scale_from_document,
    load_judgement_scale,
    median_judgement,
    summarise_audits,
    worst_judgement,
)


def __dir__() -> list[str]:
    return __all__

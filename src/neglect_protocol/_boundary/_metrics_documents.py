"""The document types of the partnership's metrics: audits, surveys, the dataset, the report input.

Schema versions (all 1):

- ``judgement_scale``: the judgement scale file format of
  :func:`~neglect_protocol.audit.load_judgement_scale` (judgements best first, each
  a code and a label), plus an optional ``kind``;
- ``case_file_audit``: one audited file, its judgements written in full (rank,
  code and label) so that the record stands on its own;
- ``survey`` and ``survey_response``: a questionnaire, and one respondent's answers;
- ``cohort``: the children in the dataset at a census date;
- ``implementation_measures``: training and use of the GCP2 in a period;
- ``period_records``: a period's audits, responses, cohort and implementation figures;
- ``assurance_input``: what the annual assurance report is built from.
"""

from __future__ import annotations

import attrs

from neglect_protocol._boundary._documents import register_document, register_parts
from neglect_protocol._boundary._wire import (
    NONBLANK,
    OPEN_SHARE,
    OPTIONAL_NONBLANK,
    at_least,
    field_rules,
    optional,
)
from neglect_protocol._logic._assurance import PeriodRecords
from neglect_protocol._logic._indicators import Cohort, Dimension
from neglect_protocol._logic._report_input import ReportInput
from neglect_protocol._model._audit import (
    AuditComment,
    CaseFileAudit,
    Criterion,
    Judgement,
    JudgementScale,
    Polarity,
)
from neglect_protocol._model._indicators import (
    CensusAgeBand,
    CohortRecord,
    GCP2Completion,
    ImplementationMeasures,
    PrimaryNeed,
)
from neglect_protocol._model._survey import Question, ResponseScale, Survey, SurveyResponse

METRICS_SCHEMA_VERSION = 1

register_parts(
    Judgement,
    Polarity,
    AuditComment,
    Criterion,
    ResponseScale,
    Question,
    PrimaryNeed,
    CensusAgeBand,
    Dimension,
    CohortRecord,
    GCP2Completion,
)
field_rules(Judgement, rank=at_least(1), code=NONBLANK, label=NONBLANK)
field_rules(AuditComment, theme=NONBLANK)
field_rules(Criterion, code=NONBLANK, label=NONBLANK)
field_rules(CaseFileAudit, reference=NONBLANK, team=NONBLANK)
field_rules(ResponseScale, name=NONBLANK)
field_rules(Question, code=NONBLANK, text=NONBLANK, finding=OPTIONAL_NONBLANK)
field_rules(Survey, name=NONBLANK)
field_rules(SurveyResponse, respondent=NONBLANK, group=NONBLANK)
field_rules(CohortRecord, reference=NONBLANK, level_of_need=at_least(1))
field_rules(GCP2Completion, practitioner=NONBLANK, agency=NONBLANK, level_of_need=at_least(1))
field_rules(
    ImplementationMeasures,
    champions_trained=at_least(0),
    awareness_attendance=at_least(0),
    practitioners_trained=at_least(0),
)
field_rules(PeriodRecords, label=NONBLANK)
field_rules(
    ReportInput,
    title=OPTIONAL_NONBLANK,
    level_of_need=optional(at_least(1)),
    confidence=optional(OPEN_SHARE),
)


# --- Judgement scales: the scale file format ---


@attrs.frozen
class ScaleJudgement:
    """A judgement as a scale file lists it: its rank is its place in the list."""

    code: str
    label: str


@attrs.frozen
class JudgementScaleDocument:
    """A judgement scale as its file lays it out."""

    name: str
    version: str
    good_or_better: str
    inadequate: str
    judgements: tuple[ScaleJudgement, ...]


field_rules(ScaleJudgement, code=NONBLANK, label=NONBLANK)
field_rules(
    JudgementScaleDocument,
    name=NONBLANK,
    version=NONBLANK,
    good_or_better=NONBLANK,
    inadequate=NONBLANK,
)


def _scale_to_shape(scale: JudgementScale) -> JudgementScaleDocument:
    return JudgementScaleDocument(
        scale.name,
        scale.version,
        scale.good_or_better,
        scale.inadequate,
        tuple(ScaleJudgement(judgement.code, judgement.label) for judgement in scale),
    )


def _scale_from_shape(document: JudgementScaleDocument) -> JudgementScale:
    return JudgementScale.from_labels(
        document.name,
        document.version,
        [(judgement.code, judgement.label) for judgement in document.judgements],
        good_or_better=document.good_or_better,
        inadequate=document.inadequate,
    )


register_document(
    "judgement_scale",
    JudgementScale,
    version=METRICS_SCHEMA_VERSION,
    shape=JudgementScaleDocument,
    to_shape=_scale_to_shape,
    from_shape=_scale_from_shape,
)
register_document("case_file_audit", CaseFileAudit, version=METRICS_SCHEMA_VERSION)
register_document("survey", Survey, version=METRICS_SCHEMA_VERSION)
register_document("survey_response", SurveyResponse, version=METRICS_SCHEMA_VERSION)
register_document("cohort", Cohort, version=METRICS_SCHEMA_VERSION)
register_document("implementation_measures", ImplementationMeasures, version=METRICS_SCHEMA_VERSION)
register_document("period_records", PeriodRecords, version=METRICS_SCHEMA_VERSION)
register_document(
    "assurance_input",
    ReportInput,
    version=METRICS_SCHEMA_VERSION,
    # Options left to their defaults are left out, as a hand-written input would.
    omit_if_default=(ReportInput,),
)

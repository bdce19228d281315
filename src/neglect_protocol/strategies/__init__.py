"""Hypothesis strategies for the library's value types (extra ``hypothesis``).

A downstream project can test its integration with values the library would
accept, without writing generators of its own:

>>> from hypothesis import given
>>> from neglect_protocol import score
>>> from neglect_protocol.strategies import assessments
>>> @given(assessments())
... def test_every_assessment_scores(assessment):
...     assert score(assessment).instrument is assessment.instrument
>>> test_every_assessment_scores()

Importing this module imports Hypothesis; ``import neglect_protocol`` does not.
The strategies live in private modules by part (the values of one assessment,
escalation and screening, the partnership's figures, the table of types);
this module is their one public home.
"""

from __future__ import annotations

from neglect_protocol._api import publish_exports
from neglect_protocol.strategies._action_plan import action_plans, actions, recommendations
from neglect_protocol.strategies._escalation import (
    checklists,
    concern_histories,
    decisions,
    infant_histories,
    infant_profiles,
    policies,
    profile_histories,
    screening_decisions,
    screening_policies,
    screenings,
    threshold_rules,
)
from neglect_protocol.strategies._foundation import (
    age_bands,
    any_child_refs,
    assessments,
    assessments_with_evidence,
    catalogues,
    child_refs,
    free_text,
    grades,
    histories,
    observation_windows,
    profiles,
    references,
)
from neglect_protocol.strategies._metrics import (
    audit_comments,
    case_file_audits,
    clustered_cohorts,
    cohort_records,
    cohorts,
    count_tables,
    disclosure_policies,
    gcp2_completions,
    implementation_measures,
    judgement_scales,
    judgements,
    period_records,
    proportions,
    report_inputs,
    sparse_count_tables,
    survey_responses,
    surveys,
)
from neglect_protocol.strategies._types import register_type_strategies, type_strategies

__all__ = [
    "action_plans",
    "actions",
    "age_bands",
    "any_child_refs",
    "assessments",
    "assessments_with_evidence",
    "audit_comments",
    "case_file_audits",
    "catalogues",
    "checklists",
    "child_refs",
    "clustered_cohorts",
    "cohort_records",
    "cohorts",
    "concern_histories",
    "count_tables",
    "decisions",
    "disclosure_policies",
    "free_text",
    "gcp2_completions",
    "grades",
    "histories",
    "implementation_measures",
    "infant_histories",
    "infant_profiles",
    "judgement_scales",
    "judgements",
    "observation_windows",
    "period_records",
    "policies",
    "profile_histories",
    "profiles",
    "proportions",
    "recommendations",
    "references",
    "register_type_strategies",
    "report_inputs",
    "screening_decisions",
    "screening_policies",
    "screenings",
    "sparse_count_tables",
    "survey_responses",
    "surveys",
    "threshold_rules",
    "type_strategies",
]


def __dir__() -> list[str]:
    return __all__


publish_exports(globals())

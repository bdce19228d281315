"""The ``hypothesis`` entry point of this distribution.

Hypothesis calls :func:`register` while it is being imported, which may be in the
middle of importing :mod:`neglect_protocol.strategies` (that module imports
Hypothesis). So this module imports neither: it registers, for each public value
type, a function that fetches the strategy from :mod:`neglect_protocol.strategies`
the first time one is drawn.
"""

from __future__ import annotations

from typing import Any


def register() -> None:
    """Register a lazily built strategy for each public value type."""
    from hypothesis import strategies as st

    for cls in public_value_types():
        st.register_type_strategy(cls, _strategy_for)


def public_value_types() -> tuple[type, ...]:
    """The public value types that ``st.from_type`` can draw."""
    from neglect_protocol.assessment import (
        Assessment,
        Carer,
        ChildRef,
        ObservationWindow,
        Practitioner,
        Rating,
        TargetedItem,
    )
    from neglect_protocol.catalogue import AgeBand, Area, Catalogue, Item, SubArea
    from neglect_protocol.grades import Grade
    from neglect_protocol.profile import Profile, ProfileEntry

    return (
        *_escalation_and_metrics_types(),
        Grade,
        AgeBand,
        Area,
        SubArea,
        Item,
        Catalogue,
        ChildRef,
        Carer,
        Practitioner,
        ObservationWindow,
        Rating,
        TargetedItem,
        Assessment,
        Profile,
        ProfileEntry,
    )


def _escalation_and_metrics_types() -> tuple[type, ...]:
    """The value types of escalation, screening, audits, surveys, the dataset and the report."""
    from neglect_protocol.assurance import PeriodRecords, ReportInput
    from neglect_protocol.audit import (
        AuditComment,
        CaseFileAudit,
        Criterion,
        Judgement,
        JudgementScale,
        Polarity,
    )
    from neglect_protocol.disclosure import DisclosurePolicy, Missing, Suppression
    from neglect_protocol.escalation import (
        MODIFIER_KINDS,
        RULE_KINDS,
        Decision,
        LevelOfNeed,
        Override,
        Reason,
        ThresholdPolicy,
    )
    from neglect_protocol.indicators import (
        CensusAgeBand,
        Cohort,
        CohortRecord,
        Dimension,
        GCP2Completion,
        ImplementationMeasures,
        PrimaryNeed,
    )
    from neglect_protocol.screening import (
        OUTCOME_RULE_KINDS,
        Answer,
        Checklist,
        Domain,
        Screening,
        ScreeningDecision,
        ScreeningOutcome,
        ScreeningPolicy,
        ScreeningReason,
        Sign,
        SignAnswer,
    )
    from neglect_protocol.survey import Question, ResponseScale, Survey, SurveyResponse

    return (
        *RULE_KINDS.values(),
        *MODIFIER_KINDS.values(),
        LevelOfNeed,
        ThresholdPolicy,
        Reason,
        Decision,
        Override,
        *OUTCOME_RULE_KINDS.values(),
        Answer,
        ScreeningOutcome,
        Domain,
        Sign,
        Checklist,
        ScreeningPolicy,
        SignAnswer,
        Screening,
        ScreeningReason,
        ScreeningDecision,
        Judgement,
        JudgementScale,
        Polarity,
        AuditComment,
        Criterion,
        CaseFileAudit,
        ResponseScale,
        Question,
        Survey,
        SurveyResponse,
        PrimaryNeed,
        CensusAgeBand,
        Dimension,
        CohortRecord,
        Cohort,
        GCP2Completion,
        ImplementationMeasures,
        PeriodRecords,
        ReportInput,
        DisclosurePolicy,
        Suppression,
        Missing,
    )


def _strategy_for(cls: type) -> Any:
    from neglect_protocol.strategies import type_strategies

    return type_strategies()[cls]

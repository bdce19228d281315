"""The one table of public value types and the strategy ``st.from_type`` draws for each.

This is the only list of public value types in the strategies package; the
``hypothesis`` entry point, :func:`register_type_strategies` and the tests all
derive from it. Each row names a type and how to draw it; when the library gains
a single declaration of its document kinds, this table should be built from it.

The strategies are built once, on first use, and kept: a strategy rebuilt inside
every draw spends most of the draw being validated by Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

from neglect_protocol._boundary._report_input import ReportInput
from neglect_protocol._logic._assurance import PeriodRecords
from neglect_protocol._logic._breakdowns import Cohort, Dimension
from neglect_protocol._logic._score import score
from neglect_protocol._logic._screening_rules import OUTCOME_RULE_KINDS
from neglect_protocol._logic._threshold_rules import RULE_KINDS, AllOf, InfantStepUp
from neglect_protocol._model._action_plan import Action, ActionPlan, ActionStatus, Recommendation
from neglect_protocol._model._assessment import (
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
)
from neglect_protocol._model._audit import (
    AuditComment,
    CaseFileAudit,
    Criterion,
    Judgement,
    JudgementScale,
    Polarity,
)
from neglect_protocol._model._catalogue import AgeBand, Area, Catalogue, Item, Phase, SubArea
from neglect_protocol._model._census import CensusCode, CensusCodeList, CodeListKind
from neglect_protocol._model._cohort import (
    CensusAgeBand,
    CohortRecord,
    GCP2Completion,
    ImplementationMeasures,
    PrimaryNeed,
)
from neglect_protocol._model._decision import Decision, Override, Reason
from neglect_protocol._model._disclosure import DisclosurePolicy, Missing, Suppression
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._policy import LevelOfNeed, ThresholdPolicy
from neglect_protocol._model._profile import Profile, ProfileEntry
from neglect_protocol._model._screening import (
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
from neglect_protocol._model._survey import (
    AGREEMENT,
    YES_NO,
    Question,
    ResponseScale,
    Survey,
    SurveyResponse,
)
from neglect_protocol.catalogue import GCP2
from neglect_protocol.strategies import _action_plan as action_plan
from neglect_protocol.strategies import _escalation as escalation
from neglect_protocol.strategies import _foundation as foundation
from neglect_protocol.strategies import _metrics as metrics

_S = st.SearchStrategy[Any]

# Drawn catalogues for the parts of one (areas, items) are kept small: a part is
# all that is wanted, and a small catalogue draws several times faster.
_SMALL_CATALOGUES = foundation.catalogues(max_areas=2, max_sub_areas=2, max_items=1)
_GCP2_CODES = tuple(node.code for node in GCP2.walk())


@st.composite
def _with_drawn(draw: st.DrawFn, first: _S, then: Callable[..., Any]) -> Any:
    """What ``then`` draws given a value drawn from ``first`` (a flatmap building no strategy)."""
    return then(draw, draw(first))


@st.composite
def _part_of(draw: st.DrawFn, whole: _S, parts: Callable[[Any], Sequence[Any]]) -> Any:
    """One of the ``parts`` of a value drawn from ``whole``, picked by its position."""
    values = parts(draw(whole))
    return values[draw(foundation.between(0, len(values) - 1))]


@st.composite
def _targeted_items(draw: st.DrawFn) -> TargetedItem:
    current = draw(foundation.grades())
    return TargetedItem(
        draw(_GCP2_CODE),
        current,
        Grade(draw(foundation.between(1, current.value))),
        review_by=draw(_REVIEW_DAYS),
        grade_at_review=draw(_MAYBE_GRADE),
    )


@st.composite
def _profiles_of_any_catalogue(draw: st.DrawFn) -> Profile:
    catalogue = draw(_GCP2_OR_SMALL)
    return score(foundation.draw_assessments(draw, catalogue, max_ratings=6), catalogue=catalogue)


@st.composite
def _assessments_of_any_catalogue(draw: st.DrawFn) -> Assessment:
    catalogue = draw(_GCP2_OR_SMALL)
    return foundation.draw_assessments_with_evidence(draw, catalogue, max_ratings=4)


@st.composite
def _age_bands(draw: st.DrawFn) -> AgeBand:
    start = draw(foundation.between(0, 215))
    return AgeBand(start, draw(st.none() | foundation.between(start + 1, 216)))


# The parts of a catalogue, and the reasons of decisions, are built directly rather
# than picked from a drawn whole filtered for having one: a filter throws whole
# examples away, which made them slow to draw.
_GCP2_CODE = st.sampled_from(_GCP2_CODES)
_REVIEW_DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2041, 6, 30))
_MAYBE_GRADE = st.none() | foundation.grades()
_GCP2_OR_SMALL = st.just(GCP2) | _SMALL_CATALOGUES
_LETTER = st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ")
_SUB_AREA_CODES = st.tuples(_LETTER, foundation.between(1, 9))
_ITEM_SUFFIX = st.sampled_from("abcdefgh")
_RULE_NAMES = st.sampled_from(sorted(RULE_KINDS))
_SCREENING_RULE_NAMES = st.sampled_from(sorted(OUTCOME_RULE_KINDS))
_CODE_LISTS = st.lists(_GCP2_CODE, max_size=4, unique=True).map(tuple)


def _overridden(decision: Decision) -> Override | None:
    return decision.overridden


@st.composite
def _sub_areas(draw: st.DrawFn) -> SubArea:
    letter, number = draw(_SUB_AREA_CODES)
    return SubArea(f"{letter}{number}", draw(foundation.NAMES), letter)


@st.composite
def _items(draw: st.DrawFn) -> Item:
    letter, number = draw(_SUB_AREA_CODES)
    parent = letter if draw(st.booleans()) else f"{letter}{number}"
    return Item(
        f"{parent}{draw(_ITEM_SUFFIX)}",
        draw(foundation.NAMES),
        parent,
        draw(foundation.DESCRIPTORS),
        draw(foundation.age_bands()),
    )


@st.composite
def _sign_answers(draw: st.DrawFn) -> SignAnswer:
    sign = draw(st.sampled_from(escalation.shipped_checklist().signs))
    answer = draw(st.sampled_from(list(Answer)))
    return SignAnswer(sign.code, answer, evidence=draw(escalation.evidence(answer)))


def _foundation_types() -> dict[type, _S]:
    profiles = _profiles_of_any_catalogue()
    return {
        Grade: foundation.grades(),
        AgeBand: _age_bands(),
        Area: st.builds(
            Area,
            _LETTER,
            foundation.NAMES,
            foundation.MAYBE_NAME,
            st.none() | st.sampled_from(list(Phase)),
        ),
        SubArea: _sub_areas(),
        Item: _items(),
        Catalogue: foundation.catalogues(max_areas=3, max_sub_areas=2, max_items=2),
        ChildRef: foundation.any_child_refs(),
        Carer: st.builds(Carer, foundation.references("P"), role=foundation.MAYBE_NAME),
        Practitioner: st.builds(
            Practitioner, foundation.references("W"), agency=foundation.MAYBE_NAME
        ),
        ObservationWindow: foundation.observation_windows(),
        Rating: st.builds(
            Rating,
            st.text(max_size=8),
            foundation.grades(),
            evidence=foundation.free_text(),
            carer_comment=st.none() | foundation.free_text(),
        ),
        TargetedItem: _targeted_items(),
        Assessment: _assessments_of_any_catalogue(),
        Profile: profiles,
        ProfileEntry: _part_of(profiles, lambda profile: (*profile.areas, *profile.sub_areas)),
    }


def _escalation_types() -> dict[type, _S]:
    checklists = escalation.checklists()
    screenings = escalation.screenings_with_evidence()
    screening_decisions = escalation.screening_decisions()
    shipped = escalation.shipped_checklist()
    return {
        **escalation.simple_rules_by_kind((1, 2, 3, 4)),
        AllOf: escalation.joins((1, 2, 3, 4)),
        **{kind: escalation.outcome_rules(shipped, kind) for kind in OUTCOME_RULE_KINDS.values()},
        InfantStepUp: escalation.INFANT_STEP_UPS,
        LevelOfNeed: st.builds(
            LevelOfNeed,
            foundation.between(1, 9),
            foundation.NAMES,
            foundation.NAMES,
            foundation.between(1, 400),
        ),
        ThresholdPolicy: escalation.policies(max_levels=4, max_rules=3),
        Reason: st.builds(
            Reason, _RULE_NAMES, foundation.between(1, 9), foundation.NAMES, _CODE_LISTS
        ),
        Decision: escalation.decisions(),
        Override: escalation.decisions(overrides=1).map(_overridden),
        Answer: st.sampled_from(list(Answer)),
        ScreeningOutcome: st.sampled_from(list(ScreeningOutcome)),
        Domain: _part_of(checklists, lambda checklist: checklist.domains),
        Sign: _part_of(checklists, lambda checklist: checklist.signs),
        Checklist: checklists,
        ScreeningPolicy: st.one_of(
            escalation.screening_policies(),
            _with_drawn(checklists, escalation.draw_screening_policies),
        ),
        SignAnswer: _sign_answers(),
        Screening: screenings,
        ScreeningReason: st.builds(
            ScreeningReason,
            _SCREENING_RULE_NAMES,
            st.sampled_from(list(ScreeningOutcome)),
            foundation.NAMES,
            st.lists(
                st.sampled_from([sign.code for sign in escalation.shipped_checklist().signs]),
                max_size=3,
            ).map(tuple),
        ),
        ScreeningDecision: screening_decisions,
    }


def _metrics_types() -> dict[type, _S]:
    scales = metrics.judgement_scales()
    surveys = metrics.surveys()
    return {
        Judgement: _part_of(scales, lambda scale: scale.judgements),
        JudgementScale: scales,
        Polarity: st.sampled_from(list(Polarity)),
        AuditComment: st.builds(
            AuditComment,
            st.sampled_from(metrics.AUDIT_THEMES),
            st.sampled_from(list(Polarity)),
            foundation.free_text(),
        ),
        Criterion: st.builds(Criterion, foundation.NAMES, foundation.NAMES, st.booleans()),
        CaseFileAudit: st.one_of(
            metrics.audits_with_text(), _with_drawn(scales, metrics.draw_audits_with_text)
        ),
        ResponseScale: st.sampled_from([YES_NO, AGREEMENT]),
        Question: _part_of(surveys, lambda survey: survey.questions),
        Survey: surveys,
        SurveyResponse: _with_drawn(surveys, metrics.draw_survey_responses),
        PrimaryNeed: st.sampled_from(list(PrimaryNeed)),
        CensusAgeBand: st.sampled_from(list(CensusAgeBand)),
        Dimension: st.sampled_from(list(Dimension)),
        CohortRecord: metrics.cohort_records(),
        Cohort: metrics.cohorts(max_size=12),
        GCP2Completion: metrics.gcp2_completions(),
        ImplementationMeasures: metrics.implementation_measures(),
        PeriodRecords: _with_drawn(surveys, metrics.draw_period_records),
        ReportInput: metrics.report_inputs(),
        DisclosurePolicy: metrics.disclosure_policies(),
        Suppression: st.sampled_from(list(Suppression)),
        Missing: st.sampled_from(list(Missing)),
        CodeListKind: st.sampled_from(list(CodeListKind)),
        CensusCode: _census_codes(CodeListKind.ASSESSMENT_FACTOR),
        CensusCodeList: _census_code_lists(),
        ActionStatus: st.sampled_from(list(ActionStatus)),
        Action: action_plan.actions(),
        Recommendation: action_plan.recommendations(),
        ActionPlan: action_plan.action_plans(),
    }


def _census_codes(kind: CodeListKind) -> _S:
    code = (
        st.from_regex(r"[A-Z]{3}", fullmatch=True)
        if kind is CodeListKind.PLAN_CATEGORY
        else st.from_regex(r"[1-9][0-9]?[A-Z]?", fullmatch=True)
    )
    return st.builds(CensusCode, code, foundation.NAMES)


def _census_code_lists() -> _S:
    def of(kind: CodeListKind) -> _S:
        return st.builds(
            CensusCodeList,
            st.just(kind),
            foundation.NAMES,
            st.integers(2009, 2100),
            st.lists(_census_codes(kind), min_size=1, max_size=4, unique_by=lambda c: c.code).map(
                tuple
            ),
        )

    return st.one_of(of(CodeListKind.PLAN_CATEGORY), of(CodeListKind.ASSESSMENT_FACTOR))


@functools.cache
def _table() -> dict[type, _S]:
    return {**_foundation_types(), **_escalation_types(), **_metrics_types()}


def type_strategies() -> dict[type, st.SearchStrategy[Any]]:
    """A strategy for each public value type, as registered for ``st.from_type``.

    The strategies are built once and shared; the mapping returned is a copy.

    >>> from neglect_protocol.strategies import type_strategies
    >>> from neglect_protocol import Catalogue
    >>> type_strategies()[Catalogue]
    catalogues(max_areas=3, max_sub_areas=2, max_items=2)
    """
    return dict(_table())


def strategy_for(kind: type) -> st.SearchStrategy[Any] | None:
    """The strategy for public value type ``kind``, or ``None`` for any other type."""
    return _table().get(kind)


def register_type_strategies() -> None:
    """Register :func:`~neglect_protocol.strategies.type_strategies` for ``st.from_type``.

    The distribution's ``hypothesis`` entry point makes the same strategies
    available (built when first drawn) whenever Hypothesis is imported, so
    ``st.from_type`` and ``@given`` with type annotations draw valid values with no
    set-up. Call this where entry points are not loaded.

    >>> from neglect_protocol.strategies import register_type_strategies
    >>> from hypothesis import find, strategies as st
    >>> from neglect_protocol import Assessment
    >>> register_type_strategies()
    >>> find(st.from_type(Assessment), lambda assessment: len(assessment.ratings) > 2).ratings[2]
    Rating(code=..., grade=<Grade.BEST: 1>)
    """
    for kind, strategy in _table().items():
        st.register_type_strategy(kind, strategy)

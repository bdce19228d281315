"""The strategy ``st.from_type`` draws for each public value type.

Which types have one is not written here: it is read from the library's one
declaration of its types (:data:`~neglect_protocol._boundary._kinds.DOCUMENT_KINDS`
and :data:`~neglect_protocol._boundary._kinds.PARTS`). This module says only how to
draw each: a document kind by its ``kind`` tag, a part that is not an enumeration by
its type, and an enumeration by its members. A document kind or part with no
strategy here is found by the tests, not left to Hypothesis' guess.

The strategies are built once, on first use, and kept: a strategy rebuilt inside
every draw spends most of the draw being validated by Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

from neglect_protocol._boundary._kinds import DOCUMENT_KINDS, PARTS
from neglect_protocol._logic._score import score
from neglect_protocol._logic._screening_rules import OUTCOME_RULE_KINDS
from neglect_protocol._logic._threshold_rules import RULE_KINDS, AllOf, InfantStepUp
from neglect_protocol._model._action_plan import Action, Recommendation
from neglect_protocol._model._assessment import (
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
)
from neglect_protocol._model._audit import AuditComment, Criterion, Judgement, Polarity
from neglect_protocol._model._catalogue import AgeBand, Area, Item, Phase, SubArea
from neglect_protocol._model._census import CensusCode, CensusCodeList, CodeListKind
from neglect_protocol._model._cohort import CohortRecord, GCP2Completion
from neglect_protocol._model._decision import Decision, Override, Reason
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._policy import LevelOfNeed
from neglect_protocol._model._profile import Profile, ProfileEntry
from neglect_protocol._model._screening import (
    Answer,
    Domain,
    ScreeningOutcome,
    ScreeningReason,
    Sign,
    SignAnswer,
)
from neglect_protocol._model._survey import AGREEMENT, YES_NO, Question, ResponseScale
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
def document_strategies() -> dict[str, _S]:
    """The strategy for each document kind, by its ``kind`` tag."""
    checklists = escalation.checklists()
    scales = metrics.judgement_scales()
    surveys = metrics.surveys()
    return {
        "assessment": _assessments_of_any_catalogue(),
        "catalogue": foundation.catalogues(max_areas=3, max_sub_areas=2, max_items=2),
        "profile": _profiles_of_any_catalogue(),
        "threshold_policy": escalation.policies(max_levels=4, max_rules=3),
        "decision": escalation.decisions(),
        "screening_checklist": checklists,
        "screening_policy": st.one_of(
            escalation.screening_policies(),
            _with_drawn(checklists, escalation.draw_screening_policies),
        ),
        "screening": escalation.screenings_with_evidence(),
        "screening_decision": escalation.screening_decisions(),
        "judgement_scale": scales,
        "case_file_audit": st.one_of(
            metrics.audits_with_text(), _with_drawn(scales, metrics.draw_audits_with_text)
        ),
        "survey": surveys,
        "survey_response": _with_drawn(surveys, metrics.draw_survey_responses),
        "cohort": metrics.cohorts(max_size=12),
        "implementation_measures": metrics.implementation_measures(),
        "period_records": _with_drawn(surveys, metrics.draw_period_records),
        "disclosure_policy": metrics.disclosure_policies(),
        "assurance_input": metrics.report_inputs(),
        "census_code_list": _census_code_lists(),
        "action_plan": action_plan.action_plans(),
    }


@functools.cache
def part_strategies() -> dict[type, _S]:
    """The strategy for each part that is not an enumeration, by its type.

    A part of a document (a profile's entry, a checklist's sign) is picked from a
    document drawn by the strategy :func:`document_strategies` gives its kind.
    """
    whole = document_strategies()
    checklists = whole["screening_checklist"]
    shipped = escalation.shipped_checklist()
    return {
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
        Carer: st.builds(Carer, foundation.references("P"), role=foundation.MAYBE_NAME),
        Practitioner: st.builds(
            Practitioner, foundation.references("W"), agency=foundation.MAYBE_NAME
        ),
        ChildRef: foundation.any_child_refs(),
        ObservationWindow: foundation.observation_windows(),
        Rating: st.builds(
            Rating,
            st.text(max_size=8),
            foundation.grades(),
            evidence=foundation.free_text(),
            carer_comment=st.none() | foundation.free_text(),
        ),
        TargetedItem: _targeted_items(),
        ProfileEntry: _part_of(
            whole["profile"], lambda profile: (*profile.areas, *profile.sub_areas)
        ),
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
        Reason: st.builds(
            Reason, _RULE_NAMES, foundation.between(1, 9), foundation.NAMES, _CODE_LISTS
        ),
        Override: escalation.decisions(overrides=1).map(_overridden),
        Domain: _part_of(checklists, lambda checklist: checklist.domains),
        Sign: _part_of(checklists, lambda checklist: checklist.signs),
        SignAnswer: _sign_answers(),
        ScreeningReason: st.builds(
            ScreeningReason,
            _SCREENING_RULE_NAMES,
            st.sampled_from(list(ScreeningOutcome)),
            foundation.NAMES,
            st.lists(st.sampled_from([sign.code for sign in shipped.signs]), max_size=3).map(tuple),
        ),
        Judgement: _part_of(whole["judgement_scale"], lambda scale: scale.judgements),
        AuditComment: st.builds(
            AuditComment,
            st.sampled_from(metrics.AUDIT_THEMES),
            st.sampled_from(list(Polarity)),
            foundation.free_text(),
        ),
        Criterion: st.builds(Criterion, foundation.NAMES, foundation.NAMES, st.booleans()),
        ResponseScale: st.sampled_from([YES_NO, AGREEMENT]),
        Question: _part_of(whole["survey"], lambda survey: survey.questions),
        CohortRecord: metrics.cohort_records(),
        GCP2Completion: metrics.gcp2_completions(),
        CensusCode: _census_codes(CodeListKind.ASSESSMENT_FACTOR),
        Action: action_plan.actions(),
        Recommendation: action_plan.recommendations(),
    }


@functools.cache
def _table() -> dict[type, _S]:
    """The strategies by type, for every declared type that has one (the tests check all do)."""
    by_kind, by_type = document_strategies(), part_strategies()
    found = {entry.type: by_kind.get(entry.kind) for entry in DOCUMENT_KINDS}
    found.update(
        (part, st.sampled_from(part) if issubclass(part, enum.Enum) else by_type.get(part))
        for part in PARTS
    )
    return {kind: strategy for kind, strategy in found.items() if strategy is not None}


def type_strategies() -> dict[type, st.SearchStrategy[Any]]:
    """A strategy for each public value type, as registered for ``st.from_type``.

    Every document kind :func:`~neglect_protocol.serialize.document_types` lists has
    one, and so has every public type written inside a document. The strategies are
    built once and shared; the mapping returned is a copy.

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

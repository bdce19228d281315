"""The document types of escalation and screening: policies, decisions, checklists, screenings.

Schema versions (all 1):

- ``threshold_policy``: the policy file format of
  :func:`~neglect_protocol.escalation.load_policy`, plus an optional ``kind``;
- ``decision``: a decision with its reasons, the whole policy that made it, and
  any professional override (which holds the decision it replaced);
- ``screening_checklist``: the checklist's domains and its signs, each sign naming
  its domain;
- ``screening_policy``: the screening policy file format of
  :func:`~neglect_protocol.screening.load_screening_policy`, plus the checklist
  when it is not the built-in one;
- ``screening``: a completed screening, answers and evidence;
- ``screening_decision``: its outcome, reasons and the policy that decided.

Rules of both kinds of policy are written as in policy files: a table whose
``kind`` names the rule and whose other keys are its parameters.
"""

from __future__ import annotations

from typing import Any

import attrs

from neglect_protocol._boundary._builtin import builtin_catalogues
from neglect_protocol._boundary._documents import register_document, register_parts
from neglect_protocol._boundary._screening_file import builtin_checklist
from neglect_protocol._boundary._wire import (
    NONBLANK,
    OPTIONAL_NONBLANK,
    Layout,
    at_least,
    field_rules,
    field_types,
    optional,
    tagged_union,
)
from neglect_protocol._logic._screening_rules import (
    OUTCOME_RULE_KINDS,
    DomainsWithSigns,
    NotKnown,
    SignsAnswered,
)
from neglect_protocol._logic._threshold_rules import (
    MODIFIER_KINDS,
    RULE_KINDS,
    AllOf,
    AreaAtOrAbove,
    InfantStepUp,
    PersistentBorderline,
    SubAreasAtOrAbove,
)
from neglect_protocol._model._decision import Decision, Override, Reason
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._policy import LevelOfNeed, ThresholdPolicy
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

THRESHOLD_POLICY_SCHEMA_VERSION = 1
DECISION_SCHEMA_VERSION = 1
SCREENING_SCHEMA_VERSION = 1

ThresholdRuleSpec = tagged_union("ThresholdRuleSpec", RULE_KINDS)
ModifierSpec = tagged_union("ModifierSpec", MODIFIER_KINDS)
OutcomeRuleSpec = tagged_union("OutcomeRuleSpec", OUTCOME_RULE_KINDS)

register_parts(
    LevelOfNeed,
    Reason,
    Override,
    *RULE_KINDS.values(),
    *MODIFIER_KINDS.values(),
    Answer,
    ScreeningOutcome,
    Domain,
    Sign,
    SignAnswer,
    ScreeningReason,
    *OUTCOME_RULE_KINDS.values(),
)

# Ranges the rules' own validators check, said again here so that the converter
# reports them as ranges and the JSON Schema refuses them too.
LEVEL = at_least(1)
field_rules(LevelOfNeed, number=LEVEL, name=NONBLANK, typical_response=NONBLANK)
field_rules(LevelOfNeed, review_after_days=at_least(1))
for _spec in RULE_KINDS.values():
    field_rules(_spec, level=optional(LEVEL) if _spec is AllOf else LEVEL)
field_rules(SubAreasAtOrAbove, count=at_least(1))
field_rules(AreaAtOrAbove, count=at_least(1))
field_rules(PersistentBorderline, assessments=at_least(2), count=at_least(1))
field_rules(InfantStepUp, steps=at_least(1), under_months=at_least(1))
field_rules(Reason, level=LEVEL, text=NONBLANK)
field_rules(Override, rationale=NONBLANK, by=NONBLANK)
field_types(AllOf, rules=tuple[ThresholdRuleSpec, ...])  # type: ignore[valid-type]
field_rules(Domain, code=NONBLANK, name=NONBLANK)
field_rules(Sign, code=NONBLANK, domain=NONBLANK, text=NONBLANK)
field_rules(Checklist, name=NONBLANK, version=NONBLANK)
field_rules(SignAnswer, sign=NONBLANK)
field_rules(Screening, screener=OPTIONAL_NONBLANK, reference=OPTIONAL_NONBLANK)
field_rules(SignsAnswered, min_count=at_least(1))
field_rules(DomainsWithSigns, min_domains=at_least(1))
field_rules(NotKnown, min_count=at_least(1))


# --- Threshold policies: the policy file format ---


@attrs.frozen
class PolicyDocument:
    """A threshold policy as its file lays it out.

    The catalogues a policy checks codes against are not part of it: a policy read
    back checks them against the built-in structures.
    """

    name: str
    version: str
    # Where policy files put it; keyword-only, as fields without defaults follow.
    concern_grade: Grade = attrs.field(default=Grade.BORDERLINE, kw_only=True)
    drift_period_days: int
    levels: tuple[LevelOfNeed, ...]
    rules: tuple[Any, ...]
    modifiers: tuple[Any, ...] = ()


field_rules(PolicyDocument, name=NONBLANK, version=NONBLANK, drift_period_days=at_least(1))
field_types(
    PolicyDocument,
    rules=tuple[ThresholdRuleSpec, ...],  # type: ignore[valid-type]
    modifiers=tuple[ModifierSpec, ...],  # type: ignore[valid-type]
)


def _policy_to_shape(policy: ThresholdPolicy) -> PolicyDocument:
    # The layout's fields are named as the policy's attributes and keyword arguments,
    # so both directions copy by name.
    return PolicyDocument(
        **{field.name: getattr(policy, field.name) for field in attrs.fields(PolicyDocument)}
    )


def _policy_from_shape(document: PolicyDocument) -> ThresholdPolicy:
    # ThresholdPolicy checks levels and rules together; its PolicyError names the place.
    return ThresholdPolicy(**attrs.asdict(document, recurse=False), catalogues=builtin_catalogues())


register_document(
    "threshold_policy",
    ThresholdPolicy,
    version=THRESHOLD_POLICY_SCHEMA_VERSION,
    layout=Layout(PolicyDocument, _policy_to_shape, _policy_from_shape),
)


# --- Decisions ---


# A decision checks itself (its level is its policy's and its reasons' highest, unless
# overridden), so a document that says otherwise is refused with the field at fault.
register_document("decision", Decision, version=DECISION_SCHEMA_VERSION)


# --- Screening: checklists, policies, screenings and decisions ---

register_document("screening_checklist", Checklist, version=SCREENING_SCHEMA_VERSION)


@attrs.frozen
class ScreeningPolicyDocument:
    """A screening policy as its file lays it out, with its checklist unless it is built in."""

    name: str
    version: str
    rules: tuple[Any, ...]
    checklist: Checklist | None = None


field_rules(ScreeningPolicyDocument, name=NONBLANK, version=NONBLANK)
field_types(ScreeningPolicyDocument, rules=tuple[OutcomeRuleSpec, ...])  # type: ignore[valid-type]


def _screening_policy_to_shape(policy: ScreeningPolicy) -> ScreeningPolicyDocument:
    checklist = None if policy.checklist == builtin_checklist() else policy.checklist
    return ScreeningPolicyDocument(policy.name, policy.version, policy.rules, checklist)


def _screening_policy_from_shape(document: ScreeningPolicyDocument) -> ScreeningPolicy:
    checklist = builtin_checklist() if document.checklist is None else document.checklist
    return ScreeningPolicy(document.name, document.version, checklist, document.rules)


register_document(
    "screening_policy",
    ScreeningPolicy,
    version=SCREENING_SCHEMA_VERSION,
    layout=Layout(
        ScreeningPolicyDocument, _screening_policy_to_shape, _screening_policy_from_shape
    ),
    omit_if_default=(ScreeningPolicyDocument,),
)
register_document("screening", Screening, version=SCREENING_SCHEMA_VERSION)
register_document("screening_decision", ScreeningDecision, version=SCREENING_SCHEMA_VERSION)

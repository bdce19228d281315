"""The document types of escalation and screening: policies, decisions, checklists, screenings.

Schema versions (all 1):

- ``threshold_policy``: the policy file format of
  :func:`~neglect_protocol.escalation.load_policy`, plus an optional ``kind``;
- ``decision``: a decision with its reasons, the whole policy that made it, and
  any professional override (which holds the decision it replaced);
- ``screening_checklist``: the checklist file format of
  :func:`~neglect_protocol.screening.load_checklist`: domains, each with its signs;
- ``screening_policy``: the screening policy file format of
  :func:`~neglect_protocol.screening.load_screening_policy`, plus the checklist
  when it is not the built-in one;
- ``screening``: a completed screening, answers and evidence;
- ``screening_decision``: its outcome, reasons and the policy that decided.

Rules of both kinds of policy are written as in policy files: a table whose
``kind`` names the rule and whose other keys are its parameters.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from typing import Any

import attrs
from cattrs.preconf.json import JsonConverter

from neglect_protocol._boundary._formats import write_child, write_window
from neglect_protocol._boundary._wire import (
    AT_LEAST_ONE,
    NONBLANK,
    NONBLANK_CODES,
    OPTIONAL_NONBLANK,
    RULE,
    Defaults,
    Layout,
    WireError,
    WireRules,
    at_least,
    described,
    optional,
    plain,
    tagged_union,
)
from neglect_protocol._logic._screening_rules import (
    OUTCOME_RULE_KINDS,
    DomainsWithSigns,
    NamedSigns,
    NotKnown,
    SeriousSigns,
    SignsAnswered,
)
from neglect_protocol._logic._threshold_rules import (
    MODIFIER_KINDS,
    RULE_KINDS,
    AllOf,
    AreaAtOrAbove,
    InfantStepUp,
    NamedSubAreasAtOrAbove,
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
    ScreeningOutcome,
    ScreeningPolicy,
    ScreeningReason,
    Sign,
    SignAnswer,
)
from neglect_protocol.errors import PolicyError

ThresholdRuleSpec = tagged_union("ThresholdRuleSpec", RULE_KINDS)
ModifierSpec = tagged_union("ModifierSpec", MODIFIER_KINDS)
OutcomeRuleSpec = tagged_union("OutcomeRuleSpec", OUTCOME_RULE_KINDS)

PARTS = (
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
"""The public value types of escalation and screening written without an envelope."""

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
    # Whether deciding needs a monotone roll-up (see ThresholdPolicy); true unless waived.
    requires_monotone_roll_up: bool = attrs.field(default=True, kw_only=True)


def _policy_to_shape(policy: ThresholdPolicy, _: Defaults) -> PolicyDocument:
    # The layout's fields are named as the policy's attributes and keyword arguments,
    # so both directions copy by name.
    return PolicyDocument(
        **{field.name: getattr(policy, field.name) for field in attrs.fields(PolicyDocument)}
    )


def _policy_from_shape(document: PolicyDocument, defaults: Defaults) -> ThresholdPolicy:
    # ThresholdPolicy checks levels and rules together; its PolicyError names the place.
    return ThresholdPolicy(
        **attrs.asdict(document, recurse=False), catalogues=defaults.catalogues()
    )


THRESHOLD_POLICY_LAYOUT = Layout(PolicyDocument, _policy_to_shape, _policy_from_shape)


# --- Decisions ---
#
# A stream writes a decision a line, so a decision has its own writer, building
# the dict the converter's generic writer builds (tests/test_serialize.py checks
# them against each other). A decision holds the whole policy that made it, the
# same policy on every line of a stream: it is written once, and each decision
# gets a fresh copy of what was written (``marshal`` copies plain JSON data in one
# C call, several times faster than writing the policy again), so that no two
# results share a mutable part.


def _write_level(level: LevelOfNeed) -> dict[str, Any]:
    return {
        "number": level.number,
        "name": level.name,
        "typical_response": level.typical_response,
        "review_after_days": level.review_after_days,
    }


def _write_reason(reason: Reason) -> dict[str, Any]:
    return {
        "rule": reason.rule,
        "level": reason.level,
        "text": reason.text,
        "codes": list(reason.codes),
        "stepped_up_from": reason.stepped_up_from,
    }


def _policy_writer(converter: JsonConverter) -> Callable[[ThresholdPolicy], Any]:
    """The converter's writer of policies, remembering what it wrote for the last one."""
    write = converter.get_unstructure_hook(ThresholdPolicy)
    last: list[tuple[ThresholdPolicy, bytes] | None] = [None]

    def write_policy(policy: ThresholdPolicy) -> Any:
        # A policy is immutable, so the same object is written the same way again.
        # The entry is read and replaced whole, so that threads writing decisions
        # under different policies at once each copy their own policy.
        entry = last[0]
        if entry is None or entry[0] is not policy:
            entry = (policy, marshal.dumps(write(policy)))
            last[0] = entry
        return marshal.loads(entry[1])

    return write_policy


def _decision_writer(converter: JsonConverter) -> Callable[[Decision], dict[str, Any]]:
    write_policy = _policy_writer(converter)

    def write_decision(decision: Decision) -> dict[str, Any]:
        overridden = decision.overridden
        return {
            "level": _write_level(decision.level),
            "reasons": [_write_reason(reason) for reason in decision.reasons],
            "review_by": decision.review_by.isoformat(),
            "child": write_child(decision.child),
            "window": write_window(decision.window),
            "policy": write_policy(decision.policy),
            "assessment_reference": decision.assessment_reference,
            "overridden": None if overridden is None else write_override(overridden),
        }

    def write_override(record: Override) -> dict[str, Any]:
        return {
            "original": write_decision(record.original),
            "rationale": record.rationale,
            "by": record.by,
            "on": None if record.on is None else record.on.isoformat(),
        }

    return write_decision


# --- Screening: checklists, policies, screenings and decisions ---


@attrs.frozen
class ChecklistSign:
    """A sign, written under its domain: its domain is where it sits.

    Attributes:
        code: The sign's code, unique in the checklist.
        text: The sign as the screener reads it.
        serious: Whether the sign is serious on its own.
    """

    code: str
    text: str
    serious: bool = False


@attrs.frozen
class ChecklistDomain:
    """A domain with its signs nested in it, as partnerships write checklists.

    Attributes:
        code: The domain's code, unique in the checklist.
        name: The domain's name.
        signs: The signs of neglect looked for in this domain.
    """

    code: str
    name: str
    signs: tuple[ChecklistSign, ...]


@attrs.frozen
class ChecklistDocument:
    """A screening checklist as its file lays it out: domains, each with its signs."""

    name: str
    version: str
    domains: tuple[ChecklistDomain, ...]


def _checklist_to_shape(checklist: Checklist, _: Defaults) -> ChecklistDocument:
    return ChecklistDocument(
        checklist.name,
        checklist.version,
        tuple(
            ChecklistDomain(
                domain.code,
                domain.name,
                tuple(
                    ChecklistSign(sign.code, sign.text, sign.serious)
                    for sign in checklist.signs
                    if sign.domain == domain.code
                ),
            )
            for domain in checklist.domains
        ),
    )


def _checklist_from_shape(document: ChecklistDocument, _defaults: Defaults) -> Checklist:
    # The checklist lists signs flat; remember where each sits in the document.
    places: list[str] = []
    signs: list[Sign] = []
    problems: list[tuple[str, str, str]] = []
    for index, domain in enumerate(document.domains):
        if not domain.signs:
            problems.append(
                (f".domains[{index}].signs", "expected at least one sign, got none", RULE)
            )
        for sign_index, sign in enumerate(domain.signs):
            places.append(f".domains[{index}].signs[{sign_index}]")
            signs.append(Sign(sign.code, domain.code, sign.text, sign.serious))
    if problems:
        raise WireError(problems)
    domains = tuple(Domain(domain.code, domain.name) for domain in document.domains)
    try:
        return Checklist(document.name, document.version, domains, tuple(signs))
    except PolicyError as error:
        section, _, rest = error.path.partition("[")
        position, _, field = rest.partition("]")
        # Only a repeated code is left for the checklist to find: a sign's domain is
        # where it sits, and every domain was checked to hold a sign.
        if not rest:
            where = f".{section}"
        elif section == "signs":
            where = places[int(position)]
        else:
            where = f".{section}[{position}]"
        raise WireError([(where + field, error.problems[0].message, RULE)]) from None


CHECKLIST_LAYOUT = Layout(ChecklistDocument, _checklist_to_shape, _checklist_from_shape)


@attrs.frozen
class ScreeningPolicyDocument:
    """A screening policy as its file lays it out, with its checklist unless it is built in."""

    name: str
    version: str
    rules: tuple[Any, ...]
    checklist: Checklist | None = None


def _screening_policy_to_shape(
    policy: ScreeningPolicy, defaults: Defaults
) -> ScreeningPolicyDocument:
    checklist = None if policy.checklist == defaults.checklist() else policy.checklist
    return ScreeningPolicyDocument(policy.name, policy.version, policy.rules, checklist)


def _screening_policy_from_shape(
    document: ScreeningPolicyDocument, defaults: Defaults
) -> ScreeningPolicy:
    checklist = defaults.checklist() if document.checklist is None else document.checklist
    return ScreeningPolicy(document.name, document.version, checklist, document.rules)


SCREENING_POLICY_LAYOUT = Layout(
    ScreeningPolicyDocument, _screening_policy_to_shape, _screening_policy_from_shape
)

# Ranges the rules' own validators check, said again here so that the converter
# reports them as ranges and the JSON Schema refuses them too.
LEVEL = at_least(1)

RULES = WireRules(
    fields={
        LevelOfNeed: {
            "number": LEVEL,
            "name": NONBLANK,
            "typical_response": NONBLANK,
            "review_after_days": at_least(1),
        },
        # Every rule names a level; an all-of may leave it to the rules it holds.
        **{spec: {"level": LEVEL} for spec in RULE_KINDS.values()},
        AllOf: {"level": optional(LEVEL)},
        SubAreasAtOrAbove: {"level": LEVEL, "count": at_least(1)},
        AreaAtOrAbove: {"level": LEVEL, "count": at_least(1), "areas": NONBLANK_CODES},
        PersistentBorderline: {"level": LEVEL, "assessments": at_least(2), "count": at_least(1)},
        NamedSubAreasAtOrAbove: {
            "level": LEVEL,
            "codes": described({"minItems": 1, "items": {"type": "string", "pattern": "\\S"}}),
        },
        InfantStepUp: {"steps": at_least(1), "under_months": at_least(1)},
        Reason: {"level": LEVEL, "text": NONBLANK},
        Override: {"rationale": NONBLANK, "by": NONBLANK},
        Domain: {"code": NONBLANK, "name": NONBLANK},
        Sign: {"code": NONBLANK, "domain": NONBLANK, "text": NONBLANK},
        Checklist: {"name": NONBLANK, "version": NONBLANK},
        SignAnswer: {"sign": NONBLANK},
        Screening: {"screener": OPTIONAL_NONBLANK, "reference": OPTIONAL_NONBLANK},
        SignsAnswered: {
            "min_count": at_least(1),
            "domains": NONBLANK_CODES,
            "answers": AT_LEAST_ONE,
        },
        NamedSigns: {"codes": NONBLANK_CODES, "answers": AT_LEAST_ONE},
        DomainsWithSigns: {"min_domains": at_least(1), "answers": AT_LEAST_ONE},
        SeriousSigns: {"answers": AT_LEAST_ONE},
        NotKnown: {"min_count": at_least(1)},
        PolicyDocument: {
            "name": NONBLANK,
            "version": NONBLANK,
            "drift_period_days": at_least(1),
            "levels": AT_LEAST_ONE,
            "rules": AT_LEAST_ONE,
        },
        ChecklistSign: {"code": NONBLANK, "text": NONBLANK},
        ChecklistDomain: {"code": NONBLANK, "name": NONBLANK},
        ChecklistDocument: {"name": NONBLANK, "version": NONBLANK, "domains": AT_LEAST_ONE},
        ScreeningPolicyDocument: {"name": NONBLANK, "version": NONBLANK},
    },
    types={
        AllOf: {"rules": tuple[ThresholdRuleSpec, ...]},  # type: ignore[valid-type]
        PolicyDocument: {
            "rules": tuple[ThresholdRuleSpec, ...],  # type: ignore[valid-type]
            "modifiers": tuple[ModifierSpec, ...],  # type: ignore[valid-type]
        },
        ScreeningPolicyDocument: {"rules": tuple[OutcomeRuleSpec, ...]},  # type: ignore[valid-type]
    },
    # As a hand-written file: a sign is not serious unless it says so, and a policy
    # on the built-in checklist does not hold it.
    omitted={ChecklistSign: {"serious"}, ScreeningPolicyDocument: {"checklist"}},
    # A decision a line in a stream, written field by field (see WireRules.fast_writers).
    fast_writers={
        LevelOfNeed: plain(_write_level),
        Reason: plain(_write_reason),
        Decision: _decision_writer,
    },
    unions=(ThresholdRuleSpec, ModifierSpec, OutcomeRuleSpec),
)
"""How the records of escalation and screening look on the wire beyond their annotations."""

"""Deciding a level of need for a profile under a threshold policy."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Sequence
from typing import Any, cast

import attrs

from neglect_protocol._logic._rule_context import (
    RuleContext,
    among,
    checked_reason,
    entries_at_or_above,
    is_infant,
)
from neglect_protocol._logic._rules import MONOTONE_RULE_NAMES
from neglect_protocol._logic._threshold_rules import (
    HISTORY_RULE_KINDS,
    MODIFIER_KINDS,
    PROFILE_RULE_KINDS,
    RULE_KINDS,
    InfantStepUp,
    ProfileRule,
)
from neglect_protocol._model._decision import Decision, Reason
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._policy import LevelOfNeed, ThresholdPolicy, rule_label
from neglect_protocol._model._profile import Profile, ProfileEntry
from neglect_protocol.errors import PolicyError, safe_repr

NON_MONOTONE_RULE = "non_monotone_roll_up"
"""The rule name of the reason that says a decision was made on a non-monotone roll-up."""

# The library's own rule and modifier kinds give reasons at the policy's levels
# (checked when the policy was built) and never lower a level, so their answers
# need no checking; anything else is checked on every call.
_TRUSTED: frozenset[type] = frozenset((*RULE_KINDS.values(), *MODIFIER_KINDS.values()))


@attrs.frozen
class CompiledPolicy:
    """What deciding under a policy needs, worked out once per policy.

    Attributes:
        levels: The policy's level numbers, lowest first.
        by_number: Its levels by number.
        review_after: The review interval of each level, by number.
        rules: Each rule, and whether its answers can be trusted unchecked.
        first_rules: The same for a decision without history: the library's
            rules that compare assessments (silent without any) are left out.
        modifiers: Each modifier, and for the library's own (whose answers are
            trusted unchecked) its ``applies`` test; ``None`` for any other.
        reads: For a decision without history, when every rule left reads one
            profile alone and every modifier is the infant modifier: what the
            rules read (a source and a grade, each once); ``None`` otherwise.
        firing: The rules' ``_fire``, each with the position in ``reads`` of
            what it reads.
        infant_under: The greatest ``under_months`` of the infant modifiers,
            ``None`` without any: a child younger is decided with the modifiers.
    """

    levels: tuple[int, ...]
    by_number: dict[int, LevelOfNeed]
    review_after: dict[int, dt.timedelta]
    rules: tuple[tuple[Callable[..., Any], bool], ...]
    first_rules: tuple[tuple[Callable[..., Any], bool], ...]
    modifiers: tuple[tuple[Callable[..., Any], Callable[[RuleContext], bool] | None], ...]
    reads: tuple[tuple[str, Grade], ...] | None
    firing: tuple[tuple[Callable[[Profile, Sequence[ProfileEntry]], Reason | None], int], ...]
    infant_under: int | None


_COMPILED: dict[int, tuple[weakref.ref[ThresholdPolicy], CompiledPolicy]] = {}
# Keyed by identity, not equality: a policy's rules may be any callables, which
# need not be hashable, and a policy is immutable, so its compiled form never goes
# stale. An entry goes when its policy does.


def compiled(policy: ThresholdPolicy) -> CompiledPolicy:
    """The compiled form of ``policy``, worked out on first use and kept while it lives."""
    key = id(policy)
    entry = _COMPILED.get(key)
    if entry is not None and entry[0]() is policy:
        return entry[1]
    rules = tuple((rule, type(rule) in _TRUSTED) for rule in policy.rules)
    first_rules = tuple(
        (rule, trusted) for rule, trusted in rules if type(rule) not in HISTORY_RULE_KINDS
    )
    reads, firing, infant_under = _profile_plan([rule for rule, _ in first_rules], policy.modifiers)
    result = CompiledPolicy(
        levels=tuple(level.number for level in policy.levels),
        by_number={level.number: level for level in policy.levels},
        review_after={
            level.number: dt.timedelta(days=level.review_after_days) for level in policy.levels
        },
        rules=rules,
        first_rules=first_rules,
        modifiers=tuple(
            (modifier, getattr(modifier, "applies", None) if type(modifier) in _TRUSTED else None)
            for modifier in policy.modifiers
        ),
        reads=reads,
        firing=firing,
        infant_under=infant_under,
    )
    _COMPILED[key] = (weakref.ref(policy, lambda _: _COMPILED.pop(key, None)), result)
    return result


def _profile_plan(
    rules: Sequence[object], modifiers: Sequence[object]
) -> tuple[
    tuple[tuple[str, Grade], ...] | None,
    tuple[tuple[Callable[[Profile, Sequence[ProfileEntry]], Reason | None], int], ...],
    int | None,
]:
    """What :attr:`CompiledPolicy.reads`, ``firing`` and ``infant_under`` say for a policy.

    ``rules`` are the policy's rules that do not compare assessments, in order.
    """
    if not all(type(modifier) is InfantStepUp for modifier in modifiers):
        return None, (), None
    reads: list[tuple[str, Grade]] = []
    firing = []
    for rule in rules:
        if type(rule) not in PROFILE_RULE_KINDS:
            return None, (), None
        spec = cast(ProfileRule, rule)
        read = (spec.source, spec.grade)
        if read not in reads:
            reads.append(read)
        firing.append((spec._fire, reads.index(read)))
    infants = cast(Sequence[InfantStepUp], modifiers)
    return (
        tuple(reads),
        tuple(firing),
        max((modifier.under_months for modifier in infants), default=None),
    )


def roll_up_is_monotone(profile: Profile) -> bool:
    """Whether every grade ``profile`` uses was entered or suggested by a monotone rule.

    A profile records only its rule's name, so only the shipped monotone rules
    (``worst``, ``median``, ``mean``) are known to be monotone.
    """
    return profile.rule in MONOTONE_RULE_NAMES or not profile.uses_suggestions


def check_roll_up(
    profiles: Sequence[Profile], policy: ThresholdPolicy, *, allow_non_monotone: bool
) -> Profile | None:
    """The first of ``profiles`` rolled up by a rule not known to be monotone, if allowed.

    Raises:
        PolicyError: If the policy needs a monotone roll-up, one of ``profiles``
            was not rolled up by one, and the caller did not allow it.
    """
    for profile in profiles:
        if roll_up_is_monotone(profile):
            continue
        if policy.requires_monotone_roll_up and not allow_non_monotone:
            known = ", ".join(sorted(MONOTONE_RULE_NAMES))
            used = safe_repr(profile.rule)
            raise PolicyError(
                "profile.rule",
                f"expected grades rolled up by a monotone rule ({known}), as the policy requires "
                f"so that a worse grade never lowers the level, got grades suggested by rule "
                f"{used} (allow it with allow_non_monotone=True, or --allow-non-monotone "
                "on the command line)",
            )
        return profile
    return None


def decide(
    profile: Profile,
    *,
    policy: ThresholdPolicy,
    history: Sequence[Profile] = (),
    allow_non_monotone: bool = False,
) -> Decision:
    """Decide the level of need for ``profile`` under ``policy``.

    The public :func:`neglect_protocol.escalation.decide` documents this and
    supplies the default policy.

    Raises:
        PolicyError: If ``policy`` is not a threshold policy, or it needs a
            monotone roll-up that a profile lacks (unless ``allow_non_monotone``).
        AssessmentError: If the history is not a sequence of one child's earlier profiles.
        PolicyError: If a rule or modifier misbehaves.
    """
    if history == () and isinstance(profile, Profile) and isinstance(policy, ThresholdPolicy):
        # The common case, a first decision: nothing to check beyond the types.
        plan = compiled(policy)
        reads = plan.reads
        if reads is not None and profile.rule in MONOTONE_RULE_NAMES:
            decision = _first_decided(profile, policy, plan, reads)
            if decision is not None:
                return decision
        context = RuleContext._first(profile, policy)
    else:
        context = RuleContext(profile, history, policy)
    non_monotone = (
        None
        if not context.history and profile.rule in MONOTONE_RULE_NAMES
        else check_roll_up(
            (*context.history, profile), policy, allow_non_monotone=allow_non_monotone
        )
    )
    return decided(context, compiled(policy), non_monotone)


def _first_decided(
    profile: Profile,
    policy: ThresholdPolicy,
    plan: CompiledPolicy,
    reads: tuple[tuple[str, Grade], ...],
) -> Decision | None:
    """Decide ``profile`` without history, as :func:`decided` does, straight from its entries.

    Only for a policy whose rules (those not comparing assessments) all read
    one profile alone (``reads``: ``plan.reads``) and whose modifiers are infant modifiers,
    and a profile rolled up by a monotone rule. What the rules read is worked
    out once, in one pass per grade, and no context is built. ``None`` for a
    child a modifier applies to (an infant), left to :func:`decided`.
    """
    under = plan.infant_under
    if under is not None and is_infant(profile.child.age_in_months_on(profile.window.start), under):
        return None
    entries = profile.entries
    at: dict[Grade, Sequence[ProfileEntry]] = {}
    found = []
    for source, grade in reads:
        hits = at.get(grade)
        if hits is None:
            hits = at[grade] = entries_at_or_above(entries, grade)
        found.append(among(source, hits))
    reasons = []
    top = 0
    for fire, position in plan.firing:
        reason = fire(profile, found[position])
        if reason is not None:
            reasons.append(reason)
            if reason.level > top:
                top = reason.level
    level = plan.by_number[top] if reasons else policy.lowest
    return Decision._built(
        level=level,
        reasons=tuple(reasons),
        review_by=profile.window.end + plan.review_after[level.number],
        child=profile.child,
        window=profile.window,
        policy=policy,
        assessment_reference=profile.assessment_reference,
    )


def decided(
    context: RuleContext, plan: CompiledPolicy, non_monotone: Profile | None = None
) -> Decision:
    """Ask every rule of the policy about ``context`` and decide, as :func:`decide` does.

    Args:
        context: The profile, its history and the policy.
        plan: The compiled policy.
        non_monotone: A profile rolled up by a rule not known to be monotone,
            allowed by the caller; the decision says so in a reason of its own.
    """
    policy = context.policy
    levels = plan.levels
    # The library's modifiers say up front whether they can change anything here (the
    # infant modifier, only for an infant), so most decisions skip them for every reason.
    modifiers = [
        (modifier, applies is not None)
        for modifier, applies in plan.modifiers
        if applies is None or applies(context)
    ]
    reasons: list[Reason] = []
    for rule, trusted in plan.rules if context.history else plan.first_rules:
        result = rule(context)
        if result is None:
            continue
        if not trusted:
            # Not None here, so checked_reason returns a reason or raises.
            result = checked_reason(result, rule, levels)
        reason: Reason = result
        for modifier, trusted_modifier in modifiers:
            modified = modifier(context, reason)
            if not trusted_modifier:
                modified = checked_reason(modified, modifier, levels)
                if modified is None or modified.level < reason.level:
                    shown = "None" if modified is None else f"level {modified.level}"
                    raise PolicyError(
                        f"rule {safe_repr(rule_label(modifier))}",
                        f"expected a modifier to keep or raise level {reason.level}, got {shown}",
                    )
            reason = modified
        reasons.append(reason)
    if non_monotone is not None:
        rule_used = non_monotone.rule
        reasons.append(
            Reason._built(
                NON_MONOTONE_RULE,
                policy.lowest.number,
                lambda: (
                    "decided on grades suggested by the roll-up rule "
                    f"{safe_repr(rule_used)}, which "
                    "is not known to be monotone: a worse grade beneath can suggest a better "
                    "grade, and so a lower level (allowed by the caller)"
                ),
                (),
            )
        )
    level = plan.by_number[max(reason.level for reason in reasons)] if reasons else policy.lowest
    profile = context.profile
    return Decision._built(
        level=level,
        reasons=tuple(reasons),
        review_by=profile.window.end + plan.review_after[level.number],
        child=profile.child,
        window=profile.window,
        policy=policy,
        assessment_reference=profile.assessment_reference,
    )

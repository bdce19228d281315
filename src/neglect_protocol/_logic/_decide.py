"""Deciding a level of need for a profile under a threshold policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from neglect_protocol._model._escalation import (
    Decision,
    Reason,
    RuleContext,
    ThresholdPolicy,
    checked_reason,
    rule_label,
)
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import RuleResultError


def default_policy() -> ThresholdPolicy:
    """The shipped example policy, read from package data once."""
    from neglect_protocol._boundary._builtin import builtin_policy

    return builtin_policy()


def decide(
    profile: Profile,
    *,
    policy: ThresholdPolicy | None = None,
    history: Sequence[Profile] = (),
) -> Decision:
    """Decide the level of need for ``profile`` under ``policy``.

    Every rule of the policy is asked in turn; each reason that fires is passed
    through the policy's modifiers (the infant modifier steps it up for a baby).
    The level decided is the highest any reason proposes, or the policy's lowest
    level when none fires. The review date is the end of the observation window
    plus the level's review interval.

    Args:
        profile: The profile to decide.
        policy: The threshold policy; by default
            :data:`~neglect_protocol.escalation.DEFAULT_POLICY`.
        history: The child's earlier profiles, oldest first. An empty history is
            fine: rules that need one stay silent.

    Returns:
        The decision, with every reason that fired.

    Raises:
        HistoryError: If the history holds another child's profile, or its
            windows repeat, overlap, run out of order or end after ``profile``'s.
        RuleResultError: If a rule returns something that is not ``None`` or a
            :class:`~neglect_protocol.escalation.Reason` at one of the policy's
            levels, or a modifier lowers a level.

    >>> import datetime as dt
    >>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating, score
    >>> child = ChildRef("C-0001", date_of_birth=dt.date(2017, 9, 1))
    >>> window = ObservationWindow(dt.date(2024, 3, 4), dt.date(2024, 3, 22))
    >>> profile = score(Assessment(child, window, (Rating("A4", 4), Rating("C1", 3))))
    >>> decision = decide(profile)
    >>> decision.level.number, decision.level.name, decision.review_by
    (4, 'Acute / specialist', datetime.date(2024, 4, 19))
    >>> [reason.rule for reason in decision.reasons]
    ['area_at_or_above', 'sub_areas_at_or_above', 'sub_areas_at_or_above']
    """
    if policy is None:
        policy = default_policy()
    levels = policy.facts.levels
    context = RuleContext(profile, history, levels, policy.drift_period_days)
    reasons: list[Reason] = []
    for rule in policy.rules:
        reason = checked_reason(rule(context), rule, levels)
        if reason is None:
            continue
        for modifier in policy.modifiers:
            modified = checked_reason(modifier(context, reason), modifier, levels)
            if modified is None or modified.level < reason.level:
                shown = "None" if modified is None else f"level {modified.level}"
                raise RuleResultError(
                    rule_label(modifier),
                    f"expected a modifier to keep or raise level {reason.level}, got {shown}",
                )
            reason = modified
        reasons.append(reason)
    level = policy.level(max(reason.level for reason in reasons)) if reasons else policy.lowest
    return Decision(
        level=level,
        reasons=tuple(reasons),
        review_by=profile.window.end + dt.timedelta(days=level.review_after_days),
        child=profile.child,
        window=profile.window,
        policy=policy,
        assessment_reference=profile.assessment_reference,
    )

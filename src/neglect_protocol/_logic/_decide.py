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


def decide(
    profile: Profile,
    *,
    policy: ThresholdPolicy,
    history: Sequence[Profile] = (),
) -> Decision:
    """Decide the level of need for ``profile`` under ``policy``.

    The public :func:`neglect_protocol.escalation.decide` documents this and
    supplies the default policy.

    Raises:
        PolicyError: If ``policy`` is not a threshold policy.
        ProfileError: If the history is not a sequence of one child's earlier profiles.
        RuleResultError: If a rule or modifier misbehaves.
    """
    context = RuleContext(profile, history, policy)
    levels = context.levels
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

"""Reviewing a chronology under a policy: decisions over time, time on level, drift, step-down."""

from __future__ import annotations

from neglect_protocol._logic._decide import decide, default_policy
from neglect_protocol._logic._trends import BORDERLINE, find_drift, graded
from neglect_protocol._model._chronology import Chronology, ChronologyReview, LevelSpell, StepDown
from neglect_protocol._model._escalation import LevelOfNeed, ThresholdPolicy


def review(
    chronology: Chronology,
    *,
    policy: ThresholdPolicy | None = None,
    current_level: int | None = None,
) -> ChronologyReview:
    """Review one child's chronology: a decision per assessment, time on level, drift, step-down.

    Each assessment is decided with the assessments before it as its history.
    Drift is judged against the policy's drift period. A step-down is proposed
    when the latest decision is lower than the level the child is at: by default
    the level decided at the previous assessment; pass ``current_level`` when the
    child is at another level (after a professional override, say).

    Args:
        chronology: The child's chronology.
        policy: The threshold policy; by default
            :data:`~neglect_protocol.escalation.DEFAULT_POLICY`.
        current_level: The number of the level the child is at now, if not the
            one decided at the previous assessment.

    Returns:
        The review.

    Raises:
        PolicyError: If ``current_level`` is not one of the policy's levels.
        RuleResultError: If a rule of the policy misbehaves (see
            :func:`~neglect_protocol.escalation.decide`).
    """
    if policy is None:
        policy = default_policy()
    profiles = chronology.profiles
    decisions = tuple(
        decide(profile, policy=policy, history=profiles[:index])
        for index, profile in enumerate(profiles)
    )
    latest = decisions[-1]
    start = len(decisions) - 1
    while start > 0 and decisions[start - 1].level == latest.level:
        start -= 1
    since = profiles[start].window.end
    spell = LevelSpell(
        level=latest.level,
        since=since,
        days=(profiles[-1].window.end - since).days,
        assessments=len(decisions) - start,
    )
    at: LevelOfNeed | None = None
    if current_level is not None:
        at = policy.level(current_level)
    elif len(decisions) > 1:
        at = decisions[-2].level
    step_down = None
    if at is not None and latest.level.number < at.number:
        before = graded(profiles[-2]) if len(profiles) > 1 else {}
        now = graded(profiles[-1])
        resolved = tuple(
            code
            for code, grade in before.items()
            if grade >= BORDERLINE and (after := now.get(code)) is not None and after < BORDERLINE
        )
        step_down = StepDown(from_level=at, to_level=latest.level, resolved=resolved)
    return ChronologyReview(
        chronology=chronology,
        decisions=decisions,
        time_on_level=spell,
        drift=find_drift(profiles, policy.drift_period_days),
        step_down=step_down,
    )

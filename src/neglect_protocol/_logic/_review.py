"""Reviewing a chronology under a policy: decisions over time, time on level, drift, step-down."""

from __future__ import annotations

from neglect_protocol._logic._decide import decide
from neglect_protocol._logic._trends import find_drift, graded, latest_gradings
from neglect_protocol._model._checks import got
from neglect_protocol._model._chronology import (
    Chronology,
    ChronologyReview,
    LevelFall,
    LevelSpell,
)
from neglect_protocol._model._escalation import Decision, LevelOfNeed, ThresholdPolicy
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import PolicyError, ProfileError


def _unmodified_level(decision: Decision) -> int:
    """The level a decision would have had if no modifier had stepped a reason up."""
    return max(
        (reason.stepped_up_from or reason.level for reason in decision.reasons),
        default=decision.policy.lowest.number,
    )


def _concerns_since(
    profiles: tuple[Profile, ...], grade: Grade
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What became of the earlier concerns at the latest profile: resolved, and not reassessed.

    An earlier concern is a code whose most recent grade before the latest
    profile was ``grade`` or worse. Codes the latest profile's instrument does
    not have (GCP2A sections once the child has a GCP2) were superseded, not
    left unassessed.
    """
    latest = profiles[-1]
    now = graded(latest)
    earlier = latest_gradings([graded(profile) for profile in profiles[:-1]])
    resolved: list[str] = []
    not_reassessed: list[str] = []
    for entry in latest:
        before = earlier.get(entry.code)
        if before is None or before.grade < grade:
            continue
        after = now.get(entry.code)
        if after is None:
            not_reassessed.append(entry.code)
        elif after < grade:
            resolved.append(entry.code)
    return tuple(resolved), tuple(not_reassessed)


def review(
    chronology: Chronology,
    *,
    policy: ThresholdPolicy,
    current_level: int | None = None,
) -> ChronologyReview:
    """Review one child's chronology under ``policy``.

    The public :func:`neglect_protocol.chronology.review` documents this and
    supplies the default policy.

    Raises:
        ProfileError: If ``chronology`` is not a chronology.
        PolicyError: If ``policy`` is not a threshold policy, or
            ``current_level`` is not one of its levels.
        RuleResultError: If a rule of the policy misbehaves.
    """
    if not isinstance(chronology, Chronology):
        raise ProfileError(
            "chronology",
            f"expected a Chronology (build one from the profiles), got {got(chronology)}",
        )
    if not isinstance(policy, ThresholdPolicy):
        raise PolicyError("policy", f"expected a ThresholdPolicy, got {got(policy)}")
    at: LevelOfNeed | None = None if current_level is None else policy.level(current_level)
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
    previous = decisions[-2] if len(decisions) > 1 else None
    if at is None and previous is not None:
        at = previous.level
    resolved, not_reassessed = _concerns_since(profiles, policy.concern_grade)
    fall = None
    if at is not None and latest.level.number < at.number:
        fall = LevelFall(
            from_level=at,
            to_level=latest.level,
            resolved=resolved,
            not_reassessed=not_reassessed,
            modifier_lapsed=previous is not None
            and any(reason.stepped_up_from is not None for reason in previous.reasons)
            and all(reason.stepped_up_from is None for reason in latest.reasons),
            unmodified_from=None if previous is None else _unmodified_level(previous),
        )
    return ChronologyReview(
        chronology=chronology,
        decisions=decisions,
        time_on_level=spell,
        drift=find_drift(profiles, policy.drift_period_days, policy.concern_grade),
        not_reassessed=not_reassessed,
        level_fall=fall,
    )

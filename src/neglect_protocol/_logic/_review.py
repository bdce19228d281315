"""Reviewing a chronology under a policy: decisions over time, time on level, drift, step-down."""

from __future__ import annotations

from neglect_protocol._logic._decide import check_roll_up, compiled, decided
from neglect_protocol._logic._rule_context import RuleContext
from neglect_protocol._logic._trends import Trail, graded
from neglect_protocol._model._checks import got
from neglect_protocol._model._chronology import (
    Chronology,
    ChronologyReview,
    LevelFall,
    LevelSpell,
)
from neglect_protocol._model._decision import Decision
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._policy import LevelOfNeed, ThresholdPolicy
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import AssessmentError, PolicyError


def _unmodified_level(decision: Decision) -> int:
    """The level a decision would have had if no modifier had stepped a reason up."""
    return max(
        (reason.stepped_up_from or reason.level for reason in decision.reasons),
        default=decision.policy.lowest.number,
    )


def _concerns_since(
    latest: Profile, now: dict[str, Grade], trail: Trail, grade: Grade
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What became of the earlier concerns at the latest profile: resolved, and not reassessed.

    An earlier concern is a code whose most recent grade before the latest
    profile (in ``trail``) was ``grade`` or worse. Codes the latest profile's
    instrument does not have (GCP2A sections once the child has a GCP2) were
    superseded, not left unassessed.
    """
    resolved: list[str] = []
    not_reassessed: list[str] = []
    for entry in latest:
        before = trail.latest(entry.code)
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
    allow_non_monotone: bool = False,
) -> ChronologyReview:
    """Review one child's chronology under ``policy``.

    The public :func:`neglect_protocol.chronology.review` documents this and
    supplies the default policy.

    Each profile is decided with the profiles before it as history, as
    :func:`~neglect_protocol._logic._decide.decide` would, but what the history
    says is carried forward in one :class:`~neglect_protocol._logic._trends.Trail`
    rather than read again for every profile, so the review is linear in the
    length of the chronology.

    Raises:
        AssessmentError: If ``chronology`` is not a chronology.
        PolicyError: If ``policy`` is not a threshold policy,
            ``current_level`` is not one of its levels, or the policy needs a
            monotone roll-up that a profile lacks (unless ``allow_non_monotone``).
        PolicyError: If a rule of the policy misbehaves.
    """
    if not isinstance(chronology, Chronology):
        raise AssessmentError(
            "chronology",
            f"expected a Chronology (build one from the profiles), got {got(chronology)}",
        )
    if not isinstance(policy, ThresholdPolicy):
        raise PolicyError("policy", f"expected a ThresholdPolicy, got {got(policy)}")
    at: LevelOfNeed | None = None if current_level is None else policy.level(current_level)
    profiles = chronology.profiles
    non_monotone = check_roll_up(profiles, policy, allow_non_monotone=allow_non_monotone)
    plan = compiled(policy)
    trail = Trail(policy.concern_grade)
    made: list[Decision] = []
    now: dict[str, Grade] = {}
    for index, profile in enumerate(profiles):
        now = graded(profile)
        if index == len(profiles) - 1:
            # Read before the latest profile joins the trail: they compare it with the rest.
            drift = trail.drift(profile, policy.drift_period_days)
            resolved, not_reassessed = _concerns_since(profile, now, trail, policy.concern_grade)
        context = RuleContext._built(profile, profiles[:index], policy, trail, now)
        made.append(decided(context, plan, non_monotone))
        trail.add(profile, now)
    decisions = tuple(made)
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
        drift=drift,
        not_reassessed=not_reassessed,
        level_fall=fall,
    )

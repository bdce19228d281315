"""Chronologies of one child's assessments, and reviews of them under a threshold policy.

A chronology orders a child's profiles by the end of their observation windows:
the first is the baseline, the rest are reviews. It shows how each area and
sub-area moved and which targeted items were met; :func:`review` adds a decision
for each assessment, the time spent at the current level, drift (concerns that
stay concerns for longer than the policy allows), earlier concerns the latest
assessment did not reassess, and step-down proposals.

>>> import datetime as dt
>>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating
>>> child = ChildRef("C-0001", date_of_birth=dt.date(2016, 5, 10))
>>> def assessed(start, end, grades):
...     window = ObservationWindow(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
...     return Assessment(child, window, tuple(Rating(c, g) for c, g in grades.items()))
>>> chronology = Chronology.from_assessments([
...     assessed("2024-01-08", "2024-01-26", {"A1": 3, "A4": 3, "B2": 2}),
...     assessed("2024-09-02", "2024-09-20", {"A1": 3, "A4": 2, "B2": 3}),
... ])
>>> for change in chronology.changes():
...     print(change)
A Physical care: 3 to 3 (same)
A1 Nutrition: 3 to 3 (same)
A4 Hygiene: 3 to 2 (better)
B Care of safety: 2 to 3 (worse)
B2 Safety in the carer's absence: 2 to 3 (worse)
>>> print(review(chronology).drift.codes, review(chronology).drift.days)
('A', 'A1') 238
"""

from __future__ import annotations

from neglect_protocol._api import publish
from neglect_protocol._logic import _review
from neglect_protocol._model._chronology import (
    Chronology,
    ChronologyReview,
    DriftFinding,
    EntryChange,
    GradeChange,
    LevelFall,
    LevelSpell,
    StepDown,
)
from neglect_protocol._model._escalation import ThresholdPolicy
from neglect_protocol.escalation import DEFAULT_POLICY

__all__ = [
    "Chronology",
    "ChronologyReview",
    "DriftFinding",
    "EntryChange",
    "GradeChange",
    "LevelFall",
    "LevelSpell",
    "StepDown",
    "review",
]


publish(
    __name__,
    Chronology,
    ChronologyReview,
    DriftFinding,
    EntryChange,
    GradeChange,
    LevelFall,
    LevelSpell,
    StepDown,
)


def review(
    chronology: Chronology,
    *,
    policy: ThresholdPolicy | None = None,
    current_level: int | None = None,
) -> ChronologyReview:
    """Review one child's chronology: a decision per assessment, time on level, drift, step-down.

    Each assessment is decided with the assessments before it as its history.
    Drift is judged against the policy's drift period and concern grade. The
    level falls when the latest decision is lower than the level the child is
    at: by default the level decided at the previous assessment; pass
    ``current_level`` when the child is at another level (after a professional
    override, say). A fall is proposed as a step-down only when a concern has
    resolved, every earlier concern was reassessed, and the fall is not only the
    infant modifier ceasing to apply (see :class:`LevelFall`).

    Args:
        chronology: The child's chronology.
        policy: The threshold policy; by default
            :data:`~neglect_protocol.escalation.DEFAULT_POLICY`.
        current_level: The number of the level the child is at now, if not the
            one decided at the previous assessment.

    Returns:
        The review.

    Raises:
        ProfileError: If ``chronology`` is not a :class:`Chronology`.
        PolicyError: If ``policy`` is not a threshold policy, or
            ``current_level`` is not one of its levels.
        RuleResultError: If a rule of the policy misbehaves (see
            :func:`~neglect_protocol.escalation.decide`).
    """
    return _review.review(
        chronology,
        policy=DEFAULT_POLICY if policy is None else policy,
        current_level=current_level,
    )


def __dir__() -> list[str]:
    return __all__

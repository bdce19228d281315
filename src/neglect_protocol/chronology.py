"""Chronologies of one child's assessments, and reviews of them under a threshold policy.

A chronology orders a child's profiles by the end of their observation windows:
the first is the baseline, the rest are reviews. It shows how each area and
sub-area moved and which targeted items were met; :func:`review` adds a decision
for each assessment, the time spent at the current level, drift (concerns that
stay concerns for longer than the policy allows), earlier concerns the latest
assessment did not reassess, and step-down proposals.

>>> import datetime as dt
>>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating
>>> from neglect_protocol.chronology import from_assessments, review
>>> child = ChildRef("C-0001", date_of_birth=dt.date(2016, 5, 10))
>>> def assessed(start, end, grades):
...     window = ObservationWindow(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
...     return Assessment(child, window, tuple(Rating(c, g) for c, g in grades.items()))
>>> chronology = from_assessments([
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

from collections.abc import Iterable
from typing import Any, Literal

from neglect_protocol._api import attach_views, publish_exports
from neglect_protocol._logic import _review
from neglect_protocol._logic._rules import RollUpRule, worst
from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._checks import got
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
from neglect_protocol._model._policy import ThresholdPolicy
from neglect_protocol.errors import AssessmentError
from neglect_protocol.escalation import DEFAULT_POLICY
from neglect_protocol.profile import score

__all__ = [
    "Chronology",
    "ChronologyReview",
    "DriftFinding",
    "EntryChange",
    "GradeChange",
    "LevelFall",
    "LevelSpell",
    "StepDown",
    "from_assessments",
    "review",
]


publish_exports(globals())


def from_assessments(
    assessments: Iterable[Assessment],
    *,
    catalogue: Catalogue | None = None,
    rule: RollUpRule = worst,
) -> Chronology:
    """Score each of one child's assessments and order the profiles into a chronology.

    Args:
        assessments: One child's assessments, in any order.
        catalogue: The catalogue to score against; by default the built-in one
            for each assessment's instrument (so GCP2A and GCP2 assessments of the
            same child can be mixed).
        rule: The roll-up rule for suggested grades (see
            :mod:`neglect_protocol.rules`); by default ``worst``.

    Returns:
        The chronology.

    Raises:
        AssessmentError: If ``assessments`` is not a sequence of assessments, or
            they are not one child's history.
    """
    if isinstance(assessments, (str, Assessment)) or not isinstance(assessments, Iterable):
        raise AssessmentError(
            "assessments", f"expected a sequence of assessments, got {got(assessments)}"
        )
    given = list(assessments)
    for index, assessment in enumerate(given):
        if not isinstance(assessment, Assessment):
            raise AssessmentError(
                f"assessments[{index}]", f"expected an Assessment, got {got(assessment)}"
            )
    return Chronology(score(assessment, catalogue=catalogue, rule=rule) for assessment in given)


def review(
    chronology: Chronology,
    *,
    policy: ThresholdPolicy | None = None,
    current_level: int | None = None,
    allow_non_monotone: bool = False,
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
        allow_non_monotone: Review even if a profile has grades suggested by a
            roll-up rule not known to be monotone (see
            :func:`~neglect_protocol.escalation.decide`).

    Returns:
        The review.

    Raises:
        AssessmentError: If ``chronology`` is not a :class:`Chronology`.
        PolicyError: If ``policy`` is not a threshold policy,
            ``current_level`` is not one of its levels, or the policy requires a
            monotone roll-up that a profile lacks (unless ``allow_non_monotone``).
        PolicyError: If a rule of the policy misbehaves (see
            :func:`~neglect_protocol.escalation.decide`).
    """
    return _review.review(
        chronology,
        policy=DEFAULT_POLICY if policy is None else policy,
        current_level=current_level,
        allow_non_monotone=allow_non_monotone,
    )


def __dir__() -> list[str]:
    return __all__


def _chronology_records(
    chronology: Chronology, *, layout: Literal["long", "wide"] = "long"
) -> list[dict[str, Any]]:
    """Plain dict rows of the profiles, oldest first (see :mod:`neglect_protocol.records`)."""
    from neglect_protocol._boundary._records import profile_records

    return profile_records(chronology.profiles, layout=layout)


def _chronology_html(chronology: Chronology) -> str:
    """The grades of each assessment side by side as HTML, for notebooks."""
    from neglect_protocol._boundary._escalation_html import chronology_html

    return chronology_html(chronology)


def _review_records(review: ChronologyReview) -> list[dict[str, Any]]:
    """A plain dict row per assessment's decision, oldest first."""
    from neglect_protocol._boundary._records import decision_records

    return decision_records(review.decisions)


def _review_html(review: ChronologyReview) -> str:
    """The levels decided over time and the review's findings as HTML, for notebooks."""
    from neglect_protocol._boundary._escalation_html import review_html

    return review_html(review)


attach_views(Chronology, html=_chronology_html, records=_chronology_records)
attach_views(ChronologyReview, html=_review_html, records=_review_records)

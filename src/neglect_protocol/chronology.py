"""Chronologies of one child's assessments, and reviews of them under a threshold policy.

A chronology orders a child's profiles by the end of their observation windows:
the first is the baseline, the rest are reviews. It shows how each area and
sub-area moved and which targeted items were met; :func:`review` adds a decision
for each assessment, the time spent at the current level, drift (concerns going
without improvement for longer than the policy allows) and step-down proposals.

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
>>> print(review(chronology).drift)
Drift: A, A1 graded 3 or worse without improving since 2024-01-26 (238 days; the policy allows 182)
"""

from neglect_protocol._api import publish
from neglect_protocol._logic._review import review
from neglect_protocol._model._chronology import (
    Chronology,
    ChronologyReview,
    DriftFinding,
    EntryChange,
    GradeChange,
    LevelSpell,
    StepDown,
)

__all__ = [
    "Chronology",
    "ChronologyReview",
    "DriftFinding",
    "EntryChange",
    "GradeChange",
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
    LevelSpell,
    StepDown,
    review,
)


def __dir__() -> list[str]:
    return __all__

"""Small builders shared by the escalation, chronology and policy-file tests."""

from __future__ import annotations

import datetime as dt

from neglect_protocol import (
    GCP2A,
    Assessment,
    ChildRef,
    Instrument,
    ObservationWindow,
    Profile,
    Rating,
    TargetedItem,
    score,
)

SCHOOL_CHILD = ChildRef("C-0100", date_of_birth=dt.date(2016, 5, 10))


def window(start: str, end: str) -> ObservationWindow:
    """An observation window from ISO dates."""
    return ObservationWindow(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def profile(
    grades: dict[str, int],
    *,
    child: ChildRef = SCHOOL_CHILD,
    start: str = "2024-01-08",
    end: str = "2024-01-26",
    targets: tuple[TargetedItem, ...] = (),
    reference: str | None = None,
) -> Profile:
    """A GCP2 profile of sub-area or area grades (GCP2A when the codes are sections)."""
    ratings = tuple(Rating(code, grade) for code, grade in grades.items())
    antenatal = any(code.startswith("S") for code in grades)
    assessment = Assessment(
        child,
        window(start, end),
        ratings,
        instrument=Instrument.GCP2A if antenatal else Instrument.GCP2,
        targets=targets,
        reference=reference,
    )
    return score(assessment, catalogue=GCP2A if antenatal else None)


def series(*grades: dict[str, int], child: ChildRef = SCHOOL_CHILD) -> tuple[Profile, ...]:
    """Profiles of one child, the first window in January 2024 and one every 13 weeks."""
    first = dt.date(2024, 1, 8)
    result = []
    for index, each in enumerate(grades):
        start = first + dt.timedelta(weeks=13 * index)
        end = start + dt.timedelta(days=18)
        result.append(profile(each, child=child, start=start.isoformat(), end=end.isoformat()))
    return tuple(result)

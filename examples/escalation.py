"""A baseline and two reviews for an invented child, decided under the example policy.

Everything here is invented: the child, the family, the practitioners, the grades
and the evidence. The story is the one the county's case review warned about:
borderline care in several areas that never quite improves, until the drift is
made visible and the case steps up.

Run it with ``python examples/escalation.py``.
"""

from __future__ import annotations

import datetime as dt

from neglect_protocol import (
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
)
from neglect_protocol.chronology import from_assessments, review
from neglect_protocol.display import format_decision, format_review
from neglect_protocol.escalation import DEFAULT_POLICY

CHILD = ChildRef("CHILD-INVENTED-0107", date_of_birth=dt.date(2016, 5, 10))
CARERS = (Carer("CARER-INVENTED-21", role="father"),)
PRACTITIONERS = (Practitioner("PRAC-INVENTED-8", agency="school"),)

# Sub-area grades at the baseline and at each review. The practitioner graded
# sub-areas directly; area grades are suggested by the default roll-up (worst).
BASELINE = {"A1": 3, "A2": 2, "A3": 2, "A4": 3, "A5": 3, "B1": 2, "B2": 3}
BASELINE |= {"C1": 2, "C2": 2, "D1": 3, "D2": 2, "D3": 2, "D4": 1}
FIRST_REVIEW = BASELINE | {"A5": 2}  # dental care sorted out; nothing else moves
SECOND_REVIEW = FIRST_REVIEW | {"A4": 4}  # hygiene slips further


def assessment(
    reference: str,
    start: dt.date,
    end: dt.date,
    grades: dict[str, int],
    targets: tuple[TargetedItem, ...] = (),
) -> Assessment:
    """One invented assessment of the child, with invented evidence for each grade."""
    ratings = tuple(
        Rating(code, grade, evidence=f"Invented: evidence for {code}.")
        for code, grade in grades.items()
    )
    return Assessment(
        child=CHILD,
        window=ObservationWindow(start, end),
        ratings=ratings,
        carers=CARERS,
        practitioners=PRACTITIONERS,
        targets=targets,
        reference=reference,
    )


def assessments() -> list[Assessment]:
    """The baseline and two reviews, given newest first to show the chronology sorts them."""
    baseline = assessment(
        "GCP2-INVENTED-0107-1",
        dt.date(2024, 1, 8),
        dt.date(2024, 1, 26),
        BASELINE,
        targets=(
            TargetedItem(
                "A5", 3, 2, review_by=dt.date(2024, 5, 10), grade_at_review=2
            ),  # met at the first review
            TargetedItem("A1", 3, 2, review_by=dt.date(2024, 5, 10), grade_at_review=3),  # missed
        ),
    )
    first_review = assessment(
        "GCP2-INVENTED-0107-2",
        dt.date(2024, 4, 22),
        dt.date(2024, 5, 10),
        FIRST_REVIEW,
        targets=(TargetedItem("A4", 3, 2, review_by=dt.date(2024, 9, 20), grade_at_review=4),),
    )
    second_review = assessment(
        "GCP2-INVENTED-0107-3", dt.date(2024, 9, 2), dt.date(2024, 9, 20), SECOND_REVIEW
    )
    return [second_review, first_review, baseline]


def main() -> None:
    """Build the chronology, decide each assessment and print the review."""
    chronology = from_assessments(assessments())
    findings = review(chronology, policy=DEFAULT_POLICY)
    for label, decision in zip(
        ("Baseline", "Review 1", "Review 2"), findings.decisions, strict=True
    ):
        print(f"== {label} ==")
        print(format_decision(decision))
        print()
    print("== Review of the chronology ==")
    print(format_review(findings))


if __name__ == "__main__":
    main()

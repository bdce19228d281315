"""The infant pathway end to end: GCP2A before and after the birth, then GCP2 as the baby grows.

For unborn children and those under one, the GCP2A sections feed the same
decision machinery as GCP2's sub-areas, and the example policy's infant modifier
steps every reason up a level: the same grades are more urgent for a baby. Each
decision is printed beside the level the same profile would get without the
modifier. The baby is nine months old (in completed months, on the first day of
the window) at the first GCP2 and fifteen months at the second. By then the
modifier no longer applies: nutrition and hygiene have improved, but health has
not, and without the modifier the level would not have fallen. So the review
does not propose a step-down for the resolved concerns; it says the level falls
because the modifier no longer applies.

Everything here is invented: the child, the family, the grades and the evidence.

Run it with ``python examples/infant_pathway.py``.
"""

from __future__ import annotations

import datetime as dt

import attrs

from neglect_protocol import (
    Assessment,
    Carer,
    ChildRef,
    Instrument,
    ObservationWindow,
    Practitioner,
    Rating,
)
from neglect_protocol.chronology import from_assessments, review
from neglect_protocol.display import format_decision, format_review
from neglect_protocol.escalation import DEFAULT_POLICY, decide

EXPECTED = dt.date(2025, 3, 14)
BORN = dt.date(2025, 3, 10)
UNBORN = ChildRef("CHILD-INVENTED-0311", expected_delivery_date=EXPECTED)
# The record gains a date of birth; the chronology knows it is the same child.
BABY = ChildRef("CHILD-INVENTED-0311", date_of_birth=BORN, expected_delivery_date=EXPECTED)
CARERS = (Carer("CARER-INVENTED-40", role="mother"),)
MIDWIFE = (Practitioner("PRAC-INVENTED-15", agency="midwifery"),)
HEALTH_VISITOR = (Practitioner("PRAC-INVENTED-16", agency="health visiting"),)

WITHOUT_MODIFIER = attrs.evolve(DEFAULT_POLICY, modifiers=())


def assessment(
    child: ChildRef,
    days: tuple[dt.date, dt.date],
    grades: dict[str, int],
    practitioners: tuple[Practitioner, ...],
    reference: str,
) -> Assessment:
    """One invented assessment: GCP2A when the codes are its sections, else GCP2."""
    antenatal = all(code.startswith("S") for code in grades)
    return Assessment(
        child,
        ObservationWindow(*days),
        tuple(
            Rating(code, grade, evidence=f"Invented: what was seen for {code}.")
            for code, grade in grades.items()
        ),
        instrument=Instrument.GCP2A if antenatal else Instrument.GCP2,
        carers=CARERS,
        practitioners=practitioners,
        reference=reference,
    )


def assessments() -> list[Assessment]:
    """An antenatal GCP2A, a postnatal GCP2A at four weeks, and GCP2s at nine and fifteen months."""
    return [
        assessment(
            UNBORN,
            (dt.date(2024, 12, 2), dt.date(2024, 12, 20)),
            {"S1": 3, "S2": 3},
            MIDWIFE,
            "GCP2A-INVENTED-0311-1",
        ),
        assessment(
            BABY,
            (dt.date(2025, 4, 7), dt.date(2025, 4, 25)),
            {"S3": 3},
            HEALTH_VISITOR,
            "GCP2A-INVENTED-0311-2",
        ),
        assessment(
            BABY,
            (dt.date(2026, 1, 5), dt.date(2026, 1, 23)),
            {"A1": 3, "A2": 2, "A4": 3, "A5": 3, "B1": 2, "C1": 2, "D1": 2},
            HEALTH_VISITOR,
            "GCP2-INVENTED-0311-3",
        ),
        assessment(
            BABY,
            (dt.date(2026, 7, 6), dt.date(2026, 7, 24)),
            {"A1": 2, "A2": 2, "A4": 2, "A5": 3, "B1": 2, "C1": 2, "D1": 2},
            HEALTH_VISITOR,
            "GCP2-INVENTED-0311-4",
        ),
    ]


def main() -> None:
    """Decide each assessment with and without the infant modifier, then review them."""
    chronology = from_assessments(assessments())
    for index, profile in enumerate(chronology):
        history = chronology.profiles[:index]
        decision = decide(profile, policy=DEFAULT_POLICY, history=history)
        plain = decide(profile, policy=WITHOUT_MODIFIER, history=history)
        print(f"== {profile.instrument.value}, window ending {profile.window.end} ==")
        print(format_decision(decision))
        print(f"  Without the infant modifier: level {plain.level.number} ({plain.level.name})")
        print()
    print("== Review of the chronology ==")
    print(format_review(review(chronology, policy=DEFAULT_POLICY)))


if __name__ == "__main__":
    main()

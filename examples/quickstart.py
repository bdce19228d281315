"""Score a first GCP2 assessment for an invented family and print its profile.

Everything here is invented: the child, the family, the practitioner, the item
wording (from ``invented_catalogue.toml``) and the evidence.

Run it with ``make demo``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from neglect_protocol import (
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
    format_profile,
    load_catalogue,
    score,
)

HERE = Path(__file__).resolve().parent


def build_assessment() -> Assessment:
    """An invented baseline assessment of a six-year-old, graded mostly at item level."""
    child = ChildRef("CHILD-INVENTED-0042", date_of_birth=dt.date(2018, 1, 15))
    window = ObservationWindow(dt.date(2024, 3, 4), dt.date(2024, 3, 22))
    ratings = (
        Rating("A1a", 3, evidence="Invented: no set mealtime seen on two of four visits."),
        Rating("A1b", 2, evidence="Invented: cupboards stocked at each visit."),
        Rating("A2a", 2, evidence="Invented: repairs reported and done."),
        Rating("A2b", 4, evidence="Invented: no hot water on two visits."),
        Rating("A3a", 2, evidence="Invented: coat and shoes suit the weather."),
        Rating("A4a", 4, evidence="Invented: child arrived at school unwashed three days."),
        Rating("A4b", 3, evidence="Invented: no toothbrush found."),
        Rating("A5a", 3, evidence="Invented: one dental appointment missed."),
        Rating("B1a", 2, evidence="Invented: stair gate fitted."),
        Rating("B2a", 3, evidence="Invented: left with a 12-year-old sibling once."),
        Rating("B2b", 2, evidence="Invented: tablet has a child profile."),
        # The practitioner graded this sub-area directly, better than its item: a
        # discrepancy the profile will flag for a second look.
        Rating("C1", 2, evidence="Invented: warm response when the child fell."),
        Rating("C1a", 4, evidence="Invented: crying ignored during one visit."),
        Rating("C2a", 2, evidence="Invented: reading together at bedtime."),
        Rating("D1b", 2, evidence="Invented: homework checked each evening."),
        Rating("D2a", 1, evidence="Invented: praise heard on every visit."),
        Rating("D3a", 2, evidence="Invented: calm explanation of a rule."),
        Rating("D4a", 1, carer_comment="Invented: 'She is a funny, kind girl.'"),
    )
    return Assessment(
        child=child,
        window=window,
        ratings=ratings,
        carers=(Carer("CARER-INVENTED-7", role="mother"),),
        practitioners=(Practitioner("PRAC-INVENTED-3", agency="school"),),
        targets=(
            TargetedItem("A4a", current_grade=4, target_grade=2, review_by=dt.date(2024, 6, 21)),
            TargetedItem("A2b", current_grade=4, target_grade=2, review_by=dt.date(2024, 5, 3)),
        ),
        reference="GCP2-INVENTED-0001",
    )


def main() -> None:
    """Load the invented catalogue, score the assessment and print the profile."""
    catalogue = load_catalogue(HERE / "invented_catalogue.toml")
    profile = score(build_assessment(), catalogue=catalogue)
    print(format_profile(profile))


if __name__ == "__main__":
    main()

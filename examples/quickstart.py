"""Score a first GCP2 assessment for an invented family with the library, in Python.

Builds the assessment in code, scores it, prints the profile once under a heading,
and then reads a few figures from the profile as Python values. (``make demo``
then scores the same assessment, stored as ``invented_assessment.json``, with the
``neglect-protocol`` command.) Needs only the package and its runtime
dependencies, attrs and cattrs.

Everything here is invented: the child, the family, the practitioner, the item
wording (from ``invented_catalogue.toml``) and the evidence.

Run it with ``make demo``, or ``python examples/quickstart.py``.
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
    ProfileEntry,
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


def listed(entries: tuple[ProfileEntry, ...]) -> str:
    """Codes and grades, such as ``A (4), A2 (4)``."""
    return ", ".join(f"{entry.code} ({entry.grade})" for entry in entries) or "none"


def main() -> None:
    """Load the invented catalogue, score the assessment and print what it shows."""
    catalogue = load_catalogue(HERE / "invented_catalogue.toml")
    profile = score(build_assessment(), catalogue=catalogue)
    print("-- The profile, as format_profile(profile) prints it --")
    print(format_profile(profile))
    print()
    print("-- The same profile read as Python values --")
    print(f'profile["A"].grade        = {profile["A"].grade!r}')
    print(f"profile.worst_area_grade  = {profile.worst_area_grade!r}")
    print(f"profile.concerns          = {listed(profile.concerns)}")
    print(f"profile.discrepancies     = {listed(profile.discrepancies)}")


if __name__ == "__main__":
    main()

"""Plain-text rendering of profiles for terminals, logs of results and examples."""

from __future__ import annotations

from neglect_protocol._model._grade import Grade
from neglect_protocol._model._profile import Profile, ProfileEntry
from neglect_protocol.errors import safe_repr


def _grade(grade: Grade | None) -> str:
    return "-" if grade is None else str(grade.value)


def _names(entries: tuple[ProfileEntry, ...]) -> str:
    if not entries:
        return "none"
    return "; ".join(f"{entry.code} {entry.name} ({_grade(entry.grade)})" for entry in entries)


def format_profile(profile: Profile) -> str:
    """Render a profile as a plain-text table with its headline figures.

    The table lists each area followed by its sub-areas, with the grade used,
    where it came from and the rule's suggestion; then the worst area grade, the
    count of units at each grade, strengths, concerns, discrepancies and what is
    ungraded. Free text (evidence, comments) is never part of a profile, so never
    part of this rendering.

    Args:
        profile: The profile to render.

    Returns:
        The text, one line per row, without a final newline.
    """
    unit = "sub-area" if profile.sub_areas else "section"
    lines = [
        f"{profile.instrument.value} profile for child {profile.child.reference}, observed "
        f"{profile.window.start.isoformat()} to {profile.window.end.isoformat()} "
        f"(catalogue {profile.catalogue_name} {profile.catalogue_version}; suggestions by rule "
        f"{safe_repr(profile.rule)})",
        "",
        f"{'code':<5} {'name':<38} {'grade':>5}  {'source':<9}  {'suggested':>9}  note",
    ]
    for entry in profile:
        indent = "" if entry.is_area else "  "
        name = f"{indent}{entry.name}"
        source = entry.source.value if entry.source is not None else "ungraded"
        note = (
            f"discrepancy: worst beneath is {_grade(entry.worst_beneath)}"
            if entry.discrepancy
            else ""
        )
        lines.append(
            f"{entry.code:<5} {name:<38} {_grade(entry.grade):>5}  {source:<9}  "
            f"{_grade(entry.suggested):>9}  {note}".rstrip()
        )
    worst = profile.worst_area_grade
    counts = "  ".join(f"{grade.value}: {count}" for grade, count in profile.grade_counts.items())
    lines += [
        "",
        "Worst area grade: "
        + ("none graded" if worst is None else f"{worst.value} ({worst.quality_of_care})"),
        f"{unit.capitalize()}s at each grade: {counts}",
        f"Strengths (1-2): {_names(profile.strengths)}",
        f"Borderline (3): {_names(profile.borderline)}",
        f"Concerns (4-5): {_names(profile.concerns)}",
        "Discrepancies: "
        + (
            "; ".join(
                f"{entry.code} entered {_grade(entry.grade)}, worst beneath "
                f"{_grade(entry.worst_beneath)}"
                for entry in profile.discrepancies
            )
            or "none"
        ),
        f"Ungraded {unit}s: {', '.join(profile.ungraded) or 'none'}",
    ]
    return "\n".join(lines)

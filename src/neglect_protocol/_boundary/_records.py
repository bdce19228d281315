"""Plain dict rows of profiles, for pandas, polars or any table library."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import InvalidArgumentError, safe_repr

if TYPE_CHECKING:
    from neglect_protocol._model._decision import Decision


def _about(profile: Profile) -> dict[str, Any]:
    return {
        "child": profile.child.reference,
        "assessment_reference": profile.assessment_reference,
        "instrument": profile.instrument.value,
        "catalogue": profile.catalogue_name,
        "catalogue_version": profile.catalogue_version,
        "rule": profile.rule,
        "window_start": profile.window.start,
        "window_end": profile.window.end,
    }


def _long_rows(profile: Profile) -> list[dict[str, Any]]:
    """One row per area and sub-area of ``profile``, each area followed by its sub-areas."""
    about = _about(profile)
    return [
        {
            **about,
            "code": entry.code,
            "name": entry.name,
            "level": "area" if entry.is_area else "sub-area",
            "area": entry.area,
            "grade": None if entry.grade is None else entry.grade.value,
            "source": None if entry.source is None else entry.source.value,
            "suggested": None if entry.suggested is None else entry.suggested.value,
            "worst_beneath": None if entry.worst_beneath is None else entry.worst_beneath.value,
            "discrepancy": entry.discrepancy,
        }
        for entry in profile
    ]


def profile_records(
    profiles: Iterable[Profile], *, layout: Literal["long", "wide"] = "long"
) -> list[dict[str, Any]]:
    """Rows for profiles, for ``pandas.DataFrame(rows)`` or ``polars.DataFrame(rows)``.

    Values are plain: text, integers (grades 1 to 5), booleans, dates and ``None``
    for what is ungraded. No free text is included: a profile holds none.

    Args:
        profiles: The profiles, in the order the rows should follow (a list of
            one for a single profile).
        layout: ``"long"`` (a "tidy" table): one row per area or sub-area of each
            profile, each area followed by its sub-areas, with the keys
            ``PROFILE_KEYS`` then ``ENTRY_KEYS``. ``"wide"``: one
            row per profile, with ``PROFILE_KEYS``, then ``worst_area_grade``, ``units_at_1`` to
            ``units_at_5`` (how many sub-areas, or GCP2A sections, sit at each
            grade), ``ungraded_units`` and ``discrepancies``, then one column per
            code holding the grade used. Every wide row has the same keys, in the
            order codes first appear, with ``None`` where a profile lacks a code.

    Returns:
        The rows.

    Raises:
        InvalidArgumentError: If ``layout`` is neither ``"long"`` nor ``"wide"``, or
            ``profiles`` is a single profile rather than a collection of them.

    >>> from neglect_protocol.records import profile_records
    >>> import datetime as dt
    >>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating, score
    >>> child = ChildRef("C-1", date_of_birth=dt.date(2019, 4, 2))
    >>> window = ObservationWindow(dt.date(2024, 2, 5), dt.date(2024, 2, 23))
    >>> profile = score(Assessment(child, window, (Rating("A1", 3),)))
    >>> row = profile_records([profile], layout="wide")[0]
    >>> row["A"], row["A1"], row["B"], row["units_at_3"]
    (3, 3, None, 1)
    """
    if isinstance(profiles, Profile):
        # A profile is iterable too (over its entries): say so rather than fail inside.
        raise InvalidArgumentError(
            "profiles", "expected a collection of profiles, got one Profile (pass [profile])"
        )
    if layout == "long":
        return [row for profile in profiles for row in _long_rows(profile)]
    if layout != "wide":
        raise InvalidArgumentError("layout", f"expected 'long' or 'wide', got {safe_repr(layout)}")
    cohort = list(profiles)
    codes = list(dict.fromkeys(entry.code for profile in cohort for entry in profile))
    rows = []
    for profile in cohort:
        worst = profile.worst_area_grade
        row = {
            **_about(profile),
            "worst_area_grade": None if worst is None else worst.value,
            **{f"units_at_{grade.value}": count for grade, count in profile.grade_counts.items()},
            "ungraded_units": len(profile.ungraded),
            "discrepancies": len(profile.discrepancies),
        }
        grades = {entry.code: entry.grade for entry in profile}
        for code in codes:
            grade = grades.get(code)
            row[code] = None if grade is None else grade.value
        rows.append(row)
    return rows


def decision_records(decisions: Iterable[Decision]) -> list[dict[str, Any]]:
    """One row per decision, for ``pandas.DataFrame(rows)`` or ``polars.DataFrame(rows)``.

    An override's rationale is free text and is never part of a row; who made the
    override, when, and the level the rules proposed are.

    Args:
        decisions: The decisions, in the order the rows should follow.

    Returns:
        The rows, each with the keys ``DECISION_KEYS``: ``rules`` names the rules
        that fired (comma-separated), ``proposed_level`` is the level before any
        override.
    """
    rows = []
    for decision in decisions:
        record = decision.overridden
        rows.append(
            {
                "child": decision.child.reference,
                "assessment_reference": decision.assessment_reference,
                "window_start": decision.window.start,
                "window_end": decision.window.end,
                "policy": decision.policy.name,
                "policy_version": decision.policy.version,
                "level": decision.level.number,
                "level_name": decision.level.name,
                "review_by": decision.review_by,
                "reasons": len(decision.reasons),
                "rules": ", ".join(dict.fromkeys(reason.rule for reason in decision.reasons)),
                "proposed_level": decision.proposed.level.number,
                "overridden": record is not None,
                "override_by": None if record is None else record.by,
                "override_on": None if record is None else record.on,
            }
        )
    return rows

"""How grades move across one child's profiles: improvement, deterioration, drift."""

from __future__ import annotations

from collections.abc import Sequence

from neglect_protocol._model._chronology import DriftFinding
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._profile import Profile, ProfileEntry

BORDERLINE = Grade.BORDERLINE


def graded(profile: Profile) -> dict[str, Grade]:
    """The grade of every graded area and sub-area of ``profile``, by code."""
    return {entry.code: entry.grade for entry in profile if entry.grade is not None}


def at_or_above(profile: Profile, grade: Grade) -> list[ProfileEntry]:
    """The areas and sub-areas of ``profile`` graded ``grade`` or worse, in profile order."""
    return [entry for entry in profile if entry.grade is not None and entry.grade >= grade]


def unimproved_since(grades_by_profile: Sequence[dict[str, Grade]], code: str, grade: Grade) -> int:
    """Index of the first profile of the latest spell in which ``code`` stayed a concern.

    The spell runs back from the latest profile while the code was graded
    ``grade`` or worse and no better than the profile before it. The latest
    profile must grade ``code`` at ``grade`` or worse.

    Args:
        grades_by_profile: :func:`graded` of each profile, oldest first.
        code: The area or sub-area.
        grade: The grade from which it counts as a concern.
    """
    grades = [by_code.get(code) for by_code in grades_by_profile]
    index = len(grades) - 1
    while index > 0:
        before, now = grades[index - 1], grades[index]
        if before is None or now is None or before < grade or now < before:
            break
        index -= 1
    return index


def find_drift(
    profiles: Sequence[Profile], period_days: int, grade: Grade = BORDERLINE
) -> DriftFinding:
    """Find concerns that have gone without improving for longer than ``period_days``.

    Args:
        profiles: One child's profiles, oldest first (at least one).
        period_days: The policy's drift period.
        grade: The grade from which an area or sub-area counts as a concern.

    Returns:
        The finding, drifting or not.
    """
    latest = profiles[-1]
    end = latest.window.end
    grades_by_profile = [graded(profile) for profile in profiles]
    spells = [
        (entry.code, profiles[unimproved_since(grades_by_profile, entry.code, grade)].window.end)
        for entry in at_or_above(latest, grade)
    ]
    drifted = [(code, since) for code, since in spells if (end - since).days > period_days]
    longest = min((since for _, since in spells), default=None)
    return DriftFinding(
        drifting=bool(drifted),
        codes=tuple(code for code, _ in drifted),
        open_concerns=tuple(code for code, _ in spells),
        since=longest,
        days=0 if longest is None else (end - longest).days,
        period_days=period_days,
    )

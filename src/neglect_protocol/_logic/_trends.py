"""How grades move across one child's profiles: gradings, concern spells, drift.

Every function here skips an assessment that did not grade a code rather than
treating the gap as a change: a partial review says nothing about what it left
out, so it neither ends a concern nor starts one. Where a gap matters, the
positions skipped are returned so that the caller can report them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from neglect_protocol._model._chronology import DriftFinding
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._profile import Profile, ProfileEntry


class Grading(NamedTuple):
    """One grade of one code, and the position of the profile that gave it."""

    position: int
    grade: Grade


def graded(profile: Profile) -> dict[str, Grade]:
    """The grade of every graded area and sub-area of ``profile``, by code."""
    return {entry.code: entry.grade for entry in profile if entry.grade is not None}


def at_or_above(profile: Profile, grade: Grade) -> list[ProfileEntry]:
    """The areas and sub-areas of ``profile`` graded ``grade`` or worse, in profile order."""
    return [entry for entry in profile if entry.grade is not None and entry.grade >= grade]


def counted(profile: Profile, counts: Callable[[ProfileEntry], bool]) -> tuple[ProfileEntry, ...]:
    """The entries a sub-area-counting rule counts: sub-areas, and areas standing in for them.

    Every unit (sub-area, or GCP2A section) for which ``counts`` holds is
    counted. The practitioner's area grades are authoritative (DOMAIN.md
    section 4), so an area for which ``counts`` holds is counted too, once,
    where none of its sub-areas is: an area graded 3 over ungraded sub-areas (or
    over sub-areas graded better) is a concern the area grade alone records. An
    area with a counted sub-area is already counted through it.

    Making a grade worse never shrinks the count: an area that drops out is
    replaced by a sub-area of its own.
    """
    units = [entry for entry in profile.units if counts(entry)]
    covered = {entry.area for entry in units if not entry.is_area}
    with_sub_areas = {entry.area for entry in profile.sub_areas}
    standing_in = {
        entry.code
        for entry in profile.areas
        if entry.code in with_sub_areas and entry.code not in covered and counts(entry)
    }
    return tuple(entry for entry in profile if entry in units or entry.code in standing_in)


def stands_in(profile: Profile, entry: ProfileEntry) -> bool:
    """Whether ``entry`` is an area counted in place of its sub-areas."""
    return entry.is_area and any(sub.area == entry.code for sub in profile.sub_areas)


def gradings(grades_by_profile: Sequence[dict[str, Grade]], code: str) -> list[Grading]:
    """Every grade ``code`` was given, oldest first, skipping profiles that did not grade it."""
    return [
        Grading(position, by_code[code])
        for position, by_code in enumerate(grades_by_profile)
        if code in by_code
    ]


def latest_gradings(grades_by_profile: Sequence[dict[str, Grade]]) -> dict[str, Grading]:
    """The most recent grade of each code, with the position of the profile that gave it."""
    latest: dict[str, Grading] = {}
    for position, by_code in enumerate(grades_by_profile):
        for code, grade in by_code.items():
            latest[code] = Grading(position, grade)
    return latest


def first_gradings(grades_by_profile: Sequence[dict[str, Grade]]) -> dict[str, Grading]:
    """The first grade of each code: each code's own baseline.

    The first assessment that graded a code is its baseline, so an antenatal
    GCP2A, whose sections a GCP2 does not have, does not stand in for the first
    GCP2's baseline of a sub-area.
    """
    first: dict[str, Grading] = {}
    for position, by_code in enumerate(grades_by_profile):
        for code, grade in by_code.items():
            first.setdefault(code, Grading(position, grade))
    return first


def concern_spell(
    grades_by_profile: Sequence[dict[str, Grade]], code: str, grade: Grade
) -> tuple[int, tuple[int, ...]]:
    """Where the latest profile's concern ``code`` became one, and the gaps since.

    The spell runs back from the latest profile over every profile that graded
    the code ``grade`` or worse; it ends only at a profile that graded it
    better. Profiles that did not grade the code are skipped, not spell-breaking.

    Args:
        grades_by_profile: :func:`graded` of each profile, oldest first; the
            latest must grade ``code`` at ``grade`` or worse.
        code: The area or sub-area.
        grade: The grade from which it counts as a concern.

    Returns:
        The position of the first profile of the spell, and the positions within
        the spell of the profiles that did not grade the code.
    """
    start = len(grades_by_profile) - 1
    skipped: list[int] = []
    pending: list[int] = []
    for position in range(start - 1, -1, -1):
        given = grades_by_profile[position].get(code)
        if given is None:
            pending.append(position)
            continue
        if given < grade:
            break
        start = position
        skipped += pending
        pending = []
    return start, tuple(sorted(skipped))


def find_drift(
    profiles: Sequence[Profile],
    period_days: int,
    grade: Grade,
    grades_by_profile: Sequence[dict[str, Grade]] | None = None,
) -> DriftFinding:
    """Find concerns that have stayed concerns for longer than ``period_days``.

    Args:
        profiles: One child's profiles, oldest first (at least one).
        period_days: The policy's drift period.
        grade: The policy's concern grade.
        grades_by_profile: :func:`graded` of each profile, when already worked out.

    Returns:
        The finding, drifting or not.
    """
    end = profiles[-1].window.end
    if grades_by_profile is None:
        grades_by_profile = [graded(profile) for profile in profiles]
    spells: list[tuple[str, int]] = []
    not_graded: list[tuple[str, int]] = []
    for entry in at_or_above(profiles[-1], grade):
        start, skipped = concern_spell(grades_by_profile, entry.code, grade)
        spells.append((entry.code, start))
        not_graded += [(entry.code, position) for position in skipped]
    drifted = [
        code for code, start in spells if (end - profiles[start].window.end).days > period_days
    ]
    longest = min((start for _, start in spells), default=None)
    since = None if longest is None else profiles[longest].window.end
    return DriftFinding(
        drifting=bool(drifted),
        codes=tuple(drifted),
        open_concerns=tuple(code for code, _ in spells),
        since=since,
        days=0 if since is None else (end - since).days,
        period_days=period_days,
        grade=grade,
        not_graded=tuple((code, profiles[position].window.end) for code, position in not_graded),
    )

"""How grades move across one child's profiles: gradings, concern spells, drift.

Every function here skips an assessment that did not grade a code rather than
treating the gap as a change: a partial review says nothing about what it left
out, so it neither ends a concern nor starts one. Where a gap matters, the
positions skipped are returned so that the caller can report them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    return tuple(counted_among([entry for entry in profile if counts(entry)]))


def counted_among(entries: Sequence[ProfileEntry]) -> list[ProfileEntry]:
    """Of some entries of one profile, those counted as :func:`counted` counts them, in order.

    Sub-areas (and GCP2A sections), and the areas none of whose sub-areas is
    among ``entries``: an area with a sub-area among them is counted through it.
    """
    covered = {entry.area for entry in entries if not entry.is_area}
    return [entry for entry in entries if not entry.is_area or entry.code not in covered]


def stands_in(profile: Profile, entry: ProfileEntry) -> bool:
    """Whether ``entry`` is an area counted in place of its sub-areas."""
    return entry.is_area and any(sub.area == entry.code for sub in profile.sub_areas)


class Trail:
    """What a child's earlier profiles say, carried forward one profile at a time.

    Deciding a profile with a history needs, for each code, its first grading
    (its baseline), its latest grading, its gradings in order, and where its
    current run of concerns began with the assessments since that did not grade
    it. A trail keeps exactly that and grows by one profile in time proportional
    to the profile, so deciding the latest of ``n`` profiles, or every one of
    them in a review, never re-reads the history: the review of a long
    chronology stays linear. It keeps plain numbers and grades rather than a
    tuple per grading, so that growing it creates few objects for the garbage
    collector to scan again and again.

    Every reading skips an assessment that did not grade a code (see the module
    docstring). ``tests/test_escalation_history.py`` checks a trail against a
    deliberately plain reading of the whole history.

    Attributes:
        concern_grade: The grade from which a code's run of concerns is tracked.
        ends: The end of each profile's observation window, oldest first.
        first: The first grading of each code: its baseline.
    """

    __slots__ = ("_gaps", "_grades", "_positions", "_run_start", "concern_grade", "ends", "first")

    def __init__(self, concern_grade: Grade) -> None:
        self.concern_grade = concern_grade
        self.ends: list[dt.date] = []
        self.first: dict[str, Grading] = {}
        # Each code's gradings, as positions and grades side by side, oldest first.
        self._positions: dict[str, list[int]] = {}
        self._grades: dict[str, list[Grade]] = {}
        # Codes whose latest grading is a concern: where their run of concerns began,
        # and the positions since then that did not grade them.
        self._run_start: dict[str, int] = {}
        self._gaps: dict[str, list[int]] = {}

    @classmethod
    def of(cls, profiles: Iterable[Profile], concern_grade: Grade) -> Trail:
        """The trail of ``profiles``, oldest first."""
        trail = cls(concern_grade)
        for profile in profiles:
            trail.add(profile, graded(profile))
        return trail

    def add(self, profile: Profile, grades: Mapping[str, Grade]) -> None:
        """Carry ``profile``, whose grades by code are ``grades``, into the trail."""
        position = len(self.ends)
        for code, gaps in self._gaps.items():
            if code not in grades:
                gaps.append(position)
        concern = self.concern_grade
        positions, given, first = self._positions, self._grades, self.first
        for code, grade in grades.items():
            if code in positions:
                positions[code].append(position)
                given[code].append(grade)
            else:
                positions[code] = [position]
                given[code] = [grade]
                first[code] = Grading(position, grade)
            if grade >= concern:
                if code not in self._run_start:
                    self._run_start[code] = position
                    self._gaps[code] = []
            elif code in self._run_start:
                del self._run_start[code]
                del self._gaps[code]
        self.ends.append(profile.window.end)

    def latest(self, code: str) -> Grading | None:
        """The latest grading of ``code``, or ``None`` if no profile graded it."""
        positions = self._positions.get(code)
        if positions is None:
            return None
        return Grading(positions[-1], self._grades[code][-1])

    def gradings(self, code: str) -> list[Grading]:
        """Every grading of ``code``, oldest first."""
        return [
            Grading(*each)
            for each in zip(self._positions.get(code, ()), self._grades.get(code, ()), strict=True)
        ]

    def last_gradings(self, code: str, grade: Grade, count: int) -> list[Grading]:
        """The last ``count`` gradings of ``code``, the next profile's ``grade`` included."""
        positions = self._positions.get(code, [])
        grades = self._grades.get(code, [])
        start = max(0, len(positions) - count + 1)
        return [
            *(Grading(positions[at], grades[at]) for at in range(start, len(positions))),
            Grading(len(self.ends), grade),
        ]

    def drift(self, profile: Profile, period_days: int) -> DriftFinding:
        """Find the concerns of ``profile``, the next after the trail, that have drifted.

        A concern's spell runs back over every assessment that graded it at the
        trail's concern grade or worse and ends only at one that graded it
        better; the assessments within the spell that did not grade it are
        reported, never taken as an improvement.

        Args:
            profile: The profile after the trail's last.
            period_days: The policy's drift period.

        Returns:
            The finding, drifting or not.
        """
        end = profile.window.end
        position = len(self.ends)

        def end_of(at: int) -> dt.date:
            return end if at == position else self.ends[at]

        spells: list[tuple[str, int]] = []
        not_graded: list[tuple[str, dt.date]] = []
        for entry in at_or_above(profile, self.concern_grade):
            code = entry.code
            start = self._run_start.get(code, position)
            spells.append((code, start))
            if start < position:
                not_graded += [(code, self.ends[at]) for at in self._gaps[code]]
        drifted = [code for code, start in spells if (end - end_of(start)).days > period_days]
        longest = min((start for _, start in spells), default=None)
        since = None if longest is None else end_of(longest)
        return DriftFinding(
            drifting=bool(drifted),
            codes=tuple(drifted),
            open_concerns=tuple(code for code, _ in spells),
            since=since,
            days=0 if since is None else (end - since).days,
            period_days=period_days,
            grade=self.concern_grade,
            not_graded=tuple(not_graded),
        )

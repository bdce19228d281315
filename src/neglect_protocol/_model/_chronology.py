"""Chronologies: one child's profiles over time, and what a review of them finds."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

import attrs

from neglect_protocol._model._assessment import ChildRef, TargetedItem
from neglect_protocol._model._checks import got
from neglect_protocol._model._decision import Decision
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._history import check_history, require_profiles
from neglect_protocol._model._policy import LevelOfNeed
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import AssessmentError, safe_repr


class GradeChange(enum.Enum):
    """How the grade of one area or sub-area moved between two assessments."""

    BETTER = "better"
    """Graded better than before."""
    SAME = "same"
    """Graded the same as before."""
    WORSE = "worse"
    """Graded worse than before."""
    NEWLY_GRADED = "newly graded"
    """Graded now, not graded before (or not part of the earlier instrument)."""
    NO_LONGER_GRADED = "no longer graded"
    """Graded before, not graded now (or not part of the later instrument)."""


@attrs.frozen
class EntryChange:
    """The change in one area or sub-area between two profiles.

    Attributes:
        code: The area or sub-area code.
        name: Its name.
        is_area: Whether it is an area (or GCP2A section).
        before: The grade in the earlier profile (``None`` if ungraded there).
        after: The grade in the later profile (``None`` if ungraded there).
        change: How it moved.
    """

    code: str
    name: str
    is_area: bool
    before: Grade | None
    after: Grade | None
    change: GradeChange

    def __str__(self) -> str:
        def shown(grade: Grade | None) -> str:
            return "-" if grade is None else str(grade.value)

        return (
            f"{self.code} {self.name}: {shown(self.before)} to {shown(self.after)} "
            f"({self.change.value})"
        )


def _compare(before: Grade | None, after: Grade | None) -> GradeChange:
    if before is None:
        return GradeChange.NEWLY_GRADED
    if after is None:
        return GradeChange.NO_LONGER_GRADED
    if after < before:
        return GradeChange.BETTER
    if after > before:
        return GradeChange.WORSE
    return GradeChange.SAME


def _in_order(profiles: Iterable[Profile]) -> tuple[Profile, ...]:
    if isinstance(profiles, (str, Profile)) or not isinstance(profiles, Iterable):
        raise AssessmentError("profiles", f"expected a sequence of profiles, got {got(profiles)}")
    given = list(profiles)
    if not given:
        raise AssessmentError("profiles", "expected at least one profile, got none")
    require_profiles([(f"profiles[{index}]", profile) for index, profile in enumerate(given)])
    order = sorted(
        range(len(given)), key=lambda index: (given[index].window.end, given[index].window.start)
    )
    check_history([(f"profiles[{index}]", given[index]) for index in order])
    return tuple(given[index] for index in order)


@attrs.frozen(repr=False)
class Chronology:
    """One child's profiles in order of observation window end: a baseline and its reviews.

    Profiles may be given in any order; they are sorted by the end of their
    observation windows. Profiles of different children, a window given twice
    and overlapping windows are refused. To score assessments into one, use
    :func:`~neglect_protocol.chronology.from_assessments`.

    Attributes:
        profiles: The profiles, oldest first.

    Raises:
        AssessmentError: If there are no profiles, or they are not one child's
            history.
    """

    profiles: tuple[Profile, ...] = attrs.field(converter=_in_order)

    def __repr__(self) -> str:
        return (
            f"<Chronology child={safe_repr(self.child.reference)} assessments={len(self.profiles)} "
            f"{self.baseline.window.end.isoformat()}..{self.latest.window.end.isoformat()}>"
        )

    def __len__(self) -> int:
        return len(self.profiles)

    def __iter__(self) -> Iterator[Profile]:
        return iter(self.profiles)

    @property
    def child(self) -> ChildRef:
        """The child the chronology is about."""
        return self.profiles[0].child

    @property
    def baseline(self) -> Profile:
        """The first assessment, the baseline."""
        return self.profiles[0]

    @property
    def latest(self) -> Profile:
        """The most recent assessment."""
        return self.profiles[-1]

    @property
    def reviews(self) -> tuple[Profile, ...]:
        """Every assessment after the baseline."""
        return self.profiles[1:]

    def changes(self, earlier: int = 0, later: int = -1) -> tuple[EntryChange, ...]:
        """How each area and sub-area moved between two assessments (baseline to latest by default).

        Entries come in the later profile's order, then any graded only in the
        earlier one (when the instrument changed, GCP2A to GCP2 say). Entries
        ungraded in both are left out.

        Args:
            earlier: Index of the earlier profile (negative counts from the end).
            later: Index of the later profile.

        Returns:
            One change per area or sub-area graded in either profile.

        Raises:
            AssessmentError: If an index is out of range or ``earlier`` is not
                before ``later``.
        """
        count = len(self.profiles)
        positions: list[int] = []
        for name, index in (("earlier", earlier), ("later", later)):
            if isinstance(index, bool) or not isinstance(index, int) or not -count <= index < count:
                raise AssessmentError(
                    name, f"expected an index from {-count} to {count - 1}, got {safe_repr(index)}"
                )
            positions.append(index % count)
        if positions[0] >= positions[1]:
            raise AssessmentError(
                "earlier",
                f"expected an assessment before the later one (position {positions[1]}), "
                f"got position {positions[0]}",
            )
        before = {entry.code: entry for entry in self.profiles[positions[0]]}
        changes: list[EntryChange] = []
        seen: set[str] = set()
        for entry in self.profiles[positions[1]]:
            seen.add(entry.code)
            old = before.get(entry.code)
            old_grade = None if old is None else old.grade
            if old_grade is not None or entry.grade is not None:
                changes.append(
                    EntryChange(
                        entry.code,
                        entry.name,
                        entry.is_area,
                        old_grade,
                        entry.grade,
                        _compare(old_grade, entry.grade),
                    )
                )
        for code, old in before.items():
            if code not in seen and old.grade is not None:
                changes.append(
                    EntryChange(
                        code, old.name, old.is_area, old.grade, None, GradeChange.NO_LONGER_GRADED
                    )
                )
        return tuple(changes)

    def _targets(self, met: bool | None) -> tuple[TargetedItem, ...]:
        return tuple(
            target for profile in self.profiles for target in profile.targets if target.met is met
        )

    @property
    def targets_met(self) -> tuple[TargetedItem, ...]:
        """Targeted items whose grade at review reached the target, oldest assessment first."""
        return self._targets(True)

    @property
    def targets_missed(self) -> tuple[TargetedItem, ...]:
        """Targeted items reviewed without reaching the target."""
        return self._targets(False)

    @property
    def targets_not_reviewed(self) -> tuple[TargetedItem, ...]:
        """Targeted items with no grade at review yet."""
        return self._targets(None)

    if TYPE_CHECKING:  # Attached by the public module from the boundary; see _api.attach_views.

        def to_records(
            self, *, layout: Literal["long", "wide"] = "long"
        ) -> list[dict[str, Any]]: ...

        def _repr_html_(self) -> str: ...


@attrs.frozen
class DriftFinding:
    """Whether concerns have stayed concerns for longer than the policy allows.

    A concern is an area or sub-area graded at the policy's concern grade or
    worse in the latest profile. Its spell runs back over every assessment that
    graded it at that grade or worse, and ends only at one that graded it
    better: a blip from 3 to 4 and back does not restart the clock, and an
    assessment that did not grade it is skipped (and reported in
    ``not_graded``), never taken as an improvement. Drift is any concern in
    its spell for longer than the policy's drift period: improvement elsewhere
    does not hide it, just as good care in one area does not hide poor care in
    another, and a step from 4 to 3 still leaves the child with a concern.

    Attributes:
        drifting: Whether any concern has drifted.
        codes: The concerns that have drifted, in profile order.
        open_concerns: Every concern in the latest profile.
        since: The start of the longest spell (``None`` when there are no concerns).
        days: The length of that spell, in days, to the latest window's end.
        period_days: The policy's drift period.
        grade: The policy's concern grade.
        not_graded: A pair of a concern's code and the end of an assessment's
            window for each assessment within the concern's spell that did not
            grade it (and was skipped).
    """

    drifting: bool
    codes: tuple[str, ...]
    open_concerns: tuple[str, ...]
    since: dt.date | None
    days: int
    period_days: int
    grade: Grade
    not_graded: tuple[tuple[str, dt.date], ...] = ()

    def __str__(self) -> str:
        grade = self.grade.value
        if self.drifting:
            text = (
                f"Drift: {', '.join(self.codes)} graded {grade} or worse at every assessment "
                f"since {self.since} ({self.days} days; the policy allows {self.period_days})"
            )
        elif not self.open_concerns:
            return f"No drift: no area or sub-area is graded {grade} or worse"
        else:
            text = (
                f"No drift: the longest spell graded {grade} or worse is {self.days} days "
                f"(since {self.since}); the policy allows {self.period_days}"
            )
        if self.not_graded:
            skipped = ", ".join(f"{code} on {day}" for code, day in self.not_graded)
            text += f"; skipped assessments that did not grade a concern: {skipped}"
        return text


@attrs.frozen
class LevelSpell:
    """How long a child has been at the current level of need, over consecutive assessments.

    Attributes:
        level: The level of the latest decision.
        since: The end of the observation window of the first assessment in the
            current run of decisions at this level.
        days: Days from ``since`` to the end of the latest window.
        assessments: How many consecutive assessments decided this level.
    """

    level: LevelOfNeed
    since: dt.date
    days: int
    assessments: int

    def __str__(self) -> str:
        return (
            f"at {self.level} since {self.since}: {self.days} days over "
            f"{self.assessments} assessment{'s' if self.assessments != 1 else ''}"
        )


@attrs.frozen
class StepDown:
    """A proposal to step down to a lower level because concerns have resolved.

    Only proposed when something resolved, no earlier concern went unassessed,
    and the fall is not only a modifier (the infant modifier) ceasing to apply;
    see :class:`LevelFall`.

    Attributes:
        from_level: The level the child is at now.
        to_level: The lower level the latest assessment supports.
        resolved: Areas and sub-areas last graded at the policy's concern grade
            or worse and graded better now.
    """

    from_level: LevelOfNeed
    to_level: LevelOfNeed
    resolved: tuple[str, ...]

    def __str__(self) -> str:
        return f"from {self.from_level} to {self.to_level}; resolved: {', '.join(self.resolved)}"


@attrs.frozen
class LevelFall:
    """The latest decision is lower than the level the child is at, and whether that is a step-down.

    A lower decision is not by itself a reason to step down. A step-down is
    proposed (:attr:`step_down`) only when at least one concern has resolved,
    no earlier concern went unassessed at the latest assessment, and the fall is
    not only a modifier ceasing to apply (a baby turning one, so that the infant
    modifier no longer steps reasons up). Otherwise the fall is reported with
    why no step-down is proposed.

    Attributes:
        from_level: The level the child is at.
        to_level: The level the latest assessment decides.
        resolved: Areas and sub-areas last graded at the policy's concern grade
            or worse and graded better now.
        not_reassessed: Areas and sub-areas last graded at the concern grade or
            worse that the latest assessment, of the same instrument, did not grade.
        modifier_lapsed: Whether a modifier stepped up the previous decision and
            none steps up the latest.
        unmodified_from: The level the previous decision would have had without
            its modifiers (``None`` without a previous decision).
    """

    from_level: LevelOfNeed
    to_level: LevelOfNeed
    resolved: tuple[str, ...]
    not_reassessed: tuple[str, ...]
    modifier_lapsed: bool
    unmodified_from: int | None

    @property
    def only_modifier_lapsed(self) -> bool:
        """Whether the fall comes only from a modifier ceasing to apply.

        True when a modifier stepped the previous decision up, none steps up the
        latest, and without modifiers the level would not have fallen.
        """
        return (
            self.modifier_lapsed
            and self.unmodified_from is not None
            and self.to_level.number >= self.unmodified_from
        )

    @property
    def step_down(self) -> StepDown | None:
        """The step-down proposal, or ``None`` when the fall does not support one."""
        if self.withheld_because:
            return None
        return StepDown(self.from_level, self.to_level, self.resolved)

    @property
    def withheld_because(self) -> tuple[str, ...]:
        """Why no step-down is proposed, in plain English (empty when one is)."""
        because: list[str] = []
        if self.not_reassessed:
            because.append(
                f"earlier concerns not reassessed at the latest assessment: "
                f"{', '.join(self.not_reassessed)}"
            )
        if not self.resolved:
            because.append("no concern has resolved")
        if self.only_modifier_lapsed:
            because.append(
                f"the fall comes from a modifier (such as the infant modifier) no longer "
                f"applying: without modifiers the previous decision was level "
                f"{self.unmodified_from}"
            )
        return tuple(because)

    def __str__(self) -> str:
        if self.step_down is not None:
            text = f"proposed: {self.step_down}"
            if self.modifier_lapsed:
                text += "; a modifier (such as the infant modifier) no longer applies either"
            return text
        return (
            f"not proposed, although the level falls from {self.from_level} to "
            f"{self.to_level}: {'; '.join(self.withheld_because)}"
            + (f" (resolved: {', '.join(self.resolved)})" if self.resolved else "")
        )


@attrs.frozen(repr=False)
class ChronologyReview:
    """What a policy makes of a chronology: a decision per assessment, time on level, drift.

    Attributes:
        chronology: The chronology reviewed.
        decisions: The decision for each assessment, each made with the
            assessments before it as history.
        time_on_level: How long the child has been at the latest level.
        drift: The drift finding for the latest assessment.
        not_reassessed: Areas and sub-areas last graded at the policy's concern
            grade or worse that the latest assessment, of the same instrument,
            did not grade: a partial review must not hide them.
        level_fall: How the level falls, when the latest decision is lower than
            the level the child is at (else ``None``).
    """

    chronology: Chronology
    decisions: tuple[Decision, ...]
    time_on_level: LevelSpell
    drift: DriftFinding
    not_reassessed: tuple[str, ...]
    level_fall: LevelFall | None

    def __repr__(self) -> str:
        return (
            f"<ChronologyReview child={safe_repr(self.chronology.child.reference)} "
            f"latest={self.latest.level} drifting={self.drift.drifting}>"
        )

    @property
    def latest(self) -> Decision:
        """The decision for the latest assessment."""
        return self.decisions[-1]

    @property
    def step_down(self) -> StepDown | None:
        """The step-down proposed, when concerns have resolved (else ``None``)."""
        return None if self.level_fall is None else self.level_fall.step_down

    if TYPE_CHECKING:  # Attached by the public module from the boundary; see _api.attach_views.

        def to_records(self) -> list[dict[str, Any]]: ...

        def _repr_html_(self) -> str: ...

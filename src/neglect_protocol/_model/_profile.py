"""Profiles: the grades of one assessment, laid out by area and sub-area."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from neglect_protocol._model._assessment import ChildRef, ObservationWindow, TargetedItem
from neglect_protocol._model._catalogue import Instrument
from neglect_protocol._model._checks import got
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._grade import GRADES, Grade, to_grade
from neglect_protocol.errors import AssessmentError, UnknownCodeError, safe_repr


class GradeSource(enum.Enum):
    """Where the grade used for an area or sub-area came from."""

    ENTERED = "entered"
    """Recorded by the practitioner, and authoritative."""
    SUGGESTED = "suggested"
    """Computed by a roll-up rule from the grades beneath."""


class ProfileEntry(NamedTuple):
    """The grade of one area or sub-area in a profile.

    An immutable named tuple rather than an attrs class: a profile holds seventeen
    of them, and a tuple is several times cheaper to build, which keeps
    :func:`~neglect_protocol.profile.score` close to a hand-written loop.
    ``entry._asdict()`` gives a plain dict.

    Attributes:
        code: The area or sub-area code.
        name: Its name in the catalogue.
        is_area: Whether this is an area (or GCP2A section) rather than a sub-area.
        area: The code of the area the entry belongs to (its own code for an area).
        grade: The grade used, being the entered one if any, else the suggestion
            (``None`` when nothing was graded).
        source: Whether ``grade`` was entered or suggested (``None`` if ungraded).
        suggested: What the roll-up rule suggests from the grades beneath, even
            when an entered grade takes precedence.
        worst_beneath: The worst grade recorded anywhere beneath this entry.
        discrepancy: Whether the entered grade is two or more grades better than
            ``worst_beneath``, which is worth a second look, never an automatic change.
    """

    code: str
    name: str
    is_area: bool
    area: str
    grade: Grade | None
    source: GradeSource | None
    suggested: Grade | None
    worst_beneath: Grade | None
    discrepancy: bool

    @property
    def is_graded(self) -> bool:
        """Whether the entry has a grade, entered or suggested."""
        return self.grade is not None


def _optional_grade(value: object, field: str) -> Grade | None:
    return None if value is None else to_grade(value, field=field)


def _checked(entry: object, field: str, is_area: bool, seen: set[str]) -> ProfileEntry:
    """Return ``entry`` as a well-formed ProfileEntry, or raise naming ``field``."""
    if not isinstance(entry, ProfileEntry):
        raise AssessmentError(field, f"expected a ProfileEntry, got a {type(entry).__name__}")
    for name in ("code", "name", "area"):
        if not isinstance(getattr(entry, name), str):
            raise AssessmentError(
                f"{field}.{name}", f"expected text, got {safe_repr(getattr(entry, name))}"
            )
    if entry.code in seen:
        raise AssessmentError(
            f"{field}.code", f"expected each code once, got {safe_repr(entry.code)} again"
        )
    seen.add(entry.code)
    if entry.is_area is not is_area:
        raise AssessmentError(
            f"{field}.is_area", f"expected {is_area}, got {safe_repr(entry.is_area)}"
        )
    if is_area and entry.area != entry.code:
        raise AssessmentError(f"{field}.area", "expected an area's own code")
    grade = _optional_grade(entry.grade, f"{field}.grade")
    suggested = _optional_grade(entry.suggested, f"{field}.suggested")
    worst_beneath = _optional_grade(entry.worst_beneath, f"{field}.worst_beneath")
    source = entry.source
    if source is not None and not isinstance(source, GradeSource):
        raise AssessmentError(
            f"{field}.source", f"expected a GradeSource or None, got {safe_repr(source)}"
        )
    if (grade is None) != (source is None):
        raise AssessmentError(f"{field}.source", "expected a source exactly when there is a grade")
    if source is GradeSource.SUGGESTED and suggested != grade:
        raise AssessmentError(
            f"{field}.suggested", "expected a suggested grade to equal the suggestion"
        )
    if not isinstance(entry.discrepancy, bool):
        raise AssessmentError(
            f"{field}.discrepancy", f"expected True or False, got {safe_repr(entry.discrepancy)}"
        )
    if entry.discrepancy and source is not GradeSource.ENTERED:
        raise AssessmentError(
            f"{field}.discrepancy", "expected a discrepancy only on an entered grade"
        )
    return ProfileEntry(
        entry.code, entry.name, is_area, entry.area, grade, source, suggested, worst_beneath,
        entry.discrepancy,
    )  # fmt: skip


def _checked_entries(value: object) -> tuple[ProfileEntry, ...]:
    """``value`` as well-formed entries, each area followed by its sub-areas, or raise."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise AssessmentError("entries", f"expected a sequence of ProfileEntry, got {got(value)}")
    seen: set[str] = set()
    checked: list[ProfileEntry] = []
    area: str | None = None
    for index, entry in enumerate(value):
        field = f"entries[{index}]"
        is_area = getattr(entry, "is_area", None)
        if isinstance(entry, ProfileEntry) and not isinstance(is_area, bool):
            raise AssessmentError(f"{field}.is_area", f"expected True or False, got {got(is_area)}")
        result = _checked(entry, field, is_area is True, seen)
        if result.is_area:
            area = result.code
        elif result.area != area:
            raise AssessmentError(
                f"{field}.area",
                "expected each sub-area to follow its area or a sub-area of the same area, got "
                f"{safe_repr(result.area)}",
            )
        checked.append(result)
    return tuple(checked)


@attrs.frozen(repr=False)
class Profile:
    """The four-area profile of one assessment, as :func:`~neglect_protocol.profile.score` makes it.

    There is deliberately no single total: good care in one area must not hide
    poor care in another. The headline figures are the area grades, the worst
    area grade and the count of graded units at each grade.

    A profile is its entries, each area followed by its sub-areas, checked when
    the profile is built (see :meth:`from_entries` to build one from areas and
    sub-areas given apart). :func:`~neglect_protocol.profile.score` is the usual
    way to make one.

    Attributes:
        child: The child assessed.
        window: The observation window.
        instrument: GCP2 or GCP2A.
        catalogue_name: The name of the catalogue used.
        catalogue_version: Its version.
        rule: The name of the roll-up rule that made the suggestions.
        entries: Every entry, each area followed by its sub-areas.
        targets: The assessment's targeted items.
        assessment_reference: The host system's reference for the assessment.
    """

    child: ChildRef
    window: ObservationWindow
    instrument: Instrument
    catalogue_name: str
    catalogue_version: str
    rule: str
    entries: tuple[ProfileEntry, ...] = attrs.field(repr=False, converter=_checked_entries)
    targets: tuple[TargetedItem, ...] = attrs.field(default=(), repr=False)
    assessment_reference: str | None = None

    @classmethod
    def from_entries(
        cls,
        *,
        child: ChildRef,
        window: ObservationWindow,
        instrument: Instrument,
        catalogue_name: str,
        catalogue_version: str,
        rule: str,
        areas: tuple[ProfileEntry, ...],
        sub_areas: tuple[ProfileEntry, ...] = (),
        targets: tuple[TargetedItem, ...] = (),
        assessment_reference: str | None = None,
    ) -> Profile:
        """Build a profile from its entries (as a document or another system holds them).

        Each area is followed by its sub-areas, in the order given. Every entry is
        checked: grades are grades, the source agrees with the grade, a suggested
        grade equals the suggestion, a discrepancy sits only on an entered grade,
        and each code appears once.

        Raises:
            AssessmentError: If an entry is malformed or inconsistent.
            InvalidGradeError: If a grade field holds something other than a grade.
        """
        seen: set[str] = set()
        checked_areas = [
            _checked(entry, f"areas[{index}]", True, seen) for index, entry in enumerate(areas)
        ]
        checked_subs = [
            _checked(entry, f"sub_areas[{index}]", False, seen)
            for index, entry in enumerate(sub_areas)
        ]
        area_codes = {area.code for area in checked_areas}
        for index, sub_area in enumerate(checked_subs):
            if sub_area.area not in area_codes:
                raise AssessmentError(
                    f"sub_areas[{index}].area",
                    f"expected the code of one of the areas, got {safe_repr(sub_area.area)}",
                )
        ordered: list[ProfileEntry] = []
        for area in checked_areas:
            ordered.append(area)
            ordered.extend(sub for sub in checked_subs if sub.area == area.code)
        return cls._built(
            child=child,
            window=window,
            instrument=instrument,
            catalogue_name=catalogue_name,
            catalogue_version=catalogue_version,
            rule=rule,
            entries=tuple(ordered),
            targets=targets,
            assessment_reference=assessment_reference,
        )

    @classmethod
    def _built(
        cls,
        *,
        child: ChildRef,
        window: ObservationWindow,
        instrument: Instrument,
        catalogue_name: str,
        catalogue_version: str,
        rule: str,
        entries: tuple[ProfileEntry, ...],
        targets: tuple[TargetedItem, ...],
        assessment_reference: str | None,
    ) -> Profile:
        """A profile of entries the library built or checked itself, not checked again.

        Not for entries from outside: :func:`~neglect_protocol.profile.score` lays
        entries out from a validated assessment, and :meth:`from_entries` has
        checked its own, so the constructor's checks could only repeat them.
        """
        profile = object.__new__(cls)
        for name, value in (
            ("child", child),
            ("window", window),
            ("instrument", instrument),
            ("catalogue_name", catalogue_name),
            ("catalogue_version", catalogue_version),
            ("rule", rule),
            ("entries", entries),
            ("targets", targets),
            ("assessment_reference", assessment_reference),
        ):
            object.__setattr__(profile, name, value)
        return profile

    @cached_property
    def areas(self) -> tuple[ProfileEntry, ...]:
        """One entry per area (or GCP2A section), in catalogue order."""
        return tuple(entry for entry in self.entries if entry.is_area)

    @cached_property
    def sub_areas(self) -> tuple[ProfileEntry, ...]:
        """One entry per sub-area, in catalogue order."""
        return tuple(entry for entry in self.entries if not entry.is_area)

    def __repr__(self) -> str:
        areas = ", ".join(
            f"{area.code}={'-' if area.grade is None else area.grade.value}" for area in self.areas
        )
        return (
            f"<Profile {self.instrument.value} child={safe_repr(self.child.reference)} "
            f"window={self.window.start.isoformat()}..{self.window.end.isoformat()} "
            f"areas: {areas} rule={safe_repr(self.rule)}>"
        )

    @cached_property
    def _by_code(self) -> Mapping[str, ProfileEntry]:
        return FrozenMap({entry.code: entry for entry in self.entries})

    def __getitem__(self, code: str) -> ProfileEntry:
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise UnknownCodeError(code, catalogue=self.catalogue_name) from None

    def __iter__(self) -> Iterator[ProfileEntry]:
        """Iterate areas and sub-areas, each area followed by its sub-areas."""
        return iter(self.entries)

    def __len__(self) -> int:
        """The number of entries (areas and sub-areas)."""
        return len(self.entries)

    def __contains__(self, code: object) -> bool:
        """Whether ``code`` is an area or sub-area of the profile."""
        return code in self._by_code

    @cached_property
    def units(self) -> tuple[ProfileEntry, ...]:
        """The entries a profile counts, being every sub-area and every area without any.

        For GCP2 these are the thirteen sub-areas; for GCP2A, the three sections.
        """
        with_sub_areas = {sub_area.area for sub_area in self.sub_areas}
        return tuple(
            entry for entry in self if not entry.is_area or entry.code not in with_sub_areas
        )

    @cached_property
    def area_grades(self) -> Mapping[str, Grade | None]:
        """The grade of each area by code: the four-area profile."""
        return FrozenMap({area.code: area.grade for area in self.areas})

    @cached_property
    def worst_area_grade(self) -> Grade | None:
        """The worst grade of any area (``None`` if no area is graded)."""
        graded = [area.grade for area in self.areas if area.grade is not None]
        return max(graded) if graded else None

    @cached_property
    def grade_counts(self) -> Mapping[Grade, int]:
        """How many units (sub-areas, or GCP2A sections) sit at each grade, 1 to 5."""
        counts = dict.fromkeys(GRADES, 0)
        for unit in self.units:
            if unit.grade is not None:
                counts[unit.grade] += 1
        return FrozenMap(counts)

    def _at(self, *grades: Grade) -> tuple[ProfileEntry, ...]:
        return tuple(entry for entry in self if entry.grade in grades)

    @cached_property
    def strengths(self) -> tuple[ProfileEntry, ...]:
        """Areas and sub-areas graded 1 or 2, in profile order."""
        return self._at(Grade.BEST, Grade.ADEQUATE)

    @cached_property
    def borderline(self) -> tuple[ProfileEntry, ...]:
        """Areas and sub-areas graded 3, in profile order."""
        return self._at(Grade.BORDERLINE)

    @cached_property
    def concerns(self) -> tuple[ProfileEntry, ...]:
        """Areas and sub-areas graded 4 or 5, in profile order."""
        return self._at(Grade.POOR, Grade.WORST)

    @cached_property
    def ungraded(self) -> tuple[str, ...]:
        """Codes of the units with no grade, entered or suggested."""
        return tuple(unit.code for unit in self.units if unit.grade is None)

    @cached_property
    def discrepancies(self) -> tuple[ProfileEntry, ...]:
        """Entries whose entered grade is two or more grades better than the worst beneath."""
        return tuple(entry for entry in self if entry.discrepancy)

    @property
    def uses_suggestions(self) -> bool:
        """Whether any grade used was suggested by the rule rather than entered."""
        return any(entry.source is GradeSource.SUGGESTED for entry in self)

    if TYPE_CHECKING:  # Attached by the public module from the boundary; see _api.attach_views.

        def _repr_html_(self) -> str: ...

        def to_records(self) -> list[dict[str, Any]]: ...

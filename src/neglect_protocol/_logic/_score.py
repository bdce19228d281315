"""Scoring: from an assessment's ratings to a profile."""

from __future__ import annotations

from collections.abc import Sequence

from neglect_protocol._logic._rules import RollUpRule, rule_name, worst
from neglect_protocol._logic._validate import validate
from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Area, Catalogue, Item, SubArea
from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol._model._profile import GradeSource, Profile, ProfileEntry

_ENTERED = GradeSource.ENTERED
_SUGGESTED = GradeSource.SUGGESTED


def score(
    assessment: Assessment,
    *,
    catalogue: Catalogue | None = None,
    rule: RollUpRule = worst,
) -> Profile:
    """Lay out an assessment's grades as a profile, suggesting grades where none was entered.

    For each sub-area, ``rule`` suggests a grade from the item grades beneath it;
    for each area, from the grades used for its sub-areas (or its items, for an
    area without sub-areas). A grade the practitioner entered is always the one
    used; the suggestion is kept beside it, and the entry is flagged as a
    discrepancy when the entered grade is two or more grades better than the worst
    grade recorded beneath it.

    Args:
        assessment: The assessment to score.
        catalogue: The catalogue to grade against; by default the built-in one for
            the assessment's instrument (:data:`~neglect_protocol.catalogue.GCP2` or
            :data:`~neglect_protocol.catalogue.GCP2A`). Pass a loaded catalogue to rate items.
        rule: The roll-up rule for suggestions (see :mod:`neglect_protocol.rules`).

    Returns:
        The profile.

    Raises:
        InstrumentError: If the instrument does not fit the catalogue or the child.
        UnknownCodeError: If a rated or targeted code is not in the catalogue.
        AgeBandError: If an item is rated for a child outside its age bands.
        InvalidGradeError: If ``rule`` returns something that is not a grade.
        EmptyGradesError: Never from the shipped rules: a rule is only called
            with at least one grade.

    >>> import datetime as dt
    >>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating
    >>> child = ChildRef("C-0001", date_of_birth=dt.date(2019, 4, 2))
    >>> window = ObservationWindow(dt.date(2024, 2, 5), dt.date(2024, 2, 23))
    >>> profile = score(Assessment(child, window, (Rating("A1", 3), Rating("A4", 4))))
    >>> profile["A"].grade, profile["A"].source.value
    (<Grade.POOR: 4>, 'suggested')
    >>> profile.ungraded[:3]
    ('A2', 'A3', 'A5')
    """
    if catalogue is None:
        from neglect_protocol._boundary._builtin import builtin_catalogue

        catalogue = builtin_catalogue(assessment.instrument)
    validate(assessment, catalogue)
    name = rule_name(rule)

    entered: dict[str, Grade] = {}
    beneath: dict[str, list[Grade]] = {}
    nodes = catalogue._nodes
    for rating in assessment.ratings:
        node = nodes[rating.code]
        if isinstance(node, Item):
            parent = node.parent
            if parent in beneath:
                beneath[parent].append(rating.grade)
            else:
                beneath[parent] = [rating.grade]
        else:
            entered[rating.code] = rating.grade

    areas: list[ProfileEntry] = []
    sub_areas: list[ProfileEntry] = []
    units: list[ProfileEntry] = []
    children = catalogue._children
    for area in catalogue.areas:
        subs = [node for node in children[area.code] if isinstance(node, SubArea)]
        if subs:
            used: list[Grade] = []
            worst_below: Grade | None = None
            for sub_area in subs:
                entry = _entry(
                    sub_area, sub_area.area, beneath.get(sub_area.code), entered, rule, name
                )
                sub_areas.append(entry)
                units.append(entry)
                for grade in (entry.grade, entry.worst_beneath):
                    if grade is not None and (worst_below is None or grade > worst_below):
                        worst_below = grade
                if entry.grade is not None:
                    used.append(entry.grade)
            areas.append(_area_entry(area, used, worst_below, entered, rule, name))
        else:
            entry = _entry(area, area.code, beneath.get(area.code), entered, rule, name)
            areas.append(entry)
            units.append(entry)

    return Profile(
        child=assessment.child,
        window=assessment.window,
        instrument=assessment.instrument,
        catalogue=catalogue.name,
        catalogue_version=catalogue.version,
        rule=name,
        areas=tuple(areas),
        sub_areas=tuple(sub_areas),
        units=tuple(units),
        targets=assessment.targets,
        assessment_reference=assessment.reference,
    )


def _suggest(rule: RollUpRule, name: str, grades: Sequence[Grade]) -> Grade:
    suggestion = rule(grades)
    if type(suggestion) is Grade:
        return suggestion
    return to_grade(suggestion, field=f"the result of rule {name!r}")


def _entry(
    node: Area | SubArea,
    area_code: str,
    grades: list[Grade] | None,
    entered: dict[str, Grade],
    rule: RollUpRule,
    name: str,
) -> ProfileEntry:
    if grades:
        suggested: Grade | None = _suggest(rule, name, grades)
        worst_below: Grade | None = max(grades)
    else:
        suggested = worst_below = None
    return _finish(node, area_code, suggested, worst_below, entered)


def _area_entry(
    area: Area,
    used: list[Grade],
    worst_below: Grade | None,
    entered: dict[str, Grade],
    rule: RollUpRule,
    name: str,
) -> ProfileEntry:
    suggested = _suggest(rule, name, used) if used else None
    return _finish(area, area.code, suggested, worst_below, entered)


def _finish(
    node: Area | SubArea,
    area_code: str,
    suggested: Grade | None,
    worst_below: Grade | None,
    entered: dict[str, Grade],
) -> ProfileEntry:
    own = entered.get(node.code)
    if own is not None:
        return ProfileEntry(
            node.code,
            node.name,
            isinstance(node, Area),
            area_code,
            own,
            _ENTERED,
            suggested,
            worst_below,
            worst_below is not None and worst_below - own >= 2,
        )
    return ProfileEntry(
        node.code,
        node.name,
        isinstance(node, Area),
        area_code,
        suggested,
        None if suggested is None else _SUGGESTED,
        suggested,
        worst_below,
        False,
    )

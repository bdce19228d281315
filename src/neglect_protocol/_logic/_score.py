"""Scoring: from an assessment's ratings to a profile."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from functools import partial
from typing import NoReturn

from neglect_protocol._logic._rules import RollUpRule, rule_name, worst
from neglect_protocol._logic._validate import check_child, item_age, validate
from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Area, Catalogue, SubArea
from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol._model._profile import GradeSource, Profile, ProfileEntry
from neglect_protocol.errors import safe_repr

_ENTERED = GradeSource.ENTERED
_SUGGESTED = GradeSource.SUGGESTED


def score(assessment: Assessment, *, catalogue: Catalogue, rule: RollUpRule = worst) -> Profile:
    """Lay out an assessment's grades against ``catalogue`` as a profile.

    The public :func:`neglect_protocol.profile.score` documents the behaviour; it
    chooses the built-in catalogue when none is given and calls this.
    """
    name = rule_name(rule)
    entered, beneath = _group(assessment, catalogue)
    suggest: Callable[[list[Grade]], Grade] = (
        max if rule is worst else partial(_suggest, rule, name)
    )
    entries: list[ProfileEntry] = []
    for area, sub_areas in _layout(catalogue):
        sub_entries: list[ProfileEntry] = []
        used: list[Grade] = []  # the grades the sub-areas use, entered or suggested
        worst_below: Grade | None = None  # the worst grade recorded beneath the sub-areas
        for sub_area in sub_areas:
            entry = sub_area.entry(entered.get(sub_area.code), beneath.get(sub_area.code), suggest)
            sub_entries.append(entry)
            if entry.grade is not None:
                used.append(entry.grade)
            below = entry.worst_beneath
            if below is not None and (worst_below is None or below > worst_below):
                worst_below = below
        if not sub_areas:  # A GCP2A section: graded directly or from its items.
            used = beneath.get(area.code, [])
        entries.append(area.entry(entered.get(area.code), used, suggest, worst_below))
        entries += sub_entries
    return Profile._built(
        child=assessment.child,
        window=assessment.window,
        instrument=assessment.instrument,
        catalogue_name=catalogue.name,
        catalogue_version=catalogue.version,
        rule=name,
        entries=tuple(entries),
        targets=assessment.targets,
        assessment_reference=assessment.reference,
    )


class _Place:
    """One area or sub-area of a catalogue, making the profile entries that stand there.

    An entry is an immutable value fixed by the node and three grades (its own,
    the suggestion and the worst beneath), so each distinct entry is built once
    and shared by every profile that has it: scoring a cohort then allocates one
    tuple of entries per profile, not seventeen named tuples, and the garbage
    collector has that much less to scan.
    """

    __slots__ = ("area", "code", "is_area", "made", "name")

    def __init__(self, node: Area | SubArea, area: str) -> None:
        self.code = node.code
        self.name = node.name
        self.area = area
        self.is_area = isinstance(node, Area)
        self.made: dict[tuple[Grade | None, Grade | None, Grade | None], ProfileEntry] = {}

    def entry(
        self,
        own: Grade | None,
        beneath: list[Grade] | None,
        suggest: Callable[[list[Grade]], Grade],
        worst_below: Grade | None = None,
    ) -> ProfileEntry:
        """The entry from its own grade, the grades beneath it and the worst recorded below.

        ``beneath`` are the grades the rule suggests from (item grades, or for an
        area the grades its sub-areas use); ``worst_below`` is the worst grade
        recorded further down, if any. The discrepancy flag marks an entered
        grade two or more grades better than the worst beneath (DOMAIN.md section 4).
        """
        suggested: Grade | None = None
        worst_beneath = worst_below
        if beneath:
            worst = max(beneath)  # before the rule, which might change its argument
            suggested = worst if suggest is max else suggest(beneath)
            if worst_beneath is None or worst > worst_beneath:
                worst_beneath = worst
        made = self.made.get((own, suggested, worst_beneath))
        if made is None:
            made = self.made[own, suggested, worst_beneath] = self._new(
                own, suggested, worst_beneath
            )
        return made

    def _new(
        self, own: Grade | None, suggested: Grade | None, worst_beneath: Grade | None
    ) -> ProfileEntry:
        grade = suggested if own is None else own
        source = _ENTERED if own is not None else None if suggested is None else _SUGGESTED
        discrepancy = own is not None and worst_beneath is not None and worst_beneath - own >= 2
        return ProfileEntry(
            self.code,
            self.name,
            self.is_area,
            self.area,
            grade,
            source,
            suggested,
            worst_beneath,
            discrepancy,
        )


_PLACES: dict[
    int, tuple[weakref.ref[Catalogue], tuple[tuple[_Place, tuple[_Place, ...]], ...]]
] = {}
# Keyed by identity, as compiled policies are: a catalogue is immutable, so its
# places never go stale, and hashing a whole catalogue per assessment would cost
# more than scoring it. An entry goes when its catalogue does.


def _layout(catalogue: Catalogue) -> tuple[tuple[_Place, tuple[_Place, ...]], ...]:
    """The places of ``catalogue``'s layout, made on first use and kept while it lives."""
    key = id(catalogue)
    found = _PLACES.get(key)
    if found is not None and found[0]() is catalogue:
        return found[1]
    places = tuple(
        (_Place(area, area.code), tuple(_Place(sub_area, area.code) for sub_area in sub_areas))
        for area, sub_areas in catalogue.layout()
    )
    _PLACES[key] = (weakref.ref(catalogue, lambda _: _PLACES.pop(key, None)), places)
    return places


def _group(
    assessment: Assessment, catalogue: Catalogue
) -> tuple[dict[str, Grade], dict[str, list[Grade]]]:
    """Split the ratings into entered grades and item grades by parent, checking each.

    The checks mirror :func:`validate` in one pass over the catalogue's index of
    what a rating of each code feeds; on anything suspicious, :func:`validate`
    runs to raise its precise error.
    """
    if assessment.instrument.is_antenatal:
        # GCP2A assessments are few and small: the full check is cheap enough.
        validate(assessment, catalogue)
    else:
        check_child(assessment, catalogue)
    parents = catalogue.rating_parents(item_age(assessment))
    entered: dict[str, Grade] = {}
    beneath: dict[str, list[Grade]] = {}
    last_parent: str | None = None
    last_grades: list[Grade] = []
    for rating in assessment.ratings:
        code = rating.code
        parent = parents.get(code, _MISSING)
        if parent is None:
            entered[code] = rating.grade
        elif parent is _MISSING:
            _refuse(assessment, catalogue)
        # Items of one sub-area usually arrive together, so the last list is kept.
        elif parent is last_parent:
            last_grades.append(rating.grade)
        elif parent in beneath:
            last_parent, last_grades = parent, beneath[parent]
            last_grades.append(rating.grade)
        else:
            last_parent, last_grades = parent, [rating.grade]
            beneath[parent] = last_grades
    for targeted in assessment.targets:
        if targeted.code not in catalogue:
            _refuse(assessment, catalogue)
    return entered, beneath


_MISSING = "\x00 not in the catalogue"
# A marker no code can be: absent from the index, a rating is refused.


def _refuse(assessment: Assessment, catalogue: Catalogue) -> NoReturn:
    validate(assessment, catalogue)
    raise AssertionError(  # pragma: no cover - validate raises for all that _group refuses
        "validate accepted an assessment that scoring refused"
    )


def _suggest(rule: RollUpRule, name: str, grades: Sequence[Grade]) -> Grade:
    suggestion = rule(grades)
    if type(suggestion) is Grade:
        return suggestion
    return to_grade(suggestion, field=f"the result of rule {safe_repr(name)}")

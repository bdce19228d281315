"""Scoring: from an assessment's ratings to a profile."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import NoReturn

from neglect_protocol._logic._rules import RollUpRule, rule_name, worst
from neglect_protocol._logic._validate import check_child, item_age, validate
from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol._model._profile import GradeSource, Profile
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

    # Five small integers per entry, in profile order (each area, then its
    # sub-areas): grade, source (0 none, 1 entered, 2 suggested), suggestion,
    # worst beneath, discrepancy; 0 stands for "none". See Profile.
    values: list[int] = []
    by_worst = rule is worst
    for area, subs in catalogue._layout:
        if not subs:  # A GCP2A section: graded directly or from its items.
            grades = beneath.get(area.code)
            if grades:
                below = max(grades)  # before the rule, which might change its argument
                values += _entry(entered.get(area.code), suggest(grades), below)
            else:
                values += _entry(entered.get(area.code), None, None)
            continue
        used: list[Grade] = []
        worst_below = 0
        sub_values: list[int] = []
        for sub_area in subs:
            code = sub_area.code
            grades = beneath.get(code)
            own = entered.get(code)
            # Inlined rather than calling _entry: this loop runs thirteen times per
            # assessment and is what keeps scoring near a hand-written dict loop.
            if grades:
                below = max(grades)
                suggested = below if by_worst else suggest(grades)
                if below > worst_below:
                    worst_below = below
                if own is None:
                    used.append(suggested)
                    sub_values += (suggested, 2, suggested, below, 0)
                else:
                    used.append(own)
                    sub_values += (own, 1, suggested, below, below - own >= 2)
            elif own is not None:
                used.append(own)
                sub_values += (own, 1, 0, 0, 0)
            else:
                sub_values += (0, 0, 0, 0, 0)
        if used:
            worst_used = max(used)
            if worst_used > worst_below:
                worst_below = worst_used
            values += _entry(entered.get(area.code), suggest(used), worst_below)
        else:
            values += _entry(entered.get(area.code), None, None)
        values += sub_values

    return Profile(
        child=assessment.child,
        window=assessment.window,
        instrument=assessment.instrument,
        catalogue_name=catalogue.name,
        catalogue_version=catalogue.version,
        rule=name,
        _labels=catalogue._profile_labels,
        _values=tuple(values),
        targets=assessment.targets,
        assessment_reference=assessment.reference,
    )


def _entry(own: Grade | None, suggested: Grade | None, worst_below: int | None) -> tuple[int, ...]:
    below = worst_below or 0
    if own is not None:
        return (own, 1, suggested or 0, below, below - own >= 2)
    if suggested is not None:
        return (suggested, 2, suggested, below, 0)
    return (0, 0, 0, 0, 0)


def _group(
    assessment: Assessment, catalogue: Catalogue
) -> tuple[dict[str, Grade], dict[str, list[Grade]]]:
    """Split the ratings into entered grades and item grades by parent, checking each.

    The checks mirror :func:`validate` in one pass over a per-catalogue index;
    on anything suspicious, :func:`validate` runs to raise its precise error.
    """
    if assessment.instrument.is_antenatal:
        # GCP2A assessments are few and small: the full check is cheap enough.
        validate(assessment, catalogue)
        plain_parent: dict[str, str] = {}
    else:
        check_child(assessment, catalogue)
        # Most GCP2 ratings are of items without age bands: one look-up settles them.
        plain_parent = catalogue._plain_item_parents
    index = catalogue._rating_index
    age = item_age(assessment)
    entered: dict[str, Grade] = {}
    beneath: dict[str, list[Grade]] = {}
    last_parent: str | None = None
    last_grades: list[Grade] = []
    for rating in assessment.ratings:
        code = rating.code
        parent = plain_parent.get(code)
        if parent is None:
            target = index.get(code)
            if target is None:
                _refuse(assessment, catalogue)
            parent, bands, _ = target
            if bands and (age is None or not any(band.contains(age) for band in bands)):
                _refuse(assessment, catalogue)
            if parent is None:
                entered[code] = rating.grade
                continue
        # Items of one sub-area usually arrive together, so the last list is kept.
        if parent is last_parent:
            last_grades.append(rating.grade)
        elif parent in beneath:
            last_parent, last_grades = parent, beneath[parent]
            last_grades.append(rating.grade)
        else:
            last_parent, last_grades = parent, [rating.grade]
            beneath[parent] = last_grades
    for targeted in assessment.targets:
        if targeted.code not in index:
            _refuse(assessment, catalogue)
    return entered, beneath


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

"""Checks of an assessment against the catalogue it is graded with."""

from __future__ import annotations

import datetime as dt

from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Area, Catalogue, Item, Phase
from neglect_protocol.errors import AssessmentError, InputError, safe_repr

EXPECTED_DELIVERY_GRACE = dt.timedelta(weeks=6)
"""How long after the expected delivery date a child may still be recorded as unborn.

A pregnancy is post-term from 42 weeks, two weeks past the expected date, and
induction is offered by then; six weeks is a generous margin past that. An
assessment later than this for a child without a date of birth is refused,
because the record is out of date rather than the child unborn.
"""


def validate(assessment: Assessment, catalogue: Catalogue) -> None:
    """Check ``assessment`` against ``catalogue``; return nothing if it fits.

    The checks: the catalogue is for the assessment's instrument; a child with
    only an expected delivery date is not assessed long after that date; GCP2 is
    used only for a child born by the start of the observation window, within the
    catalogue's age band (0 to 18 for the shipped GCP2); GCP2A's antenatal
    sections are rated only before the birth and its postnatal section only after,
    within the section's age band; every rated or targeted code is in the
    catalogue; every rated item applies to the child's age.

    A child's age is taken at the start of the window, or at the birth for a child
    born during it.

    Args:
        assessment: The assessment to check.
        catalogue: The catalogue it is graded with.

    Raises:
        AssessmentError: If the instrument does not fit the catalogue or the child,
            the child's dates do not fit the window, or an item is rated for a child
            outside its age bands (listing every problem when there are several).
        UnknownCodeError: If a rated or targeted code is not in the catalogue.

    >>> from neglect_protocol.assessment import validate
    >>> import datetime as dt
    >>> from neglect_protocol import GCP2, Assessment, ChildRef, ObservationWindow, Rating
    >>> unborn = ChildRef("C-7", expected_delivery_date=dt.date(2025, 6, 1))
    >>> window = ObservationWindow(dt.date(2025, 3, 1), dt.date(2025, 3, 20))
    >>> validate(Assessment(unborn, window, (Rating("A1", 2),)), GCP2)
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.AssessmentError: instrument: expected GCP2A for a child not yet ...
    """
    # A child or catalogue that does not fit makes every rating's check meaningless;
    # past that, every problem is collected, so that a practitioner fixes them at once.
    check_child(assessment, catalogue)
    found: list[InputError] = []
    child = assessment.child
    window = assessment.window
    unborn_at_start = child.is_unborn_on(window.start)
    age_months = item_age(assessment)
    for index, rating in enumerate(assessment.ratings):
        node = catalogue.get(rating.code)
        if node is None:
            found.append(catalogue.unknown_code(rating.code, field=f"ratings[{index}].code"))
            continue
        if assessment.instrument.is_antenatal:
            try:
                _check_phase(catalogue.area_of(node.code), index, unborn_at_start, assessment)
            except InputError as error:
                found.append(error)
        if (
            isinstance(node, Item)
            and node.age_bands
            and (age_months is None or not node.applies_to_age(age_months))
        ):
            bands = ", ".join(str(band) for band in node.age_bands)
            aged = "an unborn child" if age_months is None else f"a child aged {age_months} months"
            found.append(
                AssessmentError(
                    f"ratings[{index}].code",
                    f"item {safe_repr(node.code)} applies to ages {bands}, got {aged}",
                )
            )
    found.extend(
        catalogue.unknown_code(target.code, field=f"targets[{index}].code")
        for index, target in enumerate(assessment.targets)
        if target.code not in catalogue
    )
    if len(found) == 1:
        raise found[0]
    if found:
        raise AssessmentError(problems=[problem for error in found for problem in error.problems])


def item_age(assessment: Assessment) -> int | None:
    """The child's age in completed months for age-banded items (``None`` if unborn).

    It is the age at the start of the window, or 0 for a child born during it.
    """
    child = assessment.child
    window = assessment.window
    born = child.date_of_birth
    if born is None or born > window.end:
        return None
    return child.age_in_months_on(max(window.start, born))


def check_child(assessment: Assessment, catalogue: Catalogue) -> None:
    """The checks of :func:`validate` that look at the instrument and the child, not ratings.

    Raises:
        AssessmentError: If the instrument does not fit the catalogue or the child, or
            the child's expected delivery date has long passed.
    """
    instrument = assessment.instrument
    if not isinstance(catalogue, Catalogue):
        raise AssessmentError(
            "catalogue", f"expected a Catalogue, got a {type(catalogue).__name__}"
        )
    if catalogue.instrument is not instrument:
        raise AssessmentError(
            "instrument",
            f"expected an assessment made with the catalogue's instrument "
            f"{safe_repr(catalogue.instrument)}, got {safe_repr(instrument)}",
        )
    child = assessment.child
    window = assessment.window
    due = child.expected_delivery_date
    if (
        child.date_of_birth is None
        and due is not None
        and window.start > due + EXPECTED_DELIVERY_GRACE
    ):
        raise AssessmentError(
            "child",
            "expected a date_of_birth: the expected delivery date passed more than six weeks "
            "before the window started",
        )
    unborn_at_start = child.is_unborn_on(window.start)
    if unborn_at_start and not instrument.is_antenatal:
        raise AssessmentError(
            "instrument",
            f"expected GCP2A for a child not yet born on {window.start.isoformat()}, "
            f"got {safe_repr(instrument)}",
        )
    band = catalogue.age_band
    if band is not None and not unborn_at_start:
        age = child.age_in_months_on(window.start)
        if age is not None and not band.contains(age):
            raise AssessmentError(
                "child",
                f"expected a child aged {band} for {safe_repr(catalogue.name)}, got a child aged "
                f"{age} months",
            )


def _check_phase(section: Area, index: int, unborn_at_start: bool, assessment: Assessment) -> None:
    field = f"ratings[{index}].code"
    if section.phase is Phase.ANTENATAL and not unborn_at_start:
        raise AssessmentError(
            field,
            f"expected only the postnatal section after the birth, got a rating in antenatal "
            f"section {safe_repr(section.code)}",
        )
    if section.phase is Phase.POSTNATAL:
        age = item_age(assessment)
        if age is None:
            raise AssessmentError(
                field,
                f"expected the postnatal section only once the child is born, got a rating in "
                f"section {safe_repr(section.code)} for a child not born by the end of the window",
            )
        if section.age_band is not None and not section.age_band.contains(age):
            raise AssessmentError(
                field,
                f"expected section {safe_repr(section.code)} for a child aged {section.age_band}, "
                f"got a child aged {age} months",
            )

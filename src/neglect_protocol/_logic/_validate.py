"""Checks of an assessment against the catalogue it is graded with."""

from __future__ import annotations

from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Area, Catalogue, Item, Phase
from neglect_protocol.errors import AgeBandError, InstrumentError


def validate(assessment: Assessment, catalogue: Catalogue) -> None:
    """Check ``assessment`` against ``catalogue``; return nothing if it fits.

    The checks: the catalogue is for the assessment's instrument; GCP2 is used
    only for a child born by the start of the observation window (an unborn child
    is assessed with GCP2A); GCP2A's antenatal sections are rated only before the
    birth and its postnatal section only after; every rated or targeted code is in
    the catalogue; every rated item applies to the child's age at the start of the
    window.

    Args:
        assessment: The assessment to check.
        catalogue: The catalogue it is graded with.

    Raises:
        InstrumentError: If the instrument does not fit the catalogue or the child.
        UnknownCodeError: If a rated or targeted code is not in the catalogue.
        AgeBandError: If an item is rated for a child outside its age bands.

    >>> import datetime as dt
    >>> from neglect_protocol import GCP2, Assessment, ChildRef, ObservationWindow, Rating
    >>> unborn = ChildRef("C-7", expected_delivery_date=dt.date(2025, 6, 1))
    >>> window = ObservationWindow(dt.date(2025, 3, 1), dt.date(2025, 3, 20))
    >>> validate(Assessment(unborn, window, (Rating("A1", 2),)), GCP2)
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.InstrumentError: instrument: expected GCP2A for a child not yet ...
    """
    instrument = assessment.instrument
    if catalogue.instrument is not instrument:
        raise InstrumentError(
            "instrument",
            instrument.value,
            f"expected an assessment made with the catalogue's instrument "
            f"{catalogue.instrument.value!r}, got {instrument.value!r}",
        )
    child = assessment.child
    window = assessment.window
    unborn_at_start = child.is_unborn_on(window.start)
    if unborn_at_start and not instrument.is_antenatal:
        raise InstrumentError(
            "instrument",
            instrument.value,
            f"expected GCP2A for a child not yet born on {window.start.isoformat()}, "
            f"got {instrument.value!r}",
        )
    age_months = child.age_in_months_on(window.start)
    for index, rating in enumerate(assessment.ratings):
        node = catalogue.get(rating.code)
        if node is None:
            raise catalogue.unknown_code(rating.code, field=f"ratings[{index}].code")
        if instrument.is_antenatal:
            _check_phase(catalogue.area_of(node.code), index, unborn_at_start, assessment)
        if (
            isinstance(node, Item)
            and node.age_bands
            and (age_months is None or not node.applies_to_age(age_months))
        ):
            bands = ", ".join(str(band) for band in node.age_bands)
            raise AgeBandError(f"ratings[{index}].code", node.code, age_months, bands)
    for index, target in enumerate(assessment.targets):
        if target.code not in catalogue:
            raise catalogue.unknown_code(target.code, field=f"targets[{index}].code")


def _check_phase(section: Area, index: int, unborn_at_start: bool, assessment: Assessment) -> None:
    if section.phase is Phase.ANTENATAL and not unborn_at_start:
        raise InstrumentError(
            f"ratings[{index}].code",
            assessment.instrument.value,
            f"expected only the postnatal section after the birth on "
            f"{assessment.child.date_of_birth}, got a rating in antenatal section "
            f"{section.code!r}",
        )
    if section.phase is Phase.POSTNATAL and assessment.child.is_unborn_on(assessment.window.end):
        raise InstrumentError(
            f"ratings[{index}].code",
            assessment.instrument.value,
            f"expected the postnatal section only once the child is born, got a rating in "
            f"section {section.code!r} for a child not born by {assessment.window.end}",
        )

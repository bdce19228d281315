"""Assessments of one child, and their validation against a catalogue."""

from neglect_protocol._api import attach_views, publish
from neglect_protocol._boundary._html import assessment_html
from neglect_protocol._logic._validate import validate
from neglect_protocol._model._assessment import (
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
    completed_months,
)

__all__ = [
    "Assessment",
    "Carer",
    "ChildRef",
    "ObservationWindow",
    "Practitioner",
    "Rating",
    "TargetedItem",
    "completed_months",
    "validate",
]


publish(
    __name__,
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
    completed_months,
    validate,
)

attach_views(Assessment, html=assessment_html)


def __dir__() -> list[str]:
    return __all__

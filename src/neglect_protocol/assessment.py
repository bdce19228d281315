"""Assessments of one child, and their validation against a catalogue."""

from neglect_protocol._api import attach_views, publish_exports
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


publish_exports(globals())


# The package imports this module, so the view imports the boundary's renderer when
# first used rather than with the package.
def _assessment_html(assessment: Assessment) -> str:
    """The assessment's grades as an HTML table, for notebooks (no evidence or comments)."""
    from neglect_protocol._boundary._html import assessment_html

    return assessment_html(assessment)


attach_views(Assessment, html=_assessment_html)


def __dir__() -> list[str]:
    return __all__

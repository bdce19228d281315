"""Profiles: scoring an assessment into area and sub-area grades."""

from typing import Any

from neglect_protocol._api import attach_views, publish_exports
from neglect_protocol._logic._rules import RollUpRule, worst
from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._profile import GradeSource, Profile, ProfileEntry

__all__ = ["GradeSource", "Profile", "ProfileEntry", "score"]


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
        AssessmentError: If the instrument does not fit the catalogue or the child,
            or an item is rated for a child outside its age bands.
        UnknownCodeError: If a rated or targeted code is not in the catalogue.
        InvalidGradeError: If ``rule`` returns something that is not a grade.
        InvalidArgumentError: Never from the shipped rules: a rule is only called
            with at least one grade.

    >>> from neglect_protocol.profile import score
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
    # Scoring and the shipped catalogues are imported when first used, not with the
    # package. The default is resolved here, in the public module, and passed down:
    # the logic never reaches up for the built-in catalogue.
    from neglect_protocol._boundary._builtin import builtin_catalogue
    from neglect_protocol._logic import _score

    if catalogue is None:
        catalogue = builtin_catalogue(assessment.instrument)
    return _score.score(assessment, catalogue=catalogue, rule=rule)


publish_exports(globals())


# The package imports this module, so its views import the boundary's renderers when
# first used rather than with the package.
def _profile_html(profile: Profile) -> str:
    """The profile as an HTML table, for notebooks (text escaped, grades coloured)."""
    from neglect_protocol._boundary._html import profile_html

    return profile_html(profile)


def _profile_records(profile: Profile) -> list[dict[str, Any]]:
    """A plain dict per area and sub-area (see :func:`neglect_protocol.records.profile_records`).

    >>> import datetime as dt
    >>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating, score
    >>> child = ChildRef("C-1", date_of_birth=dt.date(2019, 4, 2))
    >>> window = ObservationWindow(dt.date(2024, 2, 5), dt.date(2024, 2, 23))
    >>> rows = score(Assessment(child, window, (Rating("A1", 3),))).to_records()
    >>> {key: rows[1][key] for key in ("code", "level", "grade", "source")}
    {'code': 'A1', 'level': 'sub-area', 'grade': 3, 'source': 'entered'}
    """
    from neglect_protocol._boundary._records import profile_records

    return profile_records([profile])


attach_views(Profile, html=_profile_html, records=_profile_records)


def __dir__() -> list[str]:
    return __all__

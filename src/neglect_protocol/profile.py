"""Profiles: scoring an assessment into area and sub-area grades."""

from neglect_protocol._api import publish
from neglect_protocol._logic._score import score
from neglect_protocol._model._profile import GradeSource, Profile, ProfileEntry

__all__ = ["GradeSource", "Profile", "ProfileEntry", "score"]


publish(__name__, GradeSource, Profile, ProfileEntry, score)


def __dir__() -> list[str]:
    return __all__

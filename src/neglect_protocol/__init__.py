"""neglect_protocol: a pure-domain engine for a child-neglect protocol and GCP2.

The names a newcomer needs first are here; each lives in a public module
(:mod:`neglect_protocol.grades`, :mod:`~neglect_protocol.catalogue`,
:mod:`~neglect_protocol.assessment`, :mod:`~neglect_protocol.profile`,
:mod:`~neglect_protocol.rules`, :mod:`~neglect_protocol.errors`).

>>> import neglect_protocol
>>> neglect_protocol.grades.Grade(2).quality_of_care
'adequate'
"""

from importlib.metadata import PackageNotFoundError, version

from neglect_protocol.assessment import (
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
    validate,
)
from neglect_protocol.catalogue import (
    GCP2,
    GCP2A,
    AgeBand,
    Area,
    Catalogue,
    Instrument,
    Item,
    Phase,
    SubArea,
    load_catalogue,
)
from neglect_protocol.chronology import Chronology
from neglect_protocol.display import format_profile
from neglect_protocol.errors import NeglectProtocolError
from neglect_protocol.escalation import Decision, LevelOfNeed, ThresholdPolicy, decide, load_policy
from neglect_protocol.grades import Grade
from neglect_protocol.profile import GradeSource, Profile, ProfileEntry, score
from neglect_protocol.rules import RollUpRule

try:
    __version__ = version("neglect-protocol")
except PackageNotFoundError:  # pragma: no cover - only when run from a source tree never installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "GCP2",
    "GCP2A",
    "AgeBand",
    "Area",
    "Assessment",
    "Carer",
    "Catalogue",
    "ChildRef",
    "Chronology",
    "Decision",
    "Grade",
    "GradeSource",
    "Instrument",
    "Item",
    "LevelOfNeed",
    "NeglectProtocolError",
    "ObservationWindow",
    "Phase",
    "Practitioner",
    "Profile",
    "ProfileEntry",
    "Rating",
    "RollUpRule",
    "SubArea",
    "TargetedItem",
    "ThresholdPolicy",
    "__version__",
    "decide",
    "format_profile",
    "load_catalogue",
    "load_policy",
    "score",
    "validate",
]


def __dir__() -> list[str]:
    return __all__

"""neglect_protocol: a pure-domain engine for a child-neglect protocol and GCP2.

The names a newcomer needs first are here; each lives in a public module
(:mod:`neglect_protocol.grades`, :mod:`~neglect_protocol.catalogue`,
:mod:`~neglect_protocol.assessment`, :mod:`~neglect_protocol.profile`,
:mod:`~neglect_protocol.rules`, :mod:`~neglect_protocol.errors`).

>>> import neglect_protocol
>>> neglect_protocol.grades.Grade(2).quality_of_care
'adequate'
"""

from typing import TYPE_CHECKING, Any

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
    AgeBand,
    Area,
    Catalogue,
    Instrument,
    Item,
    Phase,
    SubArea,
)
from neglect_protocol.errors import NeglectProtocolError, safe_repr
from neglect_protocol.grades import Grade
from neglect_protocol.profile import GradeSource, Profile, ProfileEntry, score
from neglect_protocol.rules import RollUpRule

if TYPE_CHECKING:
    from neglect_protocol.catalogue import GCP2, GCP2A, load_catalogue
    from neglect_protocol.chronology import Chronology
    from neglect_protocol.display import format_profile
    from neglect_protocol.escalation import (
        Decision,
        LevelOfNeed,
        ThresholdPolicy,
        decide,
        load_policy,
    )

    __version__: str

# Names whose public modules are imported when first asked for, not with the package:
# decisions and chronologies bring in the threshold rules, which most programs that
# only score never use. ``from neglect_protocol import decide`` works as before.
_LAZY = {
    "Chronology": "neglect_protocol.chronology",
    "Decision": "neglect_protocol.escalation",
    "GCP2": "neglect_protocol.catalogue",
    "GCP2A": "neglect_protocol.catalogue",
    "LevelOfNeed": "neglect_protocol.escalation",
    "ThresholdPolicy": "neglect_protocol.escalation",
    "decide": "neglect_protocol.escalation",
    "format_profile": "neglect_protocol.display",
    "load_catalogue": "neglect_protocol.catalogue",
    "load_policy": "neglect_protocol.escalation",
}

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


def __getattr__(name: str) -> Any:
    # As attrs does: the version is read from the distribution's metadata only when
    # asked for, so that importing the package does not import importlib.metadata.
    if name == "__version__":
        from neglect_protocol._boundary._version import installed_version

        return installed_version()
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # Later look-ups find it without calling here again.
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {safe_repr(name)}")


def __dir__() -> list[str]:
    return __all__

"""neglect_protocol: a pure-domain engine for a child-neglect protocol and GCP2.

The names a newcomer needs first are here; each lives in a public module
(:mod:`neglect_protocol.grades`, :mod:`~neglect_protocol.catalogue`,
:mod:`~neglect_protocol.assessment`, :mod:`~neglect_protocol.profile`,
:mod:`~neglect_protocol.rules`, :mod:`~neglect_protocol.errors`).

>>> import neglect_protocol
>>> neglect_protocol.grades.Grade(2).quality_of_care
'adequate'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from neglect_protocol.escalation import (
        Decision,
        LevelOfNeed,
        ThresholdPolicy,
        decide,
        load_policy,
    )
    from neglect_protocol.grades import Grade
    from neglect_protocol.profile import GradeSource, Profile, ProfileEntry, score
    from neglect_protocol.rules import RollUpRule

    __version__: str

# Each name is imported from its public module when first used, so that importing
# the package (as Hypothesis's entry point does, whenever Hypothesis is imported)
# costs next to nothing. Hypothesis needs no more than the package to find the
# strategies, and the rest loads only when a program uses it.
_HOMES = {
    "AgeBand": "catalogue",
    "Area": "catalogue",
    "Assessment": "assessment",
    "Carer": "assessment",
    "Catalogue": "catalogue",
    "ChildRef": "assessment",
    "Chronology": "chronology",
    "decide": "escalation",
    "Decision": "escalation",
    "format_profile": "display",
    "GCP2": "catalogue",
    "GCP2A": "catalogue",
    "Grade": "grades",
    "GradeSource": "profile",
    "Instrument": "catalogue",
    "Item": "catalogue",
    "LevelOfNeed": "escalation",
    "load_catalogue": "catalogue",
    "load_policy": "escalation",
    "NeglectProtocolError": "errors",
    "ObservationWindow": "assessment",
    "Phase": "catalogue",
    "Practitioner": "assessment",
    "Profile": "profile",
    "ProfileEntry": "profile",
    "Rating": "assessment",
    "RollUpRule": "rules",
    "score": "profile",
    "SubArea": "catalogue",
    "TargetedItem": "assessment",
    "ThresholdPolicy": "escalation",
    "validate": "assessment",
}
_PUBLIC_MODULES = frozenset(
    {
        "action_plan",
        "assessment",
        "assurance",
        "audit",
        "catalogue",
        "census",
        "change",
        "chronology",
        "cli",
        "disclosure",
        "display",
        "errors",
        "escalation",
        "grades",
        "indicators",
        "key_indicators",
        "moderation",
        "pipeline",
        "plot",
        "profile",
        "records",
        "reporting",
        "rules",
        "screening",
        "serialize",
        "stats",
        "strategies",
        "survey",
    }
)

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


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # As attrs does: the version is read from the distribution's metadata only when
        # asked for, so that importing the package does not import importlib.metadata.
        from neglect_protocol._boundary._version import installed_version

        return installed_version()
    if name in _HOMES:
        value = getattr(importlib.import_module(f"neglect_protocol.{_HOMES[name]}"), name)
        globals()[name] = value
        return value
    if name in _PUBLIC_MODULES:
        return importlib.import_module(f"neglect_protocol.{name}")
    raise AttributeError(
        f"module 'neglect_protocol' has no attribute '{name}'"
    )  # a Python name, as Python says it

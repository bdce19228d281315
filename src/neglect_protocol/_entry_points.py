"""The ``hypothesis`` entry point of this distribution.

Hypothesis calls :func:`register` while it is being imported, which may be in the
middle of importing :mod:`neglect_protocol.strategies` (that module imports
Hypothesis). So this module imports neither: it registers, for each public value
type, a function that fetches the strategy from :mod:`neglect_protocol.strategies`
the first time one is drawn.
"""

from __future__ import annotations

from typing import Any


def register() -> None:
    """Register a lazily built strategy for each public value type."""
    from hypothesis import strategies as st

    for cls in public_value_types():
        st.register_type_strategy(cls, _strategy_for)


def public_value_types() -> tuple[type, ...]:
    """The public value types that ``st.from_type`` can draw."""
    from neglect_protocol.assessment import (
        Assessment,
        Carer,
        ChildRef,
        ObservationWindow,
        Practitioner,
        Rating,
        TargetedItem,
    )
    from neglect_protocol.catalogue import AgeBand, Area, Catalogue, Item, SubArea
    from neglect_protocol.grades import Grade
    from neglect_protocol.profile import Profile, ProfileEntry

    return (
        Grade,
        AgeBand,
        Area,
        SubArea,
        Item,
        Catalogue,
        ChildRef,
        Carer,
        Practitioner,
        ObservationWindow,
        Rating,
        TargetedItem,
        Assessment,
        Profile,
        ProfileEntry,
    )


def _strategy_for(cls: type) -> Any:
    from neglect_protocol.strategies import type_strategies

    return type_strategies()[cls]

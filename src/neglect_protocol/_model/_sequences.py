"""One validator for the tuples that value objects hold, raising the library's errors."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import attrs

ErrorFactory = Callable[[str, str], Exception]
"""Builds the caller's error from the field at fault and the problem."""

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _article(what: str) -> str:
    return "an" if what[:1].lower() in "aeiou" else "a"


def tuple_of(
    kind: type,
    error: ErrorFactory,
    *,
    non_empty: bool = False,
    unique_by: str | None = None,
    unique_what: str = "",
) -> Validator:
    """A validator for a tuple of ``kind``, optionally non-empty and unique by an attribute.

    Messages name the type of a wrong value, never the value, since an element of
    the wrong kind may be free text.

    Args:
        kind: The type every element must have.
        error: Builds the error from a field (``"records[3]"``) and a problem.
        non_empty: Whether at least one element is needed.
        unique_by: The attribute that must differ between elements (``"code"``).
        unique_what: What the attribute is called in messages (``"criterion code"``).
    """
    name = kind.__name__

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple) or (non_empty and not value):
            got = (
                "an empty tuple"
                if value == ()
                else f"{_article(type(value).__name__)} {type(value).__name__}"
            )
            wanted = "a non-empty" if non_empty else "a"
            raise error(attribute.name, f"expected {wanted} tuple of {name}, got {got}")
        seen: set[Hashable] = set()
        for index, element in enumerate(value):
            place = f"{attribute.name}[{index}]"
            if not isinstance(element, kind):
                received = type(element).__name__
                raise error(
                    place, f"expected {_article(name)} {name}, got {_article(received)} {received}"
                )
            if unique_by is None:
                continue
            key = getattr(element, unique_by)
            if key in seen:
                raise error(
                    f"{place}.{unique_by}", f"expected each {unique_what} once, got {key!r} again"
                )
            seen.add(key)

    return check

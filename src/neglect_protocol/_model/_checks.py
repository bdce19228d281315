"""Validators for attrs fields that raise the library's errors, never attrs' bare ones.

attrs' own ``instance_of`` raises a bare :class:`TypeError` whose message holds
the whole attribute and the offending value (which may be free text). These
raise a :class:`~neglect_protocol.errors.NeglectProtocolError` subclass naming the
field, what was expected and only a safe rendering of what was received.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from neglect_protocol.errors import safe_repr

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
ErrorFactory = Callable[[str, str], Exception]


def got(value: object) -> str:
    """Describe a received value safely for an error message (``got ...``)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return safe_repr(value)
    return f"a {type(value).__name__}"


def is_a(kind: type, what: str, error: ErrorFactory, *, optional: bool = False) -> Validator:
    """A validator that accepts instances of ``kind`` (and ``None`` if ``optional``).

    Booleans are refused where ``int`` is asked for: ``True`` is never a count.
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool):
            return
        expected = f"{what} or None" if optional else what
        raise error(attribute.name, f"expected {expected}, got {got(value)}")

    return check


def tuple_of(kind: type, what: str, error: ErrorFactory) -> Validator:
    """A validator for a tuple whose every element is a ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise error(attribute.name, f"expected a tuple of {what}, got {got(value)}")
        for index, element in enumerate(value):
            if not isinstance(element, kind):
                raise error(f"{attribute.name}[{index}]", f"expected a {what}, got {got(element)}")

    return check


def at_least(minimum: int, error: ErrorFactory) -> Validator:
    """A validator for a whole number no smaller than ``minimum``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise error(
                attribute.name, f"expected a whole number, {minimum} or more, got {got(value)}"
            )

    return check

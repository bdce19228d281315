"""Validators for attrs fields that raise the library's errors, never attrs' bare ones.

attrs' own ``instance_of`` raises a bare :class:`TypeError` whose message holds
the whole attribute and the offending value (which may be free text). These
raise a :class:`~neglect_protocol.errors.NeglectProtocolError` subclass naming the
field, what was expected and only a safe rendering of what was received.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

import attrs

from neglect_protocol.errors import safe_repr

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
ErrorFactory = Callable[[str, str], Exception]


def got(value: object) -> str:
    """Describe a received value safely for an error message (``got ...``).

    As :func:`~neglect_protocol.errors.safe_repr`, and exact numbers
    (``Decimal('NaN')``, ``Fraction(1, 3)``) are shown too: a number is never free text.
    """
    return safe_repr(value)


def listed(values: Iterable[object]) -> str:
    """Configured choices for an error message, each shown by the echo rule (``got`` does too).

    A partnership may type anything into a configuration file, so a list of its
    options is no safer to echo than a received value.
    """
    return ", ".join(safe_repr(value) for value in values)


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
                    f"{place}.{unique_by}",
                    # Keys are identifiers from configuration (criterion or question
                    # codes), never free text, so they are shown as they are.
                    f"expected each {unique_what} once, got {safe_repr(key)} again",
                )
            seen.add(key)

    return check


def at_least(minimum: int, error: ErrorFactory) -> Validator:
    """A validator for a whole number no smaller than ``minimum``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise error(
                attribute.name, f"expected a whole number, {minimum} or more, got {got(value)}"
            )

    return check


def collected(value: object, field: str, what: str, error: ErrorFactory) -> tuple[Any, ...]:
    """Return ``value``'s elements as a tuple, refusing text and anything not iterable.

    Args:
        value: What was passed where a collection of records was expected.
        field: Its name, for the message (``"responses"``).
        what: What was expected, for the message (``"an iterable of SurveyResponse"``).
        error: Builds the error from a field and a problem.
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise error(field, f"expected {what}, got {got(value)}")
    return tuple(value)


Member = TypeVar("Member", bound=enum.Enum)


def member_of(
    kind: type[Member],
    value: object,
    field: str,
    error: Callable[[str, str], Exception],
) -> Member:
    """Return ``value`` as a member of the enum ``kind``, accepting a member or its value.

    Args:
        kind: The enum.
        value: A member or a member's value.
        field: Where the value came from, for the error.
        error: Builds the error from the field and a problem. A wrong value is shown
            by the echo rule (:func:`got`): a policy file's value is no safer to echo
            than a record's.

    Raises:
        Exception: ``error(field, ...)`` listing the choices, if ``value`` is neither.
    """
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(safe_repr(choice) for choice in kind)
        raise error(field, f"expected one of {choices}, got {got(value)}") from None

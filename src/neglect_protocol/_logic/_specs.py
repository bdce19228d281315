"""Field checks shared by the declarative rule specs of threshold and screening policies.

A rule spec is a frozen attrs value whose fields are its parameters, so a policy
can be written to and read from a document. Its checks raise
:class:`~neglect_protocol.errors.PolicyError` named after the field, which a
loader re-roots at the rule's place in the document (``$.rules[2].level``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol.errors import PolicyError, safe_repr

Check = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def is_whole_number(value: object, least: int) -> bool:
    """Whether ``value`` is an ``int`` (not a ``bool``) of at least ``least``."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def whole_number(least: int) -> Check:
    """A validator for a whole number of at least ``least``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not is_whole_number(value, least):
            raise PolicyError(
                attribute.name,
                f"expected a whole number of {least} or more, got {safe_repr(value)}",
            )

    return check


def level_number(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A validator for the number of a level of need (which the policy checks exists).

    A :class:`~neglect_protocol.grades.Grade` is an ``int`` too, but a grade is
    not a level: a rule given ``level=Grade(4)`` has its arguments mixed up.
    """
    if isinstance(value, Grade):
        raise PolicyError(
            attribute.name, f"expected the number of a level of need, got the grade {value.value}"
        )
    if not is_whole_number(value, 1):
        raise PolicyError(
            attribute.name, f"expected the number of a level of need, got {safe_repr(value)}"
        )


def grade_of(value: object) -> Grade:
    """Convert a rule's ``grade`` parameter, refusing anything but 1 to 5."""
    return to_grade(value, field="grade")


def optional_grade_of(value: object) -> Grade | None:
    """Convert a rule's optional ``grade`` (``None``: the policy's concern grade)."""
    return None if value is None else grade_of(value)


def as_tuple(value: Any) -> Any:
    """Turn a list read from a document into a tuple; leave anything else for the validator."""
    return tuple(value) if isinstance(value, list) else value


def codes(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A validator for a tuple of non-empty codes."""
    if not isinstance(value, tuple):
        raise PolicyError(attribute.name, f"expected a list of codes, got a {type(value).__name__}")
    for index, code in enumerate(value):
        if not isinstance(code, str) or not code.strip():
            raise PolicyError(
                f"{attribute.name}[{index}]", f"expected a code, got {safe_repr(code)}"
            )


def describe_codes(label: str, values: tuple[str, ...]) -> str:
    """`` of A, B`` style suffix for a rule's description, empty when ``values`` is."""
    return f" {label} {', '.join(values)}" if values else ""

"""Writing and reading the declarative rule specs that policy documents hold.

Shared by the loaders of threshold policies and screening policies. Every error
names its place in the document (``$.rules[3].grade``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from neglect_protocol._boundary._document import build, items, table
from neglect_protocol._model._policy import rule_label
from neglect_protocol.errors import PolicyError, safe_repr


def spec_from_document(raw: object, path: str, kinds: Mapping[str, type]) -> Any:
    """Build a rule spec from its table: ``kind`` names the class, the other keys its fields.

    A ``rules`` field holds nested rule tables (for combinators such as ``all_of``).

    Raises:
        PolicyError: For an unknown kind, an unknown or missing key, or a value
            the spec refuses.
    """
    if not isinstance(raw, Mapping) or "kind" not in raw:
        shown = type(raw).__name__ if not isinstance(raw, Mapping) else "a table without 'kind'"
        raise PolicyError(path, f"expected a rule table with a 'kind' key, got {shown}")
    kind = raw["kind"]
    if kind not in kinds:
        raise PolicyError(
            f"{path}.kind", f"expected one of {', '.join(sorted(kinds))}, got {safe_repr(kind)}"
        )
    spec_class = kinds[kind]
    fields = attrs.fields(spec_class)
    allowed = frozenset({"kind", *(field.name for field in fields)})
    required = tuple(field.name for field in fields if field.default is attrs.NOTHING)
    values = table(raw, path, allowed, required, PolicyError)
    del values["kind"]
    if "rules" in values:
        values["rules"] = [
            spec_from_document(nested, f"{path}.rules[{index}]", kinds)
            for index, nested in enumerate(items(values["rules"], f"{path}.rules", PolicyError))
        ]
    return build(path, spec_class, PolicyError, **values)


def _plain(value: Any, path: str, kinds: Mapping[str, type]) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(element, f"{path}[{index}]", kinds) for index, element in enumerate(value)]
    if callable(value):
        return spec_to_document(value, path, kinds)
    return value


def spec_to_document(spec: object, path: str, kinds: Mapping[str, type]) -> dict[str, Any]:
    """Write a rule spec as a table: its ``kind`` and every field that is not ``None``.

    Raises:
        PolicyError: If ``spec`` is not one of ``kinds`` (a rule written as a plain
            function cannot be written to a document).
    """
    kind = getattr(spec, "kind", None)
    if not isinstance(kind, str) or kinds.get(kind) is not type(spec):
        raise PolicyError(
            path,
            f"expected a rule of a kind a document can hold ({', '.join(sorted(kinds))}), "
            f"got {safe_repr(rule_label(spec))}",
        )
    document: dict[str, Any] = {"kind": kind}
    spec_class: Any = type(spec)
    for field in attrs.fields(spec_class):
        value = getattr(spec, field.name)
        if value is not None:
            document[field.name] = _plain(value, f"{path}.{field.name}", kinds)
    return document

"""Reading TOML and JSON documents, and the declarative rule specs they hold.

Shared by the loaders of threshold policies, screening checklists and screening
policies. Every error names its place in the document (``$.rules[3].grade``)
and is raised through the caller's error class.
"""

from __future__ import annotations

import enum
import json
import os
import tomllib
from collections.abc import Callable, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from neglect_protocol._model._escalation import rule_label
from neglect_protocol.errors import InvalidGradeError, NeglectProtocolError, PolicyError

DocumentError = Callable[[str, str], NeglectProtocolError]
"""An error class taking a ``$``-rooted path and a problem, such as ``PolicyError``."""


def read_document(source: str | os.PathLike[str] | Traversable, error: DocumentError) -> Any:
    """Parse a ``.toml`` or ``.json`` file into plain Python values.

    Raises:
        NeglectProtocolError: Of the caller's class, if the file is neither
            TOML nor JSON or cannot be parsed.
        OSError: If the file cannot be read.
    """
    path = source if isinstance(source, Traversable) else Path(source)
    suffix = path.name.rsplit(".", 1)[-1].lower() if "." in path.name else ""
    if suffix not in {"toml", "json"}:
        raise error("$", f"expected a file ending .toml or .json, got {path.name!r}")
    text = path.read_text(encoding="utf-8")
    if suffix == "toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as parse_error:
            raise error(
                "$", f"expected a TOML document, got a parse error: {parse_error}"
            ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as parse_error:
        raise error(
            "$", f"expected a JSON document, got a parse error at line {parse_error.lineno}"
        ) from None


def table(
    value: object,
    path: str,
    allowed: frozenset[str],
    required: tuple[str, ...],
    error: DocumentError,
) -> dict[str, Any]:
    """Check that ``value`` is a table with only ``allowed`` keys and every ``required`` one."""
    if not isinstance(value, Mapping):
        raise error(path, f"expected a table, got a {type(value).__name__}")
    unknown = sorted(str(key) for key in value if key not in allowed)
    if unknown:
        raise error(
            path, f"expected only the keys {', '.join(sorted(allowed))}, got unknown {unknown!r}"
        )
    for key in required:
        if key not in value:
            raise error(path, f"expected a {key!r} key, got none")
    return dict(value)


def items(value: object, path: str, error: DocumentError) -> list[Any]:
    """Check that ``value`` is a list (a TOML array)."""
    if not isinstance(value, list):
        raise error(path, f"expected a list, got a {type(value).__name__}")
    return value


def schema_version(document: Mapping[str, Any], expected: int, error: DocumentError) -> None:
    """Refuse a document written for another version of the format."""
    found = document["schema_version"]
    if found != expected or isinstance(found, bool):
        raise error("$.schema_version", f"expected schema version {expected}, got {found!r}")


def rerooted(path: str, error: NeglectProtocolError, make: DocumentError) -> NeglectProtocolError:
    """The same problem as ``error``, placed at ``path`` in the document."""
    if isinstance(error, InvalidGradeError):
        return make(
            f"{path}.{error.field}", f"expected an integer from 1 to 5, got {error.value!r}"
        )
    where = getattr(error, "path", None) or getattr(error, "field", "")
    problem = getattr(error, "problem", str(error))
    return make(f"{path}.{where}" if where else path, problem)


def build(path: str, make: Callable[..., Any], error: DocumentError, **fields: Any) -> Any:
    """Call a model constructor, re-rooting any of our errors at ``path``."""
    try:
        return make(**fields)
    except NeglectProtocolError as problem:
        raise rerooted(path, problem, error) from None


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
            f"{path}.kind", f"expected one of {', '.join(sorted(kinds))}, got {kind!r}"
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
            f"got {rule_label(spec)!r}",
        )
    document: dict[str, Any] = {"kind": kind}
    spec_class: Any = type(spec)
    for field in attrs.fields(spec_class):
        value = getattr(spec, field.name)
        if value is not None:
            document[field.name] = _plain(value, f"{path}.{field.name}", kinds)
    return document

"""JSON Schema (2020-12) for the documents the converter reads and writes.

The schema is generated from the same types, scalars and wire rules the
converter uses (:mod:`neglect_protocol._boundary._wire`, and the merged rules
of :mod:`neglect_protocol._boundary._kinds`), so the two agree: a
document the converter writes is valid, and a document it refuses for its shape
or for a value out of range is invalid. Rules across fields (a window that ends
before it starts, a duplicated code) are the converter's alone.

Schemas are written for whoever builds documents without the library: every
property carries a ``description`` (from the ``Attributes:`` section of its
class's docstring), each document kind an example (a file of the library's own
tests, shipped as package data), a value that may be null a type list
(``["string", "null"]``) rather than ``anyOf``, so that a validator names what is
wrong with it, and every pattern is anchored by ``^`` and ``$`` with no
look-around, so that RE2-based validators read it too.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
import types
import typing
from importlib.resources import files
from typing import Any

from neglect_protocol._boundary._documents import _BY_TYPE, serialisable_types
from neglect_protocol._boundary._kinds import DOCUMENT_KINDS, RULES
from neglect_protocol._boundary._parse import read_file
from neglect_protocol._boundary._wire import (
    is_frozenset,
    is_mapping,
    is_record,
    mapping_key,
    record_fields,
    scalar_for,
)
from neglect_protocol.errors import UnsupportedTypeError

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_KIND = "The kind of document: always {kind}."
_SCHEMA_VERSION = (
    "The version of the document's layout: {version} in this schema. Older versions are "
    "read by the library, which upgrades them; a document must have the shape of the "
    "version it declares."
)


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of ``cls``'s documents (or of the part, for a type that is not a document).

    Raises:
        UnsupportedTypeError: If ``cls`` is not a public value type.
    """
    if cls not in serialisable_types():
        raise UnsupportedTypeError(getattr(cls, "__name__", type(cls).__name__))
    definitions: dict[str, Any] = {}
    registration = _BY_TYPE.get(cls)
    schema: dict[str, Any] = {"$schema": DIALECT}
    if registration is None:
        schema["title"] = cls.__name__
        schema.update(_inline(cls, definitions))
    else:
        body = _object(registration.shape, definitions)
        schema.update(
            {
                "$id": f"urn:neglect-protocol:{registration.kind}:{registration.schema_version}",
                "title": f"neglect-protocol {registration.kind} document, schema version "
                f"{registration.schema_version}",
                "description": _summary(cls),
                "type": "object",
                "properties": {
                    "kind": {
                        "description": _KIND.format(kind=f'"{registration.kind}"'),
                        "const": registration.kind,
                    },
                    "schema_version": {
                        "description": _SCHEMA_VERSION.format(version=registration.schema_version),
                        "const": registration.schema_version,
                    },
                    **body["properties"],
                },
                "required": ["schema_version", *body["required"]],
                "additionalProperties": False,
                "examples": [example(registration.kind)],
            }
        )
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def _inline(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    if is_record(cls):
        return _object(cls, definitions)
    return _type(cls, definitions)


def _object(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    tag = RULES.tags.get(cls)
    documented = _documented(cls)
    if tag is not None:
        properties["kind"] = {"description": _KIND.format(kind=f'"{tag}"'), "const": tag}
        required.append("kind")
    for name, kind, needed in record_fields(cls, RULES):
        schema = _type(kind, definitions)
        rule = RULES.rule(cls, name)
        if rule is not None:
            schema = {**schema, **rule.schema}
        # The field's own words first; a rule may add what its keywords cannot say.
        notes = [documented.get(name, ""), schema.pop("description", "")]
        properties[name] = {"description": " ".join(note for note in notes if note), **schema}
        if needed:
            required.append(name)
    return {
        "type": "object",
        **({"description": _summary(cls)} if _summary(cls) else {}),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type(kind: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    scalar = scalar_for(kind)
    if scalar is not None:
        return dict(scalar.schema)
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        options = [
            _type(argument, definitions) for argument in arguments if argument is not type(None)
        ]
        return _nullable(options)
    if origin is tuple:
        return {"type": "array", "items": _type(arguments[0], definitions)}
    if is_frozenset(kind):
        return {"type": "array", "items": _type(arguments[0], definitions), "uniqueItems": True}
    if is_mapping(kind):
        keys = mapping_key(arguments[0])[2]
        return {
            "type": "object",
            **({} if keys is None else {"propertyNames": {"enum": keys}}),
            "additionalProperties": _type(arguments[1], definitions),
        }
    if kind in RULES.unions:
        return {"oneOf": [_type(member, definitions) for member in kind.kinds.values()]}
    registration = _BY_TYPE.get(kind)
    if registration is not None and registration.shape is not kind:
        # A document nested in another is written in its own layout, without an envelope.
        return _type(registration.shape, definitions)
    if is_record(kind):
        name = kind.__name__
        if name not in definitions:
            definitions[name] = {}  # A placeholder, in case a class refers to itself.
            definitions[name] = _object(kind, definitions)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(
        f"no JSON Schema for {getattr(kind, '__name__', type(kind).__name__)}"
    )  # pragma: no cover - found by the
    # schema tests the first time a developer registers a type with an unknown field type.


def _nullable(options: list[dict[str, Any]]) -> dict[str, Any]:
    """A schema for any of ``options`` or null.

    A single scalar type takes null into its type list (``["string", "null"]``), so
    that a validator meeting a bad value reports the rule it breaks rather than
    "not valid under any of the given schemas"; an enumeration takes null among
    its values. Only a record, which has no such form, is offered with ``anyOf``.
    """
    single = options[0] if len(options) == 1 else {}
    if isinstance(single.get("type"), str):
        return {**single, "type": [single["type"], "null"]}
    if "enum" in single:
        return {**single, "enum": [*single["enum"], None]}
    return {"anyOf": [*options, {"type": "null"}]}


_SECTION = re.compile(r"^(?P<indent> *)Attributes:\n", re.MULTILINE)
_ENTRY = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?: \([^)]*\))?: (?P<text>.*)")


@functools.cache
def attribute_docs(cls: type) -> dict[str, str]:
    """The descriptions of ``cls``'s fields, from the ``Attributes:`` section of its docstring.

    The section is written in Google style, one entry a field, continued on more
    deeply indented lines:

    >>> class Window:
    ...     \"\"\"A span of days.
    ...
    ...     Attributes:
    ...         start: The first day
    ...             observed.
    ...         end: The last day.
    ...     \"\"\"
    >>> attribute_docs(Window)
    {'start': 'The first day observed.', 'end': 'The last day.'}
    """
    docstring = inspect.cleandoc(cls.__doc__ or "")
    section = _SECTION.search(docstring)
    if section is None:
        return {}
    found: dict[str, list[str]] = {}
    indent: int | None = None
    for line in docstring[section.end() :].splitlines():
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip())
        if depth <= len(section.group("indent")):
            break  # The next section (or the docstring's text) begins.
        if indent is None:
            indent = depth
        entry = _ENTRY.fullmatch(line.strip())
        if depth == indent and entry is not None:
            found[entry.group("name")] = [entry.group("text")]
        elif found:
            next(reversed(found.values())).append(line.strip())
    return {name: _plain(" ".join(words)) for name, words in found.items()}


_LITERAL = re.compile(r"``(?P<text>.+?)``")
_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`~?(?:[^`<]*<)?(?P<target>[^`>]+)>?`")


def _plain(text: str) -> str:
    """Docstring markup as plain text: a literal without its quotes, a cross-reference as its name.

    >>> _plain('The symbol (``"c"``); see :func:`~neglect_protocol.disclosure.suppress`.')
    'The symbol ("c"); see suppress.'
    """
    text = _LITERAL.sub(lambda found: found.group("text"), text)
    text = _ROLE.sub(lambda found: found.group("target").rsplit(".", 1)[-1], text)
    return " ".join(text.split())


def _documented(cls: type) -> dict[str, str]:
    """The descriptions of a record's fields: its own, else those of the type it lays out."""
    laid_out = _LAID_OUT.get(cls)
    return {**(attribute_docs(laid_out) if laid_out else {}), **attribute_docs(cls)}


_LAID_OUT = {entry.layout.shape: entry.type for entry in DOCUMENT_KINDS if entry.layout is not None}


def _summary(cls: type) -> str:
    """The first paragraph of ``cls``'s own docstring, on one line."""
    docstring = inspect.cleandoc(cls.__dict__.get("__doc__") or "")
    return _plain(docstring.split("\n\n", 1)[0])


@functools.cache
def _example(kind: str) -> Any:
    return read_file(files("neglect_protocol").joinpath("data", "examples", f"{kind}.json"))


def example(kind: str) -> Any:
    """The example document of ``kind`` that its schema shows (a fresh copy, free to change)."""
    return json.loads(json.dumps(_example(kind)))

"""JSON Schema (2020-12) for the documents the converter reads and writes.

The schema is generated from the same types, scalars and field rules the
converter uses (:mod:`neglect_protocol._boundary._wire`), so the two agree: a
document the converter writes is valid, and a document it refuses for its shape
or for a value out of range is invalid. Rules across fields (a window that ends
before it starts, a duplicated code) are the converter's alone.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from neglect_protocol._boundary._documents import _BY_TYPE, serialisable_types
from neglect_protocol._boundary._wire import (
    FIELD_RULES,
    KIND_TAGS,
    UNIONS,
    is_frozenset,
    is_mapping,
    is_record,
    mapping_key,
    record_fields,
    scalar_for,
)
from neglect_protocol.errors import UnsupportedTypeError

DIALECT = "https://json-schema.org/draft/2020-12/schema"


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
                "type": "object",
                "properties": {
                    "kind": {"const": registration.kind},
                    "schema_version": {"const": registration.schema_version},
                    **body["properties"],
                },
                "required": ["schema_version", *body["required"]],
                "additionalProperties": False,
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
    tag = KIND_TAGS.get(cls)
    if tag is not None:
        properties["kind"] = {"const": tag}
        required.append("kind")
    for name, kind, needed in record_fields(cls):
        schema = _type(kind, definitions)
        rule = FIELD_RULES.get((cls, name))
        if rule is not None:
            schema = {**schema, **rule.schema}
        properties[name] = schema
        if needed:
            required.append(name)
    return {
        "type": "object",
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
        return {"anyOf": [*options, {"type": "null"}]}
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
    if kind in UNIONS:
        return {"oneOf": [_type(member, definitions) for member in UNIONS[kind].values()]}
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

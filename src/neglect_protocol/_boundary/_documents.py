"""Documents: registered types, schema versions, migrations, and reading and writing them.

A *document* is a value exchanged on its own (an assessment, a catalogue, a
profile): its JSON object carries ``kind`` and ``schema_version``. Every other
public value type is a *part*, written without them. Both are declared once, in
:mod:`neglect_protocol._boundary._kinds`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
from cattrs.preconf.json import JsonConverter

from neglect_protocol._boundary._kinds import DOCUMENT_KINDS, PARTS, DocumentKind
from neglect_protocol._boundary._parse import parse_json
from neglect_protocol._boundary._wire import (
    SHAPE,
    WireError,
    describe,
    json_type,
    make_wire_converter,
    problems_of,
    relative,
)
from neglect_protocol.errors import (
    DocumentError,
    DocumentProblem,
    NeglectProtocolError,
    SchemaVersionError,
    UnsupportedTypeError,
    safe_repr,
)

T = TypeVar("T")

VERSION = "version"


@attrs.frozen
class DocumentType:
    """A document type: its ``kind``, Python type and schema versions.

    Attributes:
        kind: The value of the document's ``kind`` key (``"assessment"``).
        type: The Python type a document of this kind reads into.
        schema_version: The version this release writes.
        oldest_version: The oldest version this release still reads, by migration.
    """

    kind: str
    type: type
    schema_version: int
    oldest_version: int


_BY_KIND: Mapping[str, DocumentKind] = {entry.kind: entry for entry in DOCUMENT_KINDS}
_BY_TYPE: Mapping[type, DocumentKind] = {entry.type: entry for entry in DOCUMENT_KINDS}
_PARTS = frozenset(PARTS)


def _public(entry: DocumentKind) -> DocumentType:
    return DocumentType(entry.kind, entry.type, entry.schema_version, entry.oldest_version)


def document_types() -> tuple[DocumentType, ...]:
    """Every document type, in the order of their declaration."""
    return tuple(_public(entry) for entry in DOCUMENT_KINDS)


def document_type(kind_or_type: str | type) -> DocumentType:
    """The document type with this ``kind`` or Python type.

    Raises:
        UnsupportedTypeError: If no document type has that kind or type.
    """
    entry = (
        _BY_KIND.get(kind_or_type) if isinstance(kind_or_type, str) else _BY_TYPE.get(kind_or_type)
    )
    if entry is None:
        # A kind is received input, shown by the one echo rule; a type's name comes from code.
        name = safe_repr(kind_or_type) if isinstance(kind_or_type, str) else kind_or_type.__name__
        raise UnsupportedTypeError(name)
    return _public(entry)


def serialisable_types() -> frozenset[type]:
    """Every type :func:`to_dict` and :func:`from_dict` accept."""
    return _PARTS | frozenset(_BY_TYPE)


@functools.cache
def _converter(fast_writers: bool = True) -> JsonConverter:
    """The library's converter; with ``fast_writers=False``, every class written generically.

    The generic one is what the tests check the fast writers against.
    """
    omit: frozenset[type] = frozenset().union(*(entry.omit_if_default for entry in DOCUMENT_KINDS))
    layouts = {entry.type: entry.layout for entry in DOCUMENT_KINDS if entry.layout is not None}
    return make_wire_converter(omit, layouts, fast_writers=fast_writers)


# --- Writing ---


def to_dict(value: Any) -> Any:
    """Turn a public value into plain JSON data (dicts, lists, strings, numbers, booleans, None).

    Raises:
        UnsupportedTypeError: If ``value`` is not of a public value type.
    """
    cls = type(value)
    registration = _BY_TYPE.get(cls)
    if registration is not None:
        body = _converter().unstructure(value, cls)
        return {"kind": registration.kind, "schema_version": registration.schema_version, **body}
    if cls not in _PARTS:
        raise UnsupportedTypeError(cls.__name__)
    return _converter().unstructure(value, cls)


def to_json(value: Any, *, indent: int | None = None) -> str:
    """Turn a public value into JSON text (ASCII only, so any byte encoding carries it).

    Raises:
        UnsupportedTypeError: If ``value`` is not of a public value type.
    """
    return json.dumps(to_dict(value), indent=indent)


# --- Reading ---


def from_dict(cls: type[T], data: Any) -> T:
    """Read a value of type ``cls`` from plain JSON data.

    Raises:
        DocumentError: Listing every problem found (a
            :class:`~neglect_protocol.errors.SchemaVersionError`
            for a ``schema_version`` this release cannot read).
        UnsupportedTypeError: If ``cls`` is not a public value type.
    """
    return read_as(cls, data)


def read_as(cls: type[T], data: Any, build: Callable[[Any], T] | None = None) -> T:
    """Read a value of type ``cls`` from plain data, as :func:`from_dict` does.

    Args:
        cls: A public value type.
        data: The parsed document.
        build: For a document kind with a layout, a function turning the layout
            into the value in place of the layout's own (a loader given the
            catalogues a policy's codes are checked against passes them here). It
            raises a library error or :class:`WireError` for what it refuses.

    Raises:
        DocumentError: Listing every problem found.
        UnsupportedTypeError: If ``cls`` is not a public value type.
    """
    registration = _BY_TYPE.get(cls)
    if registration is None:
        if cls not in _PARTS:
            raise UnsupportedTypeError(getattr(cls, "__name__", type(cls).__name__))
        try:
            result: T = _converter().structure(data, cls)
        except Exception as error:  # problems_of re-raises anything unexpected
            raise DocumentError(problems_of(error, "$")) from None
        return result
    body, migrated_from = _open(registration, data)
    kind = registration.kind
    try:
        value: T = (
            _converter().structure(body, cls)
            if build is None
            else _built(build, _converter().structure(body, registration.shape), registration)
        )
    except Exception as error:  # problems_of re-raises anything unexpected
        problems = problems_of(error, "$", cls)
        if migrated_from is not None:
            problems = [
                _after_migration(problem, migrated_from, registration) for problem in problems
            ]
        raise DocumentError(problems, kind=kind) from None
    return value


def _built(build: Callable[[Any], T], shape: Any, registration: DocumentKind) -> T:
    try:
        return build(shape)
    except (WireError, NeglectProtocolError) as error:
        raise relative(error, registration.shape) from None


def _after_migration(
    problem: DocumentProblem, migrated_from: int, registration: DocumentKind
) -> DocumentProblem:
    return problem._replace(
        message=f"{problem.message} (in the document as migrated from schema version "
        f"{migrated_from} to {registration.schema_version})"
    )


def _open(registration: DocumentKind, data: Any) -> tuple[dict[str, Any], int | None]:
    """Check ``kind`` and ``schema_version``, migrate if older, return the body."""
    kind = registration.kind
    if type(data) is not dict:
        raise DocumentError(
            [DocumentProblem("$", f"expected a JSON object, got {json_type(data)}", SHAPE)],
            kind=kind,
        )
    body = dict(data)
    if "kind" in body:
        found = body.pop("kind")
        if found != kind or type(found) is not str:
            # A kind of this library's own is safe to name; anything else is described.
            shown = (
                json.dumps(found) if type(found) is str and found in _BY_KIND else describe(found)
            )
            problem = DocumentProblem(
                "$.kind", f"expected {json.dumps(kind)}, got {shown}", VERSION
            )
            raise DocumentError([problem], kind=kind)
    oldest = registration.oldest_version
    current = registration.schema_version
    supported = range(oldest, current + 1)
    if "schema_version" not in body:
        raise _version_error(registration, None, f"required key missing; expected {current}")
    version = body.pop("schema_version")
    if type(version) is not int:
        raise _version_error(
            registration, version, f"expected an integer schema version, got {describe(version)}"
        )
    if version > current:
        raise _version_error(
            registration,
            version,
            f"expected schema version {current} or older, got {version}: the document was "
            "written by a newer release of neglect-protocol",
        )
    if version < oldest:
        span = f"{oldest}" if oldest == current else f"from {oldest} to {current}"
        raise _version_error(
            registration, version, f"expected schema version {span}, got {version}"
        )
    if version == current:
        return body, None
    try:
        for step in supported[supported.index(version) : -1]:
            body = registration.migrations[step](body)
    except WireError as error:
        raise DocumentError(problems_of(error, "$"), kind=kind) from None
    return body, version


def _version_error(registration: DocumentKind, version: object, message: str) -> SchemaVersionError:
    oldest = registration.oldest_version
    return SchemaVersionError(
        DocumentProblem("$.schema_version", message, VERSION),
        kind=registration.kind,
        version=version,
        supported=range(oldest, registration.schema_version + 1),
    )


def from_json(cls: type[T], text: str | bytes) -> T:
    """Read a value of type ``cls`` from JSON text.

    Raises:
        DocumentError: If the text is not strict JSON, or for every problem found
            in the document.
        UnsupportedTypeError: If ``cls`` is not a public value type.
    """
    return from_dict(cls, parse_json(text))


def read_document(data: Any) -> Any:
    """Read a document of any registered kind, chosen by its ``kind`` key.

    Raises:
        DocumentError: If ``kind`` is missing or unknown, or the document is invalid.
    """
    kind = data.get("kind") if type(data) is dict else None
    if type(kind) is not str or kind not in _BY_KIND:
        choices = ", ".join(json.dumps(name) for name in _BY_KIND)
        found = "no kind" if kind is None else describe(kind)
        raise DocumentError(
            [DocumentProblem("$.kind", f"expected one of {choices}, got {found}", VERSION)]
        )
    return from_dict(_BY_KIND[kind].type, data)

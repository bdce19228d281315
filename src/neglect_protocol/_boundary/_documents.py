"""Documents: registered types, schema versions, migrations, and reading and writing them.

A *document* is a value exchanged on its own (an assessment, a catalogue, a
profile): its JSON object carries ``kind`` and ``schema_version``. Every other
public value type is a *part*, written without them. Adding a document type is
one call to :func:`register_document` (and a golden file in the tests).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs
from cattrs.preconf.json import JsonConverter

from neglect_protocol._boundary._wire import (
    SHAPE,
    Layout,
    WireError,
    describe,
    json_type,
    key_segment,
    make_wire_converter,
    problems_of,
)
from neglect_protocol.errors import (
    DocumentError,
    DocumentProblem,
    SchemaVersionError,
    UnsupportedTypeError,
    safe_repr,
)

T = TypeVar("T")

VERSION = "version"
SYNTAX = "syntax"

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns a document's body (without ``kind`` and ``schema_version``) into the next version."""


@attrs.frozen
class DocumentType:
    """A registered document type: its ``kind``, Python type and schema versions.

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


@attrs.frozen
class _Registration:
    kind: str
    cls: type
    version: int
    layout: Layout | None
    omit_if_default: frozenset[type]
    migrations: dict[int, Migration] = attrs.field(factory=dict)

    @property
    def shape(self) -> type:
        """The attrs class laying out the document (the type itself without a layout)."""
        return self.cls if self.layout is None else self.layout.shape


_BY_KIND: dict[str, _Registration] = {}
_BY_TYPE: dict[type, _Registration] = {}
_PARTS: set[type] = set()


def register_document(
    kind: str,
    cls: type[T],
    *,
    version: int,
    layout: Layout | None = None,
    omit_if_default: Iterable[type] = (),
) -> None:
    """Register a document type.

    Args:
        kind: The value of the document's ``kind`` key.
        cls: The public type.
        version: The schema version this release writes.
        layout: An attrs class laying out the document, and the functions that turn
            a value into it and back, if the document is not laid out as ``cls`` is
            (a profile leaves out what it derives; a catalogue nests sub-areas). The
            function back raises :class:`WireError`, or a library error, for rules
            across fields that the layout cannot express.
        omit_if_default: Layout classes whose default-valued fields are left out.
    """
    registration = _Registration(kind, cls, version, layout, frozenset(omit_if_default))
    _BY_KIND[kind] = registration
    _BY_TYPE[cls] = registration
    _converter.cache_clear()


def register_migration(kind: str, from_version: int) -> Callable[[Migration], Migration]:
    """Register a function that upgrades a ``kind`` document from ``from_version`` by one.

    The function receives the document without ``kind`` and ``schema_version``, as
    parsed (so anything may be malformed), and returns the next version's layout; it
    may raise :class:`WireError` for what it cannot translate.
    """

    def register(migration: Migration) -> Migration:
        _BY_KIND[kind].migrations[from_version] = migration
        return migration

    return register


def register_parts(*types: type) -> None:
    """Register public value types that are serialised on their own without an envelope."""
    _PARTS.update(types)
    _converter.cache_clear()


def _oldest(registration: _Registration) -> int:
    version = registration.version
    while version - 1 in registration.migrations:
        version -= 1
    return version


def document_types() -> tuple[DocumentType, ...]:
    """Every registered document type, in registration order."""
    return tuple(
        DocumentType(entry.kind, entry.cls, entry.version, _oldest(entry))
        for entry in _BY_KIND.values()
    )


def document_type(kind_or_type: str | type) -> DocumentType:
    """The registered document type with this ``kind`` or Python type.

    Raises:
        UnsupportedTypeError: If no document type has that kind or type.
    """
    registration = (
        _BY_KIND.get(kind_or_type) if isinstance(kind_or_type, str) else _BY_TYPE.get(kind_or_type)
    )
    if registration is None:
        # A kind is received input, shown by the one echo rule; a type's name comes from code.
        name = safe_repr(kind_or_type) if isinstance(kind_or_type, str) else kind_or_type.__name__
        raise UnsupportedTypeError(name)
    return DocumentType(
        registration.kind, registration.cls, registration.version, _oldest(registration)
    )


def serialisable_types() -> frozenset[type]:
    """Every type :func:`to_dict` and :func:`from_dict` accept."""
    return frozenset(_PARTS) | frozenset(_BY_TYPE)


@functools.cache
def _converter() -> JsonConverter:
    omit: frozenset[type] = frozenset().union(
        *(entry.omit_if_default for entry in _BY_KIND.values())
    )
    layouts = {entry.cls: entry.layout for entry in _BY_KIND.values() if entry.layout is not None}
    return make_wire_converter(omit, layouts)


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
        return {"kind": registration.kind, "schema_version": registration.version, **body}
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
        value: T = _converter().structure(body, cls)
    except Exception as error:  # problems_of re-raises anything unexpected
        problems = problems_of(error, "$", cls)
        if migrated_from is not None:
            problems = [
                _after_migration(problem, migrated_from, registration) for problem in problems
            ]
        raise DocumentError(problems, kind=kind) from None
    return value


def _after_migration(
    problem: DocumentProblem, migrated_from: int, registration: _Registration
) -> DocumentProblem:
    return problem._replace(
        message=f"{problem.message} (in the document as migrated from schema version "
        f"{migrated_from} to {registration.version})"
    )


def _open(registration: _Registration, data: Any) -> tuple[dict[str, Any], int | None]:
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
    oldest = _oldest(registration)
    current = registration.version
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


def _version_error(
    registration: _Registration, version: object, message: str
) -> SchemaVersionError:
    oldest = _oldest(registration)
    return SchemaVersionError(
        DocumentProblem("$.schema_version", message, VERSION),
        kind=registration.kind,
        version=version,
        supported=range(oldest, registration.version + 1),
    )


class _DuplicateKeyError(ValueError):
    pass


class _ConstantError(ValueError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(name)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


def _refuse_constant(name: str) -> Any:
    raise _ConstantError(name)


class _Marked(dict[str, Any]):
    """An object in which a key was repeated: built only to report where."""

    repeated: tuple[str, ...] = ()


def _marking(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = _Marked(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        repeated: list[str] = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        result.repeated = tuple(repeated)
    return result


def _repeated_keys(text: str | bytes) -> list[DocumentProblem]:
    """Find where keys were repeated, by parsing again with objects that remember."""
    problems: list[DocumentProblem] = []
    stack: list[tuple[str, Any]] = [("$", json.loads(text, object_pairs_hook=_marking))]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Marked):
            problems.extend(
                DocumentProblem(
                    path + key_segment(key),
                    "expected each key once in an object, got it again (JSON readers keep only "
                    "one of the values, so the other would be lost)",
                    SHAPE,
                )
                for key in dict.fromkeys(value.repeated)
            )
            stack.extend((path + key_segment(key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
    return sorted(problems)


def parse_json(text: str | bytes) -> Any:
    """Parse strict JSON: no repeated keys, no ``NaN`` or ``Infinity``, nothing undecodable.

    Raises:
        DocumentError: With one problem saying what is wrong with the text.
    """
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant)
    except _DuplicateKeyError:
        raise DocumentError(_repeated_keys(text)) from None
    except json.JSONDecodeError as error:
        message = (
            f"expected JSON, got a syntax error at line {error.lineno} column {error.colno} "
            f"({error.msg})"
        )
    except _ConstantError as error:
        message = f"expected standard JSON, got the non-standard constant {error.name}"
    except UnicodeDecodeError:
        message = "expected JSON text in UTF-8, UTF-16 or UTF-32, got bytes that do not decode"
    except RecursionError:
        message = (
            "expected JSON nested to a reasonable depth, got arrays or objects nested too "
            "deeply to read"
        )
    except ValueError:
        # Python refuses integers of thousands of digits rather than spend time converting them.
        message = "expected JSON numbers of a readable size, got a number with too many digits"
    raise DocumentError([DocumentProblem("$", message, SYNTAX)])


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
    return from_dict(_BY_KIND[kind].cls, data)

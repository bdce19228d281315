"""Reading a TOML or JSON reference-data document from a file."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neglect_protocol.errors import InvalidGradeError, NeglectProtocolError, safe_repr

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DocumentError = Callable[[str, str], NeglectProtocolError]
"""An error class taking a ``$``-rooted path and a problem, such as ``PolicyError``."""


class _DuplicateKeyError(ValueError):
    """A JSON object repeats a key (json.loads would silently keep the last)."""


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise _DuplicateKeyError(safe_repr(key))
        document[key] = value
    return document


def read_document(
    source: str | os.PathLike[str] | Traversable, error: Callable[[str, str], Exception]
) -> Any:
    """Parse ``source`` as TOML (``.toml``) or JSON (``.json``), by its suffix.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.
        error: Builds the caller's error from a ``$`` path and a problem.

    Raises:
        Exception: ``error("$", ...)`` if the suffix is neither or the text does not parse.
        OSError: If the file cannot be read.
    """
    # A path is made a Path; anything else is a package resource (a Traversable).
    path = Path(source) if isinstance(source, str | os.PathLike) else source
    suffix = path.name.rsplit(".", 1)[-1].lower() if "." in path.name else ""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as decode_error:
        raise error(
            "$", f"expected UTF-8 text, got an undecodable byte at position {decode_error.start}"
        ) from None
    # The parsers are imported when a document is read: importing the package stays cheap.
    if suffix == "toml":
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as parse_error:
            raise error(
                "$", f"expected a TOML document, got a parse error: {parse_error}"
            ) from None
    if suffix == "json":
        import json

        try:
            return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
        except _DuplicateKeyError as duplicate:
            raise error("$", f"expected each key once in a JSON object, got {duplicate}") from None
        except json.JSONDecodeError as parse_error:
            raise error(
                "$", f"expected a JSON document, got a parse error at line {parse_error.lineno}"
            ) from None
    raise error("$", f"expected a file ending .toml or .json, got {safe_repr(path.name)}")


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
            path,
            f"expected only the keys {', '.join(sorted(allowed))}"
            f", got unknown {safe_repr(unknown)}",
        )
    for key in required:
        if key not in value:
            raise error(path, f"expected a {safe_repr(key)} key, got none")
    return dict(value)


def items(value: object, path: str, error: DocumentError) -> list[Any]:
    """Check that ``value`` is a list (a TOML array)."""
    if not isinstance(value, list):
        raise error(path, f"expected a list, got a {type(value).__name__}")
    return value


def schema_version(document: Mapping[str, Any], expected: int, error: DocumentError) -> None:
    """Refuse a document written for another version of the format."""
    found = document["schema_version"]
    if type(found) is not int or found != expected:
        raise error(
            "$.schema_version", f"expected schema version {expected}, got {safe_repr(found)}"
        )


def rerooted(path: str, error: NeglectProtocolError, make: DocumentError) -> NeglectProtocolError:
    """The same problem as ``error``, placed at ``path`` in the document."""
    if isinstance(error, InvalidGradeError):
        return make(
            f"{path}.{error.field}",
            f"expected an integer from 1 to 5, got {safe_repr(error.value)}",
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


def check_kind(document: Mapping[str, Any], expected: str, error: DocumentError) -> None:
    """Refuse a ``kind`` key that names another format; the key itself is optional.

    :mod:`neglect_protocol.serialize` writes ``kind`` first in every document, so a
    reference-data file it wrote is read by the loader of its own format too.
    """
    if "kind" in document and document["kind"] != expected:
        raise error("$.kind", f"expected {safe_repr(expected)}, got {safe_repr(document['kind'])}")

"""Reading a TOML or JSON reference-data document from a file."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


class _DuplicateKeyError(ValueError):
    """A JSON object repeats a key (json.loads would silently keep the last)."""


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise _DuplicateKeyError(repr(key) if len(key) <= 40 else "a long key")
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
    path = source if isinstance(source, Traversable) else Path(source)
    suffix = path.name.rsplit(".", 1)[-1].lower() if "." in path.name else ""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as decode_error:
        raise error(
            "$", f"expected UTF-8 text, got an undecodable byte at position {decode_error.start}"
        ) from None
    if suffix == "toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as parse_error:
            raise error(
                "$", f"expected a TOML document, got a parse error: {parse_error}"
            ) from None
    if suffix == "json":
        try:
            return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
        except _DuplicateKeyError as duplicate:
            raise error("$", f"expected each key once in a JSON object, got {duplicate}") from None
        except json.JSONDecodeError as parse_error:
            raise error(
                "$", f"expected a JSON document, got a parse error at line {parse_error.lineno}"
            ) from None
    raise error("$", f"expected a file ending .toml or .json, got {path.name!r}")

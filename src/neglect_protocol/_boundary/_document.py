"""Reading a TOML or JSON reference-data document from a file."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


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
    text = path.read_text(encoding="utf-8")
    if suffix == "toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as parse_error:
            raise error(
                "$", f"expected a TOML document, got a parse error: {parse_error}"
            ) from None
    if suffix == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as parse_error:
            raise error(
                "$", f"expected a JSON document, got a parse error at line {parse_error.lineno}"
            ) from None
    raise error("$", f"expected a file ending .toml or .json, got {path.name!r}")

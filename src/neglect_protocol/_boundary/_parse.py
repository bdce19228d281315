r"""Parsing JSON and TOML text into plain data: the one place where text becomes data.

Every reader of the library (documents, reference files, the command line's
standard input) parses here, so every way text can fail is answered alike: a
:class:`~neglect_protocol.errors.DocumentError` with one problem at ``$``, never a
``RecursionError``, a bare ``ValueError`` or a parser's own exception. Both
formats refuse what a reader would otherwise silently drop or invent: a repeated
key (readers keep only one of its values), the non-finite numbers ``NaN`` and
``Infinity`` (not JSON, and no count or share of ours is infinite), and a lone
surrogate in text (``"\ud800"``: JSON's escapes can write half of a UTF-16 pair,
which is no character, and which no file, terminal or database in UTF-8 can hold).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import tomllib
from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from neglect_protocol._boundary._wire import SHAPE, key_segment
from neglect_protocol.errors import DocumentError, DocumentProblem, safe_repr

SYNTAX = "syntax"
"""The category of a problem with the text itself (see :class:`DocumentProblem`)."""


def _syntax(message: str) -> DocumentError:
    return DocumentError([DocumentProblem("$", message, SYNTAX)])


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


_TOO_DEEP = (
    "expected {format} nested to a reasonable depth, got arrays or objects nested too "
    "deeply to read"
)
# Python refuses integers of thousands of digits rather than spend time converting them.
_TOO_LONG = "expected {format} numbers of a readable size, got a number with too many digits"


_SURROGATE = re.compile("[\ud800-\udfff]")
# Only text holding a surrogate's escape (or, not being ASCII, a surrogate itself)
# is searched value by value, so that reading valid documents stays fast.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = (
    "expected text of Unicode characters, got a lone surrogate (half of a UTF-16 pair, "
    "which is no character)"
)


def _lone_surrogates(document: Any) -> list[DocumentProblem]:
    """Where text (a key or a value) holds a lone surrogate."""
    problems: list[DocumentProblem] = []
    stack: list[tuple[str, Any]] = [("$", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and _SURROGATE.search(value):
            problems.append(DocumentProblem(path, _LONE_SURROGATE, SYNTAX))
        elif isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    # The key cannot be shown: its path stops at the object holding it.
                    problems.append(DocumentProblem(path, f"{_LONE_SURROGATE}, in a key", SYNTAX))
                else:
                    stack.append((path + key_segment(key), item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
    return sorted(problems)


def _refuse_lone_surrogates(text: str, document: Any) -> Any:
    # A backslash is looked for first, as it is found at once and most texts hold none.
    escaped = "\\" in text and _SURROGATE_ESCAPE.search(text)
    if escaped or (not text.isascii() and _SURROGATE.search(text)):
        problems = _lone_surrogates(document)
        if problems:
            raise DocumentError(problems)
    return document


def parse_json(text: str | bytes) -> Any:
    r"""Parse strict JSON: no repeated keys, no ``NaN`` or ``Infinity``, nothing undecodable.

    Text holding a lone surrogate (``"\ud800"``, half of a UTF-16 pair) is refused.

    Raises:
        DocumentError: Saying what is wrong with the text (one problem per repeated key,
            and per text holding a lone surrogate).
    """
    try:
        # Bytes are decoded strictly here: the json module would let the encoded
        # form of a lone surrogate through.
        decoded = text.decode(json.detect_encoding(text)) if isinstance(text, bytes) else text
        if decoded.startswith("\ufeff"):
            json.loads(decoded)  # Raises the json module's own error for a byte order mark.
        document = _STRICT.decode(decoded)
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
        message = _TOO_DEEP.format(format="JSON")
    except ValueError:
        message = _TOO_LONG.format(format="JSON")
    else:
        return _refuse_lone_surrogates(decoded, document)
    raise _syntax(message)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _ConstantError(text)
    return number


# Made once: json.loads given hooks makes a decoder on every call, a tenth of the
# time of reading a typical assessment document. A decoder keeps no state between
# calls but a cache of the keys met (shared as json.loads shares its own decoder,
# it only saves memory). Unlike json.loads, it does not look for a byte order mark.
_STRICT = json.JSONDecoder(
    object_pairs_hook=_unique_keys, parse_constant=_refuse_constant, parse_float=_finite
)


def _dates_as_text(document: dict[str, Any]) -> dict[str, Any]:
    """Write TOML's dates and times as ISO 8601 text, as JSON documents hold them."""
    stack: list[Any] = [document]
    while stack:
        container = stack.pop()
        keys = container.keys() if isinstance(container, dict) else range(len(container))
        for key in keys:
            value = container[key]
            if isinstance(value, dt.date | dt.time):
                container[key] = value.isoformat()
            elif isinstance(value, dict | list):
                stack.append(value)
    return document


def parse_toml(text: str | bytes) -> dict[str, Any]:
    """Parse TOML (UTF-8 when given bytes), refusing ``nan`` and ``inf``.

    Repeated keys are refused by TOML itself. Dates and times are returned as
    ISO 8601 text, as a JSON document writes them.

    Raises:
        DocumentError: Saying what is wrong with the text.
    """
    try:
        decoded = text.decode("utf-8") if isinstance(text, bytes) else text
    except UnicodeDecodeError as error:
        raise _syntax(
            f"expected TOML text in UTF-8, got an undecodable byte at position {error.start}"
        ) from None
    try:
        document = _dates_as_text(tomllib.loads(decoded, parse_float=_finite))
    except tomllib.TOMLDecodeError as error:
        # The parser's message names a position and what it expected, never the text.
        message = f"expected TOML, got a syntax error ({error})"
    except _ConstantError as error:
        message = f"expected finite numbers, got the non-finite constant {error.name}"
    except RecursionError:
        message = _TOO_DEEP.format(format="TOML")
    except ValueError:
        message = _TOO_LONG.format(format="TOML")
    else:
        # TOML refuses a surrogate's escape; a string given here may hold one itself.
        return _refuse_lone_surrogates(decoded, document)  # type: ignore[no-any-return]
    raise _syntax(message)


_PARSERS: dict[str, Callable[[bytes], Any]] = {"json": parse_json, "toml": parse_toml}


def read_file(source: str | os.PathLike[str] | Traversable) -> Any:
    """Read and parse a TOML (``.toml``) or JSON (``.json``) file, chosen by its suffix.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Raises:
        DocumentError: If the suffix is neither, or the text does not parse.
        OSError: If the file cannot be read.
    """
    path = source if isinstance(source, Traversable) else Path(source)
    suffix = path.name.rsplit(".", 1)[-1].lower() if "." in path.name else ""
    parser = _PARSERS.get(suffix)
    if parser is None:
        raise _syntax(f"expected a file ending .toml or .json, got {safe_repr(path.name)}")
    return parser(path.read_bytes())

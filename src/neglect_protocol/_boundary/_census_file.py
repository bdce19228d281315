"""Reading Children in Need census code lists (plan categories, assessment factors) from files."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from neglect_protocol._boundary._parse import read_file
from neglect_protocol._model._census import CensusCode, CensusCodeList, CodeListKind
from neglect_protocol.errors import CohortError, safe_repr

# These lists are still checked here rather than by the one converter: they should
# become a declared document kind (see _kinds) like the other reference files.


def _table(value: object, path: str, allowed: frozenset[str]) -> dict[str, Any]:
    """``value`` as a table holding every one of ``allowed`` and nothing else."""
    if not isinstance(value, Mapping):
        raise CohortError(path, f"expected a table, got a {type(value).__name__}")
    unknown = sorted(str(key) for key in value if key not in allowed)
    if unknown:
        raise CohortError(
            path,
            f"expected only the keys {', '.join(sorted(allowed))}, got unknown "
            f"{safe_repr(unknown)}",
        )
    for key in sorted(allowed):
        if key not in value:
            raise CohortError(path, f"expected a {safe_repr(key)} key, got none")
    return dict(value)


def _items(value: object, path: str) -> list[Any]:
    """``value`` as a list."""
    if not isinstance(value, list):
        raise CohortError(path, f"expected a list, got a {type(value).__name__}")
    return value


CENSUS_CODES_SCHEMA_VERSION = 1
"""The version of the census code list file format this library reads."""

_TOP_KEYS = frozenset({"schema_version", "kind", "source", "year", "codes"})
_CODE_KEYS = frozenset({"code", "label"})


def code_list_from_document(document: Mapping[str, Any], kind: CodeListKind) -> CensusCodeList:
    """Build a code list of ``kind`` from a parsed TOML or JSON document.

    The document has ``schema_version`` (1), ``kind`` (``"plan_category"`` or
    ``"assessment_factor"``), ``source``, ``year`` and ``codes``, a list of tables
    with ``code`` and ``label``.

    Raises:
        CohortError: With a ``$``-rooted path, for an unknown or missing key, a
            list of the other kind, or an invalid value.
    """
    top = _table(document, "$", _TOP_KEYS)
    version = top["schema_version"]
    if type(version) is not int or version != CENSUS_CODES_SCHEMA_VERSION:
        raise CohortError(
            "$.schema_version",
            f"expected schema version {CENSUS_CODES_SCHEMA_VERSION}, got {safe_repr(version)}",
        )
    if top["kind"] != kind.value:
        raise CohortError(
            "$.kind", f"expected {safe_repr(kind.value)}, got {safe_repr(top['kind'])}"
        )
    codes = []
    for index, entry in enumerate(_items(top["codes"], "$.codes")):
        path = f"$.codes[{index}]"
        row = _table(entry, path, _CODE_KEYS)
        try:
            codes.append(CensusCode(row["code"], row["label"]))
        except CohortError as error:
            raise CohortError(f"{path}.{error.path}", error.problems[0].message) from None
    try:
        return CensusCodeList(kind, top["source"], top["year"], tuple(codes))
    except CohortError as error:
        raise CohortError(f"$.{error.path}", error.problems[0].message) from None


def load_plan_categories(source: str | os.PathLike[str] | Traversable) -> CensusCodeList:
    """Read a list of child protection plan categories from a TOML or JSON file.

    A file of another collection year replaces the built-in list wherever a
    function takes ``categories=``.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated list.

    Raises:
        CohortError: With a ``$``-rooted path, if the file is not TOML or JSON,
            does not parse, or breaks a rule of the format.
        OSError: If the file cannot be read.
    """
    return code_list_from_document(read_file(source), CodeListKind.PLAN_CATEGORY)


def load_assessment_factors(source: str | os.PathLike[str] | Traversable) -> CensusCodeList:
    """Read a list of factors identified at the end of assessment from a TOML or JSON file.

    A file of another collection year replaces the built-in list wherever a
    function takes ``factors=``.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated list.

    Raises:
        CohortError: With a ``$``-rooted path, if the file is not TOML or JSON,
            does not parse, or breaks a rule of the format.
        OSError: If the file cannot be read.
    """
    return code_list_from_document(read_file(source), CodeListKind.ASSESSMENT_FACTOR)


@functools.cache
def builtin_plan_categories() -> CensusCodeList:
    """Return the shipped list of plan categories, read from package data once."""
    return load_plan_categories(
        files("neglect_protocol").joinpath("data", "cin-plan-categories.toml")
    )


@functools.cache
def builtin_assessment_factors() -> CensusCodeList:
    """Return the shipped list of assessment factors, read from package data once."""
    return load_assessment_factors(
        files("neglect_protocol").joinpath("data", "cin-assessment-factors.toml")
    )

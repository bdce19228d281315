"""Reading Children in Need census code lists (plan categories, assessment factors) from files."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from neglect_protocol._boundary._document import items, read_document, table
from neglect_protocol._model._census import CensusCode, CensusCodeList, CodeListKind
from neglect_protocol.errors import CohortError, safe_repr

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
    top = table(document, "$", _TOP_KEYS, tuple(sorted(_TOP_KEYS)), CohortError)
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
    for index, entry in enumerate(items(top["codes"], "$.codes", CohortError)):
        path = f"$.codes[{index}]"
        row = table(entry, path, _CODE_KEYS, ("code", "label"), CohortError)
        try:
            codes.append(CensusCode(row["code"], row["label"]))
        except CohortError as error:
            raise CohortError(f"{path}.{error.field}", error.problem) from None
    try:
        return CensusCodeList(kind, top["source"], top["year"], tuple(codes))
    except CohortError as error:
        raise CohortError(f"$.{error.field}", error.problem) from None


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
    return code_list_from_document(read_document(source, CohortError), CodeListKind.PLAN_CATEGORY)


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
    return code_list_from_document(
        read_document(source, CohortError), CodeListKind.ASSESSMENT_FACTOR
    )


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

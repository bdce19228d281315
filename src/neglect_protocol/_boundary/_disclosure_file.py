"""Reading disclosure policies from TOML or JSON documents."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from neglect_protocol._boundary._document import check_kind, read_document, table
from neglect_protocol._model._disclosure import DisclosurePolicy
from neglect_protocol.errors import DisclosurePolicyError, safe_repr

DISCLOSURE_SCHEMA_VERSION = 1
"""The version of the disclosure policy document format this library reads."""

_SECTIONS: dict[str, frozenset[str]] = {
    "suppression": frozenset({"min_count", "max_count", "secondary"}),
    "symbols": frozenset({"suppressed", "not_available", "not_applicable"}),
    "rounding": frozenset({"totals_to_nearest", "percent_decimal_places"}),
}
# "kind" is optional: neglect_protocol.serialize writes it ("disclosure_policy").
_TOP_KEYS = frozenset({"kind", "schema_version", "name", "version", "source", *_SECTIONS})


def _table(value: object, path: str, allowed: frozenset[str]) -> Mapping[str, Any]:
    return table(value, path, allowed, (), DisclosurePolicyError)


def disclosure_policy_from_document(document: Mapping[str, Any]) -> DisclosurePolicy:
    """Build a disclosure policy from a parsed TOML or JSON document.

    The document has ``schema_version``, ``name``, ``version`` and ``source``, and
    optional tables ``suppression`` (``min_count``, ``max_count``, ``secondary``),
    ``symbols`` (``suppressed``, ``not_available``, ``not_applicable``) and
    ``rounding`` (``totals_to_nearest``, ``percent_decimal_places``); a key left
    out takes the DfE value.

    Args:
        document: The parsed document.

    Returns:
        The validated policy.

    Raises:
        DisclosurePolicyError: With a ``$``-rooted path, for an unknown or missing
            key or an invalid value.

    >>> from neglect_protocol.disclosure import disclosure_policy_from_document
    >>> policy = disclosure_policy_from_document({
    ...     "schema_version": 1, "name": "County", "version": "2024",
    ...     "source": "County data protection guidance",
    ...     "suppression": {"max_count": 9},
    ... })
    >>> policy.is_primary(9), policy.suppressed
    (True, 'c')
    """
    top = _table(document, "$", _TOP_KEYS)
    check_kind(top, "disclosure_policy", DisclosurePolicyError)
    for key in ("schema_version", "name", "version", "source"):
        if key not in top:
            raise DisclosurePolicyError("$", f"expected a {safe_repr(key)} key, got none")
    schema_version = top["schema_version"]
    if schema_version != DISCLOSURE_SCHEMA_VERSION or isinstance(schema_version, bool):
        raise DisclosurePolicyError(
            "$.schema_version",
            f"expected disclosure schema version {DISCLOSURE_SCHEMA_VERSION}, "
            f"got {safe_repr(schema_version)}",
        )
    fields: dict[str, Any] = {key: top[key] for key in ("name", "version", "source")}
    where: dict[str, str] = {key: f"$.{key}" for key in fields}
    for section, allowed in _SECTIONS.items():
        for key, value in _table(top.get(section, {}), f"$.{section}", allowed).items():
            fields[key] = value
            where[key] = f"$.{section}.{key}"
    try:
        return DisclosurePolicy(**fields)
    except DisclosurePolicyError as error:
        raise DisclosurePolicyError(where[error.path], error.problem) from None


def load_disclosure_policy(source: str | os.PathLike[str] | Traversable) -> DisclosurePolicy:
    """Read a disclosure policy from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated policy.

    Raises:
        DisclosurePolicyError: If the file is not TOML or JSON, cannot be parsed, or
            breaks a rule of :func:`disclosure_policy_from_document`.
        OSError: If the file cannot be read.
    """
    return disclosure_policy_from_document(read_document(source, DisclosurePolicyError))


@functools.cache
def builtin_disclosure_policy() -> DisclosurePolicy:
    """Return the shipped DfE policy, read from package data once."""
    return load_disclosure_policy(files("neglect_protocol").joinpath("data", "disclosure-dfe.toml"))

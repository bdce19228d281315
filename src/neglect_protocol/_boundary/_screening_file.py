"""Reading screening checklists and screening policies from TOML or JSON documents."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from neglect_protocol._boundary._document import (
    build,
    check_kind,
    items,
    read_document,
    schema_version,
    table,
)
from neglect_protocol._boundary._rule_documents import spec_from_document, spec_to_document
from neglect_protocol._logic._screening_rules import OUTCOME_RULE_KINDS
from neglect_protocol._model._screening import Checklist, Domain, ScreeningPolicy, Sign
from neglect_protocol.errors import PolicyError, ScreeningError

SCREENING_SCHEMA_VERSION = 1
"""The version of the checklist and screening policy document formats."""

_CHECKLIST_KEYS = frozenset({"schema_version", "name", "version", "domains"})
_DOMAIN_KEYS = frozenset({"code", "name", "signs"})
_SIGN_KEYS = frozenset({"code", "text", "serious"})
_POLICY_KEYS = frozenset({"schema_version", "name", "version", "rules"})
# "kind" is optional: neglect_protocol.serialize writes it ("screening_policy").
_POLICY_ALLOWED = _POLICY_KEYS | {"kind"}


def checklist_from_document(document: Mapping[str, Any]) -> Checklist:
    """Build a screening checklist from a parsed TOML or JSON document.

    The document has a ``name``, a ``version`` and a ``domains`` list; each
    domain has a ``code``, a ``name`` and a ``signs`` list of tables with a
    ``code``, a ``text`` and optionally ``serious = true``.

    Args:
        document: The parsed document.

    Returns:
        The validated checklist.

    Raises:
        ScreeningError: With a ``$``-rooted path, for an unknown key, a missing or
            mistyped value, a domain without signs, or a repeated code.

    >>> checklist_from_document({"schema_version": 1, "name": "Invented", "version": "1",
    ...     "domains": [{"code": "HE", "name": "Health", "signs": [
    ...         {"code": "HE1", "text": "Invented sign"}, {"code": "HE1", "text": "Again"}]}]})
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.ScreeningError: $.domains[0].signs[1].code: expected each code once, ...
    """
    top = table(document, "$", _CHECKLIST_KEYS, tuple(sorted(_CHECKLIST_KEYS)), ScreeningError)
    schema_version(top, SCREENING_SCHEMA_VERSION, ScreeningError)
    domains: list[Domain] = []
    signs: list[Sign] = []
    places: list[str] = []
    for index, raw in enumerate(items(top["domains"], "$.domains", ScreeningError)):
        path = f"$.domains[{index}]"
        domain_table = table(raw, path, _DOMAIN_KEYS, ("code", "name", "signs"), ScreeningError)
        domain: Domain = build(
            path, Domain, ScreeningError, code=domain_table["code"], name=domain_table["name"]
        )
        domains.append(domain)
        sign_tables = items(domain_table["signs"], f"{path}.signs", ScreeningError)
        if not sign_tables:
            raise ScreeningError(f"{path}.signs", "expected at least one sign, got none")
        for sign_index, sign_raw in enumerate(sign_tables):
            sign_path = f"{path}.signs[{sign_index}]"
            fields = table(sign_raw, sign_path, _SIGN_KEYS, ("code", "text"), ScreeningError)
            signs.append(build(sign_path, Sign, ScreeningError, domain=domain.code, **fields))
            places.append(sign_path)
    try:
        return Checklist(top["name"], top["version"], tuple(domains), tuple(signs))
    except ScreeningError as error:
        # Signs are flattened across domains: name the place in the document instead.
        section, _, rest = error.path.partition("[")
        position, _, field = rest.partition("]")
        if section == "signs" and position.isdigit():
            raise ScreeningError(f"{places[int(position)]}{field}", error.problem) from None
        raise ScreeningError(f"$.{error.path}", error.problem) from None


def load_checklist(source: str | os.PathLike[str] | Traversable) -> Checklist:
    """Read a screening checklist from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated checklist.

    Raises:
        ScreeningError: If the file cannot be parsed or breaks a rule of
            :func:`checklist_from_document`.
        OSError: If the file cannot be read.
    """
    return checklist_from_document(read_document(source, ScreeningError))


def screening_policy_from_document(
    document: Mapping[str, Any], *, checklist: Checklist | None = None
) -> ScreeningPolicy:
    """Build a screening policy (outcome rules) from a parsed TOML or JSON document.

    Args:
        document: The parsed document: ``name``, ``version`` and a ``rules``
            list, each rule a table whose ``kind`` names it.
        checklist: The checklist the rules refer to; by default
            :data:`~neglect_protocol.screening.DEFAULT_CHECKLIST`.

    Returns:
        The validated policy.

    Raises:
        PolicyError: With a ``$``-rooted path, for an unknown key or kind, a
            missing or mistyped value, an unknown outcome or answer, or a sign
            the checklist lacks.
    """
    if checklist is None:
        checklist = builtin_checklist()
    top = table(document, "$", _POLICY_ALLOWED, tuple(sorted(_POLICY_KEYS)), PolicyError)
    check_kind(top, "screening_policy", PolicyError)
    schema_version(top, SCREENING_SCHEMA_VERSION, PolicyError)
    rules = tuple(
        spec_from_document(raw, f"$.rules[{index}]", OUTCOME_RULE_KINDS)
        for index, raw in enumerate(items(top["rules"], "$.rules", PolicyError))
    )
    policy: ScreeningPolicy = build(
        "$",
        ScreeningPolicy,
        PolicyError,
        name=top["name"],
        version=top["version"],
        checklist=checklist,
        rules=rules,
    )
    return policy


def screening_policy_to_document(policy: ScreeningPolicy) -> dict[str, Any]:
    """Write a screening policy's rules as a document that reads back with the same checklist.

    Raises:
        PolicyError: If a rule is a plain function or another callable the
            document format cannot name.
    """
    return {
        "schema_version": SCREENING_SCHEMA_VERSION,
        "name": policy.name,
        "version": policy.version,
        "rules": [
            spec_to_document(rule, f"rules[{index}]", OUTCOME_RULE_KINDS)
            for index, rule in enumerate(policy.rules)
        ],
    }


def load_screening_policy(
    source: str | os.PathLike[str] | Traversable, *, checklist: Checklist | None = None
) -> ScreeningPolicy:
    """Read a screening policy from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.
        checklist: The checklist the rules refer to; by default
            :data:`~neglect_protocol.screening.DEFAULT_CHECKLIST`.

    Returns:
        The validated policy.

    Raises:
        PolicyError: If the file cannot be parsed or breaks a rule of
            :func:`screening_policy_from_document`.
        OSError: If the file cannot be read.
    """
    return screening_policy_from_document(read_document(source, PolicyError), checklist=checklist)


@functools.cache
def builtin_checklist() -> Checklist:
    """Return the shipped invented screening checklist."""
    return load_checklist(files("neglect_protocol").joinpath("data", "screening_checklist.toml"))


@functools.cache
def builtin_screening_policy() -> ScreeningPolicy:
    """Return the shipped example screening outcome rules, on the shipped checklist."""
    return load_screening_policy(
        files("neglect_protocol").joinpath("data", "screening_policy_default.toml"),
        checklist=builtin_checklist(),
    )

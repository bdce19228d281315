"""Reading and writing threshold policies as TOML or JSON documents."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from importlib.resources.abc import Traversable
from typing import Any

from neglect_protocol._boundary._catalogue_file import builtin_catalogues
from neglect_protocol._boundary._document import (
    build,
    check_kind,
    items,
    read_document,
    schema_version,
    table,
)
from neglect_protocol._boundary._rule_documents import spec_from_document, spec_to_document
from neglect_protocol._logic._threshold_rules import MODIFIER_KINDS, RULE_KINDS
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._checks import got
from neglect_protocol._model._policy import LevelOfNeed, ThresholdPolicy
from neglect_protocol.errors import PolicyError

POLICY_SCHEMA_VERSION = 1
"""The version of the threshold policy document format this library reads and writes."""

_TOP_KEYS = frozenset(
    {
        "kind",
        "schema_version",
        "name",
        "version",
        "concern_grade",
        "drift_period_days",
        "levels",
        "rules",
        "modifiers",
        "requires_monotone_roll_up",
    }
)
_LEVEL_KEYS = frozenset({"number", "name", "typical_response", "review_after_days"})


def policy_from_document(
    document: Mapping[str, Any], *, catalogues: Sequence[Catalogue] | None = None
) -> ThresholdPolicy:
    """Build a threshold policy from a parsed TOML or JSON document.

    The document has a ``name``, ``version`` and ``drift_period_days``, an
    optional ``concern_grade`` (3 when left out), an optional
    ``requires_monotone_roll_up`` (true when left out), a ``levels`` list (each with
    ``number``, ``name``, ``typical_response`` and ``review_after_days``), a
    ``rules`` list of at least one rule and an optional ``modifiers`` list; each
    rule or modifier is a table whose ``kind`` names it and whose other keys are
    its parameters.

    Args:
        document: The parsed document.
        catalogues: The catalogues whose codes rules may name; by default the
            built-in GCP2 and GCP2A structures.

    Returns:
        The validated policy.

    Raises:
        PolicyError: With a ``$``-rooted path, for an unknown key or kind, a
            missing or mistyped value, a level the policy does not define, a
            grade outside 1 to 5 or a code the catalogues lack.

    >>> policy = policy_from_document({
    ...     "schema_version": 1, "name": "Invented", "version": "1", "drift_period_days": 90,
    ...     "levels": [
    ...         {"number": 1, "name": "Universal", "typical_response": "universal services",
    ...          "review_after_days": 365},
    ...         {"number": 2, "name": "Targeted", "typical_response": "early help",
    ...          "review_after_days": 60},
    ...     ],
    ...     "rules": [{"kind": "area_at_or_above", "grade": 6, "level": 2}],
    ... })
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.PolicyError: $.rules[0].grade: expected an integer from 1 to 5, got 6
    """
    top = table(
        document,
        "$",
        _TOP_KEYS,
        ("schema_version", "name", "version", "drift_period_days", "levels", "rules"),
        PolicyError,
    )
    check_kind(top, "threshold_policy", PolicyError)
    schema_version(top, POLICY_SCHEMA_VERSION, PolicyError)
    levels = [
        build(
            f"$.levels[{index}]",
            LevelOfNeed,
            PolicyError,
            **table(
                raw, f"$.levels[{index}]", _LEVEL_KEYS, tuple(sorted(_LEVEL_KEYS)), PolicyError
            ),
        )
        for index, raw in enumerate(items(top["levels"], "$.levels", PolicyError))
    ]
    rules = [
        spec_from_document(raw, f"$.rules[{index}]", RULE_KINDS)
        for index, raw in enumerate(items(top["rules"], "$.rules", PolicyError))
    ]
    modifiers = [
        spec_from_document(raw, f"$.modifiers[{index}]", MODIFIER_KINDS)
        for index, raw in enumerate(items(top.get("modifiers", []), "$.modifiers", PolicyError))
    ]
    # A policy names the catalogues its codes come from; the shipped ones unless given.
    extra: dict[str, Any] = {
        "catalogues": builtin_catalogues() if catalogues is None else catalogues
    }
    for optional in ("concern_grade", "requires_monotone_roll_up"):
        if optional in top:
            extra[optional] = top[optional]
    policy: ThresholdPolicy = build(
        "$",
        ThresholdPolicy,
        PolicyError,
        name=top["name"],
        version=top["version"],
        levels=tuple(levels),
        rules=tuple(rules),
        drift_period_days=top["drift_period_days"],
        modifiers=tuple(modifiers),
        **extra,
    )
    return policy


def policy_to_document(policy: ThresholdPolicy) -> dict[str, Any]:
    """Write a threshold policy as a document that :func:`policy_from_document` reads back.

    Args:
        policy: The policy, built from the library's rule and modifier kinds.

    Returns:
        Plain dictionaries and lists, ready for ``json.dumps``.

    Raises:
        PolicyError: If ``policy`` is not a threshold policy, or a rule or
            modifier is a plain function or another callable the document format
            cannot name.

    >>> from neglect_protocol.escalation import DEFAULT_POLICY
    >>> policy_from_document(policy_to_document(DEFAULT_POLICY)) == DEFAULT_POLICY
    True
    """
    if not isinstance(policy, ThresholdPolicy):
        raise PolicyError("policy", f"expected a ThresholdPolicy, got {got(policy)}")
    return {
        "schema_version": POLICY_SCHEMA_VERSION,
        "name": policy.name,
        "version": policy.version,
        "concern_grade": policy.concern_grade.value,
        "drift_period_days": policy.drift_period_days,
        "levels": [
            {
                "number": level.number,
                "name": level.name,
                "typical_response": level.typical_response,
                "review_after_days": level.review_after_days,
            }
            for level in policy.levels
        ],
        "rules": [
            spec_to_document(rule, f"rules[{index}]", RULE_KINDS)
            for index, rule in enumerate(policy.rules)
        ],
        "modifiers": [
            spec_to_document(modifier, f"modifiers[{index}]", MODIFIER_KINDS)
            for index, modifier in enumerate(policy.modifiers)
        ],
        # Written only when it differs from the default, so documents stay as they were.
        **({} if policy.requires_monotone_roll_up else {"requires_monotone_roll_up": False}),
    }


def load_policy(
    source: str | os.PathLike[str] | Traversable,
    *,
    catalogues: Sequence[Catalogue] | None = None,
) -> ThresholdPolicy:
    """Read a threshold policy from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.
        catalogues: The catalogues whose codes rules may name; by default the
            built-in GCP2 and GCP2A structures.

    Returns:
        The validated policy.

    Raises:
        PolicyError: If the file is not TOML or JSON, cannot be parsed, or
            breaks a rule of :func:`policy_from_document`.
        OSError: If the file cannot be read.

    >>> policy = load_policy("examples/local_policy.toml")
    >>> policy.name, [level.name for level in policy.levels]
    ('Invented three-tier policy', ['Universal', 'Early help', 'Social care'])
    """
    return policy_from_document(read_document(source, PolicyError), catalogues=catalogues)

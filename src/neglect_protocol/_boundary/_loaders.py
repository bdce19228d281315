"""Loading reference data (catalogues, policies, checklists, scales, census code lists) from files.

A reference file is a document like any other: it is parsed by
:mod:`~neglect_protocol._boundary._parse` and read by the one converter, through
:func:`~neglect_protocol._boundary._documents.read_as`. A file may leave out
``kind`` (partnerships write files by hand); it may not name another kind. Each
loader here is a friendly name over that one path, and every failure is a
:class:`~neglect_protocol.errors.DocumentError` listing every problem found, at
``$``-rooted paths.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from importlib.resources.abc import Traversable
from typing import Any

import attrs

from neglect_protocol._boundary._documents import read_as, to_dict
from neglect_protocol._boundary._escalation_documents import (
    PolicyDocument,
    ScreeningPolicyDocument,
)
from neglect_protocol._boundary._parse import read_file
from neglect_protocol._boundary._wire import RULE, WireError
from neglect_protocol._model._audit import JudgementScale
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._census import CensusCodeList, CodeListKind
from neglect_protocol._model._disclosure import DisclosurePolicy
from neglect_protocol._model._policy import ThresholdPolicy
from neglect_protocol._model._screening import Checklist, ScreeningPolicy
from neglect_protocol.errors import (
    DocumentError,
    DocumentProblem,
    UnsupportedTypeError,
    safe_repr,
)

Source = str | os.PathLike[str] | Traversable
"""A path, or a resource from :func:`importlib.resources.files`."""


def _document_of(cls: type, value: object) -> dict[str, Any]:
    """``value`` written as a document of ``cls``; a value of another kind is refused."""
    if not isinstance(value, cls):
        raise UnsupportedTypeError(type(value).__name__)
    written: dict[str, Any] = to_dict(value)
    return written


# --- Catalogues ---


def catalogue_from_document(document: Mapping[str, Any]) -> Catalogue:
    """Build a catalogue from a parsed TOML or JSON document.

    A document either lays out a whole structure (``areas``, each with its
    ``sub_areas``) or names a built-in ``instrument`` and adds ``items`` under its
    standard sub-areas. An item's parent is read from its code: ``A1c`` sits
    under ``A1``.

    Args:
        document: The parsed document.

    Returns:
        The validated catalogue.

    Raises:
        DocumentError: Listing every problem, each at a ``$``-rooted path: an
            unknown key, a missing or mistyped value, a repeated code, an item under
            an unknown sub-area, grade descriptors outside 1 to 5, or empty or
            overlapping age bands.

    >>> from neglect_protocol.catalogue import catalogue_from_document
    >>> catalogue = catalogue_from_document({
    ...     "schema_version": 1, "name": "Invented", "version": "1", "instrument": "GCP2",
    ...     "items": [{"code": "A1a", "label": "Invented: regular mealtimes"}],
    ... })
    >>> catalogue.item("A1a").parent
    'A1'
    """
    return read_as(Catalogue, document)


def load_catalogue(source: Source) -> Catalogue:
    """Read a catalogue from a TOML (``.toml``) or JSON (``.json``) file.

    A licensed partnership keeps its item list and wording in such a file; the
    library reads it and validates it against the standard structure.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated catalogue.

    Raises:
        DocumentError: If the file is not TOML or JSON, cannot be parsed, or
            breaks a rule of :func:`catalogue_from_document`.
        OSError: If the file cannot be read.

    >>> from neglect_protocol.catalogue import load_catalogue
    >>> from pathlib import Path
    >>> catalogue = load_catalogue(Path("examples/invented_catalogue.toml"))
    >>> catalogue.item("A1a").label
    'Invented: a regular mealtime routine'
    """
    return catalogue_from_document(read_file(source))


# --- Threshold policies ---


def policy_from_document(
    document: Mapping[str, Any], *, catalogues: Sequence[Catalogue] | None = None
) -> ThresholdPolicy:
    """Build a threshold policy from a parsed TOML or JSON document.

    The document has a ``name``, ``version`` and ``drift_period_days``, an
    optional ``concern_grade`` (3 when left out), a ``levels`` list (each with
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
        DocumentError: Listing every problem, each at a ``$``-rooted path: an
            unknown key or kind, a missing or mistyped value, a level the policy
            does not define, a grade outside 1 to 5 or a code the catalogues lack.

    >>> from neglect_protocol.escalation import policy_from_document
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
    neglect_protocol.errors.DocumentError: $.rules[0].grade: expected an integer from 1 to 5, got 6
    """
    if catalogues is None:
        return read_as(ThresholdPolicy, document)
    chosen = tuple(catalogues)

    def build(shape: PolicyDocument) -> ThresholdPolicy:
        return ThresholdPolicy(**attrs.asdict(shape, recurse=False), catalogues=chosen)

    return read_as(ThresholdPolicy, document, build)


def policy_to_document(policy: ThresholdPolicy) -> dict[str, Any]:
    """Write a threshold policy as a document that :func:`policy_from_document` reads back.

    Args:
        policy: The policy, built from the library's rule and modifier kinds.

    Returns:
        Plain dictionaries and lists, ready for ``json.dumps``.

    Raises:
        UnsupportedTypeError: If ``policy`` is not a threshold policy, or a rule or
            modifier is a plain function or another callable the document format
            cannot name.

    >>> from neglect_protocol.escalation import policy_from_document, policy_to_document
    >>> from neglect_protocol.escalation import DEFAULT_POLICY
    >>> policy_from_document(policy_to_document(DEFAULT_POLICY)) == DEFAULT_POLICY
    True
    """
    return _document_of(ThresholdPolicy, policy)


def load_policy(
    source: Source, *, catalogues: Sequence[Catalogue] | None = None
) -> ThresholdPolicy:
    """Read a threshold policy from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.
        catalogues: The catalogues whose codes rules may name; by default the
            built-in GCP2 and GCP2A structures.

    Returns:
        The validated policy.

    Raises:
        DocumentError: If the file is not TOML or JSON, cannot be parsed, or
            breaks a rule of :func:`policy_from_document`.
        OSError: If the file cannot be read.

    >>> from neglect_protocol.escalation import load_policy
    >>> policy = load_policy("examples/local_policy.toml")
    >>> policy.name, [level.name for level in policy.levels]
    ('Invented three-tier policy', ['Universal', 'Early help', 'Social care'])
    """
    return policy_from_document(read_file(source), catalogues=catalogues)


# --- Screening checklists and policies ---


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
        DocumentError: Listing every problem, each at a ``$``-rooted path: an
            unknown key, a missing or mistyped value, a domain without signs, or a
            repeated code.

    >>> from neglect_protocol.screening import checklist_from_document
    >>> checklist_from_document({"schema_version": 1, "name": "Invented", "version": "1",
    ...     "domains": [{"code": "HE", "name": "Health", "signs": [
    ...         {"code": "HE1", "text": "Invented sign"}, {"code": "HE1", "text": "Again"}]}]})
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.DocumentError: $.domains[0].signs[1].code: expected each code once, ...
    """
    return read_as(Checklist, document)


def load_checklist(source: Source) -> Checklist:
    """Read a screening checklist from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated checklist.

    Raises:
        DocumentError: If the file cannot be parsed or breaks a rule of
            :func:`checklist_from_document`.
        OSError: If the file cannot be read.
    """
    return checklist_from_document(read_file(source))


def screening_policy_from_document(
    document: Mapping[str, Any], *, checklist: Checklist | None = None
) -> ScreeningPolicy:
    """Build a screening policy (outcome rules) from a parsed TOML or JSON document.

    Args:
        document: The parsed document: ``name``, ``version`` and a ``rules``
            list, each rule a table whose ``kind`` names it, and the ``checklist``
            the rules refer to when it is not the built-in one.
        checklist: The checklist the rules refer to, for a document that does not
            hold one; by default
            :data:`~neglect_protocol.screening.DEFAULT_CHECKLIST`.

    Returns:
        The validated policy.

    Raises:
        DocumentError: Listing every problem, each at a ``$``-rooted path: an
            unknown key or kind, a missing or mistyped value, an unknown outcome or
            answer, a sign the checklist lacks, or a document holding a checklist
            other than ``checklist``.
    """
    if checklist is None:
        return read_as(ScreeningPolicy, document)
    chosen = checklist

    def build(shape: ScreeningPolicyDocument) -> ScreeningPolicy:
        if shape.checklist is not None and shape.checklist != chosen:
            raise WireError(
                [(".checklist", "expected no checklist, or the one passed, got another", RULE)]
            )
        return ScreeningPolicy(shape.name, shape.version, chosen, shape.rules)

    return read_as(ScreeningPolicy, document, build)


def screening_policy_to_document(policy: ScreeningPolicy) -> dict[str, Any]:
    """Write a screening policy as a document that reads back to an equal policy.

    The checklist is written in too, unless it is the built-in one.

    Raises:
        UnsupportedTypeError: If a rule is a plain function or another callable the
            document format cannot name.
    """
    return _document_of(ScreeningPolicy, policy)


def load_screening_policy(source: Source, *, checklist: Checklist | None = None) -> ScreeningPolicy:
    """Read a screening policy from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.
        checklist: The checklist the rules refer to, for a file that does not hold
            one; by default :data:`~neglect_protocol.screening.DEFAULT_CHECKLIST`.

    Returns:
        The validated policy.

    Raises:
        DocumentError: If the file cannot be parsed or breaks a rule of
            :func:`screening_policy_from_document`.
        OSError: If the file cannot be read.
    """
    return screening_policy_from_document(read_file(source), checklist=checklist)


# --- Audit judgement scales ---


def judgement_scale_from_document(document: Mapping[str, Any]) -> JudgementScale:
    """Build a judgement scale from a parsed TOML or JSON document.

    The document names the scale and its version, lists ``judgements`` best first
    (each a ``code`` and a ``label``), and says which code is the worst still
    counted as ``good_or_better`` and which is the best counted as ``inadequate``.

    Args:
        document: The parsed document.

    Returns:
        The validated scale.

    Raises:
        DocumentError: Listing every problem, each at a ``$``-rooted path: an
            unknown key, a missing or mistyped value, a repeated code, fewer than two
            judgements, or ``good_or_better`` and ``inadequate`` that are not codes of
            the scale in that order.

    >>> from neglect_protocol.audit import judgement_scale_from_document
    >>> scale = judgement_scale_from_document({
    ...     "schema_version": 1, "name": "Ofsted before 2013", "version": "2009",
    ...     "good_or_better": "good", "inadequate": "inadequate",
    ...     "judgements": [{"code": "outstanding", "label": "Outstanding"},
    ...                    {"code": "good", "label": "Good"},
    ...                    {"code": "adequate", "label": "Adequate"},
    ...                    {"code": "inadequate", "label": "Inadequate"}]})
    >>> scale["adequate"].rank
    3
    """
    return read_as(JudgementScale, document)


def load_judgement_scale(source: Source) -> JudgementScale:
    """Read an audit judgement scale from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated scale.

    Raises:
        DocumentError: If the file is not TOML or JSON, cannot be parsed, or
            breaks a rule of :func:`judgement_scale_from_document`.
        OSError: If the file cannot be read.

    >>> from neglect_protocol.audit import load_judgement_scale
    >>> scale = load_judgement_scale("examples/ofsted_before_2013.toml")
    >>> [judgement.label for judgement in scale]
    ['Outstanding', 'Good', 'Adequate', 'Inadequate']
    """
    return judgement_scale_from_document(read_file(source))


# --- Disclosure policies ---


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
        DocumentError: Listing every problem, each at a ``$``-rooted path: an
            unknown or missing key or an invalid value.

    >>> from neglect_protocol.disclosure import disclosure_policy_from_document
    >>> policy = disclosure_policy_from_document({
    ...     "schema_version": 1, "name": "County", "version": "2024",
    ...     "source": "County data protection guidance",
    ...     "suppression": {"max_count": 9},
    ... })
    >>> policy.is_primary(9), policy.suppressed
    (True, 'c')
    """
    return read_as(DisclosurePolicy, document)


def load_disclosure_policy(source: Source) -> DisclosurePolicy:
    """Read a disclosure policy from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated policy.

    Raises:
        DocumentError: If the file is not TOML or JSON, cannot be parsed, or
            breaks a rule of :func:`disclosure_policy_from_document`.
        OSError: If the file cannot be read.
    """
    return disclosure_policy_from_document(read_file(source))


# --- Census code lists ---


def code_list_from_document(
    document: Mapping[str, Any], code_list: CodeListKind | None = None
) -> CensusCodeList:
    """Build a census code list from a parsed TOML or JSON document.

    The document has ``schema_version`` (1), ``code_list`` (``"plan_category"`` or
    ``"assessment_factor"``), ``source``, ``year`` and ``codes``, a list of tables
    each with a ``code`` and a ``label``; ``kind``, if given, is
    ``"census_code_list"``.

    Args:
        document: The parsed document.
        code_list: The list expected, if the caller needs one of them.

    Returns:
        The validated list.

    Raises:
        DocumentError: Listing every problem, each at a ``$``-rooted path: an
            unknown or missing key, a repeated code, a code not of the list's
            shape, an empty list, or a list of the other kind than ``code_list``.

    >>> from neglect_protocol.census import code_list_from_document
    >>> codes = code_list_from_document({
    ...     "schema_version": 1, "code_list": "plan_category", "source": "Invented",
    ...     "year": 2031, "codes": [{"code": "NEG", "label": "neglect"}],
    ... })
    >>> codes.kind.value, codes.code_values
    ('plan_category', ('NEG',))
    """
    codes = read_as(CensusCodeList, document)
    if code_list is not None and codes.kind is not code_list:
        raise DocumentError(
            [
                DocumentProblem(
                    "$.code_list",
                    f"expected {safe_repr(code_list.value)}, got {safe_repr(codes.kind.value)}",
                    RULE,
                )
            ],
            kind="census_code_list",
        )
    return codes


def load_plan_categories(source: Source) -> CensusCodeList:
    """Read a list of child protection plan categories from a TOML or JSON file.

    A file of another collection year replaces the built-in list wherever a
    function takes ``categories=``.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated list.

    Raises:
        DocumentError: With ``$``-rooted paths, if the file is not TOML or JSON,
            does not parse, or breaks a rule of :func:`code_list_from_document`
            (a list of assessment factors is refused at ``$.code_list``).
        OSError: If the file cannot be read.
    """
    return code_list_from_document(read_file(source), CodeListKind.PLAN_CATEGORY)


def load_assessment_factors(source: Source) -> CensusCodeList:
    """Read a list of factors identified at the end of assessment from a TOML or JSON file.

    A file of another collection year replaces the built-in list wherever a
    function takes ``factors=``.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated list.

    Raises:
        DocumentError: With ``$``-rooted paths, if the file is not TOML or JSON,
            does not parse, or breaks a rule of :func:`code_list_from_document`
            (a list of plan categories is refused at ``$.code_list``).
        OSError: If the file cannot be read.
    """
    return code_list_from_document(read_file(source), CodeListKind.ASSESSMENT_FACTOR)

"""Reading audit judgement scales from TOML or JSON documents."""

from __future__ import annotations

import os
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from typing import Any

from neglect_protocol._boundary._catalogue_file import _list, _table, _text
from neglect_protocol._boundary._document import check_kind, read_document
from neglect_protocol._model._audit import JudgementScale
from neglect_protocol.errors import CatalogueError, JudgementScaleError, safe_repr

JUDGEMENT_SCALE_SCHEMA_VERSION = 1
"""The version of the judgement scale document format this library reads."""

_REQUIRED_KEYS = frozenset(
    {"schema_version", "name", "version", "good_or_better", "inadequate", "judgements"}
)
# "kind" is optional: neglect_protocol.serialize writes it ("judgement_scale").
_TOP_KEYS = _REQUIRED_KEYS | {"kind"}
_JUDGEMENT_KEYS = frozenset({"code", "label"})


def _checked(check: Any, *args: Any) -> Any:
    """Run one of the catalogue reader's shape checks, reporting in this format's terms."""
    try:
        return check(*args)
    except CatalogueError as error:
        raise JudgementScaleError(error.path, error.problem) from None


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
        JudgementScaleError: With a ``$``-rooted path, for an unknown key, a missing
            or mistyped value, a repeated code, fewer than two judgements, or
            ``good_or_better`` and ``inadequate`` that are not codes of the scale in
            that order.

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
    top = _checked(_table, document, "$", _TOP_KEYS, tuple(sorted(_REQUIRED_KEYS)))
    check_kind(top, "judgement_scale", JudgementScaleError)
    schema_version = top["schema_version"]
    if schema_version != JUDGEMENT_SCALE_SCHEMA_VERSION or isinstance(schema_version, bool):
        raise JudgementScaleError(
            "$.schema_version",
            f"expected judgement scale schema version {JUDGEMENT_SCALE_SCHEMA_VERSION}, "
            f"got {safe_repr(schema_version)}",
        )
    pairs: list[tuple[str, str]] = []
    for index, raw in enumerate(_checked(_list, top["judgements"], "$.judgements")):
        path = f"$.judgements[{index}]"
        table = _checked(_table, raw, path, _JUDGEMENT_KEYS, ("code", "label"))
        pairs.append(
            (
                _checked(_text, table["code"], f"{path}.code"),
                _checked(_text, table["label"], f"{path}.label"),
            )
        )
    name = _checked(_text, top["name"], "$.name")
    version = _checked(_text, top["version"], "$.version")
    good_or_better = _checked(_text, top["good_or_better"], "$.good_or_better")
    inadequate = _checked(_text, top["inadequate"], "$.inadequate")
    try:
        return JudgementScale.from_labels(
            name, version, pairs, good_or_better=good_or_better, inadequate=inadequate
        )
    except JudgementScaleError as error:
        raise JudgementScaleError(f"$.{error.path}", error.problem) from None


def load_judgement_scale(source: str | os.PathLike[str] | Traversable) -> JudgementScale:
    """Read an audit judgement scale from a TOML (``.toml``) or JSON (``.json``) file.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated scale.

    Raises:
        JudgementScaleError: If the file is not TOML or JSON, cannot be parsed, or
            breaks a rule of :func:`judgement_scale_from_document`.
        OSError: If the file cannot be read.

    >>> from neglect_protocol.audit import load_judgement_scale
    >>> scale = load_judgement_scale("examples/ofsted_before_2013.toml")
    >>> [judgement.label for judgement in scale]
    ['Outstanding', 'Good', 'Adequate', 'Inadequate']
    """
    return judgement_scale_from_document(read_document(source, JudgementScaleError))

"""The column schema of every kind of rows: which columns, in which order, of which type.

One declaration: the row functions take their keys from here, and the typed
DataFrames (:mod:`neglect_protocol._boundary._frames`) take their dtypes from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol.errors import InvalidArgumentError, safe_repr

# The public names are documented in neglect_protocol.records, where users import them.
ColumnType = Literal["text", "integer", "grade", "number", "date", "boolean", "any"]
OVERALL = "all"

_PROFILE: dict[str, ColumnType] = {
    "child": "text",
    "assessment_reference": "text",
    "instrument": "text",
    "catalogue": "text",
    "catalogue_version": "text",
    "rule": "text",
    "window_start": "date",
    "window_end": "date",
}
_ENTRY: dict[str, ColumnType] = {
    "code": "text",
    "name": "text",
    "level": "text",
    "area": "text",
    "grade": "grade",
    "source": "text",
    "suggested": "grade",
    "worst_beneath": "grade",
    "discrepancy": "boolean",
}
_PROFILE_SUMMARY: dict[str, ColumnType] = {
    "worst_area_grade": "grade",
    **{f"units_at_{value}": "integer" for value in range(1, 6)},
    "ungraded_units": "integer",
    "discrepancies": "integer",
}
_ASSESSMENT: dict[str, ColumnType] = {
    "child": "text",
    "date_of_birth": "date",
    "expected_delivery_date": "date",
    "assessment_reference": "text",
    "instrument": "text",
    "window_start": "date",
    "window_end": "date",
}
_RATING: dict[str, ColumnType] = {"code": "text", "grade": "grade"}
_CHANGE: dict[str, ColumnType] = {
    "change_points": "number",
    "change_low": "number",
    "change_high": "number",
}

# Each kind: its fixed columns, and the type of the further columns some kinds add
# (one per code, or one per judgement of an audit scale), or None when there are none.
_KINDS: dict[str, tuple[dict[str, ColumnType], ColumnType | None]] = {
    "profile": ({**_PROFILE, **_ENTRY}, None),
    "profile_wide": ({**_PROFILE, **_PROFILE_SUMMARY}, "grade"),
    "assessment": ({**_ASSESSMENT, **_RATING}, None),
    "assessment_wide": (_ASSESSMENT, "grade"),
    "decision": (
        {
            "child": "text",
            "assessment_reference": "text",
            "window_start": "date",
            "window_end": "date",
            "policy": "text",
            "policy_version": "text",
            "level": "integer",
            "level_name": "text",
            "review_by": "date",
            "reasons": "integer",
            "rules": "text",
            "proposed_level": "integer",
            "overridden": "boolean",
            "override_by": "text",
            "override_on": "date",
        },
        None,
    ),
    "audit_summary": (
        {
            "team": "text",
            "files": "integer",
            "good_or_better": "integer",
            "inadequate": "integer",
            "good_or_better_share": "number",
            "inadequate_share": "number",
        },
        "integer",
    ),
    "theme": (
        {
            "theme": "text",
            "positive": "integer",
            "negative": "integer",
            "total": "integer",
            "positive_share": "number",
            **_CHANGE,
        },
        None,
    ),
    "survey_metrics": (
        {
            "question": "text",
            "group": "text",
            "answered": "integer",
            "skipped": "integer",
            "positive": "integer",
            "share": "number",
            "interval_low": "number",
            "interval_high": "number",
            **_CHANGE,
        },
        None,
    ),
    "breakdown": (
        {
            "dimension": "text",
            "category": "any",
            "label": "text",
            "count": "integer",
            "share": "number",
        },
        None,
    ),
    "cohort": (
        {
            "reference": "text",
            "primary_need": "text",
            "age_band": "text",
            "level_of_need": "integer",
            "looked_after": "boolean",
            "plan_category": "text",
            "factors": "text",
        },
        None,
    ),
    "disclosed_table": (
        {"row": "text", "column": "text", "shown": "text", "suppressed": "boolean"},
        None,
    ),
}

RECORD_KINDS: tuple[str, ...] = tuple(_KINDS)
PROFILE_KEYS = tuple(_PROFILE)
ENTRY_KEYS = tuple(_ENTRY)
DECISION_KEYS = tuple(_KINDS["decision"][0])
ASSESSMENT_KEYS = tuple(_ASSESSMENT)
RATING_KEYS = tuple(_RATING)


def _kind(kind: object) -> tuple[dict[str, ColumnType], ColumnType | None]:
    if not isinstance(kind, str) or kind not in _KINDS:
        raise InvalidArgumentError(
            "kind", f"expected one of {', '.join(RECORD_KINDS)}, got {safe_repr(kind)}"
        )
    return _KINDS[kind]


def columns(kind: str, rows: Iterable[Mapping[str, Any]] = ()) -> Mapping[str, ColumnType]:
    """The columns of ``kind``'s rows and the type of each, in the order rows have them.

    Args:
        kind: One of ``RECORD_KINDS``: ``"profile"``, ``"profile_wide"``,
            ``"assessment"``, ``"assessment_wide"``, ``"decision"``,
            ``"audit_summary"``, ``"theme"``, ``"survey_metrics"``, ``"breakdown"``,
            ``"cohort"`` or ``"disclosed_table"``.
        rows: Rows of that kind, for the kinds whose columns depend on the data:
            a wide layout has a ``"grade"`` column per code, an audit summary an
            ``"integer"`` column per judgement of its scale. Without rows, only the
            fixed columns are given.

    Returns:
        A read-only mapping of column name to its ``ColumnType``.

    Raises:
        InvalidArgumentError: If ``kind`` is not a kind of rows, or a row has a
            column that kind of rows does not have.

    >>> from neglect_protocol.records import columns
    >>> dict(columns("disclosed_table"))
    {'row': 'text', 'column': 'text', 'shown': 'text', 'suppressed': 'boolean'}
    >>> columns("assessment_wide", [{"child": "C-1", "A1": 3}])["A1"]
    'grade'
    """
    fixed, further = _kind(kind)
    listed = list(rows)
    found: dict[str, ColumnType] = {}
    for row in listed:
        for name in row:
            if name in fixed or name in found:
                continue
            if further is None:
                raise InvalidArgumentError(
                    "rows", f"expected the columns of {kind} rows, got a column {safe_repr(name)}"
                )
            found[name] = further
    # The first row's order first (a wide row puts its codes last, an audit summary its
    # judgements in the middle), then any column it lacks.
    order = [*(listed[0] if listed else ()), *fixed, *found]
    return FrozenMap({name: fixed.get(name) or found[name] for name in order})

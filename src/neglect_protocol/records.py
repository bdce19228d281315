"""Rows of assessments, profiles, decisions and metrics, for tables (pandas, polars), and back.

Every kind of rows has a column schema (:func:`columns`): plain rows for any table
library, typed DataFrames from :func:`to_pandas` and :func:`to_polars` (pandas and
polars are optional; each is imported only when its function is called), and
:func:`assessments_from_rows` to read assessments from a table such as a
spreadsheet export.

>>> import datetime as dt
>>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating, score
>>> from neglect_protocol.records import profile_records
>>> child = ChildRef("C-1", date_of_birth=dt.date(2019, 4, 2))
>>> window = ObservationWindow(dt.date(2024, 2, 5), dt.date(2024, 2, 23))
>>> rows = profile_records([score(Assessment(child, window, (Rating("A1", 3),)))])
>>> len(rows), rows[0]["code"], rows[0]["grade"], rows[0]["window_start"]
(17, 'A', 3, datetime.date(2024, 2, 5))
"""

from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypeAlias

from neglect_protocol._api import publish_exports
from neglect_protocol._boundary import _columns
from neglect_protocol._boundary._assessment_rows import assessment_records
from neglect_protocol._boundary._columns import columns
from neglect_protocol._boundary._frames import to_pandas, to_polars
from neglect_protocol._boundary._html import GRADE_COLOURS, UNGRADED_COLOUR
from neglect_protocol._boundary._metric_records import (
    audit_summary_records,
    breakdown_records,
    cohort_records,
    disclosed_table_records,
    survey_metrics_records,
    theme_records,
)
from neglect_protocol._boundary._records import decision_records, profile_records
from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Catalogue, Instrument
from neglect_protocol._model._views import MetricTable

__all__ = [
    "ASSESSMENT_KEYS",
    "DECISION_KEYS",
    "ENTRY_KEYS",
    "GRADE_COLOURS",
    "OVERALL",
    "PROFILE_KEYS",
    "RATING_KEYS",
    "RECORD_KINDS",
    "UNGRADED_COLOUR",
    "ColumnType",
    "MetricTable",
    "assessment_records",
    "assessments_from_rows",
    "audit_summary_records",
    "breakdown_records",
    "cohort_records",
    "columns",
    "decision_records",
    "disclosed_table_records",
    "profile_records",
    "survey_metrics_records",
    "theme_records",
    "to_pandas",
    "to_polars",
]

# The schema is declared once, in the boundary; the names are documented here, where
# users import them.
ColumnType: TypeAlias = _columns.ColumnType
"""The type of a column's values, ``None`` aside (every column may hold ``None``).

``"text"`` is a string, ``"integer"`` a whole number (a count or a level),
``"grade"`` a GCP2 grade as an integer from 1 to 5, ``"number"`` a float (a share,
percentage points), ``"date"`` a :class:`datetime.date`, ``"boolean"`` ``True`` or
``False``, and ``"any"`` a value whose type depends on the table (a breakdown's
category is text, a level number or a boolean, by dimension).
"""

RECORD_KINDS: tuple[str, ...] = _columns.RECORD_KINDS
"""Every kind of rows, named as its function is (``"profile"`` for :func:`profile_records`).

A kind with a wide layout has a second name ending ``_wide``. See :func:`columns`.
"""

OVERALL: str = _columns.OVERALL
"""``"all"``: the ``team``, ``question`` or ``group`` of a metric row that pools all of them."""

PROFILE_KEYS: tuple[str, ...] = _columns.PROFILE_KEYS
"""The columns that say which profile a row belongs to, first in every profile row."""

ENTRY_KEYS: tuple[str, ...] = _columns.ENTRY_KEYS
"""The columns of one area or sub-area, in a long profile row."""

DECISION_KEYS: tuple[str, ...] = _columns.DECISION_KEYS
"""The columns of a decision's row."""

ASSESSMENT_KEYS: tuple[str, ...] = _columns.ASSESSMENT_KEYS
"""The columns that say which assessment a row belongs to, first in every assessment row."""

RATING_KEYS: tuple[str, ...] = _columns.RATING_KEYS
"""The columns ``code`` and ``grade`` of one rating, in a long assessment row."""


def assessments_from_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    layout: Literal["long", "wide"] = "long",
    catalogue: Catalogue | None = None,
) -> list[Assessment]:
    """Build assessments from the rows of a table: a spreadsheet export, a DataFrame.

    The columns are those :func:`assessment_records` writes (see :func:`columns`,
    kinds ``"assessment"`` and ``"assessment_wide"``): ``child``, ``window_start``
    and ``window_end`` are needed; ``date_of_birth`` or, for an unborn child,
    ``expected_delivery_date``; ``assessment_reference`` and ``instrument``
    (``GCP2`` when empty) may be empty or left out. A cell is empty when it holds
    ``None``, blank text, or pandas' missing values.

    Cells may be what a CSV reader gives (text: dates as ``YYYY-MM-DD``, grades as
    ``"1"`` to ``"5"``) or typed values (dates, midnight timestamps as pandas gives
    a date column, integers, whole floats). Every problem is reported, each at its
    ``$[row].column`` path, ``row`` counting the rows given from 0 (with
    ``csv.DictReader``, row ``n`` is line ``n + 2`` of the file). A value that
    could be free text is never repeated in a message.

    Args:
        rows: The rows, each a mapping of column to value (``csv.DictReader``,
            ``frame.to_dict("records")`` in pandas, ``frame.to_dicts()`` in polars).
        layout: ``"long"``: one row per rating, with ``code`` and ``grade`` columns;
            rows with the same ``assessment_reference`` (or, without one, the same
            child, instrument and window) make one assessment, in the order first
            seen, and a row with neither code nor grade adds no rating.
            ``"wide"``: one row per assessment, each further column a code whose
            cell holds its grade (an empty cell: not rated).
        catalogue: The catalogue codes are checked against for assessments of its
            instrument; by default, and for the other instrument, the built-in one
            (:data:`~neglect_protocol.catalogue.GCP2` or
            :data:`~neglect_protocol.catalogue.GCP2A`). Pass a loaded catalogue to read
            item grades.

    Returns:
        The assessments, without free text, carers, practitioners or targeted
        items (a table holds none): ``assessment_records`` of them gives the rows
        back, and they read back equal.

    Raises:
        DocumentError: Listing every problem: an empty or malformed cell, a grade
            outside 1 to 5, a code the catalogue lacks, a column that is not one of
            the layout's (once, at the first row with it), a code rated twice in one
            assessment, rows of one assessment that disagree, a window that ends
            before it starts.
        InvalidArgumentError: If ``layout`` is neither ``"long"`` nor ``"wide"``, or
            ``rows`` is one row rather than a collection of them.

    >>> from neglect_protocol.records import assessments_from_rows
    >>> import csv
    >>> export = [
    ...     "child,date_of_birth,window_start,window_end,A,B",
    ...     "C-1,2019-04-02,2024-02-05,2024-02-23,3,",
    ... ]
    >>> [assessment] = assessments_from_rows(csv.DictReader(export), layout="wide")
    >>> assessment.child.reference, dict(assessment.grades)
    ('C-1', {'A': <Grade.BORDERLINE: 3>})
    """
    from neglect_protocol._boundary import _assessment_rows
    from neglect_protocol._boundary._builtin import builtin_catalogue

    catalogues = {instrument: builtin_catalogue(instrument) for instrument in Instrument}
    if catalogue is not None:
        catalogues[catalogue.instrument] = catalogue
    return _assessment_rows.assessments_from_rows(rows, layout=layout, catalogues=catalogues)


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__

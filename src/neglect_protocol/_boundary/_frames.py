"""Typed pandas and polars DataFrames of rows, their dtypes taken from the column schema.

pandas and polars are optional: each is imported inside the one function that needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from neglect_protocol._boundary._columns import ColumnType, columns

if TYPE_CHECKING:
    import pandas
    import polars

# Nullable dtypes throughout, so that a missing value never turns a column of grades
# into floats or a column of dates into objects. A column of "any" is left to pandas.
_PANDAS_DTYPES: dict[ColumnType, str] = {
    "text": "string",
    "integer": "Int64",
    "grade": "Int64",
    "number": "Float64",
    "date": "datetime64[s]",
    "boolean": "boolean",
}


def to_pandas(rows: Iterable[Mapping[str, Any]], kind: str) -> pandas.DataFrame:
    """A pandas DataFrame of ``kind``'s rows, every column of its schema's dtype.

    Text is ``"string"``, integers and grades ``"Int64"`` (a missing grade is
    ``pandas.NA``, never a float), numbers ``"Float64"``, dates
    ``"datetime64[s]"`` and booleans ``"boolean"``. The columns are those of
    :func:`columns`, in the rows' order; no rows give an empty frame with the
    fixed columns.

    Args:
        rows: Rows of one kind, as the ``*_records`` functions give them.
        kind: The kind of the rows (one of ``RECORD_KINDS``).

    Returns:
        The DataFrame.

    Raises:
        InvalidArgumentError: If ``kind`` is not a kind of rows, or a row has a
            column that kind of rows does not have.
    """
    import pandas

    listed = list(rows)
    schema = columns(kind, listed)
    frame = pandas.DataFrame(listed, columns=list(schema))
    dtypes = {name: _PANDAS_DTYPES[of] for name, of in schema.items() if of != "any"}
    # From objects (values and None, as the rows hold them) every nullable dtype converts
    # directly; a column of "any" keeps what pandas inferred.
    return frame.astype(dict.fromkeys(dtypes, object)).astype(dtypes)


def to_polars(rows: Iterable[Mapping[str, Any]], kind: str) -> polars.DataFrame:
    """A polars DataFrame of ``kind``'s rows, every column of its schema's type.

    Text is ``String``, integers ``Int64``, grades ``Int8``, numbers ``Float64``,
    dates ``Date`` and booleans ``Boolean``; a column with no values keeps its type
    instead of becoming ``Null``, so frames of different periods concatenate.

    Args:
        rows: Rows of one kind, as the ``*_records`` functions give them.
        kind: The kind of the rows (one of ``RECORD_KINDS``).

    Returns:
        The DataFrame.

    Raises:
        InvalidArgumentError: If ``kind`` is not a kind of rows, or a row has a
            column that kind of rows does not have.
    """
    import polars

    types: dict[ColumnType, Any] = {
        "text": polars.String,
        "integer": polars.Int64,
        "grade": polars.Int8,
        "number": polars.Float64,
        "date": polars.Date,
        "boolean": polars.Boolean,
    }
    listed = list(rows)
    schema = columns(kind, listed)
    overrides = {name: types[of] for name, of in schema.items() if of != "any"}
    if not listed:
        return polars.DataFrame(schema={name: overrides.get(name, polars.Null) for name in schema})
    return polars.DataFrame(listed, schema_overrides=overrides, infer_schema_length=None)

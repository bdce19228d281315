"""Assessments as rows of a table and back: one row per assessment (wide) or per rating (long).

A table holds what a spreadsheet of GCP2s holds: the child, the dates, the
instrument, the assessment's reference and the grades. Free text (evidence, carers'
comments), carers, practitioners and targeted items are not part of a row, and a
column that is none of these is refused, never dropped.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, TypeVar

from neglect_protocol._boundary._columns import ASSESSMENT_KEYS, RATING_KEYS
from neglect_protocol._model._assessment import Assessment, ChildRef, ObservationWindow, Rating
from neglect_protocol._model._catalogue import Catalogue, Instrument
from neglect_protocol._model._grade import Grade
from neglect_protocol.errors import (
    DocumentError,
    DocumentProblem,
    InputError,
    InvalidArgumentError,
    safe_repr,
)

T = TypeVar("T")

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_GRADE_TEXT = re.compile(r"[1-5]")
_MIDNIGHT = dt.time()

# Where a value object's own error points, in terms of the columns of a row.
_COLUMN_OF = {"child": "date_of_birth", "window": "window_end"}


def _about(assessment: Assessment) -> dict[str, Any]:
    return {
        "child": assessment.child.reference,
        "date_of_birth": assessment.child.date_of_birth,
        "expected_delivery_date": assessment.child.expected_delivery_date,
        "assessment_reference": assessment.reference,
        "instrument": assessment.instrument.value,
        "window_start": assessment.window.start,
        "window_end": assessment.window.end,
    }


def _refuse_one(assessments: object) -> None:
    if isinstance(assessments, Assessment):
        raise InvalidArgumentError(
            "assessments",
            "expected a collection of assessments, got one Assessment (pass [assessment])",
        )


def _check_layout(layout: object) -> None:
    if layout not in ("long", "wide"):
        raise InvalidArgumentError("layout", f"expected 'long' or 'wide', got {safe_repr(layout)}")


def assessment_records(
    assessments: Iterable[Assessment], *, layout: Literal["long", "wide"] = "long"
) -> list[dict[str, Any]]:
    """Rows for assessments, which :func:`assessments_from_rows` reads back.

    Args:
        assessments: The assessments, in the order the rows should follow.
        layout: ``"long"``: one row per rating, with the keys ``ASSESSMENT_KEYS``
            then ``code`` and ``grade`` (an assessment with no ratings has one row
            with neither). ``"wide"``: one row per assessment, with
            ``ASSESSMENT_KEYS`` then one column per code rated in any of them, in
            the order codes first appear, holding the grade or ``None``.

    Returns:
        The rows, holding text, dates, integers and ``None`` (no free text).

    Raises:
        InvalidArgumentError: If ``layout`` is neither ``"long"`` nor ``"wide"``, or
            ``assessments`` is a single assessment rather than a collection of them.
    """
    _refuse_one(assessments)
    _check_layout(layout)
    if layout == "long":
        rows = []
        for assessment in assessments:
            about = _about(assessment)
            ratings: list[dict[str, Any]] = [
                {"code": r.code, "grade": r.grade.value} for r in assessment.ratings
            ]
            rows += [{**about, **rating} for rating in ratings or [dict.fromkeys(RATING_KEYS)]]
        return rows
    listed = list(assessments)
    codes = dict.fromkeys(rating.code for assessment in listed for rating in assessment.ratings)
    return [
        {**_about(assessment), **dict.fromkeys(codes), **_grade_values(assessment)}
        for assessment in listed
    ]


def _grade_values(assessment: Assessment) -> dict[str, int]:
    return {rating.code: rating.grade.value for rating in assessment.ratings}


def _is_blank(value: object) -> bool:
    """Whether a cell is empty: ``None``, blank text, or pandas' and numpy's missing values."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        # NaN and pandas' NaT are unequal to themselves.
        return bool(value != value)
    except TypeError:
        # pandas.NA refuses to be a truth value; nothing else a table holds does.
        return True


class _Reader:
    """Reads the cells of one row, noting every problem at its ``$[row].column`` path."""

    def __init__(self, index: int, row: Mapping[str, Any], problems: list[DocumentProblem]):
        self.index = index
        self.row = row
        self.problems = problems
        self.count = len(problems)

    @property
    def ok(self) -> bool:
        """Whether no problem was found in this row."""
        return len(self.problems) == self.count

    def path(self, column: str) -> str:
        return f"$[{self.index}].{column}"

    def note(self, column: str, message: str, category: str = "shape") -> None:
        self.problems.append(DocumentProblem(self.path(column), message, category))

    def cell(
        self, column: str, what: str, convert: Callable[[Any], T | None], *, required: bool
    ) -> T | None:
        value = self.row.get(column)
        if _is_blank(value):
            if required:
                self.note(column, f"expected {what}, got an empty cell")
            return None
        converted = convert(value)
        if converted is None:
            self.note(column, f"expected {what}, got {safe_repr(value)}")
        return converted

    def text(self, column: str, *, required: bool, what: str = "text") -> str | None:
        return self.cell(column, what, _text, required=required)

    def date(self, column: str, *, required: bool) -> dt.date | None:
        return self.cell(column, "an ISO 8601 date (YYYY-MM-DD)", _date, required=required)

    def grade(self, column: str) -> Grade | None:
        return self.cell(column, "an integer from 1 to 5", _grade, required=True)

    def build(self, make: Callable[[], T]) -> T | None:
        """Build a value from cells already read, noting its own error at the columns concerned."""
        try:
            return make()
        except InputError as error:
            for problem in error.problems:
                column = _COLUMN_OF.get(problem.path, problem.path)
                self.note(column, problem.message, problem.category)
            return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        # pandas gives a date column's cells as midnight timestamps.
        return value.date() if value.time() == _MIDNIGHT and value.tzinfo is None else None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _grade(value: object) -> Grade | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        return Grade(int(value)) if _GRADE_TEXT.fullmatch(value) else None
    # numpy's integers, and the whole floats a column with gaps holds in pandas.
    if isinstance(value, numbers.Real) and value in (1, 2, 3, 4, 5):
        return Grade(int(float(value)))
    return None


def _instrument(value: object) -> Instrument | None:
    return Instrument(value) if value in ("GCP2", "GCP2A") else None


class _About:
    """The assessment columns of one good row: their values, and the values they build."""

    def __init__(
        self,
        values: dict[str, Any],
        child: ChildRef,
        window: ObservationWindow,
        instrument: Instrument,
    ) -> None:
        self.values = values
        self.child = child
        self.window = window
        self.instrument = instrument

    @property
    def key(self) -> tuple[Any, ...]:
        """What long rows of one assessment share: its reference, or its child and window."""
        reference = self.values["assessment_reference"]
        if reference is not None:
            return ("reference", reference)
        return ("window", self.child.reference, self.instrument, self.window)

    def assessment(self, ratings: Iterable[Rating]) -> Assessment:
        return Assessment(
            self.child,
            self.window,
            tuple(ratings),
            self.instrument,
            reference=self.values["assessment_reference"],
        )


def _read_about(reader: _Reader) -> _About | None:
    """The assessment's columns of a row, or ``None`` if any of them is bad."""
    values: dict[str, Any] = {
        "child": reader.text("child", required=True),
        "date_of_birth": reader.date("date_of_birth", required=False),
        "expected_delivery_date": reader.date("expected_delivery_date", required=False),
        "assessment_reference": reader.text("assessment_reference", required=False),
        "instrument": reader.cell("instrument", "'GCP2' or 'GCP2A'", _instrument, required=False)
        or Instrument.GCP2,
        "window_start": reader.date("window_start", required=True),
        "window_end": reader.date("window_end", required=True),
    }
    if not reader.ok:
        return None
    child = reader.build(
        lambda: ChildRef(
            values["child"],
            date_of_birth=values["date_of_birth"],
            expected_delivery_date=values["expected_delivery_date"],
        )
    )
    window = reader.build(lambda: ObservationWindow(values["window_start"], values["window_end"]))
    if child is None or window is None:
        return None
    return _About(values, child, window, values["instrument"])


def _is_code(column: object, catalogues: Mapping[Instrument, Catalogue]) -> bool:
    return any(column in catalogue for catalogue in catalogues.values())


def _rated(
    reader: _Reader,
    column: str,
    code: str,
    about: _About | None,
    catalogues: Mapping[Instrument, Catalogue],
) -> Rating | None:
    """The rating of ``code`` in ``column``'s row, if its grade and code are good."""
    # The catalogue to check the code against is the row's instrument's, if it has one.
    catalogue = None if about is None else catalogues[about.instrument]
    if catalogue is not None and code not in catalogue:
        error = catalogue.unknown_code(code, field=reader.path(column))
        reader.problems.extend(DocumentProblem(p.path, p.message, "range") for p in error.problems)
        catalogue = None
    grade = reader.grade("grade" if column == "code" else column)
    return None if catalogue is None or grade is None else Rating(code, grade)


def _unknown_columns(
    indexed: list[tuple[int, Mapping[str, Any]]],
    layout: str,
    catalogues: Mapping[Instrument, Catalogue],
) -> list[DocumentProblem]:
    """A problem for each column that is not one of the layout's, at the first row with it."""
    known = {*ASSESSMENT_KEYS, *(RATING_KEYS if layout == "long" else ())}
    what = "a column of assessment rows" + (" or a code" if layout == "wide" else "")
    problems: dict[object, DocumentProblem] = {}
    for index, row in indexed:
        for column in row:
            if column in known or column in problems:
                continue
            if layout == "wide" and _is_code(column, catalogues):
                continue
            # A heading is text someone typed: it is shown only if it cannot be free text.
            problems[column] = DocumentProblem(
                f"$[{index}]", f"expected {what}, got a column {safe_repr(column)}", "shape"
            )
    return list(problems.values())


def _wide(
    indexed: list[tuple[int, Mapping[str, Any]]],
    catalogues: Mapping[Instrument, Catalogue],
    problems: list[DocumentProblem],
) -> list[Assessment]:
    assessments = []
    for index, row in indexed:
        reader = _Reader(index, row, problems)
        about = _read_about(reader)
        ratings = [
            _rated(reader, column, column, about, catalogues)
            for column, value in row.items()
            if _is_code(column, catalogues) and not _is_blank(value)
        ]
        if about is not None and reader.ok:
            assessments.append(about.assessment(r for r in ratings if r is not None))
    return assessments


def _cached(read: dict[tuple[Any, ...], _About], cells: tuple[Any, ...]) -> _About | None:
    try:
        return read.get(cells)
    except TypeError:  # A cell that cannot be a key (a list) is read each time.
        return None


def _long(
    indexed: list[tuple[int, Mapping[str, Any]]],
    catalogues: Mapping[Instrument, Catalogue],
    problems: list[DocumentProblem],
) -> list[Assessment]:
    # Rows gather into assessments by reference, or by child, instrument and window.
    groups: dict[tuple[Any, ...], tuple[int, _About, dict[str, tuple[int, Rating | None]]]] = {}
    # The rows of one assessment repeat its cells: those read well once are not read again.
    read: dict[tuple[Any, ...], _About] = {}
    for index, row in indexed:
        reader = _Reader(index, row, problems)
        cells = tuple(row.get(column) for column in ASSESSMENT_KEYS)
        about = _cached(read, cells) or _read_about(reader)
        if about is not None:
            read[cells] = about  # Cells that read well (text, dates, None) can be a key.
        code = reader.text("code", required=not _is_blank(row.get("grade")), what="a code")
        rating = None if code is None else _rated(reader, "code", code, about, catalogues)
        if about is None:
            continue
        first, earlier, ratings = groups.setdefault(about.key, (index, about, {}))
        for column, value in about.values.items():
            if value != earlier.values[column]:
                reader.note(
                    column,
                    f"expected the same value in every row of an assessment, as at $[{first}]",
                    "rule",
                )
        if code is None:
            continue  # An assessment with no ratings: nothing to add.
        if code in ratings:
            reader.note(
                "code",
                f"expected each rated code once in an assessment, got {safe_repr(code)} again "
                f"(first at $[{ratings[code][0]}])",
                "rule",
            )
        ratings.setdefault(code, (index, rating))
    return [
        about.assessment(rating for _, rating in ratings.values() if rating is not None)
        for _, about, ratings in groups.values()
    ]


def assessments_from_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    layout: Literal["long", "wide"],
    catalogues: Mapping[Instrument, Catalogue],
) -> list[Assessment]:
    """Build assessments from rows, as ``records.assessments_from_rows`` describes."""
    _check_layout(layout)
    if isinstance(rows, Mapping):
        raise InvalidArgumentError(
            "rows", "expected a collection of rows, got one row (pass [row])"
        )
    problems: list[DocumentProblem] = []
    indexed = []
    for index, row in enumerate(rows):
        if isinstance(row, Mapping):
            indexed.append((index, row))
        else:
            problems.append(
                DocumentProblem(
                    f"$[{index}]",
                    f"expected a row (a mapping of column to value), got {safe_repr(row)}",
                    "shape",
                )
            )
    problems += _unknown_columns(indexed, layout, catalogues)
    read = (_wide if layout == "wide" else _long)(indexed, catalogues, problems)
    if problems:
        raise DocumentError(sorted(problems, key=_row_order), kind="assessment")
    return read


def _row_order(problem: DocumentProblem) -> int:
    """The row a problem is in, so that problems are listed row by row."""
    return int(problem.path[2 : problem.path.index("]")])

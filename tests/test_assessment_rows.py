"""Assessments to rows of a table and back (issue 11, point 3 "Records both ways")."""

from __future__ import annotations

import csv
import datetime as dt
import math
from typing import Any

import attrs
import numpy
import pandas
import polars
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import share_of_examples
from neglect_protocol import GCP2A, Assessment, Catalogue, ChildRef, ObservationWindow, Rating
from neglect_protocol.assessment import Carer
from neglect_protocol.catalogue import Instrument
from neglect_protocol.errors import DocumentError, InvalidArgumentError
from neglect_protocol.records import (
    ASSESSMENT_KEYS,
    RATING_KEYS,
    assessment_records,
    assessments_from_rows,
    to_pandas,
    to_polars,
)
from neglect_protocol.strategies import assessments

SECRET = "Invented: free text that must stay out of every message"
BORN = dt.date(2019, 4, 2)
WINDOW = ObservationWindow(dt.date(2024, 2, 5), dt.date(2024, 2, 23))


def invented(
    *ratings: Rating, reference: str | None = "A-1", window: ObservationWindow = WINDOW
) -> Assessment:
    return Assessment(
        ChildRef("C-1", date_of_birth=BORN),
        window,
        ratings or (Rating("A1", 3), Rating("B", 2)),
        reference=reference,
    )


def row(**cells: Any) -> dict[str, Any]:
    """One long row as a CSV reader gives it: text, with the assessment's columns filled in."""
    return {
        "child": "C-1",
        "date_of_birth": "2019-04-02",
        "expected_delivery_date": "",
        "assessment_reference": "A-1",
        "instrument": "GCP2",
        "window_start": "2024-02-05",
        "window_end": "2024-02-23",
        "code": "A1",
        "grade": "3",
    } | cells


def wide_row(**grades: Any) -> dict[str, Any]:
    """One wide row as a CSV reader gives it, with a column per code."""
    return {key: value for key, value in row().items() if key not in RATING_KEYS} | grades


def problems(rows: list[Any], layout: str = "long") -> list[str]:
    """The problems reported for ``rows``, as ``path: message`` lines."""
    with pytest.raises(DocumentError) as caught:
        assessments_from_rows(rows, layout=layout)  # type: ignore[arg-type]
    assert "assessment" == caught.value.kind
    return [str(problem) for problem in caught.value.problems]


def tabular(assessment: Assessment) -> Assessment:
    """What a table holds of an assessment: no free text, carers, practitioners or targets."""
    return attrs.evolve(
        assessment,
        ratings=tuple(Rating(rating.code, rating.grade) for rating in assessment.ratings),
        carers=(),
        practitioners=(),
        targets=(),
    )


def key(assessment: Assessment) -> object:
    """What long rows of one assessment share (its reference, or its child and window)."""
    return assessment.reference or (
        assessment.child.reference,
        assessment.instrument,
        assessment.window,
    )


# Small lists of GCP2 and GCP2A assessments, each its own in long rows: fast to draw.
COHORTS = st.lists(
    assessments(max_ratings=4) | assessments(GCP2A, max_ratings=3),
    max_size=3,
    unique_by=key,
).map(lambda drawn: [tabular(assessment) for assessment in drawn])


class TestRows:
    def test_long_rows(self) -> None:
        """Long rows: one per rating, the assessment's columns first, then code and grade."""
        rows = assessment_records([invented()])
        assert [*ASSESSMENT_KEYS, *RATING_KEYS] == list(rows[0])
        assert {
            "child": "C-1",
            "date_of_birth": BORN,
            "expected_delivery_date": None,
            "assessment_reference": "A-1",
            "instrument": "GCP2",
            "window_start": dt.date(2024, 2, 5),
            "window_end": dt.date(2024, 2, 23),
            "code": "B",
            "grade": 2,
        } == rows[1]
        assert int is type(rows[1]["grade"])

    def test_an_assessment_without_ratings_keeps_a_row(self) -> None:
        """An assessment with no ratings is one long row with neither code nor grade."""
        empty = attrs.evolve(invented(), ratings=())
        [only] = assessment_records([empty])
        assert (None, None) == (only["code"], only["grade"])
        assert [empty] == assessments_from_rows([only])

    def test_wide_rows(self) -> None:
        """Wide rows: one per assessment, a column per code rated in any, None where not rated."""
        later = invented(Rating("C", 4), reference="A-2")
        rows = assessment_records([invented(), later], layout="wide")
        assert [*ASSESSMENT_KEYS, "A1", "B", "C"] == list(rows[0]) == list(rows[1])
        assert (3, 2, None) == (rows[0]["A1"], rows[0]["B"], rows[0]["C"])
        assert (None, None, 4) == (rows[1]["A1"], rows[1]["B"], rows[1]["C"])

    def test_no_free_text_in_rows(self) -> None:
        """Evidence, carers' comments and carers are not part of any row."""
        assessment = attrs.evolve(
            invented(Rating("A1", 3, evidence=SECRET, carer_comment=SECRET)),
            carers=(Carer("P-1", role=SECRET),),
        )
        assert SECRET not in str(assessment_records([assessment]))
        assert SECRET not in str(assessment_records([assessment], layout="wide"))

    def test_unknown_layout(self) -> None:
        """A layout other than long or wide raises InvalidArgumentError, both ways."""
        message = r"^layout: expected 'long' or 'wide', got 'tall'$"
        with pytest.raises(InvalidArgumentError, match=message):
            assessment_records([], layout="tall")  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match=message):
            assessments_from_rows([], layout="tall")  # type: ignore[arg-type]

    def test_one_assessment_or_one_row_is_refused(self) -> None:
        """One assessment, or one row, passed where a collection is expected is refused."""
        with pytest.raises(
            InvalidArgumentError,
            match=r"^assessments: expected a collection of assessments, got one Assessment "
            r"\(pass \[assessment\]\)$",
        ):
            assessment_records(invented())  # type: ignore[arg-type]
        with pytest.raises(
            InvalidArgumentError,
            match=r"^rows: expected a collection of rows, got one row \(pass \[row\]\)$",
        ):
            assessments_from_rows(row())  # type: ignore[arg-type]


class TestRoundTrip:
    @given(COHORTS)
    def test_long_rows_read_back_equal(self, cohort: list[Assessment]) -> None:
        """Rule: assessments -> long rows -> assessments gives the same assessments."""
        assert cohort == assessments_from_rows(assessment_records(cohort))

    @given(COHORTS)
    def test_wide_rows_read_back_equal(self, cohort: list[Assessment]) -> None:
        """Rule: assessments -> wide rows -> assessments gives the same assessments.

        A wide table has one column order for every row, so ratings come back in
        that order: the same grades, and for one assessment the same order too.
        """
        read = assessments_from_rows(assessment_records(cohort, layout="wide"), layout="wide")
        assert [attrs.evolve(a, ratings=()) for a in cohort] == [
            attrs.evolve(a, ratings=()) for a in read
        ]
        assert [a.grades for a in cohort] == [a.grades for a in read]
        if len(cohort) == 1:
            assert cohort == read

    # Building two DataFrames per example is slow: a quarter of the profile's examples.
    @share_of_examples(0.25)
    @given(COHORTS, st.sampled_from(["long", "wide"]))
    def test_through_pandas_and_polars(self, cohort: list[Assessment], layout: str) -> None:
        """Rule: rows -> typed pandas or polars frame -> rows read back the same assessments."""
        rows = assessment_records(cohort, layout=layout)  # type: ignore[arg-type]
        kind = "assessment" if layout == "long" else "assessment_wide"
        expected = assessments_from_rows(rows, layout=layout)  # type: ignore[arg-type]
        through_pandas = to_pandas(rows, kind).to_dict("records")
        through_polars = to_polars(rows, kind).to_dicts()
        assert expected == assessments_from_rows(through_pandas, layout=layout)  # type: ignore[arg-type]
        assert expected == assessments_from_rows(through_polars, layout=layout)  # type: ignore[arg-type]

    def test_dtypes_in_pandas_and_polars(self) -> None:
        """Dates are dates and grades nullable integers in both libraries, even where missing."""
        rows = assessment_records(
            [invented(), invented(Rating("C", 4), reference="A-2")], layout="wide"
        )
        frame = to_pandas(rows, "assessment_wide")
        assert "datetime64[s]" == str(frame["window_start"].dtype)
        assert "datetime64[s]" == str(frame["expected_delivery_date"].dtype)  # all missing
        assert ["Int64"] * 3 == [str(frame[code].dtype) for code in ("A1", "B", "C")]
        assert "string" == str(frame["assessment_reference"].dtype)
        assert pandas.isna(frame["C"][0])
        table = to_polars(rows, "assessment_wide")
        assert polars.Date == table.schema["window_start"]
        assert polars.Date == table.schema["expected_delivery_date"]  # all missing, not Null
        assert [polars.Int8] * 3 == [table.schema[code] for code in ("A1", "B", "C")]
        assert [None, 4] == table["C"].to_list()


class TestCellsTablesGive:
    def test_a_csv_export(self, tmp_path: Any) -> None:
        """A CSV read with the csv module (all text, empty cells blank) gives the assessments."""
        path = tmp_path / "export.csv"
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, fieldnames=[*ASSESSMENT_KEYS, "A1", "B"])
            writer.writeheader()
            writer.writerow(wide_row(A1="3", B=" 2 "))
        with path.open(newline="", encoding="utf-8") as file:
            read = assessments_from_rows(csv.DictReader(file), layout="wide")
        assert [invented()] == read

    def test_missing_values_of_pandas_and_numpy(self) -> None:
        """NaN, pandas.NA and NaT are empty cells; numpy integers and whole floats are grades."""
        rows = [
            row(grade=numpy.int64(3), expected_delivery_date=math.nan),
            row(code="B", grade=2.0, expected_delivery_date=pandas.NA),
            row(code=pandas.NA, grade=pandas.NA, expected_delivery_date=pandas.NaT),
        ]
        assert [invented()] == assessments_from_rows(rows)

    def test_optional_columns_may_be_left_out(self) -> None:
        """Without reference, instrument or due-date columns, rows are GCP2 assessments."""
        rows = [
            {"child": "C-1", "date_of_birth": BORN, "window_start": "2024-02-05", **cells}
            | {"window_end": dt.datetime(2024, 2, 23)}
            for cells in ({"code": "A1", "grade": 3}, {"code": "B", "grade": 2})
        ]
        assert [invented(reference=None)] == assessments_from_rows(rows)

    def test_rows_gather_by_child_and_window_without_a_reference(self) -> None:
        """Long rows without a reference gather by child, instrument and window, first seen first."""
        later = ObservationWindow(dt.date(2024, 9, 2), dt.date(2024, 9, 20))
        rows = [
            row(assessment_reference="", window_start="2024-09-02", window_end="2024-09-20"),
            row(assessment_reference=""),
            row(assessment_reference="", code="B", grade="2"),
        ]
        assert [
            invented(Rating("A1", 3), reference=None, window=later),
            invented(reference=None),
        ] == assessments_from_rows(rows)

    def test_an_unborn_child(self) -> None:
        """A GCP2A row for an unborn child reads against the built-in GCP2A."""
        [read] = assessments_from_rows(
            [
                row(
                    instrument="GCP2A",
                    date_of_birth="",
                    expected_delivery_date="2024-05-01",
                    code="S1",
                )
            ]
        )
        assert (Instrument.GCP2A, dt.date(2024, 5, 1), {"S1": 3}) == (
            read.instrument,
            read.child.expected_delivery_date,
            {code: grade.value for code, grade in read.grades.items()},
        )

    def test_a_loaded_catalogue_reads_items(self, invented_catalogue: Catalogue) -> None:
        """With a loaded catalogue, item codes are columns of a wide table too."""
        wide = wide_row(A1a="4")
        [read] = assessments_from_rows([wide], layout="wide", catalogue=invented_catalogue)
        assert {"A1a": 4} == {code: grade.value for code, grade in read.grades.items()}
        assert ["$[0]: expected a column of assessment rows or a code, got a column 'A1a'"] == (
            problems([wide], "wide")
        )


class TestBadRows:
    def test_every_bad_row_is_reported(self) -> None:
        """Every problem of every row is listed, row by row, each at its $[row].column path."""
        rows = [
            row(),
            row(grade="7", window_start="05/02/2024"),
            row(child="", code="A9"),
            row(code="B", grade="x"),
        ]
        assert [
            "$[1].window_start: expected an ISO 8601 date (YYYY-MM-DD), got a str of 10 characters",
            "$[1].grade: expected an integer from 1 to 5, got '7'",
            "$[2].child: expected text, got an empty cell",
            "$[3].grade: expected an integer from 1 to 5, got 'x'",
        ] == problems(rows)

    def test_cells_of_the_wrong_kind(self) -> None:
        """A cell of the wrong type, an impossible date or a timed datetime is described."""
        assert [
            "$[0].child: expected text, got 1001",
            "$[0].date_of_birth: expected an ISO 8601 date (YYYY-MM-DD), got a datetime",
            "$[0].instrument: expected 'GCP2' or 'GCP2A', got 'gcp3'",
            "$[0].window_end: expected an ISO 8601 date (YYYY-MM-DD), got a str of 10 characters",
            "$[0].grade: expected an integer from 1 to 5, got True",
            "$[1].grade: expected an integer from 1 to 5, got 2.5",
            "$[2]: expected a row (a mapping of column to value), got a str of 23 characters",
            "$[3].child: expected text, got ['C-1']",
        ] == problems(
            [
                row(
                    child=1001,
                    window_end="2024-02-30",
                    date_of_birth=dt.datetime(2019, 4, 2, 9, 30),
                    instrument="gcp3",
                    grade=True,
                ),
                row(grade=2.5),
                "child,window_start,code",
                row(child=["C-1"]),
            ]
        )

    def test_free_text_is_never_echoed(self) -> None:
        """Free text in a grade cell or as a column heading is described, never repeated."""
        lines = problems([row(grade=SECRET) | {SECRET: "x"}])
        assert [
            "$[0]: expected a column of assessment rows, got a column a str of 55 characters",
            "$[0].grade: expected an integer from 1 to 5, got a str of 55 characters",
        ] == lines
        assert ["$[0].B: expected an integer from 1 to 5, got a str of 55 characters"] == problems(
            [wide_row(B=SECRET)], "wide"
        )
        assert SECRET not in str(lines)

    def test_codes_and_grades_go_together(self) -> None:
        """A long row with a code and no grade, or a grade and no code, is refused."""
        assert [
            "$[0].grade: expected an integer from 1 to 5, got an empty cell",
            "$[1].code: expected a code, got an empty cell",
        ] == problems([row(grade=""), row(code=None)])

    def test_unknown_codes(self) -> None:
        """A code the catalogue lacks is refused with the nearest valid codes, in either layout."""
        assert [
            "$[0].code: expected a code of catalogue 'GCP2', got 'A9'; nearest valid codes: A, A5, A4"
        ] == problems([row(code="A9")])
        wide = wide_row(S1="2")
        assert [
            "$[0].S1: expected a code of catalogue 'GCP2', got 'S1'; nearest valid codes: D1, C1, B1"
        ] == problems([wide], "wide")

    def test_a_code_rated_twice(self) -> None:
        """A code rated twice in one assessment is refused at its second row."""
        assert [
            "$[2].code: expected each rated code once in an assessment, got 'A1' again (first at $[0])"
        ] == problems([row(), row(code="B"), row(grade="4")])

    def test_rows_of_one_assessment_disagree(self) -> None:
        """Rows of one assessment with different dates or children are refused, naming the first."""
        assert [
            "$[1].child: expected the same value in every row of an assessment, as at $[0]",
            "$[1].window_end: expected the same value in every row of an assessment, as at $[0]",
        ] == problems([row(), row(code="B", child="C-2", window_end="2024-02-24")])

    def test_rules_of_the_values_themselves(self) -> None:
        """A window ending before it starts, or a child without dates, is refused at its column."""
        assert [
            "$[0].window_end: expected an end on or after the start, got an end 4 days before "
            "the start",
            "$[1].date_of_birth: expected a date_of_birth or, for an unborn child, an "
            "expected_delivery_date; got neither",
            "$[2].date_of_birth: expected a birth between 24 weeks before and 6 weeks after the "
            "expected delivery date; the two dates are further apart",
        ] == problems(
            [
                row(window_end="2024-02-01"),
                row(date_of_birth="", assessment_reference="A-2"),
                row(expected_delivery_date="2023-01-01", assessment_reference="A-3"),
            ]
        )

    def test_unknown_columns_are_refused_once(self) -> None:
        """A column that is not the layout's is refused once, at the first row that has it."""
        assert ["$[1]: expected a column of assessment rows, got a column 'notes'"] == problems(
            [row(), row(code="B", notes=""), row(code="C", notes="")]
        )
        assert [
            "$[0]: expected a column of assessment rows or a code, got a column 'code'",
            "$[0]: expected a column of assessment rows or a code, got a column 'grade'",
        ] == problems([row()], "wide")

"""Plain rows for DataFrames, and notebook views (issue 5, part 5)."""

from __future__ import annotations

import datetime as dt
import html

import attrs
import pandas
import polars
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import (
    GCP2,
    GCP2A,
    Assessment,
    Catalogue,
    ChildRef,
    ObservationWindow,
    Rating,
    score,
)
from neglect_protocol.errors import InvalidArgumentError
from neglect_protocol.records import ENTRY_KEYS, PROFILE_KEYS, profile_records, profiles_to_records
from neglect_protocol.strategies import assessments_with_evidence, catalogues, profiles

SECRET = "Invented: free text that must stay out of every view"


def assessment(start: dt.date = dt.date(2024, 2, 5), *ratings: Rating) -> Assessment:
    return Assessment(
        ChildRef("C-<0001>&", date_of_birth=dt.date(2019, 4, 2)),
        ObservationWindow(start, start + dt.timedelta(days=18)),
        ratings or (Rating("A1", 3, evidence=SECRET), Rating("A4", 4), Rating("C", 2)),
        reference="A-1",
    )


class TestRecords:
    def test_long_rows(self) -> None:
        """to_records gives one plain row per area and sub-area, in profile order."""
        rows = score(assessment()).to_records()
        assert 17 == len(rows)
        assert list(PROFILE_KEYS + ENTRY_KEYS) == list(rows[0])
        assert {
            "child": "C-<0001>&",
            "assessment_reference": "A-1",
            "instrument": "GCP2",
            "catalogue": "GCP2",
            "catalogue_version": "structure-1",
            "rule": "worst",
            "window_start": dt.date(2024, 2, 5),
            "window_end": dt.date(2024, 2, 23),
            "code": "A4",
            "name": "Hygiene",
            "level": "sub-area",
            "area": "A",
            "grade": 4,
            "source": "entered",
            "suggested": None,
            "worst_beneath": None,
            "discrepancy": False,
        } == rows[4]
        assert int is type(rows[4]["grade"])
        assert rows == profile_records(score(assessment()))

    def test_wide_rows_share_their_keys(self) -> None:
        """Wide rows: one per profile, the same keys in every row, None where a code is missing."""
        unborn = Assessment(
            ChildRef("C-2", expected_delivery_date=dt.date(2025, 6, 1)),
            ObservationWindow(dt.date(2025, 3, 3), dt.date(2025, 3, 21)),
            (Rating("S1", 2),),
            instrument=GCP2A.instrument,
        )
        rows = profiles_to_records([score(assessment()), score(unborn)], layout="wide")
        assert list(rows[0]) == list(rows[1])
        assert (4, 4, None, 1) == (
            rows[0]["worst_area_grade"],
            rows[0]["A"],
            rows[0]["S1"],
            rows[0]["units_at_4"],
        )
        assert (2, None, 2) == (rows[1]["worst_area_grade"], rows[1]["A"], rows[1]["S1"])
        assert (11, 0) == (rows[0]["ungraded_units"], rows[0]["discrepancies"])

    def test_unknown_layout(self) -> None:
        """A layout other than long or wide raises InvalidArgumentError."""
        with pytest.raises(
            InvalidArgumentError, match=r"^layout: expected 'long' or 'wide', got 'tall'$"
        ):
            profiles_to_records([], layout="tall")  # type: ignore[arg-type]

    @given(st.lists(profiles(), max_size=4), st.sampled_from(["long", "wide"]))
    def test_pandas_and_polars_accept_the_rows(self, cohort: list[object], layout: str) -> None:
        """Rule: pandas.DataFrame(rows) and polars.DataFrame(rows) accept the rows as they are."""
        rows = profiles_to_records(cohort, layout=layout)  # type: ignore[arg-type]
        assert len(rows) == len(pandas.DataFrame(rows))
        assert len(rows) == polars.DataFrame(rows).height

    def test_a_cohort_in_pandas(self) -> None:
        """A cohort's long rows pivot into the four-area profile per child in pandas."""
        cohort = [
            score(assessment()),
            score(assessment(dt.date(2024, 9, 2), Rating("A", 2), Rating("B", 3))),
        ]
        frame = pandas.DataFrame(profiles_to_records(cohort))
        areas = frame[frame["level"] == "area"].pivot(
            index="window_start", columns="code", values="grade"
        )
        assert [4.0, 2.0] == list(areas["A"])
        assert polars.DataFrame(profiles_to_records(cohort, layout="wide"))["A"].to_list() == [4, 2]


class TestNotebookViews:
    def test_profile_html_is_escaped_and_free_of_free_text(self) -> None:
        """A profile's HTML escapes text, colours grades and never shows evidence."""
        profile = score(assessment())
        page = profile._repr_html_()
        assert "C-&lt;0001&gt;&amp;" in page
        assert "C-<0001>" not in page
        assert "#fc8d59" in page  # grade 4
        assert SECRET not in page
        assert "Worst area grade: 4." in page
        assert SECRET not in repr(profile)

    def test_discrepancy_note(self) -> None:
        """An entry flagged as a discrepancy says so in the HTML view."""
        profile = score(
            assessment(dt.date(2024, 2, 5), Rating("A1", 1), Rating("A", 1), Rating("A4", 4))
        )
        assert "discrepancy: worst beneath is 4" in profile._repr_html_()

    def test_catalogue_repr_and_html(self) -> None:
        """A catalogue's repr is one line of counts; its HTML lists areas and sub-areas escaped."""
        catalogue = attrs.evolve(GCP2, name="Ours <draft>")
        assert (
            "<Catalogue 'Ours <draft>' version 'structure-1' (GCP2): 4 areas, 13 sub-areas, 0 items>"
            == repr(catalogue)
        )
        page = catalogue._repr_html_()
        assert "Ours &lt;draft&gt;" in page
        assert "Safety in the carer&#x27;s absence" in page

    @given(catalogues())
    def test_catalogue_html_counts_items(self, catalogue: Catalogue) -> None:
        """Rule: the HTML view of any catalogue names every area and counts its items."""
        page = catalogue._repr_html_()
        assert all(html.escape(area.name) in page for area in catalogue.areas)
        assert f"{len(catalogue.items)} items" in page

    @given(assessments_with_evidence())
    def test_assessment_html_shows_grades_not_text(self, assessment: Assessment) -> None:
        """Rule: an assessment's HTML lists every rated code and no evidence or comment."""
        page = assessment._repr_html_()
        assert f"{len(assessment.ratings)} ratings" in page
        for rating in assessment.ratings:
            assert html.escape(rating.code) in page
            if len(rating.evidence) > 12:
                assert html.escape(rating.evidence) not in page

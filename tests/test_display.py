from __future__ import annotations

import datetime as dt

from neglect_protocol import (
    Assessment,
    ChildRef,
    Instrument,
    ObservationWindow,
    Rating,
    format_profile,
    score,
)

WINDOW = ObservationWindow(dt.date(2024, 3, 4), dt.date(2024, 3, 22))
SECRET = "Invented secret evidence"


class TestFormatProfile:
    def test_table_and_headlines(self) -> None:
        """The text shows each entry's grade and source, then the headline figures."""
        child = ChildRef("C-000020", date_of_birth=dt.date(2016, 5, 1))
        ratings = (Rating("A", 1, evidence=SECRET), Rating("A1", 4), Rating("B1", 3))
        lines = format_profile(score(Assessment(child, WINDOW, ratings))).splitlines()
        assert lines[0].startswith(
            "GCP2 profile for child C-000020, observed 2024-03-04 to 2024-03-22"
        )
        assert (
            "A     Physical care                              1  entered            4  discrepancy: worst beneath is 4"
            in lines
        )
        assert "A1      Nutrition                                4  entered            -" in lines
        assert "B     Care of safety                             3  suggested          3" in lines
        assert "A2      Housing                                  -  ungraded           -" in lines
        assert "Worst area grade: 3 (borderline)" in lines
        assert "Sub-areas at each grade: 1: 0  2: 0  3: 1  4: 1  5: 0" in lines
        assert "Strengths (1-2): A Physical care (1)" in lines
        assert "Concerns (4-5): A1 Nutrition (4)" in lines
        assert "Discrepancies: A entered 1, worst beneath 4" in lines
        assert "Ungraded sub-areas: A2, A3, A4, A5, B2, C1, C2, D1, D2, D3, D4" in lines
        assert all(SECRET not in line for line in lines)

    def test_nothing_graded(self) -> None:
        """An empty antenatal profile says so in words, with sections as units."""
        unborn = ChildRef("C-000021", expected_delivery_date=dt.date(2024, 7, 1))
        text = format_profile(score(Assessment(unborn, WINDOW, (), instrument=Instrument.GCP2A)))
        assert "Worst area grade: none graded" in text
        assert "Sections at each grade: 1: 0  2: 0  3: 0  4: 0  5: 0" in text
        assert "Strengths (1-2): none" in text
        assert "Discrepancies: none" in text
        assert "Ungraded sections: S1, S2, S3" in text

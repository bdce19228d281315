from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import GCP2, GCP2A, Assessment, Catalogue, ChildRef, validate
from neglect_protocol.strategies import (
    _months_before,
    assessments,
    child_refs,
    histories,
    observation_windows,
)


class TestStrategies:
    @given(data=st.data())
    def test_child_ages_in_bounds(self, data: st.DataObject) -> None:
        """child_refs draws born children whose age on the day lies in the bounds."""
        on = data.draw(st.dates(dt.date(2010, 1, 1), dt.date(2035, 12, 31)))
        low = data.draw(st.integers(0, 100))
        high = data.draw(st.integers(low, 215))
        child: ChildRef = data.draw(child_refs(on=on, min_age_months=low, max_age_months=high))
        age = child.age_in_months_on(on)
        assert age is not None
        assert low <= age <= high

    @given(histories(min_size=2, max_size=4))
    def test_histories_are_one_child_in_order(self, history: tuple[Assessment, ...]) -> None:
        """A history is one child's assessments, windows in order and not overlapping."""
        assert 1 == len({assessment.child for assessment in history})
        for earlier, later in itertools.pairwise(history):
            assert earlier.window.end < later.window.start

    @given(histories(GCP2A, min_size=3, max_size=4))
    def test_antenatal_histories_are_valid(self, history: tuple[Assessment, ...]) -> None:
        """GCP2A histories stay within the postnatal section's first year."""
        assert len(history) <= 3
        for assessment in history:
            validate(assessment, GCP2A)

    @given(st.data())
    def test_assessments_are_valid(
        self, invented_catalogue: Catalogue, data: st.DataObject
    ) -> None:
        """Every drawn assessment passes validation against its catalogue."""
        validate(data.draw(assessments(invented_catalogue, min_ratings=3)), invented_catalogue)

    @given(observation_windows())
    def test_windows(self, window: object) -> None:
        """Windows are at most six weeks long."""
        assert 1 <= window.days <= 42  # type: ignore[attr-defined]

    def test_months_before_clamps_to_month_end(self) -> None:
        """Counting months back from the 31st lands on the last day of a shorter month."""
        assert dt.date(2024, 2, 29) == _months_before(dt.date(2024, 3, 31), 1)
        assert dt.date(2023, 2, 28) == _months_before(dt.date(2024, 3, 31), 13)
        assert dt.date(2023, 12, 31) == _months_before(dt.date(2024, 3, 31), 3)
        assert dt.date(2024, 4, 30) == _months_before(dt.date(2024, 5, 31), 1)

    @given(data=st.data())
    def test_explicit_child_and_window(self, data: st.DataObject) -> None:
        """A fixed child and window are used as given."""
        child = ChildRef("C-1", date_of_birth=dt.date(2015, 1, 1))
        window = data.draw(observation_windows(min_start=dt.date(2016, 1, 1)))
        drawn = data.draw(assessments(GCP2, child=child, window=window))
        assert (child, window) == (drawn.child, drawn.window)

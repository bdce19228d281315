"""Disclosure: behaviour the mutation run (`make mutation`) showed no test pinned.

Each test here failed on at least one surviving mutant of ``_logic/_disclosure.py``
(``tabulate`` was called by no test of the selection at all).
"""

from __future__ import annotations

import itertools

import pytest

from neglect_protocol._logic._disclosure import augmented_grid, exposed_cells, tabulate
from neglect_protocol.disclosure import DFE, Missing, apply_disclosure
from neglect_protocol.errors import StatisticsError
from test_disclosure import _pinned_cells


class TestTabulate:
    def test_every_count_is_shown_with_exact_totals(self) -> None:
        """Outside disclosure control nothing is hidden, small counts included, and the
        totals row is exact: 15 and 75 are not rounded to the nearest ten."""
        table = tabulate([[3, 20], [12, 40]], DFE)
        assert (("3", "20", "23"), ("12", "40", "52"), ("15", "60", "75")) == table.shown()
        assert all(cell.suppression is None for row in table.cells for cell in row)
        assert ("1", "2") == table.row_labels
        assert ("1", "2") == table.column_labels

    def test_labels_and_markers(self) -> None:
        """Labels are kept in order, and a marker shows the policy's symbol and adds nothing."""
        table = tabulate(
            [[1, 2], [Missing.NOT_AVAILABLE, 40]],
            DFE,
            row_labels=["North", "South"],
            column_labels=["Yes", "No"],
        )
        assert (("1", "2", "3"), (":", "40", "40"), ("1", "42", "43")) == table.shown()
        assert (("North", "South"), ("Yes", "No")) == (table.row_labels, table.column_labels)

    def test_bad_counts_are_refused_as_for_apply_disclosure(self) -> None:
        """A negative count is refused with its position, as apply_disclosure refuses it."""
        with pytest.raises(StatisticsError) as caught:
            tabulate([[1, -2]], DFE)
        assert (
            "counts[0][1]: expected a whole number of 0 or more, or a Missing marker, got -2"
        ) == str(caught.value)


class TestLabels:
    def test_row_labels_must_match_the_rows(self) -> None:
        """One label per row: a wrong count of row labels is refused naming row_labels."""
        with pytest.raises(StatisticsError) as caught:
            apply_disclosure([[1, 2]], DFE, row_labels=["North", "South"])
        assert str(caught.value).startswith("row_labels: expected 1 names, one per position")

    @pytest.mark.parametrize(("row", "shown"), [(5, "5"), ("12", "'12'")])
    def test_a_row_that_is_no_sequence_of_counts_is_refused_whole(
        self, row: object, shown: str
    ) -> None:
        """A row that is a number or a string is refused as a row, not read cell by cell."""
        with pytest.raises(StatisticsError) as caught:
            apply_disclosure([row], DFE)  # type: ignore[list-item]
        assert f"counts[0]: expected a non-empty sequence of counts, got {shown}" == str(
            caught.value
        )


Cell = tuple[int, int]


def _every_hidden_set(grid: list[list[int]]) -> list[set[Cell]]:
    cells = [(i, j) for i, row in enumerate(grid) for j, _ in enumerate(row)]
    return [
        {cell for index, cell in enumerate(cells) if mask >> index & 1}
        for mask in range(1 << len(cells))
    ]


class TestExposedCellsOnEverySmallTable:
    """The linear-time check (strong components, then bridges) against the brute-force
    reader of tests/test_disclosure.py, on every choice of hidden cells: the property
    tests draw only some, and mutants of the two searches slipped between them."""

    def test_every_two_by_two_table_of_ones_and_twos(self) -> None:
        """Every 2 x 2 body of 1s and 2s, every set of hidden cells, totals included: the
        exposed cells are exactly those a reader can pin down."""
        for values in itertools.product((1, 2), repeat=4):
            grid = augmented_grid([list(values[:2]), list(values[2:])])
            for hidden in _every_hidden_set(grid):
                assert _pinned_cells(grid, hidden) == set(exposed_cells(grid, hidden))

    @pytest.mark.parametrize(
        ("body", "hidden"),
        [
            # Six lines: a search that stops at the first root seen before misses some.
            ([[1, 1], [1, 1], [1, 1]], {(0, 2), (1, 2), (2, 0), (2, 1), (3, 0), (3, 1)}),
            # A line taken off the search stack too early joins a loop it is not on.
            (
                [[1, 1, 1], [1, 1, 1]],
                {(0, 0), (0, 1), (0, 2), (1, 1), (1, 3), (2, 0), (2, 2), (2, 3)},
            ),
        ],
    )
    def test_larger_tables_that_caught_a_mutant(
        self, body: list[list[int]], hidden: set[Cell]
    ) -> None:
        """Hidden sets on which a mutant of the strong-component search was wrong."""
        grid = augmented_grid(body)
        assert _pinned_cells(grid, hidden) == set(exposed_cells(grid, hidden))

"""Tests for neglect_protocol.disclosure: policies and secondary suppression."""

from __future__ import annotations

import heapq
import json
import runpy
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neglect_protocol.disclosure as disclosure

# augmented_grid and exposed_cells are private: that no hidden cell is exposed by the
# published margins is the internal law secondary suppression rests on, checked directly.
from neglect_protocol._logic._disclosure import augmented_grid, exposed_cells
from neglect_protocol.disclosure import (
    DFE,
    DisclosedCell,
    DisclosedTable,
    DisclosurePolicy,
    Missing,
    Suppression,
    apply_disclosure,
    disclosure_policy_from_document,
    load_disclosure_policy,
)
from neglect_protocol.errors import (
    DocumentError,
    StatisticsError,
    SuppressedValueError,
)
from neglect_protocol.stats import Proportion
from neglect_protocol.strategies import count_tables, sparse_count_tables

DOCUMENT: dict[str, Any] = {
    "schema_version": 1,
    "name": "County",
    "version": "2024",
    "source": "Invented county guidance",
}


def _lines(grid: Sequence[Sequence[Any]]) -> list[list[Any]]:
    rows = [list(row) for row in grid]
    columns = [[row[j] for row in grid] for j in range(len(grid[0]))]
    return rows + columns


Cell = tuple[int, int]


def _recoverable(table: DisclosedTable) -> list[Cell]:
    """The hidden cells whose value is the same in every table consistent with what is shown.

    A brute-force search, knowing nothing of how cells were chosen. A reader knows
    the visible cells, that every row and column of the published grid sums to its
    total, and that every hidden count is a whole number of at least 1 (the policy
    shows every 0). For each hidden cell, look for a consistent table in which it
    takes another value: the unknowns are the hidden body cells (totals follow from
    them), each tried from 1 up to one more than the largest true count, nearest
    the true value first; a line with one unknown left fixes it. Limiting the
    values searched can only make the check stricter: a cell reported safe has a
    consistent alternative in hand.
    """
    grid = table.grid()
    height, width = len(grid), len(grid[0])
    count = [[cell.count for cell in row] for row in grid]
    hidden = {(i, j) for i in range(height) for j in range(width) if grid[i][j].is_suppressed}
    bound = max(max(row) for row in count) + 1
    unknowns = [(i, j) for i in range(height - 1) for j in range(width - 1) if (i, j) in hidden]
    # Every line as (its hidden body cells, the sum of its visible body cells, its total),
    # with the whole body against the grand total as one more line.
    lines = [[(i, j) for j in range(width - 1)] for i in range(height - 1)]
    lines += [[(i, j) for i in range(height - 1)] for j in range(width - 1)]
    totals = [(i, width - 1) for i in range(height - 1)] + [(height - 1, j) for j in range(width)]
    lines.append([(i, j) for i in range(height - 1) for j in range(width - 1)])
    constraints = [
        (
            [cell for cell in line if cell in hidden],
            sum(count[i][j] for i, j in line if (i, j) not in hidden),
            total,
        )
        for line, total in zip(lines, totals, strict=True)
    ]

    def consistent(target: Cell, values: dict[Cell, int]) -> bool:
        """Check the lines against ``values``, filling in forced cells; False on a conflict."""
        while True:
            forced: tuple[Cell, int] | None = None
            for free, known, total in constraints:
                left = [cell for cell in free if cell not in values]
                partial = known + sum(values[cell] for cell in free if cell in values)
                if total in hidden:
                    other = total != target or partial != count[total[0]][total[1]]
                    if not left and (partial < 1 or not other):
                        return False
                    continue
                wanted = count[total[0]][total[1]]
                if partial + len(left) > wanted or (not left and partial != wanted):
                    return False
                if len(left) == 1:
                    forced = (left[0], wanted - partial)
                    break
            if forced is None:
                return True
            cell, value = forced
            if value > bound or (cell == target and value == count[cell[0]][cell[1]]):
                return False
            values[cell] = value

    def another(target: Cell, values: dict[Cell, int]) -> bool:
        """Whether some consistent table extends ``values`` with ``target`` changed."""
        values = dict(values)
        if not consistent(target, values):
            return False
        left = [cell for cell in unknowns if cell not in values]
        if not left:
            return True
        cell = left[0]
        true_value = count[cell[0]][cell[1]]
        for value in sorted(range(1, bound + 1), key=lambda value: abs(value - true_value)):
            if (cell != target or value != true_value) and another(target, {**values, cell: value}):
                return True
        return False

    return [cell for cell in sorted(hidden) if not another(cell, {})]


def _pinned(table: DisclosedTable) -> set[Cell]:
    """The hidden cells of a published table that no loop of hidden cells can move."""
    grid = table.grid()
    counts = [[cell.count for cell in row] for row in grid]
    hidden = {
        (i, j) for i, row in enumerate(grid) for j, cell in enumerate(row) if cell.is_suppressed
    }
    return _pinned_cells(counts, hidden)


def _pinned_cells(counts: Sequence[Sequence[int]], hidden: set[Cell]) -> set[Cell]:
    """The hidden cells that no loop of hidden cells can move: a second, faster check.

    Rows and columns of the published grid are the points, hidden cells the links
    between their row and column. Going round a loop and adding one to every other
    cell and taking one from the rest keeps every line's sum, once the signs are
    swapped on row and column totals (a total moves with its line). A cell is
    pinned when no loop through it can go either way without taking one from a
    hidden 1. A plain search per hidden cell; agrees with :func:`_recoverable` on
    small tables (checked below), and is fast enough for larger ones.
    """
    height, width = len(counts), len(counts[0])

    def moves(cell: Cell) -> tuple[bool, bool]:
        """Whether a loop may cross ``cell`` from its row to its column, and back."""
        i, j = cell
        swapped = (i == height - 1) != (j == width - 1)
        room = counts[i][j] > 1
        return (room or not swapped), (room or swapped)

    def reaches(start: tuple[str, int], goal: tuple[str, int], without: Cell) -> bool:
        seen, frontier = {start}, [start]
        while frontier:
            kind, index = frontier.pop()
            if (kind, index) == goal:
                return True
            for cell in hidden:
                if cell == without or cell[0 if kind == "row" else 1] != index:
                    continue
                forward, back = moves(cell)
                step = ("column", cell[1]) if kind == "row" else ("row", cell[0])
                if (forward if kind == "row" else back) and step not in seen:
                    seen.add(step)
                    frontier.append(step)
        return False

    pinned = set()
    for cell in hidden:
        row, column = ("row", cell[0]), ("column", cell[1])
        forward, back = moves(cell)
        if not ((forward and reaches(column, row, cell)) or (back and reaches(row, column, cell))):
            pinned.add(cell)
    return pinned


def _published(counts: Sequence[Sequence[int]], hidden: set[Cell]) -> DisclosedTable:
    """A published table of ``counts`` (body and totals) with exactly ``hidden`` suppressed."""
    grid = [
        [
            DisclosedCell(count, DFE.suppressed, Suppression.SECONDARY)
            if (i, j) in hidden
            else DisclosedCell(count, str(count))
            for j, count in enumerate(row)
        ]
        for i, row in enumerate(counts)
    ]
    return DisclosedTable(
        row_labels=tuple(str(i) for i in range(len(grid) - 1)),
        column_labels=tuple(str(j) for j in range(len(grid[0]) - 1)),
        cells=tuple(tuple(row[:-1]) for row in grid[:-1]),
        row_totals=tuple(row[-1] for row in grid[:-1]),
        column_totals=tuple(grid[-1][:-1]),
        grand_total=grid[-1][-1],
        policy=DFE,
    )


def _reference_suppression(
    counts: Sequence[Sequence[int]], policy: DisclosurePolicy
) -> dict[Cell, Suppression]:
    """Secondary suppression as first written: a plain search per hidden cell.

    Primary cells first; then, while some hidden cell is pinned (the first by
    position, found by :func:`_pinned_cells`), hide the visible non-zero cells of
    the cheapest loop through it that can move: fewest cells, then smallest sum,
    then the lesser tuple of cells in the order the path meets them (a heap of
    ``(added, sum, cells, line)``), over both directions through the cell, the
    first on a tie.
    """
    rows = [[*row, sum(row)] for row in counts]
    grid = [*rows, [sum(row[j] for row in rows) for j in range(len(rows[0]))]]
    height, width = len(grid), len(grid[0])
    hidden = {
        (i, j): Suppression.PRIMARY
        for i in range(height)
        for j in range(width)
        if policy.is_primary(grid[i][j])
    }

    def steps(cell: Cell) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        i, j = cell
        is_total = (i == height - 1) != (j == width - 1)
        room = grid[i][j] >= 2
        ways = [((0, i), (1, j))] if room or not is_total else []
        return ways + ([((1, j), (0, i))] if room or is_total else [])

    def cheapest(
        cell: Cell, source: tuple[int, int], target: tuple[int, int]
    ) -> tuple[int, int, tuple[Cell, ...]] | None:
        queue: list[tuple[int, int, tuple[Cell, ...], tuple[int, int]]] = [(0, 0, (), source)]
        done = set()
        while queue:
            added, total, cells, line = heapq.heappop(queue)
            if line == target:
                return added, total, cells
            if line in done:
                continue
            done.add(line)
            for other in ((i, j) for i in range(height) for j in range(width)):
                usable = other in hidden or grid[other[0]][other[1]] > 0
                if other == cell or not usable:
                    continue
                for start, end in steps(other):
                    if start != line or end in done:
                        continue
                    if other in hidden:
                        heapq.heappush(queue, (added, total, cells, end))
                    else:
                        count = grid[other[0]][other[1]]
                        heapq.heappush(queue, (added + 1, total + count, (*cells, other), end))
        return None

    while policy.secondary and (pinned := _pinned_cells(grid, set(hidden))):
        cell = min(pinned)
        found = [cheapest(cell, end, start) for start, end in steps(cell)]
        _, _, closing = min(loop for loop in found if loop is not None)
        hidden.update(dict.fromkeys(closing, Suppression.SECONDARY))
    return hidden


class TestDfePolicy:
    def test_values_follow_the_dfe_guidance(self) -> None:
        """DfE, Characteristics of children in need, data guidance (2021): counts 1 to 5 are
        suppressed as "c" with secondary suppression; ":" not available; "z" not
        applicable; England and regional totals rounded to the nearest 10; percentages to
        one decimal place."""
        assert (
            DisclosurePolicy(
                name="DfE",
                version="2021",
                source=DFE.source,
                min_count=1,
                max_count=5,
                secondary=True,
                suppressed="c",
                not_available=":",
                not_applicable="z",
                totals_to_nearest=10,
                percent_decimal_places=1,
            )
            == DFE
        )
        assert "Characteristics of children in need" in DFE.source

    def test_zero_is_a_true_zero(self) -> None:
        """Only 1 to 5 are suppressed; 0 and 6 are shown."""
        assert [False, True, True, True, True, True, False] == [
            DFE.is_primary(count) for count in range(7)
        ]

    def test_totals_round_to_the_nearest_ten_halves_up(self) -> None:
        """1,234 shows as 1,230 and 1,235 as 1,240; 4 as 0."""
        assert [1230, 1240, 0, 10] == [DFE.round_total(n) for n in (1234, 1235, 4, 5)]


class TestApplyDisclosure:
    def test_primary_and_secondary_suppression(self) -> None:
        """A 3 is hidden as primary; the 20 beside it, and the cells below both, as secondary."""
        table = apply_disclosure([[3, 20], [12, 40]], DFE)
        assert (("c", "c", "23"), ("c", "c", "52"), ("15", "60", "75")) == table.shown()
        assert [Suppression.PRIMARY, Suppression.SECONDARY] == [
            cell.suppression for cell in table.cells[0]
        ]

    def test_the_smallest_visible_non_zero_cell_is_hidden_ties_by_position(self) -> None:
        """In a row with one hidden cell, the smallest other non-zero cell goes next; of two
        equal ones, the first."""
        table = apply_disclosure([[4, 0, 10, 10], [20, 30, 40, 50]], DFE)
        assert [Suppression.PRIMARY, None, Suppression.SECONDARY, None] == [
            cell.suppression for cell in table.cells[0]
        ]

    def test_a_small_total_is_suppressed_too(self) -> None:
        """Totals are cells: a row totalling 4 is hidden, and so is what would reveal it."""
        table = apply_disclosure([[2, 2, 0], [30, 40, 50]], DFE)
        assert Suppression.PRIMARY is table.row_totals[0].suppression
        assert [] == _recoverable(table)

    def test_a_row_with_one_suppressed_cell_and_a_visible_total(self) -> None:
        """[3, 10 | 13]: the 3 alone could be recovered as 13 - 10, so the 10 is hidden too."""
        table = apply_disclosure([[3, 10], [7, 9]], DFE)
        assert "c" == table.cells[0][1].shown
        assert [] == _recoverable(table)

    def test_a_table_with_nothing_small_is_shown_whole(self) -> None:
        """No count from 1 to 5: nothing is hidden."""
        table = apply_disclosure([[0, 12], [7, 9]], DFE)
        assert (("0", "12", "12"), ("7", "9", "16"), ("7", "21", "28")) == table.shown()

    def test_without_secondary_suppression_only_small_counts_are_hidden(self) -> None:
        """A policy that turns secondary suppression off hides the primary cells only."""
        policy = attrs.evolve(DFE, secondary=False)
        table = apply_disclosure([[3, 20], [12, 40]], policy)
        assert (("c", "20", "23"), ("12", "40", "52"), ("15", "60", "75")) == table.shown()

    def test_round_totals_rounds_only_the_totals_row(self) -> None:
        """With areas in the rows, the totals row is the national or regional figure and
        shows to the nearest 10; each area's own total and every cell stay exact."""
        table = apply_disclosure([[12, 37], [26, 41]], DFE, round_totals=True)
        assert (("12", "37", "49"), ("26", "41", "67"), ("40", "80", "120")) == table.shown()
        assert 116 == table.grand_total.count

    def test_a_rounded_total_is_not_disclosure_control(self) -> None:
        """A share of a rounded total, from unrounded counts, gives the exact total back
        beside its count: 12 is 63.2% of 19, and of no other total from 15 to 24, though
        the total shows as 20. Rounding is presentation, as the docs say."""
        table = apply_disclosure([[12, 30], [7, 40]], DFE, round_totals=True)
        assert ("12", "20") == (table.cells[0][0].shown, table.column_totals[0].shown)
        assert Decimal("63.2") == table.percent(0, 0, of="column")
        assert [19] == [
            total for total in range(15, 25) if Proportion(12, total).percent(1) == Decimal("63.2")
        ]

    def test_labels(self) -> None:
        """Labels name rows and columns; by default they are 1, 2, ..."""
        named = apply_disclosure([[10]], DFE, row_labels=["North"], column_labels=["Under 1"])
        assert (("North",), ("Under 1",)) == (named.row_labels, named.column_labels)
        default = apply_disclosure([[10, 11]], DFE)
        assert (("1",), ("1", "2")) == (default.row_labels, default.column_labels)

    def test_suppressed_count_is_kept_out_of_the_repr(self) -> None:
        """A cell's repr shows what is published, never the hidden count."""
        cell = apply_disclosure([[3, 20], [12, 40]], DFE).cells[0][0]
        assert (
            "DisclosedCell(shown='c', suppression=<Suppression.PRIMARY: 'primary'>, missing=None)"
            == repr(cell)
        )
        assert 3 == cell.count

    def test_dir_lists_the_public_names(self) -> None:
        """dir() of the public module shows exactly its supported names."""
        assert sorted(disclosure.__all__) == dir(disclosure)


class TestSharesFromTables:
    def test_percentages_come_from_unrounded_counts(self) -> None:
        """Row, column and table shares use the true counts, at the policy's one place."""
        table = apply_disclosure([[12, 37], [26, 41]], DFE, round_totals=True)
        assert Decimal("24.5") == table.percent(0, 0)
        assert Decimal("31.6") == table.percent(0, 0, of="column")
        assert Decimal("10.3") == table.percent(0, 0, of="table")
        assert Proportion(38, 116) == table.proportion(2, 0)

    def test_a_suppressed_cell_is_never_turned_into_a_share(self) -> None:
        """Asking for a hidden cell's share raises, naming the cell but not its value."""
        table = apply_disclosure([[4, 20], [12, 40]], DFE)
        with pytest.raises(SuppressedValueError) as caught:
            table.percent(0, 0)
        assert str(caught.value).startswith(
            "cells[0][0]: expected a value policy a str of 3 characters publishes"
        )
        assert "4" not in str(caught.value).split(";")[0].replace("[0]", "")

    def test_a_share_of_a_suppressed_total_is_refused(self) -> None:
        """A visible cell over a hidden base is refused too."""
        table = apply_disclosure([[0, 4], [30, 40]], DFE)
        with pytest.raises(SuppressedValueError) as caught:
            table.proportion(0, 0)
        assert str(caught.value).startswith("row total of cells[0][0]:")


COUNT = "a whole number of 0 or more, or a Missing marker"


class TestMissingCells:
    def test_markers_show_the_policy_symbols(self) -> None:
        """Not available shows ":" and not applicable "z" (GSS symbols, as in the DfE
        guidance); neither is ever suppressed."""
        table = apply_disclosure([[Missing.NOT_AVAILABLE, 12], [Missing.NOT_APPLICABLE, 30]], DFE)
        assert ((":", "12", "12"), ("z", "30", "30"), (":", "42", "42")) == table.shown()
        assert [Missing.NOT_AVAILABLE, None] == [cell.missing for cell in table.cells[0]]
        assert not table.cells[0][0].is_suppressed

    def test_a_marker_adds_nothing_to_the_totals(self) -> None:
        """The totals cover the counts given; a partnership's symbols are used."""
        policy = attrs.evolve(DFE, not_available="..", not_applicable="-")
        table = apply_disclosure(
            [[7, Missing.NOT_AVAILABLE, 3], [9, Missing.NOT_APPLICABLE, 8]], policy
        )
        assert (
            ("c", "..", "c", "10"),
            ("c", "-", "c", "17"),
            ("16", "..", "11", "27"),
        ) == table.shown()
        assert [] == _recoverable(table)

    def test_a_total_over_markers_alone_shows_the_marker(self) -> None:
        """A column of figures that cannot exist totals "z"; one with a figure not available
        among them totals ":"."""
        table = apply_disclosure(
            [[Missing.NOT_APPLICABLE, Missing.NOT_AVAILABLE], [Missing.NOT_APPLICABLE, 12]], DFE
        )
        assert (("z", ":", ":"), ("z", "12", "12"), ("z", "12", "12")) == table.shown()

    def test_a_share_of_a_marked_cell_is_refused(self) -> None:
        """A cell with no count has no share; the error names the cell and the marker."""
        table = apply_disclosure([[Missing.NOT_AVAILABLE, 12]], DFE)
        with pytest.raises(StatisticsError) as caught:
            table.percent(0, 0)
        assert "cells[0][0]: expected a cell with a count, got one marked not available" == str(
            caught.value
        )

    def test_an_unknown_base_is_refused(self) -> None:
        """A base other than row, column or table raises the library's error, not a KeyError."""
        table = apply_disclosure([[10, 12]], DFE)
        with pytest.raises(StatisticsError) as caught:
            table.percent(0, 0, of="rows")  # type: ignore[arg-type]
        assert "of: expected 'row', 'column' or 'table', got 'rows'" == str(caught.value)


class TestBadTables:
    @pytest.mark.parametrize(
        ("counts", "message"),
        [
            ([], "counts: expected a non-empty sequence of rows of counts, got an empty list"),
            ("12", "counts: expected a non-empty sequence of rows of counts, got '12'"),
            ([[]], "counts[0]: expected a non-empty sequence of counts, got an empty list"),
            (
                [[1, 2], [3]],
                "counts[1]: expected a row of 2 counts, like the first row, got [3]",
            ),
            ([[1, -2]], f"counts[0][1]: expected {COUNT}, got -2"),
            ([[1, 2.0]], f"counts[0][1]: expected {COUNT}, got 2.0"),
            ([[True, 2]], f"counts[0][0]: expected {COUNT}, got True"),
            (
                [[1, "Invented: seen at night"]],
                f"counts[0][1]: expected {COUNT}, got a str of 23 characters",
            ),
            ([[1, None]], f"counts[0][1]: expected {COUNT}, got None"),
        ],
    )
    def test_bad_counts_raise(self, counts: Any, message: str) -> None:
        """A table must be a non-empty rectangle of whole counts of 0 or more."""
        with pytest.raises(StatisticsError) as caught:
            apply_disclosure(counts, DFE)
        assert message == str(caught.value)

    def test_labels_must_match_the_shape(self) -> None:
        """One label per row and per column."""
        with pytest.raises(StatisticsError) as caught:
            apply_disclosure([[1, 2]], DFE, column_labels=["only one"])
        assert "column_labels: expected 2 names, one per position, got a list of 1 item" == str(
            caught.value
        )


class TestSecondarySuppressionProperties:
    @given(count_tables() | sparse_count_tables(max_rows=6, max_columns=6))
    def test_no_line_hides_exactly_one_cell(self, counts: tuple[tuple[int, ...], ...]) -> None:
        """Rule: in every row and column, its total counted as a cell, either no cell or at
        least two cells are suppressed, so none can be found by one subtraction."""
        table = apply_disclosure(counts, DFE)
        for line in _lines(table.grid()):
            assert sum(cell.is_suppressed for cell in line) != 1

    @given(count_tables())
    def test_every_small_count_is_hidden_as_primary(
        self, counts: tuple[tuple[int, ...], ...]
    ) -> None:
        """Rule: every cell or total from 1 to 5 is suppressed for that reason; every other
        suppressed cell is secondary; visible cells show their count."""
        table = apply_disclosure(counts, DFE)
        for row in table.grid():
            for cell in row:
                if DFE.is_primary(cell.count):
                    assert Suppression.PRIMARY is cell.suppression
                elif cell.is_suppressed:
                    assert Suppression.SECONDARY is cell.suppression
                else:
                    assert str(cell.count) == cell.shown
                assert (DFE.suppressed == cell.shown) is cell.is_suppressed

    @given(
        sparse_count_tables(max_rows=3, max_columns=3, max_count=20),
        st.integers(min_value=1, max_value=3),
        st.integers(min_value=0, max_value=6),
    )
    def test_no_hidden_cell_can_be_recovered(
        self, counts: tuple[tuple[int, ...], ...], lowest: int, extra: int
    ) -> None:
        """Rule: no suppressed cell can be recovered from the published table, by
        subtraction from one total or by combining several: a brute-force search finds,
        for every hidden cell, a table consistent with everything shown, and with every
        hidden count at least 1, in which that cell differs. Zeros and counts of 1 to 5
        are common in the tables drawn, and the policy hides anything from 1-3 up to
        3-9."""
        policy = attrs.evolve(DFE, min_count=lowest, max_count=lowest + extra)
        assert [] == _recoverable(apply_disclosure(counts, policy))

    @given(sparse_count_tables(max_rows=8, max_columns=6, max_count=40))
    def test_no_hidden_cell_is_pinned_in_larger_tables(
        self, counts: tuple[tuple[int, ...], ...]
    ) -> None:
        """Rule: in tables as large as a need-by-age-band table, every hidden cell lies on a
        loop of hidden cells that can move without changing anything shown (the loop
        check, which agrees with the brute-force search on small tables)."""
        assert set() == _pinned(apply_disclosure(counts, DFE))

    @given(sparse_count_tables(max_rows=3, max_columns=3, max_count=12), st.booleans())
    def test_the_loop_check_agrees_with_the_brute_force_search(
        self, counts: tuple[tuple[int, ...], ...], secondary: bool
    ) -> None:
        """The two checks find the same recoverable cells, including on tables with
        primary suppression alone, where some usually are."""
        table = apply_disclosure(counts, attrs.evolve(DFE, secondary=secondary))
        assert set(_recoverable(table)) == _pinned(table)

    @given(sparse_count_tables(max_rows=3, max_columns=3, max_count=9), st.data())
    def test_the_linear_time_check_agrees_with_the_brute_force_search(
        self, counts: tuple[tuple[int, ...], ...], data: st.DataObject
    ) -> None:
        """The check secondary suppression relies on (strong components, then bridges)
        finds exactly the hidden cells a brute-force reader recovers, and those the plain
        loop search pins, whatever non-zero cells are hidden, totals included."""
        grid = augmented_grid(counts)
        candidates = [
            (i, j) for i, row in enumerate(grid) for j, count in enumerate(row) if count > 0
        ]
        mask = data.draw(
            st.lists(st.booleans(), min_size=len(candidates), max_size=len(candidates))
        )
        hidden = {cell for cell, chosen in zip(candidates, mask, strict=True) if chosen}
        exposed = exposed_cells(grid, hidden)
        assert sorted(exposed) == exposed
        assert _recoverable(_published(grid, hidden)) == exposed
        assert _pinned_cells(grid, hidden) == set(exposed)

    @given(
        sparse_count_tables(max_rows=5, max_columns=5, max_count=30),
        st.integers(min_value=1, max_value=3),
        st.integers(min_value=0, max_value=6),
    )
    def test_suppression_agrees_with_the_plain_reference_model(
        self, counts: tuple[tuple[int, ...], ...], lowest: int, extra: int
    ) -> None:
        """The same cells are hidden, for the same reasons, as by the first, plain
        version: a search per hidden cell for whether it is pinned, every round."""
        policy = attrs.evolve(DFE, min_count=lowest, max_count=lowest + extra)
        table = apply_disclosure(counts, policy)
        hidden = {
            (i, j): cell.suppression
            for i, row in enumerate(table.grid())
            for j, cell in enumerate(row)
            if cell.suppression is not None
        }
        assert _reference_suppression(counts, policy) == hidden

    @given(count_tables() | sparse_count_tables(max_rows=6, max_columns=6))
    def test_a_true_zero_is_never_hidden(self, counts: tuple[tuple[int, ...], ...]) -> None:
        """Rule: 0 is a true zero and is always shown, so a reader may rely on every hidden
        count being at least 1."""
        table = apply_disclosure(counts, DFE)
        assert [] == [
            cell for row in table.grid() for cell in row if cell.count == 0 and cell.is_suppressed
        ]

    @given(count_tables())
    def test_deterministic(self, counts: tuple[tuple[int, ...], ...]) -> None:
        """Rule: the same table and policy always give the same published table."""
        assert apply_disclosure(counts, DFE) == apply_disclosure([list(row) for row in counts], DFE)

    def test_a_hidden_cell_solvable_by_combining_lines_is_protected(self) -> None:
        """Every line of this table hides 0 or at least 2 cells while the 12 stays
        visible, yet the 3 could then be solved for by combining several lines (it is a
        bridge between two cycles of hidden cells). The algorithm hides the 12 as well,
        and then no hidden cell can be recovered."""
        table = apply_disclosure([[0, 0, 1], [3, 0, 1], [7, 8, 12]], DFE)
        assert Suppression.SECONDARY is table.cells[2][2].suppression
        assert [] == _recoverable(table)


class TestClosingLoopPriority:
    """Which visible cells close a loop: the fewest, then the smallest sum, then by position."""

    def test_one_cell_beats_two_with_a_smaller_sum(self) -> None:
        """The 4 in the first row is alone there; hiding the 45 closes a loop through the
        hidden 4, 2 and 4, while the 9 and 7 would close one with a smaller sum (16) but
        two cells. Fewest cells first: one more cell hidden, not two."""
        table = apply_disclosure([[4, 45, 9], [4, 2, 7]], DFE)
        assert (
            ("c", "c", "9", "58"),
            ("c", "c", "7", "13"),
            ("8", "47", "16", "71"),
        ) == table.shown()
        assert 1 == sum(cell.suppression is Suppression.SECONDARY for cell in table.cells[0])

    def test_of_equally_few_cells_the_smallest_sum(self) -> None:
        """Two loops of three visible cells close on the 4: through 30, 40 and 20 (sum
        90) or through 30, 45 and 10 (sum 85). The smaller sum wins although the 20
        comes first by position; the 30 could not be avoided."""
        table = apply_disclosure([[4, 20, 10], [30, 40, 45]], DFE)
        assert (
            ("c", "20", "c", "34"),
            ("c", "40", "c", "115"),
            ("34", "60", "55", "149"),
        ) == table.shown()


class TestTablesTheReviewRecovered:
    """Tables on which an earlier version let a small count be worked out exactly."""

    @pytest.mark.parametrize(
        "counts",
        [
            # Hiding the zeros closed loops that could not move: every small count followed.
            [[0, 20, 1], [3, 9, 20], [20, 0, 1]],
            # Within the range the property test draws: all six hidden cells followed.
            [[2, 0, 6], [8, 3, 6], [1, 6, 0]],
            # A hidden 0 beside a 9 in a row totalling 9: the 9, then the 5 and 1, followed.
            [[9, 0], [5, 1], [15, 18]],
            # "c + c = 2" in a row: both cells are 1, since a hidden count is never 0.
            [[1, 1, 20], [1, 1, 20], [20, 20, 20]],
        ],
    )
    def test_no_small_count_can_be_worked_out(self, counts: list[list[int]]) -> None:
        """No hidden cell has a single value consistent with what is shown."""
        table = apply_disclosure(counts, DFE)
        assert ([], set()) == (_recoverable(table), _pinned(table))

    def test_a_zero_is_never_hidden_to_protect_a_small_count(self) -> None:
        """The first table's zeros stay visible: the loops go through non-zero cells."""
        table = apply_disclosure([[0, 20, 1], [3, 9, 20], [20, 0, 1]], DFE)
        assert (
            ("0", "c", "c", "21"),
            ("c", "c", "c", "32"),
            ("c", "0", "c", "21"),
            ("23", "29", "22", "74"),
        ) == table.shown()

    def test_the_searches_find_what_a_reader_could_work_out(self) -> None:
        """With secondary suppression off, the row "c | c | 20 | 22" gives both cells as 1,
        and both checks say so: they can fail."""
        table = apply_disclosure(
            [[1, 1, 20], [1, 1, 20], [20, 20, 20]], attrs.evolve(DFE, secondary=False)
        )
        assert [(0, 0), (0, 1), (1, 0), (1, 1)] == _recoverable(table)
        assert {(0, 0), (0, 1), (1, 0), (1, 1)} == _pinned(table)


class TestPolicyDocuments:
    def test_a_partial_document_takes_dfe_defaults(self) -> None:
        """Keys left out take the DfE values."""
        policy = disclosure_policy_from_document({**DOCUMENT, "suppression": {"max_count": 9}})
        assert (1, 9, "c", 10) == (
            policy.min_count,
            policy.max_count,
            policy.suppressed,
            policy.totals_to_nearest,
        )

    def test_loads_toml_and_json(self, tmp_path: Path) -> None:
        """A partnership's policy loads from TOML or JSON the same way."""
        toml_file = tmp_path / "county.toml"
        toml_file.write_text(
            'schema_version = 1\nname = "County"\nversion = "2024"\n'
            'source = "Invented county guidance"\n[symbols]\nsuppressed = "*"\n',
            encoding="utf-8",
        )
        json_file = tmp_path / "county.json"
        json_file.write_text(
            json.dumps({**DOCUMENT, "symbols": {"suppressed": "*"}}), encoding="utf-8"
        )
        assert load_disclosure_policy(toml_file) == load_disclosure_policy(json_file)
        assert "*" == load_disclosure_policy(str(toml_file)).suppressed

    @pytest.mark.parametrize(
        ("document", "message"),
        [
            ([1], "$: expected a JSON object, got a list"),
            (
                {**DOCUMENT, "colour": "red"},
                "$.colour: unknown key; expected only name, version, source, suppression, symbols, rounding",
            ),
            (
                {"schema_version": 1},
                "$.name: required key missing\n$.version: required key missing\n$.source: required key missing",
            ),
            ({**DOCUMENT, "schema_version": 2}, "$.schema_version: expected "),
            ({**DOCUMENT, "schema_version": True}, "$.schema_version: expected "),
            ({**DOCUMENT, "name": ""}, '$.name: expected text that is not blank, got ""'),
            ({**DOCUMENT, "symbols": "c"}, "$.symbols: expected an object, got a string"),
            (
                {**DOCUMENT, "suppression": {"max_count": 0}},
                "$.suppression.max_count: expected a whole number of 1 or more, got 0",
            ),
            (
                {**DOCUMENT, "suppression": {"min_count": 0}},
                "$.suppression.min_count: expected a whole number of 1 or more, got 0",
            ),
            (
                {**DOCUMENT, "suppression": {"min_count": -1}},
                "$.suppression.min_count: expected a whole number of 1 or more, got -1",
            ),
            (
                {**DOCUMENT, "suppression": {"secondary": "yes"}},
                '$.suppression.secondary: expected true or false, got "yes"',
            ),
            (
                {**DOCUMENT, "symbols": {"suppressed": "5"}},
                '$.symbols.suppressed: expected a non-empty symbol that is not a number, got "5"',
            ),
            (
                {**DOCUMENT, "rounding": {"totals_to_nearest": 0}},
                "$.rounding.totals_to_nearest: expected a whole number of 1 or more, got 0",
            ),
            (
                {**DOCUMENT, "rounding": {"percent_decimal_places": 1.5}},
                "$.rounding.percent_decimal_places: expected an integer, got 1.5",
            ),
        ],
    )
    def test_bad_documents_raise_with_a_path(self, document: Any, message: str) -> None:
        """Every problem names where it is in the document."""
        with pytest.raises(DocumentError) as caught:
            disclosure_policy_from_document(document)
        assert str(caught.value).startswith(message)

    @pytest.mark.parametrize(
        ("name", "text", "message"),
        [
            (
                "bad.toml",
                "name = ",
                "$: expected TOML, got a syntax error (Invalid value (at end of document))",
            ),
            (
                "bad.json",
                "{",
                "$: expected JSON, got a syntax error at line 1 column 2 (Expecting property name enclosed in double quotes)",
            ),
            (
                "policy.yaml",
                "",
                "$: expected a file ending .toml or .json, got a str of 11 characters",
            ),
            ("policy", "", "$: expected a file ending .toml or .json, got 'policy'"),
        ],
    )
    def test_bad_files_raise(self, tmp_path: Path, name: str, text: str, message: str) -> None:
        """A file that is not TOML or JSON, or does not parse, is refused."""
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DocumentError) as caught:
            load_disclosure_policy(path)
        assert str(caught.value).startswith(message)


class TestTheRecoveryCheckCanFail:
    def test_primary_suppression_alone_is_recoverable(self) -> None:
        """Without secondary suppression, 3 in [3, 20 | 23] is 23 - 20: the check says so."""
        table = apply_disclosure([[3, 20], [12, 40]], attrs.evolve(DFE, secondary=False))
        assert [(0, 0)] == _recoverable(table)


class TestBenchmarkSmoke:
    def test_disclosure_benchmark_runs(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The disclosure benchmark runs end to end on one table per size (figures not
        asserted)."""
        script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_disclosure.py"
        monkeypatch.setattr(sys, "argv", [str(script), "--cells", "1", "--repeat", "1"])
        runpy.run_path(str(script), run_name="__main__")
        out = capsys.readouterr().out
        assert "ratio apply_disclosure/primary only" in out
        assert "growth exponent 10x6 to 150x40" in out
        assert "secondary suppression:" in out

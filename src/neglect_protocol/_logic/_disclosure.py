"""Applying a disclosure policy to a table: primary and secondary suppression.

The table is handled with its totals as one grid: each body row followed by its
total, then the row of column totals followed by the grand total. Every row and
every column of that grid is a *line* whose last cell is the sum of the others.

A reader who knows all but one cell of a line can subtract to find the last, so
secondary suppression makes sure no line has exactly one hidden cell. That is not
quite enough: hidden cells link lines together, and a hidden cell whose lines are
joined by no other route of hidden cells (a *bridge*, in the graph whose vertices
are lines and whose edges are hidden cells) can still be solved for by combining
several lines. So the algorithm also closes every bridge into a cycle. On a cycle
of non-zero hidden cells, adding one to every other cell and taking one from the
rest keeps every total, so each hidden value has at least two possibilities.
"""

from __future__ import annotations

import numbers
from collections import Counter
from collections.abc import Collection, Sequence

from neglect_protocol._model._disclosure import (
    DisclosedCell,
    DisclosedTable,
    DisclosurePolicy,
    Suppression,
)
from neglect_protocol.errors import CountError

Cell = tuple[int, int]
Vertex = tuple[str, int]


def _counts(counts: Sequence[Sequence[int]]) -> list[list[int]]:
    if isinstance(counts, str | bytes) or not isinstance(counts, Sequence) or not counts:
        raise CountError("counts", counts, "a non-empty sequence of rows of counts")
    rows: list[list[int]] = []
    for i, row in enumerate(counts):
        if isinstance(row, str | bytes) or not isinstance(row, Sequence) or not row:
            raise CountError(f"counts[{i}]", row, "a non-empty sequence of counts")
        if len(row) != len(counts[0]):
            raise CountError(
                f"counts[{i}]", row, f"a row of {len(counts[0])} counts, like the first row"
            )
        values: list[int] = []
        for j, value in enumerate(row):
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
                raise CountError(f"counts[{i}][{j}]", value, "a whole number of 0 or more")
            values.append(int(value))
        rows.append(values)
    return rows


def _labels(labels: Sequence[str] | None, size: int, field: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(str(index + 1) for index in range(size))
    names = tuple(labels)
    if len(names) != size or not all(isinstance(name, str) for name in names):
        raise CountError(field, labels, f"{size} names, one per position")
    return names


def augmented_grid(counts: list[list[int]]) -> list[list[int]]:
    """Return the body with a total at the end of each row and a row of totals below."""
    rows = [[*row, sum(row)] for row in counts]
    totals = [sum(row[j] for row in rows) for j in range(len(rows[0]))]
    return [*rows, totals]


def _lines(height: int, width: int) -> list[list[Cell]]:
    rows = [[(i, j) for j in range(width)] for i in range(height)]
    columns = [[(i, j) for i in range(height)] for j in range(width)]
    return rows + columns


def _cheapest(candidates: list[Cell], grid: list[list[int]], hidden: Collection[Cell]) -> Cell:
    """The cell to hide next, by these preferences in turn.

    First a cell whose row and column each hide exactly one cell already, since
    hiding it mends two lines at once; then a non-zero cell (hiding a true zero
    protects less); then the smallest count; then the first by position.
    """
    rows = Counter(i for i, _ in hidden)
    columns = Counter(j for _, j in hidden)

    def cost(cell: Cell) -> tuple[bool, bool, int, Cell]:
        i, j = cell
        mends_two = rows[i] == 1 and columns[j] == 1
        return not mends_two, grid[i][j] == 0, grid[i][j], cell

    return min(candidates, key=cost)


def _component(start: Vertex, hidden: set[Cell], without: Cell) -> set[Vertex]:
    """The lines reachable from ``start`` through hidden cells other than ``without``."""
    reached = {start}
    frontier = [start]
    while frontier:
        kind, index = frontier.pop()
        for i, j in hidden:
            if (i, j) == without:
                continue
            if (kind == "row" and i == index) or (kind == "column" and j == index):
                neighbour: Vertex = ("column", j) if kind == "row" else ("row", i)
                if neighbour not in reached:
                    reached.add(neighbour)
                    frontier.append(neighbour)
    return reached


def _close_a_bridge(hidden: set[Cell], grid: list[list[int]]) -> Cell | None:
    """Return a cell whose hiding puts the first bridge (by position) on a cycle."""
    height, width = len(grid), len(grid[0])
    for bridge in sorted(hidden):
        row_side = _component(("row", bridge[0]), hidden, bridge)
        if ("column", bridge[1]) in row_side:
            continue
        column_side = _component(("column", bridge[1]), hidden, bridge)
        # Any hidden cell joining the two sides again makes a cycle through the bridge.
        candidates = [
            (i, j)
            for i in range(height)
            for j in range(width)
            if (i, j) not in hidden
            and (
                (("row", i) in row_side and ("column", j) in column_side)
                or (("row", i) in column_side and ("column", j) in row_side)
            )
        ]
        return _cheapest(candidates, grid, hidden)
    return None


def suppress(grid: list[list[int]], policy: DisclosurePolicy) -> dict[Cell, Suppression]:
    """Return the hidden cells of an augmented grid and why each is hidden.

    Deterministic: lines are visited rows first, then columns, top to bottom and
    left to right; in a line with one hidden cell, the visible cell hidden next is
    one that also mends its crossing line if there is one, else the smallest
    non-zero cell, ties going to the first by position; bridges are closed the
    same way.
    """
    height, width = len(grid), len(grid[0])
    hidden: dict[Cell, Suppression] = {
        (i, j): Suppression.PRIMARY
        for i in range(height)
        for j in range(width)
        if policy.is_primary(grid[i][j])
    }
    if not policy.secondary:
        return hidden
    lines = _lines(height, width)
    while True:
        added = False
        for line in lines:
            visible = [cell for cell in line if cell not in hidden]
            if len(line) - len(visible) == 1:
                hidden[_cheapest(visible, grid, hidden)] = Suppression.SECONDARY
                added = True
        if added:
            continue
        closing = _close_a_bridge(set(hidden), grid)
        if closing is None:
            return hidden
        hidden[closing] = Suppression.SECONDARY


def apply_disclosure(
    counts: Sequence[Sequence[int]],
    policy: DisclosurePolicy,
    *,
    row_labels: Sequence[str] | None = None,
    column_labels: Sequence[str] | None = None,
    round_totals: bool = False,
) -> DisclosedTable:
    """Apply ``policy`` to a table of counts, adding row, column and grand totals.

    Counts in the policy's range (1 to 5 under DfE) are hidden (*primary*
    suppression); totals are cells too, so a small total is hidden as well. Then,
    if the policy asks for it, more cells are hidden (*secondary* suppression) until
    no hidden count can be worked out from the visible ones: every row and column,
    its total included, hides either nothing or at least two cells, and no hidden
    cell can be solved for by combining lines (see the module notes).

    Args:
        counts: The body of the table, one sequence of whole counts per row.
        policy: The disclosure policy, for example
            :data:`~neglect_protocol.disclosure.DFE`.
        row_labels: A name per row (default ``"1"``, ``"2"``, …).
        column_labels: A name per column.
        round_totals: Round the visible totals to the policy's
            ``totals_to_nearest``, as for national and regional figures.

    Returns:
        The table, each cell with its count, what is shown and why it is hidden.

    Raises:
        CountError: If the table is empty, ragged, has a count that is not a whole
            number of 0 or more, or labels that do not match its shape.

    >>> from neglect_protocol.disclosure import DFE, apply_disclosure
    >>> table = apply_disclosure([[3, 20], [12, 40]], DFE)
    >>> table.shown()
    (('c', 'c', '23'), ('c', 'c', '52'), ('15', '60', '75'))
    >>> [cell.suppression.value for cell in table.cells[0]]
    ['primary', 'secondary']
    """
    body = _counts(counts)
    rows = _labels(row_labels, len(body), "row_labels")
    columns = _labels(column_labels, len(body[0]), "column_labels")
    grid = augmented_grid(body)
    hidden = suppress(grid, policy)
    height, width = len(grid), len(grid[0])

    def cell(i: int, j: int) -> DisclosedCell:
        count = grid[i][j]
        reason = hidden.get((i, j))
        if reason is not None:
            return DisclosedCell(count, policy.suppressed, reason)
        is_total = i == height - 1 or j == width - 1
        shown = policy.round_total(count) if round_totals and is_total else count
        return DisclosedCell(count, str(shown))

    full = [[cell(i, j) for j in range(width)] for i in range(height)]
    return DisclosedTable(
        row_labels=rows,
        column_labels=columns,
        cells=tuple(tuple(row[:-1]) for row in full[:-1]),
        row_totals=tuple(row[-1] for row in full[:-1]),
        column_totals=tuple(full[-1][:-1]),
        grand_total=full[-1][-1],
        policy=policy,
    )

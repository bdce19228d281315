"""Applying a disclosure policy to a table: primary and secondary suppression.

The table is handled with its totals as one grid: each body row followed by its
total, then the row of column totals followed by the grand total. Every row and
every column of that grid is a *line* whose last cell is the sum of the others.

What a reader knows. A reader sees the visible cells and knows every line's sum.
The policy says that 0 is always shown, so a reader also knows that every hidden
count is a whole number of at least 1; the check below assumes exactly that much.

When a hidden count can be worked out. Take the grid's lines as the vertices of a
graph and its hidden cells as edges (cell ``(i, j)`` joins row ``i`` to column
``j``). Changing hidden counts while keeping every line's sum means going round a
loop of hidden cells, adding one to every other cell and taking one from the
rest (on the totals the signs swap, since a total moves with its line). Two
tables consistent with what is shown always differ by a sum of such loops, each
of which could be applied on its own; so a hidden count can be worked out exactly
when no loop through it can be pushed either way without taking a count below
1, that is, taking one from a cell holding 1. Every hidden cell is checked that
way, as a search for a directed cycle through it.

How cells are chosen. Counts the policy names are hidden first (*primary*).
Then, while some hidden cell can be worked out (the first by position), more
cells are hidden (*secondary*) to put it on a loop that can move: the fewest
visible cells that close such a loop, then the smallest sum of their counts,
ties going to the loop found first in a search that visits cells by position.
A true zero is never hidden: hiding it would tell a reader nothing they could
not rule out, and a loop through a 0 cannot move one way. Such a loop always
exists, through the cell's row total, column total and grand total, and hiding
more cells never lets a reader work out a cell they could not before, so the
process ends with no hidden cell that can be worked out.
"""

from __future__ import annotations

import heapq
import numbers
from collections.abc import Collection, Sequence

from neglect_protocol._model._disclosure import (
    DisclosedCell,
    DisclosedTable,
    DisclosurePolicy,
    Missing,
    Suppression,
)
from neglect_protocol.errors import CountError

Cell = tuple[int, int]
Vertex = tuple[int, int]
"""A line of the grid: ``(0, i)`` for row ``i``, ``(1, j)`` for column ``j``."""


def _counts(counts: Sequence[Sequence[int | Missing]]) -> list[list[int | Missing]]:
    if isinstance(counts, str | bytes) or not isinstance(counts, Sequence) or not counts:
        raise CountError("counts", counts, "a non-empty sequence of rows of counts")
    rows: list[list[int | Missing]] = []
    for i, row in enumerate(counts):
        if isinstance(row, str | bytes) or not isinstance(row, Sequence) or not row:
            raise CountError(f"counts[{i}]", row, "a non-empty sequence of counts")
        if len(row) != len(counts[0]):
            raise CountError(
                f"counts[{i}]", row, f"a row of {len(counts[0])} counts, like the first row"
            )
        values: list[int | Missing] = []
        for j, value in enumerate(row):
            if isinstance(value, Missing):
                values.append(value)
                continue
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
                raise CountError(
                    f"counts[{i}][{j}]",
                    value,
                    "a whole number of 0 or more, or a Missing marker",
                )
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


def augmented_grid(counts: Sequence[Sequence[int | Missing]]) -> list[list[int]]:
    """Return the body with a total at the end of each row and a row of totals below.

    A cell marked :class:`Missing` holds no count and adds nothing to the totals.
    """
    rows = []
    for row in counts:
        values = [0 if isinstance(value, Missing) else value for value in row]
        rows.append([*values, sum(values)])
    totals = [sum(row[j] for row in rows) for j in range(len(rows[0]))]
    return [*rows, totals]


def _steps(cell: Cell, count: int, height: int, width: int) -> list[tuple[Vertex, Vertex]]:
    """The directions a loop may go through ``cell``, as (from line, to line) pairs.

    Going from the row to the column adds one to a body cell or the grand total
    and takes one from a row or column total; going back does the opposite. Taking
    one is allowed only from a count of 2 or more, since no hidden count is below 1.
    """
    i, j = cell
    row, column = (0, i), (1, j)
    is_total = (i == height - 1) != (j == width - 1)
    steps = []
    if not is_total or count >= 2:
        steps.append((row, column))
    if is_total or count >= 2:
        steps.append((column, row))
    return steps


def _loop_through(
    cell: Cell, hidden: Collection[Cell], grid: list[list[int]], *, closing: bool
) -> list[Cell] | None:
    """The cheapest loop through hidden ``cell`` that can move, as the visible cells it needs.

    Only hidden cells are used if ``closing`` is false (the answer is then ``[]`` or
    ``None``); otherwise visible non-zero cells may be used too, at a cost of one
    each, then of their count. Returns ``None`` if there is no such loop.
    """
    height, width = len(grid), len(grid[0])
    usable = [
        other
        for other in ((i, j) for i in range(height) for j in range(width))
        if other != cell and (other in hidden or (closing and grid[other[0]][other[1]] > 0))
    ]
    arcs: dict[Vertex, list[tuple[Vertex, Cell]]] = {}
    for other in usable:
        for start, end in _steps(other, grid[other[0]][other[1]], height, width):
            arcs.setdefault(start, []).append((end, other))
    best: list[Cell] | None = None
    best_cost: tuple[int, int, tuple[Cell, ...]] | None = None
    for start, end in _steps(cell, grid[cell[0]][cell[1]], height, width):
        # The loop enters ``cell`` at ``start`` and leaves at ``end``: find the way back.
        found = _cheapest_path(end, start, arcs, hidden, grid)
        if found is not None and (best_cost is None or found < best_cost):
            best_cost, best = found, list(found[2])
    return best


def _cheapest_path(
    source: Vertex,
    target: Vertex,
    arcs: dict[Vertex, list[tuple[Vertex, Cell]]],
    hidden: Collection[Cell],
    grid: list[list[int]],
) -> tuple[int, int, tuple[Cell, ...]] | None:
    """Dijkstra's search from ``source`` to ``target``: (cells added, their sum, the cells)."""
    queue: list[tuple[int, int, tuple[Cell, ...], Vertex]] = [(0, 0, (), source)]
    done: set[Vertex] = set()
    while queue:
        added, total, cells, vertex = heapq.heappop(queue)
        if vertex == target:
            return added, total, cells
        if vertex in done:
            continue
        done.add(vertex)
        for neighbour, via in arcs.get(vertex, ()):
            if neighbour in done:
                continue
            if via in hidden:
                heapq.heappush(queue, (added, total, cells, neighbour))
            else:
                count = grid[via[0]][via[1]]
                heapq.heappush(queue, (added + 1, total + count, (*cells, via), neighbour))
    return None


def first_exposed(grid: list[list[int]], hidden: Collection[Cell]) -> Cell | None:
    """The first hidden cell of ``grid`` by position that a reader could work out exactly.

    A reader is assumed to know the visible cells, every line's sum and that every
    hidden count is a whole number of at least 1 (see the module notes).
    """
    for cell in sorted(hidden):
        if _loop_through(cell, hidden, grid, closing=False) is None:
            return cell
    return None


def suppress(grid: list[list[int]], policy: DisclosurePolicy) -> dict[Cell, Suppression]:
    """Return the hidden cells of an augmented grid and why each is hidden.

    Deterministic: counts in the policy's range are hidden; then, while a hidden
    cell can be worked out, the first such cell by position is put on a loop that
    can move, hiding the fewest visible non-zero cells (then those with the
    smallest sum) that close one. No true zero is ever hidden.
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
    while (exposed := first_exposed(grid, hidden)) is not None:
        closing = _loop_through(exposed, hidden, grid, closing=True)
        # A loop through the cell's row total, column total and grand total always
        # exists: each is at least the cell's count, so none of them is a zero.
        assert closing, "no loop through a hidden cell"
        for cell in closing:
            hidden[cell] = Suppression.SECONDARY
    return hidden


def apply_disclosure(
    counts: Sequence[Sequence[int | Missing]],
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
    no hidden count can be worked out from the rest: not by subtracting from one
    total, nor by combining several rows and columns, even knowing that every
    hidden count is at least 1. A true zero is never hidden.

    A cell may hold a :class:`~neglect_protocol.disclosure.Missing` marker,
    ``Missing.NOT_AVAILABLE`` or ``Missing.NOT_APPLICABLE``, instead of a count: it is
    shown by the policy's symbol (``:`` or ``z``), never hidden, and adds nothing
    to the totals, which then cover the counts given. A total over nothing but
    such cells shows their symbol (``:`` if any is not available).

    Args:
        counts: The body of the table, one sequence of whole counts (or
            :class:`~neglect_protocol.disclosure.Missing` markers) per row.
        policy: The disclosure policy, for example
            :data:`~neglect_protocol.disclosure.DFE`.
        row_labels: A name per row (default ``"1"``, ``"2"``, …).
        column_labels: A name per column.
        round_totals: Show the visible cells of the totals row (the column totals
            and the grand total) rounded to the policy's ``totals_to_nearest``.
            Put the areas of a table in its rows: the totals row is then the
            national or regional figure the DfE rounds, and each area's own row
            total stays exact. Rounding is a presentation rule, not disclosure
            control: a share from unrounded counts can give an exact total back.

    Returns:
        The table, each cell with its count, what is shown and why it is hidden.

    Raises:
        CountError: If the table is empty, ragged, has a count that is not a whole
            number of 0 or more (or a marker), or labels that do not match its shape.

    >>> from neglect_protocol.disclosure import DFE, Missing, apply_disclosure
    >>> table = apply_disclosure([[3, 20], [12, 40]], DFE)
    >>> table.shown()
    (('c', 'c', '23'), ('c', 'c', '52'), ('15', '60', '75'))
    >>> [cell.suppression.value for cell in table.cells[0]]
    ['primary', 'secondary']
    >>> apply_disclosure([[Missing.NOT_APPLICABLE, 20], [Missing.NOT_AVAILABLE, 40]], DFE).shown()
    (('z', '20', '20'), (':', '40', '40'), (':', '60', '60'))
    """
    body = _counts(counts)
    grid = augmented_grid(body)
    return _table(
        body, grid, suppress(grid, policy), policy, row_labels, column_labels, round_totals
    )


def tabulate(
    counts: Sequence[Sequence[int | Missing]],
    policy: DisclosurePolicy,
    *,
    row_labels: Sequence[str] | None = None,
    column_labels: Sequence[str] | None = None,
) -> DisclosedTable:
    """Add totals to a table of counts and show every count, outside disclosure control.

    For counts that are not about children, such as case files audited or auditors'
    comments: nothing is suppressed; ``policy`` gives the symbols and decimal places.

    Raises:
        CountError: As :func:`apply_disclosure`.
    """
    body = _counts(counts)
    return _table(body, augmented_grid(body), {}, policy, row_labels, column_labels, False)


def _table(
    body: list[list[int | Missing]],
    grid: list[list[int]],
    hidden: dict[Cell, Suppression],
    policy: DisclosurePolicy,
    row_labels: Sequence[str] | None,
    column_labels: Sequence[str] | None,
    round_totals: bool,
) -> DisclosedTable:
    rows = _labels(row_labels, len(body), "row_labels")
    columns = _labels(column_labels, len(body[0]), "column_labels")
    height, width = len(grid), len(grid[0])
    symbols = {
        Missing.NOT_AVAILABLE: policy.not_available,
        Missing.NOT_APPLICABLE: policy.not_applicable,
    }

    def marker_of(i: int, j: int) -> Missing | None:
        """The cell's marker; a total over nothing but markers takes theirs (":" first)."""
        rows = range(height - 1) if i == height - 1 else [i]
        columns = range(width - 1) if j == width - 1 else [j]
        line = [body[row][column] for row in rows for column in columns]
        if not all(isinstance(value, Missing) for value in line):
            return None
        return Missing.NOT_AVAILABLE if Missing.NOT_AVAILABLE in line else Missing.NOT_APPLICABLE

    def cell(i: int, j: int) -> DisclosedCell:
        count = grid[i][j]
        marker = marker_of(i, j)
        if isinstance(marker, Missing):
            return DisclosedCell(0, symbols[marker], missing=marker)
        reason = hidden.get((i, j))
        if reason is not None:
            return DisclosedCell(count, policy.suppressed, reason)
        shown = policy.round_total(count) if round_totals and i == height - 1 else count
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

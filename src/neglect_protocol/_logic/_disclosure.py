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
1, that is, taking one from a cell holding 1.

How that is checked. A hidden cell holding 1 can be crossed one way only, any
other both ways, so the hidden cells make a graph with one-way and two-way links,
and a cell is safe exactly when it lies on a cycle of that graph. For a table
whose every line sum is published, this is the cycle condition for two-way
tables (Cox, "Suppression methodology and statistical disclosure control", JASA
75(370), 1980): a suppressed cell is disclosed exactly when no cycle of
suppressed cells runs through it, here with the reader's lower bound of 1 making
some links one-way. All hidden cells are checked at once, in time linear in
their number (:func:`exposed_cells`): the strongly connected components of the
graph (Tarjan 1972), then the bridges inside each (Tarjan 1974), both by
iterative depth-first search. An earlier version searched for a cycle through each hidden cell in
turn, which took time growing as the square of the table's size.

How cells are chosen. Counts the policy names are hidden first (*primary*).
Then, while some hidden cell can be worked out (the first by position), more
cells are hidden (*secondary*) to put it on a loop that can move: the fewest
visible cells that close such a loop, then the smallest sum of their counts,
ties going to the loop found first in a search that visits cells by position.
A true zero is never hidden: hiding it would tell a reader nothing they could
not rule out, and a loop through a 0 cannot move one way. Such a loop always
exists, through the cell's row total, column total and grand total, and hiding
more cells never lets a reader work out a cell they could not before, so the
process ends with no hidden cell that can be worked out. Each round costs one
check of every hidden cell and one search of the grid for the cheapest loop, both
linear in the number of cells (up to the heap's logarithm); a table with many
small counts needs few rounds, as most of its hidden cells already lie on loops.
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
from neglect_protocol.errors import StatisticsError, safe_repr

Cell = tuple[int, int]
Vertex = int
"""A line of the grid: ``i`` for row ``i``, ``height + j`` for column ``j``."""


def _counts(counts: Sequence[Sequence[int | Missing]]) -> list[list[int | Missing]]:
    if isinstance(counts, str | bytes) or not isinstance(counts, Sequence) or not counts:
        raise StatisticsError(
            "counts", f"expected a non-empty sequence of rows of counts, got {safe_repr(counts)}"
        )
    rows: list[list[int | Missing]] = []
    for i, row in enumerate(counts):
        if isinstance(row, str | bytes) or not isinstance(row, Sequence) or not row:
            raise StatisticsError(
                f"counts[{i}]", f"expected a non-empty sequence of counts, got {safe_repr(row)}"
            )
        if len(row) != len(counts[0]):
            raise StatisticsError(
                f"counts[{i}]",
                f"expected a row of {len(counts[0])} counts, like the first row, "
                f"got {safe_repr(row)}",
            )
        values: list[int | Missing] = []
        for j, value in enumerate(row):
            if isinstance(value, Missing):
                values.append(value)
                continue
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
                raise StatisticsError(
                    f"counts[{i}][{j}]",
                    "expected a whole number of 0 or more, or a Missing marker, "
                    f"got {safe_repr(value)}",
                )
            values.append(int(value))
        rows.append(values)
    return rows


def _labels(labels: Sequence[str] | None, size: int, field: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(str(index + 1) for index in range(size))
    names = tuple(labels)
    if len(names) != size or not all(isinstance(name, str) for name in names):
        raise StatisticsError(
            field, f"expected {size} names, one per position, got {safe_repr(labels)}"
        )
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


def _directions(grid: list[list[int]], cell: Cell) -> tuple[bool, bool]:
    """Whether a loop may cross ``cell`` from its row to its column, and back.

    Going from the row to the column adds one to a body cell or the grand total
    and takes one from a row or column total; going back does the opposite. Taking
    one is allowed only from a count of 2 or more, since no hidden count is below 1.
    """
    i, j = cell
    count = grid[i][j]
    is_total = (i == len(grid) - 1) != (j == len(grid[0]) - 1)
    return (not is_total or count >= 2), (is_total or count >= 2)


def _steps(grid: list[list[int]], cell: Cell) -> list[tuple[Vertex, Vertex]]:
    """The directions a loop may go through ``cell``, as (from line, to line) pairs.

    Row ``i`` is line ``i`` and column ``j`` is line ``height + j``: lines then
    order rows first, each by position.
    """
    row, column = cell[0], len(grid) + cell[1]
    forward, back = _directions(grid, cell)
    steps = []
    if forward:
        steps.append((row, column))
    if back:
        steps.append((column, row))
    return steps


def _arcs(grid: list[list[int]]) -> list[list[tuple[Vertex, Cell]]]:
    """Every line's ways out along a non-zero cell: (the line reached, the cell)."""
    arcs: list[list[tuple[Vertex, Cell]]] = [[] for _ in range(len(grid) + len(grid[0]))]
    for i, row in enumerate(grid):
        for j, count in enumerate(row):
            if count > 0:
                for start, end in _steps(grid, (i, j)):
                    arcs[start].append((end, (i, j)))
    return arcs


def _strong_components(out: list[list[Vertex]]) -> list[int]:
    """Number each vertex by its strongly connected component (Tarjan 1972, iterative).

    Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2),
    1972: one depth-first search, each vertex and arc visited once. The search keeps
    its own stack of (vertex, next arc), so a large table cannot exhaust Python's.
    """
    size = len(out)
    order, low = [-1] * size, [0] * size
    component, on_stack = [-1] * size, [False] * size
    stack: list[Vertex] = []
    counter = components = 0
    for root in range(size):
        if order[root] >= 0:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            vertex, position = work[-1]
            if position < len(out[vertex]):
                work[-1] = (vertex, position + 1)
                reached = out[vertex][position]
                if order[reached] < 0:
                    order[reached] = low[reached] = counter
                    counter += 1
                    stack.append(reached)
                    on_stack[reached] = True
                    work.append((reached, 0))
                elif on_stack[reached]:
                    low[vertex] = min(low[vertex], order[reached])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[vertex])
            if low[vertex] == order[vertex]:
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component[member] = components
                    if member == vertex:
                        break
                components += 1
    return component


def _bridges(links: list[list[tuple[Vertex, int]]]) -> set[int]:
    """The numbers of the links that lie on no cycle of an undirected graph.

    ``links[v]`` lists ``(neighbour, link number)``. A depth-first search gives each
    vertex the earliest vertex its subtree reaches by one link back; a tree link is
    a bridge when its lower end's subtree reaches nothing above it (Tarjan, "A note
    on finding the bridges of a graph", Information Processing Letters 2(6), 1974).
    Linear time, with an explicit stack.
    """
    size = len(links)
    order, low = [-1] * size, [0] * size
    bridges: set[int] = set()
    counter = 0
    for root in range(size):
        if order[root] >= 0:
            continue
        order[root] = low[root] = counter
        counter += 1
        work = [(root, -1, 0)]
        while work:
            vertex, entry, position = work[-1]
            if position < len(links[vertex]):
                work[-1] = (vertex, entry, position + 1)
                reached, link = links[vertex][position]
                if link == entry:
                    continue
                if order[reached] < 0:
                    order[reached] = low[reached] = counter
                    counter += 1
                    work.append((reached, link, 0))
                else:
                    low[vertex] = min(low[vertex], order[reached])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[vertex])
                if low[vertex] > order[parent]:
                    bridges.add(entry)
    return bridges


def exposed_cells(grid: list[list[int]], hidden: Collection[Cell]) -> list[Cell]:
    """The hidden cells of ``grid`` a reader could work out exactly, by position.

    A reader is assumed to know the visible cells, every line's sum and that every
    hidden count is a whole number of at least 1 (see the module notes). A hidden
    cell is safe when some loop of hidden cells through it can move, that is, when
    its arc lies on a directed cycle of the graph whose arcs are the directions each
    hidden cell may be crossed in (:func:`_steps`). A cell holding 2 or more may be
    crossed both ways; for such a two-way link, a cycle must not use it twice.

    That is decided for every hidden cell at once, in time linear in their number:

    - a cycle stays inside one strongly connected component, so a cell whose row
      and column lie in different components is exposed;
    - inside a component, a one-way cell always lies on a cycle (the line it
      leads to reaches the line it comes from), and a two-way cell does exactly
      when it is not a bridge of the component's cells taken as an undirected
      graph: by the theorem of Boesch and Tindell ("Robbins's theorem for mixed
      multigraphs", American Mathematical Monthly 87(9), 1980), a two-way link of
      a strongly connected mixed graph that is not a bridge can be made one-way,
      in some direction, keeping the graph strongly connected, which puts it on a
      cycle; a bridge is on no cycle at all.

    Without the lower bound every link would be two-way and this would be the
    cycle condition for two-way tables with published margins (Cox, "Suppression
    methodology and statistical disclosure control", JASA 75(370), 1980): a
    suppressed cell is disclosed exactly when it is a bridge of the suppressed
    cells. The reader's knowledge that no hidden count is below 1 makes a cell
    holding 1 one-way, hence the strong components first.
    """
    height = len(grid)
    size = height + len(grid[0])
    out: list[list[Vertex]] = [[] for _ in range(size)]
    for cell in hidden:
        for start, end in _steps(grid, cell):
            out[start].append(end)
    component = _strong_components(out)
    links: list[list[tuple[Vertex, int]]] = [[] for _ in range(size)]
    cells = sorted(hidden)
    inside = []
    for number, (i, j) in enumerate(cells):
        row, column = i, height + j
        inside.append(component[row] == component[column])
        if inside[-1]:
            links[row].append((column, number))
            links[column].append((row, number))
    bridges = _bridges(links)
    return [cell for number, cell in enumerate(cells) if not inside[number] or number in bridges]


def _closing_loop(
    cell: Cell,
    hidden: Collection[Cell],
    grid: list[list[int]],
    arcs: list[list[tuple[Vertex, Cell]]],
) -> list[Cell]:
    """The cheapest loop through hidden ``cell`` that can move, as the visible cells it needs.

    Hidden cells cost nothing; each visible non-zero cell costs one, then its
    count. Of the two directions through ``cell``, the cheaper loop wins, the first
    on a tie. Returns ``[]`` if there is no such loop.
    """
    best: list[Cell] = []
    best_cost: tuple[int, int, tuple[Cell, ...]] | None = None
    for start, end in _steps(grid, cell):
        # The loop enters ``cell`` at ``start`` and leaves at ``end``: find the way back.
        found = _cheapest_path(end, start, cell, arcs, hidden, grid)
        if found is not None and (best_cost is None or found < best_cost):
            best_cost, best = found, list(found[2])
    return best


def _cheapest_path(
    source: Vertex,
    target: Vertex,
    avoiding: Cell,
    arcs: list[list[tuple[Vertex, Cell]]],
    hidden: Collection[Cell],
    grid: list[list[int]],
) -> tuple[int, int, tuple[Cell, ...]] | None:
    """Dijkstra's search from ``source`` to ``target``: (cells added, their sum, the cells).

    Ties on cells added and their sum go to the lesser tuple of cells in the order
    the path meets them, then to the lesser line: the order a heap of
    ``(added, sum, cells, line)`` pops them in.
    """
    queue: list[tuple[int, int, tuple[Cell, ...], Vertex]] = [(0, 0, (), source)]
    done = [False] * len(arcs)
    # The best entry queued for each line so far: a worse one could never be the
    # first popped for its line, so it is not queued at all.
    queued: list[tuple[int, int, tuple[Cell, ...]] | None] = [None] * len(arcs)
    while queue:
        added, total, cells, vertex = heapq.heappop(queue)
        if vertex == target:
            return added, total, cells
        if done[vertex]:
            continue
        done[vertex] = True
        for neighbour, via in arcs[vertex]:
            if done[neighbour] or via == avoiding:
                continue
            if via in hidden:
                entry = (added, total, cells)
            else:
                entry = (added + 1, total + grid[via[0]][via[1]], (*cells, via))
            best = queued[neighbour]
            if best is None or entry < best:
                queued[neighbour] = entry
                heapq.heappush(queue, (*entry, neighbour))
    return None


def suppress(grid: list[list[int]], policy: DisclosurePolicy) -> dict[Cell, Suppression]:
    """Return the hidden cells of an augmented grid and why each is hidden.

    Deterministic: counts in the policy's range are hidden; then, while a hidden
    cell can be worked out, the first such cell by position is put on a loop that
    can move, hiding the fewest visible non-zero cells (then those with the
    smallest sum) that close one. No true zero is ever hidden.

    Each round costs time linear in the number of cells: one check of every hidden
    cell (:func:`exposed_cells`) and one search for the cheapest loop. Hiding cells
    never exposes another, so the rounds walk forward through the table's positions.
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
    arcs = _arcs(grid)
    while exposed := exposed_cells(grid, hidden):
        closing = _closing_loop(exposed[0], hidden, grid, arcs)
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
        StatisticsError: If the table is empty, ragged, has a count that is not a whole
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
        StatisticsError: As :func:`apply_disclosure`.
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

"""Disclosure control: a policy for small counts, and a table after applying it."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Literal

import attrs

from neglect_protocol._model._proportion import Proportion, round_half_up
from neglect_protocol._model._views import MetricTable, plural
from neglect_protocol.errors import (
    PolicyError,
    StatisticsError,
    SuppressedValueError,
    safe_repr,
)


def _non_negative_whole(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PolicyError(
            attribute.name, f"expected a whole number of 0 or more, got {safe_repr(value)}"
        )


def is_space_or_digit(character: str) -> bool:
    """Whether ``character`` is white space or a digit (of any script), as Python's str says."""
    return character.isspace() or character.isdigit()


def is_symbol(text: str) -> bool:
    """Whether ``text`` can stand in a table's cell without being read as a count.

    A symbol holds at least one character that is neither white space nor a digit:
    ``"c"``, ``":"`` and ``"[x]"`` are symbols; ``""``, ``" "``, ``"3"`` and ``"1 2"``
    are not (a reader would take the last two for numbers).

    >>> [is_symbol(text) for text in ("c", "[x]", "3", " 3 ", "")]
    [True, True, False, False, False]
    """
    return not all(is_space_or_digit(character) for character in text)


def _symbol(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not is_symbol(value):
        raise PolicyError(
            attribute.name,
            f"expected a non-empty symbol that is not a number, got {safe_repr(value)}",
        )


def _flag(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise PolicyError(attribute.name, f"expected true or false, got {safe_repr(value)}")


def _text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(attribute.name, f"expected non-empty text, got {safe_repr(value)}")


@attrs.frozen
class DisclosurePolicy:
    """A named, versioned rule for publishing counts about children safely.

    The built-in :data:`~neglect_protocol.disclosure.DFE` policy follows the
    Department for Education's children in need statistics; a partnership can load
    its own with :func:`~neglect_protocol.disclosure.load_disclosure_policy`.

    Attributes:
        name: The policy's short name (``"DfE"``).
        version: Which edition of the policy this is.
        source: Where the rule is published, for the reader of a table.
        min_count: The smallest count suppressed (0 is a true zero and never is).
        max_count: The largest count suppressed.
        secondary: Whether further cells are suppressed so that no suppressed one
            can be worked out from the rest of the table.
        suppressed: The symbol shown for a suppressed count (``"c"``).
        not_available: The symbol for a figure that was not collected (``":"``).
        not_applicable: The symbol for a figure that cannot exist (``"z"``).
        totals_to_nearest: National and regional totals are rounded to a multiple of
            this (1 leaves them exact).
        percent_decimal_places: The decimal places of published percentages.
    """

    name: str = attrs.field(validator=_text)
    version: str = attrs.field(validator=_text)
    source: str = attrs.field(validator=_text)
    min_count: int = attrs.field(default=1, validator=_non_negative_whole)
    max_count: int = attrs.field(default=5, validator=_non_negative_whole)
    secondary: bool = attrs.field(default=True, validator=_flag)
    suppressed: str = attrs.field(default="c", validator=_symbol)
    not_available: str = attrs.field(default=":", validator=_symbol)
    not_applicable: str = attrs.field(default="z", validator=_symbol)
    totals_to_nearest: int = attrs.field(default=10, validator=_non_negative_whole)
    percent_decimal_places: int = attrs.field(default=1, validator=_non_negative_whole)

    @max_count.validator
    def _check_range(self, attribute: attrs.Attribute[int], value: int) -> None:
        if self.min_count == 0:
            raise PolicyError(
                "min_count", "expected 1 or more (0 is a true zero, never suppressed), got 0"
            )
        if value < self.min_count:
            raise PolicyError(
                "max_count",
                f"expected a count no smaller than min_count {self.min_count}, "
                f"got {safe_repr(value)}",
            )

    @totals_to_nearest.validator
    def _check_rounding_base(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value == 0:
            raise PolicyError(
                "totals_to_nearest", "expected 1 or more (1 leaves totals exact), got 0"
            )

    def is_primary(self, count: int) -> bool:
        """Whether ``count`` is small enough to be suppressed on its own.

        >>> from neglect_protocol.disclosure import DFE
        >>> [DFE.is_primary(count) for count in (0, 1, 5, 6)]
        [False, True, True, False]
        """
        return self.min_count <= count <= self.max_count

    def round_total(self, count: int) -> int:
        """Round a national or regional total to the nearest ``totals_to_nearest``, halves up.

        >>> from neglect_protocol.disclosure import DFE
        >>> DFE.round_total(1234), DFE.round_total(1235)
        (1230, 1240)
        """
        return (
            (2 * count + self.totals_to_nearest)
            // (2 * self.totals_to_nearest)
            * (self.totals_to_nearest)
        )


class Suppression(enum.Enum):
    """Why a cell of a published table is hidden."""

    PRIMARY = "primary"
    """The count itself is small (1 to 5 under the DfE policy)."""
    SECONDARY = "secondary"
    """The count is not small, but showing it would let a small one be worked out."""


class Missing(enum.Enum):
    """A cell of a table that holds no count, and why (the GSS symbols ``:`` and ``z``).

    Give one in place of a count to
    :func:`~neglect_protocol.disclosure.apply_disclosure`. Such a cell adds nothing
    to its row and column totals, is never suppressed and is shown by the policy's
    symbol.
    """

    NOT_AVAILABLE = "not available"
    """The figure was not collected or cannot be given (shown ``:`` under DfE)."""
    NOT_APPLICABLE = "not applicable"
    """The figure cannot exist, such as unborn children in care (shown ``z`` under DfE)."""


@attrs.frozen
class DisclosedCell:
    """One cell of a table after disclosure control: its count and what is shown.

    The count is kept (a caller may need it for further, unpublished arithmetic)
    but left out of the ``repr``, so a suppressed value cannot leak into a log.

    Attributes:
        count: The true count (0 for a cell that holds none, see ``missing``).
        shown: What the published table shows (a number, or the policy's symbol).
        suppression: Why the cell is hidden, or ``None`` if it is shown.
        missing: Why the cell holds no count, or ``None`` if it holds one.
    """

    count: int = attrs.field(repr=False)
    shown: str
    suppression: Suppression | None = None
    missing: Missing | None = None

    @property
    def is_suppressed(self) -> bool:
        """Whether the cell is hidden."""
        return self.suppression is not None


Base = Literal["row", "column", "table"]
"""What a cell's percentage is a share of: its row total, its column total, or the table's."""


@attrs.frozen(repr=False)
class DisclosedTable(MetricTable):
    """A two-dimensional table of counts with its totals, after disclosure control.

    Cells are indexed by position; ``row_labels`` and ``column_labels``
    name the positions. The totals are cells too, and may be suppressed.

    Attributes:
        row_labels: The name of each row.
        column_labels: The name of each column.
        cells: The body, one tuple of cells per row.
        row_totals: Each row's total.
        column_totals: Each column's total.
        grand_total: The table's total.
        policy: The policy applied.
    """

    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[DisclosedCell, ...], ...]
    row_totals: tuple[DisclosedCell, ...]
    column_totals: tuple[DisclosedCell, ...]
    grand_total: DisclosedCell
    policy: DisclosurePolicy

    def __repr__(self) -> str:
        """One line: the table's size, its policy and how many cells are hidden."""
        cells = [cell for line in self.grid() for cell in line]
        hidden = sum(cell.is_suppressed for cell in cells)
        return (
            f"<DisclosedTable {plural(len(self.row_labels), 'row')} x "
            f"{plural(len(self.column_labels), 'column')} under {self.policy.name}: "
            f"{hidden} of {len(cells)} cells suppressed>"
        )

    def grid(self) -> tuple[tuple[DisclosedCell, ...], ...]:
        """Every cell, totals included, as rows of the published layout.

        The body rows each end in their total; the last row holds the column totals
        and ends in the grand total.
        """
        body = tuple((*row, total) for row, total in zip(self.cells, self.row_totals, strict=True))
        return (*body, (*self.column_totals, self.grand_total))

    def shown(self) -> tuple[tuple[str, ...], ...]:
        """What the published table shows, in the layout of :meth:`grid`."""
        return tuple(tuple(cell.shown for cell in row) for row in self.grid())

    def proportion(self, row: int, column: int, *, of: Base = "row") -> Proportion:
        """Return a cell's count as a share of its row, its column or the whole table.

        Shares are computed from the true, unrounded counts.

        Args:
            row: The cell's row position (``len(row_labels)`` for the totals row).
            column: The cell's column position (``len(column_labels)`` for the
                totals column).
            of: The base: ``"row"``, ``"column"`` or ``"table"``.

        Returns:
            The share.

        Raises:
            SuppressedValueError: If the cell or its base is suppressed: a
                suppressed value is never turned into a share or a phrase.
            StatisticsError: If the cell holds no count (it is marked not
                available or not applicable), or ``of`` is not a base.
            IndexError: If the position is outside the table.
        """
        grid = self.grid()
        cell = grid[row][column]
        bases = {"row": grid[row][-1], "column": grid[-1][column], "table": self.grand_total}
        if of not in bases:
            raise StatisticsError("of", f"expected 'row', 'column' or 'table', got {safe_repr(of)}")
        base = bases[of]
        if cell.missing is not None:
            raise StatisticsError(
                f"cells[{row}][{column}]",
                f"expected a cell with a count, got one marked {cell.missing.value}",
            )
        if cell.is_suppressed:
            raise SuppressedValueError(f"cells[{row}][{column}]", self.policy.name)
        if base.is_suppressed:
            raise SuppressedValueError(f"{of} total of cells[{row}][{column}]", self.policy.name)
        return Proportion(cell.count, base.count)

    def percent(self, row: int, column: int, *, of: Base = "row") -> Decimal:
        """Return a cell's share as a percentage at the policy's decimal places.

        Args:
            row: The cell's row position.
            column: The cell's column position.
            of: The base: ``"row"``, ``"column"`` or ``"table"``.

        Returns:
            The percentage, rounded half up from the unrounded counts.

        Raises:
            SuppressedValueError: If the cell or its base is suppressed.
            StatisticsError: If the cell holds no count, or ``of`` is not a base.
        """
        share = self.proportion(row, column, of=of).share
        return round_half_up(share * 100, self.policy.percent_decimal_places)

"""Cohort breakdowns: shares of children by need, age band and level, and cross-tabulations."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from neglect_protocol._model._census import CodeListKind, check_code_shape
from neglect_protocol._model._checks import got, tuple_of
from neglect_protocol._model._cohort import (
    CensusAgeBand,
    CohortRecord,
    ImplementationMeasures,
    PrimaryNeed,
    as_age_band,
    as_primary_need,
    check_flag,
    check_level,
)
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._proportion import Proportion
from neglect_protocol._model._views import MetricTable, plural
from neglect_protocol.errors import AssuranceError, safe_repr


class Dimension(enum.Enum):
    """A way to break down cohort records or GCP2 completions.

    Primary need and age band always list every category, in the national order,
    zeros included, so tables from different periods line up. Levels of need,
    care status and agencies list the values present, in ascending order.
    """

    PRIMARY_NEED = "primary_need"
    AGE_BAND = "age_band"
    LEVEL_OF_NEED = "level_of_need"
    LOOKED_AFTER = "looked_after"
    AGENCY = "agency"

    @property
    def label(self) -> str:
        """The dimension as a table heading."""
        return _LABELS[self]

    def key(self, record: object, *, field: str = "record") -> Hashable:
        """Return ``record``'s category on this dimension.

        Raises:
            AssuranceError: If the dimension does not apply to that kind of record
                (records have no agency; completions have no primary need).
        """
        try:
            value: Hashable = getattr(record, self.value)
        except AttributeError:
            raise AssuranceError(
                field,
                f"expected a record with a {self.value}, got {got(record)}",
            ) from None
        return value

    @classmethod
    def of(cls, value: Dimension | str, field: str = "dimension") -> Dimension:
        """Return ``value`` as a dimension: a member, or its value (``"primary_need"``).

        Raises:
            AssuranceError: If it is neither.
        """
        for member in cls:
            if value is member or value == member.value:
                return member
        choices = ", ".join(member.value for member in cls)
        raise AssuranceError(field, f"expected a Dimension ({choices}), got {got(value)}")

    def category(self, value: object, field: str = "category") -> Hashable:
        """Return ``value`` as a category of this dimension, converting a code (``"N1"``).

        Primary needs and age bands are converted as
        :class:`~neglect_protocol.indicators.CohortRecord` converts them; other
        categories are taken as given.

        Raises:
            AssuranceError: If a primary need or age band is not one.
        """
        if self is Dimension.PRIMARY_NEED:
            return as_primary_need(value, field)  # type: ignore[arg-type]
        if self is Dimension.AGE_BAND:
            return as_age_band(value, field)  # type: ignore[arg-type]
        return value

    def categories(self, present: Iterable[Hashable]) -> tuple[Hashable, ...]:
        """Return the categories a table shows, given the keys of the records present."""
        if self is Dimension.PRIMARY_NEED:
            return tuple(PrimaryNeed)
        if self is Dimension.AGE_BAND:
            return tuple(CensusAgeBand)
        return tuple(sorted(set(present)))  # type: ignore[type-var]


_LABELS = {
    Dimension.PRIMARY_NEED: "Primary need",
    Dimension.AGE_BAND: "Age band",
    Dimension.LEVEL_OF_NEED: "Level of need",
    Dimension.LOOKED_AFTER: "Looked after",
    Dimension.AGENCY: "Agency",
}


def category_label(category: Hashable) -> str:
    """Return a category as a table shows it (``"N1 abuse or neglect"``, ``"10 to 15"``).

    >>> from neglect_protocol.indicators import CensusAgeBand, PrimaryNeed, category_label
    >>> category_label(PrimaryNeed.N5), category_label(CensusAgeBand.UNDER_1), category_label(4)
    ('N5 family dysfunction', 'Under 1', '4')
    """
    if isinstance(category, PrimaryNeed):
        return f"{category.value} {category.description}"
    if isinstance(category, CensusAgeBand):
        return category.label
    if isinstance(category, bool):
        return "yes" if category else "no"
    return str(category)


@attrs.frozen(repr=False)
class Breakdown(MetricTable):
    """How many records fall in each category of one dimension.

    Attributes:
        dimension: What the records are broken down by.
        counts: Records per category, in the dimension's order, zeros included.
    """

    dimension: Dimension
    counts: FrozenMap[Hashable, int]

    def __repr__(self) -> str:
        """One line: the dimension, the records and the categories."""
        categories = len(self.counts)
        return (
            f"<Breakdown by {self.dimension.value}: {plural(self.total, 'record')} in "
            f"{categories} categor{'y' if categories == 1 else 'ies'}>"
        )

    @property
    def total(self) -> int:
        """How many records were broken down."""
        return sum(self.counts.values())

    def share(self, category: Hashable) -> Proportion:
        """Return the share of records in ``category`` (a code such as ``"N1"`` is converted).

        Raises:
            AssuranceError: If there are no records, or ``category`` is not one of
                the breakdown's categories.
        """
        category = self.dimension.category(category)
        if category not in self.counts:
            raise AssuranceError(
                "category",
                f"expected a category of {self.dimension.value}, got {got(category)}",
            )
        if self.total == 0:
            raise AssuranceError(
                "cohort", "expected at least one record to take a share of, got none"
            )
        return Proportion(self.counts[category], self.total)

    def largest(self) -> Hashable:
        """Return the category with the most records (the first in order on a tie).

        Raises:
            AssuranceError: If there are no records.
        """
        if self.total == 0:
            raise AssuranceError("cohort", "expected at least one record, got none")
        return max(self.counts, key=lambda category: self.counts[category])


@attrs.frozen
class CrossTab:
    """Records counted by two dimensions at once, with row and column totals.

    Attributes:
        rows: The dimension down the side.
        columns: The dimension across the top.
        row_keys: The row categories, in order.
        column_keys: The column categories, in order.
        counts: One tuple of counts per row, in column order.
    """

    rows: Dimension
    columns: Dimension
    row_keys: tuple[Hashable, ...]
    column_keys: tuple[Hashable, ...]
    counts: tuple[tuple[int, ...], ...]

    @property
    def row_totals(self) -> tuple[int, ...]:
        """The total of each row."""
        return tuple(sum(row) for row in self.counts)

    @property
    def column_totals(self) -> tuple[int, ...]:
        """The total of each column."""
        return tuple(sum(column) for column in zip(*self.counts, strict=True)) or tuple(
            0 for _ in self.column_keys
        )

    @property
    def total(self) -> int:
        """The grand total."""
        return sum(self.row_totals)

    def cell(self, row: Hashable, column: Hashable) -> int:
        """Return the count in ``row`` and ``column`` (codes such as ``"N1"`` are converted).

        Raises:
            AssuranceError: If either is not a category of the table.
        """
        row = self.rows.category(row, "row")
        column = self.columns.category(column, "column")
        for name, keys, value in (
            ("row", self.row_keys, row),
            ("column", self.column_keys, column),
        ):
            if value not in keys:
                raise AssuranceError(name, f"expected a category of the table, got {got(value)}")
        return self.counts[self.row_keys.index(row)][self.column_keys.index(column)]


def breakdown(records: Sequence[Any], dimension: Dimension | str) -> Breakdown:
    """Count ``records`` (cohort records or completions) by one dimension."""
    dimension = Dimension.of(dimension)
    keys = [
        dimension.key(record, field=f"records[{index}]") for index, record in enumerate(records)
    ]
    counted = Counter(keys)
    return Breakdown(
        dimension,
        FrozenMap({category: counted[category] for category in dimension.categories(keys)}),
    )


def cross_tabulate(
    records: Sequence[Any], rows: Dimension | str, columns: Dimension | str
) -> CrossTab:
    """Count ``records`` (cohort records or completions) by two dimensions."""
    rows, columns = Dimension.of(rows, "rows"), Dimension.of(columns, "columns")
    if rows is columns:
        raise AssuranceError(
            "columns", f"expected a dimension other than the rows', got {safe_repr(columns)}"
        )
    pairs = [
        (
            rows.key(record, field=f"records[{index}]"),
            columns.key(record, field=f"records[{index}]"),
        )
        for index, record in enumerate(records)
    ]
    counted = Counter(pairs)
    row_keys = rows.categories(row for row, _ in pairs)
    column_keys = columns.categories(column for _, column in pairs)
    return CrossTab(
        rows,
        columns,
        row_keys,
        column_keys,
        tuple(tuple(counted[row, column] for column in column_keys) for row in row_keys),
    )


@attrs.frozen
class Cohort:
    """The children in the partnership's dataset at one census date.

    Each child appears once. :meth:`where` narrows the cohort; :meth:`breakdown`
    and :meth:`cross_tabulate` count it.

    Attributes:
        records: One record per child.

    >>> from neglect_protocol.indicators import Cohort, CohortRecord, Dimension, PrimaryNeed
    >>> cohort = Cohort((CohortRecord("C-1", "N1", "10 to 15", 4),
    ...                  CohortRecord("C-2", "N5", "1 to 4", 4),
    ...                  CohortRecord("C-3", "N1", "5 to 9", 3)))
    >>> cohort.where(level_of_need=4).breakdown(Dimension.PRIMARY_NEED).share(PrimaryNeed.N1)
    Proportion(positive=1, total=2)
    """

    records: tuple[CohortRecord, ...] = attrs.field(
        validator=tuple_of(CohortRecord, AssuranceError, unique_by="reference", unique_what="child")
    )

    def __len__(self) -> int:
        return len(self.records)

    def where(
        self,
        *,
        primary_need: PrimaryNeed | str | None = None,
        age_band: CensusAgeBand | str | None = None,
        level_of_need: int | None = None,
        looked_after: bool | None = None,
        plan_category: str | None = None,
        factor: str | None = None,
    ) -> Cohort:
        """Return the children matching every criterion given (``None`` matches all).

        Codes are converted as :class:`~neglect_protocol.indicators.CohortRecord`
        converts them (``"N1"``, ``"1 to 4"``, ``"Under 1"``), so a criterion never
        silently matches nothing. ``plan_category`` keeps the children whose child
        protection plan has that initial category (``"NEG"``); ``factor`` those with
        that factor identified at the end of assessment (``"16A"``): the two census
        meanings of "due to neglect" (see :mod:`neglect_protocol.census`).

        Raises:
            AssuranceError: If a criterion is not a primary need, age band, level of
                need (a whole number from 1 up), ``True``/``False``, or shaped like
                a plan category or factor code.

        >>> from neglect_protocol.indicators import Cohort, CohortRecord
        >>> cohort = Cohort((CohortRecord("C-1", "N1", "10 to 15", 4, factors=("16A",)),
        ...                  CohortRecord("C-2", "N5", "Under 1", 4, plan_category="NEG")))
        >>> len(cohort.where(primary_need="N1")), len(cohort.where(age_band="Under 1"))
        (1, 1)
        >>> len(cohort.where(level_of_need=4, factor="16A")), len(cohort.where(plan_category="NEG"))
        (1, 1)
        """
        wanted: dict[str, object] = {}
        if primary_need is not None:
            wanted["primary_need"] = as_primary_need(primary_need)
        if age_band is not None:
            wanted["age_band"] = as_age_band(age_band)
        if level_of_need is not None:
            wanted["level_of_need"] = check_level(level_of_need, "level_of_need")
        if looked_after is not None:
            wanted["looked_after"] = check_flag(looked_after, "looked_after")
        if plan_category is not None:
            wanted["plan_category"] = check_code_shape(
                plan_category, CodeListKind.PLAN_CATEGORY, "plan_category"
            )
        if factor is not None:
            factor = check_code_shape(factor, CodeListKind.ASSESSMENT_FACTOR, "factor")
        return Cohort(
            tuple(
                record
                for record in self.records
                if all(getattr(record, name) == value for name, value in wanted.items())
                and (factor is None or factor in record.factors)
            )
        )

    def breakdown(self, dimension: Dimension | str) -> Breakdown:
        """Count the children by ``dimension`` (or its value, ``"primary_need"``).

        Raises:
            AssuranceError: If the dimension is not one, or does not apply to children
                (agency).
        """
        return breakdown(self.records, dimension)

    def cross_tabulate(self, rows: Dimension | str, columns: Dimension | str) -> CrossTab:
        """Count the children by two dimensions, with totals.

        Raises:
            AssuranceError: If a dimension does not apply to children, or both are the same.
        """
        return cross_tabulate(self.records, rows, columns)

    def __repr__(self) -> str:
        return f"<Cohort of {len(self.records)} child{'' if len(self.records) == 1 else 'ren'}>"

    if TYPE_CHECKING:  # Attached by neglect_protocol.indicators; see _api.attach_views.

        def to_records(self) -> list[dict[str, Any]]: ...


def completions_breakdown(
    measures: ImplementationMeasures, dimension: Dimension | str
) -> Breakdown:
    """Count the GCP2s completed by agency, level of need or age band.

    Raises:
        AssuranceError: If the dimension does not apply to completions (primary need).

    >>> from neglect_protocol.indicators import (Dimension, GCP2Completion,
    ...     ImplementationMeasures, completions_breakdown)
    >>> measures = ImplementationMeasures(1, 1, 2, (GCP2Completion("W-1", "health", 2, "1 to 4"),
    ...                                             GCP2Completion("W-2", "police", 3, "1 to 4")))
    >>> dict(completions_breakdown(measures, Dimension.AGENCY).counts)
    {'health': 1, 'police': 1}
    """
    return breakdown(measures.completions, dimension)

"""Tests for neglect_protocol.disclosure: policies and secondary suppression."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import neglect_protocol.disclosure as disclosure
from neglect_protocol.disclosure import (
    DFE,
    DisclosedTable,
    DisclosurePolicy,
    Suppression,
    apply_disclosure,
    disclosure_policy_from_document,
    load_disclosure_policy,
)
from neglect_protocol.errors import (
    CountError,
    DisclosurePolicyError,
    SuppressedValueError,
)
from neglect_protocol.stats import Proportion
from neglect_protocol.strategies import count_tables

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


def _recoverable(table: DisclosedTable) -> list[tuple[int, int]]:
    """The hidden cells whose value is the same in every table consistent with what is shown.

    A brute-force search: the unknowns are the hidden cells, the constraints every
    row and column sum of the published grid, and every unknown a whole number of
    0 or more. For each hidden cell, look for a consistent table in which it takes
    another value; if there is none within reach, a reader could recover it.
    """
    grid = table.grid()
    height, width = len(grid), len(grid[0])
    hidden = [(i, j) for i in range(height) for j in range(width) if grid[i][j].is_suppressed]
    bound = max(cell.count for row in grid for cell in row) + 1
    lines = [[(i, j) for j in range(width)] for i in range(height)]
    lines += [[(i, j) for i in range(height)] for j in range(width)]

    def feasible(values: dict[tuple[int, int], int]) -> bool:
        known = dict(values)
        for i in range(height):
            for j in range(width):
                if not grid[i][j].is_suppressed:
                    known[i, j] = grid[i][j].count
        changed = True
        while changed:
            changed = False
            for line in lines:
                unknown = [cell for cell in line if cell not in known]
                if len(unknown) == 1:
                    *body, total = line
                    cell = unknown[0]
                    if cell == total:
                        value = sum(known[c] for c in body)
                    else:
                        value = known[total] - sum(known[c] for c in body if c != cell)
                    if value < 0:
                        return False
                    known[cell] = value
                    changed = True
                if not unknown:
                    *body, total = line
                    if sum(known[c] for c in body) != known[total]:
                        return False
        free = [cell for cell in hidden if cell not in known]
        if not free:
            return True
        return any(feasible({**values, free[0]: value}) for value in range(bound + 1))

    recoverable = []
    for cell in hidden:
        true_value = grid[cell[0]][cell[1]].count
        if not any(feasible({cell: value}) for value in range(bound + 1) if value != true_value):
            recoverable.append(cell)
    return recoverable


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

    def test_round_totals_rounds_only_visible_totals(self) -> None:
        """National and regional tables show totals to the nearest 10; cells stay exact."""
        table = apply_disclosure([[12, 37], [26, 41]], DFE, round_totals=True)
        assert (("12", "37", "50"), ("26", "41", "70"), ("40", "80", "120")) == table.shown()
        assert 116 == table.grand_total.count

    def test_labels(self) -> None:
        """Labels name rows and columns; by default they are 1, 2, ..."""
        named = apply_disclosure([[10]], DFE, row_labels=["North"], column_labels=["Under 1"])
        assert (("North",), ("Under 1",)) == (named.row_labels, named.column_labels)
        default = apply_disclosure([[10, 11]], DFE)
        assert (("1",), ("1", "2")) == (default.row_labels, default.column_labels)

    def test_suppressed_count_is_kept_out_of_the_repr(self) -> None:
        """A cell's repr shows what is published, never the hidden count."""
        cell = apply_disclosure([[3, 20], [12, 40]], DFE).cells[0][0]
        assert "DisclosedCell(shown='c', suppression=<Suppression.PRIMARY: 'primary'>)" == repr(
            cell
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
        table = apply_disclosure([[3, 20], [12, 40]], DFE)
        with pytest.raises(SuppressedValueError) as caught:
            table.percent(0, 0)
        assert str(caught.value).startswith("cells[0][0]: expected a value policy 'DfE'")
        assert "3" not in str(caught.value).split(";")[0].replace("[0]", "")

    def test_a_share_of_a_suppressed_total_is_refused(self) -> None:
        """A visible cell over a hidden base is refused too."""
        table = apply_disclosure([[0, 4], [30, 40]], DFE)
        with pytest.raises(SuppressedValueError) as caught:
            table.proportion(0, 0)
        assert str(caught.value).startswith("row total of cells[0][0]:")


class TestBadTables:
    @pytest.mark.parametrize(
        ("counts", "message"),
        [
            ([], "counts: expected a non-empty sequence of rows of counts, got []"),
            ("12", "counts: expected a non-empty sequence of rows of counts, got '12'"),
            ([[]], "counts[0]: expected a non-empty sequence of counts, got []"),
            ([[1, 2], [3]], "counts[1]: expected a row of 2 counts, like the first row, got [3]"),
            ([[1, -2]], "counts[0][1]: expected a whole number of 0 or more, got -2"),
            ([[1, 2.0]], "counts[0][1]: expected a whole number of 0 or more, got 2.0"),
            ([[True, 2]], "counts[0][0]: expected a whole number of 0 or more, got True"),
        ],
    )
    def test_bad_counts_raise(self, counts: Any, message: str) -> None:
        """A table must be a non-empty rectangle of whole counts of 0 or more."""
        with pytest.raises(CountError) as caught:
            apply_disclosure(counts, DFE)
        assert message == str(caught.value)

    def test_labels_must_match_the_shape(self) -> None:
        """One label per row and per column."""
        with pytest.raises(CountError) as caught:
            apply_disclosure([[1, 2]], DFE, column_labels=["only one"])
        assert "column_labels: expected 2 names, one per position, got ['only one']" == str(
            caught.value
        )


class TestSecondarySuppressionProperties:
    @given(count_tables())
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

    @given(count_tables(max_rows=3, max_columns=3, max_count=8))
    def test_no_hidden_cell_can_be_recovered(self, counts: tuple[tuple[int, ...], ...]) -> None:
        """Rule: no suppressed cell can be recovered by subtraction from any row or column
        total, alone or in combination: a brute-force search finds, for every hidden cell,
        a table consistent with everything shown in which that cell differs."""
        assert [] == _recoverable(apply_disclosure(counts, DFE))

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
            ([1], "$: expected a table, got a list"),
            ({**DOCUMENT, "colour": "red"}, "$: expected only the keys"),
            ({"schema_version": 1}, "$: expected a 'name' key, got none"),
            ({**DOCUMENT, "schema_version": 2}, "$.schema_version: expected disclosure schema"),
            ({**DOCUMENT, "schema_version": True}, "$.schema_version: expected disclosure schema"),
            ({**DOCUMENT, "name": ""}, "$.name: expected non-empty text, got ''"),
            ({**DOCUMENT, "symbols": "c"}, "$.symbols: expected a table, got a str"),
            (
                {**DOCUMENT, "suppression": {"max_count": 0}},
                "$.suppression.max_count: expected a count no smaller than min_count 1, got 0",
            ),
            (
                {**DOCUMENT, "suppression": {"min_count": 0}},
                "$.suppression.min_count: expected 1 or more (0 is a true zero, never "
                "suppressed), got 0",
            ),
            (
                {**DOCUMENT, "suppression": {"min_count": -1}},
                "$.suppression.min_count: expected a whole number of 0 or more, got -1",
            ),
            (
                {**DOCUMENT, "suppression": {"secondary": "yes"}},
                "$.suppression.secondary: expected true or false, got 'yes'",
            ),
            (
                {**DOCUMENT, "symbols": {"suppressed": "5"}},
                "$.symbols.suppressed: expected a non-empty symbol that is not a number, got '5'",
            ),
            (
                {**DOCUMENT, "rounding": {"totals_to_nearest": 0}},
                "$.rounding.totals_to_nearest: expected 1 or more (1 leaves totals exact), got 0",
            ),
            (
                {**DOCUMENT, "rounding": {"percent_decimal_places": 1.5}},
                "$.rounding.percent_decimal_places: expected a whole number of 0 or more, got 1.5",
            ),
        ],
    )
    def test_bad_documents_raise_with_a_path(self, document: Any, message: str) -> None:
        """Every problem names where it is in the document."""
        with pytest.raises(DisclosurePolicyError) as caught:
            disclosure_policy_from_document(document)
        assert str(caught.value).startswith(message)

    @pytest.mark.parametrize(
        ("name", "text", "message"),
        [
            ("bad.toml", "name = ", "$: expected a TOML document, got a parse error"),
            ("bad.json", "{", "$: expected a JSON document, got a parse error at line 1"),
            ("policy.yaml", "", "$: expected a file ending .toml or .json, got 'policy.yaml'"),
            ("policy", "", "$: expected a file ending .toml or .json, got 'policy'"),
        ],
    )
    def test_bad_files_raise(self, tmp_path: Path, name: str, text: str, message: str) -> None:
        """A file that is not TOML or JSON, or does not parse, is refused."""
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DisclosurePolicyError) as caught:
            load_disclosure_policy(path)
        assert str(caught.value).startswith(message)


class TestTheRecoveryCheckCanFail:
    def test_primary_suppression_alone_is_recoverable(self) -> None:
        """Without secondary suppression, 3 in [3, 20 | 23] is 23 - 20: the check says so."""
        table = apply_disclosure([[3, 20], [12, 40]], attrs.evolve(DFE, secondary=False))
        assert [(0, 0)] == _recoverable(table)

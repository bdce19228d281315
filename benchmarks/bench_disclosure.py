"""Benchmark: secondary suppression on growing tables, against primary suppression alone.

Random tables with about 35% small counts (1 to 5), 10% zeros and the rest from 6
to 60, at 10 by 6, 40 by 20, 80 by 40 and 150 by 40 cells. At each size the
baseline is the same tables with primary suppression alone: the same totals,
checks and published table, so the ratio is the price of secondary suppression and
its recoverability check. Both sides run in this process, so the ratios do not
depend on the machine's speed.

It prints the growth exponent of ``apply_disclosure`` from 10 by 6 to 150 by 40
(time grows as cells to that power; the target is 1.3 or less, where the earlier
search per hidden cell grew as cells squared), the time of one 150-by-40 table
(target: 2 s or less) and how many cells secondary suppression hides beyond the
primary ones, in percent (the same algorithm as :mod:`bench_metrics`'s disclosure
section measures on sparse 10-by-6 tables).

Usage: python benchmarks/bench_disclosure.py [--cells N] [--repeat R]
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import sys
from pathlib import Path

# The scripts run as files, not as a package: make their shared helpers importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
from timing import best_of

from neglect_protocol.disclosure import DFE, Suppression, apply_disclosure

SIZES = ((10, 6), (40, 20), (80, 40), (150, 40))
EXPONENT_TARGET = 1.3
LARGEST_TARGET_SECONDS = 2.0


def make_table(rows: int, columns: int, rng: random.Random) -> list[list[int]]:
    """An invented table: about 35% small counts, 10% zeros, the rest 6 to 60."""
    table = []
    for _ in range(rows):
        row = []
        for _ in range(columns):
            draw = rng.random()
            if draw < 0.10:
                row.append(0)
            elif draw < 0.45:
                row.append(rng.randint(1, 5))
            else:
                row.append(rng.randint(6, 60))
        table.append(row)
    return table


PRIMARY_ONLY = attrs.evolve(DFE, secondary=False)


def time_tables(tables: list[list[list[int]]], repeat: int) -> tuple[float, float]:
    """Seconds to disclose ``tables`` under the DfE policy, and with primary suppression alone."""
    gc.collect()
    gc.freeze()
    try:
        seconds = best_of(repeat, lambda: [apply_disclosure(table, DFE) for table in tables])
        base = best_of(repeat, lambda: [apply_disclosure(table, PRIMARY_ONLY) for table in tables])
    finally:
        gc.unfreeze()
    return seconds, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cells", type=int, default=12_000, help="body cells timed at each size (at least a table)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(20220616)
    per_table: dict[tuple[int, int], float] = {}
    print(f"apply_disclosure, ~35% small counts (best of {args.repeat}):")
    primary = secondary = 0
    for rows, columns in SIZES:
        tables = [
            make_table(rows, columns, rng) for _ in range(max(1, args.cells // (rows * columns)))
        ]
        hidden = [
            cell.suppression
            for table in tables
            for row in apply_disclosure(table, DFE).grid()
            for cell in row
        ]
        primary += hidden.count(Suppression.PRIMARY)
        secondary += hidden.count(Suppression.SECONDARY)
        seconds, base = time_tables(tables, args.repeat)
        per_table[rows, columns] = seconds / len(tables)
        print(
            f"  {rows:>3}x{columns:<3} {len(tables):>4} tables: "
            f"{1000 * seconds / len(tables):9.2f} ms per table; "
            f"ratio apply_disclosure/primary only: {seconds / base:.2f}x"
        )
    (small_rows, small_columns), (large_rows, large_columns) = SIZES[0], SIZES[-1]
    growth = math.log(per_table[SIZES[-1]] / per_table[SIZES[0]]) / math.log(
        (large_rows * large_columns) / (small_rows * small_columns)
    )
    largest = per_table[SIZES[-1]]
    print(
        f"growth exponent {small_rows}x{small_columns} to {large_rows}x{large_columns}: "
        f"{growth:.2f} (target <= {EXPONENT_TARGET})"
    )
    print(
        f"one {large_rows}x{large_columns} table: {largest:.3f} s "
        f"(target <= {LARGEST_TARGET_SECONDS:.0f} s)"
    )
    print(
        f"secondary suppression: {secondary:,} cells beyond {primary:,} primary "
        f"({100 * secondary / max(1, primary):.1f}% more)"
    )


if __name__ == "__main__":
    main()

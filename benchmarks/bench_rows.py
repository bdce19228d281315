"""Benchmark: assessments read from rows of a table, against a hand-written mapping loop.

The rows are what ``csv.DictReader`` gives for a long export (all text, one row per
rating, 13 sub-area grades per assessment). The baseline is the loop an analyst
would write by hand: group by reference, ``date.fromisoformat``, ``int(grade)`` and
the library's value objects, with no check of codes or columns and no collecting of
problems. ``assessments_from_rows`` checks every cell against the catalogue and
reports every bad one; the ratio is the price of that. Run at three sizes, 10 and
100 times apart, to show the time per row stays flat. Both sides run in this
process, so the ratios do not depend on the machine's speed.

Usage: python benchmarks/bench_rows.py [--count N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import sys
from pathlib import Path
from typing import Any

# The scripts run as files, not as a package: make their shared helpers importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of

from neglect_protocol import GCP2, Assessment, ChildRef, ObservationWindow, Rating
from neglect_protocol.records import assessments_from_rows

SUB_AREAS = tuple(sub_area.code for sub_area in GCP2.sub_areas)


def make_rows(count: int, rng: random.Random) -> list[dict[str, str]]:
    """Long rows of ``count`` invented assessments, as a CSV reader gives them."""
    rows = []
    for number in range(count):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(300))
        about = {
            "child": f"C-{number:06d}",
            "date_of_birth": (start - dt.timedelta(days=rng.randrange(400, 6000))).isoformat(),
            "assessment_reference": f"A-{number:06d}",
            "window_start": start.isoformat(),
            "window_end": (start + dt.timedelta(days=18)).isoformat(),
        }
        rows += [about | {"code": code, "grade": str(rng.randint(1, 5))} for code in SUB_AREAS]
    return rows


def baseline(rows: list[dict[str, str]]) -> list[Assessment]:
    """The hand-written mapping: group by reference and build the values, checking nothing."""
    groups: dict[str, tuple[dict[str, str], list[Rating]]] = {}
    for row in rows:
        groups.setdefault(row["assessment_reference"], (row, []))[1].append(
            Rating(row["code"], int(row["grade"]))
        )
    return [
        Assessment(
            ChildRef(first["child"], date_of_birth=dt.date.fromisoformat(first["date_of_birth"])),
            ObservationWindow(
                dt.date.fromisoformat(first["window_start"]),
                dt.date.fromisoformat(first["window_end"]),
            ),
            tuple(ratings),
            reference=reference,
        )
        for reference, (first, ratings) in groups.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="assessments at the 1x size")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(20240205)
    print(f"long rows, {len(SUB_AREAS)} per assessment (best of {args.repeat})")
    per_row: list[float] = []
    for scale in (1, 10, 100):
        rows: list[Any] = make_rows(args.count * scale, rng)
        # The two sides must agree before their speeds are worth comparing.
        if assessments_from_rows(rows) != baseline(rows):
            raise SystemExit("library and baseline disagree")
        seconds = best_of(args.repeat, functools.partial(assessments_from_rows, rows))
        base = best_of(args.repeat, functools.partial(baseline, rows))
        per_row.append(seconds / len(rows))
        print(
            f"{scale:>4}x {len(rows):>9,} rows: assessments_from_rows {len(rows) / seconds:10,.0f}"
            f" rows/s, baseline {len(rows) / base:10,.0f} rows/s, ratio {seconds / base:.2f}x"
        )
    print(f"time per row at 100x / at 1x: {per_row[2] / per_row[0]:.2f}")


if __name__ == "__main__":
    main()

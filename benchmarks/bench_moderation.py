"""Benchmark: moderation statistics against a hand-written float coincidence-matrix alpha.

A moderation set here is ten practitioners grading every GCP2 sub-area of a number
of invented cases, one grade in ten left blank. The baseline is the smallest
plain-Python ordinal alpha over the same grades as nested dicts: floats, no
validation, no value objects, no Fleiss' kappa or agreement counts. Sizes run at
1x, 10x and 100x the base number of cases, so the ratios show how the exact
arithmetic scales. Both sides run in this process, so the ratios do not depend on
the machine's speed.

Usage: python benchmarks/bench_moderation.py [--cases N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from functools import partial
from pathlib import Path

# The scripts run as files, not as a package: make their shared helpers importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of

from neglect_protocol import GCP2
from neglect_protocol.moderation import ModerationSet, krippendorff_alpha, moderate

RATERS = 10
Row = tuple[str, str, str, int | None]


def make_rows(cases: int, rng: random.Random) -> list[Row]:
    """Invented grades: each unit has a true grade that raters miss by one now and then."""
    rows: list[Row] = []
    for case in range(cases):
        for sub_area in GCP2.sub_areas:
            true_grade = rng.randint(1, 5)
            for rater in range(RATERS):
                grade = min(5, max(1, true_grade + rng.choice((-1, 0, 0, 0, 1))))
                rows.append(
                    (f"P{rater}", f"M{case}", sub_area.code, None if rng.random() < 0.1 else grade)
                )
    return rows


def baseline_alpha(rows: list[Row]) -> float:
    """Ordinal alpha in floats from plain dicts: the work any implementation must do."""
    units: dict[tuple[str, str], list[int]] = {}
    for _, case, sub_area, grade in rows:
        if grade is not None:
            units.setdefault((case, sub_area), []).append(grade)
    coincidences: defaultdict[tuple[int, int], float] = defaultdict(float)
    marginals: Counter[int] = Counter()
    for values in units.values():
        if len(values) < 2:
            continue
        counts = Counter(values)
        marginals.update(counts)
        for first, first_count in counts.items():
            for second, second_count in counts.items():
                pairs = first_count * (second_count - (first == second))
                coincidences[first, second] += pairs / (len(values) - 1)
    used = sorted(marginals)
    total = sum(marginals.values())

    def delta(low: int, high: int) -> float:
        low, high = min(low, high), max(low, high)
        between = sum(marginals[grade] for grade in used if low <= grade <= high)
        return float((between - (marginals[low] + marginals[high]) / 2) ** 2)

    observed = sum(count * delta(*cell) for cell, count in coincidences.items()) / total
    expected = sum(marginals[c] * marginals[k] * delta(c, k) for c in used for k in used) / (
        total * (total - 1)
    )
    return 1 - observed / expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20, help="cases at 1x (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs (default 3)")
    args = parser.parse_args()
    rng = random.Random(2024)
    for scale in (1, 10, 100):
        rows = make_rows(args.cases * scale, rng)
        moderation_set = ModerationSet.from_rows(rows)
        ours = krippendorff_alpha(moderation_set).alpha
        assert ours is not None
        assert abs(ours - baseline_alpha(rows)) < 1e-9, "the baseline must compute the same alpha"
        build = best_of(args.repeat, partial(ModerationSet.from_rows, rows))
        alpha = best_of(args.repeat, partial(krippendorff_alpha, moderation_set))
        summary = best_of(args.repeat, partial(moderate, moderation_set))
        base = best_of(args.repeat, partial(baseline_alpha, rows))
        print(f"{scale:>3}x: {len(rows):,} grades (best of {args.repeat})")
        print(f"     from_rows          {build:8.4f} s")
        print(f"     krippendorff_alpha {alpha:8.4f} s  ratio to baseline {alpha / base:.2f}x")
        print(f"     moderate           {summary:8.4f} s  ratio to baseline {summary / base:.2f}x")
        print(f"     float baseline     {base:8.4f} s")


if __name__ == "__main__":
    main()

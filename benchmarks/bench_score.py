"""Benchmark: score synthetic assessments and compare with a hand-written dict loop.

Every sub-area of each synthetic assessment is graded from three items, as a
system that records only item grades would do. The baseline is the smallest
plain-Python loop over dicts that computes the same suggested sub-area and area
grades (the `worst` rule) with no validation, no value objects and no profile.
Both run in this process, so the ratio does not depend on the machine's speed.

Figures of 3 December 2026 (``--count 20000 --repeat 5``, 2-core machine shared by
eight engineers at load average 9 to 10, so noisy), before and after profiles were
built from their entries (issue 8, point 5): library / dict loop 4.63x and 3.75x
before, 4.21x and 4.19x after; with the garbage collector paused 3.69x and 3.61x
before, 4.03x and 2.09x after. No worse within this machine's noise.

Usage: python benchmarks/bench_score.py [--count N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sys
from pathlib import Path

# The scripts run as files, not as a package: make their shared helpers importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_of

from neglect_protocol import (
    GCP2,
    Assessment,
    ChildRef,
    Item,
    ObservationWindow,
    Profile,
    Rating,
    score,
)
from neglect_protocol.rules import RollUpRule, median, worst

CATALOGUE = GCP2.with_items(
    tuple(
        Item(f"{sub_area.code}{letter}", f"Invented item {letter}", sub_area.code)
        for sub_area in GCP2.sub_areas
        for letter in "abc"
    ),
    name="Benchmark catalogue (invented)",
    version="1",
)
ITEM_CODES = [item.code for item in CATALOGUE.items]
PARENT = {item.code: item.parent for item in CATALOGUE.items}
AREA_OF = {sub_area.code: sub_area.area for sub_area in GCP2.sub_areas}


def make_inputs(count: int, seed: int = 20241125) -> tuple[list[Assessment], list[dict[str, int]]]:
    """Build the same synthetic grades as assessments and as plain dicts."""
    rng = random.Random(seed)
    window = ObservationWindow(dt.date(2024, 3, 4), dt.date(2024, 3, 22))
    assessments: list[Assessment] = []
    plain: list[dict[str, int]] = []
    for number in range(count):
        grades = {code: rng.randint(1, 5) for code in ITEM_CODES}
        child = ChildRef(f"C-{number:06d}", date_of_birth=dt.date(2016, 1, 1))
        ratings = tuple(Rating(code, grade) for code, grade in grades.items())
        assessments.append(Assessment(child, window, ratings))
        plain.append(grades)
    return assessments, plain


def baseline(records: list[dict[str, int]]) -> list[dict[str, int]]:
    """The hand-written loop: worst item per sub-area, worst sub-area per area."""
    results = []
    for grades in records:
        suggested: dict[str, int] = {}
        for code, grade in grades.items():
            sub_area = PARENT[code]
            if grade > suggested.get(sub_area, 0):
                suggested[sub_area] = grade
        for sub_area, grade in list(suggested.items()):
            area = AREA_OF[sub_area]
            if grade > suggested.get(area, 0):
                suggested[area] = grade
        results.append(suggested)
    return results


def baseline_median(records: list[dict[str, int]]) -> list[dict[str, int]]:
    """The hand-written loop for the median rule (the worse middle grade of an even count)."""
    results = []
    for grades in records:
        beneath: dict[str, list[int]] = {}
        for code, grade in grades.items():
            beneath.setdefault(PARENT[code], []).append(grade)
        suggested: dict[str, int] = {}
        by_area: dict[str, list[int]] = {}
        for sub_area, values in beneath.items():
            values.sort()
            suggested[sub_area] = values[len(values) // 2]
            by_area.setdefault(AREA_OF[sub_area], []).append(suggested[sub_area])
        for area, values in by_area.items():
            values.sort()
            suggested[area] = values[len(values) // 2]
        results.append(suggested)
    return results


def library(assessments: list[Assessment], rule: RollUpRule = worst) -> list[Profile]:
    """The library: validate each assessment and score it into a full profile."""
    return [score(assessment, catalogue=CATALOGUE, rule=rule) for assessment in assessments]


def suggestions(profiles: list[Profile]) -> list[dict[str, int]]:
    """The suggested grades of each profile, in the baseline's shape."""
    return [
        {entry.code: int(entry.suggested) for entry in profile if entry.suggested is not None}
        for profile in profiles
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    assessments, plain = make_inputs(args.count)
    # The two must agree before their speeds are worth comparing.
    if suggestions(library(assessments[:500])) != baseline(plain[:500]):
        raise SystemExit("library and baseline disagree on the suggested grades")

    # The inputs live for the whole run: freezing them keeps the cyclic garbage
    # collector from re-scanning them during either timing, which would charge the
    # cost of the benchmark's own set-up to whichever side allocates more.
    gc.collect()
    gc.freeze()
    library_seconds = best_of(args.repeat, lambda: library(assessments))
    baseline_seconds = best_of(args.repeat, lambda: baseline(plain))
    print(f"assessments scored: {args.count:,} (39 item ratings each, best of {args.repeat})")
    print(f"library:  {args.count / library_seconds:12,.0f} assessments per second")
    print(f"baseline: {args.count / baseline_seconds:12,.0f} assessments per second (dict loop)")
    print(f"ratio library/baseline: {library_seconds / baseline_seconds:.2f}x (target: within 3x)")

    # The same comparison with the cyclic collector paused shows how much of the
    # gap is the collector scanning the profiles kept for the whole run.
    gc.disable()
    try:
        paused_library = best_of(args.repeat, lambda: library(assessments))
        paused_baseline = best_of(args.repeat, lambda: baseline(plain))
    finally:
        gc.enable()
        gc.unfreeze()
    print(f"ratio with the garbage collector paused: {paused_library / paused_baseline:.2f}x")

    # Any other rule is a Python call per sub-area and area; the median shows the cost.
    if suggestions(library(assessments[:500], median)) != baseline_median(plain[:500]):
        raise SystemExit("library and baseline disagree on the median suggestions")
    median_library = best_of(args.repeat, lambda: library(assessments, median))
    median_baseline = best_of(args.repeat, lambda: baseline_median(plain))
    ratio = median_library / median_baseline
    print(f"ratio with rule=median against a median dict loop: {ratio:.2f}x")


if __name__ == "__main__":
    main()

"""Benchmark: decide levels of need for synthetic profiles, against scoring them.

Each synthetic child has a baseline and two reviews (GCP2, every sub-area graded).
The baseline cost is scoring the three assessments into profiles, measured in the
same process, so the printed ratios do not depend on the machine's speed:

- deciding the latest profile with its two earlier ones as history, under the
  default policy (nine rules and the infant modifier), relative to scoring;
- reviewing the whole chronology (a decision per assessment, drift, time on level),
  relative to scoring.

Usage: python benchmarks/bench_decide.py [--count N] [--repeat R]
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

from neglect_protocol import GCP2, Assessment, ChildRef, ObservationWindow, Profile, Rating, score
from neglect_protocol.chronology import Chronology, review
from neglect_protocol.escalation import DEFAULT_POLICY, decide

WINDOWS = tuple(
    ObservationWindow(start, start + dt.timedelta(days=18))
    for start in (dt.date(2024, 1, 8), dt.date(2024, 4, 22), dt.date(2024, 9, 2))
)


def make_histories(count: int, seed: int = 20241126) -> list[tuple[Assessment, ...]]:
    """Three assessments per child, grades drifting a little between them."""
    rng = random.Random(seed)
    histories = []
    for number in range(count):
        child = ChildRef(f"C-{number:06d}", date_of_birth=dt.date(2016, 1, 1))
        grades = {sub_area.code: rng.randint(1, 4) for sub_area in GCP2.sub_areas}
        history = []
        for window in WINDOWS:
            ratings = tuple(Rating(code, grade) for code, grade in grades.items())
            history.append(Assessment(child, window, ratings))
            grades = {
                code: min(5, max(1, grade + rng.choice((-1, 0, 0, 1))))
                for code, grade in grades.items()
            }
        histories.append(tuple(history))
    return histories


def scoring(histories: list[tuple[Assessment, ...]]) -> list[tuple[Profile, ...]]:
    """The baseline: score every assessment."""
    return [tuple(score(assessment) for assessment in history) for history in histories]


def deciding(profiles: list[tuple[Profile, ...]]) -> None:
    """Decide each child's latest profile with the two before it as history."""
    for history in profiles:
        decide(history[-1], policy=DEFAULT_POLICY, history=history[:-1])


def reviewing(profiles: list[tuple[Profile, ...]]) -> None:
    """Review each child's chronology: three decisions, drift and time on level."""
    for history in profiles:
        review(Chronology(history), policy=DEFAULT_POLICY)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    histories = make_histories(args.count)
    profiles = scoring(histories)
    levels = [decide(h[-1], history=h[:-1]).level.number for h in profiles]
    gc.collect()
    gc.freeze()
    try:
        score_seconds = best_of(args.repeat, lambda: scoring(histories))
        decide_seconds = best_of(args.repeat, lambda: deciding(profiles))
        review_seconds = best_of(args.repeat, lambda: reviewing(profiles))
    finally:
        gc.unfreeze()
    print(f"children: {args.count:,}, three assessments each (best of {args.repeat})")
    print(f"levels decided for the latest review: {sorted(set(levels))}")
    print(f"scoring:   {3 * args.count / score_seconds:12,.0f} assessments per second")
    print(f"deciding:  {args.count / decide_seconds:12,.0f} decisions per second (with history)")
    print(f"reviewing: {args.count / review_seconds:12,.0f} chronologies per second")
    decide_ratio = decide_seconds / score_seconds
    review_ratio = review_seconds / score_seconds
    print(f"ratio decide (latest, 2 earlier) / score (3 assessments): {decide_ratio:.2f}x")
    print(f"ratio review (3 decisions, drift) / score (3 assessments): {review_ratio:.2f}x")


if __name__ == "__main__":
    main()

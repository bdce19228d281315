"""Benchmark: decide levels of need for synthetic profiles, against scoring them.

Each synthetic child has a baseline and two reviews (GCP2, every sub-area graded).
The baseline cost is scoring the three assessments into profiles, measured in the
same process, so the printed ratios do not depend on the machine's speed:

- deciding the latest profile with its two earlier ones as history, under the
  default policy (nine rules and the infant modifier), relative to scoring;
- reviewing the whole chronology (a decision per assessment, drift, time on level),
  relative to scoring;
- deciding a single profile with no history under the default policy, relative to
  scoring that profile's assessment (the target is at most 2x).

Long histories: one child with ``n`` assessments (n = 10, 100 and 1000), deciding
the latest with the ``n - 1`` before it as history and reviewing the whole
chronology. Both must grow linearly: the ratio of the time at 1000 to the time
at 100 is printed (linear is about 10, the target at most 20).

Figures of 3 December 2026 (``--count 2000 --longest 100``, 2-core machine shared by
eight engineers at load average 9 to 10, so noisy): decide of one profile without
history / score of its assessment, before the perf branch 3.40x and 4.72x, after it
2.61x and 2.52x (target 2x); with the garbage collector paused about 2.5x before and
1.6 to 1.8x after. Decide with two earlier profiles / score of three: before 3.00x and
2.40x, after 3.34x and 4.11x (within this machine's noise: that path is unchanged but
for the per-grade caches). Growth 100 / 10: review 9.8x and 8.3x before, 10.1x and
10.2x after (linear).

Figures of 3 December 2026 after a first decision is made straight from the profile's
entries (same options, load average 8 to 9): decide of one profile without history /
score of its assessment 2.46x, 2.46x and 2.90x before, 0.90x, 1.01x and 1.09x after
(target 2x, met; with the garbage collector off about 0.95x). Decide with two earlier
profiles / score of three: 2.78x, 2.83x and 3.00x before, 2.57x, 2.80x and 2.47x after.
Review / score of three: 6.5x, 7.0x and 7.8x before, 6.8x, 6.3x and 6.0x after.

Usage: python benchmarks/bench_decide.py [--count N] [--repeat R] [--longest L]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import random
import sys
import time
from collections.abc import Callable
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


def long_history(length: int, seed: int = 20241203) -> tuple[Profile, ...]:
    """One child's ``length`` profiles, five days apart, grades drifting a little."""
    rng = random.Random(seed)
    child = ChildRef("C-LONG", date_of_birth=dt.date(1989, 6, 1))
    grades = {sub_area.code: rng.randint(1, 4) for sub_area in GCP2.sub_areas}
    profiles = []
    start = dt.date(1990, 1, 1)
    for _ in range(length):
        window = ObservationWindow(start, start + dt.timedelta(days=2))
        ratings = tuple(Rating(code, grade) for code, grade in grades.items() if rng.random() < 0.9)
        profiles.append(score(Assessment(child, window, ratings)))
        grades = {
            code: min(5, max(1, grade + rng.choice((-1, 0, 0, 1))))
            for code, grade in grades.items()
        }
        start += dt.timedelta(days=5)
    return tuple(profiles)


def cpu_best_of(repeat: int, run: Callable[[], object]) -> float:
    """The least CPU time of ``repeat`` runs, in seconds.

    CPU time, not wall time: on a shared machine a long run is preempted far more
    often than a short one, which would make growth look worse than linear.
    """
    timings = []
    for _ in range(repeat):
        gc.collect()
        started = time.process_time()
        run()
        timings.append(time.process_time() - started)
    return min(timings)


def growth(repeat: int, longest: int) -> None:
    """Print decide-with-history and review times at 10, 100, ... ``longest`` profiles."""
    sizes = [size for size in (10, 100, 1_000, 10_000) if size <= longest]
    decide_times: dict[int, float] = {}
    review_times: dict[int, float] = {}
    for size in sizes:
        profiles = long_history(size)
        chronology = Chronology(profiles)
        latest, history = profiles[-1], profiles[:-1]
        decide_times[size] = cpu_best_of(
            repeat,
            lambda latest=latest, history=history: decide(  # type: ignore[misc]
                latest, policy=DEFAULT_POLICY, history=history
            ),
        )
        review_times[size] = cpu_best_of(
            repeat,
            lambda chronology=chronology: review(  # type: ignore[misc]
                chronology, policy=DEFAULT_POLICY
            ),
        )
        print(
            f"n = {size:>5,}: decide(latest, history of {size - 1:,}) "
            f"{decide_times[size] * 1e3:9.2f} ms; review {review_times[size] * 1e3:9.2f} ms; "
            f"review / decide-with-history {review_times[size] / decide_times[size]:7.1f}x"
        )
    for small, large in itertools.pairwise(sizes):
        print(
            f"growth {large:,} / {small:,}: decide with history "
            f"{decide_times[large] / decide_times[small]:.1f}x, "
            f"review {review_times[large] / review_times[small]:.1f}x (linear: 10x)"
        )


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
    parser.add_argument("--longest", type=int, default=1_000)
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
    latest_assessments = [history[-1] for history in histories]
    latest_profiles = [history[-1] for history in profiles]
    gc.freeze()
    try:
        one_score = best_of(args.repeat, lambda: [score(each) for each in latest_assessments])
        one_decide = best_of(
            args.repeat, lambda: [decide(each, policy=DEFAULT_POLICY) for each in latest_profiles]
        )
    finally:
        gc.unfreeze()
    print(
        f"ratio decide (one profile, no history) / score (its assessment): "
        f"{one_decide / one_score:.2f}x (target at most 2x)"
    )
    growth(args.repeat, args.longest)


if __name__ == "__main__":
    main()

"""Benchmark: the median time to draw one value with ``st.from_type`` for each public type.

Each type's strategy (as the ``hypothesis`` entry point resolves it) draws
``--draws`` values inside a Hypothesis test, each draw timed as Hypothesis' own
statistics time them (CPU time, so that other processes on the machine do not
count); the median draw time is printed,
with its ratio to drawing a plain ``st.integers()`` in the same process, so the
ratios do not depend on the machine's speed. The target is a median under 5 ms:
Hypothesis' "input generation is slow" health check fails a test whose draws
take much longer.

``--scale`` runs the same at 10x and 100x the draws, to show the median is
steady (no strategy is rebuilt, or cache filled, per draw).

Usage: python benchmarks/bench_strategies.py [--draws N] [--only NAME] [--scale]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterable
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from neglect_protocol.strategies import type_strategies


def median_draw_seconds(strategy: st.SearchStrategy[Any], draws: int) -> float:
    """The median time, in seconds, that Hypothesis spends drawing one value of ``strategy``.

    Each draw is timed inside a test, as Hypothesis' own statistics time it, so the
    engine's work between examples is left out. The time is the CPU time of this
    thread: on a shared machine, wall time adds whole scheduler slices (tens of
    milliseconds) to any draw that happens to be preempted.
    """
    times: list[float] = []

    @settings(
        max_examples=draws,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def draw_once(data: st.DataObject) -> None:
        start = time.thread_time()
        data.draw(strategy)
        times.append(time.thread_time() - start)

    draw_once()
    return statistics.median(times)


def run(types: Iterable[type], draws: int) -> None:
    """Print, per type, the median draw time and its ratio to drawing an integer."""
    baseline = median_draw_seconds(st.integers(), draws)
    print(f"baseline st.integers(): {baseline * 1e3:.3f} ms a draw ({draws} draws)")
    slowest = 0.0
    for kind in types:
        seconds = median_draw_seconds(st.from_type(kind), draws)
        slowest = max(slowest, seconds)
        print(f"{kind.__name__:>24}: {seconds * 1e3:7.2f} ms  ({seconds / baseline:6.1f}x)")
    print(f"slowest median: {slowest * 1e3:.2f} ms (target < 5 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=100)
    parser.add_argument("--only", help="names of types to draw, separated by commas")
    parser.add_argument("--scale", action="store_true", help="repeat at 10x and 100x the draws")
    args = parser.parse_args()
    wanted = None if args.only is None else set(args.only.split(","))
    types = [kind for kind in type_strategies() if wanted is None or kind.__name__ in wanted]
    for factor in (1, 10, 100) if args.scale else (1,):
        run(types, args.draws * factor)


if __name__ == "__main__":
    main()

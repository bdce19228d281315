"""Timing shared by the benchmark scripts (run them from the repository root)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds, collecting garbage before each."""
    timings = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)

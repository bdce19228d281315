"""Benchmark: how long a fresh interpreter takes to import the package, beside attrs and cattrs.

Each run is a whole new process (``python -c "import neglect_protocol"``), so
nothing is cached in memory between runs. The baseline is a process importing
attrs and cattrs, the libraries the package is built on: runs alternate between
the two, so that the machine's load affects both alike, and the script prints
the median of each and their ratio. The target is a ratio of at most 1.3.

Usage: python benchmarks/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

PACKAGE = "import neglect_protocol"
BASELINE = "import attrs, cattrs"


def run_once(statement: str) -> float:
    """Seconds for one fresh interpreter to run ``statement`` and exit."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each (default 20)")
    arguments = parser.parse_args()
    # One run of each first, unmeasured, so that both start with warm file caches.
    run_once(PACKAGE)
    run_once(BASELINE)
    package: list[float] = []
    baseline: list[float] = []
    for _ in range(arguments.runs):
        package.append(run_once(PACKAGE))
        baseline.append(run_once(BASELINE))
    ours, theirs = statistics.median(package), statistics.median(baseline)
    print(f"{PACKAGE!r}: median {ours * 1000:.0f} ms over {arguments.runs} runs")
    print(f"{BASELINE!r}: median {theirs * 1000:.0f} ms over {arguments.runs} runs")
    print(f"ratio: {ours / theirs:.2f}x (target at most 1.3x)")


if __name__ == "__main__":
    main()

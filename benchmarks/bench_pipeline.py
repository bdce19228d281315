"""Benchmark: JSON Lines of assessments to profile-and-decision JSON Lines, at 1×, 10× and 100×.

Writes a JSON Lines file of invented assessment documents (the documents of
``bench_serialize.py``, item-graded, with evidence), then runs the pipeline the
command line runs (:func:`neglect_protocol._boundary._stream_run.run`) over it with
one job and with two, and ``json.loads`` + ``json.dumps`` of every line as the
baseline in the same process. It prints the time per line, the ratio to the
baseline, the rate projected to one million lines (the issue's targets: 150 s on
one core, 90 s with two jobs), how the cost grows from 1× to 100× (it should be
linear), and how much resident memory grew from 10 % to 100 % of the largest run.

Run it with ``make benchmark`` or ``python benchmarks/bench_pipeline.py --count N``.
At the issue's scale, ``--lines 1000000`` runs that many lines once with one job
and once with two (no 1×/10×/100× ladder) and prints the same figures; on a shared
machine ``--lines 100000`` and the printed projection to one million is the
practical measure.

Figures of 3 December 2026, on this 2-core machine shared by eight engineers (load
average 9 to 10, so every absolute time is several times a quiet machine's, and the
json baseline itself swung from 125 to 370 us a line between runs):

- ``--lines 100000`` (perf branch): one job 401.8 s (4.0 ms a line, 10.9x the json
  round trip measured just before), two jobs 219.8 s (6.0x); resident memory of the
  reading process +0.1 MB and +1.6 MB from 10 % to 100 % of the run. Projected to one
  million lines on this loaded machine: about 4,000 s and 2,200 s; the 150 s and 90 s
  targets could not be checked here.
- ``--lines 20000``, before and after the perf branch, one after the other: one job
  54.4 s then 51.8 s, two jobs 36.1 s then 42.3 s (differences within the noise).
- Output side (pipeline branch: fast writers of profiles and decisions, compact lines
  through orjson), before and after one after the other, load average 7 to 10.
  ``--count 500`` at 100x (50,000 lines): one job 10.8x then 6.7x the json round
  trip, two jobs 10.5x then 5.4x; ``--lines 20000``: one job 8.1x then 6.3x, two jobs
  7.3x then 6.2x. In one process, side by side (CPU time a line, the json round trip
  of an input line 37-39 us): writing a profile 35 -> 14 us, a decision (reason
  text already written) 35 -> 17 us, the JSON line 66 -> 7 us (the json module's
  compact encoder alone: 58 us), and the whole line (read, score, decide, write)
  365-414 -> 229-255 us, 6.2-6.6x the json round trip.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench_score import CATALOGUE
from bench_serialize import invented_assessment

from neglect_protocol._boundary._stream import Scorer, _line_writer, _standard_line
from neglect_protocol._boundary._stream_run import Tally, run
from neglect_protocol.escalation import DEFAULT_POLICY
from neglect_protocol.rules import worst
from neglect_protocol.serialize import to_json


def _resident_kib() -> int:
    """This process's resident memory in KiB (Linux), or 0 where it cannot be read."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:  # pragma: no cover - not Linux
        pass
    return 0


def _build() -> Scorer:
    return Scorer(CATALOGUE, worst, DEFAULT_POLICY)


def write_lines(path: Path, count: int, seed: int = 2022) -> None:
    """Write ``count`` lines of invented assessment documents (500 distinct, repeated)."""
    rng = random.Random(seed)
    distinct = [to_json(invented_assessment(rng, number)) for number in range(min(count, 500))]
    with path.open("w", encoding="utf-8") as file:
        for index in range(count):
            file.write(distinct[index % len(distinct)] + "\n")


def baseline(path: Path) -> float:
    """Seconds to parse and re-serialise every line with the json module alone."""
    started = time.perf_counter()
    sink = io.StringIO()
    with path.open("rb") as file:
        for line in file:
            sink.write(json.dumps(json.loads(line)) + "\n")
            sink.seek(0)
    return time.perf_counter() - started


class _Sampler(io.StringIO):
    """An output that samples resident memory as lines are written."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.written = 0
        self.samples: dict[int, int] = {}

    def write(self, text: str) -> int:
        self.written += 1
        if self.written in (self.count // 10, self.count):
            self.samples[self.written] = _resident_kib()
        # Keep nothing: the output is measured, not stored.
        return len(text)


def pipeline(path: Path, count: int, jobs: int) -> tuple[float, Tally, dict[int, int]]:
    """Seconds to score and decide every line, the tally, and memory samples."""
    output = _Sampler(count)
    started = time.perf_counter()
    with path.open("rb") as file:
        tally = run(file, output, io.StringIO(), _build, jobs=jobs)
    return time.perf_counter() - started, tally, output.samples


def at_scale(count: int, job_counts: Sequence[int]) -> None:
    """Run ``count`` lines once per job count and print time, rate and memory growth."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        started = time.perf_counter()
        write_lines(path, count)
        print(f"wrote {count:,} lines in {time.perf_counter() - started:.1f} s")
        base = baseline(path)
        print(f"json.loads + json.dumps of every line: {base:.1f} s")
        for jobs in job_counts:
            seconds, tally, samples = pipeline(path, count, jobs)
            assert tally.scored == count, tally
            growth = (samples[count] - samples[count // 10]) / 1024 if len(samples) == 2 else 0.0
            print(
                f"{count:,} lines, {jobs} job(s): {seconds:.1f} s, "
                f"{seconds / count * 1e6:.1f} us a line, {seconds / base:.1f}x json round trip, "
                f"projected to 1M lines: {seconds / count * 1e6:.0f} s; resident memory of the "
                f"reading process +{growth:.1f} MB from 10% to 100% of the run"
            )
    print("targets: 1M lines in 150 s on one core, in 90 s with --jobs 2; memory growth < 50 MB")


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1_000, help="lines at 1x (default 1,000)")
    parser.add_argument(
        "--lines",
        type=int,
        default=None,
        help="run this many lines once per job count (e.g. 1000000), instead of 1x/10x/100x",
    )
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="job counts to run")
    arguments = parser.parse_args(argv)
    # The fast extra (orjson) changes the figures, not the output: say which ran.
    writer = "the json module" if _line_writer() is _standard_line else "orjson (the fast extra)"
    print(f"result lines written by {writer}")
    if arguments.lines is not None:
        at_scale(arguments.lines, arguments.jobs)
        return
    per_line: dict[tuple[int, int], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for scale in (1, 10, 100):
            count = arguments.count * scale
            path = Path(folder) / f"in-{scale}.jsonl"
            write_lines(path, count)
            base = baseline(path)
            for jobs in (1, 2):
                if scale == 100 and jobs == 1 and arguments.count > 1_000:
                    continue
                seconds, tally, samples = pipeline(path, count, jobs)
                assert tally.scored == count, tally
                per_line[scale, jobs] = seconds / count
                line = (
                    f"{count:>9,} lines, {jobs} job{'s' if jobs > 1 else ' '}: "
                    f"{seconds:7.2f} s, {seconds / count * 1e6:6.1f} us a line, "
                    f"{seconds / base:5.1f}x json round trip, "
                    f"1M lines in {seconds / count * 1e6:6.0f} s"
                )
                if scale == 100 and samples:
                    growth = (samples[count] - samples[count // 10]) / 1024
                    line += f", resident memory +{growth:.1f} MB from 10% to 100%"
                print(line)
    for jobs in (1, 2):
        if (100, jobs) in per_line:
            growth = per_line[100, jobs] / per_line[1, jobs]
            print(f"cost a line at 100x / at 1x, {jobs} job(s): {growth:.2f} (linear: about 1)")
    print("targets: 1M lines in 150 s on one core, in 90 s with --jobs 2")


if __name__ == "__main__":
    main()

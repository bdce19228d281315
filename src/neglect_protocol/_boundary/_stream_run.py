"""Running a JSON Lines stream from the command line: worker processes, progress, summary.

Lines are scored in chunks. With one job they are scored in this process; with more,
chunks go to a pool of worker processes (standard library only), at most a few chunks
ahead of the writer, so memory stays flat and results are written in input order. A
worker that dies stops the run with a message naming the first line not scored:
every line before it has been written once, and none after.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import IO

import attrs

from neglect_protocol._boundary._stream import Scorer, _TooLong, read_lines

CHUNK_LINES = 256
_AHEAD_PER_JOB = 4
_PROGRESS_EVERY = 0.5

# The scorer of a worker process, built once by ``_start_worker``.
_worker_scorer: list[Scorer] = []


@attrs.define
class Tally:
    """How many lines a run read, scored and refused."""

    read: int = 0
    scored: int = 0
    refused: int = 0

    def summary(self) -> str:
        """One line for standard error at the end of a run."""
        return f"{self.read} lines read: {self.scored} scored, {self.refused} refused"


class WorkerDied(Exception):  # noqa: N818 - reported by the command line, never raised to a user
    """A worker process ended without returning its chunk."""

    def __init__(self, first: int, last: int) -> None:
        self.first = first
        self.last = last
        # When a worker dies the whole pool stops, so the chunk that could not be
        # collected is the first not written, not necessarily the one that killed it.
        super().__init__(
            f"a worker process died; lines {first} onwards were not scored (the next "
            f"chunk held lines {first} to {last})"
        )


Chunk = list[tuple[int, bytes | _TooLong]]


def _start_worker(build: Callable[[], Scorer]) -> None:
    _worker_scorer.append(build())


def _score_chunk(chunk: Chunk) -> list[tuple[bool, str]]:
    scorer = _worker_scorer[0]
    return [scorer.output(number, line) for number, line in chunk]


def _chunks(stream: IO[bytes]) -> Iterator[Chunk]:
    lines = read_lines(stream)
    while chunk := list(itertools.islice(lines, CHUNK_LINES)):
        yield chunk


def _results(
    stream: IO[bytes], build: Callable[[], Scorer], jobs: int
) -> Iterator[list[tuple[bool, str]]]:
    """Each chunk's outputs in input order, scored here or by ``jobs`` worker processes."""
    if jobs <= 1:
        scorer = build()
        for chunk in _chunks(stream):
            yield [scorer.output(number, line) for number, line in chunk]
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(build,)) as pool:
        pending: deque[tuple[Chunk, Future[list[tuple[bool, str]]]]] = deque()
        chunks = _chunks(stream)
        for chunk in chunks:
            pending.append((chunk, pool.submit(_score_chunk, chunk)))
            if len(pending) >= jobs * _AHEAD_PER_JOB:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())


def _collect(chunk: Chunk, future: Future[list[tuple[bool, str]]]) -> list[tuple[bool, str]]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerDied(chunk[0][0], chunk[-1][0]) from None


def run(
    stream: IO[bytes],
    output: IO[str],
    errors: IO[str],
    build: Callable[[], Scorer],
    *,
    jobs: int = 1,
    progress: IO[str] | None = None,
    clock: Callable[[], float] = time.monotonic,
    tally: Tally | None = None,
) -> Tally:
    """Score every line of ``stream``, writing results to ``output`` and errors to ``errors``.

    Each result is written as one whole line with a single write, so an interrupted run
    leaves only complete lines behind.

    Args:
        stream: The JSON Lines input, binary.
        output: Where each scored line's result goes, one JSON object a line.
        errors: Where each refused line's problems go, one JSON object a line.
        build: Builds the scorer (called once here, or once in each worker process).
        jobs: How many worker processes to use; 1 scores in this process.
        progress: Where to draw a progress line (a terminal), or None for none.
        clock: The clock the progress line's rate is measured with.
        tally: The counts to add to (so that a caller still has them after an
            interruption); a new one by default.

    Returns:
        How many lines were read, scored and refused.

    Raises:
        WorkerDied: When a worker process ended without returning its lines.
    """
    tally = Tally() if tally is None else tally
    started = last_drawn = clock()
    for outputs in _results(stream, build, jobs):
        for scored, text in outputs:
            tally.read += 1
            if scored:
                tally.scored += 1
                output.write(text + "\n")
            else:
                tally.refused += 1
                errors.write(text + "\n")
        if progress is not None and clock() - last_drawn >= _PROGRESS_EVERY:
            last_drawn = clock()
            _draw(progress, tally, last_drawn - started)
    if progress is not None:
        _draw(progress, tally, clock() - started)
        progress.write("\n")
    return tally


def _draw(progress: IO[str], tally: Tally, elapsed: float) -> None:
    rate = tally.read / elapsed if elapsed > 0 else 0.0
    progress.write(f"\r{tally.read:,} lines, {rate:,.0f} lines/s, {tally.refused:,} refused so far")
    progress.flush()


def terminal(stream: IO[str]) -> IO[str] | None:
    """``stream`` if it is a terminal (where a progress line belongs), else None."""
    try:
        return stream if stream.isatty() else None
    except (AttributeError, ValueError):  # A closed or file-less stream draws nothing.
        return None

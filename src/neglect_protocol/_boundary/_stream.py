"""Scoring a stream of assessment documents: JSON Lines in, one result per line out.

Each line is read, parsed, scored and decided on its own, so one bad line never stops
the run and memory stays flat however long the stream is. Results come back in the
order of the lines, each carrying its line number; a line that cannot be scored gives
a :class:`LineError` listing its problems (paths and messages, never the text of the
line), and the stream goes on.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

import attrs

from neglect_protocol._boundary._builtin import builtin_catalogue
from neglect_protocol._boundary._documents import from_dict, to_dict
from neglect_protocol._boundary._parse import SYNTAX, parse_json
from neglect_protocol._boundary._wire import RULE, SHAPE
from neglect_protocol._logic._decide import decide
from neglect_protocol._logic._score import score
from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._decision import Decision
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._policy import ThresholdPolicy
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import (
    DocumentError,
    DocumentProblem,
    InputError,
    NeglectProtocolError,
)

# A line longer than this is refused unread: a JSON Lines record of one assessment is
# a few kilobytes, and a runaway line (a whole file without newlines) must not be
# held in memory whole.
DEFAULT_MAX_LINE_BYTES = 1 << 20

_CHUNK = 1 << 16


@attrs.frozen
class Scored:
    """One line's assessment, scored and (unless asked not to) decided.

    Attributes:
        line: The line's number in the stream, from 1.
        profile: The profile of the assessment on that line.
        decision: The level of need decided for it, or None when deciding was not asked.
    """

    line: int
    profile: Profile
    decision: Decision | None = None

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready mapping: ``line``, ``profile`` and ``decision``."""
        result: dict[str, Any] = {"line": self.line, "profile": to_dict(self.profile)}
        if self.decision is not None:
            result["decision"] = to_dict(self.decision)
        return result


@attrs.frozen
class LineError:
    """A line that could not be read, scored or decided, with every problem found.

    Attributes:
        line: The line's number in the stream, from 1.
        problems: What is wrong, each a ``$``-rooted path and a message that repeats
            no free text from the line.
    """

    line: int
    problems: tuple[DocumentProblem, ...]

    def to_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready mapping: ``line`` and ``problems``."""
        return {
            "line": self.line,
            "problems": [
                {"path": problem.path, "message": problem.message} for problem in self.problems
            ],
        }


StreamResult = Scored | LineError


# A line of output is compact JSON: without the spaces after separators it is a tenth
# shorter, and it is what orjson writes. Text is written as it is (not escaped to
# ASCII), and a result holds no cycles, so the check for them is skipped.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _standard_line(value: Any) -> str:
    return _COMPACT.encode(value)


@functools.cache
def _line_writer() -> Callable[[Any], str]:
    """How a result becomes a line of JSON: orjson when it is installed, else the json module.

    orjson (the ``fast`` extra) writes a result several times faster, and the same
    text as :data:`_COMPACT` for every result, which holds only dicts, lists, text,
    whole numbers, booleans and None (tests/test_pipeline.py checks it). What orjson
    refuses (a whole number beyond 64 bits, text with a lone surrogate) is written by
    the json module, as it would have been without orjson.
    """
    try:
        import orjson  # An optional accelerator (the ``fast`` extra), imported when needed.
    except ImportError:
        return _standard_line
    dumps = orjson.dumps

    def fast_line(value: Any) -> str:
        try:
            return dumps(value).decode()
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            return _standard_line(value)

    return fast_line


def json_line(value: Any) -> str:
    """A result's JSON-ready mapping as one line of compact JSON (without the newline)."""
    return _line_writer()(value)


@attrs.frozen
class _TooLong:
    """A line refused unread because it is longer than the limit."""

    size: int
    limit: int


def read_lines(
    stream: IO[bytes], *, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
) -> Iterator[tuple[int, bytes | _TooLong]]:
    """The lines of a binary stream, numbered from 1, each without its line ending.

    A line longer than ``max_line_bytes`` is skipped in chunks without being held
    whole, and stands as a :class:`_TooLong` marker.
    """
    number = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            size = len(line)
            while True:
                rest = stream.readline(_CHUNK)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, _TooLong(size, max_line_bytes)
            continue
        yield number, line.rstrip(b"\r\n")


def _problems(error: NeglectProtocolError) -> tuple[DocumentProblem, ...]:
    """The problems of a library error, each at a ``$``-rooted path.

    An error about input data lists its problems; any other library error (a
    roll-up or threshold rule of the caller's that raises one, say) is one problem
    at ``$``, its message being the library's own, which echoes nothing unsafe.
    """
    if not isinstance(error, InputError):
        return (DocumentProblem("$", str(error), RULE),)
    return tuple(
        problem
        if problem.path.startswith("$")
        else DocumentProblem(f"$.{problem.path}" if problem.path else "$", problem.message, RULE)
        for problem in error.problems
    )


@attrs.frozen
class Scorer:
    """What scores one document: the catalogue, the roll-up rule and the policy.

    Built once per stream (and once per worker process), then called per line.

    Attributes:
        catalogue: The catalogue to validate against, or None for the built-in one.
        rule: The roll-up rule for suggested grades.
        policy: The threshold policy to decide with, or None to score only.
        allow_non_monotone: Whether to decide on a roll-up rule that is not monotone
            (see ``decide``); refused otherwise.
    """

    catalogue: Catalogue | None
    rule: Callable[[Iterable[Grade]], Grade]
    policy: ThresholdPolicy | None
    allow_non_monotone: bool = False

    def document(self, number: int, document: object) -> StreamResult:
        """Score and decide one parsed document, or say what is wrong with it."""
        try:
            if not isinstance(document, Mapping):
                found = "an array" if isinstance(document, list) else "a JSON value"
                problem = DocumentProblem("$", f"expected a JSON object, got {found}", SHAPE)
                return LineError(number, (problem,))
            assessment = from_dict(Assessment, document)
            catalogue = self.catalogue or builtin_catalogue(assessment.instrument)
            profile = score(assessment, catalogue=catalogue, rule=self.rule)
            decision = (
                None
                if self.policy is None
                else decide(profile, policy=self.policy, allow_non_monotone=self.allow_non_monotone)
            )
        except NeglectProtocolError as error:
            # Any library error is about this line alone: it becomes the line's error
            # record, and the stream goes on. Anything else is a bug, and stops the run.
            return LineError(number, _problems(error))
        return Scored(number, profile, decision)

    def line(self, number: int, line: bytes | str | _TooLong) -> StreamResult:
        """Parse, score and decide one line, or say what is wrong with it."""
        if isinstance(line, _TooLong):
            message = f"expected a line of at most {line.limit} bytes, got {line.size}"
            return LineError(number, (DocumentProblem("$", message, SYNTAX),))
        if not line.strip():
            return LineError(
                number, (DocumentProblem("$", "expected a JSON object, got a blank line", SYNTAX),)
            )
        try:
            document = parse_json(line)
        except DocumentError as error:
            return LineError(number, tuple(error.problems))
        return self.document(number, document)

    def output(self, number: int, line: bytes | str | _TooLong) -> tuple[bool, str]:
        """One line's result as a line of JSON, and whether it was scored."""
        result = self.line(number, line)
        return isinstance(result, Scored), json_line(result.to_dict())


def score_lines(lines: Iterable[bytes | str], scorer: Scorer) -> Iterator[StreamResult]:
    """Score each line of JSON Lines text in turn, yielding one result per line."""
    for number, line in enumerate(lines, start=1):
        yield scorer.line(number, line)


def score_documents(documents: Iterable[object], scorer: Scorer) -> Iterator[StreamResult]:
    """Score each parsed document (a mapping, as from ``json.loads``) in turn."""
    for number, document in enumerate(documents, start=1):
        yield scorer.document(number, document)

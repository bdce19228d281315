"""Scoring many assessments as a stream: JSON Lines or parsed documents in, results out.

Each assessment is read, scored and decided on its own, and the results come back
lazily, one per input line and in the same order, so a run over millions of
records keeps its memory flat and one bad record never stops it. A record that
cannot be read or scored gives a :class:`LineError` with its line number and every
problem found (``$`` paths and messages that never repeat the record's free text).

>>> import json
>>> from pathlib import Path
>>> from neglect_protocol.pipeline import LineError, Scored, score_lines
>>> document = Path("examples/invented_assessment.json").read_text()
>>> lines = [json.dumps(json.loads(document)), "", '{"kind": "assessment"}']
>>> from neglect_protocol import load_catalogue
>>> catalogue = load_catalogue("examples/invented_catalogue.toml")
>>> for result in score_lines(lines, catalogue=catalogue):
...     if isinstance(result, Scored):
...         print(result.line, result.decision.level)
...     else:
...         print(result.line, result.problems[0])
1 level 4 (Acute / specialist)
2 $: expected a JSON object, got a blank line
3 $.schema_version: required key missing; expected 1

The command line does the same over a file, with worker processes:
``neglect-protocol score --jsonl IN.jsonl --out OUT.jsonl --jobs 2``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from neglect_protocol._api import publish_exports
from neglect_protocol._boundary._builtin import builtin_policy
from neglect_protocol._boundary._stream import (
    DEFAULT_MAX_LINE_BYTES,
    LineError,
    Scored,
    Scorer,
    StreamResult,
)
from neglect_protocol._boundary._stream import score_documents as _score_documents
from neglect_protocol._boundary._stream import score_lines as _score_lines
from neglect_protocol._logic._rules import worst
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._policy import ThresholdPolicy

__all__ = [
    "DEFAULT_MAX_LINE_BYTES",
    "LineError",
    "Scored",
    "StreamResult",
    "score_documents",
    "score_lines",
]


def __dir__() -> list[str]:
    return __all__


def _scorer(
    catalogue: Catalogue | None,
    rule: Callable[[Iterable[Grade]], Grade],
    policy: ThresholdPolicy | None,
    decide: bool,
) -> Scorer:
    """The scorer for a stream, with the default policy resolved here in the façade."""
    if not decide:
        return Scorer(catalogue, rule, None)
    return Scorer(catalogue, rule, builtin_policy() if policy is None else policy)


def score_lines(
    lines: Iterable[str | bytes],
    *,
    catalogue: Catalogue | None = None,
    rule: Callable[[Iterable[Grade]], Grade] = worst,
    policy: ThresholdPolicy | None = None,
    decide: bool = True,
) -> Iterator[StreamResult]:
    """Score each line of JSON Lines text, lazily, one result per line in order.

    Args:
        lines: The lines, as text or bytes (an open file iterates as lines); each
            holds one assessment document.
        catalogue: The catalogue to check against; by default the built-in one for
            each assessment's instrument.
        rule: The roll-up rule for suggested grades (``worst`` by default).
        policy: The threshold policy to decide with; by default the built-in
            example policy.
        decide: Whether to decide a level of need for each profile.

    Returns:
        An iterator of :class:`Scored` and :class:`LineError`, one per line, each
        carrying its line number (from 1). A blank line, a line that is not JSON or
        not an object, a duplicate key or an invalid assessment is a
        :class:`LineError`; the stream goes on.
    """
    return _score_lines(lines, _scorer(catalogue, rule, policy, decide))


def score_documents(
    documents: Iterable[object],
    *,
    catalogue: Catalogue | None = None,
    rule: Callable[[Iterable[Grade]], Grade] = worst,
    policy: ThresholdPolicy | None = None,
    decide: bool = True,
) -> Iterator[StreamResult]:
    """Score each parsed assessment document (a mapping from ``json.loads``), lazily.

    The same as :func:`score_lines` for documents already parsed, such as the
    records of a Dask bag or a message queue; ``line`` then counts documents from 1.

    Args:
        documents: The parsed documents.
        catalogue: The catalogue to check against; by default the built-in one.
        rule: The roll-up rule for suggested grades (``worst`` by default).
        policy: The threshold policy to decide with; by default the built-in one.
        decide: Whether to decide a level of need for each profile.

    Returns:
        An iterator of :class:`Scored` and :class:`LineError`, one per document.
    """
    return _score_documents(documents, _scorer(catalogue, rule, policy, decide))


publish_exports(globals())

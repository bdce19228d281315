"""The streaming pipeline: JSON Lines in, one result per line out, in order, never stopping."""

from __future__ import annotations

import gc
import importlib
import io
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import Catalogue, load_catalogue

# The stream's reader, scorer and runner are private: how a line is framed, scored in a
# worker and reported when a worker dies are internal laws no public call can force.
from neglect_protocol._boundary._stream import (
    Scorer,
    _line_writer,
    _standard_line,
    json_line,
    read_lines,
)
from neglect_protocol._boundary._stream_run import WorkerDied, run
from neglect_protocol.cli import main
from neglect_protocol.errors import (
    DocumentProblem,
    NeglectProtocolError,
    PolicyError,
    UnsupportedTypeError,
)
from neglect_protocol.escalation import DEFAULT_POLICY, RuleContext
from neglect_protocol.pipeline import LineError, Scored, score_documents, score_lines
from neglect_protocol.rules import worst
from neglect_protocol.strategies import decisions, profiles

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "invented_assessment.json"
CATALOGUE = ROOT / "examples" / "invented_catalogue.toml"
FREE_TEXT = "Invented: Mum said the baby cried all night"


def _document(reference: str = "C-0001") -> dict[str, object]:
    document: dict[str, object] = json.loads(EXAMPLE.read_text())
    document["child"] = {**document["child"], "reference": reference}  # type: ignore[dict-item]
    return document


def _line(reference: str = "C-0001") -> str:
    return json.dumps(_document(reference))


BAD_LINES = [
    ("", "$: expected a JSON object, got a blank line"),
    ("[1, 2]", "$: expected a JSON object, got an array"),
    ('{"kind": "assessment", "kind": "assessment"}', "$.kind: expected each key once"),
    ('{"kind": "assess', "$: expected JSON, got a syntax error"),
    ("3", "$: expected a JSON object, got a JSON value"),
]


class TestOrderAndLineNumbers:
    def test_results_come_in_input_order_with_line_numbers(
        self, invented_catalogue: Catalogue
    ) -> None:
        """Each line gives one result, in the order of the lines, numbered from 1."""
        lines = [_line(f"C-{n:04d}") for n in range(5)]
        results = list(score_lines(lines, catalogue=invented_catalogue))
        assert [1, 2, 3, 4, 5] == [result.line for result in results]
        assert [f"C-{n:04d}" for n in range(5)] == [
            result.profile.child.reference for result in results if isinstance(result, Scored)
        ]

    def test_decisions_match_deciding_one_by_one(self, invented_catalogue: Catalogue) -> None:
        """The stream decides as ``decide`` does, with the default policy unless told."""
        (result,) = score_lines([_line()], catalogue=invented_catalogue)
        assert isinstance(result, Scored)
        assert result.decision is not None
        assert DEFAULT_POLICY == result.decision.policy
        assert 4 == result.decision.level.number

    def test_scoring_only(self, invented_catalogue: Catalogue) -> None:
        """With ``decide=False`` no decision is made."""
        (result,) = score_lines([_line()], catalogue=invented_catalogue, decide=False)
        assert isinstance(result, Scored)
        assert result.decision is None
        assert "decision" not in result.to_dict()

    def test_parsed_documents(self, invented_catalogue: Catalogue) -> None:
        """Documents already parsed are scored the same way, counted from 1."""
        results = list(
            score_documents([_document(), [1], _document("C-0002")], catalogue=invented_catalogue)
        )
        assert [Scored, LineError, Scored] == [type(result) for result in results]
        assert [1, 2, 3] == [result.line for result in results]

    def test_the_stream_is_lazy(self, invented_catalogue: Catalogue) -> None:
        """Nothing is read before a result is asked for, and only as far as asked."""
        read: list[int] = []

        def lines() -> Iterator[str]:
            for number in range(1, 1000):
                read.append(number)
                yield _line()

        results = score_lines(lines(), catalogue=invented_catalogue)
        assert [] == read
        next(results)
        assert [1] == read


class TestBadLines:
    @pytest.mark.parametrize(("line", "message"), BAD_LINES)
    def test_a_bad_line_gives_one_error_and_the_stream_goes_on(
        self, invented_catalogue: Catalogue, line: str, message: str
    ) -> None:
        """A bad line gives one LineError with its number; the lines around it are scored."""
        results = list(score_lines([_line(), line, _line()], catalogue=invented_catalogue))
        assert [Scored, LineError, Scored] == [type(result) for result in results]
        error = results[1]
        assert isinstance(error, LineError)
        assert 2 == error.line
        assert str(error.problems[0]).startswith(message)

    @pytest.mark.parametrize(
        ("error", "message"),
        [
            (UnsupportedTypeError("Widget"), "Widget"),
            (NeglectProtocolError("a rule of the caller's gave up"), "gave up"),
            (PolicyError("rule 'failing'", "expected a reason"), "failing"),
        ],
    )
    def test_any_library_error_on_a_line_is_that_line_error(
        self, invented_catalogue: Catalogue, error: NeglectProtocolError, message: str
    ) -> None:
        """Any library error raised while scoring or deciding a line (not only an input
        error) becomes that line's error record, at ``$``, and the lines after it are scored."""

        def failing(context: RuleContext) -> None:
            if context.profile.child.reference == "C-0002":
                raise error

        policy = attrs.evolve(DEFAULT_POLICY, rules=(*DEFAULT_POLICY.rules, failing))
        lines = [_line("C-0001"), _line("C-0002"), _line("C-0003")]
        results = list(score_lines(lines, catalogue=invented_catalogue, policy=policy))
        assert [Scored, LineError, Scored] == [type(result) for result in results]
        refused = results[1]
        assert isinstance(refused, LineError)
        assert 2 == refused.line
        assert all(problem.path.startswith("$") for problem in refused.problems)
        assert message in str(refused.problems[0])

    def test_invalid_utf8(self, invented_catalogue: Catalogue) -> None:
        """Bytes that are not UTF-8 give an error for their line only."""
        results = list(
            score_lines(
                [_line().encode(), b"\xff\xfe{", _line().encode()], catalogue=invented_catalogue
            )
        )
        assert [Scored, LineError, Scored] == [type(result) for result in results]

    def test_an_invalid_assessment_lists_every_problem_without_free_text(
        self, invented_catalogue: Catalogue
    ) -> None:
        """An invalid assessment gives its problems; text from the line is not echoed."""
        document = _document(FREE_TEXT)
        document["window"] = {"start": "2024-03-22", "end": "2024-03-04"}
        (result,) = score_lines([json.dumps(document)], catalogue=invented_catalogue)
        assert isinstance(result, LineError)
        text = json.dumps(result.to_dict())
        assert FREE_TEXT not in text
        assert "$.window" in {problem.path for problem in result.problems}

    def test_a_line_longer_than_the_limit_is_refused_unread(self) -> None:
        """A runaway line is skipped in chunks, not held whole, and the next line is read."""
        stream = io.BytesIO(b"x" * 5000 + b"\n" + b"{}\n" + b"y" * 5000)
        lines = list(read_lines(stream, max_line_bytes=100))
        assert [1, 2, 3] == [number for number, _ in lines]
        scorer = Scorer(None, worst, None)
        first, second, third = (scorer.line(number, line) for number, line in lines)
        assert isinstance(first, LineError)
        assert "$: expected a line of at most 100 bytes, got 5001" == str(first.problems[0])
        assert isinstance(second, LineError)
        assert isinstance(third, LineError)
        assert "got 5000" in str(third.problems[0])

    def test_a_truncated_last_line(self, invented_catalogue: Catalogue) -> None:
        """A last line cut short (no newline, not JSON) is an error of its own."""
        stream = io.BytesIO((_line() + "\n" + _line()[:40]).encode())
        scorer = Scorer(invented_catalogue, worst, DEFAULT_POLICY)
        results = [scorer.line(number, line) for number, line in read_lines(stream)]
        assert [Scored, LineError] == [type(result) for result in results]


_RESULTS = st.one_of(
    st.builds(Scored, st.integers(1, 2**40), profiles(), st.none() | decisions()),
    st.builds(
        LineError,
        st.integers(1, 2**40),
        st.lists(st.builds(DocumentProblem, st.text(), st.text()), max_size=3).map(tuple),
    ),
)


class TestOutputLines:
    """Each result is one line of compact JSON, the same with orjson installed or not."""

    def test_a_line_is_compact_json_with_text_as_it_is(self) -> None:
        """No spaces after separators; text is written as it is, not escaped to ASCII."""
        problem = DocumentProblem("$.child", 'expected "é"\n')
        assert '{"line":2,"problems":[{"path":"$.child","message":"expected \\"é\\"\\n"}]}' == (
            json_line(LineError(2, (problem,)).to_dict())
        )

    @given(_RESULTS)
    def test_orjson_writes_what_the_json_module_writes(self, result: Scored | LineError) -> None:
        """Rule: with orjson (the ``fast`` extra) every result is written byte for byte as without."""
        pytest.importorskip("orjson")
        data = result.to_dict()
        assert _standard_line(data) == _line_writer()(data)
        assert _line_writer() is not _standard_line

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ({"count": 2**64}, '{"count":18446744073709551616}'),
            ({"text": "half \ud800 pair"}, '{"text":"half \ud800 pair"}'),
        ],
    )
    def test_what_orjson_refuses_the_json_module_writes(
        self, value: dict[str, object], expected: str
    ) -> None:
        """A whole number beyond 64 bits or a lone surrogate is written by the json module."""
        pytest.importorskip("orjson")
        assert expected == _line_writer()(value)

    def test_without_orjson_the_json_module_writes(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """When orjson cannot be imported, lines are written by the json module alone."""
        monkeypatch.setitem(sys.modules, "orjson", None)
        assert _standard_line is _line_writer.__wrapped__()


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


class TestCommandLine:
    def test_jsonl_in_and_out(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``score --jsonl`` writes one result a line, errors apart, and a summary."""
        source = _jsonl(tmp_path / "in.jsonl", [_line("C-0001"), "[]", _line("C-0002")])
        out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
        code = main(
            [
                "score",
                "--jsonl",
                str(source),
                "--catalogue",
                str(CATALOGUE),
                "--out",
                str(out),
                "--errors",
                str(errors),
            ]
        )
        assert 1 == code  # A refused line makes the run "invalid input".
        results = [json.loads(line) for line in out.read_text().splitlines()]
        assert [1, 3] == [result["line"] for result in results]
        assert {"line", "profile", "decision"} == set(results[0])
        refused = [json.loads(line) for line in errors.read_text().splitlines()]
        assert [
            {
                "line": 2,
                "problems": [{"path": "$", "message": "expected a JSON object, got an array"}],
            }
        ] == refused
        assert "3 lines read: 2 scored, 1 refused\n" == capsys.readouterr().err

    def test_all_good_exits_zero(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A run in which every line is scored exits 0."""
        source = _jsonl(tmp_path / "in.jsonl", [_line()])
        assert 0 == main(["score", "--jsonl", str(source), "--catalogue", str(CATALOGUE)])
        captured = capsys.readouterr()
        assert 1 == len(captured.out.splitlines())
        assert "1 lines read: 1 scored, 0 refused\n" == captured.err

    @pytest.mark.parametrize(
        "extra",
        [
            ["--jobs", "0"],
            ["--jobs", "two"],
            ["--json"],
            ["--history", "x.json"],
            ["--rule", "mode"],
        ],
    )
    def test_usage_mistakes(
        self, tmp_path: Path, extra: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Options that do not go with ``--jsonl`` and bad job counts are usage mistakes."""
        source = _jsonl(tmp_path / "in.jsonl", [_line()])
        assert 2 == main(["score", "--jsonl", str(source), *extra])
        assert "" == capsys.readouterr().out

    def test_unreadable_input(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing input file is reported in one line."""
        assert 1 == main(["score", "--jsonl", str(tmp_path / "missing.jsonl")])
        assert "cannot open" in capsys.readouterr().err

    def test_jobs_give_the_same_output_in_the_same_order(self, tmp_path: Path) -> None:
        """With two worker processes the output is the same, line for line."""
        lines = [_line(f"C-{n:04d}") if n % 7 else "{bad" for n in range(600)]
        source = _jsonl(tmp_path / "in.jsonl", lines)
        outputs = []
        for jobs in ("1", "2"):
            out, errors = tmp_path / f"out{jobs}.jsonl", tmp_path / f"errors{jobs}.jsonl"
            command = [
                sys.executable, "-m", "neglect_protocol", "score", "--jsonl", str(source),
                "--catalogue", str(CATALOGUE), "--out", str(out), "--errors", str(errors),
                "--jobs", jobs,
            ]  # fmt: skip
            finished = subprocess.run(command, capture_output=True, text=True, check=False)
            assert 1 == finished.returncode
            assert "600 lines read: 514 scored, 86 refused\n" == finished.stderr
            outputs.append((out.read_text(), errors.read_text()))
        assert outputs[0] == outputs[1]

    def test_stdin_to_stdout(self) -> None:
        """``-`` reads standard input; results go to standard output."""
        command = [
            sys.executable,
            "-m",
            "neglect_protocol",
            "score",
            "--jsonl",
            "-",
            "--catalogue",
            str(CATALOGUE),
        ]
        finished = subprocess.run(
            command,
            input=_line() + "\n" + _line() + "\n",
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == finished.returncode
        assert [1, 2] == [json.loads(line)["line"] for line in finished.stdout.splitlines()]

    def test_an_interrupted_run_leaves_complete_lines(self, tmp_path: Path) -> None:
        """Ctrl-C stops the run with status 130; every line written is whole JSON."""
        source = _jsonl(tmp_path / "in.jsonl", [_line(f"C-{n:05d}") for n in range(20000)])
        out = tmp_path / "out.jsonl"
        command = [
            sys.executable, "-m", "neglect_protocol", "score", "--jsonl", str(source),
            "--catalogue", str(CATALOGUE), "--out", str(out),
        ]  # fmt: skip
        process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while (not out.exists() or out.stat().st_size < 100_000) and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        assert 130 == process.returncode
        assert "interrupted" in stderr
        assert "Traceback" not in stderr
        lines = out.read_text().splitlines()
        assert 0 < len(lines) < 20000
        assert all(json.loads(line)["line"] for line in lines)


class _DyingScorer:
    """Builds a scorer whose worker process dies on one line (a crash, not an error)."""

    def __init__(self, catalogue: Catalogue, dies_on: int) -> None:
        self.catalogue = catalogue
        self.dies_on = dies_on

    def __call__(self) -> Scorer:
        return _Dying(self.catalogue, worst, DEFAULT_POLICY, self.dies_on)


class _Dying(Scorer):
    def __init__(self, catalogue: Catalogue, rule: object, policy: object, dies_on: int) -> None:
        super().__init__(catalogue, rule, policy)  # type: ignore[arg-type]
        object.__setattr__(self, "_dies_on", dies_on)

    def output(self, number: int, line: object) -> tuple[bool, str]:
        if number == self._dies_on and os.getpid() != _PARENT:  # type: ignore[attr-defined]
            os._exit(9)
        return super().output(number, line)  # type: ignore[arg-type]


_PARENT = os.getpid()


class TestWorkers:
    def test_a_dying_worker_is_reported_and_nothing_is_duplicated(
        self, invented_catalogue: Catalogue
    ) -> None:
        """A worker that dies stops the run; lines before its chunk are written once each."""
        source = io.BytesIO("".join(_line(f"C-{n:04d}") + "\n" for n in range(1000)).encode())
        output, errors = io.StringIO(), io.StringIO()
        with pytest.raises(WorkerDied) as caught:
            run(source, output, errors, _DyingScorer(invented_catalogue, 600), jobs=2)
        assert caught.value.first <= 600
        numbers = [json.loads(line)["line"] for line in output.getvalue().splitlines()]
        assert list(range(1, caught.value.first)) == numbers

    def test_progress_is_drawn_on_a_terminal_only(self, invented_catalogue: Catalogue) -> None:
        """The progress line names the count, the rate and the errors so far."""
        source = io.BytesIO((_line() + "\n{bad\n").encode())
        progress = io.StringIO()
        ticks = iter(range(100))
        run(
            source,
            io.StringIO(),
            io.StringIO(),
            lambda: Scorer(invented_catalogue, worst, DEFAULT_POLICY),
            progress=progress,
            clock=lambda: float(next(ticks)),
        )
        assert "2 lines, " in progress.getvalue()
        assert "1 refused so far" in progress.getvalue()


class TestMemory:
    def test_nothing_is_kept_per_line(self, invented_catalogue: Catalogue) -> None:
        """Memory held after 10 % of a run is what is held at its end: nothing is kept per line."""
        line = _line()
        held = []
        tracemalloc.start()
        try:
            results = score_lines((line for _ in range(1000)), catalogue=invented_catalogue)
            for number, _ in enumerate(results, start=1):
                if number in (100, 1000):
                    gc.collect()
                    held.append(tracemalloc.get_traced_memory()[0])
        finally:
            tracemalloc.stop()
        assert held[1] - held[0] < 64_000


def _score_partition(documents: list[object]) -> list[dict[str, object]]:
    catalogue = load_catalogue(CATALOGUE)
    return [result.to_dict() for result in score_documents(documents, catalogue=catalogue)]


class TestDask:
    def test_the_how_to_runs_in_a_dask_bag(self, tmp_path: Path) -> None:
        """The how-to's Dask recipe: partitions scored in worker processes, results as JSON."""
        bag = importlib.import_module("dask.bag")
        paths = [
            _jsonl(
                tmp_path / f"assessments-{part}.jsonl",
                [_line(f"C-{part}{n:03d}") for n in range(3)],
            )
            for part in range(2)
        ]
        records = bag.read_text([str(path) for path in paths]).map(json.loads)
        results = records.map_partitions(_score_partition).compute(scheduler="processes")
        assert 6 == len(results)
        assert {f"C-{part}{n:03d}" for part in range(2) for n in range(3)} == {
            result["profile"]["child"]["reference"] for result in results
        }

"""Checks for paths the merged redesign left untested: the values' own validators,
the lazy package names, the stream's worker side and its command-line endings."""

from __future__ import annotations

import importlib
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import neglect_protocol
from neglect_protocol import Catalogue
from neglect_protocol._boundary import _cli, _stream_run
from neglect_protocol._boundary._stream import Scorer
from neglect_protocol._boundary._wire import split_location
from neglect_protocol.census import load_plan_categories
from neglect_protocol.cli import main
from neglect_protocol.disclosure import DFE
from neglect_protocol.errors import (
    DocumentError,
    PolicyError,
    UnsupportedTypeError,
)
from neglect_protocol.escalation import DEFAULT_POLICY
from neglect_protocol.rules import worst
from neglect_protocol.serialize import from_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "invented_assessment.json"
CATALOGUE = ROOT / "examples" / "invented_catalogue.toml"


def _line(reference: str = "C-0001") -> str:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text())
    document["child"] = {**document["child"], "reference": reference}
    return json.dumps(document)


class TestDisclosurePolicyChecksItself:
    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"name": " "}, "name: expected non-empty text, got ' '"),
            ({"secondary": "yes"}, "secondary: expected true or false, got 'yes'"),
            ({"suppressed": "3"}, "suppressed: expected a non-empty symbol that is not a number"),
            ({"min_count": -1}, "min_count: expected a whole number of 0 or more, got -1"),
            ({"min_count": 0}, "min_count: expected 1 or more (0 is a true zero"),
            ({"max_count": 0}, "max_count: expected a count no smaller than min_count"),
            ({"totals_to_nearest": 0}, "totals_to_nearest: expected 1 or more"),
        ],
    )
    def test_a_policy_built_in_code_is_checked(self, change: dict[str, Any], message: str) -> None:
        """A disclosure policy built directly refuses each bad field with our error."""
        with pytest.raises(PolicyError) as caught:
            attrs.evolve(DFE, **change)
        assert str(caught.value).startswith(message)


class TestLazyPackage:
    def test_public_modules_are_reachable_from_the_package(self) -> None:
        """``neglect_protocol.<module>`` imports a public module on first use."""
        assert importlib.import_module("neglect_protocol.stats") is neglect_protocol.__getattr__(
            "stats"
        )


class TestReaders:
    def test_an_overflowing_json_number_is_refused(self) -> None:
        """A JSON number too large for a float (1e999) is not standard JSON's finite number."""
        with pytest.raises(DocumentError, match="non-standard"):
            from_json(Catalogue, '{"x": 1e999}')

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("[1]", "$: expected a JSON object, got a list"),
            (
                'schema_version = 1\nkind = "census_code_list"\ncode_list = "plan_category"\n'
                'source = "x"\nyear = 2023\ncodes = 3\n',
                "$.codes: expected a list, got an integer",
            ),
        ],
    )
    def test_census_lists_of_the_wrong_shape(self, tmp_path: Path, text: str, message: str) -> None:
        """A census code list file must be a table whose codes are a list (read by the converter)."""
        suffix = ".json" if text.startswith("[") else ".toml"
        path = tmp_path / f"codes{suffix}"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DocumentError) as caught:
            load_plan_categories(path)
        assert message == str(caught.value)

    def test_an_error_without_problems_has_no_place(self) -> None:
        """An error that is not about input data is placed nowhere (internal law of the wire)."""
        assert ("", "expected one of neglect_protocol's public value types, got type X") == (
            split_location(UnsupportedTypeError("X"))
        )


class TestStreamWorkers:
    def test_the_worker_side(self, invented_catalogue: Catalogue) -> None:
        """A worker builds its scorer once and scores whole chunks (run in this process here)."""
        try:
            _stream_run._start_worker(lambda: Scorer(invented_catalogue, worst, DEFAULT_POLICY))
            outputs = _stream_run._score_chunk([(1, _line().encode()), (2, b"[]")])
        finally:
            _stream_run._worker_scorer.clear()
        assert [True, False] == [scored for scored, _ in outputs]

    def test_many_chunks_with_two_jobs(
        self, invented_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """More chunks than the pool holds ahead are collected in order as they are written."""
        monkeypatch.setattr(_stream_run, "CHUNK_LINES", 1)
        source = io.BytesIO("".join(_line(f"C-{n:04d}") + "\n" for n in range(12)).encode())
        output = io.StringIO()
        tally = _stream_run.run(
            source,
            output,
            io.StringIO(),
            _Build(invented_catalogue),
            jobs=2,
        )
        assert 12 == tally.scored
        assert list(range(1, 13)) == [
            json.loads(line)["line"] for line in output.getvalue().splitlines()
        ]

    def test_a_closed_stream_draws_no_progress(self) -> None:
        """A closed stream is not a terminal."""
        stream = io.StringIO()
        stream.close()
        assert _stream_run.terminal(stream) is None


class _Build:
    """A picklable scorer builder for worker processes."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def __call__(self) -> Scorer:
        return Scorer(self.catalogue, worst, DEFAULT_POLICY)


class TestCommandLineEndings:
    def _source(self, tmp_path: Path) -> Path:
        path = tmp_path / "in.jsonl"
        path.write_text(_line() + "\n", encoding="utf-8")
        return path

    def test_one_job_in_this_process(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--jobs 1`` scores in this process."""
        source = self._source(tmp_path)
        assert 0 == main(
            ["score", "--jsonl", str(source), "--catalogue", str(CATALOGUE), "--jobs", "1"]
        )
        assert "1 lines read: 1 scored, 0 refused\n" == capsys.readouterr().err

    def test_a_dead_worker_is_reported(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A worker that dies is reported in one line with the first line not scored; exit 1."""

        def dies(*arguments: object, **options: object) -> object:
            raise _stream_run.WorkerDied(257, 512)

        monkeypatch.setattr(_cli, "run", dies)
        source = self._source(tmp_path)
        assert 1 == main(["score", "--jsonl", str(source), "--jobs", "2"])
        err = capsys.readouterr().err
        assert "a worker process died; lines 257 onwards were not scored" in err
        assert "Traceback" not in err

    def test_an_interrupted_run_exits_130(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl-C during a run ends it with status 130 and the counts so far."""

        def interrupted(*arguments: object, **options: object) -> object:
            raise KeyboardInterrupt

        monkeypatch.setattr(_cli, "run", interrupted)
        assert 130 == main(["score", "--jsonl", str(self._source(tmp_path))])
        assert "interrupted; 0 lines read" in capsys.readouterr().err


class TestClosingLoops:
    def test_a_direction_with_no_way_back(self) -> None:
        """The cheapest-loop search says so when a direction through a cell has no way back.

        Internal law of the loop search (private): found on this table by a search over
        small tables; a row total of 3 holding two 1s cannot be crossed both ways.
        """
        from neglect_protocol._logic import _disclosure

        grid = _disclosure.augmented_grid([[1, 0, 1], [5, 2, 5], [0, 1, 1]])
        arcs = _disclosure._arcs(grid)
        cell = (2, 3)
        (start, end), *_ = (
            step
            for step in _disclosure._steps(grid, cell)
            if _disclosure._cheapest_path(step[1], step[0], cell, arcs, {cell}, grid) is None
        )
        assert (2, 7) == (start, end)

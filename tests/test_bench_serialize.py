from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class TestSerializeBenchmark:
    def test_runs_on_a_small_count(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The serialisation benchmark runs end to end with --count 50 (figures not asserted)."""
        monkeypatch.setattr(sys, "argv", ["bench_serialize.py", "--count", "50", "--rounds", "1"])
        runpy.run_path(str(ROOT / "benchmarks" / "bench_serialize.py"), run_name="__main__")
        out = capsys.readouterr().out
        assert "documents: 50" in out
        assert "ratio from_json / json.loads:" in out

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_script(path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    monkeypatch.setattr(sys, "argv", [str(path), *args])
    runpy.run_path(str(path), run_name="__main__")


class TestQuickstart:
    def test_prints_the_profile(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`make demo`'s example scores the invented family and prints the profile."""
        run_script(ROOT / "examples" / "quickstart.py", monkeypatch)
        out = capsys.readouterr().out
        assert "GCP2 profile for child CHILD-INVENTED-0042" in out
        assert (
            "C1      Carer's responsiveness to the child      2  entered            4  discrepancy: worst beneath is 4"
            in out
        )
        assert "Worst area grade: 4 (poor)" in out
        assert "Sub-areas at each grade: 1: 2  2: 6  3: 3  4: 2  5: 0" in out
        assert "Invented: no set mealtime" not in out  # evidence never printed

    def test_headed_parts_profile_once(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The example prints the profile once, under a heading, then values read in Python."""
        run_script(ROOT / "examples" / "quickstart.py", monkeypatch)
        lines = capsys.readouterr().out.splitlines()
        assert "-- The profile, as format_profile(profile) prints it --" == lines[0]
        assert 1 == sum(line.startswith("GCP2 profile for child") for line in lines)
        values = lines[lines.index("-- The same profile read as Python values --") + 1 :]
        assert [
            'profile["A"].grade        = <Grade.POOR: 4>',
            "profile.worst_area_grade  = <Grade.POOR: 4>",
            "profile.concerns          = A (4), A2 (4), A4 (4)",
            "profile.discrepancies     = C1 (2)",
        ] == values


class TestBenchmarkSmoke:
    def test_score_benchmark_runs(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The scoring benchmark runs end to end on a small count (figures not asserted)."""
        run_script(
            ROOT / "benchmarks" / "bench_score.py", monkeypatch, "--count", "200", "--repeat", "1"
        )
        out = capsys.readouterr().out
        assert "assessments per second" in out
        assert "ratio" in out

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_example(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    path = ROOT / "examples" / name
    monkeypatch.setattr(sys, "argv", [str(path)])
    runpy.run_path(str(path), run_name="__main__")
    return capsys.readouterr().out


class TestEscalationExample:
    def test_baseline_and_two_reviews(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The escalation example prints each decision with its reasons, and finds the drift."""
        out = run_example("escalation.py", monkeypatch, capsys)
        baseline, first, second, chronology = out.split("== ")[1:]
        assert "  Level 3: Multiple / complex" in baseline
        assert "  Review by: 2024-03-22" in baseline
        assert "  Level 3: Multiple / complex" in first
        assert "(persistent borderline care)" in first
        assert "  Level 4: Acute / specialist" in second
        assert "no improvement since the baseline ending 2024-01-26: " in first
        assert (
            "    - level 3: worse than at the assessment ending 2024-05-10, when last graded: "
            in second
        )
        assert (
            "    - level 4: drift: graded 3 or worse at every assessment for 238 days since "
            "2024-01-26, longer than the drift period of 182 days: " in second
        )
        assert (
            "  Drift: A, A1, A4, B, B2, D, D1 graded 3 or worse at every assessment since "
            "2024-01-26 (238 days; the policy allows 182)" in chronology
        )
        assert "  Targets met: A5\n  Targets missed: A1, A4\n" in chronology
        assert "Invented: evidence" not in out


class TestInfantPathwayExample:
    def test_gcp2a_then_gcp2_with_the_infant_modifier(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The infant pathway steps babies up a level; when the modifier lapses at fifteen
        months the review says so instead of proposing a step-down (M1)."""
        out = run_example("infant_pathway.py", monkeypatch, capsys)
        antenatal, postnatal, nine_months, fifteen_months, chronology = out.split("== ")[1:]
        assert "because the child is unborn (infant modifier)" in antenatal
        assert "  Level 3: Multiple / complex" in antenatal
        assert "  Without the infant modifier: level 2 (Additional)" in antenatal
        assert "because the child is under one (infant modifier)" in postnatal
        assert "  Level 4: Acute / specialist" in nine_months
        assert "  Without the infant modifier: level 3 (Multiple / complex)" in nine_months
        assert "(infant modifier)" not in fifteen_months
        assert "  Level 3: Multiple / complex" in fifteen_months
        assert "no improvement since the baseline ending 2026-01-23: " in fifteen_months
        assert (
            "  Step-down not proposed, although the level falls from level 4 (Acute / "
            "specialist) to level 3 (Multiple / complex): the fall comes from a modifier (such "
            "as the infant modifier) no longer applying: without modifiers the previous "
            "decision was level 3 (resolved: A1, A4)" in chronology
        )
        assert "Not reassessed" not in chronology


class TestDecideBenchmarkSmoke:
    def test_decide_benchmark_runs(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The decision benchmark runs end to end on a small count (figures not asserted)."""
        path = ROOT / "benchmarks" / "bench_decide.py"
        monkeypatch.setattr(sys, "argv", [str(path), "--count", "40", "--repeat", "1"])
        runpy.run_path(str(path), run_name="__main__")
        out = capsys.readouterr().out
        assert "children: 40, three assessments each (best of 1)" in out
        assert "ratio decide (latest, 2 earlier) / score (3 assessments): " in out

"""Tests for the assurance report's optional sections (issue 12, parts 5 and 6)."""

from __future__ import annotations

from hypothesis import given

from neglect_protocol.assurance import ReportInput, render_html, render_markdown
from neglect_protocol.serialize import from_json, to_json
from neglect_protocol.strategies import report_inputs


class TestDrawnInputs:
    @given(report_inputs())
    def test_every_drawn_input_builds_renders_and_round_trips(self, given_input: ReportInput) -> None:
        """A drawn input, its optional sections included, builds a report both renderings show."""
        assert given_input == from_json(ReportInput, to_json(given_input))
        report = given_input.build()
        markdown = render_markdown(report)
        page = render_html(report)
        assert (report.neglect is not None) == ("### Due to neglect" in markdown)
        assert (report.moderation is not None) == ("<h2>Moderation of GCP2 grading</h2>" in page)
        assert (report.indicator_trend is not None) == ("## Key indicator:" in markdown)

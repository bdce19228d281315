"""Plots with matplotlib (extra ``plot``): figures are made and labelled; pixels are not checked."""

from __future__ import annotations

import datetime as dt

import attrs
import matplotlib
import numpy
import pytest

from neglect_protocol import GCP2, Assessment, ChildRef, ObservationWindow, Rating, score
from neglect_protocol.errors import InvalidArgumentError
from neglect_protocol.plot import GRADE_AXIS_LABEL, plot_history, plot_profile
from neglect_protocol.records import GRADE_COLOURS, UNGRADED_COLOUR

matplotlib.use("Agg")


def assessment(start: dt.date, *ratings: Rating, child: str = "C-1") -> Assessment:
    return Assessment(
        ChildRef(child, date_of_birth=dt.date(2019, 4, 2)),
        ObservationWindow(start, start + dt.timedelta(days=18)),
        ratings,
    )


class TestPlotProfile:
    def test_four_areas_thirteen_sub_areas(self) -> None:
        """A GCP2 profile is drawn as 17 bars, labelled, areas in bold, coloured by grade."""
        profile = score(assessment(dt.date(2024, 2, 5), Rating("A1", 1), Rating("A4", 5)))
        ax = plot_profile(profile)
        assert 17 == len(ax.patches)
        labels = [label.get_text() for label in ax.get_yticklabels()]
        assert "A Physical care" == labels[0]
        assert "   D4 Acceptance" == labels[-1]
        assert "bold" == ax.get_yticklabels()[0].get_fontweight()
        assert GRADE_AXIS_LABEL == ax.get_xlabel()
        assert "Area and sub-area" == ax.get_ylabel()
        assert "child C-1" in ax.get_title()
        colours = [matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches]
        assert [GRADE_COLOURS[grade] for grade in (5, 1)] == [colours[0], colours[1]]  # type: ignore[index]
        assert UNGRADED_COLOUR == colours[2]
        legend = ax.get_legend()
        assert legend is not None
        assert ["1 best", "2 adequate", "3 borderline", "4 poor", "5 worst", "ungraded"] == [
            text.get_text() for text in legend.get_texts()
        ]

    def test_draws_on_given_axes(self) -> None:
        """Given axes, the profile is drawn there."""
        from matplotlib.figure import Figure

        ax = Figure().add_subplot()
        assert ax is plot_profile(score(assessment(dt.date(2024, 2, 5))), ax=ax)


class TestPlotHistory:
    def test_grades_over_time(self) -> None:
        """One line per area, points in window order, grade axis from 5 up to 1."""
        later = score(assessment(dt.date(2024, 9, 2), Rating("A", 2)))
        earlier = score(assessment(dt.date(2024, 2, 5), Rating("A", 4), Rating("B", 3)))
        ax = plot_history([later, earlier])
        assert [
            "A Physical care",
            "B Care of safety",
            "C Emotional care",
            "D Developmental care",
        ] == [line.get_label() for line in ax.get_lines()]
        physical = ax.get_lines()[0]
        assert [4.0, 2.0] == numpy.asarray(physical.get_ydata(), dtype=float).tolist()
        assert (5.5, 0.5) == ax.get_ylim()
        assert GRADE_AXIS_LABEL == ax.get_ylabel()
        assert "Observation window start" == ax.get_xlabel()
        assert "Grades over time, child C-1" == ax.get_title()

    def test_chosen_codes_and_gaps(self) -> None:
        """Chosen codes are drawn; a code a profile lacks, or left ungraded, is a gap."""
        profiles = [
            score(assessment(dt.date(2024, 2, 5), Rating("A1", 3))),
            score(assessment(dt.date(2024, 9, 2))),
        ]
        ax = plot_history(profiles, codes=["A1", "Z9"])
        first, missing = ax.get_lines()
        assert "A1 Nutrition" == first.get_label()
        assert "Z9" == missing.get_label()
        values = numpy.asarray(first.get_ydata(), dtype=float).tolist()
        assert 3.0 == values[0]
        assert values[1] != values[1]  # NaN: not graded at review

    @pytest.mark.parametrize(
        ("profiles", "message"),
        [
            ([], "profiles: expected at least one profile, got none"),
            (
                [
                    score(assessment(dt.date(2024, 2, 5), child="C-1")),
                    score(assessment(dt.date(2024, 3, 5), child="C-2")),
                ],
                "profiles: expected profiles of one child, got 2 children: C-1, C-2",
            ),
        ],
    )
    def test_one_child_at_least_one_profile(self, profiles: list[object], message: str) -> None:
        """A history needs profiles, all of one child."""
        with pytest.raises(InvalidArgumentError) as caught:
            plot_history(profiles)  # type: ignore[arg-type]
        assert message == str(caught.value)

    def test_a_chronology(self) -> None:
        """A chronology is drawn like its profiles."""
        from neglect_protocol.chronology import Chronology

        chronology = Chronology(
            [
                score(assessment(dt.date(2024, 9, 2), Rating("A", 2))),
                score(assessment(dt.date(2024, 2, 5), Rating("A", 4), Rating("B", 3))),
            ]
        )
        ax = plot_history(chronology)
        assert [4.0, 2.0] == numpy.asarray(ax.get_lines()[0].get_ydata(), dtype=float).tolist()
        assert "Grades over time, child C-1" == ax.get_title()

    def test_a_review_shows_the_levels(self) -> None:
        """A chronology's review is drawn with the level decided above each assessment."""
        from neglect_protocol.chronology import Chronology, review

        checked = review(
            Chronology(
                [
                    score(assessment(dt.date(2024, 2, 5), Rating("A", 4))),
                    score(assessment(dt.date(2024, 9, 2), Rating("A", 1))),
                ]
            )
        )
        ax = plot_history(checked)
        assert [f"L{decision.level.number}" for decision in checked.decisions] == [
            text.get_text() for text in ax.texts
        ]
        assert "Grades and levels of need over time, child C-1" == ax.get_title()
        assert (5.5, 0.0) == ax.get_ylim()

    def test_given_axes_and_catalogue(self) -> None:
        """Given axes are drawn on."""
        from matplotlib.figure import Figure

        ax = Figure().add_subplot()
        profile = score(assessment(dt.date(2024, 2, 5)), catalogue=attrs.evolve(GCP2))
        assert ax is plot_history([profile], ax=ax)

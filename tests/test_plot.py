"""Plots with matplotlib (extra ``plot``): figures are made, labelled and rendered to PNG.

Each test that renders draws with the Agg backend into ``tmp_path`` and then checks
the laid-out figure: where the legends stand against the axes, what they say, how
far apart lines with the same grades are drawn.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import matplotlib
import matplotlib.image
import numpy
import pytest
from matplotlib.axes import Axes
from matplotlib.dates import ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.legend import Legend

from neglect_protocol import GCP2, Assessment, ChildRef, ObservationWindow, Rating, score
from neglect_protocol.chronology import Chronology, ChronologyReview, review
from neglect_protocol.errors import InvalidArgumentError
from neglect_protocol.plot import GRADE_AXIS_LABEL, plot_history, plot_profile
from neglect_protocol.profile import Profile
from neglect_protocol.records import GRADE_COLOURS, UNGRADED_COLOUR

matplotlib.use("Agg")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
GRADE_LABELS = ["1 best", "2 adequate", "3 borderline", "4 poor", "5 worst"]


def assessment(start: dt.date, *ratings: Rating, child: str = "C-1") -> Assessment:
    return Assessment(
        ChildRef(child, date_of_birth=dt.date(2019, 4, 2)),
        ObservationWindow(start, start + dt.timedelta(days=18)),
        ratings,
    )


def every_area(start: dt.date, grade: int) -> Profile:
    """A profile with every GCP2 area at one grade."""
    return score(assessment(start, *(Rating(code, grade) for code in "ABCD")))


def rendered(figure: Figure, tmp_path: Path) -> Path:
    """Render ``figure`` to a PNG file, which lays it out, and check the picture was made."""
    path = tmp_path / "plot.png"
    figure.savefig(path)
    assert PNG_SIGNATURE == path.read_bytes()[:8]
    height, width = matplotlib.image.imread(path).shape[:2]
    assert (
        round(figure.get_figheight() * figure.dpi),
        round(figure.get_figwidth() * figure.dpi),
    ) == (
        height,
        width,
    )
    return path


def legends(ax: Axes) -> list[Legend]:
    return [child for child in ax.get_children() if isinstance(child, Legend)]


def texts(legend: Legend) -> list[str]:
    return [text.get_text() for text in legend.get_texts()]


def assert_outside(legend: Legend, ax: Axes) -> None:
    """The legend, as laid out, covers no part of the data area."""
    box, data_area = legend.get_window_extent(), ax.get_window_extent()
    assert box.x0 > data_area.x1, (box, data_area)
    assert not box.overlaps(data_area)


class TestPlotProfile:
    def test_four_areas_thirteen_sub_areas(self) -> None:
        """A GCP2 profile is drawn as 17 bars, labelled, areas in bold, coloured by grade."""
        profile = score(assessment(dt.date(2024, 2, 5), Rating("A1", 1), Rating("A4", 5)))
        figure = plot_profile(profile)
        (ax,) = figure.axes
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
        assert ["5", "1", "-"] == [text.get_text() for text in ax.texts[:3]]

    def test_a_figure_of_its_own_without_pyplot(self) -> None:
        """A new figure is returned, held by no pyplot manager, and shows as PNG in a notebook."""
        figure = plot_profile(score(assessment(dt.date(2024, 2, 5), Rating("A", 2))))
        assert isinstance(figure, Figure)
        assert figure.canvas.manager is None
        # IPython shows an object with a _repr_png_ method as that picture.
        assert PNG_SIGNATURE == figure._repr_png_()[:8]  # type: ignore[attr-defined]

    def test_legend_outside_names_grades(self, tmp_path: Path) -> None:
        """The legend stands right of the bars and names each grade, and ungraded when any is."""
        profile = score(assessment(dt.date(2024, 2, 5), Rating("A1", 1), Rating("A4", 5)))
        figure = plot_profile(profile)
        rendered(figure, tmp_path)
        (ax,) = figure.axes
        (legend,) = legends(ax)
        assert_outside(legend, ax)
        assert "Grade" == legend.get_title().get_text()
        assert [*GRADE_LABELS, "ungraded"] == texts(legend)

    def test_no_ungraded_in_legend_when_all_graded(self, tmp_path: Path) -> None:
        """Every entry graded: the legend names the five grades only."""
        codes = [entry.code for entry in score(assessment(dt.date(2024, 2, 5))).sub_areas]
        profile = score(assessment(dt.date(2024, 2, 5), *(Rating(code, 3) for code in codes)))
        assert all(entry.grade is not None for entry in profile.entries)
        figure = plot_profile(profile)
        rendered(figure, tmp_path)
        (legend,) = legends(figure.axes[0])
        assert GRADE_LABELS == texts(legend)

    def test_draws_on_given_axes(self, tmp_path: Path) -> None:
        """Given axes, the profile is drawn there and their figure is returned."""
        figure = Figure(figsize=(14, 6), layout="constrained")
        left, right = figure.subplots(1, 2)
        assert figure is plot_profile(score(assessment(dt.date(2024, 2, 5))), ax=right)
        assert 17 == len(right.patches)
        assert 0 == len(left.patches)
        rendered(figure, tmp_path)
        (legend,) = legends(right)
        assert_outside(legend, right)

    def test_in_a_subfigure_returns_the_whole_figure(self) -> None:
        """Axes in a subfigure: the figure returned is the one that holds it."""
        figure = Figure()
        ax = figure.add_subfigure(figure.add_gridspec(1, 2)[0]).add_subplot()
        assert figure is plot_profile(score(assessment(dt.date(2024, 2, 5))), ax=ax)


class TestPlotHistory:
    def test_grades_over_time(self) -> None:
        """One line per area, points in window order, grade axis from 5 up to 1."""
        later = score(assessment(dt.date(2024, 9, 2), Rating("A", 2)))
        earlier = score(assessment(dt.date(2024, 2, 5), Rating("A", 4), Rating("B", 3)))
        figure = plot_history([later, earlier])
        assert isinstance(figure, Figure)
        assert figure.canvas.manager is None
        (ax,) = figure.axes
        assert [
            "A Physical care",
            "B Care of safety",
            "C Emotional care",
            "D Developmental care",
        ] == [line.get_label() for line in ax.get_lines()]
        physical = ax.get_lines()[0]
        assert [4.0, 2.0] == numpy.asarray(physical.get_ydata(), dtype=float).tolist()
        assert (5.5, 0.5) == ax.get_ylim()
        assert GRADE_LABELS == [label.get_text() for label in ax.get_yticklabels()]
        assert ["2024-02-05", "2024-09-02"] == [label.get_text() for label in ax.get_xticklabels()]
        assert GRADE_AXIS_LABEL == ax.get_ylabel()
        assert "Observation window start" == ax.get_xlabel()
        assert "Grades over time, child C-1" == ax.get_title()

    def test_same_grades_stay_visible(self, tmp_path: Path) -> None:
        """Lines with the same grades differ in marker and style and are drawn points apart."""
        profiles = [every_area(dt.date(2024, 2, 5), 3), every_area(dt.date(2024, 9, 2), 2)]
        figure = plot_history(profiles)
        rendered(figure, tmp_path)
        lines = figure.axes[0].get_lines()
        assert 4 == len({line.get_marker() for line in lines})
        assert 4 == len({line.get_linestyle() for line in lines})
        for line in lines:
            assert [3.0, 2.0] == numpy.asarray(line.get_ydata(), dtype=float).tolist()
        heights = [line.get_transform().transform(line.get_xydata())[0, 1] for line in lines]
        gaps = numpy.diff(sorted(heights))
        assert min(gaps) >= 3 * figure.dpi / 72  # at least 3 points apart

    def test_legend_outside(self, tmp_path: Path) -> None:
        """The areas' legend stands right of the data area."""
        figure = plot_history([every_area(dt.date(2024, 2, 5), 3)])
        rendered(figure, tmp_path)
        (ax,) = figure.axes
        (legend,) = legends(ax)
        assert_outside(legend, ax)
        assert "Area or sub-area" == legend.get_title().get_text()

    def test_chosen_codes_and_gaps(self) -> None:
        """Chosen codes are drawn; a code a profile lacks, or left ungraded, is a gap."""
        profiles = [
            score(assessment(dt.date(2024, 2, 5), Rating("A1", 3))),
            score(assessment(dt.date(2024, 9, 2))),
        ]
        first, missing = plot_history(profiles, codes=["A1", "Z9"]).axes[0].get_lines()
        assert "A1 Nutrition" == first.get_label()
        assert "Z9" == missing.get_label()
        values = numpy.asarray(first.get_ydata(), dtype=float).tolist()
        assert 3.0 == values[0]
        assert values[1] != values[1]  # NaN: not graded at review

    def test_many_assessments_on_a_date_axis(self) -> None:
        """More than eight assessments: a concise date axis, not a tick per assessment."""
        profiles = [
            every_area(dt.date(2022, 1, 3) + dt.timedelta(days=70 * n), 3) for n in range(9)
        ]
        ax = plot_history(profiles).axes[0]
        assert isinstance(ax.xaxis.get_major_formatter(), ConciseDateFormatter)
        assert 9 == len(numpy.asarray(ax.get_lines()[0].get_xdata()))

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
        chronology = Chronology(
            [
                score(assessment(dt.date(2024, 9, 2), Rating("A", 2))),
                score(assessment(dt.date(2024, 2, 5), Rating("A", 4), Rating("B", 3))),
            ]
        )
        ax = plot_history(chronology).axes[0]
        assert [4.0, 2.0] == numpy.asarray(ax.get_lines()[0].get_ydata(), dtype=float).tolist()
        assert "Grades over time, child C-1" == ax.get_title()
        assert 1 == len(legends(ax))

    def test_a_review_shows_and_names_the_levels(self, tmp_path: Path) -> None:
        """A review writes the level above each assessment and a legend names each level."""
        checked = review(
            Chronology(
                [
                    score(assessment(dt.date(2024, 2, 5), Rating("A", 4))),
                    score(assessment(dt.date(2024, 5, 6), Rating("A", 4))),
                    score(assessment(dt.date(2024, 9, 2), Rating("A", 1))),
                ]
            )
        )
        assert isinstance(checked, ChronologyReview)
        figure = plot_history(checked)
        rendered(figure, tmp_path)
        (ax,) = figure.axes
        numbers = [decision.level.number for decision in checked.decisions]
        assert [f"L{number}" for number in numbers] == [text.get_text() for text in ax.texts]
        assert "Grades and levels of need over time, child C-1" == ax.get_title()
        assert (5.5, 0.0) == ax.get_ylim()
        areas, levels = legends(ax)
        assert "Area or sub-area" == areas.get_title().get_text()
        assert "Level of need decided (L)" == levels.get_title().get_text()
        named = {decision.level.number: decision.level.name for decision in checked.decisions}
        assert [f"level {number}: {named[number]}" for number in sorted(named)] == texts(levels)
        markers = [handle.get_marker() for handle in levels.get_lines()]
        assert [f"$L{number}$" for number in sorted(named)] == markers
        for legend in (areas, levels):
            assert_outside(legend, ax)
        assert not areas.get_window_extent().overlaps(levels.get_window_extent())

    def test_given_axes_and_catalogue(self) -> None:
        """Given axes are drawn on, and their figure is returned."""
        figure = Figure()
        ax = figure.add_subplot()
        profile = score(assessment(dt.date(2024, 2, 5)), catalogue=attrs.evolve(GCP2))
        assert figure is plot_history([profile], ax=ax)
        assert 4 == len(ax.get_lines())

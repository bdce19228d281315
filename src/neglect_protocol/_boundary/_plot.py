"""Plots of profiles with matplotlib (the ``plot`` extra), imported only when called.

Each function returns a :class:`matplotlib.figure.Figure` made without pyplot, so
drawing leaves no global state behind and a notebook shows the returned figure as
a picture (see :mod:`neglect_protocol._boundary._figure`). Given ``ax=``, a
function draws on those axes and returns the figure they belong to.

Legends stand outside the axes, to the right, so they never cover a bar or a point.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from neglect_protocol._boundary._html import GRADE_COLOURS, UNGRADED_COLOUR
from neglect_protocol._model._chronology import Chronology, ChronologyReview
from neglect_protocol._model._decision import Decision
from neglect_protocol._model._grade import GRADES
from neglect_protocol._model._policy import LevelOfNeed
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import InvalidArgumentError

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.legend import Legend

GRADE_AXIS_LABEL = "Grade (1 best, 5 worst)"

# Markers and line styles taken in turn, so lines that share their grades stay
# told apart even where they lie on top of each other.
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_LINE_STYLES = ("-", "--", "-.", ":")
# Points between neighbouring lines of a history, drawn apart by this much so a
# line is never hidden behind another with the same grades.
_LINE_SPACING = 4.0
# Up to this many assessments, each is a tick labelled with its start date.
_DATED_TICKS = 8


def _axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        # An Axes always belongs to a figure; the root one, if drawn in a subfigure.
        return cast("Figure", ax.get_figure(root=True)), ax
    from neglect_protocol._boundary._figure import NotebookFigure

    figure = NotebookFigure(figsize=size, layout="constrained")
    return figure, figure.add_subplot()


def _legend_outside(ax: Axes, handles: list[Artist], *, title: str, upper: bool = True) -> Legend:
    """A legend to the right of the axes, from their top (or bottom) edge."""
    return ax.legend(
        handles=handles,
        title=title,
        loc="upper left" if upper else "lower left",
        bbox_to_anchor=(1.02, 1.0 if upper else 0.0),
        borderaxespad=0.0,
        fontsize="small",
        title_fontsize="small",
        alignment="left",
    )


def plot_profile(profile: Profile, *, ax: Axes | None = None) -> Figure:
    """Draw a profile: a bar per area and sub-area, as long as its grade, coloured by grade.

    Areas are drawn in bold above their sub-areas (four areas and thirteen sub-areas
    for GCP2), each bar labelled with its grade; colours run from green for 1 (best
    care) to red for 5 (worst), and an ungraded entry is a short grey bar labelled
    "-". The legend, to the right of the bars, names each grade (and "ungraded" only
    when something is).

    Args:
        profile: The profile to draw.
        ax: Axes to draw on, to place the profile in a figure of your own; by
            default a new figure of its own.

    Returns:
        A new figure, which a notebook shows as a picture and which holds no
        pyplot state; given ``ax``, the figure those axes belong to.
    """
    entries = profile.entries
    figure, ax = _axes(ax, (8.5, 0.32 * len(entries) + 1.6))
    positions = list(range(len(entries)))[::-1]
    widths = [0.3 if entry.grade is None else entry.grade.value for entry in entries]
    colours = [
        UNGRADED_COLOUR if entry.grade is None else GRADE_COLOURS[entry.grade] for entry in entries
    ]
    bars = ax.barh(positions, widths, color=colours, edgecolor="black", linewidth=0.5)
    ax.bar_label(
        bars,
        ["-" if entry.grade is None else str(entry.grade.value) for entry in entries],
        padding=3,
        fontsize="small",
    )
    ax.set_yticks(
        positions,
        [
            f"{entry.code} {entry.name}" if entry.is_area else f"   {entry.code} {entry.name}"
            for entry in entries
        ],
    )
    for label, entry in zip(ax.get_yticklabels(), entries, strict=True):
        if entry.is_area:
            label.set_fontweight("bold")
    ax.set_ylim(-0.6, len(entries) - 0.4)
    ax.set_xlim(0, 5.6)
    ax.set_xticks([grade.value for grade in GRADES])
    ax.set_xlabel(GRADE_AXIS_LABEL)
    ax.set_ylabel("Area and sub-area")
    ax.set_title(
        f"{profile.instrument.value} profile, child {profile.child.reference}\n"
        f"observed {profile.window.start.isoformat()} to {profile.window.end.isoformat()}"
    )
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(
            facecolor=GRADE_COLOURS[grade],
            edgecolor="black",
            linewidth=0.5,
            label=f"{grade.value} {grade.quality_of_care}",
        )
        for grade in GRADES
    ]
    if any(entry.grade is None for entry in entries):
        handles.append(
            Patch(facecolor=UNGRADED_COLOUR, edgecolor="black", linewidth=0.5, label="ungraded")
        )
    _legend_outside(ax, handles, title="Grade")
    return figure


def plot_history(
    profiles: Iterable[Profile] | Chronology | ChronologyReview,
    *,
    codes: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw one child's grades over time: a line per area (or per code asked for).

    The grade axis runs from 5 (worst) at the bottom to 1 (best) at the top, so a
    line that rises shows care getting better; the bands behind it carry the grade
    colours. Each line has its own marker and line style and is drawn a few points
    apart from the others, so lines with the same grades stay visible side by side;
    the values are the grades themselves. A profile without a grade for a code
    leaves a gap in that line.

    Given a chronology's review, the level of need decided at each assessment is
    written above its points (``L3``), and a second legend names each level shown
    (``L3  level 3: Multiple / complex``). Both legends stand to the right of the
    axes.

    Args:
        profiles: Profiles of one child, in any order (drawn by window start), a
            :class:`~neglect_protocol.chronology.Chronology`, or a
            :class:`~neglect_protocol.chronology.ChronologyReview`.
        codes: The areas or sub-areas to draw; the first profile's areas by default.
        ax: Axes to draw on, to place the history in a figure of your own; by
            default a new figure of its own.

    Returns:
        A new figure, which a notebook shows as a picture and which holds no
        pyplot state; given ``ax``, the figure those axes belong to.

    Raises:
        InvalidArgumentError: If there are no profiles, or they are of more than one child.
    """
    decisions: tuple[Decision, ...] = ()
    if isinstance(profiles, ChronologyReview):
        decisions = profiles.decisions
        profiles = profiles.chronology
    series = sorted(profiles, key=lambda profile: profile.window.start)
    if not series:
        raise InvalidArgumentError("profiles", "expected at least one profile, got none")
    children = sorted({profile.child.reference for profile in series})
    if len(children) > 1:
        raise InvalidArgumentError(
            "profiles",
            f"expected profiles of one child, got {len(children)} children: {', '.join(children)}",
        )
    figure, ax = _axes(ax, (9.0, 4.8))
    from matplotlib.lines import Line2D
    from matplotlib.transforms import ScaledTranslation

    for grade in GRADES:
        ax.axhspan(grade.value - 0.5, grade.value + 0.5, color=GRADE_COLOURS[grade], alpha=0.15)
    wanted = list(codes) if codes is not None else [entry.code for entry in series[0].areas]
    starts = [profile.window.start for profile in series]
    for index, code in enumerate(wanted):
        grades: list[float] = []
        name = code
        for profile in series:
            entry = next((entry for entry in profile.entries if entry.code == code), None)
            if entry is not None:
                name = f"{code} {entry.name}"
            graded = entry is not None and entry.grade is not None
            grades.append(float(entry.grade.value) if graded else float("nan"))  # type: ignore[union-attr]
        (line,) = ax.plot(
            starts,  # type: ignore[arg-type]
            grades,
            marker=_MARKERS[index % len(_MARKERS)],
            linestyle=_LINE_STYLES[index % len(_LINE_STYLES)],
            label=name,
        )
        # Drawn apart in points, not grades: the data stay the grades themselves. The
        # shift is set once the line is placed, so the axes' limits follow its data.
        shift = (index - (len(wanted) - 1) / 2) * _LINE_SPACING / 72
        line.set_transform(ax.transData + ScaledTranslation(0, shift, figure.dpi_scale_trans))
    _dates(ax, starts)
    ax.set_ylim(5.5, 0.5 if not decisions else 0.0)
    ax.set_yticks(
        [grade.value for grade in GRADES],
        [f"{grade.value} {grade.quality_of_care}" for grade in GRADES],
    )
    ax.set_xlabel("Observation window start")
    ax.set_ylabel(GRADE_AXIS_LABEL)
    what = "Grades and levels of need" if decisions else "Grades"
    ax.set_title(f"{what} over time, child {children[0]}")
    areas = _legend_outside(ax, list(ax.get_lines()), title="Area or sub-area")
    if decisions:
        for decision in decisions:
            ax.text(
                decision.window.start,  # type: ignore[arg-type]
                0.25,
                f"L{decision.level.number}",
                ha="center",
                va="center",
                fontsize="small",
                fontweight="bold",
            )
        levels: dict[int, LevelOfNeed] = {d.level.number: d.level for d in decisions}
        handles: list[Artist] = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker=f"$L{number}$",
                markersize=11,
                color="black",
                label=f"level {number}: {levels[number].name}",
            )
            for number in sorted(levels)
        ]
        # A second legend replaces the first as the axes' legend: keep the first drawn.
        ax.add_artist(areas)
        _legend_outside(ax, handles, title="Level of need decided (L)", upper=False)
    return figure


def _dates(ax: Axes, starts: list[dt.date]) -> None:
    """Label a few assessments by their start dates; many, by a concise date axis."""
    if len(starts) <= _DATED_TICKS:
        ax.set_xticks(starts, [start.isoformat() for start in starts])  # type: ignore[arg-type]
        ax.tick_params(axis="x", labelrotation=30)
        return
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]

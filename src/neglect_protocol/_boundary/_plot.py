"""Plots of profiles with matplotlib (the ``plot`` extra), imported only when called."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from neglect_protocol._boundary._html import GRADE_COLOURS, UNGRADED_COLOUR
from neglect_protocol._model._chronology import Chronology, ChronologyReview
from neglect_protocol._model._decision import Decision
from neglect_protocol._model._grade import GRADES
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import InvalidArgumentError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

GRADE_AXIS_LABEL = "Grade (1 best, 5 worst)"


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    # A bare Figure needs no pyplot state and no display, so it works in scripts,
    # tests and notebooks alike (a notebook shows a returned figure).
    from matplotlib.figure import Figure

    return Figure(figsize=size, layout="constrained").add_subplot()


def _legend(ax: Axes) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(color=GRADE_COLOURS[grade], label=f"{grade.value} {grade.quality_of_care}")
        for grade in GRADES
    ]
    handles.append(Patch(color=UNGRADED_COLOUR, label="ungraded"))
    ax.legend(handles=handles, title="Grade", loc="lower right", fontsize="small")


def plot_profile(profile: Profile, *, ax: Axes | None = None) -> Axes:
    """Draw a profile: a bar per area and sub-area, as long as its grade, coloured by grade.

    Areas are drawn in bold above their sub-areas (four areas and thirteen sub-areas
    for GCP2); colours run from green for 1 (best care) to red for 5 (worst), and an
    ungraded entry is a short grey bar.

    Args:
        profile: The profile to draw.
        ax: Axes to draw on; a new figure's axes by default.

    Returns:
        The axes drawn on (``ax.figure`` is the figure).
    """
    ax = _axes(ax, (7.0, 0.35 * len(profile.entries) + 1.5))
    entries = profile.entries
    positions = list(range(len(entries)))[::-1]
    widths = [0.3 if entry.grade is None else entry.grade.value for entry in entries]
    colours = [
        UNGRADED_COLOUR if entry.grade is None else GRADE_COLOURS[entry.grade] for entry in entries
    ]
    ax.barh(positions, widths, color=colours, edgecolor="black", linewidth=0.5)
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
    ax.set_xlim(0, 5.5)
    ax.set_xticks([grade.value for grade in GRADES])
    ax.set_xlabel(GRADE_AXIS_LABEL)
    ax.set_ylabel("Area and sub-area")
    ax.set_title(
        f"{profile.instrument.value} profile, child {profile.child.reference}\n"
        f"observed {profile.window.start.isoformat()} to {profile.window.end.isoformat()}"
    )
    _legend(ax)
    return ax


def plot_history(
    profiles: Iterable[Profile] | Chronology | ChronologyReview,
    *,
    codes: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one child's grades over time: a line per area (or per code asked for).

    The grade axis runs from 5 at the bottom to 1 at the top, so a line that rises
    shows care getting better; the bands behind it carry the grade colours. A
    profile without a grade for a code leaves a gap in that line. Given a
    chronology's review, the level of need decided at each assessment is written
    above its points (``L3``).

    Args:
        profiles: Profiles of one child, in any order (drawn by window start), a
            :class:`~neglect_protocol.chronology.Chronology`, or a
            :class:`~neglect_protocol.chronology.ChronologyReview`.
        codes: The areas or sub-areas to draw; the first profile's areas by default.
        ax: Axes to draw on; a new figure's axes by default.

    Returns:
        The axes drawn on.

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
    ax = _axes(ax, (8.0, 4.5))
    for grade in GRADES:
        ax.axhspan(grade.value - 0.5, grade.value + 0.5, color=GRADE_COLOURS[grade], alpha=0.15)
    wanted = list(codes) if codes is not None else [entry.code for entry in series[0].areas]
    starts = [profile.window.start for profile in series]
    for code in wanted:
        grades: list[float] = []
        name = code
        for profile in series:
            entry = next((entry for entry in profile.entries if entry.code == code), None)
            if entry is not None:
                name = f"{code} {entry.name}"
            graded = entry is not None and entry.grade is not None
            grades.append(float(entry.grade.value) if graded else float("nan"))  # type: ignore[union-attr]
        ax.plot(starts, grades, marker="o", label=name)  # type: ignore[arg-type]
    ax.set_ylim(5.5, 0.5 if not decisions else 0.0)
    ax.set_yticks([grade.value for grade in GRADES])
    ax.set_xlabel("Observation window start")
    ax.set_ylabel(GRADE_AXIS_LABEL)
    what = "Grades and levels of need" if decisions else "Grades"
    ax.set_title(f"{what} over time, child {children[0]}")
    for decision in decisions:
        ax.text(
            decision.window.start,  # type: ignore[arg-type]
            0.25,
            f"L{decision.level.number}",
            ha="center",
            va="center",
            fontsize="small",
        )
    ax.legend(loc="best", fontsize="small")
    return ax

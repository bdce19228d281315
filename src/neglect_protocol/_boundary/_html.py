"""HTML views for notebooks: profiles, catalogues and assessment summaries.

Every piece of text is escaped, and no free text (evidence, comments) is shown.
"""

from __future__ import annotations

from html import escape

from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Catalogue, Item, SubArea
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._profile import Profile

GRADE_COLOURS = {
    Grade.BEST: "#1a9850",
    Grade.ADEQUATE: "#91cf60",
    Grade.BORDERLINE: "#fee08b",
    Grade.POOR: "#fc8d59",
    Grade.WORST: "#d73027",
}
"""A diverging colour per grade, green for 1 (best) to red for 5 (worst)."""
UNGRADED_COLOUR = "#d9d9d9"
"""Grey, for what has no grade."""

TABLE = '<table class="neglect-protocol" style="border-collapse: collapse">'


def cell(text: object, *, header: bool = False, align: str = "left", style: str = "") -> str:
    """One table cell, its text escaped."""
    tag = "th" if header else "td"
    extra = f"; {style}" if style else ""
    return (
        f'<{tag} style="padding: 2px 8px; text-align: {align}{extra}">{escape(str(text))}</{tag}>'
    )


def grade_cell(grade: Grade | None) -> str:
    """A cell holding a grade, coloured by it (grey when ungraded)."""
    colour = UNGRADED_COLOUR if grade is None else GRADE_COLOURS[grade]
    return cell(
        "-" if grade is None else grade.value, align="center", style=f"background: {colour}"
    )


def row(*cells: str) -> str:
    """A table row of cells."""
    return f"<tr>{''.join(cells)}</tr>"


def header(*names: str) -> str:
    """A row of header cells."""
    return row(*(cell(name, header=True) for name in names))


def profile_html(profile: Profile) -> str:
    """A profile as an HTML table, grades coloured from green (1) to red (5)."""
    caption = (
        f"{profile.instrument.value} profile for child {profile.child.reference}, observed "
        f"{profile.window.start.isoformat()} to {profile.window.end.isoformat()} "
        f"(catalogue {profile.catalogue_name} {profile.catalogue_version}; rule {profile.rule})"
    )
    rows = [header("code", "name", "grade", "source", "suggested", "note")]
    for entry in profile:
        name = entry.name if entry.is_area else f"\u2003{entry.name}"
        note = (
            f"discrepancy: worst beneath is {entry.worst_beneath.value}"
            if (entry.discrepancy and entry.worst_beneath is not None)
            else ""
        )
        weight = "font-weight: bold" if entry.is_area else ""
        rows.append(
            row(
                cell(entry.code, style=weight),
                cell(name, style=weight),
                grade_cell(entry.grade),
                cell("ungraded" if entry.source is None else entry.source.value),
                cell("-" if entry.suggested is None else entry.suggested.value, align="center"),
                cell(note),
            )
        )
    worst = profile.worst_area_grade
    counts = ", ".join(f"{grade.value}: {count}" for grade, count in profile.grade_counts.items())
    summary = (
        f"Worst area grade: {'none graded' if worst is None else worst.value}. "
        f"Units at each grade: {counts}. Ungraded: {', '.join(profile.ungraded) or 'none'}."
    )
    return (
        f"{TABLE}<caption>{escape(caption)}</caption>{''.join(rows)}</table>"
        f"<p>{escape(summary)}</p>"
    )


def catalogue_html(catalogue: Catalogue) -> str:
    """A catalogue's areas and sub-areas as an HTML table, with how many items each holds."""
    caption = (
        f"Catalogue {catalogue.name} {catalogue.version} ({catalogue.instrument.value}): "
        f"{len(catalogue.areas)} areas, {len(catalogue.sub_areas)} sub-areas, "
        f"{len(catalogue.items)} items"
    )
    rows = [header("code", "name", "items")]
    for area in catalogue.areas:
        children = catalogue.children(area.code)
        direct = sum(isinstance(node, Item) for node in children)
        rows.append(
            row(
                cell(area.code, style="font-weight: bold"),
                cell(area.name, style="font-weight: bold"),
                cell(direct, align="right"),
            )
        )
        for node in children:
            if isinstance(node, SubArea):
                items = len(catalogue.children(node.code))
                rows.append(
                    row(cell(node.code), cell(f"\u2003{node.name}"), cell(items, align="right"))
                )
    return f"{TABLE}<caption>{escape(caption)}</caption>{''.join(rows)}</table>"


def assessment_html(assessment: Assessment) -> str:
    """An assessment's grades as an HTML table; evidence and comments are left out."""
    caption = (
        f"{assessment.instrument.value} assessment of child {assessment.child.reference}, "
        f"observed {assessment.window.start.isoformat()} to {assessment.window.end.isoformat()}: "
        f"{len(assessment.ratings)} ratings, {len(assessment.targets)} targets "
        "(evidence and comments are not shown)"
    )
    rows = [header("code", "grade")]
    rows.extend(row(cell(rating.code), grade_cell(rating.grade)) for rating in assessment.ratings)
    return f"{TABLE}<caption>{escape(caption)}</caption>{''.join(rows)}</table>"

"""Notebook views of the partnership's metrics: one-line reprs and HTML tables.

Every piece of text is escaped. No free text is shown, and a published table
shows only what disclosure control lets it show, never a suppressed count.
"""

from __future__ import annotations

from html import escape

from neglect_protocol._boundary._html import TABLE, cell, header, row
from neglect_protocol._logic._audit_summary import AuditSummary
from neglect_protocol._logic._breakdowns import Breakdown, category_label
from neglect_protocol._logic._survey import ShareMetric, SurveyMetrics
from neglect_protocol._model._disclosure import DisclosedTable
from neglect_protocol._model._proportion import Proportion
from neglect_protocol._model._views import counted, plural


def _table(caption: str, rows: list[str]) -> str:
    return f"{TABLE}<caption>{escape(caption)}</caption>{''.join(rows)}</table>"


# --- Audit summaries ---


def audit_summary_html(summary: AuditSummary) -> str:
    """Files by team and judgement with the headline shares, then comments by theme."""
    labels = [judgement.label for judgement in summary.scale]
    rows = [header("team", "files", *labels, "good or better", "inadequate")]
    for team, grades in (("All teams", summary.grades), *summary.by_team.items()):
        rows.append(
            row(
                cell(team, style="font-weight: bold" if team == "All teams" else ""),
                cell(grades.total, align="right"),
                *(cell(count, align="right") for count in grades.counts.values()),
                cell(counted(grades.good_or_better_share), align="right"),
                cell(counted(grades.inadequate_share), align="right"),
            )
        )
    grades_table = _table(f"{plural(summary.total, 'case file')} audited, by team", rows)
    if not summary.themes:
        return grades_table
    themes = [header("theme", "positive", "negative", "positive share")]
    themes += [
        row(
            cell(theme),
            cell(tally.positive, align="right"),
            cell(tally.negative, align="right"),
            cell(f"{tally.positive_share.percent()}%", align="right"),
        )
        for theme, tally in summary.themes.items()
    ]
    return grades_table + _table("Auditors' comments, by theme", themes)


# --- Survey metrics ---


def _interval(metric: ShareMetric) -> str:
    if metric.interval is None:
        return "-"
    low, high = metric.interval
    return f"{low:.0%} to {high:.0%}"


def survey_metrics_html(metrics: SurveyMetrics) -> str:
    """Each question's positive share, over all groups and per group, with ``n`` and interval."""
    rows = [header("question", "group", "answered", "skipped", "positive", "interval")]
    for code, metric in metrics.questions.items():
        scopes = [("all groups", metric)]
        scopes += [(group, by_code[code]) for group, by_code in metrics.groups.items()]
        for group, scoped in scopes:
            rows.append(
                row(
                    cell(code if group == "all groups" else ""),
                    cell(group),
                    cell(scoped.answered, align="right"),
                    cell(scoped.skipped, align="right"),
                    cell(counted(scoped.share), align="right"),
                    cell(_interval(scoped), align="right"),
                )
            )
    caption = (
        f"{metrics.survey}: {plural(metrics.responses, 'response')} "
        f"({metrics.confidence:.0%} Wilson intervals)"
    )
    return _table(caption, rows)


# --- Breakdowns and published tables ---


def breakdown_html(breakdown: Breakdown) -> str:
    """A breakdown's categories, counts and shares."""
    total = breakdown.total
    rows = [header(breakdown.dimension.label, "count", "share")]
    rows += [
        row(
            cell(category_label(category)),
            cell(count, align="right"),
            cell(f"{Proportion(count, total).percent(1)}%" if total else "-", align="right"),
        )
        for category, count in breakdown.counts.items()
    ]
    rows.append(row(cell("Total", header=True), cell(total, align="right"), cell("")))
    return _table(f"By {breakdown.dimension.label.lower()}", rows)


def disclosed_table_html(table: DisclosedTable) -> str:
    """The table as it would be published, totals included: suppressed cells show the symbol."""
    labels = [*table.row_labels, "Total"]
    rows = [header("", *table.column_labels, "Total")]
    rows += [
        row(cell(label, header=True), *(cell(shown, align="right") for shown in line))
        for label, line in zip(labels, table.shown(), strict=True)
    ]
    return _table(f"After {table.policy.name} disclosure control", rows)

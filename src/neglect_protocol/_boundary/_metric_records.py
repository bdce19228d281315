"""Plain dict rows of the partnership's metrics: audits, surveys, cohorts and published tables.

Shares are given as floats (the exact counts sit beside them), changes in
percentage points as floats, and a figure that does not exist as ``None``, so
that ``pandas.DataFrame(rows)`` and ``polars.DataFrame(rows)`` take the rows as
they are. A row that pools every team, question or group says ``"all"``
(:data:`OVERALL`) there. No free text (auditors' comments, respondents' words) is
in any row.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable
from typing import Any

from neglect_protocol._boundary._columns import OVERALL
from neglect_protocol._logic._audit_summary import AuditSummary, GradeCounts
from neglect_protocol._logic._breakdowns import Breakdown, Cohort, category_label
from neglect_protocol._logic._change import Change
from neglect_protocol._logic._survey import ShareMetric, SurveyMetrics
from neglect_protocol._model._disclosure import DisclosedTable
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import InvalidArgumentError, safe_repr


def _share(proportion: Proportion | None) -> float | None:
    return None if proportion is None else float(proportion.share)


def _change(change: Change | None) -> dict[str, float | None]:
    if change is None:
        return {"change_points": None, "change_low": None, "change_high": None}
    low, high = change.interval
    return {
        "change_points": float(change.difference * 100),
        "change_low": low * 100,
        "change_high": high * 100,
    }


def _refuse_overall(column: str, names: Iterable[str]) -> None:
    """Refuse a team, question or group called "all": its rows would read as the pooled ones."""
    if OVERALL in names:
        raise InvalidArgumentError(
            column,
            f"expected no {column} called {safe_repr(OVERALL)}, the name of the rows of all "
            "of them; got one",
        )


def _grade_row(team: str, grades: GradeCounts) -> dict[str, Any]:
    return {
        "team": team,
        "files": grades.total,
        **grades.counts,
        "good_or_better": grades.good_or_better_share.positive,
        "inadequate": grades.inadequate_share.positive,
        "good_or_better_share": _share(grades.good_or_better_share),
        "inadequate_share": _share(grades.inadequate_share),
    }


def audit_summary_records(summary: AuditSummary) -> list[dict[str, Any]]:
    """One row for all teams (``team`` is ``"all"``), then one per team, of files by judgement.

    Args:
        summary: The summary from :func:`~neglect_protocol.audit.summarise_audits`.

    Returns:
        Rows with ``team``, ``files``, a count per judgement code of the scale (best
        first), the counts ``good_or_better`` and ``inadequate`` and their shares
        ``good_or_better_share`` and ``inadequate_share``.
    """
    _refuse_overall("team", summary.by_team)
    rows = [_grade_row(OVERALL, summary.grades)]
    rows += [_grade_row(team, grades) for team, grades in summary.by_team.items()]
    return rows


def theme_records(summary: AuditSummary) -> list[dict[str, Any]]:
    """One row per comment theme: positive and negative comments, and change since the last period.

    Args:
        summary: The summary from :func:`~neglect_protocol.audit.summarise_audits`.

    Returns:
        Rows with ``theme``, ``positive``, ``negative``, ``total``,
        ``positive_share``, and ``change_points``, ``change_low`` and
        ``change_high`` (percentage points; ``None`` without a previous period).
    """
    return [
        {
            "theme": theme,
            "positive": tally.positive,
            "negative": tally.negative,
            "total": tally.total,
            "positive_share": _share(tally.positive_share),
            **_change(summary.theme_changes.get(theme)),
        }
        for theme, tally in summary.themes.items()
    ]


def _metric_row(question: str, group: str, metric: ShareMetric) -> dict[str, Any]:
    share = metric.share
    low, high = (None, None) if metric.interval is None else metric.interval
    return {
        "question": question,
        "group": group,
        "answered": metric.answered,
        "skipped": metric.skipped,
        "positive": None if share is None else share.positive,
        "share": _share(share),
        "interval_low": low,
        "interval_high": high,
        **_change(metric.change),
    }


def survey_metrics_records(metrics: SurveyMetrics) -> list[dict[str, Any]]:
    """One row per question and respondent group, with ``"all"`` for all of either.

    For each question: all groups, then each group; then every question pooled
    per group; then everything pooled.

    Args:
        metrics: The metrics from :func:`~neglect_protocol.survey.survey_metrics`.

    Returns:
        Rows with ``question``, ``group``, ``answered``, ``skipped``, ``positive``
        (a count), ``share``, ``interval_low`` and ``interval_high`` (the Wilson
        interval), and ``change_points``, ``change_low`` and ``change_high``.
    """
    _refuse_overall("question", metrics.questions)
    _refuse_overall("group", metrics.groups)
    rows = []
    for code, metric in metrics.questions.items():
        rows.append(_metric_row(code, OVERALL, metric))
        rows += [
            _metric_row(code, group, by_code[code]) for group, by_code in metrics.groups.items()
        ]
    rows += [_metric_row(OVERALL, group, metric) for group, metric in metrics.group_overall.items()]
    rows.append(_metric_row(OVERALL, OVERALL, metrics.overall))
    return rows


def _plain(category: Hashable) -> Any:
    return category.value if isinstance(category, enum.Enum) else category


def breakdown_records(breakdown: Breakdown) -> list[dict[str, Any]]:
    """One row per category of a breakdown, in its order, zeros included.

    Args:
        breakdown: A breakdown of a cohort or of GCP2 completions.

    Returns:
        Rows with ``dimension``, ``category`` (its code: ``"N1"``, ``"under 1"``,
        a level, ``True``), ``label`` (as a table heads it), ``count`` and
        ``share`` of all the records (``None`` when there are none).
    """
    total = breakdown.total
    return [
        {
            "dimension": breakdown.dimension.value,
            "category": _plain(category),
            "label": category_label(category),
            "count": count,
            "share": count / total if total else None,
        }
        for category, count in breakdown.counts.items()
    ]


def cohort_records(cohort: Cohort) -> list[dict[str, Any]]:
    """One row per child of a cohort: reference, primary need, age band, level, care status.

    Then the census codes: the plan category (``None`` without a plan) and the
    assessment factors joined by commas (``None`` when none is recorded).
    """
    return [
        {
            "reference": record.reference,
            "primary_need": record.primary_need.value,
            "age_band": record.age_band.value,
            "level_of_need": record.level_of_need,
            "looked_after": record.looked_after,
            "plan_category": record.plan_category,
            "factors": ",".join(record.factors) or None,
        }
        for record in cohort.records
    ]


def disclosed_table_records(table: DisclosedTable) -> list[dict[str, Any]]:
    """One row per cell of a published table, totals included, with what it shows.

    The true count of a cell is never in a row: rows are for publishing, and a
    suppressed count must not travel with them.

    Args:
        table: The table after disclosure control.

    Returns:
        Rows with ``row`` and ``column`` (labels, ``"Total"`` for the totals),
        ``shown`` (a number as text, or the policy's symbol) and ``suppressed``.
    """
    rows = [*table.row_labels, "Total"]
    columns = [*table.column_labels, "Total"]
    return [
        {
            "row": rows[r],
            "column": columns[c],
            "shown": cell.shown,
            "suppressed": cell.is_suppressed,
        }
        for r, line in enumerate(table.grid())
        for c, cell in enumerate(line)
    ]

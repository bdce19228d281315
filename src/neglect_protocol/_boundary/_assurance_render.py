"""Rendering the annual assurance report as Markdown and as standalone HTML.

Both renderings come from one outline of headings, paragraphs, lists and tables,
so they always say the same thing. Every piece of text is escaped for its format:
team names, themes and question wording come from partnership data.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs

from neglect_protocol._boundary._output import write_files
from neglect_protocol._logic._action_plan import PlanProgress, Progress
from neglect_protocol._logic._assurance import AssuranceReport, ReportTable, long_date
from neglect_protocol._logic._assurance_sections import (
    CriterionShare,
    IndicatorTrend,
    NeglectCut,
    recorded_share,
    trend_headline,
)
from neglect_protocol._logic._survey import ShareMetric
from neglect_protocol._model._action_plan import ActionStatus
from neglect_protocol._model._disclosure import DisclosedTable
from neglect_protocol._model._moderation import Agreement, ModerationSummary
from neglect_protocol.errors import (
    InvalidArgumentError,
    SuppressedValueError,
    safe_repr,
)


@attrs.frozen
class _Heading:
    level: int
    text: str


@attrs.frozen
class _Paragraph:
    text: str


@attrs.frozen
class _Bullets:
    items: tuple[str, ...]


@attrs.frozen
class _Table:
    """A table: its first column names the rows; ``text`` lists the other columns holding words.

    Columns of figures are aligned right, so digits line up; columns of words (an
    owner, a date written out, a respondent group) are aligned left, as text reads.
    """

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    text: frozenset[int] = frozenset()


_Block = _Heading | _Paragraph | _Bullets | _Table


def _interval(bounds: tuple[float, float] | None) -> str:
    if bounds is None:
        return "–"
    low, high = bounds
    return f"{low:.0%} to {high:.0%}"


def _points(bounds: tuple[float, float]) -> str:
    low, high = bounds
    return f"{low * 100:+.1f} to {high * 100:+.1f} points"


def _metric_row(label: str, group: str, metric: ShareMetric, previous: bool) -> tuple[str, ...]:
    share = "–" if metric.share is None else f"{metric.share.positive} ({metric.share.percent()}%)"
    row = (label, group, f"{metric.n}", f"{metric.skipped}", share, _interval(metric.interval))
    if not previous:
        return row
    change = "–" if metric.change is None else f"{metric.change.points():+} points"
    return (*row, change)


def _disclosed_table(table: ReportTable) -> _Table:
    disclosed: DisclosedTable = table.table
    shares = bool(table.row_shares)
    header = (
        table.rows,
        *disclosed.column_labels,
        "Total",
        *(("Share of total",) if shares else ()),
    )
    shown = disclosed.shown()
    rows = [
        (label, *values, *((table.row_shares[index],) if shares else ()))
        for index, (label, values) in enumerate(zip(disclosed.row_labels, shown, strict=False))
    ]
    whole = f"{Decimal(100):.{disclosed.policy.percent_decimal_places}f}%"
    rows.append(("Total", *shown[-1], *((whole,) if shares else ())))
    return _Table(table.title, header, tuple(rows))


_MEASURES = (
    ("Champions trained", "champions_trained"),
    ("People at awareness training and conferences", "awareness_attendance"),
    ("Practitioners trained to use the GCP2", "practitioners_trained"),
    ("GCP2s completed", "completed"),
    ("Practitioners who completed a GCP2", "practitioners_using"),
    ("Practitioners trained who completed none", "trained_not_using"),
)


def _tables(report: AssuranceReport, section: str) -> list[_Block]:
    return [_disclosed_table(table) for table in report.tables if table.section == section]


def _outline(report: AssuranceReport) -> list[_Block]:
    previous = report.previous_period
    blocks: list[_Block] = [
        _Heading(1, report.title),
        _Paragraph(
            f"Period: {report.period}."
            + (f" Compared with: {previous}." if previous else " No earlier period compared.")
        ),
        _Heading(2, "Headlines"),
        _Bullets(tuple(headline.text for headline in report.headlines)),
        _Heading(2, "Training and use of the GCP2"),
    ]
    now, before = report.implementation, report.previous_implementation
    periods = [now] if before is None else [before, now]
    header = ("Measure", *((previous,) if before is not None else ()), report.period)
    rows = tuple(
        (name, *(f"{getattr(measures, field):,}" for measures in periods))
        for name, field in _MEASURES
    )
    blocks.append(_Table("Training and use", header, rows))
    blocks += _tables(report, "implementation")
    blocks.append(_Heading(2, "Case-file audits"))
    if report.audits is None:
        blocks.append(_Paragraph("No case files were audited in the period."))
    blocks += _tables(report, "audits")
    if report.criteria:
        blocks.append(_criteria(report.criteria, f"{report.survey_metrics.confidence:.0%}"))
    blocks += _survey(report)
    blocks.append(_Heading(2, "Children known to services"))
    cohort = _tables(report, "cohort")
    blocks += cohort or [_Paragraph("No children were recorded in the cohort.")]
    if report.neglect is not None:
        blocks += _neglect(report.neglect)
    if report.indicator_trend is not None:
        blocks += _indicator_trend(report.indicator_trend)
    if report.moderation is not None:
        blocks += _moderation(report.moderation)
    level = f"{report.survey_metrics.confidence:.0%}"
    blocks.append(_Heading(2, f"Change since {previous}" if previous else "Change"))
    if report.changes:
        blocks.append(
            _Table(
                f"Shares compared with the previous period ({level} intervals by Newcombe's "
                "method)",
                ("Measure", f"{previous}", report.period, "Change", f"{level} interval"),
                tuple(
                    (
                        line.measure,
                        f"{line.change.previous.percent(1)}%",
                        f"{line.change.current.percent(1)}%",
                        f"{line.change.points(1):+} points",
                        _points(line.change.interval),
                    )
                    for line in report.changes
                ),
            )
        )
    else:
        blocks.append(_Paragraph("No shares could be compared with an earlier period."))
    if report.action_plan is not None:
        blocks += _action_plan(report.action_plan)
    blocks += [_Heading(2, "Notes"), _Bullets(_notes(report))]
    return blocks


def _criteria(figures: tuple[CriterionShare, ...], level: str) -> _Table:
    """Files judged good or better on each criterion, with the share's interval."""
    return _Table(
        "Case files judged good or better, by audit criterion",
        ("Criterion", "Files judged", "Good or better", "Share", f"{level} interval"),
        tuple(
            (
                figure.criterion.label,
                f"{figure.share.total:,}",
                f"{figure.share.positive:,}",
                f"{figure.share.percent(1)}%",
                _interval(figure.share.wilson_interval(float(level.rstrip("%")) / 100)),
            )
            for figure in figures
        ),
    )


def _one_row_tables(
    caption: str,
    header: tuple[str, ...],
    tables: tuple[DisclosedTable, ...],
    share: Callable[[DisclosedTable], str],
) -> _Table:
    """One-row tables, each under disclosure control on its own, shown as one table.

    Their rows overlap or need not add up, so no total row is shown.
    """
    return _Table(
        caption,
        header,
        tuple(
            (
                table.row_labels[0],
                *table.shown()[0],
                share(table),
            )
            for table in tables
        ),
    )


def _neglect(cut: NeglectCut) -> list[_Block]:
    """Children due to neglect on the stated basis: N1 alone is "abuse or neglect"."""
    return [
        _Heading(3, "Due to neglect"),
        _Paragraph(
            "The primary need code N1 is “abuse or neglect”, so it does not count neglect "
            f"alone. Here a child is counted as due to neglect where {cut.basis.description}; "
            "the share is of the children whose records carry it (children with nothing "
            "recorded are counted apart). Children in care are counted at their level of "
            "need too, so the rows are not added up."
        ),
        _one_row_tables(
            "Children due to neglect, on the basis stated above",
            ("Children", "Due to neglect", "Other reasons", "Not recorded", "Total", "Share"),
            cut.rows,
            _neglect_share,
        ),
    ]


def _neglect_share(table: DisclosedTable) -> str:
    """Due to neglect as a share of the children recorded (not of those with nothing recorded)."""
    share = recorded_share(table)
    places = table.policy.percent_decimal_places
    return table.policy.suppressed if share is None else f"{share.percent(places)}%"


def _row_share(table: DisclosedTable) -> str:
    try:
        return f"{table.percent(0, 0, of='row')}%"
    except SuppressedValueError:
        return table.policy.suppressed


def _indicator_trend(shown: IndicatorTrend) -> list[_Block]:
    """A key indicator per period, the share per period, and the change since the one before."""
    measure, counted, base = shown.wording
    blocks: list[_Block] = [
        _Heading(2, f"Key indicator: {measure}"),
        _Paragraph(trend_headline(shown)[0]),
    ]
    if shown.rows:
        blocks.append(
            _one_row_tables(
                f"{measure}, by period (the Department for Education's definition)",
                ("Period", counted, "Others", f"All {base}", "Share"),
                shown.rows,
                _row_share,
            )
        )
    return blocks


def _agreement_row(label: str, agreement: Agreement) -> tuple[str, ...]:
    alpha, kappa = agreement.alpha, agreement.fleiss
    exact = alpha.exact_agreement
    return (
        label,
        f"{alpha.raters:,}",
        f"{alpha.cases:,}",
        "undefined" if alpha.alpha is None else f"{alpha.alpha:.2f}",
        "undefined" if kappa.kappa is None else f"{kappa.kappa:.2f}",
        "–" if exact is None else f"{exact.percent()}%",
    )


def _moderation(summary: ModerationSummary) -> list[_Block]:
    """How alike practitioners graded the same anonymised cases, by sub-area, least alike first."""
    least = list(summary.most_disagreement)
    order = [*least, *(code for code in summary.by_sub_area if code not in least)]
    return [
        _Heading(2, "Moderation of GCP2 grading"),
        _Paragraph(
            "Practitioners graded the same anonymised cases. Krippendorff's alpha "
            f"({summary.metric}) and Fleiss' kappa are 1 for perfect agreement and 0 for "
            "agreement no better than chance; “undefined” means every grade was the same. "
            "Sub-areas are listed from the least alike."
        ),
        _Table(
            "Agreement among practitioners, by sub-area",
            (
                "Sub-area",
                "Raters",
                "Cases",
                "Krippendorff's alpha",
                "Fleiss' kappa",
                "Pairs graded the same",
            ),
            (
                *(_agreement_row(code, summary.by_sub_area[code]) for code in order),
                _agreement_row("All sub-areas", summary.overall),
            ),
        ),
    ]


def _status_row(label: str, progress: Progress) -> tuple[str, ...]:
    return (
        label,
        f"{progress.total:,}",
        *(f"{progress.by_status[status]:,}" for status in ActionStatus),
        f"{len(progress.overdue):,}",
    )


def _action_plan(progress: PlanProgress) -> list[_Block]:
    """Progress on the action plan: counts by recommendation, then the actions to follow up.

    Evidence of impact is not shown: it is free text that may describe children and
    families, and this report is published. The board is told only whether a
    complete action has evidence of impact recorded, so that it can ask for it.
    """
    day = long_date(progress.as_of)
    overall = progress.overall
    blocks: list[_Block] = [
        _Heading(2, "Action plan progress"),
        _Paragraph(
            f"Progress on “{progress.plan.title}” on {day}: {len(overall.complete):,} of "
            f"{overall.total:,} actions complete, {len(overall.overdue):,} overdue (due before "
            f"{day} and not complete), {len(overall.concerns):,} at risk or off track."
        ),
        _Table(
            f"Actions by recommendation and status, on {day}",
            (
                "Recommendation",
                "Actions",
                *(status.label.capitalize() for status in ActionStatus),
                "Overdue",
            ),
            (
                *(
                    _status_row(
                        f"{item.recommendation.reference}: {item.recommendation.text}",
                        item.progress,
                    )
                    for item in progress.recommendations
                ),
                _status_row("All recommendations", overall),
            ),
        ),
    ]
    follow_up = [
        action
        for action in progress.plan.actions
        if action in overall.overdue or action in overall.concerns
    ]
    if follow_up:
        blocks.append(
            _Table(
                "Actions overdue, at risk or off track",
                ("Action", "Owner", "Due", "Status", "Overdue"),
                tuple(
                    (
                        f"{action.reference}: {action.description}",
                        action.owner,
                        long_date(action.due),
                        action.status.label,
                        "yes" if action in overall.overdue else "no",
                    )
                    for action in follow_up
                ),
                frozenset({1, 2, 3, 4}),
            )
        )
    else:
        blocks.append(_Paragraph("No action is overdue, at risk or off track."))
    if overall.complete:
        blocks.append(
            _Table(
                "Actions complete",
                ("Action", "Owner", "Due", "Evidence of impact recorded"),
                tuple(
                    (
                        f"{action.reference}: {action.description}",
                        action.owner,
                        long_date(action.due),
                        "no" if action in overall.complete_without_evidence else "yes",
                    )
                    for action in overall.complete
                ),
                frozenset({1, 2, 3}),
            )
        )
    return blocks


def _notes(report: AssuranceReport) -> tuple[str, ...]:
    policy = report.policy
    notes = [
        f"Tables of children and of GCP2s completed follow the {policy.name} disclosure "
        f"policy ({policy.version}): counts from {policy.min_count} to {policy.max_count} "
        f"are shown as “{policy.suppressed}”"
        + (
            ", and further cells are hidden so that none can be worked out from the rest"
            if policy.secondary
            else ""
        )
        + f"; 0 is a true zero; “{policy.not_available}” marks a figure not available and "
        f"“{policy.not_applicable}” one that cannot exist (an unborn child cannot be in "
        "care). Headlines about children give only figures these tables show. Percentages "
        "are computed from unrounded counts.",
    ]
    if any(not table.controlled for table in report.tables):
        notes.append(
            "Audit tables count case files audited and auditors' comments, not children, "
            "and are shown in full: they are outside disclosure control."
        )
    notes += [
        "Headline phrases never overstate the exact share: “just over”, “just under” "
        "and “over” say which side of a named fraction it lies; small bases are "
        "given as counts.",
        "Survey shares leave out respondents who skipped the question. Intervals "
        "for shares are Wilson score intervals; intervals for change are "
        "Newcombe's hybrid score intervals.",
        "Changes are worked out from the unrounded shares, so a change may differ "
        "slightly from the difference of the rounded figures shown.",
    ]
    if report.action_plan is not None:
        notes.append(
            "Action plan: an action is overdue if it was due before the report's date and "
            "is not complete. Evidence of impact is kept in the action plan, not in this "
            "report: it is free text that may describe children and families, so the "
            "report says only whether it is recorded."
        )
    return tuple(notes)


def _survey(report: AssuranceReport) -> list[_Block]:
    metrics = report.survey_metrics
    previous = report.previous_period is not None
    rows: list[tuple[str, ...]] = []
    for question in report.survey.questions:
        rows.append(_metric_row(question.text, "All", metrics.questions[question.code], previous))
        rows += [
            _metric_row("", group, metrics.groups[group][question.code], previous)
            for group in report.survey.groups
        ]
    level = f"{metrics.confidence:.0%}"
    header = ("Question", "Respondents", "Answered", "Skipped", "Positive", f"{level} interval")
    return [
        _Heading(2, "Survey of families and professionals"),
        _Paragraph(f"{metrics.responses:,} responses to “{report.survey.name}”."),
        _Table(
            "Positive answers by question and respondent group",
            (*header, *(("Change",) if previous else ())),
            tuple(rows),
            frozenset({1}),
        ),
    ]


# Every character with a meaning in Markdown (CommonMark lets any ASCII punctuation be
# escaped), and line breaks, which would end a table row, a list item or a paragraph.
_MARKDOWN_SPECIAL = str.maketrans(
    {
        **{char: f"\\{char}" for char in "\\`*_[]<>|#~&!"},
        "\n": " ",
        "\r": " ",
        "\u2028": " ",
        "\u2029": " ",
    }
)


def _md(text: str) -> str:
    return text.translate(_MARKDOWN_SPECIAL)


def render_markdown(report: AssuranceReport) -> str:
    """Render the report as Markdown, ready to paste into a board paper.

    Args:
        report: The report from :func:`~neglect_protocol.assurance.build_assurance_report`.

    Returns:
        The Markdown text, ending in a newline.
    """
    lines: list[str] = []
    for block in _outline(report):
        if isinstance(block, _Heading):
            lines += ["#" * block.level + " " + _md(block.text), ""]
        elif isinstance(block, _Paragraph):
            lines += [_md(block.text), ""]
        elif isinstance(block, _Bullets):
            lines += [f"- {_md(item)}" for item in block.items] + [""]
        else:
            lines += [f"*{_md(block.caption)}*", ""]
            lines.append("| " + " | ".join(_md(cell) for cell in block.header) + " |")
            lines.append(
                "|"
                + "|".join(
                    " --- " if _align(block, index) else " ---: "
                    for index in range(len(block.header))
                )
                + "|"
            )
            lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in block.rows]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1b1b1b; }
table { border-collapse: collapse; margin: 1rem 0 2rem; }
caption { text-align: left; font-style: italic; padding-bottom: 0.25rem; }
th, td { border: 1px solid #b1b4b6; padding: 0.25rem 0.5rem; }
th, td { text-align: right; }
td, thead th { white-space: nowrap; }
td { font-variant-numeric: tabular-nums; }
.text, tbody th { text-align: left; white-space: normal; }
thead th { background: #f3f2f1; }
"""


def _align(table: _Table, column: int) -> str:
    """The class attribute of a cell in ``column``: the first column and words align left."""
    return ' class="text"' if column == 0 or column in table.text else ""


def render_html(report: AssuranceReport) -> str:
    """Render the report as one standalone HTML page.

    The page needs nothing else: styles are inline, there are no scripts, images or
    links to fetch, and all text is HTML-escaped.

    Args:
        report: The report from :func:`~neglect_protocol.assurance.build_assurance_report`.

    Returns:
        The HTML document, ending in a newline.
    """
    escape = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)} — {escape(report.period)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
    ]
    for block in _outline(report):
        if isinstance(block, _Heading):
            parts.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, _Paragraph):
            parts.append(f"<p>{escape(block.text)}</p>")
        elif isinstance(block, _Bullets):
            parts.append(
                "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
            )
        else:
            head = "".join(
                f'<th scope="col"{_align(block, index)}>{escape(cell)}</th>'
                for index, cell in enumerate(block.header)
            )
            body = "".join(
                "<tr>"
                + f'<th scope="row">{escape(row[0])}</th>'
                + "".join(
                    f"<td{_align(block, index)}>{escape(cell)}</td>"
                    for index, cell in enumerate(row[1:], start=1)
                )
                + "</tr>"
                for row in block.rows
            )
            parts.append(
                f"<table><caption>{escape(block.caption)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            )
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


# Characters that would make a stem name another folder, on any system the file may reach.
_SEPARATORS = frozenset("/\\:\0")


def check_stem(stem: object) -> str:
    r"""Check that ``stem`` is a plain file name, and return it.

    A stem names the report's two files inside the folder they are written to, so it
    may hold no folder of its own: no ``/`` or ``\``, no drive (``:``), no NUL, and
    neither ``.`` nor ``..`` (``..`` is how a name climbs out of its folder).

    Raises:
        InvalidArgumentError: If ``stem`` is not a non-empty plain file name.
    """
    if (
        not isinstance(stem, str)
        or stem in {"", ".", ".."}
        or not _SEPARATORS.isdisjoint(stem)
        or stem != stem.strip()
    ):
        raise InvalidArgumentError(
            "stem",
            "expected a plain file name (no folder, '/', '\\', ':' or NUL; not empty, "
            f"'.' or '..'; no leading or trailing spaces), got {safe_repr(stem)}",
        )
    return stem


def _encoded(text: str) -> bytes:
    """``text`` in UTF-8, refusing a lone surrogate (which no file can hold as UTF-8)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidArgumentError(
            "report", "expected text that can be written in UTF-8, got a lone surrogate"
        ) from None


def write_assurance_report(
    report: AssuranceReport,
    directory: str | os.PathLike[str],
    *,
    stem: str = "assurance_report",
    force: bool = False,
) -> tuple[Path, Path]:
    """Write the report as ``<stem>.md`` and ``<stem>.html`` in ``directory``.

    The directory is created if it does not exist. Both destinations are checked
    before anything is written: an existing file is replaced only with
    ``force=True``, and a symbolic link (or anything else that is not a regular
    file) is never replaced or written through. Each file is first written in full
    to a new temporary file beside it and then moved into place with
    ``os.replace``, so a reader never sees half a report.

    >>> from neglect_protocol.assurance import write_assurance_report
    >>> import tempfile
    >>> from pathlib import Path
    >>> from neglect_protocol.assurance import ReportInput
    >>> from neglect_protocol.serialize import from_json
    >>> document = Path("examples/invented_report_input.json").read_bytes()
    >>> report = from_json(ReportInput, document).build()
    >>> folder = tempfile.mkdtemp()
    >>> [path.name for path in write_assurance_report(report, folder, stem="board")]
    ['board.md', 'board.html']
    >>> from neglect_protocol.errors import OutputExistsError
    >>> try:
    ...     write_assurance_report(report, folder, stem="board")
    ... except OutputExistsError as error:
    ...     print(error)
    'board.md': already exists; pass force=True to replace it
    >>> [path.name for path in write_assurance_report(report, folder, stem="board", force=True)]
    ['board.md', 'board.html']

    Args:
        report: The report to write.
        directory: Where to write the two files.
        stem: The file name before the extension: a plain name, with no folder.
        force: Whether to replace existing files of those names.

    Returns:
        The paths of the Markdown and HTML files.

    Raises:
        InvalidArgumentError: If ``stem`` is not a plain file name (``../x``, an
            absolute path, an empty name), or the report holds text that UTF-8
            cannot encode (a lone surrogate); nothing is written.
        OutputExistsError: If a destination is a symbolic link or not a regular
            file, or exists and ``force`` is false; nothing is written.
        OSError: If the directory cannot be created or a file cannot be written.
    """
    check_stem(stem)
    contents = (_encoded(render_markdown(report)), _encoded(render_html(report)))
    markdown, html_file = write_files(
        directory, {f"{stem}.md": contents[0], f"{stem}.html": contents[1]}, force=force
    )
    return markdown, html_file

"""The annual assurance report to the partnership board, as Markdown and HTML.

:func:`build_assurance_report` takes a period's audits, survey responses, cohort
and implementation figures (and optionally the previous period's) and works out
the headline figures, worded so that none overstates its share, and tables of
counts after disclosure control. :func:`render_markdown` and :func:`render_html`
render it; :func:`write_assurance_report` writes both files. A :class:`ReportInput`
holds everything a report is built from, as one value that a file can hold (the
``neglect-protocol report`` command reads one).
"""

from neglect_protocol._api import publish
from neglect_protocol._boundary._assurance_render import (
    render_html,
    render_markdown,
    write_assurance_report,
)
from neglect_protocol._logic._assurance import (
    AssuranceReport,
    ChangeLine,
    Headline,
    PeriodRecords,
    ReportTable,
    build_assurance_report,
)
from neglect_protocol._logic._report_input import ReportInput

__all__ = [
    "AssuranceReport",
    "ChangeLine",
    "Headline",
    "PeriodRecords",
    "ReportInput",
    "ReportTable",
    "build_assurance_report",
    "render_html",
    "render_markdown",
    "write_assurance_report",
]


publish(
    __name__,
    AssuranceReport,
    ChangeLine,
    Headline,
    PeriodRecords,
    ReportTable,
    build_assurance_report,
    render_html,
    render_markdown,
    write_assurance_report,
)


publish(__name__, ReportInput)


def __dir__() -> list[str]:
    return __all__

"""Notebook views of result tables, rendered by the boundary only when asked for."""

from __future__ import annotations

from typing import Any


class MetricTable:
    """A mixin for metric tables: a one-line ``repr``, an HTML view and plain rows.

    Rendering is the boundary's business, so each method imports it when called:
    the model and logic never load it otherwise. A class using this mixin is built
    with ``attrs.frozen(repr=False)``, so that its ``repr`` is the one-line summary.
    """

    __slots__ = ()
    # Documented under its public home whichever public module is imported first
    # (the classes that use it are published by audit, survey and the rest).
    __module__ = "neglect_protocol.records"

    def __repr__(self) -> str:
        from neglect_protocol._boundary._metric_html import metric_repr

        return metric_repr(self)

    def _repr_html_(self) -> str:
        """An HTML table, for notebooks (text escaped, no free text)."""
        from neglect_protocol._boundary._metric_html import metric_html

        return metric_html(self)

    def to_records(self) -> list[dict[str, Any]]:
        """Plain dict rows for ``pandas.DataFrame`` or ``polars.DataFrame``.

        See the functions of :mod:`neglect_protocol.records`: audit summaries give
        :func:`~neglect_protocol.records.audit_summary_records`, survey metrics
        :func:`~neglect_protocol.records.survey_metrics_records`, breakdowns
        :func:`~neglect_protocol.records.breakdown_records` and published tables
        :func:`~neglect_protocol.records.disclosed_table_records`.
        """
        from neglect_protocol._boundary._metric_records import metric_records

        return metric_records(self)

"""What values with a notebook view share: the text helpers of their one-line reprs.

A value's ``repr`` is its own (the model may format itself that far); its HTML view
and its rows are the boundary's business. The public module that publishes a class
attaches those from the boundary (see ``neglect_protocol._api.attach_views``), so
neither the model nor the logic ever imports the boundary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from neglect_protocol._model._proportion import Proportion


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an ``s`` unless the count is one."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def counted(share: Proportion | None) -> str:
    """A share as its count and rounded percentage (``-`` for none)."""
    return "-" if share is None else f"{share.positive} ({share.percent()}%)"


class MetricTable:
    """A mixin for metric tables: a one-line ``repr``, an HTML view and plain rows.

    Each table class writes its own ``repr``. :mod:`neglect_protocol.records`
    attaches ``_repr_html_`` and ``to_records``, rendered by the boundary, when it
    is imported; every public module that publishes a table imports it. A class
    using this mixin is built with ``attrs.frozen(repr=False)``.
    """

    __slots__ = ()
    # Documented under its public home whichever public module is imported first
    # (the classes that use it are published by audit, survey and the rest).
    __module__ = "neglect_protocol.records"

    if TYPE_CHECKING:  # Attached by neglect_protocol.records; declared for type checkers.

        def _repr_html_(self) -> str: ...

        def to_records(self) -> list[dict[str, Any]]: ...

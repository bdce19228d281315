"""Disclosure control for published tables: suppression of small counts.

A :class:`DisclosurePolicy` says which counts are too small to publish and how to
show them; :func:`apply_disclosure` applies one to a table, adding its totals and
hiding further cells (secondary suppression) so that no hidden count can be worked
out from the rest. Two policies are built in: :data:`DFE` follows the Department
for Education's children in need statistics, :data:`DFE_CLA` its children looked
after statistics (the same suppression, percentages as whole numbers). Use the one
whose statistics a table sits beside; a partnership's own policy loads with
:func:`load_disclosure_policy`.

>>> from neglect_protocol.disclosure import DFE, apply_disclosure
>>> DFE.name, DFE.suppressed, DFE.totals_to_nearest
('DfE', 'c', 10)
>>> table = apply_disclosure(
...     [[12, 4, 30], [25, 16, 41]],
...     DFE,
...     row_labels=["Team North", "Team South"],
...     column_labels=["Under 1", "1 to 4", "5 to 9"],
... )
>>> for row in table.shown():
...     print(" | ".join(f"{value:>3}" for value in row))
  c |   c |  30 |  46
  c |   c |  41 |  82
 37 |  20 |  71 | 128
"""

from neglect_protocol._api import attach_views, publish_exports
from neglect_protocol._boundary._builtin import (
    builtin_disclosure_policy,
    builtin_disclosure_policy_cla,
)
from neglect_protocol._boundary._kinds import (
    DISCLOSURE_POLICY_SCHEMA_VERSION as DISCLOSURE_SCHEMA_VERSION,
)
from neglect_protocol._boundary._loaders import (
    disclosure_policy_from_document,
    load_disclosure_policy,
)
from neglect_protocol._boundary._metric_html import disclosed_table_html
from neglect_protocol._boundary._metric_records import disclosed_table_records
from neglect_protocol._logic._disclosure import apply_disclosure
from neglect_protocol._model._disclosure import (
    Base,
    DisclosedCell,
    DisclosedTable,
    DisclosurePolicy,
    Missing,
    Suppression,
)

__all__ = [
    "DFE",
    "DFE_CLA",
    "DISCLOSURE_SCHEMA_VERSION",
    "Base",
    "DisclosedCell",
    "DisclosedTable",
    "DisclosurePolicy",
    "Missing",
    "Suppression",
    "apply_disclosure",
    "disclosure_policy_from_document",
    "load_disclosure_policy",
]

DFE: DisclosurePolicy = builtin_disclosure_policy()
"""The Department for Education's policy, with counts 1 to 5 shown as ``c`` and secondary
suppression, 0 a true zero, ``:`` not available, ``z`` not applicable, national and
regional totals to the nearest 10, percentages to one decimal place from unrounded
counts (DfE, *Characteristics of children in need*, data guidance, 2021)."""

DFE_CLA: DisclosurePolicy = builtin_disclosure_policy_cla()
"""The Department for Education's children looked after policy, with counts 1 to 5 shown as
``c`` and secondary suppression, national and regional totals to the nearest 10,
percentages to whole numbers (DfE, *Children looked after in England including
adoptions*, 2023, and the methodology of *Children looked after: a focus on placement
location*, 2024, "Rounding, suppression and grossing").

>>> from neglect_protocol.disclosure import DFE, DFE_CLA
>>> DFE_CLA.percent_decimal_places, DFE.percent_decimal_places
(0, 1)
>>> DFE_CLA.is_primary(5), DFE_CLA.is_primary(6)
(True, False)
"""

publish_exports(globals())

attach_views(DisclosedTable, html=disclosed_table_html, records=disclosed_table_records)


def __dir__() -> list[str]:
    return __all__

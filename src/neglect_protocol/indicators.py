"""The partnership dataset: national codes, cohort breakdowns and implementation measures.

Children in Need census primary need codes and DfE age bands are enums; a
:class:`Cohort` of children breaks down by need, age band, level of need and care
status; :class:`ImplementationMeasures` counts training and use of the GCP2.

>>> from neglect_protocol.indicators import CensusAgeBand, PrimaryNeed
>>> PrimaryNeed.N1.description, [band.label for band in CensusAgeBand][:2]
('abuse or neglect', ['Unborn', 'Under 1'])
"""

from neglect_protocol._api import attach_views, publish_exports
from neglect_protocol._boundary._metric_html import breakdown_html
from neglect_protocol._boundary._metric_records import breakdown_records, cohort_records
from neglect_protocol._logic._breakdowns import (
    Breakdown,
    Cohort,
    CrossTab,
    Dimension,
    category_label,
    completions_breakdown,
)
from neglect_protocol._model._cohort import (
    CensusAgeBand,
    CohortRecord,
    GCP2Completion,
    ImplementationMeasures,
    PrimaryNeed,
    census_date,
)

__all__ = [
    "Breakdown",
    "CensusAgeBand",
    "Cohort",
    "CohortRecord",
    "CrossTab",
    "Dimension",
    "GCP2Completion",
    "ImplementationMeasures",
    "PrimaryNeed",
    "category_label",
    "census_date",
    "completions_breakdown",
]


publish_exports(globals())

attach_views(Breakdown, html=breakdown_html, records=breakdown_records)
attach_views(Cohort, records=cohort_records)


def __dir__() -> list[str]:
    return __all__

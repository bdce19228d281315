"""Plain dict rows of profiles, decisions and metrics, for DataFrames (pandas, polars).

>>> import datetime as dt
>>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating, score
>>> child = ChildRef("C-1", date_of_birth=dt.date(2019, 4, 2))
>>> window = ObservationWindow(dt.date(2024, 2, 5), dt.date(2024, 2, 23))
>>> rows = profile_records([score(Assessment(child, window, (Rating("A1", 3),)))])
>>> len(rows), rows[0]["code"], rows[0]["grade"], rows[0]["window_start"]
(17, 'A', 3, datetime.date(2024, 2, 5))
"""

from neglect_protocol._api import publish
from neglect_protocol._boundary._html import GRADE_COLOURS, UNGRADED_COLOUR
from neglect_protocol._boundary._metric_records import (
    audit_summary_records,
    breakdown_records,
    cohort_records,
    disclosed_table_records,
    survey_metrics_records,
    theme_records,
)
from neglect_protocol._boundary._records import (
    DECISION_KEYS,
    ENTRY_KEYS,
    PROFILE_KEYS,
    decision_records,
    profile_records,
)
from neglect_protocol._model._views import MetricTable

__all__ = [
    "DECISION_KEYS",
    "ENTRY_KEYS",
    "GRADE_COLOURS",
    "PROFILE_KEYS",
    "UNGRADED_COLOUR",
    "MetricTable",
    "audit_summary_records",
    "breakdown_records",
    "cohort_records",
    "decision_records",
    "disclosed_table_records",
    "profile_records",
    "survey_metrics_records",
    "theme_records",
]

publish(__name__, profile_records)
publish(
    __name__,
    audit_summary_records,
    breakdown_records,
    cohort_records,
    decision_records,
    disclosed_table_records,
    survey_metrics_records,
    theme_records,
)


def __dir__() -> list[str]:
    return __all__

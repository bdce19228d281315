"""Feedback surveys of families and professionals, and their metrics.

A question says which of its answers count as positive; metrics give the share
of answers that were positive, with ``n``, a Wilson interval and the change since
the previous period, per question, per respondent group and overall.

>>> from neglect_protocol.survey import AGREEMENT, Question
>>> Question("agencies", "Did agencies work well together?", AGREEMENT).is_positive("agree")
True
"""

from neglect_protocol._api import attach_views, publish_exports
from neglect_protocol._boundary._metric_html import survey_metrics_html
from neglect_protocol._boundary._metric_records import survey_metrics_records
from neglect_protocol._logic._survey import ShareMetric, SurveyMetrics, survey_metrics
from neglect_protocol._model._survey import (
    AGREEMENT,
    YES_NO,
    Question,
    ResponseScale,
    Survey,
    SurveyResponse,
)

__all__ = [
    "AGREEMENT",
    "YES_NO",
    "Question",
    "ResponseScale",
    "ShareMetric",
    "Survey",
    "SurveyMetrics",
    "SurveyResponse",
    "survey_metrics",
]


publish_exports(globals())

attach_views(SurveyMetrics, html=survey_metrics_html, records=survey_metrics_records)


def __dir__() -> list[str]:
    return __all__

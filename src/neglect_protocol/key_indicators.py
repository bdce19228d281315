"""The DfE's key indicators of children's social care, per period, with trends and neglect cuts.

A :class:`CaseHistory` holds one child's dated referrals, assessments
(:class:`AssessmentEpisode`) and child protection plans (:class:`ProtectionPlan`).
A :class:`Period` is a financial year (``"2023-24"``, 1 April to 31 March, the
DfE's reporting year) or a quarter of one (``"2023-24 Q1"``, April to June).

The indicators follow the Department for Education's definitions (*Characteristics
of children in need* methodology; the Children in Need census COLLECT
key-indicator reports): :func:`re_referrals`, :func:`second_or_subsequent_plans`,
:func:`plans_lasting_two_years`, :func:`plans_reviewed_within_timescales` and
:func:`assessments_within_45_working_days`. Each returns a
:class:`~neglect_protocol.stats.Proportion` for one period, or ``None`` if nothing
was counted. :func:`trend` follows one across periods with the change since the
period before; :func:`due_to_neglect` gives the children an indicator's neglect cut
is computed on.

>>> import datetime as dt
>>> from neglect_protocol.key_indicators import CaseHistory, re_referrals
>>> child = CaseHistory("C-1", referrals=[dt.date(2023, 1, 9), dt.date(2023, 6, 1)])
>>> re_referrals([child], "2023-24")
Proportion(positive=1, total=1)
"""

from __future__ import annotations

from collections.abc import Sequence

from neglect_protocol._api import publish_exports
from neglect_protocol._boundary._builtin import (
    builtin_assessment_factors,
    builtin_plan_categories,
)
from neglect_protocol._logic import _key_indicators
from neglect_protocol._logic._key_indicators import (
    ASSESSMENT_WORKING_DAYS,
    KeyIndicator,
    Trend,
    assessments_within_45_working_days,
    due_to_neglect,
    plans_lasting_two_years,
    plans_reviewed_within_timescales,
    re_referrals,
    second_or_subsequent_plans,
    trend,
    working_days_between,
)
from neglect_protocol._model._casework import AssessmentEpisode, CaseHistory, ProtectionPlan
from neglect_protocol._model._census import CensusCodeList
from neglect_protocol._model._periods import Period

__all__ = [
    "ASSESSMENT_WORKING_DAYS",
    "AssessmentEpisode",
    "CaseHistory",
    "KeyIndicator",
    "Period",
    "ProtectionPlan",
    "Trend",
    "assessments_within_45_working_days",
    "check_history_codes",
    "due_to_neglect",
    "plans_lasting_two_years",
    "plans_reviewed_within_timescales",
    "re_referrals",
    "second_or_subsequent_plans",
    "trend",
    "working_days_between",
]


def check_history_codes(
    histories: Sequence[CaseHistory],
    *,
    categories: CensusCodeList | None = None,
    factors: CensusCodeList | None = None,
) -> None:
    """Refuse a plan category or assessment factor not on the collection year's lists.

    Args:
        histories: The children's case histories.
        categories: The plan categories of the year; the built-in list if ``None``.
        factors: The assessment factors of the year; the built-in list if ``None``.

    Raises:
        AssuranceError: At the first unknown code, with its ``$`` path
            (``$.histories[2].plans[0].initial_category``) and the nearest valid code.
    """
    _key_indicators.check_history_codes(
        histories,
        categories=builtin_plan_categories() if categories is None else categories,
        factors=builtin_assessment_factors() if factors is None else factors,
    )


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__

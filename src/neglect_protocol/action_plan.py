"""A case review's action plan, and the board's view of its progress on a given day.

A serious case review ends in recommendations; the partnership answers each with
actions, each with an owner agency, a due date, a status (not started, on track,
at risk, off track, complete) and evidence of impact, and its board follows them
until every one is complete (DOMAIN.md section 8).

- :class:`ActionPlan` holds :class:`Recommendation` values, each holding its
  :class:`Action` values. Every value checks all its fields and lists every problem
  (:class:`~neglect_protocol.errors.AssuranceError`, each problem at a ``$``-rooted path).
- :func:`plan_progress` measures progress on a day that is passed in (never read
  from a clock): per recommendation and overall, the counts by status and the
  actions complete, overdue (due before that day and not complete) and of concern
  (at risk or off track).

Evidence of impact is free text that may describe children and families: it is
kept on the action, but never shown in a ``repr``, an error message or the
assurance report.

An action plan is a JSON document of kind ``action_plan``
(:func:`neglect_protocol.serialize.to_json`).

>>> import datetime as dt
>>> from neglect_protocol.action_plan import Action, ActionPlan, Recommendation, plan_progress
>>> plan = ActionPlan("Invented review", [Recommendation("R1", "Invented: know neglect", [
...     Action("R1A", "Invented: train champions", "Health", dt.date(2021, 3, 31), "complete"),
...     Action("R1B", "Invented: audit files", "Children's social care",
...            dt.date(2022, 3, 31), "at_risk"),
... ])])
>>> progress = plan_progress(plan, dt.date(2022, 6, 16))
>>> progress.overall.total, len(progress.overall.overdue), len(progress.overall.concerns)
(2, 1, 1)
"""

from neglect_protocol._api import publish_exports
from neglect_protocol._logic._action_plan import (
    PlanProgress,
    Progress,
    RecommendationProgress,
    action_progress,
    plan_progress,
)
from neglect_protocol._model._action_plan import Action, ActionPlan, ActionStatus, Recommendation

__all__ = [
    "Action",
    "ActionPlan",
    "ActionStatus",
    "PlanProgress",
    "Progress",
    "Recommendation",
    "RecommendationProgress",
    "action_progress",
    "plan_progress",
]

publish_exports(globals())


def __dir__() -> list[str]:
    return __all__

"""Progress on an action plan as of a given day: what is complete, overdue or at risk.

Pure functions over :mod:`neglect_protocol._model._action_plan`: the day is always
passed in, never read from a clock, so the same plan and day give the same progress.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from neglect_protocol._model._action_plan import Action, ActionPlan, ActionStatus, Recommendation
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol.errors import InvalidArgumentError, safe_repr


@attrs.frozen
class Progress:
    """Progress of a set of actions on one day.

    Attributes:
        as_of: The day progress is measured on.
        total: How many actions there are.
        by_status: How many actions stand at each status, every status listed (the
            counts add up to ``total``).
        complete: The actions that are complete.
        overdue: The actions due before ``as_of`` that are not complete.
        concerns: The actions rated at risk or off track.
        complete_without_evidence: The complete actions with no evidence of impact
            recorded.
    """

    as_of: dt.date
    total: int
    by_status: FrozenMap[ActionStatus, int]
    complete: tuple[Action, ...]
    overdue: tuple[Action, ...]
    concerns: tuple[Action, ...]
    complete_without_evidence: tuple[Action, ...]

    @property
    def open(self) -> int:
        """How many actions are not yet complete."""
        return self.total - len(self.complete)


@attrs.frozen
class RecommendationProgress:
    """Progress on the actions answering one recommendation.

    Attributes:
        recommendation: The recommendation.
        progress: Its actions' progress.
    """

    recommendation: Recommendation
    progress: Progress


@attrs.frozen
class PlanProgress:
    """Progress on a whole action plan on one day, per recommendation and overall.

    Attributes:
        plan: The plan.
        as_of: The day progress is measured on.
        recommendations: Progress per recommendation, in the plan's order.
        overall: Progress over every action of the plan.
    """

    plan: ActionPlan
    as_of: dt.date
    recommendations: tuple[RecommendationProgress, ...]
    overall: Progress


def _check_day(as_of: object) -> dt.date:
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise InvalidArgumentError("as_of", f"expected a date, got {safe_repr(as_of)}")
    return as_of


def action_progress(actions: Iterable[Action], as_of: dt.date) -> Progress:
    """Progress of ``actions`` on ``as_of``.

    Args:
        actions: The actions, in the order they are to be listed.
        as_of: The day progress is measured on (never today's date read from a clock).

    Returns:
        The counts by status and the actions complete, overdue and of concern.

    Raises:
        InvalidArgumentError: If ``as_of`` is not a date.
    """
    day = _check_day(as_of)
    listed = tuple(actions)
    counts = dict.fromkeys(ActionStatus, 0)
    for action in listed:
        counts[action.status] += 1
    return Progress(
        as_of=day,
        total=len(listed),
        by_status=FrozenMap(counts),
        complete=tuple(action for action in listed if action.is_complete),
        overdue=tuple(action for action in listed if action.is_overdue(day)),
        concerns=tuple(action for action in listed if action.status.is_concern),
        complete_without_evidence=tuple(
            action
            for action in listed
            if action.is_complete and (action.evidence is None or not action.evidence.strip())
        ),
    )


def plan_progress(plan: ActionPlan, as_of: dt.date) -> PlanProgress:
    """Progress on ``plan`` on ``as_of``, per recommendation and overall.

    An action is *overdue* if it is due before ``as_of`` and not complete: one due
    on ``as_of`` itself still has the day. An action *of concern* is rated at risk or
    off track, whatever its due date. The counts by status partition the actions.

    Args:
        plan: The action plan.
        as_of: The day progress is measured on, such as the report's date.

    Returns:
        The plan's progress.

    Raises:
        InvalidArgumentError: If ``plan`` is not an action plan or ``as_of`` is not a date.

    >>> import datetime as dt
    >>> from neglect_protocol.action_plan import Action, ActionPlan, Recommendation, plan_progress
    >>> plan = ActionPlan("Invented review", [Recommendation("R1", "Invented", [
    ...     Action("R1A", "Invented", "Health", dt.date(2022, 3, 31), "complete"),
    ...     Action("R1B", "Invented", "Police", dt.date(2022, 3, 31), "off_track"),
    ...     Action("R1C", "Invented", "Schools", dt.date(2022, 9, 30), "on_track"),
    ... ])])
    >>> progress = plan_progress(plan, dt.date(2022, 6, 16))
    >>> [action.reference for action in progress.overall.overdue]
    ['R1B']
    >>> len(progress.overall.complete), len(progress.overall.concerns)
    (1, 1)
    """
    if not isinstance(plan, ActionPlan):
        raise InvalidArgumentError("plan", f"expected an ActionPlan, got {safe_repr(plan)}")
    day = _check_day(as_of)
    return PlanProgress(
        plan=plan,
        as_of=day,
        recommendations=tuple(
            RecommendationProgress(item, action_progress(item.actions, day))
            for item in plan.recommendations
        ),
        overall=action_progress(plan.actions, day),
    )

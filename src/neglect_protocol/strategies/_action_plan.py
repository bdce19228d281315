"""Strategies for a case review's action plan: actions, recommendations and whole plans."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from neglect_protocol._model._action_plan import Action, ActionPlan, ActionStatus, Recommendation
from neglect_protocol.strategies._foundation import NAMES, between, free_text

_LETTERS = "ABCDEFGHJK"
_STATUSES = st.sampled_from(list(ActionStatus))
_OWNERS = st.sampled_from(["Health", "Police", "Education", "Children's social care"]) | NAMES
_DUE = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31))
_EVIDENCE = st.none() | free_text()


def _draw_action(draw: st.DrawFn, reference: str) -> Action:
    """Draw an action with this reference, building no strategy."""
    return Action(
        reference,
        draw(NAMES),
        draw(_OWNERS),
        draw(_DUE),
        draw(_STATUSES),
        evidence=draw(_EVIDENCE),
    )


@st.composite
def actions(draw: st.DrawFn) -> Action:
    """Any valid action, with evidence of impact as free text or ``None``.

    >>> from neglect_protocol.strategies import actions
    >>> from hypothesis import given
    >>> @given(actions())
    ... def test_complete_is_never_overdue(action):
    ...     assert not (action.is_complete and action.is_overdue(action.due.max))
    >>> test_complete_is_never_overdue()
    """
    return _draw_action(draw, f"A{draw(between(1, 999))}")


def _draw_recommendation(draw: st.DrawFn, number: int, max_actions: int) -> Recommendation:
    """Draw recommendation ``R<number>`` of 1 to ``max_actions`` actions, building no strategy."""
    count = draw(between(1, max_actions))
    return Recommendation(
        f"R{number}",
        draw(NAMES),
        tuple(_draw_action(draw, f"R{number}{_LETTERS[index]}") for index in range(count)),
    )


@st.composite
def recommendations(draw: st.DrawFn, *, max_actions: int = 4) -> Recommendation:
    """Any valid recommendation of 1 to ``max_actions`` actions (``R<n>A``, ``R<n>B``, …)."""
    return _draw_recommendation(draw, draw(between(1, 9)), max_actions)


@st.composite
def action_plans(
    draw: st.DrawFn, *, max_recommendations: int = 4, max_actions: int = 4
) -> ActionPlan:
    """Any valid action plan: 1 to ``max_recommendations`` recommendations of 1 to ``max_actions``.

    >>> from hypothesis import given
    >>> from neglect_protocol.strategies import action_plans
    >>> @given(action_plans())
    ... def test_every_action_is_listed_once(plan):
    ...     assert len(plan.actions) == len({action.reference for action in plan.actions})
    >>> test_every_action_is_listed_once()
    """
    count = draw(between(1, max_recommendations))
    items = tuple(_draw_recommendation(draw, number, max_actions) for number in range(1, count + 1))
    return ActionPlan(draw(NAMES), items)

"""A case review's action plan: its recommendations and the actions that answer them.

A serious case review ends in recommendations; the partnership turns each into
actions, each with an owner agency, a due date, a status and evidence of impact,
and its board follows them until every one is complete (DOMAIN.md section 8,
"Action plans"; the county's review made seven recommendations under three
findings, ``sources/scrutiny-report-2022-06.txt`` paragraph 1).

Every value checks all its fields at once and reports every problem found, each at
a ``$``-rooted path. Evidence of impact is free text that may describe children and
families: it is never shown in a ``repr`` or an error message.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Any

import attrs

from neglect_protocol.errors import AssuranceError, DocumentProblem, _nearest, safe_repr


class ActionStatus(enum.Enum):
    """Where an action stands: the RAG-style ratings boards use, and complete.

    Attributes:
        label: How the status reads in a report (``"on track"``).
    """

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        """How the status reads in a report (``"off track"``)."""
        return self.value.replace("_", " ")

    @property
    def is_concern(self) -> bool:
        """Whether the board is told the action may not be delivered (at risk or off track)."""
        return self in (ActionStatus.AT_RISK, ActionStatus.OFF_TRACK)


# An action's or a recommendation's reference is shown in reports and error messages,
# so it must have a shape the library's echo rule (errors.safe_repr) always shows: up
# to five capital letters, up to three digits and up to three letters ("R1", "R3B"), or
# capital-letter words and numbers joined by hyphens ("R-3-2", "ACT-07").
REFERENCE_PATTERN = r"[A-Z]{1,5}[0-9]{1,3}[A-Za-z]{0,3}|[A-Z]{1,12}(-[A-Z0-9]{1,12}){1,4}"
_REFERENCE = re.compile(REFERENCE_PATTERN)
REFERENCE_SHAPE = (
    "a code-shaped reference (such as 'R1', 'R3B' or 'ACT-07': capital letters, then "
    "digits and letters, or capital-letter words and numbers joined by '-')"
)
_STATUS_VALUES = tuple(status.value for status in ActionStatus)


def _check_reference(value: object, path: str, problems: list[DocumentProblem]) -> None:
    if not isinstance(value, str) or not _REFERENCE.fullmatch(value):
        problems.append(
            DocumentProblem(path, f"expected {REFERENCE_SHAPE}, got {safe_repr(value)}")
        )


def _check_text(value: object, path: str, what: str, problems: list[DocumentProblem]) -> None:
    if not isinstance(value, str) or not value.strip():
        problems.append(DocumentProblem(path, f"expected {what}, got {safe_repr(value)}"))


def _status(value: ActionStatus | str) -> ActionStatus | Any:
    """The status named by ``value``; anything else is kept for the checks to report."""
    if isinstance(value, str) and value in _STATUS_VALUES:
        return ActionStatus(value)
    return value


def _raise(problems: list[DocumentProblem]) -> None:
    if problems:
        raise AssuranceError(problems=problems)


@attrs.frozen
class Action:
    """One action taken in answer to a recommendation.

    Attributes:
        reference: The action's code-shaped reference, unique in its plan (``"R1B"``).
        description: What will be done, in the partnership's words.
        owner: The agency that owns the action (``"Children's social care"``).
        due: The date it is due to be complete.
        status: Where it stands; given as an :class:`ActionStatus` or its value
            (``"on_track"``).
        evidence: Evidence of its impact, as free text (``None`` until there is
            some). It may describe children and families, so it is personal data:
            it is left out of the ``repr`` and never shown in an error message.

    Raises:
        AssuranceError: Listing every problem, each at its path: a reference not
            shaped like a code, a blank description, an action without an owner,
            a due date that is not a date, an unknown status, evidence that is not
            text.

    >>> import datetime as dt
    >>> from neglect_protocol.action_plan import Action
    >>> Action("R1A", "Invented: train champions", "Health", dt.date(2022, 3, 31), "complete",
    ...        evidence="Invented: private words about a family")
    Action(reference='R1A', ..., status=<ActionStatus.COMPLETE: 'complete'>)
    >>> from neglect_protocol.errors import AssuranceError
    >>> try:
    ...     Action("R1B", "Invented: audit files", " ", "2022-03-31", "completed")
    ... except AssuranceError as error:
    ...     for problem in error.problems:
    ...         print(problem)
    $.owner: expected the owning agency's name, got ' '
    $.due: expected a date, got a str of 10 characters
    $.status: expected one of 'not_started', 'on_track', 'at_risk', 'off_track', 'complete',
        got 'completed'; nearest: 'complete'
    """

    reference: str
    # The partnership's wording may name a family: a repr describes it, never shows it.
    description: str = attrs.field(repr=safe_repr)
    owner: str
    due: dt.date
    status: ActionStatus = attrs.field(converter=_status)
    evidence: str | None = attrs.field(default=None, repr=False)

    def __attrs_post_init__(self) -> None:
        problems: list[DocumentProblem] = []
        _check_reference(self.reference, "$.reference", problems)
        _check_text(self.description, "$.description", "a description of the action", problems)
        _check_text(self.owner, "$.owner", "the owning agency's name", problems)
        # A datetime is a date too, but a due date has no time of day.
        if not isinstance(self.due, dt.date) or isinstance(self.due, dt.datetime):
            problems.append(DocumentProblem("$.due", f"expected a date, got {safe_repr(self.due)}"))
        if not isinstance(self.status, ActionStatus):
            choices = ", ".join(safe_repr(value) for value in _STATUS_VALUES)
            problems.append(
                DocumentProblem(
                    "$.status",
                    f"expected one of {choices}, got {safe_repr(self.status)}"
                    f"{_nearest(self.status, _STATUS_VALUES)}",
                )
            )
        if self.evidence is not None and not isinstance(self.evidence, str):
            problems.append(
                DocumentProblem(
                    "$.evidence", f"expected text or None, got {safe_repr(self.evidence)}"
                )
            )
        _raise(problems)

    @property
    def is_complete(self) -> bool:
        """Whether the action is complete."""
        return self.status is ActionStatus.COMPLETE

    def is_overdue(self, as_of: dt.date) -> bool:
        """Whether the action is overdue on ``as_of``: due before that day and not complete.

        An action due on ``as_of`` itself still has the day to be completed.

        >>> import datetime as dt
        >>> from neglect_protocol.action_plan import Action
        >>> action = Action("R1A", "Invented", "Police", dt.date(2022, 3, 31), "on_track")
        >>> action.is_overdue(dt.date(2022, 3, 31)), action.is_overdue(dt.date(2022, 4, 1))
        (False, True)
        """
        return not self.is_complete and self.due < as_of


def _as_tuple(value: Iterable[Any] | Any) -> tuple[Any, ...] | Any:
    # Text is iterable too, but never a list of actions: it is kept for the checks.
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def _check_elements(
    value: object, path: str, kind: type, problems: list[DocumentProblem]
) -> tuple[Any, ...]:
    """The elements of ``value`` that are ``kind``; a problem for anything else."""
    if not isinstance(value, tuple) or not value:
        problems.append(
            DocumentProblem(
                path, f"expected a non-empty sequence of {kind.__name__}, got {safe_repr(value)}"
            )
        )
        return ()
    for index, element in enumerate(value):
        if not isinstance(element, kind):
            problems.append(
                DocumentProblem(
                    f"{path}[{index}]", f"expected {kind.__name__}, got {safe_repr(element)}"
                )
            )
    return tuple(element for element in value if isinstance(element, kind))


@attrs.frozen
class Recommendation:
    """One recommendation of a case review, and the actions that answer it.

    Attributes:
        reference: Its code-shaped reference, unique in its plan (``"R3"``).
        text: The recommendation, in the partnership's words.
        actions: The actions that answer it (at least one), each reference once.

    Raises:
        AssuranceError: Listing every problem, each at its path: a reference not shaped
            like a code, blank text, no actions, an element that is not an
            :class:`Action`, an action reference given twice.
    """

    reference: str
    text: str = attrs.field(repr=safe_repr)  # Described in a repr, as an action's description is.
    actions: tuple[Action, ...] = attrs.field(converter=_as_tuple)

    def __attrs_post_init__(self) -> None:
        problems: list[DocumentProblem] = []
        _check_reference(self.reference, "$.reference", problems)
        _check_text(self.text, "$.text", "the recommendation's text", problems)
        _check_elements(self.actions, "$.actions", Action, problems)
        seen: set[str] = set()
        for index, action in enumerate(self.actions):
            if isinstance(action, Action) and action.reference in seen:
                problems.append(
                    DocumentProblem(
                        f"$.actions[{index}].reference",
                        "expected each action reference once, got "
                        f"{safe_repr(action.reference)} again in this recommendation",
                    )
                )
            elif isinstance(action, Action):
                seen.add(action.reference)
        _raise(problems)


@attrs.frozen
class ActionPlan:
    """A case review's action plan: its recommendations, each with its actions.

    Attributes:
        title: What the plan answers (``"Invented serious case review, 2020"``).
        recommendations: The recommendations (at least one), each reference once;
            an action reference is unique across the whole plan.

    Raises:
        AssuranceError: Listing every problem, each at its path: a blank title, no
            recommendations, a recommendation or action reference given twice
            (``$.recommendations[2].actions[0].reference``).

    >>> import datetime as dt
    >>> from neglect_protocol.action_plan import Action, ActionPlan, Recommendation
    >>> first = Recommendation("R1", "Invented: know neglect",
    ...     [Action("R1A", "Invented", "Health", dt.date(2022, 3, 31), "complete")])
    >>> second = Recommendation("R2", "Invented: be curious",
    ...     [Action("R1A", "Invented", "Police", dt.date(2022, 9, 30), "at_risk")])
    >>> ActionPlan("Invented review", [first, second])
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.AssuranceError: $.recommendations[1].actions[0].reference: expected
        each action reference once in the plan, got 'R1A' again (first under recommendation 'R1')
    """

    title: str
    recommendations: tuple[Recommendation, ...] = attrs.field(converter=_as_tuple)

    def __attrs_post_init__(self) -> None:
        problems: list[DocumentProblem] = []
        _check_text(self.title, "$.title", "the plan's title", problems)
        recommendations = _check_elements(
            self.recommendations, "$.recommendations", Recommendation, problems
        )
        seen: set[str] = set()
        actions: dict[str, str] = {}
        for index, recommendation in enumerate(recommendations):
            place = f"$.recommendations[{index}]"
            if recommendation.reference in seen:
                problems.append(
                    DocumentProblem(
                        f"{place}.reference",
                        "expected each recommendation reference once, got "
                        f"{safe_repr(recommendation.reference)} again",
                    )
                )
            seen.add(recommendation.reference)
            for position, action in enumerate(recommendation.actions):
                if action.reference in actions:
                    problems.append(
                        DocumentProblem(
                            f"{place}.actions[{position}].reference",
                            "expected each action reference once in the plan, got "
                            f"{safe_repr(action.reference)} again (first under recommendation "
                            f"{safe_repr(actions[action.reference])})",
                        )
                    )
                else:
                    actions[action.reference] = recommendation.reference
        _raise(problems)

    @property
    def actions(self) -> tuple[Action, ...]:
        """Every action of the plan, recommendation by recommendation."""
        return tuple(action for item in self.recommendations for action in item.actions)

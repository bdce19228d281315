"""The neglect screening tool: a checklist of signs and the outcome rules that act on it.

Staff without a GCP2 licence, or with only brief contact, answer each sign of a
checklist *applies*, *sometimes*, *does not apply* or *not known*, with evidence.
Outcome rules turn the answers into a decision — no further action, discuss with
the safeguarding lead, request a GCP2 by a licensed practitioner, or refer to the
front door — never a 1 to 5 grade.

>>> from neglect_protocol.screening import DEFAULT_CHECKLIST
>>> [domain.name for domain in DEFAULT_CHECKLIST.domains][:3]
['Health', 'Feeding', 'Hygiene and clothing']

The shipped checklist and outcome rules are invented examples: load your own with
:func:`load_checklist` and :func:`load_screening_policy`.
"""

from __future__ import annotations

from neglect_protocol._api import publish_exports
from neglect_protocol._boundary._builtin import builtin_checklist, builtin_screening_policy
from neglect_protocol._boundary._kinds import SCREENING_SCHEMA_VERSION
from neglect_protocol._boundary._loaders import (
    checklist_from_document,
    load_checklist,
    load_screening_policy,
    screening_policy_from_document,
    screening_policy_to_document,
)
from neglect_protocol._logic import _screening_rules
from neglect_protocol._logic._screening_rules import (
    OUTCOME_RULE_KINDS,
    DomainsWithSigns,
    NamedSigns,
    NotKnown,
    SeriousSigns,
    SignsAnswered,
)
from neglect_protocol._model._screening import (
    Answer,
    Checklist,
    Domain,
    OutcomeRule,
    Screening,
    ScreeningContext,
    ScreeningDecision,
    ScreeningOutcome,
    ScreeningPolicy,
    ScreeningReason,
    Sign,
    SignAnswer,
)

__all__ = [
    "DEFAULT_CHECKLIST",
    "DEFAULT_SCREENING_POLICY",
    "OUTCOME_RULE_KINDS",
    "SCREENING_SCHEMA_VERSION",
    "Answer",
    "Checklist",
    "Domain",
    "DomainsWithSigns",
    "NamedSigns",
    "NotKnown",
    "OutcomeRule",
    "Screening",
    "ScreeningContext",
    "ScreeningDecision",
    "ScreeningOutcome",
    "ScreeningPolicy",
    "ScreeningReason",
    "SeriousSigns",
    "Sign",
    "SignAnswer",
    "SignsAnswered",
    "checklist_from_document",
    "load_checklist",
    "load_screening_policy",
    "screen",
    "screening_policy_from_document",
    "screening_policy_to_document",
]

DEFAULT_CHECKLIST: Checklist = builtin_checklist()
"""An invented checklist of seven domains (health, feeding, hygiene and clothing, home
conditions, supervision, development and education, emotion and behaviour), with three
signs each in this library's own words."""

DEFAULT_SCREENING_POLICY: ScreeningPolicy = builtin_screening_policy()
"""Example outcome rules on :data:`DEFAULT_CHECKLIST`, to be reviewed locally."""


publish_exports(globals())


def screen(screening: Screening, *, policy: ScreeningPolicy | None = None) -> ScreeningDecision:
    """Decide the outcome of a completed screening: an action, never a 1 to 5 grade.

    Every answered sign must be on the policy's checklist; unanswered signs count
    as *not known*. Each outcome rule is asked in turn; the outcome is the
    highest any rule proposes, or no further action when none fires.

    Args:
        screening: The completed screening.
        policy: The outcome rules and checklist; by default
            :data:`DEFAULT_SCREENING_POLICY`.

    Returns:
        The decision, with every reason that fired.

    Raises:
        AssessmentError: If ``screening`` is not a screening.
        UnknownCodeError: If an answer names a sign the checklist lacks.
        PolicyError: If ``policy`` is not a screening policy.
        PolicyError: If a rule returns something that is not ``None`` or a
            :class:`ScreeningReason`.

    >>> from neglect_protocol.screening import Screening, SignAnswer, screen
    >>> import datetime as dt
    >>> from neglect_protocol import ChildRef
    >>> child = ChildRef("C-0003", date_of_birth=dt.date(2020, 2, 1))
    >>> decision = screen(Screening(child, dt.date(2024, 5, 2), (
    ...     SignAnswer("HC1", "applies", evidence="invented: same clothes all week"),
    ... )))
    >>> decision.outcome.description
    'discuss with the safeguarding lead'
    """
    return _screening_rules.screen(
        screening, policy=DEFAULT_SCREENING_POLICY if policy is None else policy
    )


def __dir__() -> list[str]:
    return __all__

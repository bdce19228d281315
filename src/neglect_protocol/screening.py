"""The neglect screening tool: a checklist of signs and the outcome rules that act on it.

Staff without a GCP2 licence, or with only brief contact, answer each sign of a
checklist *applies*, *sometimes*, *does not apply* or *not known*, with evidence.
Outcome rules turn the answers into a decision — no further action, discuss with
the safeguarding lead, request a GCP2 by a licensed practitioner, or refer to the
front door — never a 1 to 5 grade.

>>> [domain.name for domain in DEFAULT_CHECKLIST.domains][:3]
['Health', 'Feeding', 'Hygiene and clothing']

The shipped checklist and outcome rules are invented examples: load your own with
:func:`load_checklist` and :func:`load_screening_policy`.
"""

from neglect_protocol._api import publish
from neglect_protocol._boundary._builtin import builtin_checklist, builtin_screening_policy
from neglect_protocol._boundary._screening_file import (
    SCREENING_SCHEMA_VERSION,
    checklist_from_document,
    load_checklist,
    load_screening_policy,
    screening_policy_from_document,
    screening_policy_to_document,
)
from neglect_protocol._logic._screening_rules import (
    OUTCOME_RULE_KINDS,
    DomainsWithSigns,
    NamedSigns,
    NotKnown,
    SeriousSigns,
    SignsAnswered,
    screen,
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


publish(
    __name__,
    Answer,
    Checklist,
    Domain,
    DomainsWithSigns,
    NamedSigns,
    NotKnown,
    Screening,
    ScreeningContext,
    ScreeningDecision,
    ScreeningOutcome,
    ScreeningPolicy,
    ScreeningReason,
    SeriousSigns,
    Sign,
    SignAnswer,
    SignsAnswered,
    checklist_from_document,
    load_checklist,
    load_screening_policy,
    screen,
    screening_policy_from_document,
    screening_policy_to_document,
)


def __dir__() -> list[str]:
    return __all__

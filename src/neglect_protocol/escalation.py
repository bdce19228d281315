"""Levels of need, threshold policies and the decisions they make about a profile.

A threshold policy names its levels of need, its rules and its modifiers. Each
rule looks at a profile (and, where it needs them, the child's age and earlier
profiles) and either stays silent or proposes a level with a plain-English
reason naming the codes that triggered it. :func:`decide` takes the highest
level proposed and keeps every reason.

>>> from neglect_protocol.escalation import DEFAULT_POLICY
>>> [level.name for level in DEFAULT_POLICY.levels]
['Universal', 'Additional', 'Multiple / complex', 'Acute / specialist']

:data:`DEFAULT_POLICY` is an example modelled on a four-level "windscreen"; how
grades map to levels is local policy, so review it and load your own with
:func:`load_policy`.
"""

from __future__ import annotations

from collections.abc import Sequence

from neglect_protocol._api import attach_views, publish_exports
from neglect_protocol._boundary._builtin import builtin_policy
from neglect_protocol._boundary._kinds import (
    THRESHOLD_POLICY_SCHEMA_VERSION as POLICY_SCHEMA_VERSION,
)
from neglect_protocol._boundary._loaders import (
    load_policy,
    policy_from_document,
    policy_to_document,
)
from neglect_protocol._logic import _decide
from neglect_protocol._logic._rule_context import Modifier, Rule, RuleContext
from neglect_protocol._logic._threshold_rules import (
    MODIFIER_KINDS,
    RULE_KINDS,
    AllOf,
    AreaAtOrAbove,
    Deterioration,
    Drift,
    InfantStepUp,
    NamedSubAreasAtOrAbove,
    NoImprovement,
    PersistentBorderline,
    SubAreasAtOrAbove,
)
from neglect_protocol._model._decision import Decision, Override, Reason
from neglect_protocol._model._policy import (
    MODIFIER_ROLE,
    RULE_ROLE,
    LevelOfNeed,
    PolicyFacts,
    ThresholdPolicy,
)
from neglect_protocol._model._profile import Profile

__all__ = [
    "DEFAULT_POLICY",
    "MODIFIER_KINDS",
    "MODIFIER_ROLE",
    "POLICY_SCHEMA_VERSION",
    "RULE_KINDS",
    "RULE_ROLE",
    "AllOf",
    "AreaAtOrAbove",
    "Decision",
    "Deterioration",
    "Drift",
    "InfantStepUp",
    "LevelOfNeed",
    "Modifier",
    "NamedSubAreasAtOrAbove",
    "NoImprovement",
    "Override",
    "PersistentBorderline",
    "PolicyFacts",
    "Reason",
    "Rule",
    "RuleContext",
    "SubAreasAtOrAbove",
    "ThresholdPolicy",
    "decide",
    "load_policy",
    "policy_from_document",
    "policy_to_document",
]

DEFAULT_POLICY: ThresholdPolicy = builtin_policy()
"""The shipped example policy, with four levels (Universal, Additional, Multiple / complex,
Acute / specialist) modelled on the county's "windscreen" (DOMAIN.md section 5).

It is an example to be reviewed locally, not a published threshold: its rules,
review intervals, drift period and concern grade are configurable local policy.
It looks at the practitioner's area grades as well as sub-area grades: an area
graded 3 or worse calls for additional help even when no sub-area was graded.
"""


def decide(
    profile: Profile,
    *,
    policy: ThresholdPolicy | None = None,
    history: Sequence[Profile] = (),
    allow_non_monotone: bool = False,
) -> Decision:
    """Decide the level of need for ``profile`` under ``policy``.

    Every rule of the policy is asked in turn; each reason that fires is passed
    through the policy's modifiers (the infant modifier steps it up for a baby).
    The level decided is the highest any reason proposes, or the policy's lowest
    level when none fires. The review date is the end of the observation window
    plus the level's review interval.

    Args:
        profile: The profile to decide.
        policy: The threshold policy; by default :data:`DEFAULT_POLICY`.
        history: The child's earlier profiles, oldest first. An empty history is
            fine: rules that need one stay silent.
        allow_non_monotone: Decide even if ``profile`` or its history has grades
            suggested by a roll-up rule not known to be monotone (``mode``, or a
            rule of your own), although the policy requires a monotone roll-up.
            The decision then says so in a reason of its own (rule
            ``"non_monotone_roll_up"``, at the lowest level).

    Returns:
        The decision, with every reason that fired.

    Raises:
        PolicyError: If ``policy`` is not a threshold policy, or it requires a
            monotone roll-up (its ``requires_monotone_roll_up``)
            and ``profile`` or its history has grades suggested by a rule not
            known to be monotone, unless ``allow_non_monotone``.
        AssessmentError: If ``profile`` is not a profile, the history is not a
            sequence of profiles, holds another child's profile, or its windows
            repeat, overlap, run out of order or end after ``profile``'s.
        PolicyError: If a rule returns something that is not ``None`` or a
            :class:`Reason` at one of the policy's levels, or a modifier lowers
            a level.

    >>> from neglect_protocol.escalation import decide
    >>> import datetime as dt
    >>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating, score
    >>> child = ChildRef("C-0001", date_of_birth=dt.date(2017, 9, 1))
    >>> window = ObservationWindow(dt.date(2024, 3, 4), dt.date(2024, 3, 22))
    >>> profile = score(Assessment(child, window, (Rating("A4", 4), Rating("C1", 3))))
    >>> decision = decide(profile)
    >>> decision.level.number, decision.level.name, decision.review_by
    (4, 'Acute / specialist', datetime.date(2024, 4, 19))
    >>> [reason.rule for reason in decision.reasons]
    ['area_at_or_above', 'area_at_or_above', 'sub_areas_at_or_above', 'sub_areas_at_or_above']
    """
    return _decide.decide(
        profile,
        policy=DEFAULT_POLICY if policy is None else policy,
        history=history,
        allow_non_monotone=allow_non_monotone,
    )


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__


def _decision_html(decision: Decision) -> str:
    """The decision as HTML, for notebooks (text escaped, the rationale never shown)."""
    from neglect_protocol._boundary._escalation_html import decision_html

    return decision_html(decision)


attach_views(Decision, html=_decision_html)

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

from neglect_protocol._api import publish
from neglect_protocol._boundary._builtin import builtin_policy
from neglect_protocol._boundary._policy_file import (
    POLICY_SCHEMA_VERSION,
    load_policy,
    policy_from_document,
    policy_to_document,
)
from neglect_protocol._logic._decide import decide
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
from neglect_protocol._model._escalation import (
    Decision,
    LevelOfNeed,
    Modifier,
    Override,
    PolicyFacts,
    Reason,
    Rule,
    RuleContext,
    ThresholdPolicy,
)

__all__ = [
    "DEFAULT_POLICY",
    "MODIFIER_KINDS",
    "POLICY_SCHEMA_VERSION",
    "RULE_KINDS",
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
review intervals and drift period are configurable local policy.
"""


publish(
    __name__,
    AllOf,
    AreaAtOrAbove,
    Decision,
    Deterioration,
    Drift,
    InfantStepUp,
    LevelOfNeed,
    NamedSubAreasAtOrAbove,
    NoImprovement,
    Override,
    PersistentBorderline,
    PolicyFacts,
    Reason,
    RuleContext,
    SubAreasAtOrAbove,
    ThresholdPolicy,
    decide,
    load_policy,
    policy_from_document,
    policy_to_document,
)


def __dir__() -> list[str]:
    return __all__

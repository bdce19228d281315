"""Deciding: behaviour the mutation run (`make mutation`) showed no test pinned.

Each test here failed on at least one surviving mutant of ``_logic/_decide.py``.
"""

from __future__ import annotations

import gc

import attrs
import pytest

from escalation_helpers import SCHOOL_CHILD, profile, window
from neglect_protocol import GCP2, GCP2A, Assessment, Profile, Rating, score
from neglect_protocol._logic import _decide
from neglect_protocol._logic._decide import _COMPILED, compiled
from neglect_protocol.errors import PolicyError
from neglect_protocol.escalation import (
    DEFAULT_POLICY,
    InfantStepUp,
    LevelOfNeed,
    Reason,
    RuleContext,
    SubAreasAtOrAbove,
    ThresholdPolicy,
    decide,
)
from neglect_protocol.rules import RollUpRule, mode, worst

LEVELS = (
    LevelOfNeed(1, "Universal", "universal services", 365),
    LevelOfNeed(2, "Additional", "targeted early help", 91),
    LevelOfNeed(3, "Complex", "multi-agency early help", 56),
    LevelOfNeed(4, "Acute", "social care", 28),
)


def policy(*rules: object, modifiers: tuple[object, ...] = ()) -> ThresholdPolicy:
    return ThresholdPolicy(
        "Test policy", "t1", LEVELS, rules, 182, modifiers, catalogues=(GCP2, GCP2A)
    )


class TestCompiledOncePerPolicy:
    def test_a_policy_is_compiled_once_while_it_lives(self) -> None:
        """The compiled form is worked out on first use and kept: asking again, even after
        compiling another policy in between, gives the very same object."""
        first, second = policy(SubAreasAtOrAbove(3, 2)), policy(SubAreasAtOrAbove(4, 3))
        compiled_first = compiled(first)
        compiled_second = compiled(second)
        assert compiled_first is compiled(first)
        assert compiled_second is compiled(second)
        assert compiled_first is not compiled_second
        assert (2,) == tuple(rule.level for rule, _ in compiled_first.rules)  # type: ignore[attr-defined]

    def test_the_entry_goes_when_its_policy_does(self) -> None:
        """A compiled policy is kept only while the policy lives: no entry outlives it."""
        temporary = policy(SubAreasAtOrAbove(3, 2))
        key = id(temporary)
        compiled(temporary)
        assert key in _COMPILED
        del temporary
        gc.collect()
        assert key not in _COMPILED


class TestTrustedRulesAndModifiers:
    def test_the_librarys_own_rules_and_modifiers_are_trusted(self) -> None:
        """Every rule of the default policy is trusted unchecked, and its infant modifier is
        kept with its own `applies` test."""
        # A copy, so that this compiles it afresh whatever was decided before.
        default = attrs.evolve(DEFAULT_POLICY)
        plan = compiled(default)
        assert [True] * len(default.rules) == [trusted for _, trusted in plan.rules]
        ((modifier, applies),) = plan.modifiers
        assert isinstance(modifier, InfantStepUp)
        assert modifier.applies == applies

    def test_rules_and_modifiers_of_ones_own_are_not_trusted(self) -> None:
        """A plain function as a rule or modifier is checked on every call: not trusted, and a
        modifier of one's own has no `applies` test."""

        def own_rule(context: RuleContext) -> Reason | None:
            return None

        def own_modifier(context: RuleContext, reason: Reason) -> Reason:
            return reason

        plan = compiled(policy(own_rule, SubAreasAtOrAbove(3, 2), modifiers=(own_modifier,)))
        assert [False, True] == [trusted for _, trusted in plan.rules]
        assert [(own_modifier, None)] == list(plan.modifiers)

    def test_a_modifier_of_ones_own_is_asked_whatever_its_applies_says(self) -> None:
        """Only the library's modifiers are skipped when their `applies` says no: a
        modifier of one's own with an `applies` method is still asked about every reason."""

        @attrs.frozen
        class RaiseToFour:
            def applies(self, context: RuleContext) -> bool:
                return False

            def __call__(self, context: RuleContext, reason: Reason) -> Reason:
                return attrs.evolve(reason, level=4)

        decision = decide(
            profile({"A1": 3}), policy=policy(SubAreasAtOrAbove(3, 2), modifiers=(RaiseToFour(),))
        )
        assert 4 == decision.level.number

    def test_a_modifier_of_ones_own_is_checked_whatever_its_applies_says(self) -> None:
        """A modifier of one's own that lowers a level is refused, even if it has an
        `applies` method: its answers are never trusted unchecked."""

        @attrs.frozen
        class LowerToOne:
            def applies(self, context: RuleContext) -> bool:
                return True

            def __call__(self, context: RuleContext, reason: Reason) -> Reason:
                return attrs.evolve(reason, level=1)

        with pytest.raises(PolicyError) as caught:
            decide(
                profile({"A1": 3}),
                policy=policy(SubAreasAtOrAbove(3, 2), modifiers=(LowerToOne(),)),
            )
        assert str(caught.value).endswith(
            "expected a modifier to keep or raise level 2, got level 1"
        )


def d_area(
    d1: int, rule: RollUpRule, start: str = "2024-04-08", end: str = "2024-04-26"
) -> Profile:
    """A profile grading D1 to D4 as ``d1``, 2, 3, 4, area D suggested by ``rule``."""
    ratings = (Rating("D1", d1), Rating("D2", 2), Rating("D3", 3), Rating("D4", 4))
    return score(Assessment(SCHOOL_CHILD, window(start, end), ratings), rule=rule)


class TestNonMonotoneRollUps:
    def test_a_later_profile_rolled_up_by_mode_is_refused_after_a_monotone_history(self) -> None:
        """Every profile is checked, not only the first: an earlier profile rolled up by
        `worst` does not let the latest, rolled up by `mode`, through."""
        earlier = d_area(1, worst, "2024-01-08", "2024-01-26")
        with pytest.raises(PolicyError, match="rule 'mode'"):
            decide(d_area(1, mode), history=[earlier])

    def test_the_logic_layer_refuses_unless_told(self) -> None:
        """The logic layer's decide (which the command line and the stream call) refuses a
        non-monotone roll-up by default, as the public decide does."""
        with pytest.raises(PolicyError, match="rule 'mode'"):
            _decide.decide(d_area(1, mode), policy=DEFAULT_POLICY)

    def test_the_reason_says_in_full_what_was_allowed(self) -> None:
        """The reason added for an allowed non-monotone roll-up, word for word."""
        decision = decide(d_area(1, mode), allow_non_monotone=True)
        assert (
            "decided on grades suggested by the roll-up rule 'mode', which is not known to be "
            "monotone: a worse grade beneath can suggest a better grade, and so a lower level "
            "(allowed by the caller)"
        ) == decision.reasons[-1].text


class TestModifiersOfOnesOwn:
    def test_a_modifier_may_keep_the_level(self) -> None:
        """A modifier of one's own that returns the reason unchanged keeps its level: keeping
        is allowed, only lowering is refused."""

        def keep(context: RuleContext, reason: Reason) -> Reason:
            return reason

        decision = decide(
            profile({"A1": 3}), policy=policy(SubAreasAtOrAbove(3, 2), modifiers=(keep,))
        )
        assert 2 == decision.level.number

    def test_a_misbehaving_modifier_is_named(self) -> None:
        """A modifier that returns no reason at all is named in the error, not the rule."""

        def shout(context: RuleContext, reason: Reason) -> str:
            return "loud"

        with pytest.raises(PolicyError) as caught:
            decide(profile({"A1": 3}), policy=policy(SubAreasAtOrAbove(3, 2), modifiers=(shout,)))
        assert "rule 'shout': expected a Reason or None, got a str" == str(caught.value)

"""Monotone by construction: a worse grade never lowers the level of need decided.

A threshold policy's rules read grades worse-is-higher, so the level decided can
only fall as care gets worse if a roll-up rule suggests a better grade from worse
grades beneath. ``mode`` does (its docstring gives ``1, 1, 3, 3`` against
``1, 1, 3, 4``), so a policy that requires a monotone roll-up refuses to decide
on its suggestions unless the caller allows it, and the decision then says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from escalation_helpers import SCHOOL_CHILD, window
from neglect_protocol import Assessment, Profile, Rating, ThresholdPolicy, score
from neglect_protocol.chronology import Chronology, review
from neglect_protocol.cli import main
from neglect_protocol.errors import DocumentError, PolicyError
from neglect_protocol.escalation import (
    DEFAULT_POLICY,
    decide,
    policy_from_document,
    policy_to_document,
)
from neglect_protocol.rules import RollUpRule, is_monotone, mean, median, mode, worst
from neglect_protocol.serialize import to_json
from neglect_protocol.strategies import assessments, policies

REFUSAL = (
    "profile.rule: expected grades rolled up by a monotone rule (mean, median, worst), as the "
    "policy requires so that a worse grade never lowers the level, got grades suggested by rule "
    "'mode' (allow it with allow_non_monotone=True, or --allow-non-monotone on the command line)"
)


def d_area(d1: int, rule: RollUpRule) -> Profile:
    """A profile grading D1 to D4 as ``d1``, 2, 3, 4, area D suggested by ``rule``."""
    ratings = (Rating("D1", d1), Rating("D2", 2), Rating("D3", 3), Rating("D4", 4))
    return score(Assessment(SCHOOL_CHILD, window("2024-01-08", "2024-01-26"), ratings), rule=rule)


class TestTheModeExample:
    """The issue's example: D1 to D4 graded 1, 2, 3, 4, then D1 worsened to 2."""

    def test_mode_is_refused(self) -> None:
        """Under mode the level would fall from 4 to 3 as D1 worsens, so the default policy,
        which requires a monotone roll-up, refuses both profiles with a message naming the rule
        and how to allow it (before the fix, it decided 4 and then 3)."""
        for d1 in (1, 2):
            with pytest.raises(PolicyError) as caught:
                decide(d_area(d1, mode))
            assert REFUSAL == str(caught.value)

    def test_allowed_the_fall_is_visible_and_said(self) -> None:
        """Allowed explicitly, mode decides 4 then 3, and each decision says in a reason of its
        own, at the lowest level, that it rests on a roll-up that is not monotone."""
        decisions = [decide(d_area(d1, mode), allow_non_monotone=True) for d1 in (1, 2)]
        assert [4, 3] == [decision.level.number for decision in decisions]
        for decision in decisions:
            note = decision.reasons[-1]
            assert ("non_monotone_roll_up", 1, ()) == (note.rule, note.level, note.codes)
            assert "roll-up rule 'mode', which is not known to be monotone" in note.text
        assert all(
            reason.rule != "non_monotone_roll_up" for reason in decide(d_area(1, worst)).reasons
        )

    @pytest.mark.parametrize("rule", [worst, median, mean])
    def test_monotone_rules_never_fall(self, rule: RollUpRule) -> None:
        """With a shipped monotone rule the same worsening never lowers the level."""
        before, after = (decide(d_area(d1, rule)).level.number for d1 in (1, 2))
        assert before <= after

    def test_entered_grades_need_no_roll_up(self) -> None:
        """A profile whose grades were all entered used no suggestion, so mode is irrelevant."""
        ratings = (
            Rating("D", 4),
            Rating("D1", 1),
            Rating("D2", 2),
            Rating("D3", 3),
            Rating("D4", 4),
        )
        profile = score(
            Assessment(SCHOOL_CHILD, window("2024-01-08", "2024-01-26"), ratings), rule=mode
        )
        assert not profile.uses_suggestions
        assert 4 == decide(profile).level.number

    def test_a_policy_may_waive_the_requirement(self) -> None:
        """A policy that does not require a monotone roll-up decides on mode without an opt-in,
        and still says so in the decision."""
        waived = attrs.evolve(DEFAULT_POLICY, requires_monotone_roll_up=False)
        decision = decide(d_area(1, mode), policy=waived)
        assert (4, "non_monotone_roll_up") == (decision.level.number, decision.reasons[-1].rule)

    def test_history_is_checked_too(self) -> None:
        """An earlier profile rolled up by mode is refused as the latest would be."""
        later = score(
            Assessment(SCHOOL_CHILD, window("2024-04-08", "2024-04-26"), (Rating("D1", 2),))
        )
        with pytest.raises(PolicyError, match="rule 'mode'"):
            decide(later, history=[d_area(1, mode)])

    def test_review_refuses_and_allows_alike(self) -> None:
        """A review refuses a chronology rolled up by mode unless allowed, then notes it on
        every decision."""
        later = score(
            Assessment(SCHOOL_CHILD, window("2024-04-08", "2024-04-26"), (Rating("D1", 2),))
        )
        chronology = Chronology((d_area(1, mode), later))
        with pytest.raises(PolicyError) as caught:
            review(chronology)
        assert REFUSAL == str(caught.value)
        allowed = review(chronology, allow_non_monotone=True)
        assert all(
            decision.reasons[-1].rule == "non_monotone_roll_up" for decision in allowed.decisions
        )

    def test_a_rule_of_ones_own_is_not_known_to_be_monotone(self) -> None:
        """A profile records only its rule's name, so a rule of one's own is refused like mode;
        its name is described, not echoed."""

        def best(grades: object) -> object:
            return min(grades)  # type: ignore[call-overload]

        profile = d_area(1, best)  # type: ignore[arg-type]
        with pytest.raises(PolicyError, match="got grades suggested by rule 'best'"):
            decide(profile)


class TestDeclaredMonotone:
    def test_shipped_rules_declare_it(self) -> None:
        """worst, median and mean are monotone; mode is not; an undeclared rule is not."""
        assert [True, True, True, False, False] == [
            is_monotone(rule) for rule in (worst, median, mean, mode, min)
        ]

    def test_the_flag_is_a_boolean(self) -> None:
        """The policy's requirement is true or false, refused otherwise with the field named."""
        with pytest.raises(PolicyError) as caught:
            attrs.evolve(DEFAULT_POLICY, requires_monotone_roll_up="yes")  # type: ignore[arg-type]
        assert "requires_monotone_roll_up: expected true or false, got a str" == str(caught.value)

    def test_policy_documents_carry_a_waiver_only(self) -> None:
        """A policy document carries the requirement (true by default) and round-trips a waiver."""
        assert policy_to_document(DEFAULT_POLICY)["requires_monotone_roll_up"] is True
        waived = attrs.evolve(DEFAULT_POLICY, requires_monotone_roll_up=False)
        document = policy_to_document(waived)
        assert document["requires_monotone_roll_up"] is False
        assert waived == policy_from_document(document)
        assert not policy_from_document(document).requires_monotone_roll_up

    def test_a_policy_document_refuses_a_non_boolean(self) -> None:
        """A document's requirement must be true or false."""
        document = policy_to_document(DEFAULT_POLICY) | {"requires_monotone_roll_up": 1}
        with pytest.raises(DocumentError) as caught:
            policy_from_document(document)
        assert "$.requires_monotone_roll_up: expected true or false, got 1" == str(caught.value)


class TestCommandLine:
    def test_score_with_mode_is_refused_unless_allowed(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """`score --rule mode` decides only with --allow-non-monotone."""
        ratings = (Rating("D1", 1), Rating("D2", 2), Rating("D3", 3), Rating("D4", 4))
        path = tmp_path / "assessment.json"
        path.write_text(
            to_json(Assessment(SCHOOL_CHILD, window("2024-01-08", "2024-01-26"), ratings))
        )
        assert 1 == main(["score", str(path), "--rule", "mode"])
        captured = capsys.readouterr()
        assert ("", f"{path}: $: {REFUSAL}\n") == (captured.out, captured.err)
        assert 0 == main(["score", str(path), "--rule", "mode", "--allow-non-monotone", "--json"])
        decision = json.loads(capsys.readouterr().out)["decision"]
        assert 4 == decision["level"]["number"]
        assert "non_monotone_roll_up" == decision["reasons"][-1]["rule"]


@given(
    data=st.data(),
    rule=st.sampled_from([worst, median, mean]),
    policy=st.one_of(st.just(DEFAULT_POLICY), policies()),
)
def test_worsening_any_grade_never_lowers_the_level(
    data: st.DataObject, rule: RollUpRule, policy: ThresholdPolicy
) -> None:
    """For every shipped monotone roll-up rule, worsening any one grade of an assessment never
    lowers the level decided, under the default policy and under drawn policies (the law the
    requirement of a monotone roll-up protects)."""
    assessment = data.draw(assessments(min_ratings=1))
    index = data.draw(st.integers(0, len(assessment.ratings) - 1))
    rating = assessment.ratings[index]
    assume(rating.grade < 5)
    worse = data.draw(st.integers(rating.grade + 1, 5))
    ratings = list(assessment.ratings)
    ratings[index] = attrs.evolve(rating, grade=worse)
    worsened = attrs.evolve(assessment, ratings=tuple(ratings))
    before = decide(score(assessment, rule=rule), policy=policy).level.number
    after = decide(score(worsened, rule=rule), policy=policy).level.number
    assert before <= after

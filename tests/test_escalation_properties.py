"""The laws of escalation, checked on generated profiles, histories and policies."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from neglect_protocol import (
    GCP2A,
    Assessment,
    Instrument,
    Profile,
    ThresholdPolicy,
    load_policy,
    score,
)
from neglect_protocol.chronology import Chronology, review
from neglect_protocol.escalation import (
    DEFAULT_POLICY,
    AreaAtOrAbove,
    NamedSubAreasAtOrAbove,
    RuleContext,
    SubAreasAtOrAbove,
    decide,
    policy_from_document,
    policy_to_document,
)
from neglect_protocol.grades import Grade
from neglect_protocol.screening import (
    Screening,
    ScreeningOutcome,
    ScreeningPolicy,
    SignsAnswered,
    checklist_from_document,
    screen,
)
from neglect_protocol.strategies import (
    concern_histories,
    histories,
    infant_histories,
    infant_profiles,
    policies,
    profile_histories,
    profiles,
    screenings,
    threshold_rules,
)

any_history = st.one_of(profile_histories(), infant_histories())


def split(history: tuple[Profile, ...]) -> tuple[tuple[Profile, ...], Profile]:
    return history[:-1], history[-1]


class TestNoBareErrors:
    @given(policy=policies(), history=any_history)
    def test_rules_decide_and_review_on_anything_the_library_produces(
        self, policy: ThresholdPolicy, history: tuple[Profile, ...]
    ) -> None:
        """Issue 3: "No rule may raise a bare KeyError, IndexError or TypeError on any profile
        the library can produce" — every rule, decide and review run cleanly."""
        earlier, latest = split(history)
        context = RuleContext(latest, earlier, policy)
        for rule in (*policy.rules, *DEFAULT_POLICY.rules):
            rule(context)
        decide(latest, policy=policy, history=earlier)
        decide(latest, history=earlier)
        review(Chronology(history), policy=policy)

    @given(policy=policies(), profile=infant_profiles())
    def test_babies_too(self, policy: ThresholdPolicy, profile: Profile) -> None:
        """The same holds for unborn children and babies, GCP2A or GCP2."""
        decide(profile, policy=policy)
        decide(profile)


def plainly_decided(profile: Profile, policy: ThresholdPolicy) -> tuple[object, ...]:
    """A first decision made the plain way: every rule asked about one context, every reason
    passed through every modifier (a reference for ``decide``'s shortcuts)."""
    context = RuleContext(profile, (), policy)
    reasons = []
    for rule in policy.rules:
        reason = rule(context)
        if reason is not None:
            for modifier in policy.modifiers:
                reason = modifier(context, reason)
            reasons.append(reason)
    level = max((reason.level for reason in reasons), default=policy.lowest.number)
    return level, [(r.rule, r.level, r.text, r.codes, r.stepped_up_from) for r in reasons]


@st.composite
def profile_rule_policies(draw: st.DrawFn) -> ThresholdPolicy:
    """Drawn policies keeping only their rules that read one profile alone, when they have any:
    the policies a first decision is made for straight from the profile's entries."""
    policy = draw(policies(max_rules=10))
    kinds = (AreaAtOrAbove, SubAreasAtOrAbove, NamedSubAreasAtOrAbove)
    kept = tuple(rule for rule in policy.rules if type(rule) in kinds)
    return attrs.evolve(policy, rules=kept) if kept else policy


class TestFirstDecisions:
    @given(
        policy=st.one_of(profile_rule_policies(), policies(), st.just(DEFAULT_POLICY)),
        profile=st.one_of(profiles(), infant_profiles(), profiles(GCP2A)),
    )
    def test_decided_as_the_plain_way_decides(
        self, policy: ThresholdPolicy, profile: Profile
    ) -> None:
        """Issue 9: a decision without history, made straight from the profile's entries,
        has the level and the reasons (rules, levels, texts, codes, order) that asking every
        rule about a context gives."""
        decision = decide(profile, policy=policy)
        reasons = [(r.rule, r.level, r.text, r.codes, r.stepped_up_from) for r in decision.reasons]
        assert plainly_decided(profile, policy) == (decision.level.number, reasons)


def worsened(assessment: Assessment, index: int, grade: int) -> Assessment:
    rating = assessment.ratings[index]
    ratings = list(assessment.ratings)
    ratings[index] = attrs.evolve(rating, grade=grade)
    return attrs.evolve(assessment, ratings=tuple(ratings))


def decided(history: Sequence[Assessment]) -> int:
    """The level the default policy decides for the latest assessment, scored with worst."""
    profiles = [score(assessment) for assessment in history]
    return decide(profiles[-1], history=profiles[:-1]).level.number


class TestMonotonicity:
    @given(history=histories(max_size=3), data=st.data())
    def test_worsening_a_grade_never_lowers_the_level(
        self, history: tuple[Assessment, ...], data: st.DataObject
    ) -> None:
        """Issue 3: "worsening any grade never lowers the decided level under the default
        policy" — any rating of the latest assessment made worse, scored with the default
        (worst) roll-up, decides a level at least as high."""
        *earlier, latest = history
        assume(latest.ratings)
        index = data.draw(st.integers(0, len(latest.ratings) - 1))
        current = latest.ratings[index].grade
        assume(current < Grade.WORST)
        worse = data.draw(st.integers(current + 1, 5))
        before_profiles = [score(assessment) for assessment in earlier]
        before = decide(score(latest), history=before_profiles)
        after = decide(score(worsened(latest, index, worse)), history=before_profiles)
        assert before.level.number <= after.level.number

    @given(
        history=st.one_of(histories(max_size=4), concern_histories()),
        data=st.data(),
    )
    def test_worsening_any_grade_anywhere_never_lowers_the_level(
        self, history: tuple[Assessment, ...], data: st.DataObject
    ) -> None:
        """H4 and issue 3: "worsening any grade never lowers the decided level under the
        default policy" — for a rating of ANY assessment of the history, not only the latest:
        a worse baseline, a worse review in between or a worse latest grade all decide a level
        at least as high. (This is why drift and the rules comparing assessments skip an
        assessment that did not grade a code, and why a concern stays one until it is graded
        better than the policy's concern grade.)"""
        rated = [position for position, assessment in enumerate(history) if assessment.ratings]
        assume(rated)
        position = data.draw(st.sampled_from(rated))
        assessment = history[position]
        index = data.draw(st.integers(0, len(assessment.ratings) - 1))
        current = assessment.ratings[index].grade
        assume(current < Grade.WORST)
        worse = data.draw(st.integers(current + 1, 5))
        changed = list(history)
        changed[position] = worsened(assessment, index, worse)
        assert decided(history) <= decided(changed)

    @given(policy=policies(infant_modifier=True), profile=infant_profiles())
    def test_the_infant_modifier_never_lowers_a_level(
        self, policy: ThresholdPolicy, profile: Profile
    ) -> None:
        """Issue 3: "the infant modifier never lowers a level"."""
        with_modifier = decide(profile, policy=policy)
        without = decide(profile, policy=attrs.evolve(policy, modifiers=()))
        assert without.level.number <= with_modifier.level.number

    @given(profile=infant_profiles())
    def test_the_default_infant_modifier_steps_up_one_level(self, profile: Profile) -> None:
        """Under the default policy a baby's decision is one level above an older child's
        with the same reasons (capped at the highest), or the lowest when nothing fires."""
        with_modifier = decide(profile)
        without = decide(profile, policy=attrs.evolve(DEFAULT_POLICY, modifiers=()))
        context = RuleContext(profile, (), DEFAULT_POLICY)
        assert context.is_infant(12)
        expected = context.step_up(without.level.number) if without.reasons else 1
        assert expected == with_modifier.level.number

    @given(data=st.data(), history=any_history)
    def test_adding_a_rule_never_lowers_a_level(
        self, data: st.DataObject, history: tuple[Profile, ...]
    ) -> None:
        """Issue 3: "adding a rule never lowers a level" — and the old reasons all remain."""
        policy = data.draw(policies())
        rule = data.draw(threshold_rules([level.number for level in policy.levels]))
        bigger = attrs.evolve(policy, rules=(*policy.rules, rule))
        earlier, latest = split(history)
        before = decide(latest, policy=policy, history=earlier)
        after = decide(latest, policy=bigger, history=earlier)
        assert before.level.number <= after.level.number
        assert before.reasons == after.reasons[: len(before.reasons)]

    @given(policy=policies(), history=any_history)
    def test_the_level_is_the_highest_reason(
        self, policy: ThresholdPolicy, history: tuple[Profile, ...]
    ) -> None:
        """Issue 3: "a decision's level equals the maximum of its reasons' levels" (the lowest
        level when none fires), and the review date follows the level."""
        earlier, latest = split(history)
        decision = decide(latest, policy=policy, history=earlier)
        expected = max((reason.level for reason in decision.reasons), default=policy.lowest.number)
        assert expected == decision.level.number
        assert latest.window.end + dt.timedelta(days=decision.level.review_after_days) == (
            decision.review_by
        )


@pytest.fixture(scope="module")
def default_policy_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "default_policy.json"
    path.write_text(json.dumps(policy_to_document(DEFAULT_POLICY)), "utf-8")
    return path


class TestPolicyDocuments:
    @given(history=any_history)
    def test_default_and_loaded_policies_decide_alike(
        self, default_policy_file: Path, history: tuple[Profile, ...]
    ) -> None:
        """Issue 3: "the default policy and one loaded from a file give the same decisions on
        the same profiles"."""
        loaded = load_policy(default_policy_file)
        earlier, latest = split(history)
        assert decide(latest, history=earlier) == decide(latest, policy=loaded, history=earlier)

    @given(policies())
    def test_policies_round_trip_through_json(self, policy: ThresholdPolicy) -> None:
        """Writing a policy as JSON and reading it back gives an equal policy."""
        text = json.dumps(policy_to_document(policy))
        assert policy == policy_from_document(json.loads(text))


class TestChronologyLaws:
    @given(history=any_history, data=st.data())
    def test_order_given_does_not_matter(
        self, history: tuple[Profile, ...], data: st.DataObject
    ) -> None:
        """A chronology is the same whatever order its profiles are given in."""
        shuffled = data.draw(st.permutations(history))
        assert Chronology(history) == Chronology(shuffled)
        assert all(
            earlier.window.end < later.window.start
            for earlier, later in itertools.pairwise(Chronology(shuffled).profiles)
        )


class TestScreeningLaws:
    @given(screenings())
    def test_the_outcome_is_an_action_never_a_grade(self, screening: Screening) -> None:
        """The outcome is the highest any reason proposes (no further action when none), and
        never a 1 to 5 grade."""
        decision = screen(screening)
        assert isinstance(decision.outcome, ScreeningOutcome)
        assert not isinstance(decision.outcome, int)
        expected = max(
            (reason.outcome for reason in decision.reasons),
            key=lambda outcome: outcome.rank,
            default=ScreeningOutcome.NO_FURTHER_ACTION,
        )
        assert expected == decision.outcome

    @given(data=st.data())
    def test_screenings_against_a_local_checklist(self, data: st.DataObject) -> None:
        """Screenings drawn for a local checklist answer only its signs, evidence where needed."""
        local = checklist_from_document(
            {
                "schema_version": 1,
                "name": "Local",
                "version": "1",
                "domains": [
                    {"code": "HE", "name": "Health", "signs": [{"code": "HE1", "text": "Invented"}]}
                ],
            }
        )
        screening = data.draw(screenings(local))
        assert {answer.sign for answer in screening.answers} <= {"HE1"}
        policy = ScreeningPolicy("Local", "1", local, (SignsAnswered("request_gcp2"),))
        assert isinstance(screen(screening, policy=policy).outcome, ScreeningOutcome)


class TestInfantHistories:
    @given(infant_histories())
    def test_the_pathway_runs_from_gcp2a_to_gcp2(self, history: tuple[Profile, ...]) -> None:
        """An infant history starts with a GCP2A before the birth; later profiles are GCP2A
        under one and GCP2 from one, all of the same child, and form a chronology."""
        first, *later = history
        assert first.instrument is Instrument.GCP2A
        assert first.child.is_unborn_on(first.window.start)
        for profile in later:
            age = profile.child.age_in_months_on(profile.window.start)
            assert age is not None
            expected = Instrument.GCP2A if age < 12 else Instrument.GCP2
            assert expected is profile.instrument
        assert len(history) == len(Chronology(history))

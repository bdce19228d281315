from __future__ import annotations

import datetime as dt

import attrs
import pytest

from escalation_helpers import SCHOOL_CHILD, profile, series
from neglect_protocol import Assessment, ChildRef, Rating, TargetedItem
from neglect_protocol.chronology import (
    Chronology,
    DriftFinding,
    EntryChange,
    GradeChange,
    LevelFall,
    LevelSpell,
    StepDown,
    from_assessments,
    review,
)
from neglect_protocol.display import format_review
from neglect_protocol.errors import AssessmentError, PolicyError
from neglect_protocol.escalation import DEFAULT_POLICY
from neglect_protocol.grades import Grade
from neglect_protocol.rules import mean


class TestOrder:
    def test_profiles_are_ordered_by_window_end(self) -> None:
        """Profiles given in any order are sorted: baseline first, latest last."""
        first, second, third = series({"A1": 3}, {"A1": 3}, {"A1": 2})
        chronology = Chronology([third, first, second])
        assert (first, second, third) == chronology.profiles
        assert (first, third, (second, third)) == (
            chronology.baseline,
            chronology.latest,
            chronology.reviews,
        )
        assert (3, [first, second, third], SCHOOL_CHILD) == (
            len(chronology),
            list(chronology),
            chronology.child,
        )
        assert "<Chronology child='C-0100' assessments=3 2024-01-26..2024-07-26>" == repr(
            chronology
        )

    def test_from_assessments_scores_each(self) -> None:
        """Assessments are scored (with the rule given) and ordered."""
        window = profile({"A1": 3}).window
        later = profile({"A1": 3}, start="2024-05-06", end="2024-05-24").window
        assessments = [
            Assessment(SCHOOL_CHILD, later, (Rating("A1", 2), Rating("A2", 3))),
            Assessment(SCHOOL_CHILD, window, (Rating("A1", 3), Rating("A2", 4))),
        ]
        chronology = from_assessments(assessments, rule=mean)
        assert (window, "mean", Grade(4)) == (
            chronology.baseline.window,
            chronology.latest.rule,
            chronology.baseline["A"].grade,
        )

    def test_no_profiles(self) -> None:
        """A chronology needs at least one profile."""
        with pytest.raises(AssessmentError) as caught:
            Chronology([])
        assert "profiles: expected at least one profile, got none" == str(caught.value)

    def test_a_mix_of_children_is_refused(self) -> None:
        """Every profile must be the same child's."""
        other = ChildRef("C-0999", date_of_birth=dt.date(2016, 5, 10))
        with pytest.raises(AssessmentError) as caught:
            Chronology(
                [
                    profile({"A1": 3}),
                    profile({"A1": 3}, child=other, start="2024-05-06", end="2024-05-24"),
                ]
            )
        assert "profiles[1].child: expected child 'C-0100' like profiles[0], got 'C-0999'" == str(
            caught.value
        )

    def test_duplicate_windows_are_refused(self) -> None:
        """The same window twice is an error, naming both places given."""
        with pytest.raises(AssessmentError) as caught:
            Chronology(
                [
                    profile({"A1": 3}),
                    profile({"A1": 4}, start="2024-05-06", end="2024-05-24"),
                    profile({"A1": 2}),
                ]
            )
        assert (
            "profiles[2].window: expected each observation window once, got "
            "2024-01-08..2024-01-26 again (also profiles[0])" == str(caught.value)
        )

    def test_overlapping_windows_are_refused(self) -> None:
        """Windows that overlap cannot be put in order."""
        with pytest.raises(
            AssessmentError,
            match=r"^profiles\[0\]\.window: expected a window starting after profiles\[1\]",
        ):
            Chronology(
                [profile({"A1": 3}, start="2024-01-20", end="2024-02-09"), profile({"A1": 4})]
            )

    def test_not_profiles(self) -> None:
        """Only profiles make a chronology."""
        with pytest.raises(AssessmentError, match=r"^profiles\[0\]: expected a Profile"):
            Chronology([object()])  # type: ignore[list-item]


class TestChanges:
    def test_each_kind_of_change(self) -> None:
        """Better, same, worse, newly graded and no longer graded, in profile order."""
        chronology = Chronology(
            series({"A1": 3, "A2": 2, "A3": 4, "B1": 2}, {"A1": 2, "A2": 2, "A3": 5, "C1": 3})
        )
        changes = {change.code: change.change for change in chronology.changes()}
        assert {
            "A": GradeChange.WORSE,
            "A1": GradeChange.BETTER,
            "A2": GradeChange.SAME,
            "A3": GradeChange.WORSE,
            "B": GradeChange.NO_LONGER_GRADED,
            "B1": GradeChange.NO_LONGER_GRADED,
            "C": GradeChange.NEWLY_GRADED,
            "C1": GradeChange.NEWLY_GRADED,
        } == changes
        assert "A1 Nutrition: 3 to 2 (better)" == str(chronology.changes()[1])
        assert "C1 Carer's responsiveness to the child: - to 3 (newly graded)" == str(
            next(change for change in chronology.changes() if change.code == "C1")
        )

    def test_codes_of_another_instrument(self) -> None:
        """From GCP2A to GCP2, the sections are no longer graded and the sub-areas newly graded."""
        unborn = ChildRef("C-0300", expected_delivery_date=dt.date(2024, 6, 1))
        born = ChildRef("C-0300", date_of_birth=dt.date(2024, 5, 28))
        chronology = Chronology(
            [
                profile({"S1": 3}, child=unborn, start="2024-03-04", end="2024-03-22"),
                profile({"A1": 3}, child=born, start="2024-09-02", end="2024-09-20"),
            ]
        )
        assert [
            EntryChange("A", "Physical care", True, None, Grade(3), GradeChange.NEWLY_GRADED),
            EntryChange("A1", "Nutrition", False, None, Grade(3), GradeChange.NEWLY_GRADED),
            EntryChange(
                "S1",
                "Getting to know you and your pregnancy",
                True,
                Grade(3),
                None,
                GradeChange.NO_LONGER_GRADED,
            ),
        ] == list(chronology.changes())

    def test_between_any_two_assessments(self) -> None:
        """Changes can be asked between any earlier and later assessment."""
        chronology = Chronology(series({"A1": 3}, {"A1": 4}, {"A1": 2}))
        assert GradeChange.WORSE == chronology.changes(0, 1)[1].change
        assert GradeChange.BETTER == chronology.changes(-2, -1)[1].change

    @pytest.mark.parametrize(
        ("earlier", "later", "message"),
        [
            (0, 3, "later: expected an index from -3 to 2, got 3"),
            (True, 2, "earlier: expected an index from -3 to 2, got True"),
            (
                2,
                1,
                "earlier: expected an assessment before the later one (position 1), got position 2",
            ),
            (
                -1,
                2,
                "earlier: expected an assessment before the later one (position 2), got position 2",
            ),
        ],
    )
    def test_bad_positions(self, earlier: int, later: int, message: str) -> None:
        """Positions must exist and the earlier must come first."""
        chronology = Chronology(series({"A1": 3}, {"A1": 4}, {"A1": 2}))
        with pytest.raises(AssessmentError) as caught:
            chronology.changes(earlier, later)
        assert message == str(caught.value)


class TestTargets:
    def test_met_missed_and_not_reviewed(self) -> None:
        """Targeted items are grouped by whether the grade at review reached the target."""
        met = TargetedItem("A1", 3, 2, review_by=dt.date(2024, 4, 1), grade_at_review=2)
        missed = TargetedItem("A4", 4, 2, review_by=dt.date(2024, 4, 1), grade_at_review=3)
        pending = TargetedItem("B2", 3, 2, review_by=dt.date(2024, 8, 1))
        chronology = Chronology(
            [
                profile({"A1": 3}, targets=(met, missed)),
                profile({"A1": 2}, start="2024-05-06", end="2024-05-24", targets=(pending,)),
            ]
        )
        assert ((met,), (missed,), (pending,)) == (
            chronology.targets_met,
            chronology.targets_missed,
            chronology.targets_not_reviewed,
        )


class TestReview:
    def test_decisions_time_on_level_and_drift(self) -> None:
        """Each assessment is decided with those before it; drift and time on level follow."""
        chronology = Chronology(
            series(
                {"A1": 3, "A4": 3, "B2": 3},
                {"A1": 3, "A4": 3, "B2": 3},
                {"A1": 3, "A4": 3, "B2": 3},
            )
        )
        findings = review(chronology)
        assert [3, 3, 3] == [decision.level.number for decision in findings.decisions]
        assert ["area_at_or_above", "sub_areas_at_or_above", "sub_areas_at_or_above"] == [
            reason.rule for reason in findings.decisions[0].reasons
        ]
        assert LevelSpell(DEFAULT_POLICY.level(3), dt.date(2024, 1, 26), 182, 3) == (
            findings.time_on_level
        )
        assert "at level 3 (Multiple / complex) since 2024-01-26: 182 days over 3 assessments" == (
            str(findings.time_on_level)
        )
        assert (
            DriftFinding(
                drifting=False,
                codes=(),
                open_concerns=("A", "A1", "A4", "B", "B2"),
                since=dt.date(2024, 1, 26),
                days=182,
                period_days=182,
                grade=Grade.BORDERLINE,
            )
            == findings.drift
        )
        assert (
            "No drift: the longest spell graded 3 or worse is 182 days (since 2024-01-26); "
            "the policy allows 182" == str(findings.drift)
        )
        assert (findings.step_down, findings.level_fall, findings.not_reassessed) == (
            None,
            None,
            (),
        )
        assert findings.decisions[-1] is findings.latest
        assert (
            "<ChronologyReview child='C-0100' latest=level 3 (Multiple / complex) drifting=False>"
            == repr(findings)
        )

    def test_drift_is_found_and_steps_up(self) -> None:
        """A concern that stays one for longer than the period is drift, and the policy steps
        up. A step from 4 to 3 leaves a concern, so it does not restart the clock."""
        chronology = Chronology(
            series({"A1": 3, "C1": 4}, {"A1": 3, "C1": 3}, {"A1": 3, "C1": 3}, {"A1": 3, "C1": 3})
        )
        findings = review(chronology)
        assert ("A", "A1", "C", "C1") == findings.drift.codes
        assert (
            "Drift: A, A1, C, C1 graded 3 or worse at every assessment since 2024-01-26 (273 days; "
            "the policy allows 182)" == str(findings.drift)
        )
        assert findings.latest.level.number == 4
        assert "drift" in [reason.rule for reason in findings.latest.reasons]

    def test_a_blip_does_not_restart_the_spell(self) -> None:
        """H4: a concern that slips from 3 to 4 and back has not improved: the spell runs on."""
        blip = review(Chronology(series({"A1": 3}, {"A1": 3}, {"A1": 4}, {"A1": 3})))
        assert (True, dt.date(2024, 1, 26), 273) == (
            blip.drift.drifting,
            blip.drift.since,
            blip.drift.days,
        )
        assert 4 == blip.latest.level.number

    def test_resolving_restarts_the_spell(self) -> None:
        """A concern graded better than the concern grade at a review has resolved: a later
        concern starts a new spell."""
        chronology = Chronology(series({"A1": 3}, {"A1": 2}, {"A1": 3}))
        assert dt.date(2024, 7, 26) == review(chronology).drift.since

    def test_an_ungraded_review_is_skipped_and_reported(self) -> None:
        """H4: a review that did not grade a concern neither ends its spell nor hides it; the
        finding names the assessment skipped. (Area A was graded 2 through A2, so its own
        spell did end.)"""
        findings = review(Chronology(series({"A1": 3}, {"A2": 2}, {"A1": 3})))
        assert (dt.date(2024, 1, 26), (("A1", dt.date(2024, 4, 26)),)) == (
            findings.drift.since,
            findings.drift.not_graded,
        )
        assert str(findings.drift).endswith(
            "; skipped assessments that did not grade a concern: A1 on 2024-04-26"
        )
        gap = review(
            Chronology(
                series(
                    {"A1": 3, "C1": 2}, {"C1": 2, "A2": 2}, {"A1": 3, "C1": 2}, {"A1": 3, "C1": 2}
                )
            )
        )
        assert (True, ("A1",)) == (gap.drift.drifting, gap.drift.codes)
        assert 4 == gap.latest.level.number

    def test_no_concerns(self) -> None:
        """Without any concern there is no drift to find."""
        findings = review(Chronology(series({"A1": 2}, {"A1": 1})))
        assert (False, (), None, 0) == (
            findings.drift.drifting,
            findings.drift.open_concerns,
            findings.drift.since,
            findings.drift.days,
        )
        assert "No drift: no area or sub-area is graded 3 or worse" == str(findings.drift)

    def test_drift_follows_the_policy_concern_grade(self) -> None:
        """M6: the review and the decision judge drift at the policy's concern grade, and the
        finding's text says which grade, so they never contradict each other."""
        strict = attrs.evolve(DEFAULT_POLICY, concern_grade=4, modifiers=())
        at_three = review(Chronology(series(*[{"A1": 3}] * 4)), policy=strict)
        assert "No drift: no area or sub-area is graded 4 or worse" == str(at_three.drift)
        assert "drift" not in [reason.rule for reason in at_three.latest.reasons]
        wide = attrs.evolve(DEFAULT_POLICY, concern_grade=2, modifiers=())
        at_two = review(Chronology(series(*[{"A1": 2}] * 4)), policy=wide)
        assert str(at_two.drift).startswith("Drift: A, A1 graded 2 or worse at every assessment")
        assert "drift" in [reason.rule for reason in at_two.latest.reasons]

    def test_step_down_when_concerns_resolve(self) -> None:
        """A lower level than last time is proposed as a step down, naming what resolved."""
        chronology = Chronology(
            series({"A1": 3, "A4": 3, "B2": 3}, {"A1": 2, "A4": 2, "B2": 2, "C1": 3})
        )
        findings = review(chronology)
        assert findings.step_down is not None
        assert (3, 2, ("A", "A1", "A4", "B", "B2")) == (
            findings.step_down.from_level.number,
            findings.step_down.to_level.number,
            findings.step_down.resolved,
        )
        assert (
            "from level 3 (Multiple / complex) to level 2 (Additional); resolved: A, A1, A4, B, B2"
            == str(findings.step_down)
        )
        assert (
            "  Step-down proposed: from level 3 (Multiple / complex) to level 2 (Additional); "
            "resolved: A, A1, A4, B, B2" in format_review(findings)
        )
        persisting = Chronology(series({"A1": 3, "B2": 3}, {"A1": 2, "B2": 3}))
        assert review(persisting).step_down is None
        assert review(persisting).level_fall is None

    def test_a_partial_review_does_not_step_down(self) -> None:
        """H2: a concern the latest review did not grade is listed as not reassessed, and no
        step-down is proposed while there is one."""
        findings = review(
            Chronology(
                series({"A1": 3, "B2": 4, "C1": 3}, {"A1": 3, "B2": 4, "C1": 3}, {"A1": 2, "C1": 2})
            )
        )
        assert [4, 4, 1] == [decision.level.number for decision in findings.decisions]
        assert ("B", "B2") == findings.not_reassessed
        assert findings.step_down is None
        assert findings.level_fall is not None
        assert ("A", "A1", "C", "C1") == findings.level_fall.resolved
        assert (
            "not proposed, although the level falls from level 4 (Acute / specialist) to level 1 "
            "(Universal): earlier concerns not reassessed at the latest assessment: B, B2 "
            "(resolved: A, A1, C, C1)" == str(findings.level_fall)
        )
        text = format_review(findings)
        assert (
            "  Not reassessed: B, B2 (concerns when last graded, not graded at the latest "
            "assessment)" in text
        )
        assert "  Step-down not proposed, although the level falls from level 4" in text

    def test_a_concern_left_out_twice_is_still_not_reassessed(self) -> None:
        """An earlier concern counts by its most recent grade, however long ago it was given."""
        findings = review(
            Chronology(series({"B2": 4, "A1": 3}, {"A1": 3}, {"A1": 2})),
            current_level=4,
        )
        assert ("B", "B2") == findings.not_reassessed
        assert findings.step_down is None

    def test_a_lapsing_infant_modifier_is_not_a_step_down(self) -> None:
        """M1: when the level falls only because the baby turned one (the infant modifier no
        longer applies) and nothing resolved, the review says so and proposes no step-down."""
        baby = ChildRef("C-0700", date_of_birth=dt.date(2023, 2, 1))
        grades = {"A1": 3, "B2": 3, "D1": 3}
        findings = review(
            Chronology(
                [
                    profile(grades, child=baby, start="2023-12-04", end="2023-12-22"),
                    profile(grades, child=baby, start="2024-03-04", end="2024-03-22"),
                ]
            )
        )
        assert [4, 3] == [decision.level.number for decision in findings.decisions]
        fall = findings.level_fall
        assert fall is not None
        assert (True, 3, (), True) == (
            fall.modifier_lapsed,
            fall.unmodified_from,
            fall.resolved,
            fall.only_modifier_lapsed,
        )
        assert findings.step_down is None
        assert (
            "no concern has resolved",
            "the fall comes from a modifier (such as the infant modifier) no longer applying: "
            "without modifiers the previous decision was level 3",
        ) == fall.withheld_because

    def test_resolution_and_a_lapsing_modifier_together(self) -> None:
        """When concerns resolved too, so that the level would have fallen without modifiers,
        the step-down is proposed and the lapsing modifier is mentioned."""
        baby = ChildRef("C-0701", date_of_birth=dt.date(2023, 2, 1))
        findings = review(
            Chronology(
                [
                    profile(
                        {"A1": 3, "B2": 3, "D1": 3},
                        child=baby,
                        start="2023-12-04",
                        end="2023-12-22",
                    ),
                    profile(
                        {"A1": 2, "B2": 2, "D1": 2},
                        child=baby,
                        start="2024-03-04",
                        end="2024-03-22",
                    ),
                ]
            )
        )
        assert findings.step_down is not None
        assert (4, 1) == (
            findings.step_down.from_level.number,
            findings.step_down.to_level.number,
        )
        assert str(findings.level_fall).endswith(
            "; a modifier (such as the infant modifier) no longer applies either"
        )

    def test_sections_superseded_by_gcp2_are_not_unassessed(self) -> None:
        """GCP2A sections are not part of a GCP2: once the baby has a GCP2 they are superseded,
        not left unassessed."""
        baby = ChildRef("C-0702", date_of_birth=dt.date(2023, 2, 1))
        findings = review(
            Chronology(
                [
                    profile({"S3": 3}, child=baby, start="2023-04-03", end="2023-04-21"),
                    profile({"A1": 2}, child=baby, start="2024-03-04", end="2024-03-22"),
                ]
            )
        )
        assert () == findings.not_reassessed
        assert findings.level_fall is not None
        assert ("no concern has resolved",) == findings.level_fall.withheld_because

    def test_step_down_from_a_given_level(self) -> None:
        """A child at another level (after an override, say) is compared with that level; with
        no earlier assessment nothing has resolved, so no step-down is proposed."""
        single = Chronology([profile({"A1": 3})])
        fall = review(single, current_level=4).level_fall
        assert LevelFall(DEFAULT_POLICY.level(4), DEFAULT_POLICY.level(2), (), (), False, None) == (
            fall
        )
        assert fall is not None
        assert fall.step_down is None
        assert (
            "not proposed, although the level falls from level 4 (Acute / specialist) to level 2 "
            "(Additional): no concern has resolved" == str(fall)
        )
        resolved = Chronology(series({"A1": 3, "A4": 3}, {"A1": 2, "A4": 2}))
        step = review(resolved, current_level=4).step_down
        assert StepDown(DEFAULT_POLICY.level(4), DEFAULT_POLICY.level(1), ("A", "A1", "A4")) == step
        assert review(single).level_fall is None
        assert review(single, current_level=1).level_fall is None
        with pytest.raises(
            PolicyError, match="^level: expected one of the policy's levels 1, 2, 3, 4, got 7$"
        ):
            review(single, current_level=7)

    @pytest.mark.parametrize(
        ("call", "error", "message"),
        [
            (
                lambda: review(None),  # type: ignore[arg-type]
                AssessmentError,
                "chronology: expected a Chronology (build one from the profiles), got None",
            ),
            (
                lambda: review([profile({"A1": 3})]),  # type: ignore[arg-type]
                AssessmentError,
                "chronology: expected a Chronology (build one from the profiles), got a list of 1 item",
            ),
            (
                lambda: review(Chronology([profile({"A1": 3})]), policy=3),  # type: ignore[arg-type]
                PolicyError,
                "policy: expected a ThresholdPolicy, got 3",
            ),
            (
                lambda: Chronology(None),  # type: ignore[arg-type]
                AssessmentError,
                "profiles: expected a sequence of profiles, got None",
            ),
            (
                lambda: Chronology(5),  # type: ignore[arg-type]
                AssessmentError,
                "profiles: expected a sequence of profiles, got 5",
            ),
            (
                lambda: from_assessments(None),  # type: ignore[arg-type]
                AssessmentError,
                "assessments: expected a sequence of assessments, got None",
            ),
            (
                lambda: from_assessments([None]),  # type: ignore[list-item]
                AssessmentError,
                "assessments[0]: expected an Assessment, got None",
            ),
        ],
    )
    def test_bad_arguments(self, call: object, error: type[Exception], message: str) -> None:
        """L1: wrongly typed arguments raise our errors, never a bare TypeError."""
        with pytest.raises(error) as caught:
            call()  # type: ignore[operator]
        assert message == str(caught.value)

    def test_rendering(self) -> None:
        """The rendering lists decisions, changes, targets, time on level, drift and step-down."""
        target = TargetedItem("A1", 3, 2, review_by=dt.date(2024, 4, 1), grade_at_review=3)
        chronology = Chronology(
            [
                profile({"A1": 3, "A4": 3, "B2": 3}, targets=(target,)),
                profile({"A1": 3, "A4": 3, "B2": 3}, start="2024-05-06", end="2024-05-24"),
            ]
        )
        text = format_review(review(chronology))
        assert "Chronology for child C-0100: 2 assessments, baseline ending 2024-01-26" in text
        assert "    2024-05-24: level 3 (Multiple / complex), 5 reasons" in text
        assert "  Changes since the baseline: none" in text
        assert "  Targets missed: A1" in text
        assert "  Targets met: none" in text
        assert "  Step-down: none proposed" in text
        assert "Not reassessed" not in text
        single = format_review(review(Chronology([profile({"A1": 3})])))
        assert "Changes since the baseline" not in single
        assert "    2024-01-26: level 2 (Additional), 2 reasons" in single

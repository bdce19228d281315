from __future__ import annotations

import datetime as dt

import pytest

from escalation_helpers import SCHOOL_CHILD, profile, series
from neglect_protocol import Assessment, ChildRef, Rating, TargetedItem
from neglect_protocol.chronology import (
    Chronology,
    DriftFinding,
    EntryChange,
    GradeChange,
    LevelSpell,
    StepDown,
    review,
)
from neglect_protocol.display import format_review
from neglect_protocol.errors import HistoryError, PolicyError
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
        chronology = Chronology.from_assessments(assessments, rule=mean)
        assert (window, "mean", Grade(4)) == (
            chronology.baseline.window,
            chronology.latest.rule,
            chronology.baseline["A"].grade,
        )

    def test_no_profiles(self) -> None:
        """A chronology needs at least one profile."""
        with pytest.raises(HistoryError) as caught:
            Chronology([])
        assert "profiles: expected at least one profile, got none" == str(caught.value)

    def test_a_mix_of_children_is_refused(self) -> None:
        """Every profile must be the same child's."""
        other = ChildRef("C-0999", date_of_birth=dt.date(2016, 5, 10))
        with pytest.raises(HistoryError) as caught:
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
        with pytest.raises(HistoryError) as caught:
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
            HistoryError,
            match=r"^profiles\[0\]\.window: expected a window starting after profiles\[1\]",
        ):
            Chronology(
                [profile({"A1": 3}, start="2024-01-20", end="2024-02-09"), profile({"A1": 4})]
            )

    def test_not_profiles(self) -> None:
        """Only profiles make a chronology."""
        with pytest.raises(HistoryError, match=r"^profiles\[0\]: expected a Profile"):
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
        with pytest.raises(HistoryError) as caught:
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
        assert ["sub_areas_at_or_above", "sub_areas_at_or_above"] == [
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
            )
            == findings.drift
        )
        assert (
            "No drift: the longest spell without improvement is 182 days (since 2024-01-26); "
            "the policy allows 182" == str(findings.drift)
        )
        assert findings.step_down is None
        assert findings.decisions[-1] is findings.latest
        assert (
            "<ChronologyReview child='C-0100' latest=level 3 (Multiple / complex) drifting=False>"
            == repr(findings)
        )

    def test_drift_is_found_and_steps_up(self) -> None:
        """A concern unimproved for longer than the period is drift, and the policy steps up."""
        chronology = Chronology(
            series({"A1": 3, "C1": 4}, {"A1": 3, "C1": 3}, {"A1": 3, "C1": 3}, {"A1": 3, "C1": 3})
        )
        findings = review(chronology)
        assert ("A1",) == findings.drift.codes[1:]
        assert (
            "Drift: A, A1 graded 3 or worse without improving since 2024-01-26 (273 days; the "
            "policy allows 182)" == str(findings.drift)
        )
        assert findings.latest.level.number == 4
        assert "drift" in [reason.rule for reason in findings.latest.reasons]

    def test_improvement_restarts_the_spell(self) -> None:
        """A concern that improved at a review has not drifted since before then."""
        chronology = Chronology(series({"A1": 4}, {"A1": 3}, {"A1": 3}))
        assert dt.date(2024, 4, 26) == review(chronology).drift.since

    def test_an_ungraded_review_restarts_the_spell(self) -> None:
        """A concern ungraded at a review cannot be said to have persisted through it."""
        chronology = Chronology(series({"A1": 3}, {"A2": 2}, {"A1": 3}))
        assert dt.date(2024, 7, 26) == review(chronology).drift.since

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
        assert "  Step-down proposed: from level 3" in format_review(findings)
        persisting = Chronology(series({"A1": 3, "B2": 3}, {"A1": 2, "B2": 3}))
        assert review(persisting).step_down is None

    def test_step_down_from_a_given_level(self) -> None:
        """A child at another level (after an override, say) is compared with that level."""
        single = Chronology([profile({"A1": 3})])
        step = review(single, current_level=4).step_down
        assert StepDown(DEFAULT_POLICY.level(4), DEFAULT_POLICY.level(2), ()) == step
        assert "from level 4 (Acute / specialist) to level 2 (Additional)" == str(step)
        assert review(single).step_down is None
        assert review(single, current_level=1).step_down is None
        with pytest.raises(
            PolicyError, match="^level: expected one of the policy's levels 1, 2, 3, 4, got 7$"
        ):
            review(single, current_level=7)

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
        assert "    2024-05-24: level 3 (Multiple / complex), 4 reasons" in text
        assert "  Changes since the baseline: none" in text
        assert "  Targets missed: A1" in text
        assert "  Targets met: none" in text
        assert "  Step-down: none proposed" in text
        single = format_review(review(Chronology([profile({"A1": 3})])))
        assert "Changes since the baseline" not in single
        assert "    2024-01-26: level 2 (Additional), 1 reason" in single

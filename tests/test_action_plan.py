"""Tests for neglect_protocol.action_plan: a case review's actions and their progress (issue 12, part 4).

The domain (DOMAIN.md section 8, "Action plans"): a case review's recommendations
become actions with an owner agency, a due date, a status and evidence of impact,
which the board follows until each is complete. The county's review made seven
recommendations (sources/scrutiny-report-2022-06.txt, paragraph 1).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import neglect_protocol
from neglect_protocol.action_plan import (
    Action,
    ActionPlan,
    ActionStatus,
    Recommendation,
    action_progress,
    plan_progress,
)
from neglect_protocol.assurance import (
    PeriodRecords,
    ReportInput,
    build_assurance_report,
    render_html,
    render_markdown,
)
from neglect_protocol.errors import AssuranceError, DocumentError, InvalidArgumentError
from neglect_protocol.indicators import Cohort, ImplementationMeasures
from neglect_protocol.serialize import from_dict, from_json, to_dict, to_json
from neglect_protocol.strategies import action_plans, actions
from neglect_protocol.survey import Question, Survey

GOLDEN = Path(__file__).resolve().parent / "golden" / "action_plan" / "v1-invented.json"
SECRET = "Invented: Jane Doe's mother said the home is better now"
DAY = dt.date(2022, 6, 16)
DAYS = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2029, 12, 31))


def action(
    reference: str = "R1A",
    *,
    due: dt.date = dt.date(2022, 3, 31),
    status: ActionStatus | str = ActionStatus.ON_TRACK,
    owner: str = "Health",
    evidence: str | None = None,
) -> Action:
    return Action(reference, "Invented: do something", owner, due, status, evidence=evidence)


def plan(*recommendations: Recommendation) -> ActionPlan:
    return ActionPlan(
        "Invented review", recommendations or (Recommendation("R1", "Invented", (action(),)),)
    )


def problems_of(error: pytest.ExceptionInfo[Any]) -> list[tuple[str, str]]:
    return [(problem.path, problem.message) for problem in error.value.problems]


class TestActions:
    def test_status_by_value(self) -> None:
        """A status may be given as its value ("on_track"); it is read as the member."""
        assert ActionStatus.AT_RISK is action(status="at_risk").status
        assert "off track" == ActionStatus.OFF_TRACK.label

    def test_evidence_is_never_in_the_repr(self) -> None:
        """Evidence of impact is personal-data-grade: the repr leaves it out."""
        made = action(evidence=SECRET)
        assert SECRET == made.evidence
        assert "evidence" not in repr(made)
        assert "Jane" not in repr(plan(Recommendation("R1", "Invented", (made,))))

    def test_overdue_only_after_the_due_date(self) -> None:
        """An action due on the day still has the day; the day after, it is overdue."""
        due = dt.date(2022, 3, 31)
        assert not action(due=due).is_overdue(due)
        assert action(due=due).is_overdue(due + dt.timedelta(days=1))
        assert not action(due=due, status="complete").is_overdue(dt.date(2030, 1, 1))

    def test_an_action_without_an_owner(self) -> None:
        """An action without an owner is refused with our error, at $.owner."""
        with pytest.raises(AssuranceError) as caught:
            action(owner="  ")
        assert [("$.owner", "expected the owning agency's name, got '  '")] == problems_of(caught)
        assert isinstance(caught.value, ValueError)

    def test_every_problem_is_listed(self) -> None:
        """Every problem of one action is listed, each at its path, none echoing free text."""
        with pytest.raises(AssuranceError) as caught:
            Action("R 1", " ", None, "2022-03-31", "late", evidence=7)  # type: ignore[arg-type]
        assert [
            (
                "$.reference",
                "expected a code-shaped reference (such as 'R1', 'R3B' or 'ACT-07': capital "
                "letters, then digits and letters, or capital-letter words and numbers joined "
                "by '-'), got a str of 3 characters",
            ),
            ("$.description", "expected a description of the action, got ' '"),
            ("$.owner", "expected the owning agency's name, got None"),
            ("$.due", "expected a date, got a str of 10 characters"),
            (
                "$.status",
                "expected one of 'not_started', 'on_track', 'at_risk', 'off_track', "
                "'complete', got 'late'",
            ),
            ("$.evidence", "expected text or None, got 7"),
        ] == problems_of(caught)

    def test_unknown_status_suggests_the_nearest(self) -> None:
        """An unknown status names the valid ones and the nearest."""
        with pytest.raises(AssuranceError, match="got 'ontrack'; nearest: 'on_track'"):
            action(status="ontrack")

    def test_a_datetime_is_not_a_due_date(self) -> None:
        """A due date has no time of day: a datetime is refused."""
        with pytest.raises(AssuranceError, match=r"^\$\.due: expected a date, got a datetime$"):
            action(due=dt.datetime(2022, 3, 31, 12, 0))

    def test_free_text_in_the_wrong_field_is_not_echoed(self) -> None:
        """Text typed into a reference or status is described by its length, never shown."""
        with pytest.raises(AssuranceError) as caught:
            Action(SECRET, "Invented", "Health", DAY, SECRET)
        assert "Jane" not in str(caught.value)
        assert "a str of 55 characters" in str(caught.value)


class TestRecommendationsAndPlans:
    def test_duplicate_action_in_a_recommendation(self) -> None:
        """An action reference given twice in a recommendation is refused at the second."""
        with pytest.raises(AssuranceError) as caught:
            Recommendation("R1", "Invented", (action("R1A"), action("R1B"), action("R1A")))
        assert [
            (
                "$.actions[2].reference",
                "expected each action reference once, got 'R1A' again in this recommendation",
            )
        ] == problems_of(caught)

    def test_duplicate_action_across_the_plan(self) -> None:
        """An action reference is unique across the whole plan, not only its recommendation."""
        first = Recommendation("R1", "Invented", (action("A-01"),))
        second = Recommendation("R2", "Invented", (action("A-02"), action("A-01")))
        with pytest.raises(AssuranceError) as caught:
            plan(first, second)
        assert [
            (
                "$.recommendations[1].actions[1].reference",
                "expected each action reference once in the plan, got 'A-01' again "
                "(first under recommendation 'R1')",
            )
        ] == problems_of(caught)

    def test_every_plan_problem_is_listed(self) -> None:
        """A blank title and a repeated recommendation are both reported."""
        first = Recommendation("R1", "Invented", (action("R1A"),))
        again = Recommendation("R1", "Invented", (action("R1B"),))
        with pytest.raises(AssuranceError) as caught:
            ActionPlan(" ", (first, again))
        assert [
            ("$.title", "expected the plan's title, got ' '"),
            (
                "$.recommendations[1].reference",
                "expected each recommendation reference once, got 'R1' again",
            ),
        ] == problems_of(caught)

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ((), "expected a non-empty sequence of Recommendation, got an empty tuple"),
            ("R1", "expected a non-empty sequence of Recommendation, got 'R1'"),
            (None, "expected a non-empty sequence of Recommendation, got None"),
        ],
    )
    def test_a_plan_needs_recommendations(self, value: object, message: str) -> None:
        """A plan without recommendations, or with text in their place, is refused."""
        with pytest.raises(AssuranceError) as caught:
            ActionPlan("Invented", value)
        assert [("$.recommendations", message)] == problems_of(caught)

    def test_elements_of_the_wrong_type(self) -> None:
        """Anything but an Action among actions is named by its type, at its index."""
        with pytest.raises(AssuranceError) as caught:
            Recommendation("R1", " ", (action(), SECRET))
        assert [
            ("$.text", "expected the recommendation's text, got ' '"),
            ("$.actions[1]", "expected Action, got a str of 55 characters"),
        ] == problems_of(caught)

    def test_actions_lists_every_action_in_order(self) -> None:
        """A plan's actions are every recommendation's, in the plan's order."""
        built = plan(
            Recommendation("R1", "Invented", (action("R1A"), action("R1B"))),
            Recommendation("R2", "Invented", [action("R2A")]),
        )
        assert ["R1A", "R1B", "R2A"] == [made.reference for made in built.actions]


class TestProgress:
    @given(action_plans(), DAYS)
    def test_counts_partition_the_actions(self, built: ActionPlan, day: dt.date) -> None:
        """Rule: every action has exactly one status, so the counts by status add up to the total."""
        progress = plan_progress(built, day)
        assert (
            len(built.actions) == progress.overall.total == sum(progress.overall.by_status.values())
        )
        assert set(ActionStatus) == set(progress.overall.by_status)
        for item in progress.recommendations:
            assert len(item.recommendation.actions) == sum(item.progress.by_status.values())

    @given(action_plans(), DAYS)
    def test_overdue_iff_due_before_the_day_and_not_complete(
        self, built: ActionPlan, day: dt.date
    ) -> None:
        """Rule: an action is overdue exactly when it was due before the day and is not complete."""
        progress = plan_progress(built, day).overall
        expected = [made for made in built.actions if made.due < day and not made.is_complete]
        assert expected == list(progress.overdue)
        assert not set(progress.overdue) & set(progress.complete)
        assert len(progress.complete) == progress.by_status[ActionStatus.COMPLETE]
        assert progress.total - len(progress.complete) == progress.open

    @given(action_plans(), DAYS, DAYS)
    def test_overdue_only_grows_with_the_day(
        self, built: ActionPlan, first: dt.date, second: dt.date
    ) -> None:
        """Rule: with the statuses unchanged, a later day never has fewer overdue actions."""
        early, late = sorted((first, second))
        assert set(plan_progress(built, early).overall.overdue) <= set(
            plan_progress(built, late).overall.overdue
        )
        # Whether an action is of concern is its rating, whatever the day.
        assert (
            plan_progress(built, early).overall.concerns
            == plan_progress(built, late).overall.concerns
        )

    @given(action_plans(), DAYS)
    def test_overall_is_the_sum_of_the_recommendations(
        self, built: ActionPlan, day: dt.date
    ) -> None:
        """Rule: the plan's counts are its recommendations' counts added up."""
        progress = plan_progress(built, day)
        for status in ActionStatus:
            assert progress.overall.by_status[status] == sum(
                item.progress.by_status[status] for item in progress.recommendations
            )
        assert len(progress.overall.overdue) == sum(
            len(item.progress.overdue) for item in progress.recommendations
        )

    @given(st.lists(actions(), max_size=8), DAYS)
    def test_concerns_are_at_risk_or_off_track(self, listed: list[Action], day: dt.date) -> None:
        """Rule: the actions of concern are those rated at risk or off track, and no others."""
        progress = action_progress(listed, day)
        concerning = {ActionStatus.AT_RISK, ActionStatus.OFF_TRACK}
        assert [made for made in listed if made.status in concerning] == list(progress.concerns)
        assert not any(made.status.is_concern for made in progress.complete)

    def test_complete_without_evidence(self) -> None:
        """A complete action with no evidence of impact (or only blanks) is listed for follow-up."""
        listed = [
            action("R1A", status="complete", evidence=SECRET),
            action("R1B", status="complete", evidence="   "),
            action("R1C", status="complete"),
            action("R1D", status="on_track"),
        ]
        progress = action_progress(listed, DAY)
        assert ["R1B", "R1C"] == [made.reference for made in progress.complete_without_evidence]

    @pytest.mark.parametrize("day", ["2022-06-16", dt.datetime(2022, 6, 16), None])
    def test_the_day_must_be_a_date(self, day: object) -> None:
        """Progress is measured on a date passed in; anything else is refused, never a clock read."""
        with pytest.raises(InvalidArgumentError, match=r"^as_of: expected a date, got "):
            plan_progress(plan(), day)  # type: ignore[arg-type]

    def test_the_plan_must_be_a_plan(self) -> None:
        """Something else in place of the plan is refused with our error."""
        with pytest.raises(
            InvalidArgumentError, match=r"^plan: expected an ActionPlan, got an empty list"
        ):
            plan_progress([], DAY)  # type: ignore[arg-type]


class TestDocuments:
    def document(self) -> dict[str, Any]:
        written: dict[str, Any] = to_dict(
            plan(
                Recommendation(
                    "R1",
                    "Invented",
                    (action("R1A", evidence=SECRET), action("R1B", status="complete")),
                )
            )
        )
        return written

    def test_round_trip(self) -> None:
        """An action plan is written as an action_plan document and read back equal."""
        original = from_dict(ActionPlan, self.document())
        assert SECRET == original.recommendations[0].actions[0].evidence
        assert original == from_json(ActionPlan, to_json(original))
        assert "action_plan" == self.document()["kind"]
        assert "evidence" not in self.document()["recommendations"][0]["actions"][1]

    def test_every_problem_at_its_path(self) -> None:
        """An action without an owner, an unknown status and a bad due date are all listed."""
        data = self.document()
        first, second = data["recommendations"][0]["actions"]
        del first["owner"]
        first["due"] = "2022-02-30"
        second["status"] = "late"
        second["owner"] = ""
        with pytest.raises(DocumentError) as caught:
            from_dict(ActionPlan, data)
        assert [
            ("$.recommendations[0].actions[0].owner", "required key missing"),
            (
                "$.recommendations[0].actions[0].due",
                "expected an ISO 8601 date (YYYY-MM-DD), got a string of 10 characters",
            ),
            ("$.recommendations[0].actions[1].owner", 'expected text that is not blank, got ""'),
            (
                "$.recommendations[0].actions[1].status",
                'expected one of "not_started", "on_track", "at_risk", "off_track", '
                '"complete", got "late"',
            ),
        ] == problems_of(caught)
        assert "Jane" not in str(caught.value)

    def test_duplicate_action_ids_in_a_document(self) -> None:
        """Duplicate action references are refused at the second, as a rule problem."""
        data = self.document()
        data["recommendations"].append(json.loads(json.dumps(data["recommendations"][0])))
        data["recommendations"][1]["reference"] = "R2"
        with pytest.raises(DocumentError) as caught:
            from_dict(ActionPlan, data)
        assert [
            (
                "$.recommendations[1].actions[0].reference",
                "expected each action reference once in the plan, got 'R1A' again "
                "(first under recommendation 'R1')",
            ),
            (
                "$.recommendations[1].actions[1].reference",
                "expected each action reference once in the plan, got 'R1B' again "
                "(first under recommendation 'R1')",
            ),
        ] == problems_of(caught)
        assert {"rule"} == {problem.category for problem in caught.value.problems}

    def test_evidence_of_the_wrong_type_is_described(self) -> None:
        """Evidence that is not text is refused by its JSON type; text is never shown."""
        data = self.document()
        data["recommendations"][0]["actions"][0]["evidence"] = [SECRET]
        data["recommendations"][0]["actions"][0]["reference"] = "r1a"
        with pytest.raises(DocumentError) as caught:
            from_dict(ActionPlan, data)
        paths = [path for path, _ in problems_of(caught)]
        assert [
            "$.recommendations[0].actions[0].reference",
            "$.recommendations[0].actions[0].evidence",
        ] == paths
        assert "Jane" not in str(caught.value)

    def test_golden_values(self) -> None:
        """The golden plan holds the example's seven recommendations and fourteen actions."""
        golden = from_json(ActionPlan, GOLDEN.read_bytes())
        assert 7 == len(golden.recommendations)
        assert 14 == len(golden.actions)
        progress = plan_progress(golden, DAY).overall
        assert (7, 2, 3) == (len(progress.complete), len(progress.overdue), len(progress.concerns))


SURVEY = Survey("Invented", (Question("q1", "Invented?"),), ("family",))
PERIOD = PeriodRecords("2021-22", (), (), Cohort(()), ImplementationMeasures(1, 10, 5))


class TestReportSection:
    def report_text(self, built: ActionPlan) -> tuple[str, str]:
        report = build_assurance_report(PERIOD, survey=SURVEY, action_plan=built, as_of=DAY)
        return render_markdown(report), render_html(report)

    def test_section_counts_and_follow_up(self) -> None:
        """The section gives counts per recommendation and lists the actions to follow up."""
        built = plan(
            Recommendation(
                "R1",
                "Invented recommendation",
                (
                    action("R1A", status="complete", evidence=SECRET),
                    action("R1B", status="at_risk", due=dt.date(2022, 1, 31)),
                    action("R1C", status="on_track", due=dt.date(2023, 1, 31)),
                ),
            )
        )
        markdown, page = self.report_text(built)
        assert "## Action plan progress" in markdown
        assert "| R1: Invented recommendation | 3 | 0 | 1 | 1 | 0 | 1 | 1 |" in markdown
        assert "| All recommendations | 3 | 0 | 1 | 1 | 0 | 1 | 1 |" in markdown
        assert (
            "| R1B: Invented: do something | Health | 31 January 2022 | at risk | yes |" in markdown
        )
        assert "| R1A: Invented: do something | Health | 31 March 2022 | yes |" in markdown
        assert (
            "- Action plan: 1 of the 3 actions answering 1 recommendation was complete on "
            "16 June 2022; 1 was overdue and 1 rated at risk or off track." in markdown
        )
        assert "<h2>Action plan progress</h2>" in page

    def test_evidence_never_reaches_the_report(self) -> None:
        """Evidence of impact stays in the plan: the published report says only whether it is recorded."""
        built = plan(
            Recommendation("R1", "Invented", (action(status="complete", evidence=SECRET),))
        )
        for text in self.report_text(built):
            assert "Jane" not in text
            assert "Evidence of impact recorded" in text

    def test_nothing_to_follow_up(self) -> None:
        """With nothing overdue or of concern, and nothing complete, the section says so."""
        built = plan(Recommendation("R1", "Invented", (action(due=dt.date(2023, 1, 1)),)))
        markdown, _ = self.report_text(built)
        assert "No action is overdue, at risk or off track." in markdown
        assert "Actions complete" not in markdown

    def test_no_plan_no_section(self) -> None:
        """Without an action plan, the report has no such section or note."""
        markdown = render_markdown(build_assurance_report(PERIOD, survey=SURVEY))
        assert "Action plan" not in markdown

    def test_a_plan_needs_the_reports_date(self) -> None:
        """A plan without a date to measure it on is refused: the library reads no clock."""
        with pytest.raises(InvalidArgumentError, match=r"^as_of: expected the report's date"):
            build_assurance_report(PERIOD, survey=SURVEY, action_plan=plan())
        with pytest.raises(AssuranceError, match=r"^report_date: expected the date to measure"):
            ReportInput(SURVEY, PERIOD, action_plan=plan())
        with pytest.raises(
            AssuranceError, match=r"^report_date: expected a date or None, got a str"
        ):
            ReportInput(SURVEY, PERIOD, report_date="2022-06-16")  # type: ignore[arg-type]

    def test_report_input_carries_the_plan(self) -> None:
        """An assurance_input document carries the plan and the date, and builds the section."""
        source = ReportInput(SURVEY, PERIOD, action_plan=plan(), report_date=DAY)
        again = from_json(ReportInput, to_json(source))
        assert source == again
        report = again.build()
        assert report.action_plan is not None
        assert DAY == report.action_plan.as_of


class TestPublicModule:
    def test_lazy_module(self) -> None:
        """The package reaches the new public module, and its neighbours, as attributes."""
        for name in ("action_plan", "census", "key_indicators", "moderation"):
            assert name == getattr(neglect_protocol, name).__name__.rsplit(".", 1)[1]
        assert "neglect_protocol.action_plan" == Action.__module__

"""Tests for the assurance report's optional sections (issue 12, parts 5 and 6)."""

from __future__ import annotations

import datetime as dt
import re
import runpy
from pathlib import Path

import pytest
from hypothesis import given

from neglect_protocol._logic import _assurance
from neglect_protocol._logic._assurance_sections import Sections
from neglect_protocol.assurance import (
    AssuranceReport,
    PeriodRecords,
    ReportInput,
    build_assurance_report,
    render_html,
    render_markdown,
)
from neglect_protocol.audit import OFSTED_FOUR_POINT, AuditTool, CaseFileAudit, Criterion
from neglect_protocol.census import NeglectBasis
from neglect_protocol.disclosure import DFE
from neglect_protocol.errors import AssuranceError, InvalidArgumentError
from neglect_protocol.indicators import Cohort, CohortRecord, ImplementationMeasures
from neglect_protocol.key_indicators import CaseHistory, KeyIndicator, Period
from neglect_protocol.moderation import ModerationSet
from neglect_protocol.serialize import from_json, to_json
from neglect_protocol.strategies import report_inputs
from neglect_protocol.survey import Question, Survey


class TestDrawnInputs:
    @given(report_inputs())
    def test_every_drawn_input_builds_renders_and_round_trips(
        self, given_input: ReportInput
    ) -> None:
        """A drawn input, its optional sections included, builds a report both renderings show."""
        assert given_input == from_json(ReportInput, to_json(given_input))
        report = given_input.build()
        markdown = render_markdown(report)
        page = render_html(report)
        assert (report.neglect is not None) == ("### Due to neglect" in markdown)
        assert (report.moderation is not None) == ("<h2>Moderation of GCP2 grading</h2>" in page)
        assert (report.indicator_trend is not None) == ("## Key indicator:" in markdown)


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "assurance_report.py"
SURVEY = Survey("Invented", (Question("q1", "Invented question?"),), ("family",))
DAY = dt.date(2022, 1, 10)
TOOL = AuditTool(
    "Invented tool",
    (
        Criterion("voice", "The child's voice is recorded", limiting=True),
        Criterion("assessment", "The intervention rests on a good assessment"),
    ),
    OFSTED_FOUR_POINT,
)


def audits(assessment_grades: list[str]) -> list[CaseFileAudit]:
    """Invented audits, one per grade given for the assessment criterion (voice always good)."""
    return [
        TOOL.audit(
            f"F-{number}", team="Team", date=DAY, grades={"voice": "good", "assessment": grade}
        )
        for number, grade in enumerate(assessment_grades)
    ]


def children(
    count: int, factors: tuple[str, ...], *, in_care: bool = False, plan: str | None = None
) -> list[CohortRecord]:
    """Invented children at level 4 aged 5 to 9, with their assessment factors."""
    return [
        CohortRecord(
            f"C-{factors}-{plan}-{in_care}-{number}",
            "N1",
            "5 to 9",
            4,
            in_care,
            plan_category=plan,
            factors=factors,
        )
        for number in range(count)
    ]


def period(
    records: list[CohortRecord] | None = None, files: list[CaseFileAudit] | None = None
) -> PeriodRecords:
    return PeriodRecords(
        "2021-22",
        files or [],
        [],
        Cohort(tuple(records or [])),
        ImplementationMeasures(1, 10, 5),
    )


def referred(quarters: dict[str, tuple[int, int]]) -> list[CaseHistory]:
    """Children referred on the first day of each quarter; ``again`` of them re-referred."""
    histories: list[CaseHistory] = []
    for label, (count, again) in quarters.items():
        day = Period.parse(label).start
        for number in range(count):
            earlier = [day - dt.timedelta(days=200)] if number < again else []
            histories.append(CaseHistory(f"K-{label[-1]}-{number}", referrals=[*earlier, day]))
    return histories


def headline(report: AssuranceReport, topic: str) -> str:
    return next(h.text for h in report.headlines if h.topic == topic)


class TestNeglectSection:
    def test_stated_on_its_basis_with_unrecorded_children_apart(self) -> None:
        """ "Due to neglect" names its basis, and children with no plan are counted apart."""
        records = (
            children(12, (), plan="NEG")
            + children(20, (), plan="PHY")
            + children(7, ("16A",))
            + children(10, (), plan="NEG", in_care=True)
        )
        report = build_assurance_report(
            period(records), survey=SURVEY, neglect_basis="plan_category"
        )
        assert report.neglect is not None
        assert (22, 42, 7) == (
            report.neglect.at_level.neglect,
            report.neglect.at_level.recorded,
            report.neglect.at_level.unrecorded,
        )
        assert (
            "Due to neglect, where the initial category of abuse of the child protection plan "
            "is neglect (NEG): 22 of the 42 children at level 4 (over half, 52.4%); 10 of "
            "the 10 children in care (100.0%)." == report.headlines[-1].text
        )
        markdown = render_markdown(report)
        assert "| Children at level 4 | 22 | 20 | 7 | 49 | 52.4% |" in markdown
        assert "| Children in care | 10 | 0 | 0 | 10 | 100.0% |" in markdown
        section = markdown.split("### Due to neglect", 1)[1].split("##", 1)[0]
        assert "\n| Total |" not in section  # the rows overlap: no total row

    def test_small_counts_are_withheld(self) -> None:
        """A count the disclosure policy hides is not given in the headline either (DfE policy)."""
        records = children(3, ("16A",)) + children(30, ("21",))
        report = build_assurance_report(
            period(records), survey=SURVEY, neglect_basis=NeglectBasis.ASSESSMENT_FACTOR
        )
        text = next(h.text for h in report.headlines if h.text.startswith("Due to neglect"))
        assert (
            "among children at level 4 the figure is not published (small numbers, DfE "
            "disclosure control)." in text
        )
        assert report.neglect is not None
        assert report.neglect.in_care is None
        assert "| Children at level 4 | c | c | 0 | 33 | c |" in render_markdown(report)

    def test_left_out_without_a_basis(self) -> None:
        """Without a basis the report keeps to the primary need wording (N1) alone."""
        report = build_assurance_report(period(children(30, ("16A",))), survey=SURVEY)
        assert report.neglect is None
        assert "Due to neglect" not in render_markdown(report)

    def test_code_lists_are_needed_with_a_basis(self) -> None:
        """The logic layer is given its code lists by the public module, never finds them itself."""
        with pytest.raises(InvalidArgumentError, match="plan categories and assessment factors"):
            _assurance.build_assurance_report(
                period(),
                survey=SURVEY,
                scale=OFSTED_FOUR_POINT,
                policy=DFE,
                sections=Sections(neglect_basis=NeglectBasis.EITHER),
            )


QUARTERS = ("2021-22 Q1", "2021-22 Q2", "2021-22 Q3", "2021-22 Q4")


def trend_report(quarters: dict[str, tuple[int, int]], periods: tuple[str, ...]) -> AssuranceReport:
    return build_assurance_report(
        period(),
        survey=SURVEY,
        key_indicator="re_referrals",
        trend_periods=periods,
        case_histories=referred(quarters),
    )


class TestKeyIndicatorTrend:
    def test_a_fall_chance_could_explain_is_called_so(self) -> None:
        """The change since the quarter before is worded with Newcombe's interval (Newcombe 1998)."""
        report = trend_report({"2021-22 Q3": (50, 11), "2021-22 Q4": (48, 7)}, QUARTERS[2:])
        assert (
            "Re-referrals within 12 months: 7 of 48 referrals (over one in ten, 14.6%) in "
            "2021-22 Q4, down 7.4 points from 11 of 50 (just over one fifth, 22.0%) in "
            "2021-22 Q3 (95% interval -22.6 to +8.2 points: a change chance alone could "
            "explain)." == headline(report, "Key indicators")
        )

    def test_a_clear_rise_is_called_so(self) -> None:
        """A change whose interval excludes zero is "larger than chance alone would explain"."""
        report = trend_report({"2021-22 Q1": (60, 6), "2021-22 Q2": (60, 40)}, QUARTERS[:2])
        text = headline(report, "Key indicators")
        assert ", up 56.7 points from 6 of 60" in text
        assert text.endswith("a change larger than chance alone would explain).")

    def test_no_change_is_unchanged(self) -> None:
        """The same share twice is "unchanged", with no number of points."""
        report = trend_report({"2021-22 Q1": (40, 10), "2021-22 Q2": (40, 10)}, QUARTERS[:2])
        assert ", unchanged from 10 of 40" in headline(report, "Key indicators")

    def test_one_period_has_no_change(self) -> None:
        """With one period counted, the headline says no change can be given."""
        report = trend_report({"2021-22 Q1": (40, 10)}, QUARTERS[:1])
        assert headline(report, "Key indicators").endswith(
            "; no change since the period before can be given."
        )

    def test_nothing_counted(self) -> None:
        """With no referral in any period, the section says so and shows no table."""
        report = trend_report({}, QUARTERS)
        text = "Re-referrals within 12 months: nothing was counted from 2021-22 Q1 to 2021-22 Q4."
        assert text == headline(report, "Key indicators")
        section = render_markdown(report).split("## Key indicator:", 1)[1].split("\n## ", 1)[0]
        assert "|" not in section

    def test_small_counts_are_withheld(self) -> None:
        """A period whose count the policy hides is not phrased, nor compared (DfE policy)."""
        report = trend_report({"2021-22 Q1": (40, 10), "2021-22 Q2": (40, 3)}, QUARTERS[:2])
        assert report.indicator_trend is not None
        assert report.indicator_trend.change is None
        assert (
            "Re-referrals within 12 months in 2021-22 Q2: not published (small numbers, DfE "
            "disclosure control)." == headline(report, "Key indicators")
        )
        markdown = render_markdown(report)
        assert "| 2021-22 Q2 | c | c | 40 | c |" in markdown
        assert "| 2021-22 Q1 | 10 | 30 | 40 | 25.0% |" in markdown  # each period on its own


def moderation(rows: list[tuple[str, str, str, int]]) -> AssuranceReport:
    return build_assurance_report(period(), survey=SURVEY, moderation=ModerationSet.from_rows(rows))


class TestModerationSection:
    def test_alpha_kappa_raters_cases_and_least_alike(self) -> None:
        """The section gives both coefficients with their raters and cases, least alike first."""
        report = moderation(
            [
                ("P01", "M01", "A1", 2),
                ("P02", "M01", "A1", 2),
                ("P01", "M02", "A1", 4),
                ("P02", "M02", "A1", 4),
                ("P01", "M01", "C2", 1),
                ("P02", "M01", "C2", 3),
                ("P01", "M02", "C2", 3),
                ("P02", "M02", "C2", 2),
            ]
        )
        text = headline(report, "Moderation")
        assert text.startswith("Moderation: 2 practitioners graded the same 2 anonymised cases;")
        assert text.endswith("graded least alike: sub-area C2.")
        rows = re.findall(r"^\| (C2|A1|All sub-areas) \|", render_markdown(report), re.M)
        assert ["C2", "A1", "All sub-areas"] == rows

    def test_every_grade_the_same_is_undefined(self) -> None:
        """Alpha and kappa are 0/0 when no grade differs: shown as undefined, not as a number."""
        report = moderation([("P01", "M01", "A1", 2), ("P02", "M01", "A1", 2)])
        text = headline(report, "Moderation")
        assert text.endswith(
            "the same 1 anonymised case; Krippendorff's alpha (ordinal) undefined (every grade "
            "was the same)."
        )
        assert "Fleiss" not in text
        assert "| All sub-areas | 2 | 1 | undefined | undefined | 100% |" in render_markdown(report)


class TestCriterionSection:
    def test_shares_per_criterion_in_the_order_given(self) -> None:
        """Each criterion's files judged good or better, in the order given, every count shown."""
        files = audits(["good"] * 21 + ["requires_improvement"] * 9)
        report = build_assurance_report(
            period(files=files), survey=SURVEY, audit_criteria=TOOL.criteria[::-1]
        )
        assert (
            "Files judged good or better on “The intervention rests on a good assessment” in "
            "21 of 30 (over two thirds, 70%); “The child's voice is recorded” in 30 of 30 "
            "(all, 100%)." in [h.text for h in report.headlines]
        )
        markdown = render_markdown(report)
        assert "| The intervention rests on a good assessment | 30 | 21 | 70.0% | 52% to 83% |" in (
            markdown
        )

    def test_no_audits_no_section(self) -> None:
        """Without audits in the period there is nothing to share out: the table is left out."""
        report = build_assurance_report(period(), survey=SURVEY, audit_criteria=TOOL.criteria)
        assert report.criteria is None
        assert "by audit criterion" not in render_markdown(report)


def report_input(**fields: object) -> ReportInput:
    return ReportInput(SURVEY, period(files=audits(["good", "inadequate"])), **fields)  # type: ignore[arg-type]


class TestBadInput:
    def test_key_indicator_without_its_periods(self) -> None:
        """A key indicator needs periods and case histories; the missing field is named."""
        with pytest.raises(
            AssuranceError, match=r"^trend_periods: expected it with key_indicator and "
        ):
            report_input(key_indicator=KeyIndicator.RE_REFERRALS, case_histories=())

    def test_histories_without_an_indicator(self) -> None:
        """Case histories alone say nothing the report could show: refused, not ignored."""
        with pytest.raises(AssuranceError, match=r"^key_indicator: expected it with trend_periods"):
            report_input(trend_periods=("2021-22 Q1",), case_histories=())

    def test_bank_holidays_without_an_indicator(self) -> None:
        """Bank holidays without a key indicator are refused, not dropped."""
        with pytest.raises(AssuranceError, match=r"^key_indicator: expected it with bank_holidays"):
            report_input(bank_holidays=(DAY,))

    def test_a_period_that_does_not_parse(self) -> None:
        """A period label that is not a financial year or quarter is refused at its index."""
        with pytest.raises(AssuranceError, match=r"^trend_periods\[1\]: expected a financial year"):
            report_input(
                key_indicator=KeyIndicator.RE_REFERRALS,
                trend_periods=("2021-22 Q1", "2021-22 Q5"),
                case_histories=(),
            )

    def test_no_periods(self) -> None:
        """A trend over no period is refused."""
        with pytest.raises(AssuranceError, match=r"^trend_periods: expected at least one period"):
            report_input(
                key_indicator=KeyIndicator.RE_REFERRALS, trend_periods=(), case_histories=()
            )

    def test_not_a_tuple(self) -> None:
        """A field of records must hold records; a wrong item is named by its index."""
        with pytest.raises(
            AssuranceError,
            match=r"^case_histories: expected a tuple, each item a CaseHistory, or None; got ",
        ):
            report_input(case_histories="K-1")
        with pytest.raises(AssuranceError, match=r"^bank_holidays\[0\]: expected a date, got"):
            report_input(bank_holidays=[dt.datetime(2022, 1, 3, 9, 0)])

    def test_a_criterion_judged_in_no_audit(self) -> None:
        """A criterion no audit of the period judged has no share: refused with its path."""
        with pytest.raises(
            AssuranceError, match=r"^audit_criteria\[0\]\.code: expected a criterion judged"
        ):
            report_input(audit_criteria=(Criterion("oversight", "Oversight is evident"),))

    def test_a_criterion_twice(self) -> None:
        """Each criterion is shown once."""
        with pytest.raises(
            AssuranceError, match=r"^audit_criteria\[1\]\.code: expected each criterion once"
        ):
            report_input(audit_criteria=(TOOL.criteria[0], TOOL.criteria[0]))

    def test_unknown_basis_and_indicator(self) -> None:
        """The public function names the valid choices for a basis or indicator."""
        with pytest.raises(AssuranceError, match=r"^basis: expected one of 'plan_category'"):
            build_assurance_report(period(), survey=SURVEY, neglect_basis="n1")
        with pytest.raises(AssuranceError, match=r"^indicator: expected one of 're_referrals'"):
            build_assurance_report(period(), survey=SURVEY, key_indicator="rereferrals")


class TestReportInputSections:
    def test_builds_every_section_from_the_input(self) -> None:
        """The input's records reach the report: each section is worked out from them."""
        given_input = report_input(
            neglect_basis=NeglectBasis.EITHER,
            key_indicator=KeyIndicator.ASSESSMENTS_WITHIN_45_WORKING_DAYS,
            trend_periods=["2021-22"],
            case_histories=[],
            bank_holidays=[DAY],
            moderation=ModerationSet.from_rows([("P01", "M01", "A1", 2), ("P02", "M01", "A1", 3)]),
            audit_criteria=[TOOL.criteria[1]],
        )
        report = given_input.build()
        assert report.neglect is not None
        assert report.indicator_trend is not None
        assert report.moderation is not None
        assert report.criteria is not None
        assert ("assessment",) == tuple(figure.criterion.code for figure in report.criteria)
        assert given_input == from_json(ReportInput, to_json(given_input))


class TestAlignment:
    def test_words_align_left_and_figures_right(self) -> None:
        """Owner and due date are words (left); counts are figures (right), in both renderings."""
        example = runpy.run_path(str(EXAMPLE), run_name="assurance_example")
        report = example["build_report"]()
        page = render_html(report)
        assert '<td class="text">Police</td><td class="text">31 March 2022</td>' in page
        assert "<td>14</td>" in page
        markdown = render_markdown(report)
        assert "| Action | Owner | Due | Status | Overdue |\n| --- | --- | --- | --- | --- |" in (
            markdown
        )
        assert "| Period | Re-referred within 12 months | Others | All referrals | Share |\n" in (
            markdown
        )
        assert "\n| --- | ---: | ---: | ---: | ---: |\n| 2021-22 Q1 |" in markdown

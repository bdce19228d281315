"""Tests for neglect_protocol.assurance and examples/assurance_report.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import runpy
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from neglect_protocol.assurance import (
    AssuranceReport,
    PeriodRecords,
    build_assurance_report,
    render_html,
    render_markdown,
    write_assurance_report,
)
from neglect_protocol.audit import OFSTED_FOUR_POINT, AuditComment, CaseFileAudit
from neglect_protocol.disclosure import DFE, Base, DisclosedTable, Suppression
from neglect_protocol.errors import AssuranceError, StatisticsError, SuppressedValueError
from neglect_protocol.indicators import (
    CensusAgeBand,
    Cohort,
    CohortRecord,
    Dimension,
    GCP2Completion,
    ImplementationMeasures,
    PrimaryNeed,
)
from neglect_protocol.stats import Proportion
from neglect_protocol.strategies import clustered_cohorts
from neglect_protocol.survey import Question, Survey, SurveyResponse

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "assurance_report.py"


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    """The example script's namespace, loaded without running ``main``."""
    return runpy.run_path(str(EXAMPLE), run_name="assurance_example")


@pytest.fixture(scope="module")
def report(example: dict[str, Any]) -> AssuranceReport:
    built: AssuranceReport = example["build_report"]()
    return built


def headline_section(markdown: str) -> list[str]:
    section = markdown.split("## Headlines\n\n", 1)[1].split("\n\n", 1)[0]
    return [line.removeprefix("- ") for line in section.splitlines()]


CEILING = re.compile(r", (within|above) the ceiling of [\d.]+%|\b\d+% interval")


def percentages(text: str) -> list[Decimal]:
    """The percentages in a headline, leaving out the ceiling (a target, not a finding) and
    an interval's confidence level."""
    return [Decimal(figure) for figure in re.findall(r"(\d+(?:\.\d+)?)%", CEILING.sub("", text))]


class TestExampleRuns:
    def test_writes_both_files(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The example writes the Markdown and HTML report to the directory it is given."""
        monkeypatch.setattr(sys, "argv", [str(EXAMPLE), str(tmp_path / "out")])
        runpy.run_path(str(EXAMPLE), run_name="__main__")
        markdown = (tmp_path / "out" / "assurance_report.md").read_text(encoding="utf-8")
        page = (tmp_path / "out" / "assurance_report.html").read_text(encoding="utf-8")
        assert markdown.startswith("# Neglect: annual assurance report\n")
        assert page.startswith("<!DOCTYPE html>\n")
        assert "Wrote" in capsys.readouterr().out

    def test_default_directory(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: dict[str, Any]
    ) -> None:
        """Without an argument, the example writes to ``output/`` beside itself."""
        monkeypatch.setitem(example["main"].__globals__, "HERE", tmp_path)
        example["main"]([str(EXAMPLE)])
        assert (tmp_path / "output" / "assurance_report.html").is_file()


class TestExampleReproducesTheScrutinyReport:
    """The figures of the June 2022 scrutiny report (paragraphs 5, 8-11 and 14)."""

    def test_training_figures(self, report: AssuranceReport) -> None:
        """Para 5: over 30 champions, over 1200 at awareness training, over 600 trained."""
        measures = report.implementation
        assert measures.champions_trained > 30
        assert measures.awareness_attendance > 1200
        assert measures.practitioners_trained > 600

    def test_audit_figures(self, report: AssuranceReport) -> None:
        """Para 8-10: two thirds outstanding or good; 50/62 and 53/63 positive; four fifths."""
        audits = report.audits
        assert audits is not None
        assert Fraction(2, 3) == audits.grades.good_or_better_share.share
        assert "50 of 62 positive" == str(audits.themes["engaging children"])
        assert "53 of 63 positive" == str(audits.themes["identifying worries"])
        assert Fraction(4, 5) == audits.themes["wishes and feelings"].positive_share.share

    def test_survey_figures(self, report: AssuranceReport) -> None:
        """Para 11: 77%, 55%, 68% and 86%, each exact."""
        shares = {code: metric.share for code, metric in report.survey_metrics.questions.items()}
        assert {
            "child": Fraction(77, 100),
            "parents": Fraction(55, 100),
            "family": Fraction(68, 100),
            "agencies": Fraction(86, 100),
        } == {code: share.share for code, share in shares.items() if share is not None}

    def test_cohort_figures(self, example: dict[str, Any]) -> None:
        """Para 14: 28% and 34.8% of level-4 children for N1 and N5 (exact); over 41% of children
        in care for N1, the majority of them aged 10 to 15."""
        cohort: Cohort = example["cohort_2022"]()
        needs = cohort.where(level_of_need=4).breakdown(Dimension.PRIMARY_NEED)
        assert Fraction(28, 100) == needs.share(PrimaryNeed.N1).share
        assert Fraction(348, 1000) == needs.share(PrimaryNeed.N5).share
        in_care = cohort.where(looked_after=True)
        neglect = in_care.breakdown(Dimension.PRIMARY_NEED).share(PrimaryNeed.N1)
        assert Fraction(41, 100) < neglect.share < Fraction(42, 100)
        bands = in_care.where(primary_need=PrimaryNeed.N1).breakdown(Dimension.AGE_BAND)
        assert CensusAgeBand.AGED_10_TO_15 is bands.largest()
        assert bands.share(CensusAgeBand.AGED_10_TO_15).share > Fraction(1, 2)


class TestMarkdownHeadlines:
    def test_headline_section_is_the_reports_headlines(self, report: AssuranceReport) -> None:
        """The Markdown's headline section lists the report's headlines, in order."""
        assert [h.text for h in report.headlines] == headline_section(render_markdown(report))

    def test_every_percentage_comes_from_the_counts(self, report: AssuranceReport) -> None:
        """Each percentage in a headline is its phrase's figure, computed from exact counts."""
        lines = headline_section(render_markdown(report))
        for line, headline in zip(lines, report.headlines, strict=True):
            expected = [phrase.proportion.percent(phrase.ndigits) for phrase in headline.phrases]
            assert expected == percentages(line)

    def test_headline_figures_match_the_summaries(self, report: AssuranceReport) -> None:
        """The figures in the Markdown are the summaries' own: audits, comments, survey, cohort."""
        lines = headline_section(render_markdown(report))
        audits = report.audits
        assert audits is not None
        questions = report.survey_metrics.questions
        survey = [questions[code].share for code in ("child", "parents", "family", "agencies")]
        assert [
            audits.grades.good_or_better_share.percent(),
            audits.grades.inadequate_share.percent(),
        ] == (percentages(lines[1]))
        assert [[t.positive_share.percent()] for t in audits.themes.values()] == [
            percentages(line) for line in lines[2:5]
        ]
        assert [[share.percent()] for share in survey if share is not None] == [
            percentages(line) for line in lines[5:9]
        ]

    def test_headlines_reproduce_the_scrutiny_report(self, report: AssuranceReport) -> None:
        """The Markdown headlines read as the June 2022 report does, from the same counts."""
        lines = headline_section(render_markdown(report))
        assert lines[0].startswith("32 champions trained in the GCP2, 1,236 people at awareness")
        assert "20 of the 30 case files audited (two thirds, 67%)" in lines[1]
        assert "50 of 62 positive" in lines[2]
        assert "53 of 63 positive" in lines[3]
        assert "(four fifths, 80%)" in lines[4]
        assert [Decimal("77"), Decimal("55"), Decimal("68"), Decimal("86")] == [
            percentages(line)[0] for line in lines[5:9]
        ]
        assert [Decimal("28.0"), Decimal("34.8")] == percentages(lines[9])
        assert [Decimal("41.3"), Decimal("58.1")] == percentages(lines[10])
        assert "most of them, 18 (just under three fifths, 58.1%), are aged 10 to 15" in lines[10]

    def test_phrases_never_overstate(self, report: AssuranceReport) -> None:
        """Every headline phrase rests on counts whose share bears it out (reporting rules)."""
        for headline in report.headlines:
            for phrase in headline.phrases:
                if phrase.reference is None:
                    continue
                share = phrase.proportion.share
                if phrase.words.lower().startswith(("over", "just over")):
                    assert share > phrase.reference
                elif phrase.words.lower().startswith("just under"):
                    assert share < phrase.reference


class TestHtml:
    def test_standalone_page(self, report: AssuranceReport) -> None:
        """The HTML page needs no other file: no scripts, links, images or remote URLs."""
        page = render_html(report)
        assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert page.rstrip().endswith("</html>")
        for forbidden in ("<script", "<link", "<img", "src=", "http://", "https://", "@import"):
            assert forbidden not in page
        assert "<style>" in page
        assert "<h2>Headlines</h2>" in page

    def test_says_what_the_markdown_says(self, report: AssuranceReport) -> None:
        """Each headline appears in the HTML too, escaped."""
        page = render_html(report)
        for headline in report.headlines:
            assert headline.text.replace("'", "&#x27;") in page


DAY = dt.date(2022, 1, 10)
SURVEY = Survey(
    "Invented",
    (Question("q1", "Was it <useful> & clear?"), Question("q2", "Invented second?")),
    ("family",),
)


def period(**changes: Any) -> PeriodRecords:
    fields: dict[str, Any] = {
        "label": "2021-22",
        "audits": [
            CaseFileAudit(
                "F-1",
                "<b>North & South</b>",
                DAY,
                OFSTED_FOUR_POINT["good"],
                (AuditComment("voice|heard_*", "positive"),),
            )
        ],
        "responses": [SurveyResponse("R-1", "family", {"q1": "yes"})],
        "cohort": Cohort(
            (
                CohortRecord("C-1", "N1", "5 to 9", 4, True),
                CohortRecord("C-2", "N5", "10 to 15", 4, True),
                CohortRecord("C-3", "N5", "1 to 4", 4),
            )
        ),
        "implementation": ImplementationMeasures(
            1, 2, 3, (GCP2Completion("W-1", "health", 4, "5 to 9"),)
        ),
    }
    fields.update(changes)
    return PeriodRecords(**fields)


class TestSmallAndEmptyPeriods:
    def test_escaping(self) -> None:
        """Team names, themes and question wording are escaped in both renderings."""
        report = build_assurance_report(period(), survey=SURVEY)
        page = render_html(report)
        assert "&lt;b&gt;North &amp; South&lt;/b&gt;" in page
        assert "<b>North" not in page
        assert "Was it &lt;useful&gt; &amp; clear?" in page
        markdown = render_markdown(report)
        assert "\\<b\\>North \\& South\\</b\\>" in markdown
        assert "voice\\|heard\\_\\*" in markdown

    def test_markdown_cannot_be_broken_by_partnership_data(self) -> None:
        """Review finding 13: a line break in a theme cannot end a table row or add one, and
        entities, strikethrough and image marks are escaped; HTML stays escaped too."""
        theme = "engaging | children\n| injected | row |"
        question = Question("q1", "Did it help? &amp; ~~no~~ ![x](y)", finding="it helped")
        audits = [
            CaseFileAudit(
                f"F-{n}",
                "North",
                DAY,
                OFSTED_FOUR_POINT["good"],
                (AuditComment(theme, "positive", text="Invented secret"),),
            )
            for n in range(3)
        ]
        report = build_assurance_report(
            period(audits=audits), survey=Survey("Invented", (question,), ("family",))
        )
        markdown = render_markdown(report)
        rows = [line for line in markdown.splitlines() if "injected" in line]
        assert all(not line.startswith("| injected") for line in markdown.splitlines())
        assert "| engaging \\| children \\| injected \\| row \\| | 3 | 0 | 3 |" in rows
        assert "Did it help? \\&amp; \\~\\~no\\~\\~ \\!\\[x\\](y)" in markdown
        assert "Invented secret" not in markdown + render_html(report) + repr(report)

    def test_singular_and_period_wording(self) -> None:
        """Review findings 6 and 14: "1 was graded", and practitioners who "did not complete
        one in" the period, not "have not yet" (the measure counts the period only)."""
        audits = [
            CaseFileAudit(
                f"F-{n}", "North", DAY, OFSTED_FOUR_POINT["inadequate" if n == 0 else "good"]
            )
            for n in range(40)
        ]
        report = build_assurance_report(period(audits=audits), survey=SURVEY)
        assert "; 1 (under one in ten, 3%) was graded inadequate." in report.headlines[1].text
        assert report.headlines[0].text.endswith(
            "1 GCP2 was completed by 1 practitioner: 2 of the 3 practitioners trained (67%) did "
            "not complete one in 2021-22."
        )

    def test_small_counts_are_withheld_from_headlines(self) -> None:
        """Cohort figures the tables hide are not phrased, nor given as counts."""
        report = build_assurance_report(period(), survey=SURVEY, policy=DFE)
        cohort = [h.text for h in report.headlines if h.topic == "Children known to services"]
        assert [
            "The number of children known at level 4 is not published (small numbers, DfE "
            "disclosure control).",
            "The number of children in care is not published (small numbers, DfE disclosure "
            "control).",
        ] == cohort
        assert all(
            not h.phrases for h in report.headlines if h.topic == "Children known to services"
        )

    def test_largest_group_is_not_called_most(self) -> None:
        """ "Most" is used only for a majority; otherwise the largest group is named as such."""
        records = [
            CohortRecord(
                f"C-{n}",
                "N1",
                "5 to 9" if n < 7 else ("10 to 15" if n < 13 else "16 and over"),
                4,
                True,
            )
            for n in range(19)
        ]
        report = build_assurance_report(period(cohort=Cohort(tuple(records))), survey=SURVEY)
        text = report.headlines[-1].text
        assert "; the largest group of them, 7 (" in text
        assert "is aged 5 to 9." in text

    def test_children_in_care_none_for_neglect(self) -> None:
        """With no child in care known for neglect, no age band is claimed for them."""
        records = [CohortRecord(f"C-{n}", "N5", "5 to 9", 4, True) for n in range(12)]
        report = build_assurance_report(period(cohort=Cohort(tuple(records))), survey=SURVEY)
        assert (
            "Of the 12 children in care, 0 (0.0%) are known because of abuse or neglect."
            == report.headlines[-1].text
        )

    def test_no_previous_period(self) -> None:
        """Without an earlier period the report says so and shows no change."""
        markdown = render_markdown(build_assurance_report(period(), survey=SURVEY))
        assert "Period: 2021-22. No earlier period compared." in markdown
        assert "## Change\n\nNo shares could be compared with an earlier period." in markdown
        assert "| Change |" not in markdown

    def test_empty_period(self) -> None:
        """No audits, responses, children or completions: each part says so plainly."""
        empty = period(
            audits=[],
            responses=[],
            cohort=Cohort(()),
            implementation=ImplementationMeasures(0, 0, 0),
        )
        report = build_assurance_report(empty, survey=SURVEY, previous=period(label="2020-21"))
        texts = [h.text for h in report.headlines]
        assert "No case files were audited in the period." in texts
        assert "No responses were received." in texts
        assert "No children were recorded at level 4." in texts
        assert texts[0].endswith("and 0 practitioners trained to use the tool.")
        assert report.audits is None
        assert () == report.tables
        markdown = render_markdown(report)
        assert "No case files were audited in the period." in markdown
        assert "No children were recorded in the cohort." in markdown
        assert "| GCP2s completed | 1 | 0 |" in markdown

    def test_nobody_answered_a_question(self) -> None:
        """A question nobody answered is reported as such, with no share."""
        report = build_assurance_report(period(), survey=SURVEY)
        assert "Nobody answered “Invented second?”." in [h.text for h in report.headlines]
        assert "1 of the 1 who answered (100%) answered “Was it <useful> & clear?” positively." in [
            h.text for h in report.headlines
        ]

    def test_change_with_previous_period(self) -> None:
        """With an earlier period, changes appear with Newcombe intervals in points."""
        previous = period(
            label="2020-21",
            audits=[CaseFileAudit("F-0", "East", DAY, OFSTED_FOUR_POINT["inadequate"])],
            responses=[SurveyResponse("R-0", "family", {"q1": "no"})],
        )
        report = build_assurance_report(period(), survey=SURVEY, previous=previous)
        measures = [line.measure for line in report.changes]
        assert [
            "Files graded good or better",
            "Files graded inadequate",
            "Survey: Was it <useful> & clear?",
        ] == measures
        markdown = render_markdown(report)
        assert "## Change since 2020-21" in markdown
        assert "| Files graded good or better | 0.0% | 100.0% | +100.0 points |" in markdown

    def test_ceiling_breached(self) -> None:
        """The inadequate share is reported against the ceiling, above it when breached."""
        audits = [
            CaseFileAudit(
                f"F-{n}", "North", DAY, OFSTED_FOUR_POINT["inadequate" if n < 2 else "good"]
            )
            for n in range(8)
        ]
        report = build_assurance_report(
            period(audits=audits), survey=SURVEY, inadequate_ceiling=Fraction(15, 200)
        )
        assert (
            "; 2 (25%) were graded inadequate, above the ceiling of 7.5%."
            in report.headlines[1].text
        )

    def test_period_label_required(self) -> None:
        """A period needs a label."""
        with pytest.raises(AssuranceError, match=r"^label:\ expected\ non\-empty\ text,\ got\ ''"):
            period(label="")

    def test_write_creates_the_directory(self, tmp_path: Path) -> None:
        """Writing creates the directory and names the files by the stem."""
        report = build_assurance_report(period(), survey=SURVEY)
        markdown, page = write_assurance_report(report, tmp_path / "a" / "b", stem="board")
        assert (tmp_path / "a" / "b" / "board.md", tmp_path / "a" / "b" / "board.html") == (
            markdown,
            page,
        )
        assert render_markdown(report) == markdown.read_text(encoding="utf-8")
        assert render_html(report) == page.read_text(encoding="utf-8")

    def test_cohort_shares_in_tables(self) -> None:
        """Cohort tables give each row's share of the total from unrounded counts, or ``c``."""
        records = [CohortRecord(f"C-{n}", "N1" if n < 7 else "N5", "5 to 9", 4) for n in range(20)]
        report = build_assurance_report(period(cohort=Cohort(tuple(records))), survey=SURVEY)
        table = next(t for t in report.tables if t.section == "cohort")
        assert "35.0%" == table.row_shares[1]
        assert "65.0%" == table.row_shares[5]
        assert Proportion(7, 20).percent(1) == Decimal("35.0")


class TestBenchmarkSmoke:
    def test_metrics_benchmark_runs(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The metrics benchmark runs end to end on a small count (figures not asserted)."""
        script = ROOT / "benchmarks" / "bench_metrics.py"
        monkeypatch.setattr(sys, "argv", [str(script), "--count", "200", "--repeat", "1"])
        runpy.run_path(str(script), run_name="__main__")
        out = capsys.readouterr().out
        assert "ratio summarise_audits/baseline" in out
        assert "ratio survey_metrics/baseline" in out
        assert "ratio apply_disclosure/primary only" in out


def children(need: str, band: str, count: int, *, in_care: bool = False) -> list[CohortRecord]:
    """Invented children at level 4 with one primary need and age band."""
    return [
        CohortRecord(f"C-{need}-{band}-{in_care}-{n}", need, band, 4, in_care) for n in range(count)
    ]


def cohort_period(records: list[CohortRecord], **changes: Any) -> PeriodRecords:
    """A period with a cohort alone: no audits, responses or completions."""
    return period(
        audits=[],
        responses=[],
        cohort=Cohort(tuple(records)),
        implementation=ImplementationMeasures(0, 0, 0),
        **changes,
    )


def cohort_report(
    records: list[CohortRecord], *, previous: PeriodRecords | None = None
) -> AssuranceReport:
    """A report on a cohort alone, compared with ``previous`` if given."""
    return build_assurance_report(cohort_period(records), survey=SURVEY, previous=previous)


def table_titled(report: AssuranceReport, start: str) -> DisclosedTable:
    return next(table.table for table in report.tables if table.title.startswith(start))


class TestHeadlinesNeverUndoTheTables:
    """Review finding 2: every count, total and share a cohort headline gives is one its
    table shows."""

    def test_a_need_total_hidden_as_secondary_is_withheld(self) -> None:
        """The table hides N1's total of 9 to protect small cells; the headline gave it,
        and with it the 4 children of low income (N7). Now it withholds it."""
        report = cohort_report(
            children("N0", "16 and over", 12)
            + children("N1", "unborn", 1)
            + children("N1", "under 1", 1)
            + children("N1", "16 and over", 7)
            + children("N7", "5 to 9", 4)
        )
        table = table_titled(report, "Children at level 4")
        assert Suppression.SECONDARY is table.row_totals[1].suppression
        assert (
            "Of the 25 children known at level 4, the number known because of abuse or neglect "
            "(N1) is not published (small numbers, DfE disclosure control); 0 (0.0%) are known "
            "because of family dysfunction (N5)." == report.headlines[-1].text
        )

    def test_a_hidden_total_is_not_given_nor_a_childs_age(self) -> None:
        """Three children in care: the table hides the total, so the headline gives neither
        it nor the age band of the one child in care for neglect."""
        report = cohort_report(
            children("N5", "1 to 4", 40)
            + children("N1", "10 to 15", 1, in_care=True)
            + children("N5", "5 to 9", 2, in_care=True)
        )
        assert (
            "The number of children in care is not published (small numbers, DfE disclosure "
            "control)." == report.headlines[-1].text
        )

    def test_a_tie_for_the_largest_group_is_named(self) -> None:
        """Review finding 6: two bands of 10 are both named, never one of them as "the"
        largest group."""
        report = cohort_report(
            children("N1", "5 to 9", 10, in_care=True)
            + children("N1", "10 to 15", 10, in_care=True)
            + children("N5", "1 to 4", 30, in_care=True)
        )
        assert report.headlines[-1].text.endswith(
            "; the largest groups of them, 10 each (50.0%), are aged 5 to 9 and 10 to 15."
        )

    def test_a_three_way_tie(self) -> None:
        """Three bands tied are listed in order."""
        report = cohort_report(
            children("N1", "1 to 4", 10, in_care=True)
            + children("N1", "5 to 9", 10, in_care=True)
            + children("N1", "10 to 15", 10, in_care=True)
        )
        assert report.headlines[-1].text.endswith("are aged 1 to 4, 5 to 9 and 10 to 15.")

    def test_the_largest_group_needs_the_whole_row(self) -> None:
        """A largest group that is not a majority is compared with every band, so it is named
        only when the whole row is shown; here a 3 is hidden, so the clause is left out."""
        report = cohort_report(
            children("N1", "5 to 9", 9, in_care=True)
            + children("N1", "10 to 15", 8, in_care=True)
            + children("N1", "16 and over", 3, in_care=True)
            + children("N5", "16 and over", 20, in_care=True)
        )
        assert (
            "Of the 40 children in care, 20 (half, 50.0%) are known because of abuse or neglect."
            == report.headlines[-1].text
        )

    def test_most_of_them_needs_only_the_band_and_the_total(self) -> None:
        """A majority is the largest group whatever the hidden cells hold."""
        report = cohort_report(
            children("N1", "5 to 9", 14, in_care=True)
            + children("N1", "16 and over", 3, in_care=True)
            + children("N1", "1 to 4", 7, in_care=True)
            + children("N5", "1 to 4", 20, in_care=True)
            + children("N5", "16 and over", 20, in_care=True)
        )
        table = table_titled(report, "Children in care")
        assert ("c", "14", "c") == tuple(table.shown()[1][i] for i in (2, 3, 5))
        assert report.headlines[-1].text.endswith("; most of them, 14 (58.3%), are aged 5 to 9.")

    def test_unborn_children_are_never_in_care(self) -> None:
        """The records refuse an unborn child in care (Children Act 1989 s.22(1)), so the
        in-care headline never has unborn children to name."""
        with pytest.raises(AssuranceError, match="looked_after: expected an unborn child not"):
            children("N1", "unborn", 1, in_care=True)

    def test_unborn_in_care_is_not_applicable(self) -> None:
        """Review finding 11: an unborn child cannot be in care, so the in-care table shows
        the unborn column as "z", and the notes say what it means."""
        report = cohort_report(children("N1", "5 to 9", 20, in_care=True))
        table = table_titled(report, "Children in care")
        assert ["z"] * 11 == [row[0] for row in table.shown()]
        assert "“z” one that cannot exist" in render_markdown(report)

    def test_cohort_shares_are_compared_when_both_periods_show_them(self) -> None:
        """Review finding 8: the N1 and N5 shares at the level are compared with the previous
        period, but only where both periods' tables show them: a share hidden last year is
        not published through the change table."""
        now = children("N1", "5 to 9", 20) + children("N5", "5 to 9", 20)

        def measures(before: list[CohortRecord]) -> dict[str, tuple[Proportion, Proportion]]:
            report = cohort_report(now, previous=cohort_period(before, label="2020-21"))
            return {
                line.measure: (line.change.current, line.change.previous) for line in report.changes
            }

        shown = measures(children("N1", "1 to 4", 10) + children("N5", "1 to 4", 30))
        assert {
            "Children at level 4 known because of abuse or neglect (N1)": (
                Proportion(20, 40),
                Proportion(10, 40),
            ),
            "Children at level 4 known because of family dysfunction (N5)": (
                Proportion(20, 40),
                Proportion(30, 40),
            ),
        } == shown
        assert {} == measures(children("N1", "1 to 4", 3) + children("N5", "1 to 4", 27))
        assert {} == measures([])
        markdown = render_markdown(
            build_assurance_report(
                period(cohort=Cohort(tuple(now))),
                survey=SURVEY,
                previous=period(
                    label="2020-21",
                    cohort=Cohort(
                        tuple(children("N1", "1 to 4", 10) + children("N5", "1 to 4", 30))
                    ),
                ),
            )
        )
        assert (
            "| Children at level 4 known because of abuse or neglect (N1) | 25.0% | 50.0% | "
            "+25.0 points |" in markdown
        )

    @given(clustered_cohorts())
    def test_headlines_publish_only_what_the_tables_show(self, cohort: Cohort) -> None:
        """Rule: the report never publishes a count, share or total that any of its tables
        hides. Every number in a cohort headline is a count its table shows; each total
        and need total named is the visible cell itself, and a hidden one is withheld in
        words; every share phrased is of a visible cell over a visible base; "most of
        them" rests on a visible band and total, and "the largest group" on a whole row
        shown."""
        report = cohort_report(list(cohort.records))
        cohort_lines = [h for h in report.headlines if h.topic == "Children known to services"]
        pairs = [(cohort_lines[0], "Children at level 4", "known at level 4")]
        if any(record.looked_after for record in cohort.records):
            pairs.append((cohort_lines[1], "Children in care", "in care"))
        for headline, title, where in pairs:
            if not cohort.records:
                continue
            table = table_titled(report, title)
            _check_headline(headline, table, where)


BAND_WORDS = re.compile(
    r"aged [\w ,]*?(?=\.|$)|level \d+|\(N\d\)|\d+(?:\.\d+)?%|<\d+(?:\.\d+)?%|>\d+(?:\.\d+)?%"
)


def _check_headline(headline: Any, table: DisclosedTable, where: str) -> None:
    """Check one cohort headline against the published table it draws on."""
    text = headline.text
    grid = table.grid()
    visible = [
        (i, j) for i, row in enumerate(grid) for j, cell in enumerate(row) if not cell.is_suppressed
    ]
    counts = {grid[i][j].count for i, j in visible}
    # Every number in the text, once labels and percentages are set aside, is a count shown.
    numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", BAND_WORDS.sub("", text))]
    assert set(numbers) <= counts, (text, table.shown())
    # The total is the grand total shown, or withheld in words.
    if table.grand_total.is_suppressed:
        assert text.startswith("The number of children")
        assert "not published" in text
        assert () == headline.phrases
        return
    assert text.startswith(f"Of the {table.grand_total.count:,} child")
    # Each need named is its row total shown, or withheld in words.
    width = len(table.column_labels)
    for need in ("N1", "N5") if "level" in where else ("N1",):
        row = [label.split()[0] for label in table.row_labels].index(need)
        words = PrimaryNeed(need).description
        total = table.row_totals[row]
        if total.is_suppressed:
            assert f"the number known because of {words}" in text
        else:
            assert re.search(
                rf"(^|, |; |further ){total.count:,} \([^)]*\) (are |is )?(known )?because of {words}",
                text,
            ), text
    # Every share phrased is of a visible cell over a visible base.
    shares = set()
    bases: tuple[Base, ...] = ("row", "column", "table")
    for i, j in visible:
        for base in bases:
            with contextlib.suppress(SuppressedValueError, StatisticsError, StatisticsError):
                shares.add(table.proportion(i, j, of=base))
    assert all(phrase.proportion in shares for phrase in headline.phrases), text
    # A claim about age bands rests on what is shown.
    n1 = [label.split()[0] for label in table.row_labels].index("N1")
    if "most of them" in text:
        band = int(re.search(r"most of them, ([\d,]+)", text)[1].replace(",", ""))  # type: ignore[index]
        assert not table.row_totals[n1].is_suppressed
        assert any(not c.is_suppressed and c.count == band for c in table.cells[n1])
        assert 2 * band > table.row_totals[n1].count
    if "largest group" in text:
        assert not any(cell.is_suppressed for cell in table.cells[n1])
    assert width == len(table.column_labels)


class TestExampleDataset:
    """The example's neglect cuts, quarterly trend, moderation and action plan (issue 12, part 6)."""

    def test_neglect_on_factor_16a(self, report: AssuranceReport) -> None:
        """ "Due to neglect" is stated on factor 16A and gives the report's 28% and over 41% (para 14)."""
        cut = report.neglect
        assert cut is not None
        assert cut.in_care is not None
        assert (70, 250, 0) == (
            cut.at_level.neglect,
            cut.at_level.recorded,
            cut.at_level.unrecorded,
        )
        assert (31, 75) == (cut.in_care.neglect, cut.in_care.recorded)
        lines = headline_section(render_markdown(report))
        assert (
            "Due to neglect, where neglect (16A) was a factor identified at the end of "
            "assessment: 70 of the 250 children at level 4 (over a quarter, 28.0%); 31 of the "
            "75 children in care (just over two fifths, 41.3%)." in lines
        )

    def test_assessments_over_two_thirds(self, report: AssuranceReport) -> None:
        """Para 9: "over two thirds of interventions are based on good quality assessments"."""
        assert report.criteria is not None
        first = report.criteria[0]
        assert "assessment" == first.criterion.code
        assert (21, 30) == (first.share.positive, first.share.total)
        lines = headline_section(render_markdown(report))
        assert any(
            "“The intervention is based on a good quality assessment” in 21 of 30 "
            "(over two thirds, 70%)" in line
            for line in lines
        )

    def test_quarterly_trend(self, report: AssuranceReport) -> None:
        """Re-referrals are counted quarter by quarter as the invented counts say."""
        shown = report.indicator_trend
        assert shown is not None
        assert [(8, 40), (9, 45), (11, 50), (7, 48)] == [
            (value.positive, value.total) for value in shown.trend.values if value is not None
        ]
        assert shown.change is not None
        assert (Proportion(7, 48), Proportion(11, 50)) == (
            shown.change.current,
            shown.change.previous,
        )
        assert not shown.change.is_clear
        assert "a change chance alone could explain" in render_markdown(report)

    def test_moderation(self, report: AssuranceReport) -> None:
        """Three raters, four cases, three sub-areas; C1 is graded least alike."""
        summary = report.moderation
        assert summary is not None
        assert ("A1", "B1", "C1") == tuple(summary.by_sub_area)
        assert "C1" == summary.most_disagreement[0]
        assert 12 == summary.overall.alpha.units
        assert "graded least alike: sub-area C1." in render_markdown(report)

    def test_action_plan_section(self, report: AssuranceReport) -> None:
        """The example measures its plan on the committee's day: 7 of 14 complete, 2 overdue."""
        assert report.action_plan is not None
        overall = report.action_plan.overall
        assert (14, 7, 2, 3) == (
            overall.total,
            len(overall.complete),
            len(overall.overdue),
            len(overall.concerns),
        )
        assert 7 == len(report.action_plan.recommendations)
        markdown = render_markdown(report)
        assert "| All recommendations | 14 | 1 | 3 | 2 | 1 | 7 | 2 |" in markdown
        assert "Invented: the work plan" not in markdown

    def test_main_prints_only_the_files_written(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: dict[str, Any]
    ) -> None:
        """The dataset figures are in the report now, so running the example names its files."""
        example["main"]([str(EXAMPLE), str(tmp_path)])
        printed = capsys.readouterr().out.splitlines()
        assert [
            f"Wrote {tmp_path / 'assurance_report.md'}",
            f"Wrote {tmp_path / 'assurance_report.html'}",
        ] == printed

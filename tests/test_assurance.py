"""Tests for neglect_protocol.assurance and examples/assurance_report.py."""

from __future__ import annotations

import datetime as dt
import re
import runpy
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from neglect_protocol.assurance import (
    AssuranceReport,
    PeriodRecords,
    build_assurance_report,
    render_html,
    render_markdown,
    write_assurance_report,
)
from neglect_protocol.audit import OFSTED_FOUR_POINT, AuditComment, CaseFileAudit
from neglect_protocol.disclosure import DFE
from neglect_protocol.errors import AuditError
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


CEILING = re.compile(r", (within|above) the ceiling of [\d.]+%")


def percentages(text: str) -> list[Decimal]:
    """The percentages in a headline, leaving out the ceiling (a target, not a finding)."""
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
        assert Fraction(2, 3) == audits.grades.good_or_better.share
        assert "50 of 62 positive" == str(audits.themes["engaging children"])
        assert "53 of 63 positive" == str(audits.themes["identifying worries"])
        assert Fraction(4, 5) == audits.themes["wishes and feelings"].positive_share.share

    def test_survey_figures(self, report: AssuranceReport) -> None:
        """Para 11: 77%, 55%, 68% and 86%, each exact."""
        shares = {code: metric.positive for code, metric in report.survey_metrics.questions.items()}
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
        survey = [questions[code].positive for code in ("child", "parents", "family", "agencies")]
        assert [audits.grades.good_or_better.percent(), audits.grades.inadequate.percent()] == (
            percentages(lines[1])
        )
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
        assert "\\<b\\>North & South\\</b\\>" in markdown
        assert "voice\\|heard\\_\\*" in markdown

    def test_small_counts_are_withheld_from_headlines(self) -> None:
        """Cohort figures the policy would hide are not phrased, nor given as counts."""
        report = build_assurance_report(period(), survey=SURVEY, policy=DFE)
        cohort = [h.text for h in report.headlines if h.topic == "Children known to services"]
        assert (
            "Of the 3 children known at level 4, a number not published (small numbers, DfE "
            "disclosure control) are known because of abuse or neglect (N1), and a further a "
            "number not published (small numbers, DfE disclosure control) because of family "
            "dysfunction (N5)." == cohort[0]
        )
        assert "most of them, a number not published" in cohort[1]
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
        assert "| Files graded good or better | 0% | 100% | +100 points |" in markdown

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
        with pytest.raises(AuditError, match=r"^label:\ expected\ non\-empty\ text,\ got\ ''"):
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

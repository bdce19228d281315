"""Plain rows for DataFrames, and notebook views (issue 5, part 5)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import attrs
import pandas
import polars
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import (
    GCP2,
    GCP2A,
    Assessment,
    Catalogue,
    ChildRef,
    Grade,
    ObservationWindow,
    Profile,
    Rating,
    score,
)
from neglect_protocol.assurance import ReportInput
from neglect_protocol.audit import summarise_audits
from neglect_protocol.chronology import Chronology, from_assessments, review
from neglect_protocol.disclosure import DFE, apply_disclosure
from neglect_protocol.errors import InvalidArgumentError
from neglect_protocol.escalation import Decision, decide
from neglect_protocol.indicators import (
    Cohort,
    CohortRecord,
    Dimension,
    GCP2Completion,
    ImplementationMeasures,
    completions_breakdown,
)
from neglect_protocol.records import (
    DECISION_KEYS,
    ENTRY_KEYS,
    GRADE_COLOURS,
    OVERALL,
    PROFILE_KEYS,
    RECORD_KINDS,
    assessment_records,
    audit_summary_records,
    breakdown_records,
    cohort_records,
    columns,
    decision_records,
    disclosed_table_records,
    profile_records,
    survey_metrics_records,
    theme_records,
    to_pandas,
    to_polars,
)
from neglect_protocol.serialize import from_json
from neglect_protocol.strategies import (
    assessments_with_evidence,
    catalogues,
    profile_histories,
    profiles,
)
from neglect_protocol.survey import SurveyResponse, survey_metrics

SECRET = "Invented: free text that must stay out of every view"
EXAMPLE_INPUT = Path(__file__).resolve().parent.parent / "examples" / "invented_report_input.json"


def assessment(start: dt.date = dt.date(2024, 2, 5), *ratings: Rating) -> Assessment:
    return Assessment(
        ChildRef("C-<0001>&", date_of_birth=dt.date(2019, 4, 2)),
        ObservationWindow(start, start + dt.timedelta(days=18)),
        ratings or (Rating("A1", 3, evidence=SECRET), Rating("A4", 4), Rating("C", 2)),
        reference="A-1",
    )


class TestRecords:
    def test_long_rows(self) -> None:
        """to_records gives one plain row per area and sub-area, in profile order."""
        rows = score(assessment()).to_records()
        assert 17 == len(rows)
        assert list(PROFILE_KEYS + ENTRY_KEYS) == list(rows[0])
        assert {
            "child": "C-<0001>&",
            "assessment_reference": "A-1",
            "instrument": "GCP2",
            "catalogue": "GCP2",
            "catalogue_version": "structure-1",
            "rule": "worst",
            "window_start": dt.date(2024, 2, 5),
            "window_end": dt.date(2024, 2, 23),
            "code": "A4",
            "name": "Hygiene",
            "level": "sub-area",
            "area": "A",
            "grade": 4,
            "source": "entered",
            "suggested": None,
            "worst_beneath": None,
            "discrepancy": False,
        } == rows[4]
        assert int is type(rows[4]["grade"])
        assert rows == profile_records([score(assessment())])

    def test_wide_rows_share_their_keys(self) -> None:
        """Wide rows: one per profile, the same keys in every row, None where a code is missing."""
        unborn = Assessment(
            ChildRef("C-2", expected_delivery_date=dt.date(2025, 6, 1)),
            ObservationWindow(dt.date(2025, 3, 3), dt.date(2025, 3, 21)),
            (Rating("S1", 2),),
            instrument=GCP2A.instrument,
        )
        rows = profile_records([score(assessment()), score(unborn)], layout="wide")
        assert list(rows[0]) == list(rows[1])
        assert (4, 4, None, 1) == (
            rows[0]["worst_area_grade"],
            rows[0]["A"],
            rows[0]["S1"],
            rows[0]["units_at_4"],
        )
        assert (2, None, 2) == (rows[1]["worst_area_grade"], rows[1]["A"], rows[1]["S1"])
        assert (11, 0) == (rows[0]["ungraded_units"], rows[0]["discrepancies"])

    def test_unknown_layout(self) -> None:
        """A layout other than long or wide raises InvalidArgumentError."""
        with pytest.raises(
            InvalidArgumentError, match=r"^layout: expected 'long' or 'wide', got 'tall'$"
        ):
            profile_records([], layout="tall")  # type: ignore[arg-type]

    def test_a_single_profile_is_refused(self) -> None:
        """One profile passed where a collection is expected is refused, naming the fix."""
        with pytest.raises(
            InvalidArgumentError,
            match=r"^profiles: expected a collection of profiles, got one Profile \(pass \[profile\]\)$",
        ):
            profile_records(score(assessment()))  # type: ignore[arg-type]

    @given(st.lists(profiles(), max_size=4), st.sampled_from(["long", "wide"]))
    def test_pandas_and_polars_accept_the_rows(self, cohort: list[object], layout: str) -> None:
        """Rule: pandas.DataFrame(rows) and polars.DataFrame(rows) accept the rows as they are."""
        rows = profile_records(cohort, layout=layout)  # type: ignore[arg-type]
        assert len(rows) == len(pandas.DataFrame(rows))
        assert len(rows) == polars.DataFrame(rows).height

    def test_a_cohort_in_pandas(self) -> None:
        """A cohort's long rows pivot into the four-area profile per child in pandas."""
        cohort = [
            score(assessment()),
            score(assessment(dt.date(2024, 9, 2), Rating("A", 2), Rating("B", 3))),
        ]
        frame = pandas.DataFrame(profile_records(cohort))
        areas = frame[frame["level"] == "area"].pivot(
            index="window_start", columns="code", values="grade"
        )
        assert [4.0, 2.0] == list(areas["A"])
        assert polars.DataFrame(profile_records(cohort, layout="wide"))["A"].to_list() == [4, 2]


class TestNotebookViews:
    def test_profile_html_is_escaped_and_free_of_free_text(self) -> None:
        """A profile's HTML escapes text, colours grades and never shows evidence."""
        profile = score(assessment())
        page = profile._repr_html_()
        assert "C-&lt;0001&gt;&amp;" in page
        assert "C-<0001>" not in page
        assert "#fc8d59" in page  # grade 4
        assert SECRET not in page
        assert "Worst area grade: 4." in page
        assert SECRET not in repr(profile)

    def test_discrepancy_note(self) -> None:
        """An entry flagged as a discrepancy says so in the HTML view."""
        profile = score(
            assessment(dt.date(2024, 2, 5), Rating("A1", 1), Rating("A", 1), Rating("A4", 4))
        )
        assert "discrepancy: worst beneath is 4" in profile._repr_html_()

    def test_catalogue_repr_and_html(self) -> None:
        """A catalogue's repr is one line of counts; its HTML lists areas and sub-areas escaped."""
        catalogue = attrs.evolve(GCP2, name="Ours <draft>")
        assert (
            "<Catalogue a str of 12 characters version 'structure-1' (GCP2): 4 areas, 13 sub-areas, "
            "0 items>" == repr(catalogue)
        )
        page = catalogue._repr_html_()
        assert "Ours &lt;draft&gt;" in page
        assert "Safety in the carer&#x27;s absence" in page

    @given(catalogues())
    def test_catalogue_html_counts_items(self, catalogue: Catalogue) -> None:
        """Rule: the HTML view of any catalogue names every area and counts its items."""
        page = catalogue._repr_html_()
        assert all(html.escape(area.name) in page for area in catalogue.areas)
        assert f"{len(catalogue.items)} items" in page

    @given(assessments_with_evidence())
    def test_assessment_html_shows_grades_not_text(self, assessment: Assessment) -> None:
        """Rule: an assessment's HTML lists every rated code and no evidence or comment."""
        page = assessment._repr_html_()
        assert f"{len(assessment.ratings)} ratings" in page
        for rating in assessment.ratings:
            assert html.escape(rating.code) in page
            if len(rating.evidence) > 12:
                assert html.escape(rating.evidence) not in page


def chronology_of(child: str = "C-<7>") -> Chronology:
    """An invented child's baseline and review, the review worse in safety."""
    person = ChildRef(child, date_of_birth=dt.date(2016, 5, 10))
    return from_assessments(
        [
            Assessment(
                person,
                ObservationWindow(dt.date(2024, 1, 8), dt.date(2024, 1, 26)),
                (Rating("A1", 3, evidence=SECRET), Rating("A4", 3), Rating("B2", 2)),
            ),
            Assessment(
                person,
                ObservationWindow(dt.date(2024, 9, 2), dt.date(2024, 9, 20)),
                (Rating("A1", 3), Rating("A4", 2), Rating("B2", 3)),
            ),
        ]
    )


def overridden() -> Decision:
    """The review's latest decision, overridden to a lower level with a secret rationale."""
    decision = review(chronology_of()).latest
    return decision.override(
        decision.level.number - 1, rationale=SECRET, by="W-<9>", on=dt.date(2024, 9, 30)
    )


class TestDecisionRecords:
    def test_one_row_per_decision(self) -> None:
        """decision_records gives a plain row per decision: level, review date, rules, override."""
        decision = overridden()
        rows = decision_records([decision.proposed, decision])
        assert list(DECISION_KEYS) == list(rows[0])
        assert {
            "level": decision.proposed.level.number,
            "proposed_level": decision.proposed.level.number,
            "overridden": False,
            "override_by": None,
        } == {key: rows[0][key] for key in ("level", "proposed_level", "overridden", "override_by")}
        assert {
            "child": "C-<7>",
            "window_end": dt.date(2024, 9, 20),
            "level": decision.level.number,
            "level_name": decision.level.name,
            "review_by": decision.review_by,
            "reasons": len(decision.reasons),
            "proposed_level": decision.proposed.level.number,
            "overridden": True,
            "override_by": "W-<9>",
            "override_on": dt.date(2024, 9, 30),
        } == {
            key: rows[1][key]
            for key in (
                "child",
                "window_end",
                "level",
                "level_name",
                "review_by",
                "reasons",
                "proposed_level",
                "overridden",
                "override_by",
                "override_on",
            )
        }
        assert (
            ", ".join(dict.fromkeys(reason.rule for reason in decision.reasons)) == rows[1]["rules"]
        )
        assert SECRET not in str(rows)

    def test_review_and_chronology_rows(self) -> None:
        """A review gives a row per assessment's decision; a chronology its profiles' rows."""
        chronology = chronology_of()
        checked = review(chronology)
        assert decision_records(checked.decisions) == checked.to_records()
        assert [dt.date(2024, 1, 26), dt.date(2024, 9, 20)] == [
            row["window_end"] for row in checked.to_records()
        ]
        assert profile_records(chronology.profiles) == chronology.to_records()
        assert 2 == len(chronology.to_records(layout="wide"))

    @given(profile_histories(max_size=4))
    def test_pandas_and_polars_accept_decision_rows(self, history: tuple[Profile, ...]) -> None:
        """Rule: pandas.DataFrame and polars.DataFrame accept a review's rows as they are."""
        rows = review(Chronology(history)).to_records()
        assert len(history) == len(pandas.DataFrame(rows))
        assert len(history) == polars.DataFrame(rows).height


class TestEscalationViews:
    def test_decision_html(self) -> None:
        """A decision's HTML names the level, reasons and override, escaped, and not the rationale."""
        decision = overridden()
        page = decision._repr_html_()
        assert "child C-&lt;7&gt;" in page
        assert "by W-&lt;9&gt; on 2024-09-30" in page
        assert "rationale recorded" in page
        assert f"Reasons ({len(decision.reasons)})" in page
        assert SECRET not in page
        assert SECRET not in repr(decision)

    def test_decision_without_reasons(self) -> None:
        """A decision no rule fired for says the lowest level applies."""
        profile = score(assessment(dt.date(2024, 2, 5), Rating("A", 1)))
        assert "No rule fired, so the lowest level applies." in decide(profile)._repr_html_()

    def test_chronology_html(self) -> None:
        """A chronology's HTML has a column per assessment and coloured grades."""
        page = chronology_of()._repr_html_()
        assert "Chronology for child C-&lt;7&gt;: 2 assessments" in page
        assert "2024-01-26" in page
        assert "2024-09-20" in page
        assert GRADE_COLOURS[Grade.BORDERLINE] in page
        assert SECRET not in page

    def test_review_html(self) -> None:
        """A review's HTML lists the levels decided and the findings (drift, step-down)."""
        checked = review(chronology_of())
        page = checked._repr_html_()
        assert html.escape(str(checked.drift)) in page
        assert html.escape(f"Time on level: {checked.time_on_level}") in page
        assert "Step-down: none proposed" in page
        assert html.escape(checked.latest.level.name) in page


def example_input() -> ReportInput:
    """The invented report input of the CLI how-to."""
    return from_json(ReportInput, EXAMPLE_INPUT.read_bytes())


class TestMetricRecords:
    def test_audit_rows(self) -> None:
        """An audit summary gives a row for all teams, then one per team, and a row per theme."""
        period = example_input()
        summary = summarise_audits(
            period.current.audits, previous=period.previous.audits if period.previous else None
        )
        rows = summary.to_records()
        assert rows == audit_summary_records(summary)
        assert {
            "team": "all",
            "files": 6,
            "outstanding": 1,
            "good": 3,
            "requires_improvement": 1,
            "inadequate": 1,
            "good_or_better": 4,
            "good_or_better_share": 4 / 6,
            "inadequate_share": 1 / 6,
        } == rows[0]
        assert ["East", "North", "South"] == [row["team"] for row in rows[1:]]
        themes = theme_records(summary)
        assert {
            "theme": "engaging children",
            "positive": 2,
            "negative": 2,
            "total": 4,
            "positive_share": 0.5,
            "change_points": 0.0,
        } == {key: themes[0][key] for key in list(themes[0])[:6]}
        assert themes[0]["change_low"] < 0 < themes[0]["change_high"]

    def test_survey_rows(self) -> None:
        """Survey metrics give a row per question and group, "all" marking all of either."""
        period = example_input()
        metrics = survey_metrics(period.survey, period.current.responses)
        rows = metrics.to_records()
        assert rows == survey_metrics_records(metrics)
        assert [
            ("child", "all"),
            ("child", "family"),
            ("child", "professional"),
            ("agencies", "all"),
            ("agencies", "family"),
            ("agencies", "professional"),
            ("all", "family"),
            ("all", "professional"),
            ("all", "all"),
        ] == [(row["question"], row["group"]) for row in rows]
        assert (6, 8, 0.75) == (rows[0]["positive"], rows[0]["answered"], rows[0]["share"])
        assert rows[0]["interval_low"] < 0.75 < rows[0]["interval_high"]
        assert None is rows[0]["change_points"]

    def test_a_question_nobody_answered(self) -> None:
        """A share with no answers is None in its row, as are its interval and change."""
        period = example_input()
        metrics = survey_metrics(
            period.survey,
            [SurveyResponse("R-1", "family", {"child": "agree"})],
            previous=[SurveyResponse("R-2", "family", {"child": "disagree"})],
        )
        agencies = metrics.to_records()[3]
        assert (None, None, None, None) == (
            agencies["positive"],
            agencies["share"],
            agencies["interval_low"],
            agencies["change_points"],
        )
        assert 100.0 == metrics.to_records()[0]["change_points"]

    def test_cohort_and_breakdown_rows(self) -> None:
        """A cohort gives a row per child; a breakdown a row per category, zeros included."""
        cohort = example_input().current.cohort
        assert {
            "reference": "C-24-001",
            "primary_need": "N1",
            "age_band": "under 1",
            "level_of_need": 4,
            "looked_after": False,
            "plan_category": None,
            "factors": None,
        } == cohort.to_records()[0]
        assert cohort_records(cohort) == cohort.to_records()
        rows = cohort.breakdown(Dimension.PRIMARY_NEED).to_records()
        assert 10 == len(rows)
        assert {
            "dimension": "primary_need",
            "category": "N1",
            "label": "N1 abuse or neglect",
            "count": 6,
            "share": 0.5,
        } == rows[1]
        assert [] == Cohort(()).breakdown(Dimension.LEVEL_OF_NEED).to_records()
        bands = Cohort(()).breakdown(Dimension.AGE_BAND).to_records()
        assert [None] * 6 == [row["share"] for row in bands]

    def test_cohort_rows_keep_the_census_codes(self) -> None:
        """A child's plan category and assessment factors are in its row, nothing lost."""
        record = CohortRecord("C-2", "N1", "1 to 4", 4, plan_category="NEG", factors=["16A", "3B"])
        row = Cohort((record,)).to_records()[0]
        assert ("NEG", "16A,3B") == (row["plan_category"], row["factors"])
        assert list(row) == list(columns("cohort"))

    def test_published_table_rows_hide_counts(self) -> None:
        """A published table's rows hold what is shown, never a suppressed count."""
        table = apply_disclosure(
            [[12, 4], [25, 16]], DFE, row_labels=["N", "S"], column_labels=["A", "B"]
        )
        rows = table.to_records()
        assert rows == disclosed_table_records(table)
        assert {"row": "N", "column": "B", "shown": "c", "suppressed": True} == rows[1]
        assert {"row": "Total", "column": "Total", "shown": "57", "suppressed": False} == rows[-1]
        assert all(set(row) == {"row", "column", "shown", "suppressed"} for row in rows)

    def test_pandas_and_polars_take_every_metric_table(self) -> None:
        """pandas.DataFrame(rows) and polars.DataFrame(rows) accept every kind of metric rows."""
        period = example_input()
        summary = summarise_audits(period.current.audits)
        metrics = survey_metrics(period.survey, period.current.responses)
        table = apply_disclosure([[12, 4], [25, 16]], DFE)
        for rows in (
            summary.to_records(),
            theme_records(summary),
            metrics.to_records(),
            period.current.cohort.to_records(),
            period.current.cohort.breakdown(Dimension.AGE_BAND).to_records(),
            table.to_records(),
        ):
            assert len(rows) == len(pandas.DataFrame(rows))
            assert len(rows) == polars.DataFrame(rows).height


class TestMetricViews:
    def test_reprs_are_one_line_without_free_text(self) -> None:
        """Metric tables print as one line of counts; no comment or answer text appears."""
        period = example_input()
        summary = summarise_audits(period.current.audits)
        metrics = survey_metrics(period.survey, period.current.responses)
        assert (
            "<AuditSummary of 6 files on a str of 17 characters: 4 (67%) good or better, 1 (17%) "
            "inadequate; 3 teams, 2 themes>"
        ) == repr(summary)
        assert (
            "<SurveyMetrics a str of 22 characters: 8 responses, 2 questions, 2 groups; "
            "10 (71%) of 14 answers positive>"
        ) == repr(metrics)
        assert "<Breakdown by age_band: 12 records in 6 categories>" == repr(
            period.current.cohort.breakdown(Dimension.AGE_BAND)
        )
        assert "<Breakdown by agency: 1 record in 1 category>" == repr(
            completions_breakdown(
                ImplementationMeasures(1, 1, 1, (GCP2Completion("W-1", "health", 2, "1 to 4"),)),
                Dimension.AGENCY,
            )
        )
        assert "<Cohort of 12 children>" == repr(period.current.cohort)
        assert "<Cohort of 1 child>" == repr(Cohort((period.current.cohort.records[0],)))
        assert "<DisclosedTable 2 rows x 2 columns under DfE: 4 of 9 cells suppressed>" == repr(
            apply_disclosure([[12, 4], [25, 16]], DFE)
        )
        assert "Invented comment" not in repr(summary)

    def test_html_views(self) -> None:
        """Metric tables show as escaped HTML tables; published tables show only what is shown."""
        period = example_input()
        summary = summarise_audits(period.current.audits)
        page = summary._repr_html_()
        assert "6 case files audited, by team" in page
        assert "Auditors&#x27; comments, by theme" in page
        assert "Invented comment" not in page
        silent = summarise_audits([attrs.evolve(period.current.audits[2], comments=())])
        assert "comments, by theme" not in silent._repr_html_()
        assert "1 case file audited, by team" in silent._repr_html_()
        metrics = survey_metrics(period.survey, period.current.responses)
        assert "Invented plan feedback: 8 responses (95% Wilson intervals)" in metrics._repr_html_()
        unanswered = survey_metrics(period.survey, [SurveyResponse("R-1", "family", {})])
        assert ">-</td>" in unanswered._repr_html_()  # no answers, so no share or interval
        breakdown = period.current.cohort.breakdown(Dimension.PRIMARY_NEED)
        assert "N1 abuse or neglect" in breakdown._repr_html_()
        assert "50.0%" in breakdown._repr_html_()
        assert "<td" in Cohort(()).breakdown(Dimension.LEVEL_OF_NEED)._repr_html_()
        table = apply_disclosure(
            [[12, 4], [25, 16]], DFE, row_labels=["<N>", "S"], column_labels=["A", "B"]
        )
        page = table._repr_html_()
        assert "&lt;N&gt;" in page
        hidden = [cell.count for line in table.grid() for cell in line if cell.is_suppressed]
        assert [12, 4, 25, 16] == hidden
        assert ">12<" not in page
        assert ">25<" not in page
        assert "After DfE disclosure control" in page


def rows_of_every_kind() -> dict[str, list[dict[str, object]]]:
    """Rows of every kind, from the invented examples, keyed by kind."""
    period = example_input()
    summary = summarise_audits(
        period.current.audits, previous=period.previous.audits if period.previous else None
    )
    cohort = [score(assessment()), score(assessment(dt.date(2024, 9, 2), Rating("B", 3)))]
    return {
        "profile": profile_records(cohort),
        "profile_wide": profile_records(cohort, layout="wide"),
        "assessment": assessment_records([assessment()]),
        "assessment_wide": assessment_records([assessment()], layout="wide"),
        "decision": decision_records([overridden().proposed, overridden()]),
        "audit_summary": audit_summary_records(summary),
        "theme": theme_records(summary),
        "survey_metrics": survey_metrics_records(
            survey_metrics(period.survey, period.current.responses)
        ),
        "breakdown": breakdown_records(period.current.cohort.breakdown(Dimension.LEVEL_OF_NEED)),
        "cohort": cohort_records(period.current.cohort),
        "disclosed_table": disclosed_table_records(apply_disclosure([[12, 4], [25, 16]], DFE)),
    }


# The types each column type must have in a typed frame, by library.
PANDAS_DTYPES = {
    "text": "string",
    "integer": "Int64",
    "grade": "Int64",
    "number": "Float64",
    "date": "datetime64[s]",
    "boolean": "boolean",
}
POLARS_TYPES = {
    "text": polars.String,
    "integer": polars.Int64,
    "grade": polars.Int8,
    "number": polars.Float64,
    "date": polars.Date,
    "boolean": polars.Boolean,
}


class TestColumns:
    def test_every_kind_declares_its_rows_columns(self) -> None:
        """The schema of each kind names exactly the rows' columns, in their order."""
        every = rows_of_every_kind()
        assert list(RECORD_KINDS) == list(every)
        for kind, rows in every.items():
            assert list(rows[0]) == list(columns(kind, rows)), kind

    def test_fixed_and_further_columns(self) -> None:
        """Without rows only the fixed columns; a wide row's codes are grades, judgements counts."""
        assert list(PROFILE_KEYS + ENTRY_KEYS) == list(columns("profile"))
        assert list(DECISION_KEYS) == list(columns("decision"))
        assert "A" not in columns("profile_wide")
        every = rows_of_every_kind()
        assert "grade" == columns("profile_wide", every["profile_wide"])["A4"]
        assert "integer" == columns("audit_summary", every["audit_summary"])["outstanding"]
        assert "any" == columns("breakdown")["category"]

    def test_an_unknown_kind(self) -> None:
        """A kind that is not one of RECORD_KINDS is refused, listing the kinds."""
        with pytest.raises(
            InvalidArgumentError,
            match=r"^kind: expected one of profile, profile_wide, .*got 'rows'$",
        ):
            columns("rows")
        with pytest.raises(InvalidArgumentError, match=r"got a str of 19 characters$"):
            to_pandas([], "Invented free text.")

    def test_a_column_the_kind_lacks(self) -> None:
        """Rows with a column their kind does not have are refused, naming the column."""
        with pytest.raises(
            InvalidArgumentError,
            match=r"^rows: expected the columns of cohort rows, got a column 'A1'$",
        ):
            to_polars([{"reference": "C-1", "A1": 3}], "cohort")


class TestTypedFrames:
    def test_every_kind_in_pandas_and_polars(self) -> None:
        """Every column of every kind has its schema's type in pandas and polars."""
        for kind, rows in rows_of_every_kind().items():
            schema = columns(kind, rows)
            frame = to_pandas(rows, kind)
            table = to_polars(rows, kind)
            assert list(schema) == list(frame.columns) == table.columns, kind
            for name, of in schema.items():
                if of != "any":
                    assert PANDAS_DTYPES[of] == str(frame[name].dtype), (kind, name)
                    assert POLARS_TYPES[of] == table.schema[name], (kind, name)

    def test_missing_grades_and_dates_keep_their_type(self) -> None:
        """Grades with gaps stay integers and an all-None column keeps its type (not polars' Null)."""
        rows = profile_records([score(assessment())])
        frame = to_pandas(rows, "profile")
        assert 3 == frame["grade"][1]
        assert "Int64" == str(frame["grade"].dtype)
        assert pandas.isna(frame["grade"][2])  # A2 has no grade: pandas.NA, not a float NaN
        assert "datetime64[s]" == str(frame["window_start"].dtype)
        table = to_polars(rows, "profile")
        assert polars.Int8 == table.schema["suggested"]
        assert None is table["suggested"][1]
        assert polars.Int8 == table.schema["worst_beneath"]
        decided = to_polars(decision_records([overridden().proposed]), "decision")
        assert polars.Date == decided.schema["override_on"]  # no override: every cell None
        both = polars.concat([decided, to_polars(decision_records([overridden()]), "decision")])
        assert [None, dt.date(2024, 9, 30)] == both["override_on"].to_list()

    def test_no_rows_give_an_empty_typed_frame(self) -> None:
        """No rows give a frame with the kind's fixed columns, typed, and no rows."""
        frame = to_pandas([], "theme")
        assert (0, "Float64") == (len(frame), str(frame["change_points"].dtype))
        table = to_polars([], "breakdown")
        assert 0 == table.height
        assert polars.Int64 == table.schema["count"]

    def test_a_breakdown_category_keeps_its_own_type(self) -> None:
        """A breakdown's category is left to the library: a level is an integer, a band text."""
        cohort = example_input().current.cohort
        levels = cohort.breakdown(Dimension.LEVEL_OF_NEED).to_records()
        bands = to_pandas(cohort.breakdown(Dimension.AGE_BAND).to_records(), "breakdown")
        assert polars.Int64 == to_polars(levels, "breakdown").schema["category"]
        assert "int64" == str(to_pandas(levels, "breakdown")["category"].dtype)
        assert ["unborn", "under 1"] == list(bands["category"][:2])


class TestOverall:
    def test_pooled_rows_say_all(self) -> None:
        """Rows pooling every team, question or group say "all" there, never None."""
        every = rows_of_every_kind()
        assert "all" == OVERALL == every["audit_summary"][0]["team"]
        assert (OVERALL, OVERALL) == (
            every["survey_metrics"][-1]["question"],
            every["survey_metrics"][-1]["group"],
        )
        assert all(row["group"] is not None for row in every["survey_metrics"])

    def test_a_team_or_group_called_all_is_refused(self) -> None:
        """A team, group or question named "all" would read as the pooled rows: refused."""
        period = example_input()
        audits = [attrs.evolve(period.current.audits[0], team="all")]
        with pytest.raises(
            InvalidArgumentError,
            match=r"^team: expected no team called 'all', the name of the rows of all of them; "
            r"got one$",
        ):
            summarise_audits(audits).to_records()
        survey = attrs.evolve(period.survey, groups=("all",))
        with pytest.raises(InvalidArgumentError, match=r"^group: expected no group called 'all'"):
            survey_metrics(survey, [SurveyResponse("R-1", "all", {"child": "agree"})]).to_records()
        question = attrs.evolve(period.survey.questions[0], code="all")
        asked = attrs.evolve(period.survey, questions=(question,))
        with pytest.raises(
            InvalidArgumentError, match=r"^question: expected no question called 'all'"
        ):
            survey_metrics(asked, []).to_records()

"""Reporting periods, dated case histories and the DfE's key indicators, with trends and neglect cuts."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol.census import builtin_assessment_factors, builtin_plan_categories
from neglect_protocol.errors import AssuranceError
from neglect_protocol.key_indicators import (
    AssessmentEpisode,
    CaseHistory,
    KeyIndicator,
    Period,
    ProtectionPlan,
    assessments_within_45_working_days,
    check_history_codes,
    due_to_neglect,
    plans_lasting_two_years,
    plans_reviewed_within_timescales,
    re_referrals,
    second_or_subsequent_plans,
    trend,
    working_days_between,
)
from neglect_protocol.stats import Proportion, newcombe_interval

SECRET = "Invented: left alone at night"
NOT_A_DATE: Any = "2023-05-01"
D = dt.date
YEAR = Period.parse("2023-24")


class TestPeriod:
    def test_a_financial_year_runs_april_to_march(self) -> None:
        """The DfE's reporting year "2023-24" is 1 April 2023 to 31 March 2024."""
        assert (D(2023, 4, 1), D(2024, 3, 31), "2023-24") == (YEAR.start, YEAR.end, str(YEAR))

    @pytest.mark.parametrize(
        ("label", "start", "end"),
        [
            ("2023-24 Q1", D(2023, 4, 1), D(2023, 6, 30)),
            ("2023-24 Q2", D(2023, 7, 1), D(2023, 9, 30)),
            ("2023-24 Q3", D(2023, 10, 1), D(2023, 12, 31)),
            ("2023-24 Q4", D(2024, 1, 1), D(2024, 3, 31)),
            ("1999-00", D(1999, 4, 1), D(2000, 3, 31)),
        ],
    )
    def test_quarters_and_century_years_parse(
        self, label: str, start: dt.date, end: dt.date
    ) -> None:
        """Q1 is April to June, Q4 January to March; 1999-00 crosses the century."""
        period = Period.parse(label)
        assert (label, start, end) == (period.label, period.start, period.end)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (SECRET, "period: expected a financial year such as '2023-24'"),
            ("2023/24", "period: expected a financial year such as '2023-24'"),
            ("2023-24 Q5", "period: expected a financial year such as '2023-24'"),
            (2023, "period: expected a financial year such as '2023-24'"),
            (
                "2023-25",
                "period: expected the second year to follow the first (2023-24), got a str of 7 characters",
            ),
        ],
    )
    def test_a_period_that_does_not_parse_is_our_error(self, text: object, message: str) -> None:
        """A bad period label is a AssuranceError naming the field, never echoing free text."""
        with pytest.raises(AssuranceError) as caught:
            Period.parse(text)
        assert str(caught.value).startswith(message)
        assert SECRET not in str(caught.value)

    def test_a_quarter_has_no_quarters(self) -> None:
        """Only a year splits into quarters."""
        assert () == Period.parse("2023-24 Q2").quarters()

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ((" ", D(2023, 4, 1), D(2024, 3, 31)), "label: expected non-empty text"),
            (
                ("x", "2023-04-01", D(2024, 3, 31)),
                "start: expected a date, got a str of 10 characters",
            ),
            (
                ("x", D(2023, 4, 1), dt.datetime(2024, 3, 31)),
                "end: expected a date, got a datetime",
            ),
            (("x", D(2023, 4, 1), D(2023, 3, 31)), "end: expected a date on or after the start"),
        ],
    )
    def test_a_period_built_in_code_is_checked(
        self, arguments: tuple[object, ...], message: str
    ) -> None:
        """A period's label and dates are checked, and it cannot end before it starts."""
        with pytest.raises(AssuranceError, match=message):
            Period(*arguments)  # type: ignore[arg-type]

    def test_financial_year_needs_a_year(self) -> None:
        """A financial year starts in a year written as a whole number."""
        with pytest.raises(AssuranceError, match="year: expected a year such as 2023, got True"):
            Period.financial_year(True)

    @given(st.integers(min_value=1990, max_value=2090), st.integers(min_value=0, max_value=365))
    def test_quarters_partition_the_year(self, first: int, offset: int) -> None:
        """Law: every day of a financial year falls in exactly one of its four quarters."""
        year = Period.financial_year(first)
        day = min(year.start + dt.timedelta(days=offset), year.end)
        quarters = year.quarters()
        assert year.contains(day)
        assert 1 == sum(quarter.contains(day) for quarter in quarters)
        assert (quarters[0].start, quarters[-1].end) == (year.start, year.end)
        for before, after in itertools.pairwise(quarters):
            assert after.start == before.end + dt.timedelta(days=1)


class TestWorkingDays:
    def test_weekends_and_bank_holidays_are_not_working_days(self) -> None:
        """Friday to Friday is five working days; a Monday bank holiday makes it four."""
        assert 5 == working_days_between(D(2024, 5, 3), D(2024, 5, 10))
        assert 4 == working_days_between(D(2024, 5, 3), D(2024, 5, 10), [D(2024, 5, 6)])

    def test_holidays_at_weekends_or_outside_are_ignored(self) -> None:
        """A holiday on a Saturday, on the start day or after the end changes nothing."""
        holidays = [D(2024, 5, 4), D(2024, 5, 3), D(2024, 6, 3)]
        assert 5 == working_days_between(D(2024, 5, 3), D(2024, 5, 10), holidays)

    def test_same_day_is_zero(self) -> None:
        """An assessment started and completed the same day took no working days."""
        assert 0 == working_days_between(D(2024, 5, 3), D(2024, 5, 3))

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ((D(2024, 5, 3), D(2024, 5, 2)), "end: expected a date on or after 2024-05-03"),
            ((SECRET, D(2024, 5, 2)), "start: expected a date, got a str of 29 characters"),
            ((D(2024, 5, 3), D(2024, 5, 9), "2024-05-06"), "bank_holidays: expected a collection"),
            (
                (D(2024, 5, 3), D(2024, 5, 9), ["2024-05-06"]),
                r"bank_holidays\[0\]: expected a date",
            ),
        ],
    )
    def test_bad_input_is_our_error(self, arguments: tuple[object, ...], message: str) -> None:
        """Bad dates or holidays are AssuranceErrors naming the argument."""
        with pytest.raises(AssuranceError, match=message):
            working_days_between(*arguments)  # type: ignore[arg-type]

    @given(st.dates(D(2020, 1, 1), D(2026, 1, 1)), st.integers(0, 400), st.integers(0, 30))
    def test_against_a_plain_count(self, start: dt.date, days: int, more: int) -> None:
        """The fast count equals a day-by-day count, and never falls as the end moves later."""
        end = start + dt.timedelta(days=days)
        holidays = [start + dt.timedelta(days=3), start + dt.timedelta(days=40)]
        plain = sum(
            1
            for offset in range(1, days + 1)
            if (day := start + dt.timedelta(days=offset)).weekday() < 5 and day not in holidays
        )
        assert plain == working_days_between(start, end, holidays)
        assert plain <= working_days_between(start, end + dt.timedelta(days=more), holidays)


class TestCaseRecords:
    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (
                lambda: ProtectionPlan(D(2023, 5, 1), D(2023, 4, 1)),
                "end: expected a date on or after the plan's start",
            ),
            (
                lambda: ProtectionPlan(D(2023, 5, 1), reviews=[D(2023, 4, 30)]),
                r"reviews\[0\]: expected a date on or after the plan's start 2023-05-01",
            ),
            (
                lambda: ProtectionPlan(D(2023, 5, 1), D(2023, 6, 1), reviews=[D(2023, 7, 1)]),
                r"reviews\[0\]: expected a review on or before the plan's end",
            ),
            (
                lambda: ProtectionPlan(D(2023, 5, 1), reviews=[D(2023, 8, 1), D(2023, 7, 1)]),
                r"reviews\[1\]: expected a date on or after the previous review",
            ),
            (
                lambda: ProtectionPlan(D(2023, 5, 1), reviews=D(2023, 8, 1)),
                "reviews: expected a tuple of dates",
            ),
            (
                lambda: ProtectionPlan(D(2023, 5, 1), reviews=[SECRET]),
                r"reviews\[0\]: expected a date, got a str of 29",
            ),
            (lambda: ProtectionPlan(NOT_A_DATE), "start: expected a date"),
            (
                lambda: ProtectionPlan(D(2023, 5, 1), initial_category="NEGLECT"),
                "plan_category: expected a child protection plan category code",
            ),
            (
                lambda: AssessmentEpisode(D(2023, 5, 1), D(2023, 4, 1)),
                "end: expected a date on or after the assessment's start",
            ),
            (
                lambda: AssessmentEpisode(D(2023, 5, 1), factors=[SECRET]),
                r"factors\[0\]: expected a factor",
            ),
            (lambda: CaseHistory(" "), "reference: expected non-empty text"),
            (
                lambda: CaseHistory("C-1", referrals=[D(2023, 5, 1), D(2023, 5, 1)]),
                r"referrals\[1\]: expected one referral a day, got a str of 10 characters again",
            ),
            (
                lambda: CaseHistory("C-1", plans=ProtectionPlan(D(2023, 5, 1))),
                "plans: expected a tuple of ProtectionPlans",
            ),
            (
                lambda: CaseHistory("C-1", assessments=[D(2023, 5, 1)]),
                r"assessments\[0\]: expected a AssessmentEpisode, got a date",
            ),
        ],
    )
    def test_bad_records_are_refused(self, build: object, message: str) -> None:
        """A plan ending before it starts, a review outside its plan, and other bad input are our errors."""
        with pytest.raises(AssuranceError, match=message) as caught:
            build()  # type: ignore[operator]
        assert SECRET not in str(caught.value)

    def test_events_are_kept_in_date_order(self) -> None:
        """Referrals, assessments and plans are sorted by date; a plan knows when it is open."""
        history = CaseHistory(
            "C-1",
            referrals=[D(2023, 9, 1), D(2023, 5, 2)],
            assessments=[AssessmentEpisode(D(2023, 9, 2)), AssessmentEpisode(D(2023, 5, 3))],
            plans=[ProtectionPlan(D(2023, 10, 1)), ProtectionPlan(D(2022, 1, 1), D(2022, 6, 1))],
        )
        assert (D(2023, 5, 2), D(2023, 5, 3), D(2022, 1, 1)) == (
            history.referrals[0],
            history.assessments[0].start,
            history.plans[0].start,
        )
        assert history.plans[1].open_on(D(2024, 3, 31))
        assert not history.plans[0].open_on(D(2022, 6, 1))


def child(reference: str, **events: object) -> CaseHistory:
    return CaseHistory(reference, **events)


class TestReReferrals:
    def test_within_twelve_months_of_the_previous_referral(self) -> None:
        """A referral within 12 months of the child's previous one is a re-referral (DfE)."""
        histories = [
            child("C-1", referrals=[D(2022, 6, 1), D(2023, 6, 1)]),  # exactly 12 months: yes
            child("C-2", referrals=[D(2022, 5, 31), D(2023, 6, 1)]),  # over 12 months: no
            child("C-3", referrals=[D(2023, 7, 1)]),  # first referral: no
            child("C-4", referrals=[D(2023, 3, 1)]),  # outside the period: not counted
        ]
        assert Proportion(1, 3) == re_referrals(histories, YEAR)

    def test_nothing_to_count_is_none(self) -> None:
        """With no referral in the period there is no share, not 0%."""
        assert re_referrals([child("C-1")], "2023-24") is None

    @pytest.mark.parametrize(
        ("histories", "message"),
        [
            ("C-1", "histories: expected a sequence of case histories"),
            ([{"reference": "C-1"}], r"\$.histories\[0\]: expected a CaseHistory, got a dict"),
            (
                [child("C-1"), child("C-1")],
                r"\$.histories\[1\].reference: expected each child once",
            ),
        ],
    )
    def test_bad_histories_are_refused(self, histories: object, message: str) -> None:
        """Histories are case histories, each child once, never silently skipped."""
        with pytest.raises(AssuranceError, match=message):
            re_referrals(histories, YEAR)  # type: ignore[arg-type]

    def test_a_bad_period_is_refused(self) -> None:
        """A period that does not parse is our error."""
        with pytest.raises(AssuranceError, match="period: expected a financial year"):
            re_referrals([], "2023")

    @given(st.lists(st.dates(D(2021, 1, 1), D(2024, 6, 30)), unique=True, max_size=8))
    def test_quarters_add_up_to_the_year(self, days: list[dt.date]) -> None:
        """Law: the year's re-referrals and referrals are the sums of its quarters'."""
        histories = [child("C-1", referrals=days)]
        year = re_referrals(histories, YEAR)
        parts = [re_referrals(histories, quarter) for quarter in YEAR.quarters()]
        counted = [part for part in parts if part is not None]
        if year is None:
            assert [] == counted
        else:
            assert year.total == sum(part.total for part in counted)
            assert year.positive == sum(part.positive for part in counted)
            assert 0 <= year.positive <= year.total


class TestPlans:
    def test_second_or_subsequent_plans(self) -> None:
        """A child starting a plan in the period who had an earlier plan counts once (DfE)."""
        histories = [
            child(
                "C-1",
                plans=[ProtectionPlan(D(2020, 1, 1), D(2021, 1, 1)), ProtectionPlan(D(2023, 6, 1))],
            ),
            child(
                "C-2",
                plans=[
                    ProtectionPlan(D(2023, 5, 1), D(2023, 8, 1)),
                    ProtectionPlan(D(2023, 11, 1)),
                ],
            ),
            child("C-3", plans=[ProtectionPlan(D(2022, 1, 1))]),
        ]
        assert Proportion(1, 2) == second_or_subsequent_plans(histories, YEAR)
        assert second_or_subsequent_plans([], YEAR) is None

    def test_plans_lasting_two_years_or_more_at_their_end(self) -> None:
        """Plans ending in the period are long if they lasted two years or more (DfE)."""
        histories = [
            child("C-1", plans=[ProtectionPlan(D(2021, 6, 1), D(2023, 6, 1))]),  # exactly two years
            child("C-2", plans=[ProtectionPlan(D(2021, 6, 2), D(2023, 6, 1))]),  # a day short
            child("C-3", plans=[ProtectionPlan(D(2019, 6, 2))]),  # still open: not counted
            child("C-4", plans=[ProtectionPlan(D(2019, 6, 2), D(2023, 3, 31))]),  # ended before
        ]
        assert Proportion(1, 2) == plans_lasting_two_years(histories, YEAR)

    def test_plans_reviewed_within_timescales(self) -> None:
        """First review within 3 months, later ones within 6, and none overdue at the period's end."""
        end = YEAR.end
        histories = [
            child(
                "C-1", plans=[ProtectionPlan(D(2023, 6, 1), reviews=[D(2023, 9, 1), D(2024, 3, 1)])]
            ),
            child(
                "C-2", plans=[ProtectionPlan(D(2023, 6, 1), reviews=[D(2023, 9, 2), D(2024, 3, 1)])]
            ),
            child("C-3", plans=[ProtectionPlan(D(2023, 6, 1), reviews=[D(2023, 8, 1)])]),  # overdue
            child("C-4", plans=[ProtectionPlan(D(2024, 1, 2))]),  # under 3 months: not counted
            child(
                "C-5", plans=[ProtectionPlan(D(2023, 6, 1), D(2024, 1, 1), reviews=[D(2023, 8, 1)])]
            ),
            child("C-6", plans=[ProtectionPlan(D(2023, 12, 31))]),  # 3 months, no review due yet
            child(
                "C-7", plans=[ProtectionPlan(D(2023, 6, 1), reviews=[D(2023, 8, 1), D(2024, 4, 2)])]
            ),
        ]
        assert D(2024, 3, 31) == end
        assert Proportion(2, 5) == plans_reviewed_within_timescales(histories, YEAR)

    def test_assessments_within_45_working_days(self) -> None:
        """Completed assessments count; a bank holiday can bring one within 45 working days."""
        start = D(2024, 1, 1)
        on_time = AssessmentEpisode(start, start + dt.timedelta(days=63))  # 45 working days
        late = AssessmentEpisode(start, start + dt.timedelta(days=64))  # 46
        histories = [
            child("C-1", assessments=[on_time, AssessmentEpisode(D(2024, 2, 1))]),
            child("C-2", assessments=[late, AssessmentEpisode(D(2023, 1, 1), D(2023, 2, 1))]),
        ]
        assert 45 == working_days_between(on_time.start, on_time.end)  # type: ignore[arg-type]
        assert Proportion(1, 2) == assessments_within_45_working_days(histories, YEAR)
        assert Proportion(2, 2) == assessments_within_45_working_days(
            histories, YEAR, [D(2024, 2, 5)]
        )

    @given(st.integers(0, 6), st.integers(0, 6))
    def test_long_plans_are_monotone_in_counts(self, long: int, short: int) -> None:
        """Law: adding a long plan ending in the period never lowers the share; a short one never raises it."""

        def plans(count: int, start: dt.date, prefix: str) -> list[CaseHistory]:
            return [
                child(f"{prefix}-{n}", plans=[ProtectionPlan(start, D(2023, 9, 1))])
                for n in range(count)
            ]

        base = plans(long, D(2020, 1, 1), "L") + plans(short, D(2023, 1, 1), "S")
        before = plans_lasting_two_years(base, YEAR)
        with_long = plans_lasting_two_years(base + plans(1, D(2020, 1, 1), "X"), YEAR)
        with_short = plans_lasting_two_years(base + plans(1, D(2023, 1, 1), "X"), YEAR)
        assert with_long is not None
        assert with_short is not None
        if before is not None:
            assert with_short.share <= before.share <= with_long.share
        assert (long + 1, long + short + 1) == (with_long.positive, with_long.total)


class TestTrend:
    HISTORIES = (
        child("C-1", referrals=[D(2022, 6, 1), D(2023, 5, 1)]),
        child("C-2", referrals=[D(2022, 7, 1)]),
        child("C-3", referrals=[D(2023, 8, 1)]),
    )

    def test_values_and_change_since_the_last_period(self) -> None:
        """A trend gives each period's share and the change since the one before, with Newcombe's interval."""
        result = trend("re_referrals", self.HISTORIES, ["2022-23", Period.parse("2023-24")])
        assert (Proportion(0, 2), Proportion(1, 2)) == result.values
        assert 0.5 == result.change
        assert newcombe_interval(Proportion(1, 2), Proportion(0, 2)) == result.change_interval()

    def test_no_change_without_two_values(self) -> None:
        """With one period, or an empty one, there is no change to report."""
        assert trend(KeyIndicator.RE_REFERRALS, self.HISTORIES, ["2023-24"]).change is None
        gap = trend("re_referrals", self.HISTORIES, ["2022-23", "2030-31"])
        assert (None, None) == (gap.change, gap.change_interval())

    @pytest.mark.parametrize("indicator", list(KeyIndicator))
    def test_every_indicator_can_trend(self, indicator: KeyIndicator) -> None:
        """Each indicator measures a period through the trend."""
        result = trend(indicator, [], ["2023-24 Q1"], bank_holidays=[D(2023, 5, 1)])
        assert (None,) == result.values

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (("neglect", [], ["2023-24"]), "indicator: expected one of 're_referrals'"),
            (("re_referrals", [], ["2023-24", "2024"]), r"periods\[1\]: expected a financial year"),
            (("re_referrals", [], "2023-24"), "periods: expected a sequence of periods"),
        ],
    )
    def test_bad_trend_input_is_our_error(
        self, arguments: tuple[object, ...], message: str
    ) -> None:
        """An unknown indicator or a bad period is our error, with its path."""
        with pytest.raises(AssuranceError, match=message):
            trend(*arguments)  # type: ignore[arg-type]


class TestNeglectCut:
    HISTORIES = (
        child("C-1", plans=[ProtectionPlan(D(2023, 6, 1), initial_category="NEG")]),
        child("C-2", assessments=[AssessmentEpisode(D(2023, 5, 1), D(2023, 6, 1), ["16A"])]),
        child("C-3", plans=[ProtectionPlan(D(2023, 6, 1), initial_category="PHY")]),
    )

    @pytest.mark.parametrize(
        ("basis", "references"),
        [("plan_category", ["C-1"]), ("assessment_factor", ["C-2"]), ("either", ["C-1", "C-2"])],
    )
    def test_each_basis_selects_its_children(self, basis: str, references: list[str]) -> None:
        """The neglect cut is a NEG plan, a 16A factor, or either."""
        assert references == [
            history.reference for history in due_to_neglect(self.HISTORIES, basis)
        ]

    def test_an_indicator_on_the_cut(self) -> None:
        """An indicator computed on the neglect cut counts only those children."""
        cut = due_to_neglect(self.HISTORIES, "plan_category")
        assert Proportion(0, 1) == second_or_subsequent_plans(cut, YEAR)

    def test_unknown_codes_are_refused_with_their_path(self) -> None:
        """A plan category or factor not on the year's list is refused, nearest suggested."""
        with pytest.raises(AssuranceError) as caught:
            check_history_codes(
                [child("C-1", plans=[ProtectionPlan(D(2023, 6, 1), initial_category="NGE")])]
            )
        assert str(caught.value).startswith(
            "$.histories[0].plans[0].initial_category: expected a child protection plan category "
            "code of the 2023 census list, got 'NGE'; nearest: 'NEG'"
        )
        with pytest.raises(
            AssuranceError,
            match=r"\$.histories\[0\].assessments\[0\].factors\[0\]: .* got '16B'; nearest: '16A'",
        ):
            check_history_codes(
                [child("C-1", assessments=[AssessmentEpisode(D(2023, 5, 1), factors=["16B"])])]
            )
        check_history_codes([*self.HISTORIES, child("C-4", plans=[ProtectionPlan(D(2023, 6, 1))])])

    def test_lists_must_be_of_their_kind(self) -> None:
        """Factors in place of categories are refused."""
        with pytest.raises(AssuranceError, match="categories: expected a CensusCodeList of child"):
            check_history_codes([], categories=builtin_assessment_factors())
        with pytest.raises(AssuranceError, match="factors: expected a CensusCodeList of factor"):
            check_history_codes([], factors=builtin_plan_categories())

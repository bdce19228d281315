"""Strategies for the partnership's figures: proportions, tables, audits, surveys, cohorts.

They end with the documents of the assurance report: judgement scales, disclosure
policies, implementation measures, one period's records and the report's input.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from hypothesis import strategies as st

from neglect_protocol._boundary._report_input import ReportInput
from neglect_protocol._logic._assurance import PeriodRecords
from neglect_protocol._logic._breakdowns import Cohort
from neglect_protocol._logic._census import NeglectBasis
from neglect_protocol._logic._key_indicators import KeyIndicator
from neglect_protocol._model._audit import (
    AuditComment,
    CaseFileAudit,
    Criterion,
    Judgement,
    JudgementScale,
)
from neglect_protocol._model._casework import CaseHistory
from neglect_protocol._model._cohort import (
    CensusAgeBand,
    CohortRecord,
    GCP2Completion,
    ImplementationMeasures,
    PrimaryNeed,
)
from neglect_protocol._model._disclosure import DisclosurePolicy
from neglect_protocol._model._moderation import ModerationSet
from neglect_protocol._model._proportion import Proportion
from neglect_protocol._model._survey import AGREEMENT, YES_NO, Question, Survey, SurveyResponse
from neglect_protocol.strategies._foundation import NAMES, between, free_text, pick, references

AUDIT_THEMES = ("engaging children", "identifying worries", "wishes and feelings")
"""Invented comment themes the audit strategies draw from by default."""

_BOOLEANS = st.booleans()
_POLARITIES = st.sampled_from(["positive", "negative"])
_TEAMS = ("North", "South", "East")
_ANY_TEAM = st.sampled_from(_TEAMS)
_AGENCIES = ("health", "education", "police", "social care")
_AUDIT_DAYS = st.dates(min_value=dt.date(2018, 4, 1), max_value=dt.date(2030, 3, 31))
_SCALES = st.sampled_from([YES_NO, AGREEMENT])
_GROUPS = st.lists(
    st.sampled_from(["family", "professional", "young person"]), min_size=1, unique=True
)
_NEEDS = st.sampled_from(PrimaryNeed)
_CENSUS_BANDS = st.sampled_from(CensusAgeBand)
_SYMBOLS = st.sampled_from(["c", "[c]", "x", "~", ":", "z", "..", "*"])
_SOME_TEXT = free_text()
_MAYBE_NAME = st.none() | NAMES


@st.composite
def proportions(draw: st.DrawFn, *, min_total: int = 1, max_total: int = 1_000) -> Proportion:
    """Any valid proportion with a total from ``min_total`` to ``max_total``.

    >>> from neglect_protocol.strategies import proportions
    >>> from hypothesis import given
    >>> @given(proportions(max_total=30))
    ... def test_share_is_a_fraction_of_one(proportion):
    ...     assert 0 <= proportion.share <= 1
    >>> test_share_is_a_fraction_of_one()
    """
    total = draw(between(min_total, max_total))
    return Proportion(draw(between(0, total)), total)


@st.composite
def count_tables(
    draw: st.DrawFn,
    *,
    max_rows: int = 4,
    max_columns: int = 4,
    max_count: int = 30,
) -> tuple[tuple[int, ...], ...]:
    """Rectangular tables of whole counts, rich in zeros and small counts.

    About half the counts are 0 to 6, the range where disclosure control acts.
    """
    count = _dense_counts(max_count)
    return _count_grid(draw, count, max_rows, max_columns)


@functools.cache
def _dense_counts(max_count: int) -> st.SearchStrategy[int]:
    return st.one_of(between(0, min(6, max_count)), between(0, max_count))


@functools.cache
def _sparse_counts(max_count: int) -> st.SearchStrategy[int]:
    return st.one_of(
        st.just(0), between(1, min(5, max_count)), between(min(6, max_count), max_count)
    )


def _count_grid(
    draw: st.DrawFn, count: st.SearchStrategy[int], max_rows: int, max_columns: int
) -> tuple[tuple[int, ...], ...]:
    """A rectangle of 1 to ``max_rows`` by 1 to ``max_columns`` counts drawn from ``count``."""
    rows = draw(between(1, max_rows))
    columns = draw(between(1, max_columns))
    return tuple(tuple(draw(count) for _ in range(columns)) for _ in range(rows))


@st.composite
def sparse_count_tables(
    draw: st.DrawFn,
    *,
    max_rows: int = 3,
    max_columns: int = 3,
    max_count: int = 20,
) -> tuple[tuple[int, ...], ...]:
    """Small tables of counts like a county's breakdowns by need and age band.

    About a third of the counts are 0, a third 1 to 5 (the counts the DfE policy
    hides) and a third 6 to ``max_count``, so true zeros sit beside small counts,
    where secondary suppression is hardest.

    >>> from neglect_protocol.strategies import sparse_count_tables
    >>> from hypothesis import given
    >>> @given(sparse_count_tables(max_rows=2, max_columns=2))
    ... def test_counts_are_whole(table):
    ...     assert all(count >= 0 for row in table for count in row)
    >>> test_counts_are_whole()
    """
    return _count_grid(draw, _sparse_counts(max_count), max_rows, max_columns)


@functools.cache
def _builtin_judgement_scale() -> JudgementScale:
    # The boundary reads the shipped file; only this public module may reach it.
    from neglect_protocol._boundary._builtin import builtin_judgement_scale

    return builtin_judgement_scale()


def judgements(scale: JudgementScale | None = None) -> st.SearchStrategy[Judgement]:
    """Any judgement of ``scale`` (Ofsted's four-point scale by default), best first."""
    return _judgements(_builtin_judgement_scale() if scale is None else scale)


@functools.cache
def _judgements(scale: JudgementScale) -> st.SearchStrategy[Judgement]:
    return st.sampled_from(scale.judgements)


@functools.cache
def _audit_comments(themes: tuple[str, ...]) -> st.SearchStrategy[AuditComment]:
    return st.builds(
        AuditComment, st.sampled_from(themes), _POLARITIES, text=st.just("invented comment")
    )


def audit_comments(themes: Sequence[str] = AUDIT_THEMES) -> st.SearchStrategy[AuditComment]:
    """Auditors' comments on one of ``themes``, positive or negative, with invented text."""
    return _audit_comments(tuple(themes))


def case_file_audits(
    scale: JudgementScale | None = None,
    *,
    teams: Sequence[str] = _TEAMS,
    themes: Sequence[str] = AUDIT_THEMES,
) -> st.SearchStrategy[CaseFileAudit]:
    """Case-file audits graded on ``scale``, held by one of ``teams``, with 0 to 4 comments."""
    return _case_file_audits(
        _builtin_judgement_scale() if scale is None else scale, tuple(teams), tuple(themes)
    )


@functools.cache
def _case_file_audits(
    scale: JudgementScale, teams: tuple[str, ...], themes: tuple[str, ...]
) -> st.SearchStrategy[CaseFileAudit]:
    return st.builds(
        CaseFileAudit,
        references("F"),
        st.sampled_from(teams),
        _AUDIT_DAYS,
        _judgements(scale),
        st.lists(_audit_comments(themes), max_size=4).map(tuple),
    )


@st.composite
def surveys(draw: st.DrawFn, *, max_questions: int = 4) -> Survey:
    """Surveys of 1 to ``max_questions`` yes/no or agreement questions, with 1 to 3 groups.

    Which answers count as positive is drawn too: any non-empty proper subset of
    the scale's answers.
    """
    questions: list[Question] = []
    for number in range(draw(between(1, max_questions))):
        scale = draw(_SCALES)
        positive = draw(_positive_answers(tuple(scale.answers)))
        questions.append(
            Question(f"q{number + 1}", f"Invented question {number + 1}?", scale, positive)
        )
    return Survey("Invented survey", tuple(questions), tuple(draw(_GROUPS)))


@functools.cache
def _positive_answers(answers: tuple[str, ...]) -> st.SearchStrategy[set[str]]:
    return st.sets(st.sampled_from(answers), min_size=1, max_size=len(answers) - 1)


@functools.cache
def _answer_choices(answers: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return st.sampled_from([*answers, "(left out)", None])


@st.composite
def survey_responses(draw: st.DrawFn, survey: Survey) -> SurveyResponse:
    """Valid responses to ``survey``: a group it asks and, per question, an answer or a skip.

    A skip is drawn both ways a form records one: the question left out, or
    answered ``None``.
    """
    return draw_survey_responses(draw, survey)


def draw_survey_responses(draw: st.DrawFn, survey: Survey) -> SurveyResponse:
    """Draw one value as :func:`survey_responses` does, building no strategy."""
    answers: dict[str, str | None] = {}
    for question in survey.questions:
        choice = draw(_answer_choices(tuple(question.scale.answers)))
        if choice != "(left out)":
            answers[question.code] = choice
    group = survey.groups[draw(between(0, len(survey.groups) - 1))]
    return SurveyResponse(draw(references("R")), group, answers)


@functools.cache
def cohort_records(*, max_level: int = 4) -> st.SearchStrategy[CohortRecord]:
    """Records of one child: any primary need and age band, level 1 to ``max_level``.

    An unborn child is never looked after (the record refuses it); a plan category
    and assessment factors are drawn from codes of the built-in census lists.
    """
    return _cohort_records(max_level)


@functools.cache
def _cohort_records(max_level: int) -> st.SearchStrategy[CohortRecord]:
    @st.composite
    def records(draw: st.DrawFn) -> CohortRecord:
        band = draw(_CENSUS_BANDS)
        return CohortRecord(
            draw(references("C")),
            draw(_NEEDS),
            band,
            draw(between(1, max_level)),
            band is not CensusAgeBand.UNBORN and draw(_BOOLEANS),
            plan_category=draw(_PLAN_CATEGORIES),
            factors=draw(_FACTORS),
        )

    return records()


_PLAN_CATEGORIES = st.none() | st.sampled_from(["NEG", "PHY", "EMO", "SAB", "MUL"])
_FACTORS = st.lists(
    st.sampled_from(["1B", "2B", "3A", "3B", "3C", "4B", "16A", "17A", "18B", "19C", "20"]),
    unique=True,
    max_size=3,
).map(tuple)


@functools.cache
def cohorts(*, max_size: int = 60, max_level: int = 4) -> st.SearchStrategy[Cohort]:
    """Cohorts of up to ``max_size`` children, each child once."""
    return st.lists(
        cohort_records(max_level=max_level),
        max_size=max_size,
        unique_by=lambda record: record.reference,
    ).map(_cohort_of)


def gcp2_completions(*, agencies: Sequence[str] = _AGENCIES) -> st.SearchStrategy[GCP2Completion]:
    """GCP2s completed by one of 20 practitioners in one of ``agencies``."""
    return _gcp2_completions(tuple(agencies))


@functools.cache
def _gcp2_completions(agencies: tuple[str, ...]) -> st.SearchStrategy[GCP2Completion]:
    return st.builds(
        GCP2Completion,
        between(1, 20).map(_practitioner),
        st.sampled_from(agencies),
        between(1, 4),
        _CENSUS_BANDS,
    )


def _cohort_of(records: list[CohortRecord]) -> Cohort:
    return Cohort(tuple(records))


def _practitioner(number: int) -> str:
    return f"W-{number:02d}"


_CLUSTER_SIZES = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20])
_FEW_NEEDS = st.lists(_NEEDS, min_size=1, max_size=4, unique=True)
_FEW_BANDS = st.lists(_CENSUS_BANDS, min_size=1, max_size=4, unique=True)


@st.composite
def clustered_cohorts(draw: st.DrawFn, *, level: int = 4) -> Cohort:
    """Cohorts at one level of need whose children cluster in a few needs and age bands.

    Up to four primary needs (abuse or neglect, N1, in about half), each in up to
    four age bands, with 0 to 20 children in and out of care per band: small counts
    sit beside larger ones, as in a county's tables.
    """
    needs = draw(_FEW_NEEDS)
    if PrimaryNeed.N1 not in needs and draw(_BOOLEANS):
        needs.append(PrimaryNeed.N1)
    records: list[CohortRecord] = []
    for need in needs:
        for band in draw(_FEW_BANDS):
            # An unborn child is never looked after (the record refuses it).
            for looked_after in (False,) if band is CensusAgeBand.UNBORN else (False, True):
                start = len(records)
                records += [
                    CohortRecord(f"C-{start + number}", need, band, level, looked_after)
                    for number in range(draw(_CLUSTER_SIZES))
                ]
    return Cohort(tuple(records))


@st.composite
def judgement_scales(draw: st.DrawFn, *, max_size: int = 6) -> JudgementScale:
    """Audit judgement scales of 2 to ``max_size`` judgements, best first."""
    size = draw(between(2, max_size))
    good = draw(between(0, size - 2))
    inadequate = draw(between(good + 1, size - 1))
    codes = [f"j{number}" for number in range(1, size + 1)]
    return JudgementScale.from_labels(
        draw(NAMES),
        draw(NAMES),
        [(code, draw(NAMES)) for code in codes],
        good_or_better=codes[good],
        inadequate=codes[inadequate],
    )


_CRITERIA = ("voice", "plan", "oversight")
_CRITERIA_NAMES = st.lists(st.sampled_from(_CRITERIA), max_size=2, unique=True)
_THEMES = st.sampled_from(AUDIT_THEMES)


@st.composite
def audits_with_text(draw: st.DrawFn, scale: JudgementScale | None = None) -> CaseFileAudit:
    """Case-file audits with comments in free text and criteria judged on ``scale``."""
    return draw_audits_with_text(draw, scale)


def draw_audits_with_text(draw: st.DrawFn, scale: JudgementScale | None = None) -> CaseFileAudit:
    """Draw one value as :func:`audits_with_text` does, building no strategy."""
    # Judgements are picked by position, so that no strategy is built per drawn scale.
    judgements = (_builtin_judgement_scale() if scale is None else scale).judgements
    judgement = between(0, len(judgements) - 1)
    comments = tuple(
        AuditComment(draw(_THEMES), draw(_POLARITIES), text=draw(_SOME_TEXT))
        for _ in range(draw(between(0, 3)))
    )
    criteria = {name: judgements[draw(judgement)] for name in draw(_CRITERIA_NAMES)}
    return CaseFileAudit(
        draw(references("F")),
        draw(_ANY_TEAM),
        draw(_AUDIT_DAYS),
        judgements[draw(judgement)],
        comments,
        criteria,
    )


@st.composite
def implementation_measures(draw: st.DrawFn, *, max_completions: int = 8) -> ImplementationMeasures:
    """Training and use figures: at least as many practitioners trained as completed a GCP2."""
    completions = tuple(draw(_completion_lists(max_completions)))
    using = len({completion.practitioner for completion in completions})
    return ImplementationMeasures(
        draw(between(0, 100)),
        draw(between(0, 5_000)),
        draw(between(using, using + 1_000)),
        completions,
    )


@functools.cache
def _completion_lists(max_size: int) -> st.SearchStrategy[list[GCP2Completion]]:
    return st.lists(gcp2_completions(), max_size=max_size)


def draw_responses_with_text(draw: st.DrawFn, survey: Survey) -> tuple[SurveyResponse, ...]:
    """Up to three responses to ``survey`` from different respondents, with free-text comments."""
    drawn: dict[str, SurveyResponse] = {}
    for _ in range(draw(between(0, 3))):
        response = draw_survey_responses(draw, survey)
        drawn.setdefault(response.respondent, response)
    return tuple(
        SurveyResponse(response.respondent, response.group, response.answers, draw(_SOME_TEXT))
        for response in drawn.values()
    )


_SMALL_COHORTS = cohorts(max_size=5)
_MEASURES = implementation_measures(max_completions=3)


@st.composite
def period_records(
    draw: st.DrawFn, survey: Survey, scale: JudgementScale | None = None
) -> PeriodRecords:
    """One period's audits graded on ``scale``, responses to ``survey``, a cohort and figures."""
    return draw_period_records(draw, survey, scale)


def draw_period_records(
    draw: st.DrawFn, survey: Survey, scale: JudgementScale | None = None
) -> PeriodRecords:
    """Draw one value as :func:`period_records` does, building no strategy."""
    return PeriodRecords(
        draw(NAMES),
        tuple(draw_audits_with_text(draw, scale) for _ in range(draw(between(0, 2)))),
        draw_responses_with_text(draw, survey),
        draw(_SMALL_COHORTS),
        draw(_MEASURES),
    )


@st.composite
def disclosure_policies(draw: st.DrawFn) -> DisclosurePolicy:
    """Disclosure policies: a suppression range from 1, symbols, rounding of totals and shares."""
    low = draw(between(1, 5))
    return DisclosurePolicy(
        draw(NAMES),
        draw(NAMES),
        draw(NAMES),
        min_count=low,
        max_count=draw(between(low, 10)),
        secondary=draw(_BOOLEANS),
        suppressed=draw(_SYMBOLS),
        not_available=draw(_SYMBOLS),
        not_applicable=draw(_SYMBOLS),
        totals_to_nearest=draw(_ROUNDINGS),
        percent_decimal_places=draw(between(0, 2)),
    )


_ROUNDINGS = st.sampled_from([1, 5, 10, 100])
_SURVEYS = surveys()
_MAYBE_SCALE = st.none() | judgement_scales()
_MAYBE_LEVEL = st.none() | between(1, 5)
_MAYBE_CEILING = st.none() | st.fractions(min_value=0, max_value=1, max_denominator=1_000)
_MAYBE_CONFIDENCE = st.none() | st.sampled_from([0.8, 0.9, 0.95, 0.99])
_MAYBE_DISCLOSURE = st.none() | disclosure_policies()


_QUARTERS = ("2021-22 Q1", "2021-22 Q2", "2021-22 Q3", "2021-22 Q4")


_REFERRAL_DAYS = st.lists(
    st.dates(dt.date(2020, 6, 1), dt.date(2022, 3, 31)), max_size=3, unique=True
)
_MAYBE_MODERATION_GRADE = st.none() | between(1, 5)


@st.composite
def case_histories(draw: st.DrawFn) -> tuple[CaseHistory, ...]:
    """Children referred in 2021-22 (some of them within 12 months of an earlier referral)."""
    return tuple(
        CaseHistory(f"K-{number:03d}", referrals=draw(_REFERRAL_DAYS))
        for number in range(draw(between(0, 12)))
    )


@st.composite
def moderation_sets(draw: st.DrawFn) -> ModerationSet:
    """Two or three practitioners grading one to three cases in one or two sub-areas.

    A practitioner may leave a sub-area ungraded (a gap).
    """
    raters = draw(between(2, 3))
    cases = draw(between(1, 3))
    sub_areas = ("A1", "B1")[: draw(between(1, 2))]
    return ModerationSet.from_rows(
        (f"P0{rater + 1}", f"M0{case + 1}", sub_area, draw(_MAYBE_MODERATION_GRADE))
        for rater in range(raters)
        for case in range(cases)
        for sub_area in sub_areas
    )


def _criteria(draw: st.DrawFn, period: PeriodRecords) -> tuple[Criterion, ...] | None:
    judged = sorted({code for audit in period.audits for code in audit.criteria})
    if not judged or draw(_BOOLEANS):
        return None
    return tuple(Criterion(code, draw(NAMES)) for code in pick(draw, judged, min_size=1))


# The report's optional sections, built once rather than at every draw.
_MAYBE_NEGLECT_BASIS = st.none() | st.sampled_from(NeglectBasis)
_KEY_INDICATORS = st.sampled_from(KeyIndicator)
_CASE_HISTORIES = case_histories()
_MAYBE_MODERATION = st.none() | moderation_sets()


@st.composite
def report_inputs(draw: st.DrawFn) -> ReportInput:
    """Inputs of the assurance report: a survey, one or two periods, options left or given.

    The optional sections are drawn too: a neglect basis, audit criteria judged in the
    period, a key indicator over quarters with the children's case histories, and a
    moderation set.
    """
    survey = draw(_SURVEYS)
    scale = draw(_MAYBE_SCALE)
    current = draw_period_records(draw, survey, scale)
    trend = draw(_BOOLEANS)
    return ReportInput(
        survey,
        current,
        None if draw(_BOOLEANS) else draw_period_records(draw, survey, scale),
        title=draw(_MAYBE_NAME),
        level_of_need=draw(_MAYBE_LEVEL),
        inadequate_ceiling=draw(_MAYBE_CEILING),
        confidence=draw(_MAYBE_CONFIDENCE),
        scale=scale,
        disclosure=draw(_MAYBE_DISCLOSURE),
        neglect_basis=draw(_MAYBE_NEGLECT_BASIS),
        key_indicator=draw(_KEY_INDICATORS) if trend else None,
        trend_periods=_QUARTERS[: draw(between(1, 4))] if trend else None,
        case_histories=draw(_CASE_HISTORIES) if trend else None,
        moderation=draw(_MAYBE_MODERATION),
        audit_criteria=_criteria(draw, current),
    )

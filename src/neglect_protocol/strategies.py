"""Hypothesis strategies for the library's value types (extra ``hypothesis``).

A downstream project can test its integration with values the library would
accept, without writing generators of its own:

>>> from hypothesis import given
>>> from neglect_protocol import score
>>> from neglect_protocol.strategies import assessments
>>> @given(assessments())
... def test_every_assessment_scores(assessment):
...     assert score(assessment).instrument is assessment.instrument
>>> test_every_assessment_scores()

Importing this module imports Hypothesis; ``import neglect_protocol`` does not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st

from neglect_protocol._api import publish
from neglect_protocol._logic._indicators import Cohort
from neglect_protocol._logic._rules import RollUpRule, worst
from neglect_protocol._logic._score import score
from neglect_protocol._logic._threshold_rules import (
    AllOf,
    AreaAtOrAbove,
    Deterioration,
    Drift,
    InfantStepUp,
    NamedSubAreasAtOrAbove,
    NoImprovement,
    PersistentBorderline,
    SubAreasAtOrAbove,
)
from neglect_protocol._model._assessment import (
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
)
from neglect_protocol._model._audit import AuditComment, CaseFileAudit, Judgement, JudgementScale
from neglect_protocol._model._catalogue import Catalogue, Instrument, Item, Phase
from neglect_protocol._model._escalation import LevelOfNeed, Rule, ThresholdPolicy
from neglect_protocol._model._grade import GRADES, Grade
from neglect_protocol._model._indicators import (
    CensusAgeBand,
    CohortRecord,
    GCP2Completion,
    PrimaryNeed,
)
from neglect_protocol._model._profile import Profile
from neglect_protocol._model._proportion import Proportion
from neglect_protocol._model._screening import Answer, Checklist, Screening, SignAnswer
from neglect_protocol._model._survey import AGREEMENT, YES_NO, Question, Survey, SurveyResponse
from neglect_protocol.catalogue import GCP2, GCP2A

__all__ = [
    "assessments",
    "audit_comments",
    "case_file_audits",
    "child_refs",
    "cohort_records",
    "cohorts",
    "concern_histories",
    "count_tables",
    "gcp2_completions",
    "grades",
    "histories",
    "infant_histories",
    "infant_profiles",
    "judgements",
    "observation_windows",
    "policies",
    "profile_histories",
    "profiles",
    "proportions",
    "references",
    "screenings",
    "survey_responses",
    "surveys",
    "threshold_rules",
]

_EARLIEST = dt.date(2000, 1, 1)
_LATEST = dt.date(2040, 12, 31)


def __dir__() -> list[str]:
    return __all__


def grades() -> st.SearchStrategy[Grade]:
    """Any grade, 1 to 5 (shrinking towards 1, the best)."""
    return st.sampled_from(GRADES)


def references(prefix: str = "C") -> st.SearchStrategy[str]:
    """Pseudonymous references such as ``C-0042``."""
    return st.integers(min_value=0, max_value=999_999).map(lambda n: f"{prefix}-{n:06d}")


def observation_windows(
    *, min_start: dt.date = _EARLIEST, max_start: dt.date = dt.date(2039, 12, 31)
) -> st.SearchStrategy[ObservationWindow]:
    """Observation windows of 1 to 42 days starting between the given dates."""
    return st.builds(
        lambda start, length: ObservationWindow(start, start + dt.timedelta(days=length)),
        st.dates(min_value=min_start, max_value=max_start),
        st.integers(min_value=0, max_value=41),
    )


def child_refs(
    *, on: dt.date, min_age_months: int = 0, max_age_months: int = 215
) -> st.SearchStrategy[ChildRef]:
    """Born children aged between the given completed months on the day ``on``."""
    latest_birth = _months_before(on, min_age_months)
    earliest_birth = _months_before(on, max_age_months + 1) + dt.timedelta(days=1)
    return st.builds(
        ChildRef,
        references("C"),
        date_of_birth=st.dates(min_value=earliest_birth, max_value=latest_birth),
    )


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    # Clamp the day to the last day of the target month.
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")  # pragma: no cover


def _ratable_codes(catalogue: Catalogue, age_months: int | None, unborn: bool) -> list[str]:
    codes: list[str] = []
    for node in catalogue.walk():
        if catalogue.instrument.is_antenatal:
            phase = catalogue.area_of(node.code).phase
            if (phase is Phase.ANTENATAL) != unborn:
                continue
        if (
            isinstance(node, Item)
            and node.age_bands
            and (age_months is None or not node.applies_to_age(age_months))
        ):
            continue
        codes.append(node.code)
    return codes


@st.composite
def assessments(
    draw: st.DrawFn,
    catalogue: Catalogue = GCP2,
    *,
    child: ChildRef | None = None,
    window: ObservationWindow | None = None,
    min_ratings: int = 0,
) -> Assessment:
    """Valid assessments for ``catalogue``: codes it has, items that suit the child's age.

    Args:
        draw: Supplied by Hypothesis.
        catalogue: The catalogue to rate against (GCP2 by default; pass a loaded one
            for item-level ratings, or GCP2A for antenatal assessments).
        child: A fixed child; drawn if omitted (unborn for GCP2A, born for GCP2).
        window: A fixed observation window; drawn if omitted.
        min_ratings: The fewest ratings to draw.
    """
    if window is None:
        window = draw(observation_windows())
    unborn = catalogue.instrument is Instrument.GCP2A and child is None and draw(st.booleans())
    if child is None:
        if unborn:
            child = ChildRef(
                draw(references("C")),
                expected_delivery_date=window.end
                + dt.timedelta(days=draw(st.integers(min_value=1, max_value=200))),
            )
        else:
            child = draw(
                child_refs(
                    on=window.start,
                    max_age_months=11 if catalogue.instrument is Instrument.GCP2A else 215,
                )
            )
    unborn = child.is_unborn_on(window.start)
    codes = _ratable_codes(catalogue, child.age_in_months_on(window.start), unborn)
    chosen = draw(
        st.lists(st.sampled_from(codes), min_size=min(min_ratings, len(codes)), unique=True)
    )
    ratings = tuple(Rating(code, draw(grades())) for code in chosen)
    targets: list[TargetedItem] = []
    for code in draw(st.lists(st.sampled_from(codes), max_size=2, unique=True)):
        current = draw(grades())
        target = draw(st.sampled_from([grade for grade in GRADES if grade <= current]))
        targets.append(
            TargetedItem(
                code,
                current,
                target,
                review_by=window.end + dt.timedelta(days=draw(st.integers(1, 180))),
                grade_at_review=draw(st.none() | grades()),
            )
        )
    return Assessment(
        child=child,
        window=window,
        ratings=ratings,
        instrument=catalogue.instrument,
        carers=(Carer(draw(references("P")), role="carer"),),
        practitioners=(Practitioner(draw(references("W")), agency="health"),),
        targets=tuple(targets),
        reference=draw(st.none() | references("A")),
    )


def profiles(
    catalogue: Catalogue = GCP2,
    *,
    rules: Sequence[RollUpRule] = (worst,),
) -> st.SearchStrategy[Profile]:
    """Profiles of valid assessments, scored with one of ``rules``."""
    return st.builds(
        lambda assessment, rule: score(assessment, catalogue=catalogue, rule=rule),
        assessments(catalogue),
        st.sampled_from(list(rules)),
    )


@st.composite
def histories(
    draw: st.DrawFn,
    catalogue: Catalogue = GCP2,
    *,
    min_size: int = 1,
    max_size: int = 4,
) -> tuple[Assessment, ...]:
    """Assessments of one child, ordered by window, windows never overlapping.

    The first is the baseline; the rest are reviews 4 to 26 weeks apart. With
    GCP2A the child is a newborn at the baseline, at most three assessments are
    drawn and reviews come 4 to 8 weeks apart, so that every one falls within the
    postnatal section's first year.
    """
    infant = catalogue.instrument.is_antenatal
    if infant:
        max_size = min(max_size, 3)
    count = draw(st.integers(min_value=min(min_size, max_size), max_value=max_size))
    first = draw(observation_windows(max_start=dt.date(2030, 12, 31)))
    child = draw(child_refs(on=first.start, max_age_months=0 if infant else 180))
    result: list[Assessment] = []
    window = first
    for _ in range(count):
        result.append(draw(assessments(catalogue, child=child, window=window)))
        longest = 8 if infant else 26
        gap = dt.timedelta(weeks=draw(st.integers(min_value=4, max_value=longest)))
        start = window.end + gap
        window = ObservationWindow(start, start + (window.end - window.start))
    return tuple(result)


publish(
    __name__,
    assessments,
    child_refs,
    grades,
    histories,
    observation_windows,
    profiles,
    references,
)


# --- Statistics: proportions -------------------------------------------------------------


@st.composite
def proportions(draw: st.DrawFn, *, min_total: int = 1, max_total: int = 1_000) -> Proportion:
    """Any valid proportion with a total from ``min_total`` to ``max_total``.

    >>> from hypothesis import given
    >>> @given(proportions(max_total=30))
    ... def test_share_is_a_fraction_of_one(proportion):
    ...     assert 0 <= proportion.share <= 1
    >>> test_share_is_a_fraction_of_one()
    """
    total = draw(st.integers(min_value=min_total, max_value=max_total))
    positive = draw(st.integers(min_value=0, max_value=total))
    return Proportion(positive, total)


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
    rows = draw(st.integers(min_value=1, max_value=max_rows))
    columns = draw(st.integers(min_value=1, max_value=max_columns))
    count = st.one_of(
        st.integers(min_value=0, max_value=min(6, max_count)),
        st.integers(min_value=0, max_value=max_count),
    )
    return tuple(tuple(draw(count) for _ in range(columns)) for _ in range(rows))


publish(__name__, count_tables, proportions)


# --- Partnership metrics: audits, surveys and the cohort ----------------------------------

AUDIT_THEMES = ("engaging children", "identifying worries", "wishes and feelings")
"""Invented comment themes the audit strategies draw from by default."""


def _scale(scale: JudgementScale | None) -> JudgementScale:
    if scale is None:
        from neglect_protocol._boundary._builtin import builtin_judgement_scale

        return builtin_judgement_scale()
    return scale


def judgements(scale: JudgementScale | None = None) -> st.SearchStrategy[Judgement]:
    """Any judgement of ``scale`` (Ofsted's four-point scale by default), best first."""
    return st.sampled_from(_scale(scale).judgements)


def audit_comments(themes: Sequence[str] = AUDIT_THEMES) -> st.SearchStrategy[AuditComment]:
    """Auditors' comments on one of ``themes``, positive or negative, with invented text."""
    return st.builds(
        AuditComment,
        st.sampled_from(list(themes)),
        st.sampled_from(["positive", "negative"]),
        text=st.just("invented comment"),
    )


def case_file_audits(
    scale: JudgementScale | None = None,
    *,
    teams: Sequence[str] = ("North", "South", "East"),
    themes: Sequence[str] = AUDIT_THEMES,
) -> st.SearchStrategy[CaseFileAudit]:
    """Case-file audits graded on ``scale``, held by one of ``teams``, with 0 to 6 comments."""
    return st.builds(
        CaseFileAudit,
        references("F"),
        st.sampled_from(list(teams)),
        st.dates(min_value=dt.date(2018, 4, 1), max_value=dt.date(2030, 3, 31)),
        judgements(scale),
        st.lists(audit_comments(themes), max_size=6).map(tuple),
    )


@st.composite
def surveys(draw: st.DrawFn, *, max_questions: int = 4) -> Survey:
    """Surveys of 1 to ``max_questions`` yes/no or agreement questions, with 1 to 3 groups.

    Which answers count as positive is drawn too: any non-empty proper subset of
    the scale's answers.
    """
    questions: list[Question] = []
    for number in range(draw(st.integers(min_value=1, max_value=max_questions))):
        scale = draw(st.sampled_from([YES_NO, AGREEMENT]))
        positive = draw(
            st.sets(st.sampled_from(scale.answers), min_size=1, max_size=len(scale.answers) - 1)
        )
        questions.append(
            Question(f"q{number + 1}", f"Invented question {number + 1}?", scale, positive)
        )
    groups = draw(
        st.lists(
            st.sampled_from(["family", "professional", "young person"]), min_size=1, unique=True
        )
    )
    return Survey("Invented survey", tuple(questions), tuple(groups))


@st.composite
def survey_responses(draw: st.DrawFn, survey: Survey) -> SurveyResponse:
    """Valid responses to ``survey``: a group it asks and, per question, an answer or a skip.

    A skip is drawn both ways a form records one: the question left out, or
    answered ``None``.
    """
    answers: dict[str, str | None] = {}
    for question in survey.questions:
        choice = draw(st.sampled_from([*question.scale.answers, "(left out)", None]))
        if choice != "(left out)":
            answers[question.code] = choice
    return SurveyResponse(draw(references("R")), draw(st.sampled_from(survey.groups)), answers)


def cohort_records(*, max_level: int = 4) -> st.SearchStrategy[CohortRecord]:
    """Records of one child: any primary need and age band, level 1 to ``max_level``."""
    return st.builds(
        CohortRecord,
        references("C"),
        st.sampled_from(PrimaryNeed),
        st.sampled_from(CensusAgeBand),
        st.integers(min_value=1, max_value=max_level),
        st.booleans(),
    )


def cohorts(*, max_size: int = 60, max_level: int = 4) -> st.SearchStrategy[Cohort]:
    """Cohorts of up to ``max_size`` children, each child once."""
    return st.lists(
        cohort_records(max_level=max_level),
        max_size=max_size,
        unique_by=lambda record: record.reference,
    ).map(lambda records: Cohort(tuple(records)))


def gcp2_completions(
    *, agencies: Sequence[str] = ("health", "education", "police", "social care")
) -> st.SearchStrategy[GCP2Completion]:
    """GCP2s completed by one of 20 practitioners in one of ``agencies``."""
    return st.builds(
        GCP2Completion,
        st.integers(min_value=1, max_value=20).map(lambda n: f"W-{n:02d}"),
        st.sampled_from(list(agencies)),
        st.integers(min_value=1, max_value=4),
        st.sampled_from(CensusAgeBand),
    )


publish(
    __name__,
    audit_comments,
    case_file_audits,
    cohort_records,
    cohorts,
    gcp2_completions,
    judgements,
    survey_responses,
    surveys,
)


# --- Escalation: threshold rules and policies, profile histories, screenings ------------

_AREA_CODES = tuple(area.code for catalogue in (GCP2, GCP2A) for area in catalogue.areas)
_UNIT_CODES = tuple(
    code
    for catalogue in (GCP2, GCP2A)
    for code in (
        *(sub_area.code for sub_area in catalogue.sub_areas),
        *(
            area.code
            for area in catalogue.areas
            if area.code not in {sub_area.area for sub_area in catalogue.sub_areas}
        ),
    )
)


def _simple_rules(levels: Sequence[int]) -> st.SearchStrategy[Rule]:
    level = st.sampled_from(list(levels))
    return st.one_of(
        st.builds(
            AreaAtOrAbove,
            grade=grades(),
            level=level,
            areas=st.lists(st.sampled_from(_AREA_CODES), unique=True, max_size=3).map(tuple),
            count=st.integers(1, 4),
        ),
        st.builds(SubAreasAtOrAbove, grade=grades(), level=level, count=st.integers(1, 6)),
        st.builds(
            NamedSubAreasAtOrAbove,
            codes=st.lists(st.sampled_from(_UNIT_CODES), unique=True, min_size=1, max_size=4).map(
                tuple
            ),
            grade=grades(),
            level=level,
        ),
        st.builds(NoImprovement, level=level, grade=st.none() | grades()),
        st.builds(Deterioration, level=level, grade=st.none() | grades()),
        st.builds(
            PersistentBorderline,
            level=level,
            assessments=st.integers(2, 4),
            count=st.integers(1, 4),
            grade=st.none() | grades(),
        ),
        st.builds(Drift, level=level),
    )


def threshold_rules(levels: Sequence[int] = (1, 2, 3, 4)) -> st.SearchStrategy[Rule]:
    """Any of the library's threshold rules, naming only ``levels`` and built-in codes.

    Joins of up to three simple rules (:class:`~neglect_protocol.escalation.AllOf`)
    are drawn too.

    Args:
        levels: The level numbers the rules may propose.
    """
    simple = _simple_rules(levels)
    return st.one_of(
        simple,
        st.builds(
            AllOf,
            rules=st.lists(simple, min_size=1, max_size=3).map(tuple),
            level=st.none() | st.sampled_from(list(levels)),
        ),
    )


@st.composite
def policies(
    draw: st.DrawFn,
    *,
    max_levels: int = 5,
    max_rules: int = 6,
    infant_modifier: bool | None = None,
) -> ThresholdPolicy:
    """Valid threshold policies: rising level numbers, rules naming only those levels.

    Args:
        draw: Supplied by Hypothesis.
        max_levels: The most levels to draw (at least one is).
        max_rules: The most rules to draw (at least one is: a policy needs a rule).
        infant_modifier: ``True`` to always add an infant modifier, ``False`` for
            never, ``None`` to draw either.
    """
    numbers = sorted(draw(st.sets(st.integers(1, 9), min_size=1, max_size=max_levels)))
    levels = tuple(
        LevelOfNeed(
            number, f"Level {number}", f"response at level {number}", draw(st.integers(1, 400))
        )
        for number in numbers
    )
    rules = tuple(draw(st.lists(threshold_rules(numbers), min_size=1, max_size=max_rules)))
    with_modifier = draw(st.booleans()) if infant_modifier is None else infant_modifier
    modifiers = (
        (InfantStepUp(steps=draw(st.integers(1, 3)), under_months=draw(st.integers(1, 24))),)
        if with_modifier
        else ()
    )
    return ThresholdPolicy(
        name="Drawn policy",
        version="1",
        levels=levels,
        rules=rules,
        drift_period_days=draw(st.integers(1, 400)),
        modifiers=modifiers,
        concern_grade=draw(grades()),
    )


def profile_histories(
    catalogue: Catalogue = GCP2, *, min_size: int = 1, max_size: int = 4
) -> st.SearchStrategy[tuple[Profile, ...]]:
    """:func:`histories`, each assessment scored (with the ``worst`` rule) into a profile."""
    return histories(catalogue, min_size=min_size, max_size=max_size).map(
        lambda history: tuple(score(assessment, catalogue=catalogue) for assessment in history)
    )


@st.composite
def infant_histories(draw: st.DrawFn, *, max_size: int = 4) -> tuple[Profile, ...]:
    """One baby's profiles along the infant pathway, oldest first.

    The first is a GCP2A before the birth; later ones, 4 to 26 weeks apart and all
    after the birth, are GCP2A (postnatal section) while the baby is under one and
    GCP2 after that. The record gains a date of birth once the baby is born.

    Args:
        draw: Supplied by Hypothesis.
        max_size: The most profiles to draw (at least one is).
    """
    first = draw(observation_windows(max_start=dt.date(2030, 12, 31)))
    due = first.end + dt.timedelta(days=draw(st.integers(min_value=1, max_value=120)))
    born = max(
        first.end + dt.timedelta(days=1),
        due + dt.timedelta(days=draw(st.integers(min_value=-21, max_value=14))),
    )
    reference = draw(references("C"))
    unborn = ChildRef(reference, expected_delivery_date=due)
    baby = ChildRef(reference, date_of_birth=born, expected_delivery_date=due)
    result = [score(draw(assessments(GCP2A, child=unborn, window=first)), catalogue=GCP2A)]
    window = first
    for _ in range(draw(st.integers(min_value=0, max_value=max_size - 1))):
        gap = dt.timedelta(weeks=draw(st.integers(min_value=4, max_value=26)))
        start = max(window.end + gap, born)
        window = ObservationWindow(start, start + (first.end - first.start))
        age = baby.age_in_months_on(start)
        catalogue = GCP2A if age is not None and age < 12 else GCP2
        result.append(
            score(draw(assessments(catalogue, child=baby, window=window)), catalogue=catalogue)
        )
    return tuple(result)


@st.composite
def infant_profiles(draw: st.DrawFn) -> Profile:
    """Babies' profiles with at least one grade: GCP2A (unborn or newborn), or GCP2 under one."""
    if draw(st.booleans()):
        return score(draw(assessments(GCP2A, min_ratings=1)), catalogue=GCP2A)
    window = draw(observation_windows(min_start=dt.date(2001, 1, 1)))
    child = draw(child_refs(on=window.start, max_age_months=10))
    return score(draw(assessments(GCP2, child=child, window=window, min_ratings=1)), catalogue=GCP2)


@st.composite
def screenings(draw: st.DrawFn, checklist: Checklist | None = None) -> Screening:
    """Completed screenings against ``checklist`` (the shipped one by default).

    Any subset of signs is answered, with evidence wherever the answer needs it.
    """
    if checklist is None:
        from neglect_protocol._boundary._builtin import builtin_checklist

        checklist = builtin_checklist()
    chosen = draw(st.lists(st.sampled_from(checklist.signs), unique=True))
    answers = tuple(
        SignAnswer(sign.code, answer, evidence=f"drawn evidence {index}")
        for index, (sign, answer) in enumerate(
            (sign, draw(st.sampled_from(list(Answer)))) for sign in chosen
        )
    )
    completed_on = draw(st.dates(_EARLIEST, _LATEST))
    return Screening(
        child=draw(child_refs(on=completed_on)),
        completed_on=completed_on,
        answers=answers,
        screener=draw(st.none() | references("W")),
        reference=draw(st.none() | references("S")),
    )


@st.composite
def concern_histories(
    draw: st.DrawFn,
    *,
    codes: Sequence[str] = ("A", "A1", "A4", "B", "B2", "C1", "D", "D1"),
    max_size: int = 5,
) -> tuple[Assessment, ...]:
    """One child's GCP2 assessments that keep coming back to the same few codes.

    Each assessment grades some of ``codes`` (areas and sub-areas alike, so area
    grades may be entered over sub-areas or alone) at 2 to 5, and leaves others
    out, so that baselines, gaps, persistence, deterioration and drift all come
    into play. Reviews are 4 to 26 weeks apart; the child may be a baby, so the
    infant modifier can lapse along the way.

    Args:
        draw: Supplied by Hypothesis.
        codes: The codes the assessments choose from.
        max_size: The most assessments to draw (at least one is).
    """
    first = draw(observation_windows(max_start=dt.date(2030, 12, 31)))
    child = draw(child_refs(on=first.start, max_age_months=180))
    result: list[Assessment] = []
    window = first
    for _ in range(draw(st.integers(min_value=1, max_value=max_size))):
        chosen = draw(st.lists(st.sampled_from(list(codes)), unique=True))
        ratings = tuple(Rating(code, draw(st.integers(2, 5))) for code in chosen)
        result.append(Assessment(child, window, ratings))
        start = window.end + dt.timedelta(weeks=draw(st.integers(min_value=4, max_value=26)))
        window = ObservationWindow(start, start + (window.end - window.start))
    return tuple(result)


publish(
    __name__,
    concern_histories,
    infant_histories,
    infant_profiles,
    policies,
    profile_histories,
    screenings,
    threshold_rules,
)

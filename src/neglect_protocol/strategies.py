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
from neglect_protocol._logic._breakdowns import Cohort
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
from neglect_protocol._model._cohort import (
    CensusAgeBand,
    CohortRecord,
    GCP2Completion,
    PrimaryNeed,
)
from neglect_protocol._model._escalation import LevelOfNeed, Rule, ThresholdPolicy
from neglect_protocol._model._grade import GRADES, Grade
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
    "clustered_cohorts",
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
    "sparse_count_tables",
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
    count = st.one_of(
        st.integers(min_value=0, max_value=min(6, max_count)),
        st.integers(min_value=0, max_value=max_count),
    )
    return _count_grid(draw, count, max_rows, max_columns)


def _count_grid(
    draw: st.DrawFn, count: st.SearchStrategy[int], max_rows: int, max_columns: int
) -> tuple[tuple[int, ...], ...]:
    """A rectangle of 1 to ``max_rows`` by 1 to ``max_columns`` counts drawn from ``count``."""
    rows = draw(st.integers(min_value=1, max_value=max_rows))
    columns = draw(st.integers(min_value=1, max_value=max_columns))
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


# --- Catalogues, free text and type registration (interop, issue 5) ---
#
# Kept in a section of its own so that other additions to this module merge cleanly.

from typing import Any  # noqa: E402

from neglect_protocol._model._catalogue import AgeBand, Area, SubArea  # noqa: E402
from neglect_protocol._model._profile import ProfileEntry  # noqa: E402

__all__ += [
    "age_bands",
    "any_child_refs",
    "assessments_with_evidence",
    "catalogues",
    "free_text",
    "register_type_strategies",
    "type_strategies",
]

_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_MAX_MONTHS = 216


def free_text(*, max_size: int = 200) -> st.SearchStrategy[str]:
    """Free text as a practitioner or carer might write it, in any script (may be empty)."""
    return st.text(max_size=max_size)


def _names() -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=30).filter(lambda name: bool(name.strip()))


@st.composite
def age_bands(draw: st.DrawFn, *, max_size: int = 3) -> tuple[AgeBand, ...]:
    """The age bands of one item: up to ``max_size`` bands that do not overlap, youngest first.

    The last band may be open-ended; an empty tuple means every age.
    """
    count = draw(st.integers(min_value=0, max_value=max_size))
    edges = sorted(
        draw(
            st.lists(
                st.integers(min_value=0, max_value=_MAX_MONTHS),
                min_size=2 * count,
                max_size=2 * count,
                unique=True,
            )
        )
    )
    bands = [AgeBand(edges[2 * n], edges[2 * n + 1]) for n in range(count)]
    open_ended: bool = draw(st.booleans())
    if bands and open_ended:
        bands[-1] = AgeBand(bands[-1].from_months, None)
    return tuple(bands)


@st.composite
def catalogues(
    draw: st.DrawFn,
    instrument: Instrument | None = None,
    *,
    max_areas: int = 4,
    max_sub_areas: int = 3,
    max_items: int = 3,
) -> Catalogue:
    """Valid catalogues with areas, sub-areas and items with descriptors and age bands.

    GCP2A catalogues have two or more sections (areas without sub-areas), the first
    antenatal, the last postnatal and any between either; GCP2 catalogues mix areas
    with and without sub-areas. Items sit under every kind of parent, up to
    ``max_items`` each.

    Args:
        draw: Supplied by Hypothesis.
        instrument: The instrument; drawn if omitted.
        max_areas: The most areas.
        max_sub_areas: The most sub-areas in one area (GCP2 only).
        max_items: The most items under one parent.
    """
    if instrument is None:
        instrument = draw(st.sampled_from(list(Instrument)))
    antenatal = instrument.is_antenatal
    letters = draw(
        st.lists(
            st.sampled_from(_LETTERS),
            min_size=2 if antenatal else 1,
            max_size=max(max_areas, 2),
            unique=True,
        )
    )
    areas: list[Area] = []
    sub_areas: list[SubArea] = []
    parents: list[str] = []
    for position, letter in enumerate(letters):
        # GCP2A has sections before and after the birth: the first is antenatal and
        # the last postnatal, so that a child of either kind has something to rate.
        phase = None
        if antenatal:
            phase = (
                Phase.ANTENATAL
                if position == 0
                else Phase.POSTNATAL
                if position == len(letters) - 1
                else draw(st.sampled_from(list(Phase)))
            )
        areas.append(Area(letter, draw(_names()), draw(st.none() | _names()), phase))
        count = 0 if antenatal else draw(st.integers(0, max_sub_areas))
        for number in range(1, count + 1):
            sub_areas.append(SubArea(f"{letter}{number}", draw(_names()), letter))
            parents.append(f"{letter}{number}")
        if count == 0:
            parents.append(letter)
    items: list[Item] = []
    for parent in parents:
        for suffix in "abcdefgh"[: draw(st.integers(0, max_items))]:
            descriptors = draw(st.dictionaries(grades(), _names(), max_size=5))
            items.append(
                Item(f"{parent}{suffix}", draw(_names()), parent, descriptors, draw(age_bands()))
            )
    return Catalogue(
        draw(_names()),
        draw(st.text(max_size=12)),
        instrument,
        tuple(areas),
        tuple(sub_areas),
        tuple(items),
    )


@st.composite
def any_child_refs(draw: st.DrawFn) -> ChildRef:
    """Children born, unborn, or born with their expected delivery date still recorded.

    A child with both dates is born between 24 weeks before and 6 weeks after the
    due date, as :class:`~neglect_protocol.assessment.ChildRef` requires.
    """
    kind = draw(st.sampled_from(["born", "unborn", "both"]))
    day = draw(st.dates(min_value=_EARLIEST, max_value=_LATEST))
    born = None if kind == "unborn" else day
    expected = None
    if kind != "born":
        expected = day + dt.timedelta(days=draw(st.integers(-42, 24 * 7)))
    return ChildRef(draw(references("C")), date_of_birth=born, expected_delivery_date=expected)


@st.composite
def assessments_with_evidence(draw: st.DrawFn, catalogue: Catalogue = GCP2) -> Assessment:
    """Assessments with free-text evidence, carers' comments, roles and agencies.

    Drawn like :func:`~neglect_protocol.strategies.assessments`, then given text.

    Use it to check that free text survives a round trip, and never leaks into a
    ``repr`` or an error message.
    """
    assessment = draw(assessments(catalogue))
    ratings = tuple(
        Rating(
            rating.code,
            rating.grade,
            evidence=draw(free_text()),
            carer_comment=draw(st.none() | free_text()),
        )
        for rating in assessment.ratings
    )
    carers = tuple(
        Carer(draw(references("P")), role=draw(st.none() | _names()))
        for _ in range(draw(st.integers(0, 3)))
    )
    practitioners = tuple(
        Practitioner(draw(references("W")), agency=draw(st.none() | _names()))
        for _ in range(draw(st.integers(0, 2)))
    )
    return Assessment(
        child=assessment.child,
        window=assessment.window,
        ratings=ratings,
        instrument=assessment.instrument,
        carers=carers,
        practitioners=practitioners,
        targets=assessment.targets,
        reference=assessment.reference,
    )


def _profile_entries() -> st.SearchStrategy[ProfileEntry]:
    return profiles().flatmap(lambda profile: st.sampled_from((*profile.areas, *profile.sub_areas)))


def type_strategies() -> dict[type, st.SearchStrategy[Any]]:
    """A strategy for each public value type, as registered for ``st.from_type``.

    >>> from neglect_protocol import Catalogue
    >>> type_strategies()[Catalogue]
    catalogues()
    """
    return {
        Grade: grades(),
        AgeBand: age_bands(max_size=1).filter(bool).map(lambda bands: bands[0]),
        Area: catalogues().flatmap(lambda catalogue: st.sampled_from(catalogue.areas)),
        SubArea: catalogues(Instrument.GCP2)
        .filter(lambda catalogue: bool(catalogue.sub_areas))
        .flatmap(lambda catalogue: st.sampled_from(catalogue.sub_areas)),
        Item: catalogues()
        .filter(lambda catalogue: bool(catalogue.items))
        .flatmap(lambda catalogue: st.sampled_from(catalogue.items)),
        Catalogue: catalogues(),
        ChildRef: any_child_refs(),
        Carer: st.builds(Carer, references("P"), role=st.none() | _names()),
        Practitioner: st.builds(Practitioner, references("W"), agency=st.none() | _names()),
        ObservationWindow: observation_windows(),
        Rating: st.builds(
            Rating,
            st.text(max_size=8),
            grades(),
            evidence=free_text(),
            carer_comment=st.none() | free_text(),
        ),
        TargetedItem: assessments(min_ratings=1)
        .filter(lambda assessment: bool(assessment.targets))
        .map(lambda assessment: assessment.targets[0]),
        Assessment: st.one_of(
            assessments_with_evidence(),
            catalogues().flatmap(assessments_with_evidence),
        ),
        Profile: st.one_of(profiles(), catalogues().flatmap(profiles)),
        ProfileEntry: _profile_entries(),
        # The escalation and metrics types, from the section at the end of this module.
        **_more_type_strategies(),
    }


def register_type_strategies() -> None:
    """Register :func:`~neglect_protocol.strategies.type_strategies` for ``st.from_type``.

    The distribution's ``hypothesis`` entry point registers the same strategies
    (built when first drawn) whenever Hypothesis is imported, so ``st.from_type``
    and ``@given`` with type annotations draw valid values with no set-up. Call this
    where entry points are not loaded.

    >>> from hypothesis import find, strategies as st
    >>> from neglect_protocol import Assessment
    >>> register_type_strategies()
    >>> find(st.from_type(Assessment), lambda assessment: len(assessment.ratings) > 2).ratings[2]
    Rating(code=..., grade=<Grade.BEST: 1>)
    """
    for kind, strategy in type_strategies().items():
        st.register_type_strategy(kind, strategy)


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
    age_bands,
    any_child_refs,
    assessments_with_evidence,
    catalogues,
    free_text,
    register_type_strategies,
    type_strategies,
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
    return st.one_of(*_simple_rules_by_kind(levels).values())


def _simple_rules_by_kind(levels: Sequence[int]) -> dict[type, st.SearchStrategy[Rule]]:
    """A strategy for each simple rule kind (all but joins), by class."""
    level = st.sampled_from(list(levels))
    return {
        AreaAtOrAbove: st.builds(
            AreaAtOrAbove,
            grade=grades(),
            level=level,
            areas=st.lists(st.sampled_from(_AREA_CODES), unique=True, max_size=3).map(tuple),
            count=st.integers(1, 4),
        ),
        SubAreasAtOrAbove: st.builds(
            SubAreasAtOrAbove, grade=grades(), level=level, count=st.integers(1, 6)
        ),
        NamedSubAreasAtOrAbove: st.builds(
            NamedSubAreasAtOrAbove,
            codes=st.lists(st.sampled_from(_UNIT_CODES), unique=True, min_size=1, max_size=4).map(
                tuple
            ),
            grade=grades(),
            level=level,
        ),
        NoImprovement: st.builds(NoImprovement, level=level, grade=st.none() | grades()),
        Deterioration: st.builds(Deterioration, level=level, grade=st.none() | grades()),
        PersistentBorderline: st.builds(
            PersistentBorderline,
            level=level,
            assessments=st.integers(2, 4),
            count=st.integers(1, 4),
            grade=st.none() | grades(),
        ),
        Drift: st.builds(Drift, level=level),
    }


def threshold_rules(levels: Sequence[int] = (1, 2, 3, 4)) -> st.SearchStrategy[Rule]:
    """Any of the library's threshold rules, naming only ``levels`` and built-in codes.

    Joins of up to three simple rules (:class:`~neglect_protocol.escalation.AllOf`)
    are drawn too.

    Args:
        levels: The level numbers the rules may propose.
    """
    return st.one_of(_simple_rules(levels), _joins(levels))


def _joins(levels: Sequence[int]) -> st.SearchStrategy[Rule]:
    """Joins of up to three simple rules, with or without a level of their own."""
    return st.builds(
        AllOf,
        rules=st.lists(_simple_rules(levels), min_size=1, max_size=3).map(tuple),
        level=st.none() | st.sampled_from(list(levels)),
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
        from neglect_protocol._boundary._screening_file import builtin_checklist

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


# --- Disclosure control: sparse tables like a county's -----------------------------------


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

    >>> from hypothesis import given
    >>> @given(sparse_count_tables(max_rows=2, max_columns=2))
    ... def test_counts_are_whole(table):
    ...     assert all(count >= 0 for row in table for count in row)
    >>> test_counts_are_whole()
    """
    count = st.one_of(
        st.just(0),
        st.integers(min_value=1, max_value=min(5, max_count)),
        st.integers(min_value=min(6, max_count), max_value=max_count),
    )
    return _count_grid(draw, count, max_rows, max_columns)


publish(__name__, sparse_count_tables)


@st.composite
def clustered_cohorts(draw: st.DrawFn, *, level: int = 4) -> Cohort:
    """Cohorts at one level of need whose children cluster in a few needs and age bands.

    Up to four primary needs (abuse or neglect, N1, in about half), each in up to
    four age bands, with 0 to 20 children in and out of care per band: small counts
    sit beside larger ones, as in a county's tables.
    """
    needs = draw(st.lists(st.sampled_from(PrimaryNeed), min_size=1, max_size=4, unique=True))
    if PrimaryNeed.N1 not in needs and draw(st.booleans()):
        needs.append(PrimaryNeed.N1)
    count = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20])
    records: list[CohortRecord] = []
    for need in needs:
        bands = draw(st.lists(st.sampled_from(CensusAgeBand), min_size=1, max_size=4, unique=True))
        for band in bands:
            for looked_after in (False, True):
                start = len(records)
                records += [
                    CohortRecord(f"C-{start + number}", need, band, level, looked_after)
                    for number in range(draw(count))
                ]
    return Cohort(tuple(records))


publish(__name__, clustered_cohorts)


# --- Documents of escalation and metrics: decisions, screening, audits, the report input ---
#
# Interop (issue 5): a strategy for every document type the escalation and metrics
# parts add, with free text drawn in any script wherever a value holds some, so
# that round trips are tested on what practitioners really write.


import attrs  # noqa: E402

from neglect_protocol._boundary._report_input import ReportInput  # noqa: E402
from neglect_protocol._logic._assurance import PeriodRecords  # noqa: E402
from neglect_protocol._logic._decide import decide  # noqa: E402
from neglect_protocol._logic._screening_rules import (  # noqa: E402
    DomainsWithSigns,
    NamedSigns,
    NotKnown,
    SeriousSigns,
    SignsAnswered,
    screen,
)
from neglect_protocol._model._audit import Criterion  # noqa: E402
from neglect_protocol._model._cohort import ImplementationMeasures  # noqa: E402
from neglect_protocol._model._disclosure import (  # noqa: E402
    DisclosurePolicy,
    Missing,
    Suppression,
)
from neglect_protocol._model._escalation import Decision  # noqa: E402
from neglect_protocol._model._screening import (  # noqa: E402
    Domain,
    ScreeningDecision,
    ScreeningOutcome,
    ScreeningPolicy,
    Sign,
)

__all__ += [
    "checklists",
    "decisions",
    "disclosure_policies",
    "implementation_measures",
    "judgement_scales",
    "period_records",
    "report_inputs",
    "screening_decisions",
    "screening_policies",
]

_ANSWERS = list(Answer)
_OUTCOMES = list(ScreeningOutcome)


def _evidence(answer: Answer) -> st.SearchStrategy[str]:
    """Free text as evidence; an answer of applies or sometimes needs some that is not blank."""
    if answer in (Answer.APPLIES, Answer.SOMETIMES):
        return free_text().filter(lambda text: bool(text.strip()))
    return free_text()


@st.composite
def decisions(
    draw: st.DrawFn, policy: ThresholdPolicy | None = None, *, overrides: int | None = None
) -> Decision:
    """Decisions under ``policy`` (drawn if omitted), perhaps overridden with a free-text rationale.

    Args:
        draw: Supplied by Hypothesis.
        policy: The policy deciding; drawn with :func:`policies` if omitted.
        overrides: How many professional overrides to stack on the decision (0 to 2
            drawn if omitted); each changes the level and keeps the one before.
    """
    if policy is None:
        policy = draw(policies(max_rules=4))
    history = draw(profile_histories(max_size=3))
    decision = decide(history[-1], policy=policy, history=history[:-1])
    count = draw(st.integers(0, 2)) if overrides is None else overrides
    for _ in range(count if len(policy.levels) > 1 else 0):
        level = draw(st.sampled_from([level for level in policy.levels if level != decision.level]))
        decision = decision.override(
            level.number,
            rationale=draw(free_text().filter(lambda text: bool(text.strip()))),
            by=draw(references("W")),
            on=draw(st.none() | st.dates(decision.window.end, _LATEST)),
        )
    return decision


@st.composite
def checklists(draw: st.DrawFn, *, max_domains: int = 4, max_signs: int = 3) -> Checklist:
    """Screening checklists of 1 to ``max_domains`` domains, each with signs.

    Signs are listed in any order, not always grouped by domain, as a checklist may
    list them.
    """
    count = draw(st.integers(1, max_domains))
    domains = tuple(Domain(f"D{number}", draw(_names())) for number in range(1, count + 1))
    signs = [
        Sign(f"{domain.code}S{number}", domain.code, draw(_names()), draw(st.booleans()))
        for domain in domains
        for number in range(1, draw(st.integers(1, max_signs)) + 1)
    ]
    order = draw(st.permutations(signs))
    return Checklist(draw(_names()), draw(_names()), domains, tuple(order))


@st.composite
def screening_policies(draw: st.DrawFn, checklist: Checklist | None = None) -> ScreeningPolicy:
    """Screening policies of 1 to 4 of the library's outcome rules, on ``checklist``.

    The checklist is the shipped one when omitted, or drawn when ``None`` is not
    wanted: pass one from :func:`checklists`.
    """
    if checklist is None:
        from neglect_protocol._boundary._screening_file import builtin_checklist

        checklist = builtin_checklist()
    outcome = st.sampled_from(_OUTCOMES)
    answers = st.lists(st.sampled_from(_ANSWERS), min_size=1, max_size=2, unique=True).map(tuple)
    domains = [domain.code for domain in checklist.domains]
    signs = [sign.code for sign in checklist.signs]
    rule = st.one_of(
        st.builds(
            SignsAnswered,
            outcome,
            st.integers(1, 5),
            answers,
            st.lists(st.sampled_from(domains), unique=True, max_size=2).map(tuple),
        ),
        st.builds(DomainsWithSigns, outcome, st.integers(1, 3), answers),
        st.builds(SeriousSigns, outcome, answers),
        st.builds(
            NamedSigns,
            outcome,
            st.lists(st.sampled_from(signs), unique=True, min_size=1, max_size=3).map(tuple),
            answers,
        ),
        st.builds(NotKnown, outcome, st.integers(1, 10)),
    )
    rules = tuple(draw(st.lists(rule, min_size=1, max_size=4)))
    return ScreeningPolicy(draw(_names()), draw(_names()), checklist, rules)


@st.composite
def _screenings_with_evidence(draw: st.DrawFn) -> Screening:
    screening = draw(screenings())
    answers = tuple(
        SignAnswer(answer.sign, answer.answer, evidence=draw(_evidence(answer.answer)))
        for answer in screening.answers
    )
    return attrs.evolve(screening, answers=answers)


@st.composite
def screening_decisions(
    draw: st.DrawFn, policy: ScreeningPolicy | None = None
) -> ScreeningDecision:
    """The outcome of a drawn screening under ``policy`` (drawn on a drawn checklist if omitted)."""
    if policy is None:
        policy = draw(screening_policies(draw(st.none() | checklists())))
    return screen(draw(screenings(policy.checklist)), policy=policy)


@st.composite
def judgement_scales(draw: st.DrawFn, *, max_size: int = 6) -> JudgementScale:
    """Audit judgement scales of 2 to ``max_size`` judgements, best first."""
    size = draw(st.integers(2, max_size))
    good = draw(st.integers(0, size - 2))
    inadequate = draw(st.integers(good + 1, size - 1))
    codes = [f"j{number}" for number in range(1, size + 1)]
    return JudgementScale.from_labels(
        draw(_names()),
        draw(_names()),
        [(code, draw(_names())) for code in codes],
        good_or_better=codes[good],
        inadequate=codes[inadequate],
    )


@st.composite
def _audits_with_text(draw: st.DrawFn, scale: JudgementScale | None = None) -> CaseFileAudit:
    audit = draw(case_file_audits(scale))
    comments = tuple(
        AuditComment(comment.theme, comment.polarity, text=draw(free_text()))
        for comment in audit.comments
    )
    criteria = draw(
        st.dictionaries(st.sampled_from(["voice", "plan", "oversight"]), judgements(scale))
    )
    return CaseFileAudit(audit.reference, audit.team, audit.date, audit.grade, comments, criteria)


@st.composite
def implementation_measures(draw: st.DrawFn, *, max_completions: int = 8) -> ImplementationMeasures:
    """Training and use figures: at least as many practitioners trained as completed a GCP2."""
    completions = tuple(draw(st.lists(gcp2_completions(), max_size=max_completions)))
    using = len({completion.practitioner for completion in completions})
    return ImplementationMeasures(
        draw(st.integers(0, 100)),
        draw(st.integers(0, 5_000)),
        draw(st.integers(using, using + 1_000)),
        completions,
    )


@st.composite
def _responses_with_text(draw: st.DrawFn, survey: Survey) -> tuple[SurveyResponse, ...]:
    drawn = draw(st.lists(survey_responses(survey), max_size=6, unique_by=lambda r: r.respondent))
    return tuple(
        SurveyResponse(response.respondent, response.group, response.answers, draw(free_text()))
        for response in drawn
    )


@st.composite
def period_records(
    draw: st.DrawFn, survey: Survey, scale: JudgementScale | None = None
) -> PeriodRecords:
    """One period's audits graded on ``scale``, responses to ``survey``, a cohort and figures."""
    return PeriodRecords(
        draw(_names()),
        tuple(draw(st.lists(_audits_with_text(scale), max_size=4))),
        draw(_responses_with_text(survey)),
        draw(cohorts(max_size=12)),
        draw(implementation_measures()),
    )


@st.composite
def disclosure_policies(draw: st.DrawFn) -> DisclosurePolicy:
    """Disclosure policies: a suppression range from 1, symbols, rounding of totals and shares."""
    low = draw(st.integers(1, 5))
    symbols = st.sampled_from(["c", "[c]", "x", "~", ":", "z", "..", "*"])
    return DisclosurePolicy(
        draw(_names()),
        draw(_names()),
        draw(_names()),
        min_count=low,
        max_count=draw(st.integers(low, 10)),
        secondary=draw(st.booleans()),
        suppressed=draw(symbols),
        not_available=draw(symbols),
        not_applicable=draw(symbols),
        totals_to_nearest=draw(st.sampled_from([1, 5, 10, 100])),
        percent_decimal_places=draw(st.integers(0, 2)),
    )


@st.composite
def report_inputs(draw: st.DrawFn) -> ReportInput:
    """Inputs of the assurance report: a survey, one or two periods, options left or given."""
    survey = draw(surveys())
    scale = draw(st.none() | judgement_scales())
    return ReportInput(
        survey,
        draw(period_records(survey, scale)),
        draw(st.none() | period_records(survey, scale)),
        title=draw(st.none() | _names()),
        level_of_need=draw(st.none() | st.integers(1, 5)),
        inadequate_ceiling=draw(
            st.none() | st.fractions(min_value=0, max_value=1, max_denominator=1_000)
        ),
        confidence=draw(st.none() | st.sampled_from([0.8, 0.9, 0.95, 0.99])),
        scale=scale,
        disclosure=draw(st.none() | disclosure_policies()),
    )


publish(
    __name__,
    checklists,
    decisions,
    disclosure_policies,
    implementation_measures,
    judgement_scales,
    period_records,
    report_inputs,
    screening_decisions,
    screening_policies,
)


def _of_kind(strategy: st.SearchStrategy[Any], kind: type) -> st.SearchStrategy[Any]:
    def is_of_kind(value: object) -> bool:
        return isinstance(value, kind)

    return strategy.filter(is_of_kind)


def _more_type_strategies() -> dict[type, st.SearchStrategy[Any]]:
    """Strategies for the value types of escalation and metrics, for ``st.from_type``."""
    from neglect_protocol._logic._breakdowns import Dimension
    from neglect_protocol._logic._screening_rules import OUTCOME_RULE_KINDS
    from neglect_protocol._model._audit import Polarity
    from neglect_protocol._model._escalation import Override, Reason
    from neglect_protocol._model._screening import ScreeningReason
    from neglect_protocol._model._survey import ResponseScale

    overridden = decisions(overrides=1).filter(lambda decision: decision.is_overridden)
    outcome_rules: st.SearchStrategy[Any] = screening_policies().flatmap(
        lambda policy: st.sampled_from(policy.rules)
    )
    rule_specs: dict[type, st.SearchStrategy[Any]] = {
        **_simple_rules_by_kind((1, 2, 3, 4)),
        AllOf: _joins((1, 2, 3, 4)),
    }
    outcome_specs = {kind: _of_kind(outcome_rules, kind) for kind in OUTCOME_RULE_KINDS.values()}
    return {
        **rule_specs,
        **outcome_specs,
        InfantStepUp: st.builds(
            InfantStepUp, steps=st.integers(1, 3), under_months=st.integers(1, 24)
        ),
        LevelOfNeed: policies().flatmap(lambda policy: st.sampled_from(policy.levels)),
        ThresholdPolicy: policies(),
        Reason: decisions(overrides=0)
        .filter(lambda decision: bool(decision.reasons))
        .flatmap(lambda decision: st.sampled_from(decision.reasons)),
        Decision: decisions(),
        Override: overridden.map(lambda decision: decision.overridden),
        Answer: st.sampled_from(_ANSWERS),
        ScreeningOutcome: st.sampled_from(_OUTCOMES),
        Domain: checklists().flatmap(lambda checklist: st.sampled_from(checklist.domains)),
        Sign: checklists().flatmap(lambda checklist: st.sampled_from(checklist.signs)),
        Checklist: checklists(),
        ScreeningPolicy: st.one_of(screening_policies(), checklists().flatmap(screening_policies)),
        SignAnswer: _screenings_with_evidence()
        .filter(lambda screening: bool(screening.answers))
        .flatmap(lambda screening: st.sampled_from(screening.answers)),
        Screening: _screenings_with_evidence(),
        ScreeningReason: screening_decisions()
        .filter(lambda decision: bool(decision.reasons))
        .flatmap(lambda decision: st.sampled_from(decision.reasons)),
        ScreeningDecision: screening_decisions(),
        Judgement: judgement_scales().flatmap(lambda scale: st.sampled_from(scale.judgements)),
        JudgementScale: judgement_scales(),
        Polarity: st.sampled_from(list(Polarity)),
        AuditComment: st.builds(
            AuditComment,
            st.sampled_from(AUDIT_THEMES),
            st.sampled_from(list(Polarity)),
            free_text(),
        ),
        Criterion: st.builds(Criterion, _names(), _names(), st.booleans()),
        CaseFileAudit: st.one_of(
            _audits_with_text(), judgement_scales().flatmap(_audits_with_text)
        ),
        ResponseScale: st.sampled_from([YES_NO, AGREEMENT]),
        Question: surveys().flatmap(lambda survey: st.sampled_from(survey.questions)),
        Survey: surveys(),
        SurveyResponse: surveys()
        .flatmap(_responses_with_text)
        .filter(bool)
        .map(lambda responses: responses[0]),
        PrimaryNeed: st.sampled_from(list(PrimaryNeed)),
        CensusAgeBand: st.sampled_from(list(CensusAgeBand)),
        Dimension: st.sampled_from(list(Dimension)),
        CohortRecord: cohort_records(),
        Cohort: cohorts(max_size=12),
        GCP2Completion: gcp2_completions(),
        ImplementationMeasures: implementation_measures(),
        PeriodRecords: surveys().flatmap(period_records),
        ReportInput: report_inputs(),
        DisclosurePolicy: disclosure_policies(),
        Suppression: st.sampled_from(list(Suppression)),
        Missing: st.sampled_from(list(Missing)),
    }

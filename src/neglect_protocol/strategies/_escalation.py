"""Strategies for escalation and screening: threshold rules, policies, histories, decisions."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from neglect_protocol._logic._score import score
from neglect_protocol._logic._screening_rules import (
    OUTCOME_RULE_KINDS,
    DomainsWithSigns,
    NamedSigns,
    NotKnown,
    SeriousSigns,
    SignsAnswered,
    screen,
)
from neglect_protocol._model._assessment import Assessment, ChildRef, ObservationWindow, Rating
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._profile import Profile
from neglect_protocol._model._screening import (
    Answer,
    Checklist,
    Domain,
    Screening,
    ScreeningDecision,
    ScreeningOutcome,
    ScreeningPolicy,
    Sign,
    SignAnswer,
)
from neglect_protocol.catalogue import GCP2, GCP2A

# The escalation names come from their public module: importing it gives the model
# the built-in catalogues that a policy's rules are checked against.
from neglect_protocol.escalation import (
    AllOf,
    AreaAtOrAbove,
    Decision,
    Deterioration,
    Drift,
    InfantStepUp,
    LevelOfNeed,
    NamedSubAreasAtOrAbove,
    NoImprovement,
    PersistentBorderline,
    Rule,
    SubAreasAtOrAbove,
    ThresholdPolicy,
    decide,
)
from neglect_protocol.strategies._foundation import (
    LATEST,
    NAMES,
    NOT_BLANK,
    between,
    born_child,
    draw_assessments,
    free_text,
    grades,
    histories,
    observation_windows,
    pick,
    references,
)

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
_ANSWERS = st.sampled_from(list(Answer))
_OUTCOMES = st.sampled_from(list(ScreeningOutcome))
_MAYBE_GRADE = st.none() | grades()
_BOOLEANS = st.booleans()
_SOME_TEXT = free_text()
_ANY_DAY = st.dates(dt.date(2000, 1, 1), LATEST)
_DEFAULT_LEVELS = (1, 2, 3, 4)


@functools.cache
def simple_rules_by_kind(levels: tuple[int, ...]) -> dict[type, st.SearchStrategy[Rule]]:
    """A strategy for each simple rule kind (all but joins), by class, built once per levels."""
    level = st.sampled_from(levels)
    return {
        AreaAtOrAbove: st.builds(
            AreaAtOrAbove,
            grade=grades(),
            level=level,
            areas=st.lists(st.sampled_from(_AREA_CODES), unique=True, max_size=3).map(tuple),
            count=between(1, 4),
        ),
        SubAreasAtOrAbove: st.builds(
            SubAreasAtOrAbove, grade=grades(), level=level, count=between(1, 6)
        ),
        NamedSubAreasAtOrAbove: st.builds(
            NamedSubAreasAtOrAbove,
            codes=st.lists(st.sampled_from(_UNIT_CODES), unique=True, min_size=1, max_size=4).map(
                tuple
            ),
            grade=grades(),
            level=level,
        ),
        NoImprovement: st.builds(NoImprovement, level=level, grade=_MAYBE_GRADE),
        Deterioration: st.builds(Deterioration, level=level, grade=_MAYBE_GRADE),
        PersistentBorderline: st.builds(
            PersistentBorderline,
            level=level,
            assessments=between(2, 4),
            count=between(1, 4),
            grade=_MAYBE_GRADE,
        ),
        Drift: st.builds(Drift, level=level),
    }


@functools.cache
def joins(levels: tuple[int, ...]) -> st.SearchStrategy[Rule]:
    """Joins of up to three simple rules, with or without a level of their own."""
    return st.builds(
        AllOf,
        rules=st.lists(
            st.one_of(*simple_rules_by_kind(levels).values()), min_size=1, max_size=3
        ).map(tuple),
        level=st.none() | st.sampled_from(levels),
    )


@functools.cache
def _threshold_rules(levels: tuple[int, ...]) -> st.SearchStrategy[Rule]:
    return st.one_of(*simple_rules_by_kind(levels).values(), joins(levels))


def threshold_rules(levels: Sequence[int] = _DEFAULT_LEVELS) -> st.SearchStrategy[Rule]:
    """Any of the library's threshold rules, naming only ``levels`` and built-in codes.

    Joins of up to three simple rules (:class:`~neglect_protocol.escalation.AllOf`)
    are drawn too.

    Args:
        levels: The level numbers the rules may propose.
    """
    return _threshold_rules(tuple(levels))


INFANT_STEP_UPS = st.builds(InfantStepUp, steps=between(1, 3), under_months=between(1, 24))


@st.composite
def policies(
    draw: st.DrawFn,
    *,
    min_levels: int = 1,
    max_levels: int = 5,
    max_rules: int = 6,
    infant_modifier: bool | None = None,
) -> ThresholdPolicy:
    """Valid threshold policies: rising level numbers, rules naming only those levels.

    Args:
        draw: Supplied by Hypothesis.
        min_levels: The fewest levels to draw (at least one is).
        max_levels: The most levels to draw.
        max_rules: The most rules to draw (at least one is: a policy needs a rule).
        infant_modifier: ``True`` to always add an infant modifier, ``False`` for
            never, ``None`` to draw either.
    """
    numbers = tuple(sorted(draw(_level_numbers(max(min_levels, 1), max_levels))))
    levels = tuple(
        LevelOfNeed(number, f"Level {number}", f"response at level {number}", draw(between(1, 400)))
        for number in numbers
    )
    # Rules are drawn once for level 1 and then given drawn levels of this policy,
    # so that no strategy is built for each set of level numbers drawn.
    rules = tuple(_relevel(draw, rule, numbers) for rule in draw(_rule_lists((1,), max_rules)))
    with_modifier = draw(_BOOLEANS) if infant_modifier is None else infant_modifier
    modifiers = (draw(INFANT_STEP_UPS),) if with_modifier else ()
    return ThresholdPolicy(
        name="Drawn policy",
        version="1",
        levels=levels,
        rules=rules,
        drift_period_days=draw(between(1, 400)),
        modifiers=modifiers,
        concern_grade=draw(grades()),
        catalogues=(GCP2, GCP2A),
    )


def _relevel(draw: st.DrawFn, rule: Rule, numbers: tuple[int, ...]) -> Rule:
    """``rule`` (drawn for level 1) proposing one of the levels ``numbers`` instead."""
    if isinstance(rule, AllOf):
        inner = tuple(_relevel(draw, part, numbers) for part in rule.rules)
        level = None if rule.level is None else numbers[draw(between(0, len(numbers) - 1))]
        return AllOf(rules=inner, level=level)
    level = numbers[draw(between(0, len(numbers) - 1))]
    return attrs.evolve(rule, level=level)  # type: ignore[misc]  # every simple rule is attrs


@functools.cache
def _level_numbers(min_size: int, max_size: int) -> st.SearchStrategy[set[int]]:
    return st.sets(between(1, 9), min_size=min_size, max_size=max_size)


@functools.cache
def _rule_lists(levels: tuple[int, ...], max_size: int) -> st.SearchStrategy[list[Rule]]:
    return st.lists(_threshold_rules(levels), min_size=1, max_size=max_size)


@functools.cache
def profile_histories(
    catalogue: Catalogue = GCP2,
    *,
    min_size: int = 1,
    max_size: int = 4,
    max_ratings: int | None = None,
) -> st.SearchStrategy[tuple[Profile, ...]]:
    """:func:`histories`, each assessment scored (with the ``worst`` rule) into a profile."""
    return histories(catalogue, min_size=min_size, max_size=max_size, max_ratings=max_ratings).map(
        functools.partial(_scored_history, catalogue=catalogue)
    )


def _scored_history(
    history: tuple[Assessment, ...], *, catalogue: Catalogue
) -> tuple[Profile, ...]:
    return tuple(score(assessment, catalogue=catalogue) for assessment in history)


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
    due = first.end + dt.timedelta(days=draw(between(1, 120)))
    born = max(first.end + dt.timedelta(days=1), due + dt.timedelta(days=draw(between(-21, 14))))
    reference = draw(references("C"))
    unborn = ChildRef(reference, expected_delivery_date=due)
    baby = ChildRef(reference, date_of_birth=born, expected_delivery_date=due)
    result = [score(draw_assessments(draw, GCP2A, child=unborn, window=first), catalogue=GCP2A)]
    window = first
    for _ in range(draw(between(0, max_size - 1))):
        gap = dt.timedelta(weeks=draw(between(4, 26)))
        start = max(window.end + gap, born)
        window = ObservationWindow(start, start + (first.end - first.start))
        age = baby.age_in_months_on(start)
        catalogue = GCP2A if age is not None and age < 12 else GCP2
        result.append(
            score(draw_assessments(draw, catalogue, child=baby, window=window), catalogue=catalogue)
        )
    return tuple(result)


@st.composite
def infant_profiles(draw: st.DrawFn) -> Profile:
    """Babies' profiles with at least one grade: GCP2A (unborn or newborn), or GCP2 under one."""
    if draw(_BOOLEANS):
        return score(draw_assessments(draw, GCP2A, min_ratings=1), catalogue=GCP2A)
    window = draw(observation_windows(min_start=dt.date(2001, 1, 1)))
    child = born_child(draw, on=window.start, max_age_months=10)
    return score(
        draw_assessments(draw, GCP2, child=child, window=window, min_ratings=1), catalogue=GCP2
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
    child = born_child(draw, on=first.start, max_age_months=180)
    chosen_codes = _code_subsets(tuple(codes))
    result: list[Assessment] = []
    window = first
    for _ in range(draw(between(1, max_size))):
        ratings = tuple(Rating(code, draw(between(2, 5))) for code in draw(chosen_codes))
        result.append(Assessment(child, window, ratings))
        start = window.end + dt.timedelta(weeks=draw(between(4, 26)))
        window = ObservationWindow(start, start + (window.end - window.start))
    return tuple(result)


@functools.cache
def _code_subsets(codes: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(codes), unique=True)


@functools.cache
def shipped_checklist() -> Checklist:
    """The shipped screening checklist, read once."""
    # The boundary reads the shipped file; only this public module may reach it.
    from neglect_protocol._boundary._builtin import builtin_checklist

    return builtin_checklist()


@st.composite
def screenings(draw: st.DrawFn, checklist: Checklist | None = None) -> Screening:
    """Completed screenings against ``checklist`` (the shipped one by default).

    Any subset of up to ten signs is answered, with evidence wherever the answer
    needs it.
    """
    return draw_screenings(draw, checklist)


def draw_screenings(draw: st.DrawFn, checklist: Checklist | None = None) -> Screening:
    """Draw one value as :func:`screenings` does, building no strategy."""
    if checklist is None:
        checklist = shipped_checklist()
    chosen = pick(draw, checklist.signs, max_size=10)
    answers = tuple(
        SignAnswer(sign.code, draw(_ANSWERS), evidence=f"drawn evidence {index}")
        for index, sign in enumerate(chosen)
    )
    completed_on = draw(_ANY_DAY)
    return Screening(
        child=born_child(draw, on=completed_on),
        completed_on=completed_on,
        answers=answers,
        screener=draw(st.none() | references("W")),
        reference=draw(st.none() | references("S")),
    )


@st.composite
def decisions(
    draw: st.DrawFn, policy: ThresholdPolicy | None = None, *, overrides: int | None = None
) -> Decision:
    """Decisions under ``policy`` (drawn if omitted), perhaps overridden with a free-text rationale.

    Args:
        draw: Supplied by Hypothesis.
        policy: The policy deciding; drawn with :func:`policies` if omitted (with
            two or more levels when overrides are asked for, so that they can be).
        overrides: How many professional overrides to stack on the decision (0 to 2
            drawn if omitted); each changes the level and keeps the one before.
    """
    if policy is None:
        policy = draw(_MANY_LEVEL_POLICIES if overrides else _DECISION_POLICIES)
    history = draw(_DECISION_HISTORIES)
    decision = decide(history[-1], policy=policy, history=history[:-1])
    count = draw(between(0, 2)) if overrides is None else overrides
    for _ in range(count if len(policy.levels) > 1 else 0):
        others = [level for level in policy.levels if level != decision.level]
        level = others[draw(between(0, len(others) - 1))]
        decision = decision.override(
            level.number,
            rationale=draw(NOT_BLANK),
            by=draw(references("W")),
            on=_draw_day_after(draw, decision.window.end),
        )
    return decision


def _draw_day_after(draw: st.DrawFn, day: dt.date) -> dt.date | None:
    """No day, or a day from ``day`` on, building no strategy but the cached ranges."""
    # Days are drawn as a number after ``day``: a strategy mapped by a new function
    # at every draw is slow (Hypothesis reads the source of each new lambda).
    if draw(_BOOLEANS):
        return None
    return day + dt.timedelta(days=draw(between(0, (LATEST - day).days)))


# A decision needs a policy and a short history, not a large one: kept small, it draws fast.
_DECISION_POLICIES = policies(max_levels=4, max_rules=2)
_MANY_LEVEL_POLICIES = policies(min_levels=2, max_levels=4, max_rules=2)
_DECISION_HISTORIES = profile_histories(max_size=3, max_ratings=3)


@st.composite
def checklists(draw: st.DrawFn, *, max_domains: int = 4, max_signs: int = 3) -> Checklist:
    """Screening checklists of 1 to ``max_domains`` domains, each with signs.

    Signs are listed in any order, not always grouped by domain, as a checklist may
    list them.
    """
    count = draw(between(1, max_domains))
    domains = tuple(Domain(f"D{number}", draw(NAMES)) for number in range(1, count + 1))
    signs = [
        Sign(f"{domain.code}S{number}", domain.code, draw(NAMES), draw(_BOOLEANS))
        for domain in domains
        for number in range(1, draw(between(1, max_signs)) + 1)
    ]
    order = draw(st.permutations(signs))
    return Checklist(draw(NAMES), draw(NAMES), domains, tuple(order))


_ANSWER_SETS = st.lists(_ANSWERS, min_size=1, max_size=2, unique=True).map(tuple)


_OUTCOME_RULE_KINDS = tuple(OUTCOME_RULE_KINDS.values())


@st.composite
def outcome_rules(draw: st.DrawFn, checklist: Checklist, kind: type | None = None) -> Any:
    """One of the library's screening outcome rules on ``checklist``, of ``kind`` if given."""
    return draw_outcome_rules(draw, checklist, kind)


def draw_outcome_rules(draw: st.DrawFn, checklist: Checklist, kind: type | None = None) -> Any:
    """Draw one value as :func:`outcome_rules` does, building no strategy."""
    if kind is None:
        kind = _OUTCOME_RULE_KINDS[draw(between(0, len(_OUTCOME_RULE_KINDS) - 1))]
    outcome = draw(_OUTCOMES)
    answers = draw(_ANSWER_SETS)
    if kind is SignsAnswered:
        domains = tuple(domain.code for domain in pick(draw, checklist.domains, max_size=2))
        return SignsAnswered(outcome, draw(between(1, 5)), answers, domains)
    if kind is DomainsWithSigns:
        return DomainsWithSigns(outcome, draw(between(1, 3)), answers)
    if kind is SeriousSigns:
        return SeriousSigns(outcome, answers)
    if kind is NamedSigns:
        signs = pick(draw, checklist.signs, min_size=1, max_size=3)
        return NamedSigns(outcome, tuple(sign.code for sign in signs), answers)
    return NotKnown(outcome, draw(between(1, 10)))


@st.composite
def screening_policies(draw: st.DrawFn, checklist: Checklist | None = None) -> ScreeningPolicy:
    """Screening policies of 1 to 3 of the library's outcome rules, on ``checklist``.

    The checklist is the shipped one when omitted, or drawn when ``None`` is not
    wanted: pass one from :func:`checklists`.
    """
    return draw_screening_policies(draw, checklist)


def draw_screening_policies(draw: st.DrawFn, checklist: Checklist | None = None) -> ScreeningPolicy:
    """Draw one value as :func:`screening_policies` does, building no strategy."""
    if checklist is None:
        checklist = shipped_checklist()
    rules = tuple(draw_outcome_rules(draw, checklist) for _ in range(draw(between(1, 3))))
    return ScreeningPolicy(draw(NAMES), draw(NAMES), checklist, rules)


def evidence(answer: Answer) -> st.SearchStrategy[str]:
    """Free text as evidence; an answer of applies or sometimes needs some that is not blank."""
    return NOT_BLANK if answer in (Answer.APPLIES, Answer.SOMETIMES) else _SOME_TEXT


@st.composite
def screenings_with_evidence(draw: st.DrawFn) -> Screening:
    """Screenings against the shipped checklist whose evidence is free text in any script."""
    screening = draw_screenings(draw)
    answers = tuple(
        SignAnswer(answer.sign, answer.answer, evidence=draw(evidence(answer.answer)))
        for answer in screening.answers
    )
    return attrs.evolve(screening, answers=answers)


# A decision needs a checklist, not a large one: kept small, it draws fast.
_MAYBE_CHECKLIST = st.none() | checklists(max_domains=3, max_signs=2)


@st.composite
def screening_decisions(
    draw: st.DrawFn, policy: ScreeningPolicy | None = None
) -> ScreeningDecision:
    """The outcome of a drawn screening under ``policy`` (drawn on a drawn checklist if omitted)."""
    if policy is None:
        policy = draw_screening_policies(draw, draw(_MAYBE_CHECKLIST))
    return screen(draw_screenings(draw, policy.checklist), policy=policy)

"""Strategies for the values of one assessment: grades, children, catalogues, profiles.

Every strategy that does not depend on an argument is built once, at import; the
composites below draw from those, so that a draw does no work building strategies
(Hypothesis validates every strategy it is given, and that dominated draw time).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Literal, TypeVar

from hypothesis import strategies as st

from neglect_protocol._logic._rules import RollUpRule, worst
from neglect_protocol._logic._score import score
from neglect_protocol._model._assessment import (
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
)
from neglect_protocol._model._catalogue import (
    AgeBand,
    Area,
    Catalogue,
    Instrument,
    Item,
    Phase,
    SubArea,
)
from neglect_protocol._model._grade import GRADES, Grade
from neglect_protocol._model._profile import Profile
from neglect_protocol.catalogue import GCP2

T = TypeVar("T")

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2040, 12, 31)
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_MAX_MONTHS = 216

_GRADES = st.sampled_from(GRADES)
_MAYBE_GRADE = st.none() | _GRADES
_DAYS = st.integers(min_value=0, max_value=41)
_BOOLEANS = st.booleans()
# Free text is drawn in any script; names are short free text that is not blank.
_FREE_TEXT = st.text(max_size=200)
_MAYBE_FREE_TEXT = st.none() | _FREE_TEXT
# Text that is not blank starts with a character that is not white space. Built so,
# rather than filtered: a filter that rejects empty text (which Hypothesis draws
# often) throws whole examples away, and that made draws slow. Every character
# ``str.isspace`` calls white space is of one of these categories (the tests check
# it against the running Python's Unicode data), so the first one needs no filter.
BLANK_CATEGORIES: tuple[Literal["Zs", "Zl", "Zp", "Cc", "Cs"], ...] = ("Zs", "Zl", "Zp", "Cc", "Cs")
_VISIBLE = st.characters(exclude_categories=BLANK_CATEGORIES)


def _not_blank(max_size: int) -> st.SearchStrategy[str]:
    return st.builds(str.__add__, _VISIBLE, st.text(max_size=max_size - 1))


NOT_BLANK = _not_blank(200)
NAMES = _not_blank(16)
MAYBE_NAME = st.none() | NAMES
_INSTRUMENTS = st.sampled_from(list(Instrument))
_PHASES = st.sampled_from(list(Phase))
DESCRIPTORS = st.dictionaries(_GRADES, NAMES, max_size=3)


def grades() -> st.SearchStrategy[Grade]:
    """Any grade, 1 to 5 (shrinking towards 1, the best)."""
    return _GRADES


@functools.cache
def references(prefix: str = "C") -> st.SearchStrategy[str]:
    """Pseudonymous references such as ``C-0042``."""
    return st.integers(min_value=0, max_value=999_999).map(functools.partial(_reference, prefix))


# The functions strategies map or build with are named, not lambdas: Hypothesis
# describes them at every draw, and reading a lambda's source for that is slow
# (noticeably so in older releases).
def _reference(prefix: str, number: int) -> str:
    return f"{prefix}-{number:06d}"


@functools.cache
def _maybe_reference(prefix: str) -> st.SearchStrategy[str | None]:
    return st.none() | references(prefix)


@functools.cache
def _dates(earliest: dt.date, latest: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=earliest, max_value=latest)


@functools.lru_cache(maxsize=8192)
def between(low: int, high: int) -> st.SearchStrategy[int]:
    """Whole numbers from ``low`` to ``high``, built once per pair."""
    return st.integers(min_value=low, max_value=high)


def free_text(*, max_size: int = 200) -> st.SearchStrategy[str]:
    """Free text as a practitioner or carer might write it, in any script (may be empty)."""
    return _FREE_TEXT if max_size == 200 else st.text(max_size=max_size)


@functools.cache
def observation_windows(
    *, min_start: dt.date = EARLIEST, max_start: dt.date = dt.date(2039, 12, 31)
) -> st.SearchStrategy[ObservationWindow]:
    """Observation windows of 1 to 42 days starting between the given dates."""
    return st.builds(_window_of, _dates(min_start, max_start), _DAYS)


def _window_of(start: dt.date, length: int) -> ObservationWindow:
    # A named function, not a lambda: Hypothesis describes the function st.builds
    # calls at every draw, and reading a lambda's source for that is slow.
    return ObservationWindow(start, start + dt.timedelta(days=length))


def child_refs(
    *, on: dt.date, min_age_months: int = 0, max_age_months: int = 215
) -> st.SearchStrategy[ChildRef]:
    """Born children aged between the given completed months on the day ``on``."""
    return _children_born(on, min_age_months, max_age_months)


@st.composite
def _children_born(
    draw: st.DrawFn, on: dt.date, min_age_months: int, max_age_months: int
) -> ChildRef:
    return born_child(draw, on=on, min_age_months=min_age_months, max_age_months=max_age_months)


def born_child(
    draw: st.DrawFn, *, on: dt.date, min_age_months: int = 0, max_age_months: int = 215
) -> ChildRef:
    """Draw a child as :func:`child_refs` does, without building a strategy for the day."""
    latest = months_before(on, min_age_months)
    earliest = months_before(on, max_age_months + 1) + dt.timedelta(days=1)
    # The birth is drawn as days after the earliest: the strategy for a number of
    # days is built once per span, where one for dates would be built per day.
    born = earliest + dt.timedelta(days=draw(between(0, (latest - earliest).days)))
    return ChildRef(draw(references("C")), date_of_birth=born)


def months_before(day: dt.date, months: int) -> dt.date:
    """The day ``months`` calendar months before ``day``, clamped to the month's end."""
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


def pick(
    draw: st.DrawFn, values: Sequence[T], *, min_size: int = 0, max_size: int | None = None
) -> list[T]:
    """Distinct members of ``values``, drawn by position with a strategy built once per size.

    A strategy built from the values themselves would be new, and validated by
    Hypothesis, at every draw.
    """
    if not values:
        return []
    high = len(values) if max_size is None else min(max_size, len(values))
    positions = draw(_positions(len(values), min(min_size, high), high))
    return [values[position] for position in positions]


@functools.lru_cache(maxsize=4096)
def _positions(count: int, min_size: int, max_size: int) -> st.SearchStrategy[list[int]]:
    return st.lists(between(0, count - 1), min_size=min_size, max_size=max_size, unique=True)


@st.composite
def assessments(
    draw: st.DrawFn,
    catalogue: Catalogue = GCP2,
    *,
    child: ChildRef | None = None,
    window: ObservationWindow | None = None,
    min_ratings: int = 0,
    max_ratings: int | None = None,
) -> Assessment:
    """Valid assessments for ``catalogue``: codes it has, items that suit the child's age.

    Args:
        draw: Supplied by Hypothesis.
        catalogue: The catalogue to rate against (GCP2 by default; pass a loaded one
            for item-level ratings, or GCP2A for antenatal assessments).
        child: A fixed child; drawn if omitted (unborn for GCP2A, born for GCP2).
        window: A fixed observation window; drawn if omitted.
        min_ratings: The fewest ratings to draw.
        max_ratings: The most ratings to draw (any number the catalogue allows if
            omitted); fewer ratings draw faster.
    """
    return draw_assessments(
        draw,
        catalogue,
        child=child,
        window=window,
        min_ratings=min_ratings,
        max_ratings=max_ratings,
    )


def draw_assessments(
    draw: st.DrawFn,
    catalogue: Catalogue = GCP2,
    *,
    child: ChildRef | None = None,
    window: ObservationWindow | None = None,
    min_ratings: int = 0,
    max_ratings: int | None = None,
) -> Assessment:
    """Draw one value as :func:`assessments` does, building no strategy."""
    if window is None:
        window = draw(observation_windows())
    unborn = catalogue.instrument is Instrument.GCP2A and child is None and draw(_BOOLEANS)
    if child is None:
        if unborn:
            child = ChildRef(
                draw(references("C")),
                expected_delivery_date=window.end + dt.timedelta(days=draw(between(1, 200))),
            )
        else:
            child = born_child(
                draw,
                on=window.start,
                max_age_months=11 if catalogue.instrument is Instrument.GCP2A else 215,
            )
    unborn = child.is_unborn_on(window.start)
    codes = _ratable_codes(catalogue, child.age_in_months_on(window.start), unborn)
    ratings = tuple(
        Rating(code, draw(_GRADES))
        for code in pick(draw, codes, min_size=min_ratings, max_size=max_ratings)
    )
    targets: list[TargetedItem] = []
    for code in pick(draw, codes, max_size=2):
        current = draw(_GRADES)
        targets.append(
            TargetedItem(
                code,
                current,
                Grade(draw(between(1, current.value))),
                review_by=window.end + dt.timedelta(days=draw(between(1, 180))),
                grade_at_review=draw(_MAYBE_GRADE),
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
        reference=draw(_maybe_reference("A")),
    )


@functools.cache
def _default_profiles() -> st.SearchStrategy[Profile]:
    return _profiles(GCP2, (worst,))


def profiles(
    catalogue: Catalogue = GCP2,
    *,
    rules: Sequence[RollUpRule] = (worst,),
) -> st.SearchStrategy[Profile]:
    """Profiles of valid assessments, scored with one of ``rules``."""
    if catalogue is GCP2 and tuple(rules) == (worst,):
        return _default_profiles()
    return _profiles(catalogue, tuple(rules))


def _profiles(catalogue: Catalogue, rules: tuple[RollUpRule, ...]) -> st.SearchStrategy[Profile]:
    return st.builds(
        functools.partial(_scored, catalogue=catalogue),
        assessments(catalogue),
        st.sampled_from(rules),
    )


def _scored(assessment: Assessment, rule: RollUpRule, *, catalogue: Catalogue) -> Profile:
    return score(assessment, catalogue=catalogue, rule=rule)


@st.composite
def histories(
    draw: st.DrawFn,
    catalogue: Catalogue = GCP2,
    *,
    min_size: int = 1,
    max_size: int = 4,
    max_ratings: int | None = None,
) -> tuple[Assessment, ...]:
    """Assessments of one child, ordered by window, windows never overlapping.

    The first is the baseline; the rest are reviews 4 to 26 weeks apart. With
    GCP2A the child is a newborn at the baseline, at most three assessments are
    drawn and reviews come 4 to 8 weeks apart, so that every one falls within the
    postnatal section's first year. ``max_ratings`` caps the ratings of each
    assessment, as in :func:`~neglect_protocol.strategies.assessments`.
    """
    infant = catalogue.instrument.is_antenatal
    if infant:
        max_size = min(max_size, 3)
    count = draw(between(min(min_size, max_size), max_size))
    first = draw(observation_windows(max_start=dt.date(2030, 12, 31)))
    child = born_child(draw, on=first.start, max_age_months=0 if infant else 180)
    result: list[Assessment] = []
    window = first
    for _ in range(count):
        result.append(
            draw_assessments(draw, catalogue, child=child, window=window, max_ratings=max_ratings)
        )
        gap = dt.timedelta(weeks=draw(between(4, 8 if infant else 26)))
        start = window.end + gap
        window = ObservationWindow(start, start + (window.end - window.start))
    return tuple(result)


@st.composite
def age_bands(draw: st.DrawFn, *, max_size: int = 3) -> tuple[AgeBand, ...]:
    """The age bands of one item: up to ``max_size`` bands that do not overlap, youngest first.

    The last band may be open-ended; an empty tuple means every age.
    """
    count = draw(between(0, max_size))
    edges = sorted(
        draw(st.lists(between(0, _MAX_MONTHS), min_size=2 * count, max_size=2 * count, unique=True))
    )
    bands = [AgeBand(edges[2 * n], edges[2 * n + 1]) for n in range(count)]
    open_ended: bool = draw(_BOOLEANS)
    if bands and open_ended:
        bands[-1] = AgeBand(bands[-1].from_months, None)
    return tuple(bands)


_AGE_BANDS = age_bands()


@functools.cache
def _distinct_positions(min_size: int, max_size: int) -> st.SearchStrategy[list[int]]:
    """Distinct positions in ``_LETTERS``, in the order drawn."""
    return st.lists(
        between(0, len(_LETTERS) - 1), min_size=min_size, max_size=max_size, unique=True
    )


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
        instrument = draw(_INSTRUMENTS)
    antenatal = instrument.is_antenatal
    letters = [
        _LETTERS[position]
        for position in draw(_distinct_positions(2 if antenatal else 1, max(max_areas, 2)))
    ]
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
                else draw(_PHASES)
            )
        areas.append(Area(letter, draw(NAMES), draw(MAYBE_NAME), phase))
        count = 0 if antenatal else draw(between(0, max_sub_areas))
        for number in range(1, count + 1):
            sub_areas.append(SubArea(f"{letter}{number}", draw(NAMES), letter))
            parents.append(f"{letter}{number}")
        if count == 0:
            parents.append(letter)
    items: list[Item] = []
    for parent in parents:
        for suffix in "abcdefgh"[: draw(between(0, max_items))]:
            items.append(
                Item(f"{parent}{suffix}", draw(NAMES), parent, draw(DESCRIPTORS), draw(_AGE_BANDS))
            )
    return Catalogue(
        draw(NAMES),
        draw(_VERSIONS),
        instrument,
        tuple(areas),
        tuple(sub_areas),
        tuple(items),
    )


_VERSIONS = st.text(max_size=12)
_KINDS_OF_CHILD = st.sampled_from(["born", "unborn", "both"])
_ANY_DAY = _dates(EARLIEST, LATEST)


@st.composite
def any_child_refs(draw: st.DrawFn) -> ChildRef:
    """Children born, unborn, or born with their expected delivery date still recorded.

    A child with both dates is born between 24 weeks before and 6 weeks after the
    due date, as :class:`~neglect_protocol.assessment.ChildRef` requires.
    """
    kind = draw(_KINDS_OF_CHILD)
    day = draw(_ANY_DAY)
    born = None if kind == "unborn" else day
    expected = None
    if kind != "born":
        expected = day + dt.timedelta(days=draw(between(-42, 24 * 7)))
    return ChildRef(draw(references("C")), date_of_birth=born, expected_delivery_date=expected)


@st.composite
def assessments_with_evidence(
    draw: st.DrawFn, catalogue: Catalogue = GCP2, *, max_ratings: int | None = None
) -> Assessment:
    """Assessments with free-text evidence, carers' comments, roles and agencies.

    Drawn like :func:`~neglect_protocol.strategies.assessments` (with at most
    ``max_ratings`` ratings, if given), then given text.

    Use it to check that free text survives a round trip, and never leaks into a
    ``repr`` or an error message.
    """
    return draw_assessments_with_evidence(draw, catalogue, max_ratings=max_ratings)


def draw_assessments_with_evidence(
    draw: st.DrawFn, catalogue: Catalogue = GCP2, *, max_ratings: int | None = None
) -> Assessment:
    """Draw one value as :func:`assessments_with_evidence` does, building no strategy."""
    assessment = draw_assessments(draw, catalogue, max_ratings=max_ratings)
    ratings = tuple(
        Rating(
            rating.code,
            rating.grade,
            evidence=draw(_FREE_TEXT),
            carer_comment=draw(_MAYBE_FREE_TEXT),
        )
        for rating in assessment.ratings
    )
    carers = tuple(
        Carer(draw(references("P")), role=draw(MAYBE_NAME)) for _ in range(draw(between(0, 3)))
    )
    practitioners = tuple(
        Practitioner(draw(references("W")), agency=draw(MAYBE_NAME))
        for _ in range(draw(between(0, 2)))
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

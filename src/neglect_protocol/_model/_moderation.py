"""Moderation sets: several raters grading the same anonymised cases, and what they agree on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, Literal

import attrs

from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import StatisticsError, safe_repr

AlphaMetric = Literal["nominal", "ordinal", "interval"]
"""How far apart two grades are for Krippendorff's alpha: ``"nominal"``, ``"ordinal"`` or
``"interval"``."""

ALPHA_METRICS: tuple[AlphaMetric, ...] = ("nominal", "ordinal", "interval")

# A reference in a moderation set is shown in results and error messages, so it must be
# shaped like a code: letters, digits, '-', '_' or '.', up to 32 characters, and at least
# one digit. The digit keeps a practitioner's or a child's name (which never has one)
# from being used as a reference by mistake.
_CODE_SHAPED = re.compile(r"(?=[^0-9]*[0-9])[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")
_CODE_SHAPE = (
    "a code-shaped reference (letters, digits, '-', '_' or '.', with at least one digit, "
    "up to 32 characters)"
)


def _check_reference(value: object, path: str) -> None:
    if not isinstance(value, str) or not _CODE_SHAPED.fullmatch(value):
        raise StatisticsError(path, f"expected {_CODE_SHAPE}, got {safe_repr(value)}")


def _reference(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    _check_reference(value, f"$.{attribute.name}")


def _optional_grade(value: object) -> Grade | None:
    return None if value is None else to_grade(value, field="$.grade")


@attrs.frozen
class ModerationGrade:
    """One rater's grade for one sub-area of one anonymised case in a moderation set.

    Attributes:
        rater: The practitioner's reference, code-shaped (``"P07"``).
        case: The anonymised case's reference, code-shaped (``"M2024-03"``).
        sub_area: The sub-area code graded (``"A1"``).
        grade: The GCP2 grade given, or ``None`` when the rater left the sub-area
            ungraded (a gap is normal in moderation and simply not counted).

    Raises:
        StatisticsError: If a reference is not code-shaped.
        InvalidGradeError: If the grade is not a whole number from 1 to 5 or ``None``.

    >>> from neglect_protocol.moderation import ModerationGrade
    >>> ModerationGrade("P07", "M01", "A1", 2)
    ModerationGrade(rater='P07', case='M01', sub_area='A1', grade=<Grade.ADEQUATE: 2>)
    """

    rater: str = attrs.field(validator=_reference)
    case: str = attrs.field(validator=_reference)
    sub_area: str = attrs.field(validator=_reference)
    grade: Grade | None = attrs.field(converter=_optional_grade)


def _check_grades(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[ModerationGrade, ...]
) -> None:
    if not isinstance(value, tuple):
        raise StatisticsError(
            "$.grades", f"expected a tuple of ModerationGrade, got {safe_repr(value)}"
        )
    first_seen: dict[tuple[str, str, str], int] = {}
    raters: set[str] = set()
    for index, record in enumerate(value):
        place = f"$.grades[{index}]"
        if not isinstance(record, ModerationGrade):
            raise StatisticsError(place, f"expected a ModerationGrade, got {safe_repr(record)}")
        key = (record.rater, record.case, record.sub_area)
        if key in first_seen:
            raise StatisticsError(
                place,
                f"expected rater {safe_repr(record.rater)} to grade sub-area "
                f"{safe_repr(record.sub_area)} of case {safe_repr(record.case)} once, "
                f"got a second grade (the first is $.grades[{first_seen[key]}])",
            )
        first_seen[key] = index
        raters.add(record.rater)
    if len(raters) < 2:
        raise StatisticsError(
            "$.grades",
            f"expected grades from at least two raters, got {len(raters)} "
            f"rater{'' if len(raters) == 1 else 's'}",
        )


@attrs.frozen
class ModerationSet:
    """Several raters' grades for the same anonymised cases, sub-area by sub-area.

    A partnership moderates GCP2 grading by having several practitioners grade the
    same anonymised cases and comparing the grades (DOMAIN.md section 9). Each
    *unit* compared is one sub-area of one case. A rater may leave a unit ungraded,
    either by recording ``None`` or by leaving it out: agreement is measured on the
    grades given.

    Attributes:
        grades: Every grade recorded, in any order.

    Raises:
        StatisticsError: If ``grades`` is not a tuple of :class:`ModerationGrade`, a rater
            grades the same sub-area of the same case twice, or fewer than two raters
            appear. The path in the message (``$.grades[5]``) names the record at fault.

    >>> from neglect_protocol.moderation import ModerationSet
    >>> moderation = ModerationSet.from_rows([
    ...     ("P01", "M01", "A1", 2), ("P02", "M01", "A1", 3),
    ...     ("P01", "M02", "A1", 4), ("P02", "M02", "A1", None),
    ... ])
    >>> moderation.raters, moderation.cases, moderation.sub_areas
    (('P01', 'P02'), ('M01', 'M02'), ('A1',))
    """

    grades: tuple[ModerationGrade, ...] = attrs.field(validator=_check_grades)

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[str | Grade | int | None]]) -> ModerationSet:
        """Build a moderation set from rows of ``(rater, case, sub_area, grade)``.

        ``grade`` may be ``None`` for a unit the rater left ungraded. Row ``i``
        becomes ``grades[i]``, so an error names it as ``$.grades[i]``.

        Args:
            rows: The rows, as a spreadsheet or a database query gives them.

        Returns:
            The moderation set.

        Raises:
            StatisticsError: If a row is not four values, a reference is not code-shaped,
                a rater grades a unit twice or fewer than two raters appear.
            InvalidGradeError: If a grade is neither ``None`` nor a whole number from 1
                to 5; the message names the row (``$.grades[3].grade``).
        """
        if isinstance(rows, str | bytes) or not isinstance(rows, Iterable):
            raise StatisticsError(
                "$",
                f"expected an iterable of (rater, case, sub_area, grade) rows, got "
                f"{safe_repr(rows)}",
            )
        records = []
        for index, row in enumerate(rows):
            place = f"$.grades[{index}]"
            if isinstance(row, str | bytes) or not isinstance(row, Sequence) or len(row) != 4:
                raise StatisticsError(
                    place, f"expected a row (rater, case, sub_area, grade), got {safe_repr(row)}"
                )
            rater, case, sub_area, grade = row
            for name, reference in (("rater", rater), ("case", case), ("sub_area", sub_area)):
                _check_reference(reference, f"{place}.{name}")
            given = None if grade is None else to_grade(grade, field=f"{place}.grade")
            records.append(ModerationGrade(str(rater), str(case), str(sub_area), given))
        return cls(tuple(records))

    @property
    def raters(self) -> tuple[str, ...]:
        """The raters' references, in order of first appearance."""
        return tuple(dict.fromkeys(record.rater for record in self.grades))

    @property
    def cases(self) -> tuple[str, ...]:
        """The cases' references, in order of first appearance."""
        return tuple(dict.fromkeys(record.case for record in self.grades))

    @property
    def sub_areas(self) -> tuple[str, ...]:
        """The sub-area codes graded, in order of first appearance."""
        return tuple(dict.fromkeys(record.sub_area for record in self.grades))


@attrs.frozen
class AlphaResult:
    """Krippendorff's alpha for a moderation set (or one sub-area of it).

    Alpha is ``1 - observed_disagreement / expected_disagreement``, both computed
    exactly from the coincidence matrix of every *pairable* unit (one graded by at
    least two raters); a unit only one rater graded cannot show agreement or
    disagreement and is left out. 1 is perfect agreement, 0 is agreement no better
    than chance, and below 0 is systematic disagreement.

    **No variation.** When every pairable grade is the same grade, chance alone
    predicts perfect agreement (``expected_disagreement`` is 0) and alpha is 0/0:
    undefined. Then ``alpha`` is ``None`` and ``is_defined`` is ``False``, while
    ``exact_agreement`` still reports the agreement seen. With no pairable unit at
    all, both disagreements are 0 and the agreement figures are ``None``.

    Attributes:
        alpha: Krippendorff's alpha, or ``None`` when undefined.
        metric: How far apart two grades count as being: ``"nominal"`` (any two
            different grades equally), ``"ordinal"`` (by how many grades lie between
            them) or ``"interval"`` (the squared difference).
        observed_disagreement: The disagreement seen within units, exactly.
        expected_disagreement: The disagreement expected by chance, exactly.
        raters: How many raters gave at least one pairable grade.
        cases: How many cases have at least one pairable unit.
        units: How many pairable units (case and sub-area) there are.
        values: How many pairable grades there are.
        exact_agreement: Pairs of grades given to the same unit that are the same
            grade, out of all such pairs (``None`` with no pairs).
        within_one: Such pairs at most one grade apart, out of all pairs (``None`` with
            no pairs).
    """

    alpha: float | None
    metric: AlphaMetric
    observed_disagreement: Fraction
    expected_disagreement: Fraction
    raters: int
    cases: int
    units: int
    values: int
    exact_agreement: Proportion | None
    within_one: Proportion | None

    @property
    def is_defined(self) -> bool:
        """Whether alpha could be computed (not when no two grades differ, or none pair)."""
        return self.alpha is not None


@attrs.frozen
class FleissResult:
    """Fleiss' kappa for a moderation set (or one sub-area of it), on complete units only.

    Fleiss' kappa needs the same number of grades for every unit, so it is computed
    on the *complete* units: those every rater of the moderation set graded. Units
    with a gap are left out and counted in ``incomplete``; Krippendorff's alpha
    (:class:`AlphaResult`) uses them. Grades are treated as categories (nominal),
    as Fleiss (1971) defined the statistic.

    **No variation.** When every grade of the complete units is the same grade,
    ``expected`` is 1 and kappa is 0/0: ``kappa`` is ``None``, ``is_defined`` is
    ``False``, and ``exact_agreement`` still reports the agreement seen. With no
    complete unit at all, ``observed`` and ``expected`` are 0 and the agreement
    figures are ``None``.

    Attributes:
        kappa: Fleiss' kappa, or ``None`` when undefined.
        observed: The mean share of agreeing pairs of raters per unit, exactly.
        expected: The agreement expected by chance from the grades' overall spread.
        raters: How many raters graded each complete unit (every rater of the set).
        cases: How many cases have at least one complete unit.
        units: How many complete units there are.
        incomplete: How many units with at least one grade were left out for a gap.
        exact_agreement: Pairs of grades given to the same complete unit that are the
            same grade, out of all such pairs (``None`` with no complete unit).
        within_one: Such pairs at most one grade apart (``None`` with no complete unit).
    """

    kappa: float | None
    observed: Fraction
    expected: Fraction
    raters: int
    cases: int
    units: int
    incomplete: int
    exact_agreement: Proportion | None
    within_one: Proportion | None

    @property
    def is_defined(self) -> bool:
        """Whether kappa could be computed (not when every grade is the same one)."""
        return self.kappa is not None


@attrs.frozen
class Agreement:
    """Krippendorff's alpha and Fleiss' kappa for one scope: the whole set or one sub-area.

    Attributes:
        alpha: Krippendorff's alpha, with the counts behind it.
        fleiss: Fleiss' kappa on the complete units, with the counts behind it.
    """

    alpha: AlphaResult
    fleiss: FleissResult


@attrs.frozen
class ModerationSummary:
    """How alike a moderation set's raters grade: overall, by sub-area, and where least.

    Attributes:
        metric: The metric used for Krippendorff's alpha.
        overall: Agreement over every unit of the set (each sub-area of each case).
        by_sub_area: Agreement within each sub-area, in order of first appearance.
        most_disagreement: The sub-area codes with at least one pairable unit, the
            least reliable first: by alpha from lowest up, then (for equal alpha) by
            exact agreement from lowest up, then in order of first appearance. A
            sub-area whose alpha is undefined comes last: every grade there was the
            same grade, so the raters did not disagree.
    """

    metric: AlphaMetric
    overall: Agreement
    by_sub_area: FrozenMap[str, Agreement]
    most_disagreement: tuple[str, ...]

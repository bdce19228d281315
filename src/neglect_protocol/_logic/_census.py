"""Cutting a cohort by plan category and assessment factor; saying what "neglect" counted."""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs

from neglect_protocol._model._census import CensusCodeList, CodeListKind
from neglect_protocol._model._checks import got, member_of
from neglect_protocol._model._cohort import CensusAgeBand, CohortRecord, UnbornPolicy
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import AssuranceError, safe_repr

NEGLECT_CATEGORY = "NEG"
"""The census plan category code for neglect (the DfE's category of abuse code set)."""

NEGLECT_FACTOR = "16A"
"""The census assessment factor code for neglect (the DfE's assessment factors code set)."""


class NeglectBasis(enum.Enum):
    """What "due to neglect" is taken to mean, since no primary need code says it alone.

    N1 is "abuse or neglect". The census names neglect on its own in two places:
    the initial category of a child protection plan (``NEG``) and the factors
    identified at the end of assessment (``16A``). A figure quoted as "due to
    neglect" must say which it counts; :attr:`description` says it in words.

    >>> from neglect_protocol.census import NeglectBasis
    >>> NeglectBasis.PLAN_CATEGORY.description
    'the initial category of abuse of the child protection plan is neglect (NEG)'
    """

    PLAN_CATEGORY = "plan_category"
    ASSESSMENT_FACTOR = "assessment_factor"
    EITHER = "either"

    @property
    def description(self) -> str:
        """The basis in words, to print beside the figure it qualifies."""
        return _DESCRIPTIONS[self]

    def recorded(self, record: CohortRecord) -> bool:
        """Whether ``record`` carries what this basis looks at (a plan, or assessment factors)."""
        plan = record.plan_category is not None
        factors = bool(record.factors)
        if self is NeglectBasis.PLAN_CATEGORY:
            return plan
        if self is NeglectBasis.ASSESSMENT_FACTOR:
            return factors
        return plan or factors

    def is_neglect(self, record: CohortRecord) -> bool:
        """Whether ``record`` counts as "due to neglect" on this basis."""
        plan = record.plan_category == NEGLECT_CATEGORY
        factor = NEGLECT_FACTOR in record.factors
        if self is NeglectBasis.PLAN_CATEGORY:
            return plan
        if self is NeglectBasis.ASSESSMENT_FACTOR:
            return factor
        return plan or factor

    @classmethod
    def of(cls, value: NeglectBasis | str) -> NeglectBasis:
        """Return ``value`` as a basis: a member, or its value (``"plan_category"``).

        Raises:
            AssuranceError: If it is neither.
        """
        return member_of(cls, value, "basis", AssuranceError)


_DESCRIPTIONS = {
    NeglectBasis.PLAN_CATEGORY: (
        f"the initial category of abuse of the child protection plan is neglect "
        f"({NEGLECT_CATEGORY})"
    ),
    NeglectBasis.ASSESSMENT_FACTOR: (
        f"neglect ({NEGLECT_FACTOR}) was a factor identified at the end of assessment"
    ),
    NeglectBasis.EITHER: (
        f"the plan category is neglect ({NEGLECT_CATEGORY}) or neglect ({NEGLECT_FACTOR}) "
        f"was a factor identified at the end of assessment"
    ),
}


def _records(records: Sequence[CohortRecord]) -> tuple[CohortRecord, ...]:
    if isinstance(records, str) or not isinstance(records, Sequence):
        raise AssuranceError(
            "records", f"expected a sequence of cohort records, got {got(records)}"
        )
    for index, record in enumerate(records):
        if not isinstance(record, CohortRecord):
            raise AssuranceError(
                f"$.records[{index}]", f"expected a CohortRecord, got {got(record)}"
            )
    references = [record.reference for record in records]
    for index, reference in enumerate(references):
        if reference in references[:index]:
            raise AssuranceError(
                f"$.records[{index}].reference",
                f"expected each child once, got {safe_repr(reference)} again",
            )
    return tuple(records)


def _check_list(value: object, kind: CodeListKind, argument: str) -> CensusCodeList:
    if not isinstance(value, CensusCodeList) or value.kind is not kind:
        raise AssuranceError(
            argument, f"expected a CensusCodeList of {kind.label}s, got {got(value)}"
        )
    return value


def check_codes(
    records: Sequence[CohortRecord],
    *,
    categories: CensusCodeList,
    factors: CensusCodeList,
    unborn: UnbornPolicy | None = None,
) -> None:
    """Refuse any plan category or factor that is not on the given year's lists.

    Args:
        records: The children (a cohort, or its records).
        categories: The plan categories of the collection year.
        factors: The assessment factors of the collection year.
        unborn: The codes that cannot apply to an unborn child; ``None`` checks none.

    Raises:
        AssuranceError: At the first unknown code, with its ``$`` path
            (``$.records[3].factors[1]``) and the nearest valid code; or at the
            first code ``unborn`` refuses for an unborn child.
    """
    categories = _check_list(categories, CodeListKind.PLAN_CATEGORY, "categories")
    factors = _check_list(factors, CodeListKind.ASSESSMENT_FACTOR, "factors")
    if unborn is not None and not isinstance(unborn, UnbornPolicy):
        raise AssuranceError("unborn", f"expected an UnbornPolicy or None, got {got(unborn)}")
    for index, record in enumerate(_records(records)):
        if record.plan_category is not None:
            categories.check(record.plan_category, f"$.records[{index}].plan_category")
        for position, code in enumerate(record.factors):
            factors.check(code, f"$.records[{index}].factors[{position}]")
        if unborn is not None and record.age_band is CensusAgeBand.UNBORN:
            _check_unborn(record, index, unborn)


def _check_unborn(record: CohortRecord, index: int, policy: UnbornPolicy) -> None:
    where = f"the unborn policy {safe_repr(policy.name)}, local policy"
    if policy.refuses_need(record.primary_need):
        raise AssuranceError(
            f"$.records[{index}].primary_need",
            f"expected a primary need that can apply to an unborn child ({where}), "
            f"got {safe_repr(record.primary_need.value)}",
        )
    for position, code in enumerate(record.factors):
        if policy.refuses_factor(code):
            raise AssuranceError(
                f"$.records[{index}].factors[{position}]",
                f"expected a factor that can apply to an unborn child ({where}), "
                f"got {safe_repr(code)}",
            )


@attrs.frozen
class CodeCounts:
    """Children counted by the codes of one census list, every code shown, zeros included.

    A child is counted under each factor recorded for them, so factor counts can add
    up to more than the children; each child has at most one plan category.

    Attributes:
        codes: The list the children were counted against.
        counts: Children per code, in the list's order.
        recorded: Children with at least one code of this list recorded.
        unrecorded: Children with none (no plan, or no factors), counted, not dropped.
    """

    codes: CensusCodeList
    counts: FrozenMap[str, int]
    recorded: int
    unrecorded: int

    @property
    def children(self) -> int:
        """All the children counted, recorded or not."""
        return self.recorded + self.unrecorded

    def share(self, code: str) -> Proportion:
        """Return the share of children with a code recorded who have ``code``.

        Raises:
            AssuranceError: If ``code`` is not on the list (nearest suggested), or no
                child has a code of this list recorded.
        """
        code = self.codes.check(code)
        if self.recorded == 0:
            raise AssuranceError(
                "records", f"expected at least one child with a {self.codes.kind.label}, got none"
            )
        return Proportion(self.counts[code], self.recorded)


def count_codes(records: Sequence[CohortRecord], codes: CensusCodeList) -> CodeCounts:
    """Count children by plan category or by assessment factor, as ``codes`` is.

    Raises:
        AssuranceError: If a record's code is not on ``codes`` (its path and the
            nearest valid code are named).

    >>> from neglect_protocol.census import builtin_plan_categories, count_codes
    >>> from neglect_protocol.indicators import CohortRecord
    >>> counts = count_codes((CohortRecord("C-1", "N1", "1 to 4", 4, plan_category="NEG"),
    ...                       CohortRecord("C-2", "N1", "5 to 9", 4)),
    ...                      builtin_plan_categories())
    >>> counts.counts["NEG"], counts.recorded, counts.unrecorded
    (1, 1, 1)
    """
    if not isinstance(codes, CensusCodeList):
        raise AssuranceError("codes", f"expected a CensusCodeList, got {got(codes)}")
    counted = dict.fromkeys(codes.code_values, 0)
    recorded = 0
    for index, record in enumerate(_records(records)):
        if codes.kind is CodeListKind.PLAN_CATEGORY:
            found: tuple[str, ...] = () if record.plan_category is None else (record.plan_category,)
            where = [f"$.records[{index}].plan_category"]
        else:
            found = record.factors
            where = [f"$.records[{index}].factors[{position}]" for position in range(len(found))]
        for code, path in zip(found, where, strict=False):
            counted[codes.check(code, path)] += 1
        recorded += bool(found)
    return CodeCounts(codes, FrozenMap(counted), recorded, len(records) - recorded)


@attrs.frozen
class NeglectShare:
    """How many children are "due to neglect", and on what basis.

    Attributes:
        basis: What "due to neglect" was taken to mean.
        neglect: Children due to neglect on that basis.
        recorded: Children whose records carry what the basis looks at (the base).
        unrecorded: Children whose records do not (no plan, no factors): counted
            here, never silently in or out of the base.
    """

    basis: NeglectBasis
    neglect: int
    recorded: int
    unrecorded: int

    @property
    def proportion(self) -> Proportion | None:
        """The share of :attr:`recorded` children due to neglect (``None`` if none recorded)."""
        return None if self.recorded == 0 else Proportion(self.neglect, self.recorded)

    @property
    def basis_description(self) -> str:
        """Which basis was used, in words (see :attr:`NeglectBasis.description`)."""
        return self.basis.description


def neglect_share(
    records: Sequence[CohortRecord],
    basis: NeglectBasis | str,
    *,
    categories: CensusCodeList,
    factors: CensusCodeList,
) -> NeglectShare:
    """Count the children "due to neglect" on ``basis``, codes checked against the year's lists.

    Raises:
        AssuranceError: If ``basis`` is not one, or a code is not on its list.
    """
    basis = NeglectBasis.of(basis)
    found = _records(records)
    check_codes(found, categories=categories, factors=factors)
    recorded = [record for record in found if basis.recorded(record)]
    return NeglectShare(
        basis,
        sum(basis.is_neglect(record) for record in recorded),
        len(recorded),
        len(found) - len(recorded),
    )

"""Neglect in the partnership dataset: census plan categories, assessment factors and their cuts.

No primary need code means neglect alone (N1 is "abuse or neglect"). The
Department for Education's Children in Need census records it in two other
places, both coded lists revised from year to year and shipped here as package
data with their ``source`` and ``year``:

- the initial category of abuse of a child protection plan (``NEG`` neglect,
  ``PHY`` physical, ``EMO`` emotional, ``SAB`` sexual abuse, ``MUL`` multiple);
- the factors identified at the end of assessment (``16A`` neglect, ``17A``
  emotional abuse, ``3A`` to ``3C`` domestic violence or abuse, and others).

A :class:`CodedRecord` joins a child's
:class:`~neglect_protocol.indicators.CohortRecord` to a ``plan_category`` and
``factors``; :func:`check_codes` refuses a code not on the year's list, naming
the nearest valid one; :func:`neglect_share` counts the children "due to neglect"
and says on which :class:`NeglectBasis`. Pass ``categories=`` or ``factors=`` (from
:func:`load_plan_categories` / :func:`load_assessment_factors`) to use another
collection year's list instead of the built-in one.

>>> from neglect_protocol.census import builtin_assessment_factors
>>> factors = builtin_assessment_factors()
>>> factors.label("16A"), factors.year
('neglect', 2023)
"""

from __future__ import annotations

from collections.abc import Sequence

from neglect_protocol._api import publish
from neglect_protocol._boundary._census_file import (
    builtin_assessment_factors,
    builtin_plan_categories,
    load_assessment_factors,
    load_plan_categories,
)
from neglect_protocol._logic import _census
from neglect_protocol._logic._census import (
    NEGLECT_CATEGORY,
    NEGLECT_FACTOR,
    CodeCounts,
    NeglectBasis,
    NeglectShare,
    count_codes,
)
from neglect_protocol._model._census import CensusCode, CensusCodeList, CodedRecord, CodeListKind

__all__ = [
    "NEGLECT_CATEGORY",
    "NEGLECT_FACTOR",
    "CensusCode",
    "CensusCodeList",
    "CodeCounts",
    "CodeListKind",
    "CodedRecord",
    "NeglectBasis",
    "NeglectShare",
    "builtin_assessment_factors",
    "builtin_plan_categories",
    "check_codes",
    "count_codes",
    "load_assessment_factors",
    "load_plan_categories",
    "neglect_share",
]


def check_codes(
    records: Sequence[CodedRecord],
    *,
    categories: CensusCodeList | None = None,
    factors: CensusCodeList | None = None,
) -> None:
    """Refuse any plan category or assessment factor not on the collection year's lists.

    Args:
        records: The children, each with their codes.
        categories: The plan categories of the year; the built-in list if ``None``.
        factors: The assessment factors of the year; the built-in list if ``None``.

    Raises:
        CohortError: At the first unknown code, with its ``$`` path and the
            nearest valid code.

    >>> from neglect_protocol.census import CodedRecord, check_codes
    >>> from neglect_protocol.indicators import CohortRecord
    >>> check_codes([CodedRecord(CohortRecord("C-1", "N1", "1 to 4", 4), factors=("16B",))])
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.CohortError: $.records[0].factors[0]: ... got '16B'; nearest: '16A'
    """
    _census.check_codes(
        records,
        categories=builtin_plan_categories() if categories is None else categories,
        factors=builtin_assessment_factors() if factors is None else factors,
    )


def neglect_share(
    records: Sequence[CodedRecord],
    basis: NeglectBasis | str,
    *,
    categories: CensusCodeList | None = None,
    factors: CensusCodeList | None = None,
) -> NeglectShare:
    """Count the children "due to neglect" on ``basis``, and keep the basis with the count.

    The base is the children whose records carry what the basis looks at (a plan
    category, or assessment factors); the others are counted in
    :attr:`NeglectShare.unrecorded`, never dropped silently.

    Args:
        records: The children, each with their codes.
        basis: ``"plan_category"`` (``NEG``), ``"assessment_factor"`` (``16A``) or
            ``"either"``.
        categories: The plan categories of the year; the built-in list if ``None``.
        factors: The assessment factors of the year; the built-in list if ``None``.

    Raises:
        CohortError: If ``basis`` is not one, or a code is not on its list.

    >>> from neglect_protocol.census import CodedRecord, neglect_share
    >>> from neglect_protocol.indicators import CohortRecord
    >>> share = neglect_share(
    ...     (CodedRecord(CohortRecord("C-1", "N1", "1 to 4", 4), factors=("16A", "3B")),
    ...      CodedRecord(CohortRecord("C-2", "N5", "5 to 9", 4), factors=("3B",)),
    ...      CodedRecord(CohortRecord("C-3", "N1", "5 to 9", 4))), "assessment_factor")
    >>> share.proportion, share.unrecorded
    (Proportion(positive=1, total=2), 1)
    >>> share.basis_description
    'neglect (16A) was a factor identified at the end of assessment'
    """
    return _census.neglect_share(
        records,
        basis,
        categories=builtin_plan_categories() if categories is None else categories,
        factors=builtin_assessment_factors() if factors is None else factors,
    )


publish(
    __name__,
    CensusCode,
    CensusCodeList,
    CodeCounts,
    CodeListKind,
    CodedRecord,
    NeglectBasis,
    NeglectShare,
    builtin_assessment_factors,
    builtin_plan_categories,
    check_codes,
    count_codes,
    load_assessment_factors,
    load_plan_categories,
    neglect_share,
)


def __dir__() -> list[str]:
    return __all__

"""Neglect in the partnership dataset: census plan categories, assessment factors and their cuts.

No primary need code means neglect alone (N1 is "abuse or neglect"). The
Department for Education's Children in Need census records it in two other
places, both coded lists revised from year to year and shipped here as package
data with their ``source`` and ``year``:

- the initial category of abuse of a child protection plan (``NEG`` neglect,
  ``PHY`` physical, ``EMO`` emotional, ``SAB`` sexual abuse, ``MUL`` multiple);
- the factors identified at the end of assessment (``16A`` neglect, ``17A``
  emotional abuse, ``3A`` to ``3C`` domestic violence or abuse, and others).

A child's :class:`~neglect_protocol.indicators.CohortRecord` carries its
``plan_category`` and ``factors``; :func:`check_codes` refuses a code not on the
year's list, naming the nearest valid one, and a code that cannot apply to an
unborn child (:class:`UnbornPolicy`, a local policy); :func:`neglect_share`
counts the children "due to neglect" and says on which :class:`NeglectBasis`.
Pass ``categories=`` or ``factors=`` (from :func:`load_plan_categories` /
:func:`load_assessment_factors`) to use another collection year's list instead
of the built-in one.

>>> from neglect_protocol.census import builtin_assessment_factors
>>> factors = builtin_assessment_factors()
>>> factors.label("16A"), factors.year
('neglect', 2023)
"""

from __future__ import annotations

from collections.abc import Sequence

from neglect_protocol._api import publish_exports
from neglect_protocol._boundary._builtin import (
    builtin_assessment_factors,
    builtin_plan_categories,
)
from neglect_protocol._boundary._kinds import (
    CENSUS_CODE_LIST_SCHEMA_VERSION as CENSUS_CODES_SCHEMA_VERSION,
)
from neglect_protocol._boundary._loaders import (
    code_list_from_document,
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
from neglect_protocol._model._census import CensusCode, CensusCodeList, CodeListKind
from neglect_protocol._model._cohort import UNBORN_POLICY as _UNBORN_POLICY
from neglect_protocol._model._cohort import CohortRecord, UnbornPolicy

__all__ = [
    "CENSUS_CODES_SCHEMA_VERSION",
    "NEGLECT_CATEGORY",
    "NEGLECT_FACTOR",
    "UNBORN_POLICY",
    "CensusCode",
    "CensusCodeList",
    "CodeCounts",
    "CodeListKind",
    "NeglectBasis",
    "NeglectShare",
    "UnbornPolicy",
    "builtin_assessment_factors",
    "builtin_plan_categories",
    "check_codes",
    "code_list_from_document",
    "count_codes",
    "load_assessment_factors",
    "load_plan_categories",
    "neglect_share",
]

UNBORN_POLICY: UnbornPolicy = _UNBORN_POLICY
"""The built-in codes refused for an unborn child, a local policy (no DfE rule says which).

Primary need N6 and the factors about the child's own behaviour or life after
birth: 1A, 2A, 7A, 8B to 8F, 9A, 10A to 15A and 24A (see :class:`UnbornPolicy`).
"""


def check_codes(
    records: Sequence[CohortRecord],
    *,
    categories: CensusCodeList | None = None,
    factors: CensusCodeList | None = None,
    unborn: UnbornPolicy | None = UNBORN_POLICY,
) -> None:
    """Refuse any plan category or assessment factor not on the collection year's lists.

    Args:
        records: The children, each with their codes.
        categories: The plan categories of the year; the built-in list if ``None``.
        factors: The assessment factors of the year; the built-in list if ``None``.
        unborn: The codes refused for an unborn child, a local policy (no DfE rule
            says which; see :class:`UnbornPolicy`); ``None`` refuses none.

    Raises:
        AssuranceError: At the first unknown code, with its ``$`` path and the
            nearest valid code, or the first code ``unborn`` refuses for an
            unborn child.

    >>> from neglect_protocol.census import check_codes
    >>> from neglect_protocol.indicators import CohortRecord
    >>> check_codes([CohortRecord("C-1", "N1", "1 to 4", 4, factors=("16B",))])
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.AssuranceError: $.records[0].factors[0]: ... got '16B'; nearest: '16A'
    >>> check_codes([CohortRecord("C-2", "N1", "unborn", 3, factors=("15A",))])
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.AssuranceError: $.records[0].factors[0]: expected a factor ... got '15A'
    """
    _census.check_codes(
        records,
        categories=builtin_plan_categories() if categories is None else categories,
        factors=builtin_assessment_factors() if factors is None else factors,
        unborn=unborn,
    )


def neglect_share(
    records: Sequence[CohortRecord],
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
        AssuranceError: If ``basis`` is not one, or a code is not on its list.

    >>> from neglect_protocol.census import neglect_share
    >>> from neglect_protocol.indicators import CohortRecord
    >>> share = neglect_share(
    ...     (CohortRecord("C-1", "N1", "1 to 4", 4, factors=("16A", "3B")),
    ...      CohortRecord("C-2", "N5", "5 to 9", 4, factors=("3B",)),
    ...      CohortRecord("C-3", "N1", "5 to 9", 4)), "assessment_factor")
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


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__

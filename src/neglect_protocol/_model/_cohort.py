"""The partnership dataset: national codes, cohort records and implementation figures."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from neglect_protocol._model._assessment import Assessment, ChildRef
from neglect_protocol._model._census import factors_field, plan_category_field
from neglect_protocol._model._checks import got, tuple_of
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import AssuranceError, safe_repr


class PrimaryNeed(enum.Enum):
    """The Children in Need census primary need codes, N0 to N9 (England).

    The primary need is the main reason a child is receiving services, recorded
    once per episode of need. Codes and meanings follow the Department for
    Education's *Children in need census: guide for local authorities*
    (annex on the primary need codes), in our own words.

    >>> from neglect_protocol.indicators import PrimaryNeed
    >>> PrimaryNeed("N1").description
    'abuse or neglect'
    >>> PrimaryNeed.N5.description
    'family dysfunction'
    """

    N0 = "N0"
    N1 = "N1"
    N2 = "N2"
    N3 = "N3"
    N4 = "N4"
    N5 = "N5"
    N6 = "N6"
    N7 = "N7"
    N8 = "N8"
    N9 = "N9"

    @property
    def description(self) -> str:
        """What the code stands for, in lower case (to sit inside a sentence)."""
        return _NEED_DESCRIPTIONS[self]


_NEED_DESCRIPTIONS = {
    PrimaryNeed.N0: "not stated",
    PrimaryNeed.N1: "abuse or neglect",
    PrimaryNeed.N2: "the child's disability or illness",
    PrimaryNeed.N3: "parental disability or illness",
    PrimaryNeed.N4: "family in acute stress",
    PrimaryNeed.N5: "family dysfunction",
    PrimaryNeed.N6: "socially unacceptable behaviour",
    PrimaryNeed.N7: "low income",
    PrimaryNeed.N8: "absent parenting",
    PrimaryNeed.N9: "cases other than children in need",
}


def census_date(year: int) -> dt.date:
    """Return the census reference date, 31 March, of the year ending in ``year``.

    DfE children's social care statistics give ages at 31 March, the end of the
    collection year (so the year 2021 to 2022 has census date 31 March 2022).

    >>> from neglect_protocol.indicators import census_date
    >>> census_date(2022)
    datetime.date(2022, 3, 31)
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 9999:
        raise AssuranceError("census_year", f"expected a year such as 2022, got {got(year)}")
    return dt.date(year, 3, 31)


class CensusAgeBand(enum.Enum):
    """The DfE age bands of children's social care statistics, with unborn children.

    Ages are completed years at 31 March of the collection year. The bands (under
    1, 1 to 4, 5 to 9, 10 to 15, 16 and over, and unborn in children in need
    tables) follow the DfE's *Characteristics of children in need* statistics.

    >>> from neglect_protocol.indicators import CensusAgeBand
    >>> CensusAgeBand.for_age(12)
    <CensusAgeBand.AGED_10_TO_15: '10 to 15'>
    >>> CensusAgeBand.for_age(None).label
    'Unborn'

    The bands cover children: ages of 18 and over are refused, since a child is
    anyone under 18 (Children Act 1989, section 105).
    """

    UNBORN = "unborn"
    UNDER_1 = "under 1"
    AGED_1_TO_4 = "1 to 4"
    AGED_5_TO_9 = "5 to 9"
    AGED_10_TO_15 = "10 to 15"
    AGED_16_AND_OVER = "16 and over"

    @property
    def label(self) -> str:
        """The band as a table heading (``"10 to 15"``, ``"Unborn"``)."""
        return self.value[0].upper() + self.value[1:]

    @classmethod
    def for_age(cls, years: int | None) -> CensusAgeBand:
        """Return the band for an age in completed years, ``None`` meaning unborn.

        Raises:
            AssuranceError: If ``years`` is not a whole number from 0 to 17 (or ``None``).
        """
        if years is None:
            return cls.UNBORN
        if isinstance(years, bool) or not isinstance(years, int) or not 0 <= years < _ADULT:
            raise AssuranceError(
                "age",
                f"expected completed years from 0 to {_ADULT - 1} (a child), or None, "
                f"got {got(years)}",
            )
        for band, upper in _BAND_UPPER:
            if years < upper:
                return band
        return cls.AGED_16_AND_OVER

    @classmethod
    def of_child(cls, child: ChildRef, *, census_year: int) -> CensusAgeBand:
        """Return the band of ``child`` by age at 31 March of ``census_year``.

        Raises:
            AssuranceError: If the child has no date of birth but was due on or before
                the census date (born by then, so the band cannot be known), or is
                18 or over at the census date.

        >>> import datetime as dt
        >>> from neglect_protocol.indicators import CensusAgeBand
        >>> from neglect_protocol.assessment import ChildRef
        >>> child = ChildRef("C-1", date_of_birth=dt.date(2011, 4, 1))
        >>> CensusAgeBand.of_child(child, census_year=2022).label
        '10 to 15'
        """
        day = census_date(census_year)
        due = child.expected_delivery_date
        if child.date_of_birth is None and due is not None and due <= day:
            raise AssuranceError(
                "child",
                f"expected a date of birth for a child due on or before the census date "
                f"{day.isoformat()}, got only an expected delivery date",
            )
        return cls.for_age(child.age_in_years_on(day))


_ADULT = 18
"""A child is anyone under 18 (Children Act 1989, section 105)."""

_BAND_UPPER = (
    (CensusAgeBand.UNDER_1, 1),
    (CensusAgeBand.AGED_1_TO_4, 5),
    (CensusAgeBand.AGED_5_TO_9, 10),
    (CensusAgeBand.AGED_10_TO_15, 16),
)


def _member(kind: type[enum.Enum], field: str, value: object) -> Any:
    if isinstance(value, kind):
        return value
    for member in kind:
        if value == member.value or (isinstance(member, CensusAgeBand) and value == member.label):
            return member
    choices = ", ".join(safe_repr(member) for member in kind)
    raise AssuranceError(field, f"expected one of {choices}, got {got(value)}")


def as_primary_need(value: PrimaryNeed | str, field: str = "primary_need") -> PrimaryNeed:
    """Return ``value`` as a primary need: a member, or its code (``"N1"``).

    Raises:
        AssuranceError: If it is neither.
    """
    member: PrimaryNeed = _member(PrimaryNeed, field, value)
    return member


def as_age_band(value: CensusAgeBand | str, field: str = "age_band") -> CensusAgeBand:
    """Return ``value`` as an age band: a member, its value (``"under 1"``) or its label.

    Raises:
        AssuranceError: If it is none of these.
    """
    member: CensusAgeBand = _member(CensusAgeBand, field, value)
    return member


def check_level(value: object, field: str) -> int:
    """Return ``value`` if it is a level of need, a whole number from 1 up.

    Raises:
        AssuranceError: If it is not.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise AssuranceError(
            field, f"expected a level of need from 1 up (local policy), got {got(value)}"
        )
    return value


def check_flag(value: object, field: str) -> bool:
    """Return ``value`` if it is ``True`` or ``False``.

    Raises:
        AssuranceError: If it is not.
    """
    if not isinstance(value, bool):
        raise AssuranceError(field, f"expected True or False, got {got(value)}")
    return value


def _primary_need(value: PrimaryNeed | str) -> PrimaryNeed:
    return as_primary_need(value)


def _age_band(value: CensusAgeBand | str) -> CensusAgeBand:
    return as_age_band(value)


def _reference(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AssuranceError(attribute.name, f"expected non-empty text, got {got(value)}")


def _level(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    check_level(value, attribute.name)


def _flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    check_flag(value, attribute.name)


@attrs.frozen
class CohortRecord:
    """One child in the partnership's dataset at the census date.

    Attributes:
        reference: The child's pseudonymous reference.
        primary_need: The Children in Need census primary need (a code such as
            ``"N1"`` is converted).
        age_band: The DfE age band at 31 March (a value such as ``"10 to 15"``, or
            a label such as ``"Under 1"``, is converted).
        level_of_need: The level (tier) of need, 1 up; the levels are local policy.
        looked_after: Whether the child is in the local authority's care.
        plan_category: The initial category of abuse of the child's child
            protection plan, a Children in Need census code (``"NEG"``), or
            ``None`` if the child has no plan.
        factors: The factors identified at the end of the child's assessment,
            census codes (``("16A", "3B")``); empty if none were recorded.

    The codes' shapes are checked here, so free text typed into the wrong column
    is refused at once; whether a code is on one collection year's list is checked
    against that list (:func:`neglect_protocol.census.check_codes`), since a record
    does not know its year.

    Raises:
        AssuranceError: If a field is invalid; if a code is not shaped like one or is
            repeated, or ``"21"`` (no factors identified) is given beside another
            factor (census validation rule 8869); or if an unborn child is
            recorded as looked after.

    >>> from neglect_protocol.indicators import CohortRecord
    >>> record = CohortRecord("C-1", "N1", "10 to 15", level_of_need=4, looked_after=True)
    >>> record.primary_need, record.age_band
    (<PrimaryNeed.N1: 'N1'>, <CensusAgeBand.AGED_10_TO_15: '10 to 15'>)
    >>> CohortRecord("C-2", "N1", "1 to 4", 4, plan_category="NEG", factors=["16A", "3B"]).factors
    ('16A', '3B')
    """

    reference: str = attrs.field(repr=safe_repr, validator=_reference)
    primary_need: PrimaryNeed = attrs.field(converter=_primary_need)
    age_band: CensusAgeBand = attrs.field(converter=_age_band)
    level_of_need: int = attrs.field(validator=_level)
    looked_after: bool = attrs.field(default=False, validator=_flag)
    plan_category: str | None = attrs.field(
        default=None, converter=plan_category_field, kw_only=True
    )
    factors: tuple[str, ...] = attrs.field(default=(), converter=factors_field, kw_only=True)

    def __attrs_post_init__(self) -> None:
        # A local authority looks after a child in its care or accommodated by it
        # (Children Act 1989, s.22(1)), and a child is a person under 18 (s.105(1)):
        # one not yet born cannot be looked after; pre-birth work plans care from birth.
        if self.age_band is CensusAgeBand.UNBORN and self.looked_after:
            raise AssuranceError(
                "looked_after",
                "expected an unborn child not to be looked after (a child can be in care "
                "only once born, Children Act 1989 s.22(1)), got True",
            )

    @classmethod
    def from_child(
        cls,
        child: ChildRef,
        *,
        census_year: int,
        primary_need: PrimaryNeed | str,
        level_of_need: int,
        looked_after: bool = False,
        plan_category: str | None = None,
        factors: tuple[str, ...] = (),
    ) -> CohortRecord:
        """Build a record for ``child``, working out the age band at 31 March of ``census_year``.

        >>> import datetime as dt
        >>> from neglect_protocol.indicators import CohortRecord
        >>> from neglect_protocol.assessment import ChildRef
        >>> child = ChildRef("C-2", expected_delivery_date=dt.date(2022, 5, 1))
        >>> CohortRecord.from_child(child, census_year=2022, primary_need="N1",
        ...                         level_of_need=3).age_band.label
        'Unborn'
        """
        return cls(
            child.reference,
            primary_need,
            CensusAgeBand.of_child(child, census_year=census_year),
            level_of_need,
            looked_after,
            plan_category=plan_category,
            factors=factors,
        )


def _count(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise AssuranceError(attribute.name, f"expected a whole number from 0 up, got {got(value)}")


@attrs.frozen
class GCP2Completion:
    """One GCP2 completed in the period, for counting use of the tool.

    Attributes:
        practitioner: The pseudonymous reference of the practitioner who led it.
        agency: The practitioner's agency (``"health"``, ``"education"``).
        level_of_need: The child's level of need when it was completed.
        age_band: The child's DfE age band (a value such as ``"1 to 4"`` is converted).
    """

    practitioner: str = attrs.field(repr=safe_repr, validator=_reference)
    agency: str = attrs.field(repr=safe_repr, validator=_reference)
    level_of_need: int = attrs.field(validator=_level)
    age_band: CensusAgeBand = attrs.field(converter=_age_band)

    @classmethod
    def from_assessment(
        cls, assessment: Assessment, *, level_of_need: int, census_year: int
    ) -> GCP2Completion:
        """Count ``assessment``, led by its first practitioner, with the child's age band.

        Raises:
            AssuranceError: If the assessment names no practitioner, or its first
                practitioner has no agency.

        >>> import datetime as dt
        >>> from neglect_protocol.indicators import GCP2Completion
        >>> from neglect_protocol.assessment import (Assessment, ChildRef, ObservationWindow,
        ...                                          Practitioner)
        >>> assessment = Assessment(ChildRef("C-3", date_of_birth=dt.date(2019, 6, 1)),
        ...     ObservationWindow(dt.date(2021, 11, 1), dt.date(2021, 11, 19)), (),
        ...     practitioners=(Practitioner("W-9", agency="health"),))
        >>> completion = GCP2Completion.from_assessment(assessment, level_of_need=2,
        ...                                             census_year=2022)
        >>> completion.practitioner, completion.agency, completion.age_band.label
        ('W-9', 'health', '1 to 4')
        """
        if not assessment.practitioners or assessment.practitioners[0].agency is None:
            raise AssuranceError(
                "assessment.practitioners",
                "expected a first practitioner with an agency, got "
                + ("none" if not assessment.practitioners else "one without an agency"),
            )
        lead = assessment.practitioners[0]
        return cls(
            lead.reference,
            lead.agency,  # type: ignore[arg-type]
            level_of_need,
            CensusAgeBand.of_child(assessment.child, census_year=census_year),
        )


@attrs.frozen
class ImplementationMeasures:
    """How far the partnership has rolled the tool out, for one period.

    Attributes:
        champions_trained: Champions trained to support colleagues.
        awareness_attendance: People who attended awareness sessions and conferences.
        practitioners_trained: Practitioners trained to use the tool.
        completions: The GCP2s completed in the period.

    Raises:
        AssuranceError: If a count is not a whole number from 0 up, or more distinct
            practitioners completed a GCP2 than were trained.

    >>> from neglect_protocol.indicators import GCP2Completion, ImplementationMeasures
    >>> measures = ImplementationMeasures(32, 1236, 614, (
    ...     GCP2Completion("W-1", "health", 2, "1 to 4"),
    ...     GCP2Completion("W-1", "health", 3, "5 to 9"),
    ...     GCP2Completion("W-2", "education", 2, "5 to 9")))
    >>> measures.completed, measures.practitioners_using, measures.trained_not_using
    (3, 2, 612)
    """

    champions_trained: int = attrs.field(validator=_count)
    awareness_attendance: int = attrs.field(validator=_count)
    practitioners_trained: int = attrs.field(validator=_count)
    completions: tuple[GCP2Completion, ...] = attrs.field(
        default=(), validator=tuple_of(GCP2Completion, AssuranceError)
    )

    def __attrs_post_init__(self) -> None:
        if self.practitioners_using > self.practitioners_trained:
            raise AssuranceError(
                "completions",
                f"expected no more practitioners completing GCP2s than the "
                f"{self.practitioners_trained} trained, got {self.practitioners_using}",
            )

    @property
    def completed(self) -> int:
        """How many GCP2s were completed."""
        return len(self.completions)

    @property
    def practitioners_using(self) -> int:
        """How many different practitioners completed at least one GCP2."""
        return len({completion.practitioner for completion in self.completions})

    @property
    def trained_not_using(self) -> int:
        """How many practitioners trained completed no GCP2 (the gap the board watches)."""
        return self.practitioners_trained - self.practitioners_using

    @property
    def using_share(self) -> Proportion | None:
        """The share of trained practitioners who completed a GCP2 (``None`` if none trained)."""
        if self.practitioners_trained == 0:
            return None
        return Proportion(self.practitioners_using, self.practitioners_trained)


def _needs(value: object) -> frozenset[PrimaryNeed]:
    if isinstance(value, str) or not isinstance(value, tuple | list | set | frozenset):
        raise AssuranceError("primary_needs", f"expected a set of primary needs, got {got(value)}")
    return frozenset(
        as_primary_need(need, f"primary_needs[{index}]") for index, need in enumerate(value)
    )


def _factor_codes(value: object) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, tuple | list | set | frozenset):
        raise AssuranceError("factors", f"expected a set of factor codes, got {got(value)}")
    return frozenset(factors_field(tuple(sorted(value, key=str))))


@attrs.frozen
class UnbornPolicy:
    """The census codes that cannot apply to an unborn child: a local policy.

    No rule of the Department for Education's Children in Need census (its guide,
    or its validation rules as implemented in the open-source validator) was
    found that refuses a need code or an assessment factor for an unborn child,
    so which codes cannot apply is the partnership's policy, not a DfE
    definition. :data:`~neglect_protocol.census.UNBORN_POLICY` is the built-in
    one: the need and factors that describe the child's own behaviour or
    circumstances after birth (socially unacceptable behaviour N6; the child's own
    alcohol or drug misuse 1A and 2A; a young carer 7A; private fostering 8B to
    8F; an unaccompanied asylum-seeking child 9A; going missing 10A; sexual
    exploitation 11A; trafficking 12A; gangs 13A; socially unacceptable behaviour
    14A; self-harm 15A; criminal exploitation 24A). Build another to change it.

    Attributes:
        name: The policy's name, shown in messages.
        primary_needs: The primary needs refused for an unborn child.
        factors: The assessment factor codes refused for an unborn child.

    >>> from neglect_protocol.census import UnbornPolicy
    >>> policy = UnbornPolicy("county 2024", ["N6"], ["14A", "15A"])
    >>> policy.refuses_need("N6"), policy.refuses_factor("16A")
    (True, False)
    """

    name: str = attrs.field(validator=_reference)
    primary_needs: frozenset[PrimaryNeed] = attrs.field(converter=_needs)
    factors: frozenset[str] = attrs.field(converter=_factor_codes)

    def refuses_need(self, need: PrimaryNeed | str) -> bool:
        """Whether ``need`` cannot apply to an unborn child under this policy."""
        return as_primary_need(need) in self.primary_needs

    def refuses_factor(self, code: str) -> bool:
        """Whether the factor ``code`` cannot apply to an unborn child under this policy."""
        return code in self.factors


UNBORN_POLICY = UnbornPolicy(
    "built-in",
    ("N6",),
    (
        "1A",
        "2A",
        "7A",
        "8B",
        "8C",
        "8D",
        "8E",
        "8F",
        "9A",
        "10A",
        "11A",
        "12A",
        "13A",
        "14A",
        "15A",
        "24A",
    ),
)
"""The built-in :class:`UnbornPolicy` (local policy, not a DfE rule; see its docstring)."""

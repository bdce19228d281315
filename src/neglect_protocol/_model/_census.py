"""Children in Need census code lists: child protection plan categories and assessment factors.

Neglect on its own is not a primary need code (N1 is "abuse or neglect"). The
Department for Education's Children in Need census names it in two other
places: the *initial category of abuse* of a child protection plan (``NEG``) and
the *factors identified at the end of assessment* (``16A``). Both are coded lists
that the DfE revises from one collection year to the next, so they are reference
data: the built-in lists ship as package data with their ``source`` and ``year``,
and a newer year's file replaces them (see :mod:`neglect_protocol.census`). A
child's :class:`~neglect_protocol.indicators.CohortRecord` carries its codes.
"""

from __future__ import annotations

import difflib
import enum
import re

import attrs

from neglect_protocol._model._checks import got, member_of
from neglect_protocol.errors import AssuranceError, safe_repr


class CodeListKind(enum.Enum):
    """Which census code list a :class:`CensusCodeList` is."""

    PLAN_CATEGORY = "plan_category"
    ASSESSMENT_FACTOR = "assessment_factor"

    @property
    def label(self) -> str:
        """The list's name inside a sentence."""
        if self is CodeListKind.PLAN_CATEGORY:
            return "child protection plan category"
        return "factor identified at the end of assessment"


# A plan category is three capital letters (``NEG``); a factor is a number of one or
# two digits with an optional capital letter (``16A``, ``21``). The shapes are
# checked when a record is built, so free text typed into the wrong column is refused
# at once; membership of one year's list is checked against that list.
_SHAPES = {
    CodeListKind.PLAN_CATEGORY: re.compile(r"[A-Z]{3}"),
    CodeListKind.ASSESSMENT_FACTOR: re.compile(r"[0-9]{1,2}[A-Z]?"),
}
_SHAPE_WORDS = {
    CodeListKind.PLAN_CATEGORY: "three capital letters such as 'NEG'",
    CodeListKind.ASSESSMENT_FACTOR: "a number with an optional letter such as '16A'",
}


def check_code_shape(value: object, kind: CodeListKind, field: str) -> str:
    """Return ``value`` if it is shaped like a code of ``kind``.

    Raises:
        AssuranceError: If it is not text of that shape.
    """
    if not isinstance(value, str) or not _SHAPES[kind].fullmatch(value):
        raise AssuranceError(
            field, f"expected a {kind.label} code ({_SHAPE_WORDS[kind]}), got {got(value)}"
        )
    return value


def _code(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise AssuranceError(attribute.name, f"expected a code, got {got(value)}")


def _text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AssuranceError(attribute.name, f"expected non-empty text, got {got(value)}")


@attrs.frozen
class CensusCode:
    """One code of a census list, with what it stands for.

    Attributes:
        code: The code as the census returns it (``"NEG"``, ``"16A"``).
        label: What it stands for, in lower case, in our own words.
    """

    code: str = attrs.field(validator=_code)
    label: str = attrs.field(validator=_text)


def _year(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 2009 <= value <= 9999:
        raise AssuranceError(
            attribute.name,
            f"expected the year a collection ends, such as 2023, got {got(value)}",
        )


def _kind(value: CodeListKind | str) -> CodeListKind:
    return member_of(CodeListKind, value, "kind", AssuranceError)


@attrs.frozen
class CensusCodeList:
    """One collection year's list of plan categories or assessment factors.

    Attributes:
        kind: Which list it is (plan categories or assessment factors).
        source: Where the list comes from (the DfE document and its year).
        year: The year the collection ends on 31 March (2023 for 2022 to 2023).
        codes: The codes, in the census's order, each once and of the list's shape.

    Raises:
        AssuranceError: If a code is repeated or not of the list's shape, or the list
            is empty.

    >>> from neglect_protocol.census import CensusCode, CensusCodeList
    >>> categories = CensusCodeList("plan_category", "invented", 2023,
    ...     (CensusCode("NEG", "neglect"), CensusCode("PHY", "physical abuse")))
    >>> categories.check("NEG"), categories.label("PHY")
    ('NEG', 'physical abuse')
    """

    kind: CodeListKind = attrs.field(converter=_kind)
    source: str = attrs.field(validator=_text)
    year: int = attrs.field(validator=_year)
    codes: tuple[CensusCode, ...] = attrs.field()

    @codes.validator
    def _check_codes(
        self, attribute: attrs.Attribute[tuple[CensusCode, ...]], value: object
    ) -> None:
        if not isinstance(value, tuple) or not value:
            raise AssuranceError("codes", f"expected a non-empty tuple of codes, got {got(value)}")
        seen: set[str] = set()
        for index, entry in enumerate(value):
            if not isinstance(entry, CensusCode):
                raise AssuranceError(f"codes[{index}]", f"expected a CensusCode, got {got(entry)}")
            check_code_shape(entry.code, self.kind, f"codes[{index}].code")
            if entry.code in seen:
                raise AssuranceError(
                    f"codes[{index}].code",
                    f"expected each code once, got {safe_repr(entry.code)} again",
                )
            seen.add(entry.code)

    def __contains__(self, code: object) -> bool:
        return any(entry.code == code for entry in self.codes)

    @property
    def code_values(self) -> tuple[str, ...]:
        """The codes alone, in order."""
        return tuple(entry.code for entry in self.codes)

    def label(self, code: str) -> str:
        """Return what ``code`` stands for.

        Raises:
            AssuranceError: If ``code`` is not on the list (the nearest code is suggested).
        """
        code = self.check(code)
        return next(entry.label for entry in self.codes if entry.code == code)

    def nearest(self, code: object) -> str | None:
        """Return the valid code nearest a mistyped one, or ``None`` if none is close.

        A factor sharing the mistyped code's number comes first (``"16B"`` suggests
        ``"16A"``, not ``"6B"``); otherwise the closest spelling.
        """
        if not isinstance(code, str):
            return None
        wanted = code.strip().upper()
        number = wanted.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        if number:
            for candidate in self.code_values:
                if candidate.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == number:
                    return candidate
        close = difflib.get_close_matches(wanted, self.code_values, n=1, cutoff=0.5)
        return close[0] if close else None

    def check(self, code: object, field: str = "code") -> str:
        """Return ``code`` if it is on the list.

        Args:
            code: The code to look up.
            field: Where the code was found, for the message (``"$.records[3].factors[1]"``).

        Raises:
            AssuranceError: If it is not, naming the nearest valid code when one is close.
        """
        if isinstance(code, str) and code in self:
            return code
        nearest = self.nearest(code)
        hint = f"; nearest: {safe_repr(nearest)}" if nearest else ""
        raise AssuranceError(
            field,
            f"expected a {self.kind.label} code of the {self.year} census list, "
            f"got {got(code)}{hint}",
        )


def plan_category_field(value: object) -> str | None:
    """Convert a plan category: ``None`` (no plan) or a code such as ``"NEG"``.

    Raises:
        AssuranceError: If it is neither ``None`` nor shaped like a plan category code.
    """
    if value is None:
        return None
    return check_code_shape(value, CodeListKind.PLAN_CATEGORY, "plan_category")


_NO_FACTORS = "21"
"""The factor code "no factors identified", which must stand alone (validation rule 8869)."""


def factors_field(value: object) -> tuple[str, ...]:
    """Convert assessment factors: a tuple (or list) of codes, each once.

    Raises:
        AssuranceError: If it is not a tuple or list of factor-shaped codes, repeats a
            code, or gives ``"21"`` (no factors identified) beside another code, which
            the census refuses (validation rule 8869).
    """
    if not isinstance(value, tuple | list):
        raise AssuranceError("factors", f"expected a tuple of factor codes, got {got(value)}")
    codes = tuple(
        check_code_shape(code, CodeListKind.ASSESSMENT_FACTOR, f"factors[{index}]")
        for index, code in enumerate(value)
    )
    for index, code in enumerate(codes):
        if code in codes[:index]:
            raise AssuranceError(
                f"factors[{index}]", f"expected each factor once, got {safe_repr(code)} again"
            )
    if _NO_FACTORS in codes and len(codes) > 1:
        raise AssuranceError(
            "factors",
            f"expected {safe_repr(_NO_FACTORS)} (no factors identified) on its own, "
            f"got it with {len(codes) - 1} other code{'' if len(codes) == 2 else 's'}",
        )
    return codes

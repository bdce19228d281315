"""The GCP2 grade scale: five grades, 1 best and 5 worst."""

from __future__ import annotations

import enum
import numbers
from typing import Any, cast

from neglect_protocol.errors import InvalidGradeError


class _StrictGradeMeta(enum.EnumMeta):
    """Metaclass that refuses look-ups by anything but a whole number.

    A plain :class:`enum.IntEnum` accepts ``3.0`` and ``True`` because they compare
    equal to ``3`` and ``1``; a grade recorded as a float or a boolean is almost
    always a bug in the host system, so it is refused rather than coerced.
    """

    def __call__(cls, value: Any) -> Any:  # type: ignore[override]
        if isinstance(value, cls):
            return value
        if (
            isinstance(value, bool)
            or not isinstance(value, numbers.Integral)
            or not 1 <= int(value) <= 5
        ):
            raise InvalidGradeError(value)
        return cls._value2member_map_[int(value)]


# Descriptors of each grade on the three parallel dimensions of the GCP2 scale,
# in our own words after the public summaries (DOMAIN.md section 3).
_DIMENSIONS: dict[int, tuple[str, str, str]] = {
    1: ("all of the child's needs are met", "the child always comes first", "best"),
    2: ("essential needs are fully met", "the child comes first most of the time", "adequate"),
    3: ("some essential needs are unmet", "the child and the carer are on a par", "borderline"),
    4: ("most essential needs are unmet", "the child comes second", "poor"),
    5: (
        "essential needs are entirely unmet, or care is hostile",
        "the child is not considered",
        "worst",
    ),
}


class Grade(enum.IntEnum, metaclass=_StrictGradeMeta):
    """A GCP2 grade, from 1 (best care) to 5 (worst care).

    Grades are ordered integers, so ``max`` of a collection is its *worst* grade.
    The scale is the same in every area. Only a whole number from 1 to 5 (or an
    existing :class:`Grade`) is accepted: ``0``, ``6``, ``3.0``, ``"3"``, ``True``
    and ``None`` raise :class:`~neglect_protocol.errors.InvalidGradeError`.

    Each member reads on the scale's three parallel dimensions: :attr:`needs_met`,
    :attr:`commitment` and :attr:`quality_of_care`.

    >>> from neglect_protocol.grades import Grade
    >>> Grade(3)
    <Grade.BORDERLINE: 3>
    >>> Grade(3).quality_of_care
    'borderline'
    >>> max(Grade(2), Grade(4)) is Grade.POOR
    True
    >>> Grade(2).is_strength, Grade(4).is_concern
    (True, True)
    """

    BEST = 1
    ADEQUATE = 2
    BORDERLINE = 3
    POOR = 4
    WORST = 5

    @property
    def needs_met(self) -> str:
        """How far the child's needs are met at this grade."""
        return _DIMENSIONS[self.value][0]

    @property
    def commitment(self) -> str:
        """The carer's commitment to the child at this grade."""
        return _DIMENSIONS[self.value][1]

    @property
    def quality_of_care(self) -> str:
        """The quality of care at this grade, in one word."""
        return _DIMENSIONS[self.value][2]

    @property
    def is_strength(self) -> bool:
        """Whether the grade is a strength (1 or 2)."""
        return self.value <= 2

    @property
    def is_borderline(self) -> bool:
        """Whether the grade is borderline (3), the mark of low-level neglect when it persists."""
        return self.value == 3

    @property
    def is_concern(self) -> bool:
        """Whether the grade is a concern (4 or 5)."""
        return self.value >= 4

    def is_worse_than(self, other: Grade) -> bool:
        """Whether this grade describes worse care than ``other``.

        >>> from neglect_protocol.grades import Grade
        >>> Grade(4).is_worse_than(Grade(2))
        True
        """
        return self.value > other.value

    def is_better_than(self, other: Grade) -> bool:
        """Whether this grade describes better care than ``other``.

        >>> from neglect_protocol.grades import Grade
        >>> Grade(1).is_better_than(Grade(2))
        True
        """
        return self.value < other.value


def to_grade(value: object, *, field: str = "grade") -> Grade:
    """Convert ``value`` to a :class:`Grade`, naming ``field`` if it is not one.

    Args:
        value: An integer from 1 to 5 or a :class:`Grade`.
        field: Where the value came from, used in the error message.

    Returns:
        The grade.

    Raises:
        InvalidGradeError: If ``value`` is not a whole number from 1 to 5.
    """
    try:
        # The metaclass checks the value at run time; the cast only informs the type checker.
        return Grade(cast(int, value))
    except InvalidGradeError:
        raise InvalidGradeError(value, field=field) from None


GRADES: tuple[Grade, ...] = tuple(Grade)
"""Every grade, best first."""

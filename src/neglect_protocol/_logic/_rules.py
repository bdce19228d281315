"""Roll-up rules: how grades beneath a sub-area or area suggest a grade for it.

GCP2 publishes no rule for turning item grades into sub-area or area grades: the
practitioner's judgement is authoritative. These rules only *suggest* a grade,
and each is a plain callable from a non-empty sequence of grades to a grade, so a
partnership can pass its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeAlias, TypeVar

from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol.errors import InvalidArgumentError, safe_repr

RollUpRule: TypeAlias = Callable[[Sequence[Grade]], Grade]
"""A roll-up rule: a callable from a non-empty sequence of grades to one grade.

A rule may declare itself monotone with a ``monotone`` attribute set to ``True``
(see :func:`is_monotone`).
"""

_Rule = TypeVar("_Rule", bound=Callable[..., Any])


def _declared(*, monotone: bool) -> Callable[[_Rule], _Rule]:
    """Record on a shipped rule whether it is monotone."""

    def declare(rule: _Rule) -> _Rule:
        rule.monotone = monotone  # type: ignore[attr-defined]
        return rule

    return declare


def is_monotone(rule: object) -> bool:
    """Whether ``rule`` declares itself monotone: a worse grade beneath never suggests better.

    A roll-up rule is monotone when worsening any grade it is given never makes
    the grade it suggests better. A threshold policy's rules read grades
    worse-is-higher, so a decision is monotone in the item grades only if the
    roll-up is (see :func:`~neglect_protocol.escalation.decide`). The shipped
    :func:`worst`, :func:`median` and :func:`mean` are monotone; :func:`mode` is
    not. A rule of your own counts as monotone only if its ``monotone``
    attribute is ``True``.

    >>> from neglect_protocol.rules import is_monotone, mode, worst
    >>> is_monotone(worst), is_monotone(mode)
    (True, False)
    """
    return getattr(rule, "monotone", False) is True


@_declared(monotone=True)
def worst(grades: Iterable[Grade]) -> Grade:
    """Suggest the worst (highest) grade: one poor item is enough to show.

    Args:
        grades: The grades beneath, in any order.

    Returns:
        The worst of them.

    Raises:
        InvalidArgumentError: If ``grades`` is empty.

    >>> from neglect_protocol.rules import worst
    >>> from neglect_protocol import Grade
    >>> worst([Grade(1), Grade(4), Grade(2)])
    <Grade.POOR: 4>
    """
    grades = _checked(grades, "worst")
    return max(grades)


@_declared(monotone=True)
def median(grades: Iterable[Grade]) -> Grade:
    """Suggest the middle grade; with an even count, the worse of the two middle grades.

    Taking the worse middle grade keeps the rule cautious: a tie between adequate
    and borderline care suggests borderline.

    Args:
        grades: The grades beneath, in any order.

    Returns:
        The median grade.

    Raises:
        InvalidArgumentError: If ``grades`` is empty.

    >>> from neglect_protocol.rules import median
    >>> from neglect_protocol import Grade
    >>> median([Grade(1), Grade(2), Grade(3), Grade(5)])
    <Grade.BORDERLINE: 3>
    """
    grades = _checked(grades, "median")
    ordered = sorted(grades)
    return ordered[len(ordered) // 2]


@_declared(monotone=False)
def mode(grades: Iterable[Grade]) -> Grade:
    """Suggest the most frequent grade; a tie goes to the worse grade.

    Unlike the other shipped rules, ``mode`` is not monotone: worsening one
    grade can break a tie in favour of a better grade (``1, 1, 3, 3`` suggests 3,
    but ``1, 1, 3, 4`` suggests 1). Prefer :func:`worst` or :func:`median` where
    a suggestion must never improve as care gets worse.

    Args:
        grades: The grades beneath, in any order.

    Returns:
        The most frequent grade, the worst of those tied.

    Raises:
        InvalidArgumentError: If ``grades`` is empty.

    >>> from neglect_protocol.rules import mode
    >>> from neglect_protocol import Grade
    >>> mode([Grade(2), Grade(2), Grade(4), Grade(4), Grade(1)])
    <Grade.POOR: 4>
    """
    grades = _checked(grades, "mode")
    counts = Counter(grades)
    # Sorting on (count, grade) puts the worse grade last among equal counts.
    return max(counts, key=lambda grade: (counts[grade], grade))


@_declared(monotone=True)
def mean(grades: Iterable[Grade]) -> Grade:
    """Suggest the arithmetic mean, rounded half up (2.5 becomes 3).

    The mean is computed exactly in integers, so no floating-point error can tip
    a half either way, and halves go to the worse grade (Python's ``round`` would
    send 2.5 to 2).

    Args:
        grades: The grades beneath, in any order.

    Returns:
        The mean grade, rounded half up.

    Raises:
        InvalidArgumentError: If ``grades`` is empty.

    >>> from neglect_protocol.rules import mean
    >>> from neglect_protocol import Grade
    >>> mean([Grade(2), Grade(3)])
    <Grade.BORDERLINE: 3>
    >>> mean([Grade(1), Grade(1), Grade(2)])
    <Grade.BEST: 1>
    """
    grades = _checked(grades, "mean")
    count = len(grades)
    # floor(total / count + 1/2) == (2 * total + count) // (2 * count)
    return Grade((2 * sum(grades) + count) // (2 * count))


def _checked(grades: Iterable[Grade], rule: str) -> Sequence[Grade]:
    """The grades as a sequence, each a Grade; raises for none or for a non-grade."""
    # A generator would look non-empty to `not grades` and could be read only once.
    sequence = grades if isinstance(grades, (list, tuple)) else tuple(grades)
    if not sequence:
        raise InvalidArgumentError(
            f"rule {safe_repr(rule)}",
            "expected at least one grade to combine, got an empty sequence",
        )
    if all(type(grade) is Grade for grade in sequence):
        return sequence
    # The shipped rules accept plain integers 1 to 5 too; anything else is refused.
    field = f"the grades given to rule {safe_repr(rule)}"
    return [to_grade(grade, field=field) for grade in sequence]


def rule_name(rule: RollUpRule) -> str:
    """The name a profile records for ``rule``: its ``__name__``, else its ``repr``."""
    name = getattr(rule, "__name__", None)
    return name if isinstance(name, str) else repr(rule)  # echo-safe: code, not data


SHIPPED_RULE_NAMES: frozenset[str] = frozenset(
    rule_name(rule) for rule in (worst, median, mode, mean)
)
"""The names a profile records for the shipped rules."""

MONOTONE_RULE_NAMES: frozenset[str] = frozenset(
    rule_name(rule) for rule in (worst, median, mode, mean) if is_monotone(rule)
)
"""The names a profile records for the shipped monotone rules (``worst``, ``median``, ``mean``)."""

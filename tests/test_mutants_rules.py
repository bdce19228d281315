"""Roll-up rules: behaviour the mutation run (`make mutation`) showed no test pinned.

Each test here failed on at least one surviving mutant of ``_logic/_rules.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from neglect_protocol import Grade
from neglect_protocol._logic._rules import _declared
from neglect_protocol.errors import InvalidArgumentError, InvalidGradeError
from neglect_protocol.rules import RollUpRule, is_monotone, mean, median, mode, worst

RULES: list[RollUpRule] = [worst, median, mode, mean]


class TestPlainIntegers:
    @pytest.mark.parametrize(("rule", "expected"), [(worst, 4), (median, 2), (mode, 2), (mean, 3)])
    def test_integers_one_to_five_give_grades(self, rule: RollUpRule, expected: int) -> None:
        """The shipped rules accept plain integers 1 to 5 and still return a Grade member."""
        result = rule([2, 4, 2, 1, 4, 2])  # type: ignore[list-item]
        assert Grade(expected) is result

    def test_mixed_grades_and_integers(self) -> None:
        """Grades and plain integers may be mixed; the answer is a Grade member."""
        assert Grade(5) is worst([Grade(1), 5, Grade(3)])  # type: ignore[list-item]

    @pytest.mark.parametrize("rule", RULES)
    def test_a_value_that_is_no_grade_is_refused_naming_the_rule(self, rule: RollUpRule) -> None:
        """A 7 among the grades is refused with the rule's name and the value in the message."""
        with pytest.raises(InvalidGradeError) as caught:
            rule([1, 7])  # type: ignore[list-item]
        assert (
            f"the grades given to rule {rule.__name__!r}: expected an integer from 1 to 5, got 7"
        ) == str(caught.value)


class TestIterables:
    @pytest.mark.parametrize(("rule", "expected"), [(worst, 5), (median, 3), (mode, 5), (mean, 3)])
    def test_a_generator_is_read_once_and_whole(self, rule: RollUpRule, expected: int) -> None:
        """A rule given a generator reads it once, as it would the same grades in a list."""
        values = (Grade(value) for value in (1, 5, 3, 5, 2))
        assert Grade(expected) is rule(values)  # type: ignore[arg-type]

    @pytest.mark.parametrize("rule", RULES)
    def test_an_empty_generator_is_an_empty_input(self, rule: RollUpRule) -> None:
        """An exhausted iterator counts as no grades: the rule's InvalidArgumentError, not max()'s."""
        with pytest.raises(InvalidArgumentError) as caught:
            rule(iter([]))  # type: ignore[arg-type]
        assert f"rule {rule.__name__!r}" == caught.value.path


class TestDeclaringMonotone:
    def test_the_declaration_is_what_is_monotone_reads(self) -> None:
        """A rule declared monotone reads as monotone; one declared not, as not."""

        def strictest(grades: Sequence[Grade]) -> Grade:
            return max(grades)

        def loosest(grades: Sequence[Grade]) -> Grade:
            return min(grades)

        assert is_monotone(_declared(monotone=True)(strictest))
        assert not is_monotone(_declared(monotone=False)(loosest))
        assert (True, False) == (strictest.monotone, loosest.monotone)  # type: ignore[attr-defined]

    def test_only_true_counts(self) -> None:
        """A rule whose monotone attribute is merely truthy does not count as monotone."""

        def rule(grades: Sequence[Grade]) -> Grade:
            return max(grades)

        rule.monotone = 1  # type: ignore[attr-defined]
        assert not is_monotone(rule)
        assert not is_monotone(lambda grades: grades[0])

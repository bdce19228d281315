from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import Grade
from neglect_protocol.errors import InvalidArgumentError
from neglect_protocol.rules import RollUpRule, mean, median, mode, rule_name, worst
from neglect_protocol.strategies import grades

RULES: list[RollUpRule] = [worst, median, mode, mean]
# `mode` is deliberately left out: a most-frequent grade can jump to a better one
# when one input worsens (see TestModeIsNotMonotone).
MONOTONE_RULES: list[RollUpRule] = [worst, median, mean]
grade_lists = st.lists(grades(), min_size=1, max_size=30)


def g(*values: int) -> list[Grade]:
    return [Grade(value) for value in values]


class TestExamples:
    @pytest.mark.parametrize(
        ("rule", "values", "expected"),
        [
            (worst, (1, 4, 2), 4),
            (worst, (2,), 2),
            (median, (1, 2, 3), 2),
            (median, (1, 2, 3, 5), 3),  # even count: the worse of the two middle grades
            (median, (2, 2, 4, 5), 4),
            (median, (5, 1), 5),
            (mode, (2, 2, 4), 2),
            (mode, (2, 2, 4, 4, 1), 4),  # tie: the worse grade
            (mode, (1, 3, 5), 5),
            (mean, (2, 3), 3),  # 2.5 rounds half up, not to even
            (mean, (1, 2), 2),  # 1.5 rounds up
            (mean, (1, 1, 2), 1),  # 1.33
            (mean, (1, 2, 2), 2),  # 1.67
            (mean, (3, 4, 4, 4), 4),  # 3.75
            (mean, (4, 5, 4, 5), 5),  # 4.5
        ],
    )
    def test_pinned_values(self, rule: RollUpRule, values: tuple[int, ...], expected: int) -> None:
        """Each rule gives the documented grade on hand-checked inputs."""
        assert Grade(expected) is rule(g(*values))

    @pytest.mark.parametrize("rule", RULES)
    def test_empty_input_is_an_error(self, rule: RollUpRule) -> None:
        """No rule accepts an empty sequence; the error names the rule."""
        with pytest.raises(InvalidArgumentError) as caught:
            rule([])
        assert (
            f"rule {rule.__name__!r}: expected at least one grade to combine, got an empty sequence"
        ) == str(caught.value)
        assert f"rule {rule.__name__!r}" == caught.value.path

    def test_rules_return_grades(self) -> None:
        """Rules return Grade members, not bare integers."""
        assert all(type(rule(g(1, 3))) is Grade for rule in RULES)

    def test_rule_name(self) -> None:
        """A rule's name is its __name__, or its repr for callables without one."""

        class Custom:
            def __call__(self, grades: Sequence[Grade]) -> Grade:
                return max(grades)

            def __repr__(self) -> str:
                return "Custom()"

        assert "median" == rule_name(median)
        assert "Custom()" == rule_name(Custom())


class TestLaws:
    @pytest.mark.parametrize("rule", RULES)
    @given(values=grade_lists)
    def test_between_best_and_worst(self, rule: RollUpRule, values: list[Grade]) -> None:
        """Law: a rule's grade lies between the best and the worst of its inputs."""
        assert min(values) <= rule(values) <= max(values)

    @pytest.mark.parametrize("rule", RULES)
    @given(values=grade_lists, data=st.data())
    def test_order_does_not_matter(
        self, rule: RollUpRule, values: list[Grade], data: st.DataObject
    ) -> None:
        """Law: a rule does not depend on the order of its inputs."""
        shuffled = data.draw(st.permutations(values))
        assert rule(values) == rule(shuffled)

    @pytest.mark.parametrize("rule", MONOTONE_RULES)
    @given(values=grade_lists, data=st.data())
    def test_worse_input_never_better_output(
        self, rule: RollUpRule, values: list[Grade], data: st.DataObject
    ) -> None:
        """Law: making one input worse never makes the rule's grade better (monotone)."""
        index = data.draw(st.integers(0, len(values) - 1))
        worse = data.draw(st.sampled_from([grade for grade in Grade if grade >= values[index]]))
        changed = [*values[:index], worse, *values[index + 1 :]]
        assert rule(values) <= rule(changed)

    @pytest.mark.parametrize("rule", RULES)
    @given(values=grade_lists)
    def test_worst_bounds_every_rule(self, rule: RollUpRule, values: list[Grade]) -> None:
        """Law: `worst` is never better than any other rule on the same grades."""
        assert rule(values) <= worst(values)

    @pytest.mark.parametrize("rule", RULES)
    @given(value=grades(), count=st.integers(1, 20))
    def test_unanimous_inputs(self, rule: RollUpRule, value: Grade, count: int) -> None:
        """Law: when every input is the same grade, every rule returns it."""
        assert value is rule([value] * count)

    @given(values=grade_lists)
    def test_mean_is_exact_half_up(self, values: list[Grade]) -> None:
        """Law: mean equals floor(average + 1/2), computed with exact fractions."""
        from fractions import Fraction
        from math import floor

        exact = Fraction(sum(values), len(values))
        assert floor(exact + Fraction(1, 2)) == mean(values).value


class TestModeIsNotMonotone:
    def test_worsening_an_input_can_improve_the_mode(self) -> None:
        """Documented caveat: mode is not monotone, which is why worst is the default.

        Grades 1, 1, 3, 3 tie, so the mode is the worse grade 3; worsening one 3 to a 4
        breaks the tie in favour of 1.
        """
        assert Grade(3) is mode(g(1, 1, 3, 3))
        assert Grade(1) is mode(g(1, 1, 3, 4))

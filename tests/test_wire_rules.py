"""The wire rules each format declares as data, and their merge.

These tests reach the private declarations on purpose: the law checked (every rule
names a field that exists, no class is described twice) is internal to the one
converter, and no public name shows it.
"""

from __future__ import annotations

import attrs
import pytest

from neglect_protocol._boundary._kinds import RULES
from neglect_protocol._boundary._wire import NONBLANK, WireRules, defaulted
from neglect_protocol._model._assessment import Carer, ChildRef


class TestMerge:
    def test_rules_of_separate_classes_are_kept(self) -> None:
        """A merge keeps what each part says of its own classes."""
        merged = WireRules.merge(
            WireRules(fields={ChildRef: {"reference": NONBLANK}}),
            WireRules(omitted={Carer: {"role"}}),
        )
        assert (NONBLANK, None) == (merged.rule(ChildRef, "reference"), merged.rule(Carer, "x"))
        assert frozenset({"role"}) == merged.omitted[Carer]

    def test_a_class_described_twice_is_refused(self) -> None:
        """Two formats saying something of the same class is a mistake, named on import."""
        with pytest.raises(ValueError, match=r"wire rules \(fields\) of ChildRef said twice"):
            WireRules.merge(
                WireRules(fields={ChildRef: {"reference": NONBLANK}}),
                WireRules(fields={ChildRef: {"reference": NONBLANK}}),
            )

    def test_rules_are_read_only(self) -> None:
        """Declared rules cannot be changed after the fact: nothing is registered later."""
        with pytest.raises(TypeError):
            RULES.fields[ChildRef]["reference"] = NONBLANK  # type: ignore[index]


class TestDeclarations:
    def test_every_rule_names_a_field_of_its_class(self) -> None:
        """A rule, wire type or omitted field for a name the class lacks would do nothing."""
        said = [
            (cls, name)
            for declared in (RULES.fields, RULES.types, RULES.omitted)
            for cls, names in declared.items()
            for name in names
        ]
        unknown = [(cls, name) for cls, name in said if name not in attrs.fields_dict(cls)]
        assert [] == unknown

    def test_defaulted_names_the_fields_with_defaults(self) -> None:
        """``defaulted`` lists the options of a record, the fields it may leave out."""
        assert frozenset({"role"}) == defaulted(Carer)

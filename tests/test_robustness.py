"""Bad input raises DocumentError, never any other exception (issue 5, "Robustness")."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import share_of_examples
from mutation import deep, mutations
from neglect_protocol import Assessment
from neglect_protocol.errors import DocumentError
from neglect_protocol.serialize import document_type, document_types, from_dict, from_json, to_dict
from neglect_protocol.strategies import register_type_strategies

DOCUMENTS = [entry.type for entry in document_types()]
KEYS = sorted(
    [
        "kind",
        "schema_version",
        "child",
        "window",
        "ratings",
        "code",
        "grade",
        "start",
        "end",
        "reference",
        "date_of_birth",
        "areas",
        "items",
        "name",
        "version",
        "instrument",
        "label",
        # Keys of the escalation and metrics documents.
        "levels",
        "rules",
        "number",
        "level",
        "policy",
        "reasons",
        "overridden",
        "answers",
        "sign",
        "answer",
        "judgements",
        "grade",
        "comments",
        "questions",
        "scale",
        "responses",
        "records",
        "current",
        "survey",
        "suppression",
    ]
)


def json_values() -> st.SearchStrategy[Any]:
    """Arbitrary JSON values, with keys often drawn from the documents' own."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=12)
    )
    keys = st.sampled_from(KEYS) | st.text(max_size=6)
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6)
        ),
        max_leaves=25,
    )


def loads_or_refuses(cls: type, data: Any) -> None:
    """Rule: reading either gives a value that round-trips, or raises DocumentError."""
    try:
        value: Any = from_dict(cls, data)
    except DocumentError as error:
        refused = error
    else:
        assert value == from_dict(cls, to_dict(value))
        return
    assert refused.problems
    assert all(problem.path.startswith("$") for problem in refused.problems)


class TestArbitraryInput:
    @pytest.mark.parametrize("cls", DOCUMENTS, ids=lambda cls: cls.__name__)
    @share_of_examples(0.25)
    @given(data=json_values())
    def test_arbitrary_json_values(self, cls: type, data: Any) -> None:
        """Rule: any JSON value given to from_dict loads to an equal round trip or raises DocumentError."""
        loads_or_refuses(cls, data)

    @pytest.mark.parametrize("cls", DOCUMENTS, ids=lambda cls: cls.__name__)
    @share_of_examples(0.25)
    @given(data=json_values())
    def test_arbitrary_values_as_documents(self, cls: type, data: Any) -> None:
        """Rule: arbitrary content under a valid kind and version is refused with DocumentError, or loads."""
        kind = document_type(cls).kind
        body = data if isinstance(data, dict) else {"child": data}
        loads_or_refuses(cls, {**body, "kind": kind, "schema_version": 1})

    @given(text=st.text(max_size=200) | st.binary(max_size=200))
    def test_arbitrary_text(self, text: str | bytes) -> None:
        """Rule: any text or bytes given to from_json raises DocumentError unless it is a valid document."""
        try:
            from_json(Assessment, text)
        except DocumentError:
            return

    @pytest.mark.parametrize("cls", DOCUMENTS, ids=lambda cls: cls.__name__)
    @share_of_examples(0.25)
    @given(data=st.data())
    def test_mutated_documents(self, cls: type, data: st.DataObject) -> None:
        """Rule: a valid document with one value replaced, removed or added loads or raises DocumentError."""
        register_type_strategies()
        document = to_dict(data.draw(st.from_type(cls)))
        mutated = data.draw(mutations(document))
        loads_or_refuses(cls, mutated)
        loads_or_refuses(cls, json.loads(json.dumps(mutated)))


class TestExtremes:
    def test_deep_nesting_everywhere(self) -> None:
        """A list nested deeper than Python's recursion limit is refused, as data and as text."""
        document = {"kind": "assessment", "schema_version": 1}
        for key in ("child", "window", "ratings", "extra"):
            with pytest.raises(DocumentError):
                from_dict(Assessment, {**document, key: deep(50_000)})
        with pytest.raises(DocumentError):
            from_json(Assessment, json.dumps(deep(500)))

    def test_huge_strings(self) -> None:
        """A huge string anywhere is refused or kept, and never quoted back in full."""
        huge = "y" * 1_000_000
        with pytest.raises(DocumentError) as caught:
            from_dict(
                Assessment, {"kind": "assessment", "schema_version": 1, "child": huge, huge: 1}
            )
        assert len(str(caught.value)) < 1_000

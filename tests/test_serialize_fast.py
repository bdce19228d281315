"""The fast readers of an assessment's records, kept honest against the converter alone.

Each record of an assessment document (the assessment, its child, window, carers,
practitioners, ratings and targets) is read by a fast reader that checks each field
once (``_boundary/_formats.py``); anything it is not sure of is left to the
converter. The rule of ``WireRules.fast_readers`` is checked here as a law: a document reads
to the same value, or fails with the same problems, whether its records are read by
the fast readers or by the converter alone (built here with none declared).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from unittest import mock

import attrs
import pytest
from cattrs.preconf.json import JsonConverter
from hypothesis import given
from hypothesis import strategies as st

from conftest import converter_without, share_of_examples
from neglect_protocol import (
    GCP2A,
    Assessment,
    Carer,
    ChildRef,
    Grade,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
)
from neglect_protocol._boundary import _documents
from neglect_protocol._boundary._kinds import RULES
from neglect_protocol._boundary._parse import parse_json
from neglect_protocol._boundary._wire import key_segment
from neglect_protocol.errors import DocumentError
from neglect_protocol.serialize import from_dict, to_dict
from neglect_protocol.strategies import any_child_refs, assessments, assessments_with_evidence


def _converter_alone() -> JsonConverter:
    """The library's converter with no fast reader declared (its fast writers kept)."""
    return converter_without(fast_writers=True)


@contextlib.contextmanager
def _alone() -> Iterator[None]:
    with mock.patch.object(_documents, "_converter", _converter_alone):
        yield


def _body(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in ("kind", "schema_version")}


def _outcome(data: Any) -> Any:
    """What reading ``data`` gives: the value, or the error's class, text and problems."""
    try:
        return from_dict(Assessment, copy.deepcopy(data))
    except DocumentError as error:
        return type(error), str(error), error.problems


def _both(data: Any) -> tuple[Any, Any]:
    fast = _outcome(data)
    with _alone():
        alone = _outcome(data)
    return fast, alone


# An assessment with every optional part given.
FULL = Assessment(
    child=ChildRef(
        "C-1", date_of_birth=dt.date(2024, 1, 2), expected_delivery_date=dt.date(2024, 1, 9)
    ),
    window=ObservationWindow(dt.date(2024, 3, 1), dt.date(2024, 3, 21)),
    ratings=(Rating("A1", 3, evidence="Invented: seen", carer_comment="Invented: agreed"),),
    carers=(Carer("P-1", role="mother"),),
    practitioners=(Practitioner("W-1", agency="health visiting"),),
    targets=(TargetedItem("A1", 3, 2, dt.date(2024, 6, 1), grade_at_review=2),),
    reference="GCP2-1",
)

ASSESSMENTS = st.one_of(
    assessments_with_evidence(max_ratings=8),
    assessments(GCP2A, max_ratings=8),
    st.builds(
        lambda assessment, child: attrs.evolve(assessment, child=child),
        assessments(max_ratings=3),
        any_child_refs(),
    ),
)

# Values put in place of another, each wrong somewhere: of another JSON type, out
# of range, blank, a date that is no day, an unknown instrument.
REPLACEMENTS = st.sampled_from(
    [
        *(None, True, 0, 3, 6, -1, 2.5, "", " ", "x", "A1", "2024-02-30", "2024-01-01", "GCP2A"),
        *([], [1], {}, {"code": "A1"}, {"code": "A1", "grade": 3}),
    ]
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value inside ``value`` (keys of objects, indices of lists)."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        yield (*path, key)
        if isinstance(item, dict | list):
            yield from _places(item, (*path, key))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """An assessment document with one thing wrong: a value replaced, a key dropped or added."""
    data: dict[str, Any] = to_dict(draw(ASSESSMENTS))
    places = list(_places(data))
    path = draw(st.sampled_from(places))
    container, key = _at(data, path[:-1]), path[-1]
    how = draw(st.sampled_from(["replace", "drop", "add"]))
    if how == "replace":
        container[key] = draw(REPLACEMENTS)
    elif how == "drop" and isinstance(container, dict):
        del container[key]
    elif isinstance(container, dict):
        container[draw(st.sampled_from(["extra", "Code", "grade_at_review", "role"]))] = 1
    else:
        container.append(draw(REPLACEMENTS))
    return data


class TestAgainstTheConverterAlone:
    @share_of_examples(0.5)
    @given(assessment=ASSESSMENTS)
    def test_a_document_reads_to_the_same_value(self, assessment: Assessment) -> None:
        """Law (WireRules.fast_readers): a valid document reads to the value the converter alone builds."""
        fast, alone = _both(to_dict(assessment))
        assert assessment == alone
        assert alone == fast
        # Free text is compared too, whatever the classes' equality looks at.
        assert [attrs.astuple(rating) for rating in alone.ratings] == [
            attrs.astuple(rating) for rating in fast.ratings
        ]
        assert all(type(rating.grade) is Grade for rating in fast.ratings)

    @share_of_examples(0.5)
    @given(assessment=ASSESSMENTS)
    def test_every_valid_document_takes_the_fast_way(self, assessment: Assessment) -> None:
        """A fast reader accepts what the converter accepts: no valid document is left to it."""
        assert assessment == RULES.fast_readers[Assessment](_body(to_dict(assessment)))

    @share_of_examples(3)
    @given(data=mutated_documents())
    def test_a_mutated_document_gives_the_same_outcome(self, data: dict[str, Any]) -> None:
        """Law: a wrong value, a missing key or an extra key gives the same problems either way.

        (Some replacements are still valid: then both read the same value.)
        """
        fast, alone = _both(data)
        assert alone == fast

    @pytest.mark.parametrize(
        "path",
        [path for path in _places(to_dict(FULL)) if path[0] not in ("kind", "schema_version")],
        ids=lambda path: ".".join(map(str, path)),
    )
    @pytest.mark.parametrize("value", [None, True, 0, 6, 2.5, "3", "", "2024-02-30", [], {}])
    def test_each_field_refused_alike(self, path: tuple[Any, ...], value: Any) -> None:
        """Any field of any record given a value of another type, or out of range, gives
        the same outcome either way (the boundaries of grades and dates included)."""
        data = to_dict(FULL)
        _at(data, path[:-1])[path[-1]] = value
        fast, alone = _both(data)
        assert alone == fast

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("window", "end"), "2024-02-01"),
            (("child", "expected_delivery_date"), "2023-01-01"),
            (("targets", 0, "target_grade"), 4),
            (("ratings", 1), {"code": "A1", "grade": 2}),
            (
                ("targets", 1),
                {"code": "A1", "current_grade": 3, "target_grade": 2, "review_by": "2024-06-01"},
            ),
            (("reference",), "  "),
            (("instrument",), 1),
            (("carers", 0, "reference"), ""),
            (("practitioners", 0, "agency"), 2),
        ],
    )
    def test_a_broken_rule_gives_the_converters_problem(
        self, path: tuple[Any, ...], value: Any
    ) -> None:
        """A rule broken (a window's order, a child's dates, a target, a code twice, a
        blank reference...) is left to the converter: its one problem is reported."""
        data = to_dict(FULL)
        data["ratings"].append({"code": "B1", "grade": 4})
        data["targets"].append(
            {"code": "B1", "current_grade": 4, "target_grade": 4, "review_by": "2024-05-01"}
        )
        container = _at(data, path[:-1])
        container[path[-1]] = value
        fast, alone = _both(data)
        assert alone == fast
        assert DocumentError is fast[0]
        assert 1 == len(fast[2])


# --- Strict JSON: repeated keys found wherever they are, whatever the text looks like ---

# Keys and text with what could fool a reader counting characters: colons, quotes,
# escapes of a colon, white space before a colon, a key repeated.
_KEYS = st.sampled_from(["a", "b", "a:b", " :", '"', '":', "\\", "\\u003a", "code"])
_LEAVES = st.one_of(st.integers(-5, 5), st.none(), st.booleans(), _KEYS, st.just("Invented: x"))


class _Object(list[tuple[str, Any]]):
    """An object written member by member, a key possibly repeated."""


_VALUES = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.lists(st.tuples(_KEYS, inner), max_size=4).map(_Object)
    ),
    max_leaves=12,
)


def _written(value: Any, space: str) -> str:
    """``value`` as JSON text, with ``space`` around every colon and comma."""
    if isinstance(value, _Object):
        members = (
            f"{json.dumps(key)}{space}:{space}{_written(item, space)}" for key, item in value
        )
        return "{" + f"{space},{space}".join(members) + "}"
    if isinstance(value, list):
        return "[" + f"{space},".join(_written(item, space) for item in value) + "]"
    return json.dumps(value)


def _repeated(text: str) -> list[str]:
    """Where keys are repeated, found plainly: every object's keys counted, the value kept
    for a repeated key being the last (as a JSON reader keeps it)."""
    paths: list[str] = []
    stack: list[tuple[str, Any]] = [("$", json.loads(text, object_pairs_hook=_Object))]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Object):
            keys = [key for key, _ in value]
            paths.extend(
                path + key_segment(key) for key in dict.fromkeys(keys) if keys.count(key) > 1
            )
            stack.extend((path + key_segment(key), item) for key, item in dict(value).items())
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
    return sorted(paths)


class TestStrictJson:
    @given(value=_VALUES, space=st.sampled_from(["", " ", "\n", "\t ", "\r\n"]))
    def test_repeated_keys_are_refused_and_nothing_else(self, value: Any, space: str) -> None:
        """Law: JSON text reads as the json module reads it when no object repeats a key,
        and is refused with one problem at each repeated key's path when one does."""
        text = _written(value, space)
        expected = _repeated(text)
        if not expected:
            assert json.loads(text) == parse_json(text)
            return
        with pytest.raises(DocumentError) as caught:
            parse_json(text)
        assert expected == [problem.path for problem in caught.value.problems]
        assert all(
            problem.message.startswith("expected each key once in an object")
            for problem in caught.value.problems
        )

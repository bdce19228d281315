"""Mutations of valid documents, shared by the robustness and JSON Schema tests."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

Path = tuple[str | int, ...]


def deep(levels: int) -> Any:
    """A list nested ``levels`` deep."""
    value: Any = []
    for _ in range(levels):
        value = [value]
    return value


def wrong_values(*, integral_floats: bool = True) -> st.SearchStrategy[Any]:
    """Values to put where they may not belong: wrong types, odd numbers, huge text, deep lists."""
    floats = st.floats(allow_nan=False, allow_infinity=False)
    if not integral_floats:
        floats = floats.filter(lambda number: not number.is_integer())
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-2, max_value=7),
        st.integers(),
        floats,
        st.text(max_size=4),
        st.sampled_from(["2024-02-30", "2024-1-1", "GCP3", "entered", "", " ", "A\n"]),
        st.just("x" * 100_000),
        st.lists(st.integers(min_value=0, max_value=5), max_size=2),
        st.dictionaries(st.sampled_from(["code", "grade", "1", "x"]), st.integers(), max_size=2),
        st.just(deep(800)),
    )


def paths(value: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every path to a value inside ``value`` (not ``value`` itself)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index)
            yield from paths(item, (*prefix, index))


def at(value: Any, path: Path) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutations(draw: st.DrawFn, document: Any, *, integral_floats: bool = True) -> Any:
    """``document`` with one change: a value replaced, a key or element removed, or a key added."""
    result = copy.deepcopy(document)
    path = draw(st.sampled_from(list(paths(result))))
    parent = at(result, path[:-1])
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "replace":
        parent[path[-1]] = draw(wrong_values(integral_floats=integral_floats))
    elif action == "remove":
        del parent[path[-1]]
    else:
        target = at(result, path)
        table = (
            target if isinstance(target, dict) else parent if isinstance(parent, dict) else result
        )
        key = draw(
            st.sampled_from(["extra", "kind", "evidence", "grade", "code", "1", "6"])
            | st.text(max_size=3)
        )
        table[key] = draw(wrong_values(integral_floats=integral_floats))
    return result

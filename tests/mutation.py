"""Mutations of valid documents, shared by the robustness and JSON Schema tests."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import attrs
from hypothesis import strategies as st

from neglect_protocol._boundary._wire import key_segment

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
        # Text that reads as a number, or as a share above 1 (issue 10, finding 5).
        st.sampled_from(["3", " 3 ", "1 2", "２", "3/2", "11/10", "1.5", "2"]),
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


# Values the library refuses on one field or another: wrong types, out of range,
# text that reads as a number, a share above 1 (issue 10, finding 5).
REFUSED_SOMEWHERE: tuple[Any, ...] = (
    None,
    True,
    -1,
    0,
    7,
    1.5,
    "",
    " ",
    "A\n",
    "x",
    "3",
    " 3 ",
    "1 2",
    "２",
    "3/2",
    "1.5",
    "2",
    "2024-02-30",
    [],
    {},
)


def fields(value: Any) -> dict[str, Path]:
    """The first path to each field of ``value``, a field being a path with its list indices dropped.

    One value per field stands for the rest: every rating's grade obeys the same rule.
    """
    first: dict[str, Path] = {}
    for path in paths(value):
        first.setdefault(
            "".join(f".{step}" if isinstance(step, str) else "[]" for step in path), path
        )
    return first


def replaced(document: Any, path: Path, value: Any) -> Mutation:
    """``document`` with the value at ``path`` replaced by ``value``."""
    result = copy.deepcopy(document)
    at(result, path[:-1])[path[-1]] = copy.deepcopy(value)
    return Mutation("replace", path, result)


def at(value: Any, path: Path) -> Any:
    for step in path:
        value = value[step]
    return value


@attrs.frozen
class Mutation:
    """One change to a document, and where it was made."""

    action: str
    path: Path
    document: Any

    @property
    def value(self) -> Any:
        """The value now at :attr:`path` (for a change that replaced or added one)."""
        return at(self.document, self.path) if self.action == "replace" else None

    @property
    def json_path(self) -> str:
        """Where the change was made, as a ``$``-rooted path as problems name it."""
        return "$" + "".join(
            f"[{step}]" if isinstance(step, int) else key_segment(step) for step in self.path
        )


@st.composite
def mutations(draw: st.DrawFn, document: Any, *, integral_floats: bool = True) -> Any:
    """``document`` with one change: a value replaced, a key or element removed, or a key added."""
    return draw(changes(document, integral_floats=integral_floats)).document


@st.composite
def changes(draw: st.DrawFn, document: Any, *, integral_floats: bool = True) -> Mutation:
    """A :class:`Mutation` of ``document``, as :func:`mutations` draws it."""
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
    return Mutation(action, path, result)

"""A read-only, hashable mapping for the collections held by frozen value objects."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """An immutable mapping that keeps insertion order and can be hashed.

    Frozen attrs classes hash their fields, so a mapping held by one must be
    hashable too; a :class:`types.MappingProxyType` is read-only but not hashable.
    The data sit in a private dict that nothing outside this class can reach
    through the public interface, so no inherited method can change it.

    >>> counts = FrozenMap({"a": 1})
    >>> counts["a"], len(counts), hash(counts) == hash(FrozenMap({"a": 1}))
    (1, 1, True)
    >>> counts["b"] = 2
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenMap' object does not support item assignment
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data) if data is not None else {}
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._data
        except TypeError:  # An unhashable key is simply not there.
            return False

    def get(self, key: K, default: Any = None) -> Any:
        """Return the value for ``key``, or ``default`` if it is absent."""
        try:
            return self._data.get(key, default)
        except TypeError:
            return default

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"<FrozenMap of {len(self._data)} entries>"

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[dict[K, V]]]:
        return (FrozenMap, (self._data,))


def freeze(data: Mapping[K, V]) -> FrozenMap[K, V]:
    """Return ``data`` as a :class:`FrozenMap` (unchanged if it already is one)."""
    if isinstance(data, FrozenMap):
        return data
    return FrozenMap(data)

"""A read-only, hashable mapping for the collections held by frozen value objects."""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(dict[K, V]):
    """An immutable mapping that keeps insertion order and can be hashed.

    Frozen attrs classes hash their fields, so a mapping held by one must be
    hashable too; a :class:`types.MappingProxyType` is read-only but not hashable.
    It subclasses :class:`dict` so that look-ups run at dict speed (scoring does
    one per rating), and refuses every method that would change it.

    >>> counts = FrozenMap({"a": 1})
    >>> counts["a"], len(counts), hash(counts) == hash(FrozenMap({"a": 1}))
    (1, 1, True)
    >>> counts["b"] = 2
    Traceback (most recent call last):
    ...
    TypeError: FrozenMap is read-only
    """

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("FrozenMap is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _read_only
    __ior__ = _read_only

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({dict(self)!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[dict[K, V]]]:
        return (FrozenMap, (dict(self),))


def freeze(data: dict[K, V] | FrozenMap[K, V] | Any) -> FrozenMap[K, V]:
    """Return ``data`` as a :class:`FrozenMap` (unchanged if it already is one)."""
    if isinstance(data, FrozenMap):
        return data
    return FrozenMap(data)

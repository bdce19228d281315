"""Helpers for the public modules' surface."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs


def publish(module: str, *objects: Any) -> None:
    """Name ``module`` as the home of ``objects``, as documentation and tracebacks show them.

    The classes and functions live in private modules; setting ``__module__`` makes
    autodoc, ``help()`` and pickling refer to the stable public module instead.
    """
    for obj in objects:
        if attrs.has(obj):
            # String annotations resolve against the module named by ``__module__``; resolve
            # them now, while that is still the defining module, so that cattrs and
            # Hypothesis can read the field types of the published class.
            attrs.resolve_types(obj)
        elif isinstance(obj, type) and issubclass(obj, tuple) and hasattr(obj, "_fields"):
            obj.__annotations__ = typing.get_type_hints(obj)  # The same, for a named tuple.
        obj.__module__ = module


def publish_exports(namespace: Mapping[str, Any]) -> None:
    """Publish, as :func:`publish` does, every class and function a public module exports.

    What a module exports is its ``__all__``, so the list is written once. A name the
    module resolves lazily (in its ``__getattr__``) is not there yet, and is
    published when resolved; values and type aliases are left as they are.

    Args:
        namespace: The public module's ``globals()``.
    """
    exported = (namespace.get(name) for name in namespace["__all__"])
    publish(namespace["__name__"], *(obj for obj in exported if _is_definition(obj)))


def _is_definition(obj: object) -> bool:
    """Whether ``obj`` is a class or a function (a cached one included), not a value or alias."""
    return isinstance(obj, type) or (callable(obj) and inspect.isfunction(inspect.unwrap(obj)))


def attach_views(
    cls: type,
    *,
    html: Callable[[Any], str] | None = None,
    records: Callable[[Any], list[dict[str, Any]]] | None = None,
) -> None:
    """Give ``cls`` its notebook view and its rows, rendered by the boundary.

    The model and the logic never import the boundary, so the public module that
    publishes ``cls`` attaches the boundary's functions as methods, once, when it is
    imported: ``html`` becomes ``_repr_html_`` (what Jupyter shows) and ``records``
    becomes ``to_records``. The model declares both for type checkers only.
    """
    if html is not None:
        cls._repr_html_ = html  # type: ignore[attr-defined]
    if records is not None:
        cls.to_records = records  # type: ignore[attr-defined]

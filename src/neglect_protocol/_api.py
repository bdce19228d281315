"""Helpers for the public modules' surface."""

from __future__ import annotations

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
        obj.__module__ = module

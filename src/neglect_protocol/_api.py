"""Helpers for the public modules' surface."""

from __future__ import annotations

from typing import Any


def publish(module: str, *objects: Any) -> None:
    """Name ``module`` as the home of ``objects``, as documentation and tracebacks show them.

    The classes and functions live in private modules; setting ``__module__`` makes
    autodoc, ``help()`` and pickling refer to the stable public module instead.
    """
    for obj in objects:
        obj.__module__ = module

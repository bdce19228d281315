"""The installed distribution's version, read from its metadata when first asked for."""

from __future__ import annotations

import functools


@functools.cache
def installed_version() -> str:
    """Return the version of the installed ``neglect-protocol`` distribution.

    :mod:`importlib.metadata` is imported here, not when the package loads: reading
    distribution metadata is slow, and most programs never ask for the version.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("neglect-protocol")
    except (
        PackageNotFoundError
    ):  # pragma: no cover - only when run from a source tree never installed
        return "0.0.0+unknown"

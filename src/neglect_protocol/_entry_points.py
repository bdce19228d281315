"""The ``hypothesis`` entry point of this distribution.

Hypothesis calls :func:`register` while it is being imported, so whatever this
module imports, every program that imports Hypothesis pays for. It therefore
imports nothing of the library but the (lazy) package itself: the strategies,
and the modules of the types they draw, are imported only when ``st.from_type``
is first asked for one of the library's types.

Hypothesis has no public way to register a strategy for a type that has not
been imported. Its own support for NumPy defers in a way that fits: a table of
resolvers, keyed by module name, that ``st.from_type`` consults (once that module
is imported) for any type with no registered strategy. :func:`register` adds one
for this package there. Should a Hypothesis release lack that table, it falls
back to registering every strategy at once, which is correct but imports the
library with Hypothesis.
"""

from __future__ import annotations

from typing import Any


def register() -> None:
    """Make ``st.from_type`` draw the library's types, resolving the strategies when first used."""
    from hypothesis.strategies._internal import types

    resolvers = getattr(types, "_global_extra_lookup", None)
    if isinstance(resolvers, dict):
        resolvers["neglect_protocol"] = strategy_for
    else:  # pragma: no cover - only with a Hypothesis release that lacks the table
        from neglect_protocol.strategies import register_type_strategies

        register_type_strategies()


def strategy_for(kind: object) -> Any:
    """The strategy for one of the library's public value types, or ``None`` for any other."""
    if not str(getattr(kind, "__module__", "")).startswith("neglect_protocol."):
        return None
    from neglect_protocol.strategies._types import strategy_for as table_strategy_for

    return table_strategy_for(kind) if isinstance(kind, type) else None

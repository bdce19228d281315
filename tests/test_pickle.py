"""Every public value type pickles and unpickles equal, so processes can carry them.

Issue 9 asks values to be distribution-ready: ``--jobs``, ``multiprocessing``, Dask
and Spark move values between processes by pickling them.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import HealthCheck, given, settings

from neglect_protocol.strategies import type_strategies


@pytest.mark.parametrize("cls", sorted(type_strategies(), key=repr), ids=lambda cls: cls.__name__)
def test_values_pickle_equal(cls: type) -> None:
    """Law: ``pickle.loads(pickle.dumps(value)) == value`` for every public value type."""

    # A twentieth of the active profile's examples for each of the ~66 types: pickling
    # is one mechanism, and the whole law then costs what one ordinary property does.
    examples = max(3, settings().max_examples // 20)

    @settings(suppress_health_check=[HealthCheck.too_slow], max_examples=examples)
    @given(type_strategies()[cls])
    def round_trip(value: object) -> None:
        for protocol in (pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
            restored = pickle.loads(pickle.dumps(value, protocol=protocol))
            assert value == restored
            assert type(value) is type(restored)

    round_trip()

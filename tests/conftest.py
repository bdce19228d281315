"""Shared test set-up: Hypothesis profiles and small fixtures."""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import attrs
import pytest
from cattrs.preconf.json import JsonConverter
from hypothesis import HealthCheck, settings

from neglect_protocol import Catalogue, load_catalogue
from neglect_protocol._boundary import _documents
from neglect_protocol._boundary._kinds import DOCUMENT_KINDS, RULES
from neglect_protocol._boundary._wire import Defaults, make_wire_converter

# "dev" keeps the edit-test loop quick; "ci" explores much more. `make test` picks
# "ci" when the CI variable is set, and HYPOTHESIS_PROFILE overrides either.
settings.register_profile("dev", max_examples=60, deadline=None)
# "ci" is sized so that `CI=true make test` (every gate) fits in ten minutes on a
# quiet 2-core machine; the costliest properties take a share of it (share_of_examples).
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    print_blob=True,
)
# "mutation" (`make mutation`) runs dev's examples, the same ones every time and with no
# example database, so a mutant's verdict never depends on the run or on other mutants.
# mutmut runs the suite several times in one process, so a test method is called from
# more than one instance of its class: that health check is mutmut's doing, not ours.
settings.register_profile(
    "mutation",
    parent=settings.get_profile("dev"),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.differing_executors],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def share_of_examples(share: float) -> settings:
    """Settings running ``share`` of the active profile's examples (at least ten).

    For properties that are costly per example (every document type, mutated):
    they scale with the profile rather than fixing a count that would override it,
    so "dev" stays quick and "ci" still explores more.
    """
    return settings(max_examples=max(10, round(settings().max_examples * share)))


ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def invented_catalogue() -> Catalogue:
    """The invented example catalogue shipped in examples/."""
    return load_catalogue(EXAMPLES / "invented_catalogue.toml")


@pytest.fixture
def school_age_child_window() -> tuple[dt.date, dt.date]:
    """A three-week observation window in spring 2024."""
    return dt.date(2024, 3, 4), dt.date(2024, 3, 22)


@functools.cache
def converter_without(*, fast_readers: bool = False, fast_writers: bool = False) -> JsonConverter:
    """The library's converter built without its fast readers or writers (or both).

    Reaches the private wire rules and converter builder: that the fast readers and
    writers read and write exactly what the converter's generic functions do is an
    internal law, which only a converter built without them can show.
    """
    layouts = {entry.type: entry.layout for entry in DOCUMENT_KINDS if entry.layout is not None}
    rules = attrs.evolve(
        RULES,
        fast_readers=RULES.fast_readers if fast_readers else {},
        fast_writers=RULES.fast_writers if fast_writers else {},
    )
    defaults = Defaults(_documents.builtin_catalogue, _documents.builtin_checklist)
    return make_wire_converter(rules, layouts, defaults)

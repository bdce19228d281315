"""The audit scale and threshold policy shipped with the library, read from package data once.

The shipped catalogues, screening checklist and screening policy are read by their
own readers' modules (``_catalogue_file``, ``_screening_file``), which need them as
defaults, as the DfE disclosure policy is by ``_disclosure_file``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from neglect_protocol._boundary._catalogue_file import builtin_catalogue, builtin_catalogues

if TYPE_CHECKING:
    from neglect_protocol._model._audit import JudgementScale
    from neglect_protocol._model._policy import ThresholdPolicy


@functools.cache
def builtin_judgement_scale() -> JudgementScale:
    """Return the shipped default audit scale, Ofsted's four-point judgements."""
    from importlib.resources import files

    from neglect_protocol._boundary._judgement_scale_file import load_judgement_scale

    return load_judgement_scale(
        files("neglect_protocol").joinpath("data", "ofsted_four_point.toml")
    )


@functools.cache
def builtin_policy() -> ThresholdPolicy:
    """Return the shipped example threshold policy (the four-level windscreen)."""
    from importlib.resources import files

    from neglect_protocol._boundary._policy_file import load_policy

    return load_policy(files("neglect_protocol").joinpath("data", "policy_default.toml"))


# builtin_catalogue lives beside the catalogue reader, which needs it for files that
# hold items only; it is named here too, with the other shipped reference data.
__all__ = ["builtin_catalogue", "builtin_catalogues", "builtin_judgement_scale", "builtin_policy"]

"""The reference data shipped with the library, read from package data once.

The shipped catalogues and checklist are read where the converter is built
(:mod:`~neglect_protocol._boundary._documents`), since documents that leave out
their structure or checklist fall back on them; they are named here too, beside
the rest.
"""

from __future__ import annotations

import functools
from importlib.resources import files

from neglect_protocol._boundary._documents import builtin_catalogue as builtin_catalogue
from neglect_protocol._boundary._documents import builtin_checklist as builtin_checklist
from neglect_protocol._boundary._loaders import (
    load_assessment_factors,
    load_disclosure_policy,
    load_judgement_scale,
    load_plan_categories,
    load_policy,
    load_screening_policy,
)
from neglect_protocol._model._audit import JudgementScale
from neglect_protocol._model._census import CensusCodeList
from neglect_protocol._model._disclosure import DisclosurePolicy
from neglect_protocol._model._policy import ThresholdPolicy
from neglect_protocol._model._screening import ScreeningPolicy


@functools.cache
def builtin_judgement_scale() -> JudgementScale:
    """Return the shipped default audit scale, Ofsted's four-point judgements."""
    return load_judgement_scale(
        files("neglect_protocol").joinpath("data", "ofsted_four_point.toml")
    )


@functools.cache
def builtin_policy() -> ThresholdPolicy:
    """Return the shipped example threshold policy (the four-level windscreen)."""
    return load_policy(files("neglect_protocol").joinpath("data", "policy_default.toml"))


@functools.cache
def builtin_screening_policy() -> ScreeningPolicy:
    """Return the shipped example screening outcome rules, on the shipped checklist."""
    return load_screening_policy(
        files("neglect_protocol").joinpath("data", "screening_policy_default.toml"),
        checklist=builtin_checklist(),
    )


@functools.cache
def builtin_disclosure_policy() -> DisclosurePolicy:
    """Return the shipped DfE policy, read from package data once."""
    return load_disclosure_policy(files("neglect_protocol").joinpath("data", "disclosure-dfe.toml"))


@functools.cache
def builtin_disclosure_policy_cla() -> DisclosurePolicy:
    """Return the shipped DfE children looked after policy, read from package data once."""
    return load_disclosure_policy(
        files("neglect_protocol").joinpath("data", "disclosure-dfe-cla.toml")
    )


@functools.cache
def builtin_plan_categories() -> CensusCodeList:
    """Return the shipped list of child protection plan categories, read once."""
    return load_plan_categories(
        files("neglect_protocol").joinpath("data", "cin-plan-categories.toml")
    )


@functools.cache
def builtin_assessment_factors() -> CensusCodeList:
    """Return the shipped list of factors identified at the end of assessment, read once."""
    return load_assessment_factors(
        files("neglect_protocol").joinpath("data", "cin-assessment-factors.toml")
    )

"""The catalogues shipped with the library, read from package data once."""

from __future__ import annotations

import functools
from importlib.resources import files
from importlib.resources.abc import Traversable

from neglect_protocol._model._audit import JudgementScale
from neglect_protocol._model._catalogue import Catalogue, Instrument
from neglect_protocol._model._census import CensusCodeList
from neglect_protocol._model._disclosure import DisclosurePolicy
from neglect_protocol._model._policy import ThresholdPolicy
from neglect_protocol._model._screening import Checklist, ScreeningPolicy

_FILES = {Instrument.GCP2: "gcp2.toml", Instrument.GCP2A: "gcp2a.toml"}


def _shipped(name: str) -> Traversable:
    """The package data file ``name``."""
    return files("neglect_protocol").joinpath("data", name)


@functools.cache
def builtin_catalogue(instrument: Instrument) -> Catalogue:
    """Return the shipped structure-only catalogue for ``instrument``."""
    from neglect_protocol._boundary._loaders import load_catalogue

    return load_catalogue(_shipped(_FILES[instrument]))


def builtin_catalogues() -> tuple[Catalogue, ...]:
    """Return the shipped GCP2 and GCP2A structures, the catalogues a policy names by default."""
    return tuple(builtin_catalogue(instrument) for instrument in Instrument)


@functools.cache
def builtin_judgement_scale() -> JudgementScale:
    """Return the shipped default audit scale, Ofsted's four-point judgements."""
    from neglect_protocol._boundary._loaders import load_judgement_scale

    return load_judgement_scale(_shipped("ofsted_four_point.toml"))


@functools.cache
def builtin_policy() -> ThresholdPolicy:
    """Return the shipped example threshold policy (the four-level windscreen)."""
    from neglect_protocol._boundary._loaders import load_policy

    return load_policy(_shipped("policy_default.toml"))


@functools.cache
def builtin_checklist() -> Checklist:
    """Return the shipped invented screening checklist."""
    from neglect_protocol._boundary._loaders import load_checklist

    return load_checklist(_shipped("screening_checklist.toml"))


@functools.cache
def builtin_screening_policy() -> ScreeningPolicy:
    """Return the shipped example screening outcome rules, on the shipped checklist."""
    from neglect_protocol._boundary._loaders import load_screening_policy

    return load_screening_policy(
        _shipped("screening_policy_default.toml"),
        checklist=builtin_checklist(),
    )


@functools.cache
def builtin_disclosure_policy() -> DisclosurePolicy:
    """Return the shipped DfE policy, read from package data once."""
    from neglect_protocol._boundary._loaders import load_disclosure_policy

    return load_disclosure_policy(_shipped("disclosure-dfe.toml"))


@functools.cache
def builtin_disclosure_policy_cla() -> DisclosurePolicy:
    """Return the shipped DfE children looked after policy, read from package data once."""
    from neglect_protocol._boundary._loaders import load_disclosure_policy

    return load_disclosure_policy(_shipped("disclosure-dfe-cla.toml"))


@functools.cache
def builtin_plan_categories() -> CensusCodeList:
    """Return the shipped list of child protection plan categories, read once."""
    from neglect_protocol._boundary._loaders import load_plan_categories

    return load_plan_categories(_shipped("cin-plan-categories.toml"))


@functools.cache
def builtin_assessment_factors() -> CensusCodeList:
    """Return the shipped list of factors identified at the end of assessment, read once."""
    from neglect_protocol._boundary._loaders import load_assessment_factors

    return load_assessment_factors(_shipped("cin-assessment-factors.toml"))

"""The catalogues shipped with the library, read from package data once."""

from __future__ import annotations

import functools
from importlib.resources import files

from neglect_protocol._model._audit import JudgementScale
from neglect_protocol._model._catalogue import Catalogue, Instrument

_FILES = {Instrument.GCP2: "gcp2.toml", Instrument.GCP2A: "gcp2a.toml"}


@functools.cache
def builtin_catalogue(instrument: Instrument) -> Catalogue:
    """Return the shipped structure-only catalogue for ``instrument``."""
    from neglect_protocol._boundary._catalogue_file import load_structure

    return load_structure(files("neglect_protocol").joinpath("data", _FILES[instrument]))


@functools.cache
def builtin_judgement_scale() -> JudgementScale:
    """Return the shipped default audit scale, Ofsted's four-point judgements."""
    from neglect_protocol._boundary._judgement_scale_file import load_judgement_scale

    return load_judgement_scale(
        files("neglect_protocol").joinpath("data", "ofsted_four_point.toml")
    )

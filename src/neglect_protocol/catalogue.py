"""Catalogues of areas, sub-areas and items, the built-in GCP2 and GCP2A, and loading.

>>> from neglect_protocol.catalogue import GCP2, GCP2A
>>> len(GCP2.sub_areas), [section.code for section in GCP2A]
(13, ['S1', 'S2', 'S3'])
"""

from neglect_protocol._api import publish
from neglect_protocol._boundary._builtin import builtin_catalogue
from neglect_protocol._boundary._kinds import CATALOGUE_SCHEMA_VERSION
from neglect_protocol._boundary._loaders import (
    catalogue_from_document,
    load_catalogue,
)
from neglect_protocol._model._catalogue import (
    AgeBand,
    Area,
    Catalogue,
    Instrument,
    Item,
    Node,
    Phase,
    SubArea,
)

__all__ = [
    "CATALOGUE_SCHEMA_VERSION",
    "GCP2",
    "GCP2A",
    "AgeBand",
    "Area",
    "Catalogue",
    "Instrument",
    "Item",
    "Node",
    "Phase",
    "SubArea",
    "builtin_catalogue",
    "catalogue_from_document",
    "load_catalogue",
]

GCP2: Catalogue = builtin_catalogue(Instrument.GCP2)
"""The GCP2 structure, with four areas (A–D) and thirteen sub-areas but no items."""

GCP2A: Catalogue = builtin_catalogue(Instrument.GCP2A)
"""The GCP2A structure, with three sections (S1, S2 antenatal; S3 postnatal) but no items."""


publish(
    __name__,
    AgeBand,
    Area,
    Catalogue,
    Instrument,
    Item,
    Phase,
    SubArea,
    builtin_catalogue,
    catalogue_from_document,
    load_catalogue,
)


def __dir__() -> list[str]:
    return __all__

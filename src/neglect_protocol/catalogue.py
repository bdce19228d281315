"""Catalogues of areas, sub-areas and items, the built-in GCP2 and GCP2A, and loading.

>>> from neglect_protocol.catalogue import GCP2, GCP2A
>>> len(GCP2.sub_areas), [section.code for section in GCP2A]
(13, ['S1', 'S2', 'S3'])
"""

from typing import TYPE_CHECKING, Any

from neglect_protocol._api import attach_views, publish, publish_exports
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
from neglect_protocol.errors import safe_repr

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
    "catalogue_from_document",
    "load_catalogue",
]

if TYPE_CHECKING:
    from neglect_protocol._boundary._kinds import CATALOGUE_SCHEMA_VERSION
    from neglect_protocol._boundary._loaders import catalogue_from_document, load_catalogue

    # Read from package data when first used (see __getattr__ below).
    GCP2: Catalogue
    """The GCP2 structure, with four areas (A–D) and thirteen sub-areas but no items."""

    GCP2A: Catalogue
    """The GCP2A structure, with three sections (S1, S2 antenatal; S3 postnatal) but no items."""

_BUILTIN = {"GCP2": Instrument.GCP2, "GCP2A": Instrument.GCP2A}
# Reading files is the boundary's business, imported when a name is first used.
_FROM_FILES = {
    "CATALOGUE_SCHEMA_VERSION": "neglect_protocol._boundary._kinds",
    "builtin_catalogue": "neglect_protocol._boundary._builtin",
    "catalogue_from_document": "neglect_protocol._boundary._loaders",
    "load_catalogue": "neglect_protocol._boundary._loaders",
}


publish_exports(globals())


# The package imports this module, so the view imports the boundary's renderer when
# first used rather than with the package.
def _catalogue_html(catalogue: Catalogue) -> str:
    """The catalogue's areas and sub-areas as an HTML table, for notebooks."""
    from neglect_protocol._boundary._html import catalogue_html

    return catalogue_html(catalogue)


attach_views(Catalogue, html=_catalogue_html)


def __getattr__(name: str) -> Any:
    # The shipped structures are read from package data the first time one is used
    # (builtin_catalogue keeps it), not when the package is imported.
    if name in _FROM_FILES:
        import importlib

        value = getattr(importlib.import_module(_FROM_FILES[name]), name)
        if callable(value):
            publish(__name__, value)
        return value
    if name in _BUILTIN:
        from neglect_protocol._boundary._builtin import builtin_catalogue

        return builtin_catalogue(_BUILTIN[name])
    raise AttributeError(f"module '{__name__}' has no attribute {safe_repr(name)}")


def __dir__() -> list[str]:
    return __all__

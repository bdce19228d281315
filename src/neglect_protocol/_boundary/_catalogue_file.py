"""Reading catalogues from TOML or JSON documents."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from neglect_protocol._boundary._document import items, read_document, table
from neglect_protocol._model._catalogue import (
    AgeBand,
    Area,
    Catalogue,
    Instrument,
    Item,
    Phase,
    SubArea,
)
from neglect_protocol._model._checks import got
from neglect_protocol._model._grade import Grade
from neglect_protocol.errors import (
    CatalogueError,
    DuplicateCodeError,
    safe_repr,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CATALOGUE_SCHEMA_VERSION = 1
"""The version of the catalogue document format this library reads and writes."""

# "kind" is optional: neglect_protocol.serialize writes it ("catalogue") in every document.
_TOP_KEYS = frozenset({"kind", "schema_version", "name", "version", "instrument", "items"})
# Only the shipped structure files lay out areas: a partnership's file adds items.
_STRUCTURE_KEYS = _TOP_KEYS | {"areas", "age_band"}
_AREA_KEYS = frozenset({"code", "name", "former_name", "phase", "age_band", "sub_areas"})
_SUB_AREA_KEYS = frozenset({"code", "name"})
_ITEM_KEYS = frozenset({"code", "label", "descriptors", "age_bands"})
_BAND_KEYS = frozenset({"from_months", "until_months"})


def _table(
    value: object, path: str, allowed: frozenset[str], required: tuple[str, ...]
) -> dict[str, Any]:
    return table(value, path, allowed, required, CatalogueError)


def _text(value: object, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(path, f"expected non-empty text, got {safe_repr(value)}")
    return value


def _list(value: object, path: str) -> list[Any]:
    return items(value, path, CatalogueError)


def _months(value: object, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CatalogueError(
            path, f"expected a whole number of months, 0 or more, got {safe_repr(value)}"
        )
    return value


def _build(path: str, make: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a model constructor, re-rooting its error at ``path``."""
    try:
        return make(*args, **kwargs)
    except CatalogueError as error:
        raise CatalogueError(path, error.problem) from None


def catalogue_from_document(document: Mapping[str, Any]) -> Catalogue:
    """Build a catalogue from a parsed TOML or JSON document.

    A document either lays out a whole structure (``areas``, each with its
    ``sub_areas``) or names a built-in ``instrument`` and adds ``items`` under its
    standard sub-areas. An item's parent is read from its code: ``A1c`` sits
    under ``A1``.

    Args:
        document: The parsed document.

    Returns:
        The validated catalogue.

    Raises:
        CatalogueError: With a ``$``-rooted path, for an unknown key, a missing or
            mistyped value, a duplicate code, an item under an unknown sub-area,
            grade descriptors outside 1 to 5, or empty or overlapping age bands.

    >>> catalogue = catalogue_from_document({
    ...     "schema_version": 1, "name": "Invented", "version": "1", "instrument": "GCP2",
    ...     "items": [{"code": "A1a", "label": "Invented: regular mealtimes"}],
    ... })
    >>> catalogue.item("A1a").parent
    'A1'
    """
    return _from_document(document, structure=False)


def _from_document(document: Mapping[str, Any], *, structure: bool) -> Catalogue:
    """Build a catalogue; ``structure`` allows areas (only the shipped package data)."""
    keys = _STRUCTURE_KEYS if structure else _TOP_KEYS
    top = _table(document, "$", keys, ("schema_version", "name", "version", "instrument"))
    if top.get("kind", "catalogue") != "catalogue":
        raise CatalogueError("$.kind", f"expected 'catalogue', got {safe_repr(top['kind'])}")
    schema_version = top["schema_version"]
    if type(schema_version) is not int or schema_version != CATALOGUE_SCHEMA_VERSION:
        raise CatalogueError(
            "$.schema_version",
            f"expected catalogue schema version {CATALOGUE_SCHEMA_VERSION}, "
            f"got {safe_repr(schema_version)}",
        )
    name = _text(top["name"], "$.name")
    version = _text(top["version"], "$.version")
    try:
        instrument = Instrument(top["instrument"])
    except ValueError:
        choices = ", ".join(safe_repr(member) for member in Instrument)
        raise CatalogueError(
            "$.instrument", f"expected one of {choices}, got {safe_repr(top['instrument'])}"
        ) from None

    if structure:
        areas, sub_areas, paths = _structure(top.get("areas", []))
        age_band = _band(top["age_band"], "$.age_band") if "age_band" in top else None
    else:
        base = builtin_catalogue(instrument)
        areas, sub_areas, age_band = base.areas, base.sub_areas, base.age_band
        paths = {}
    items = tuple(
        _item(raw, f"$.items[{index}]")
        for index, raw in enumerate(_list(top.get("items", []), "$.items"))
    )
    # Items sit under sub-areas, or under areas that have none (GCP2A's sections).
    with_sub_areas = {sub_area.area for sub_area in sub_areas}
    parents = {sub_area.code for sub_area in sub_areas} | {
        area.code for area in areas if area.code not in with_sub_areas
    }
    for index, item in enumerate(items):
        paths.setdefault(item.code, f"$.items[{index}].code")
        if item.parent not in parents:
            raise CatalogueError(
                f"$.items[{index}].code",
                f"expected an item code under a sub-area of {safe_repr(name)}"
                f", got {safe_repr(item.code)}",
            )
    _check_unique(areas, sub_areas, items, paths)
    try:
        return Catalogue(name, version, instrument, areas, sub_areas, items, age_band)
    except CatalogueError as error:
        raise CatalogueError(f"$.{error.path}", error.problem) from None


def _check_unique(
    areas: tuple[Area, ...],
    sub_areas: tuple[SubArea, ...],
    items: tuple[Item, ...],
    paths: dict[str, str],
) -> None:
    """Refuse a code used twice, naming the second place in the document."""
    seen: set[str] = set()
    nodes: tuple[Area | SubArea | Item, ...] = (*areas, *sub_areas, *items)
    for index, node in enumerate(nodes):
        if node.code in seen:
            place = _nth_path(index, areas, sub_areas, items, paths)
            raise DuplicateCodeError(place, node.code)
        seen.add(node.code)


def _nth_path(
    index: int,
    areas: tuple[Area, ...],
    sub_areas: tuple[SubArea, ...],
    items: tuple[Item, ...],
    paths: dict[str, str],
) -> str:
    if index < len(areas):
        return f"$.areas[{index}].code"
    if index < len(areas) + len(sub_areas):
        return paths[f"sub:{index - len(areas)}"]
    return f"$.items[{index - len(areas) - len(sub_areas)}].code"


def _band(raw: object, path: str) -> AgeBand:
    band = _table(raw, path, _BAND_KEYS, ("from_months",))
    until = band.get("until_months")
    made: AgeBand = _build(
        path,
        AgeBand,
        _months(band["from_months"], f"{path}.from_months"),
        None if until is None else _months(until, f"{path}.until_months"),
    )
    return made


def _structure(
    raw_areas: object,
) -> tuple[tuple[Area, ...], tuple[SubArea, ...], dict[str, str]]:
    areas: list[Area] = []
    sub_areas: list[SubArea] = []
    paths: dict[str, str] = {}
    for index, raw in enumerate(_list(raw_areas, "$.areas")):
        path = f"$.areas[{index}]"
        table = _table(raw, path, _AREA_KEYS, ("code", "name"))
        phase = None
        if "phase" in table:
            try:
                phase = Phase(table["phase"])
            except ValueError:
                raise CatalogueError(
                    f"{path}.phase",
                    f"expected 'antenatal' or 'postnatal', got {safe_repr(table['phase'])}",
                ) from None
        former = table.get("former_name")
        area = _build(
            f"{path}.code",
            Area,
            _text(table["code"], f"{path}.code"),
            _text(table["name"], f"{path}.name"),
            None if former is None else _text(former, f"{path}.former_name"),
            phase,
            _band(table["age_band"], f"{path}.age_band") if "age_band" in table else None,
        )
        areas.append(area)
        for sub_index, sub_raw in enumerate(_list(table.get("sub_areas", []), f"{path}.sub_areas")):
            sub_path = f"{path}.sub_areas[{sub_index}]"
            sub_table = _table(sub_raw, sub_path, _SUB_AREA_KEYS, ("code", "name"))
            paths[f"sub:{len(sub_areas)}"] = f"{sub_path}.code"
            sub_areas.append(
                _build(
                    f"{sub_path}.code",
                    SubArea,
                    _text(sub_table["code"], f"{sub_path}.code"),
                    _text(sub_table["name"], f"{sub_path}.name"),
                    area.code,
                )
            )
    return tuple(areas), tuple(sub_areas), paths


def _item(raw: object, path: str) -> Item:
    table = _table(raw, path, _ITEM_KEYS, ("code", "label"))
    code = _text(table["code"], f"{path}.code")
    parent = code.rstrip("abcdefghijklmnopqrstuvwxyz")
    if parent == code or not parent:
        raise CatalogueError(
            f"{path}.code",
            f"expected a sub-area code followed by lower-case letters, got {safe_repr(code)}",
        )
    descriptors: dict[Grade, str] = {}
    raw_descriptors = table.get("descriptors", {})
    if not isinstance(raw_descriptors, Mapping):
        raise CatalogueError(
            f"{path}.descriptors", f"expected a table, got a {type(raw_descriptors).__name__}"
        )
    for key, text in raw_descriptors.items():
        if key not in {"1", "2", "3", "4", "5"}:
            raise CatalogueError(
                f"{path}.descriptors", f"expected grades 1 to 5 as keys, got {safe_repr(key)}"
            )
        if not isinstance(text, str) or not text.strip():
            raise CatalogueError(
                f"{path}.descriptors.{key}", f"expected non-empty text, got {got(text)}"
            )
        descriptors[Grade(int(key))] = text
    bands = [
        _band(raw_band, f"{path}.age_bands[{index}]")
        for index, raw_band in enumerate(_list(table.get("age_bands", []), f"{path}.age_bands"))
    ]
    item: Item = _build(
        path,
        Item,
        code,
        _text(table["label"], f"{path}.label"),
        parent,
        descriptors,
        tuple(bands),
    )
    return item


def load_catalogue(source: str | os.PathLike[str] | Traversable) -> Catalogue:
    """Read a catalogue from a TOML (``.toml``) or JSON (``.json``) file.

    A licensed partnership keeps its item list and wording in such a file; the
    library reads it and validates it against the standard structure.

    Args:
        source: A path, or a resource from :func:`importlib.resources.files`.

    Returns:
        The validated catalogue.

    Raises:
        CatalogueError: If the file is not TOML or JSON, cannot be parsed, or
            breaks a rule of :func:`catalogue_from_document`.
        OSError: If the file cannot be read.

    >>> from pathlib import Path
    >>> catalogue = load_catalogue(Path("examples/invented_catalogue.toml"))
    >>> catalogue.item("A1a").label
    'Invented: a regular mealtime routine'
    """
    return catalogue_from_document(read_document(source, CatalogueError))


def load_structure(source: str | os.PathLike[str] | Traversable) -> Catalogue:
    """Read one of the shipped structure files, which lay out areas and sub-areas."""
    return _from_document(read_document(source, CatalogueError), structure=True)


_FILES = {Instrument.GCP2: "gcp2.toml", Instrument.GCP2A: "gcp2a.toml"}


@functools.cache
def builtin_catalogue(instrument: Instrument) -> Catalogue:
    """Return the shipped structure-only catalogue for ``instrument``."""
    from importlib.resources import files  # Imported when first read, not with the package.

    return load_structure(files("neglect_protocol").joinpath("data", _FILES[instrument]))


def builtin_catalogues() -> tuple[Catalogue, ...]:
    """Return the shipped GCP2 and GCP2A structures, the catalogues a policy names by default."""
    return tuple(builtin_catalogue(instrument) for instrument in Instrument)

"""Catalogues: the area → sub-area → item structure of an instrument."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeAlias

import attrs

from neglect_protocol._model._checks import at_least, is_a, tuple_of
from neglect_protocol._model._frozen import FrozenMap, freeze
from neglect_protocol._model._grade import Grade
from neglect_protocol.errors import PolicyError, UnknownCodeError, safe_repr


class Instrument(enum.Enum):
    """The assessment tool a catalogue describes.

    >>> from neglect_protocol.catalogue import Instrument
    >>> Instrument("GCP2A").is_antenatal
    True
    """

    GCP2 = "GCP2"
    """The Graded Care Profile 2, for one child aged 0 to 18."""
    GCP2A = "GCP2A"
    """The antenatal Graded Care Profile, for an unborn child and the weeks after birth."""

    @property
    def is_antenatal(self) -> bool:
        """Whether this is the antenatal tool."""
        return self is Instrument.GCP2A


class Phase(enum.Enum):
    """When a GCP2A section applies: before or after the birth."""

    ANTENATAL = "antenatal"
    POSTNATAL = "postnatal"


_AREA_CODE = re.compile(r"[A-Z][A-Z0-9]*\Z")
_SUB_AREA_SUFFIX = re.compile(r"[0-9]+\Z")
_ITEM_SUFFIX = re.compile(r"[a-z]+\Z")


_TEXT = is_a(str, "text", PolicyError)
_OPTIONAL_TEXT = is_a(str, "text", PolicyError, optional=True)


def _non_empty_text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise PolicyError(
            attribute.name, f"expected a non-empty {attribute.name}, got {safe_repr(value)}"
        )


@attrs.frozen
class AgeBand:
    """A range of ages, in completed months, that an item applies to.

    ``from_months`` is included and ``until_months`` is not; an open upper end is
    ``None``. A band for children under five is ``AgeBand(0, 60)``.

    Attributes:
        from_months: The youngest age in the band, in completed months.
        until_months: The first age past the band, in completed months (none: no upper end).

    >>> from neglect_protocol.catalogue import AgeBand
    >>> band = AgeBand(0, 60)
    >>> band.contains(59), band.contains(60)
    (True, False)
    >>> str(AgeBand(60, None))
    '60 months and over'
    """

    from_months: int = attrs.field(validator=at_least(0, PolicyError))
    until_months: int | None = attrs.field(
        default=None, validator=is_a(int, "a whole number of months", PolicyError, optional=True)
    )

    @until_months.validator
    def _check_not_empty(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and value <= self.from_months:
            raise PolicyError(
                "age_band",
                f"expected until_months above from_months {self.from_months}, got {value} "
                "(the band is empty)",
            )

    def contains(self, age_months: int) -> bool:
        """Whether a child aged ``age_months`` completed months falls in the band."""
        return self.from_months <= age_months and (
            self.until_months is None or age_months < self.until_months
        )

    def overlaps(self, other: AgeBand) -> bool:
        """Whether the two bands share at least one month.

        >>> from neglect_protocol.catalogue import AgeBand
        >>> AgeBand(0, 60).overlaps(AgeBand(59, 120)), AgeBand(0, 60).overlaps(AgeBand(60))
        (True, False)
        """
        self_end = self.until_months if self.until_months is not None else float("inf")
        other_end = other.until_months if other.until_months is not None else float("inf")
        return self.from_months < other_end and other.from_months < self_end

    def __str__(self) -> str:
        if self.until_months is None:
            return f"{self.from_months} months and over"
        return f"{self.from_months} to {self.until_months - 1} months"


@attrs.frozen
class Area:
    """A top-level area of an instrument (``A`` Physical care), or a GCP2A section.

    Attributes:
        code: Capital-letter code, unique in the catalogue.
        name: The area's name in the current tool.
        former_name: The name in the original tool (GCP1), where there was one.
        phase: For GCP2A sections, whether the section is antenatal or postnatal.
        age_band: For a section graded directly, the ages (in completed months)
            it may be rated for; the shipped GCP2A's postnatal section is for babies
            under one (local policy, in the package data).
    """

    code: str = attrs.field(validator=_TEXT)
    name: str = attrs.field(validator=[_TEXT, _non_empty_text])
    former_name: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    phase: Phase | None = attrs.field(
        default=None, validator=is_a(Phase, "a Phase", PolicyError, optional=True)
    )
    age_band: AgeBand | None = attrs.field(
        default=None, validator=is_a(AgeBand, "an AgeBand", PolicyError, optional=True)
    )

    @code.validator
    def _check_code(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not _AREA_CODE.match(value):
            raise PolicyError(
                "area.code",
                f"expected capital letters and digits starting with a letter"
                f", got {safe_repr(value)}",
            )


@attrs.frozen
class SubArea:
    """A sub-area within an area (``A1`` Nutrition).

    Attributes:
        code: The area's code followed by a number.
        name: The sub-area's name.
        area: The code of the area it belongs to.
    """

    code: str = attrs.field(validator=_TEXT)
    name: str = attrs.field(validator=[_TEXT, _non_empty_text])
    area: str = attrs.field(validator=_TEXT)

    @area.validator
    def _check_code(self, attribute: attrs.Attribute[str], value: str) -> None:
        suffix = self.code[len(value) :]
        if not self.code.startswith(value) or not _SUB_AREA_SUFFIX.match(suffix):
            raise PolicyError(
                "sub_area.code",
                f"expected the area code {safe_repr(value)} followed by a number"
                f", got {safe_repr(self.code)}",
            )


def _freeze_descriptors(value: Mapping[Grade, str]) -> FrozenMap[Grade, str]:
    return freeze(value)


@attrs.frozen
class Item:
    """One item of a licensed or local catalogue, under a sub-area.

    Item wording is licensed content: the library ships none, and a partnership
    loads its own with :func:`~neglect_protocol.catalogue.load_catalogue`.

    Attributes:
        code: The parent's code followed by lower-case letters (``A1a``).
        label: A short label for the item.
        parent: The code of the sub-area it belongs to (or of the area, for a
            catalogue whose areas have no sub-areas, such as GCP2A's sections).
        descriptors: Optional wording per grade.
        age_bands: The ages the item applies to; empty means every age.
    """

    code: str = attrs.field(validator=_TEXT)
    label: str = attrs.field(validator=[_TEXT, _non_empty_text])
    parent: str = attrs.field(validator=_TEXT)
    descriptors: Mapping[Grade, str] = attrs.field(
        factory=FrozenMap, converter=_freeze_descriptors, repr=False
    )
    age_bands: tuple[AgeBand, ...] = attrs.field(
        default=(), validator=tuple_of(AgeBand, PolicyError)
    )

    @parent.validator
    def _check_code(self, attribute: attrs.Attribute[str], value: str) -> None:
        suffix = self.code[len(value) :]
        if not self.code.startswith(value) or not _ITEM_SUFFIX.match(suffix):
            raise PolicyError(
                "item.code",
                f"expected the code {safe_repr(value)} followed by lower-case letters"
                f", got {safe_repr(self.code)}",
            )

    @descriptors.validator
    def _check_descriptors(
        self, attribute: attrs.Attribute[Mapping[Grade, str]], value: Mapping[Grade, str]
    ) -> None:
        for grade, text in value.items():
            if not isinstance(grade, Grade):
                raise PolicyError(
                    f"{self.code}.descriptors",
                    f"expected grades 1 to 5 as keys, got {safe_repr(grade)}",
                )
            if not isinstance(text, str):
                raise PolicyError(
                    f"{self.code}.descriptors[{grade.value}]",
                    f"expected text, got a {type(text).__name__}",
                )

    @age_bands.validator
    def _check_age_bands(
        self, attribute: attrs.Attribute[tuple[AgeBand, ...]], value: tuple[AgeBand, ...]
    ) -> None:
        for index, band in enumerate(value):
            for other in value[index + 1 :]:
                if band.overlaps(other):
                    raise PolicyError(
                        f"{self.code}.age_bands",
                        f"expected age bands that do not overlap, got {band} and {other}",
                    )

    @property
    def name(self) -> str:
        """The item's label, so that every node of a catalogue has a ``name``."""
        return self.label

    def applies_to_age(self, age_months: int) -> bool:
        """Whether the item applies to a child aged ``age_months`` completed months."""
        return not self.age_bands or any(band.contains(age_months) for band in self.age_bands)


Node: TypeAlias = Area | SubArea | Item
"""Any node of a catalogue."""


@attrs.frozen
class Catalogue:
    """The structure of an instrument: areas, sub-areas and (optionally) items.

    The library ships :data:`~neglect_protocol.catalogue.GCP2` and
    :data:`~neglect_protocol.catalogue.GCP2A` with their structure only; a licensed
    partnership adds its items with :func:`~neglect_protocol.catalogue.load_catalogue`.

    Codes are unique across the catalogue. Look a node up with ``catalogue[code]``
    (``code in catalogue`` covers every node); iterate a catalogue to get its areas
    in order, or :meth:`walk` for every node. ``age_band`` is the range of ages, in
    completed months at the start of the window, that the instrument applies to:
    0 to 215 months (up to the 18th birthday) for the shipped GCP2.

    >>> from neglect_protocol import GCP2
    >>> [area.code for area in GCP2]
    ['A', 'B', 'C', 'D']
    >>> GCP2["A1"].name
    'Nutrition'
    >>> [sub_area.code for sub_area in GCP2.children("B")]
    ['B1', 'B2']
    >>> GCP2.parent("C2").name
    'Emotional care'
    >>> GCP2["A9"]
    Traceback (most recent call last):
    ...
    neglect_protocol.errors.UnknownCodeError: expected a code of catalogue 'GCP2', got 'A9'; ...
    """

    name: str = attrs.field(validator=[_TEXT, _non_empty_text])
    version: str = attrs.field(validator=_TEXT)
    instrument: Instrument = attrs.field(
        validator=is_a(Instrument, "Instrument.GCP2 or Instrument.GCP2A", PolicyError)
    )
    areas: tuple[Area, ...] = attrs.field(validator=tuple_of(Area, PolicyError))
    sub_areas: tuple[SubArea, ...] = attrs.field(
        default=(), validator=tuple_of(SubArea, PolicyError)
    )
    items: tuple[Item, ...] = attrs.field(default=(), validator=tuple_of(Item, PolicyError))
    age_band: AgeBand | None = attrs.field(
        default=None, validator=is_a(AgeBand, "an AgeBand", PolicyError, optional=True)
    )
    _nodes: Mapping[str, Node] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _children: Mapping[str, tuple[Node, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        nodes: dict[str, Node] = {}
        children: dict[str, list[Node]] = {}
        if not self.areas:
            raise PolicyError("areas", "expected at least one area, got none")
        groups: tuple[tuple[str, tuple[Node, ...]], ...] = (
            ("areas", self.areas),
            ("sub_areas", self.sub_areas),
            ("items", self.items),
        )
        for section, group in groups:
            for index, node in enumerate(group):
                if node.code in nodes:
                    raise PolicyError(
                        f"{section}[{index}].code",
                        f"expected each code once, got {safe_repr(node.code)} again",
                    )
                nodes[node.code] = node
                children[node.code] = []
        for index, sub_area in enumerate(self.sub_areas):
            if not isinstance(nodes.get(sub_area.area), Area):
                raise PolicyError(
                    f"sub_areas[{index}].area",
                    f"expected the code of an area, got {safe_repr(sub_area.area)}",
                )
            children[sub_area.area].append(sub_area)
        areas_with_sub_areas = {sub_area.area for sub_area in self.sub_areas}
        for index, item in enumerate(self.items):
            parent = nodes.get(item.parent)
            if not isinstance(parent, SubArea) and not (
                isinstance(parent, Area) and parent.code not in areas_with_sub_areas
            ):
                raise PolicyError(
                    f"items[{index}].parent",
                    f"expected the code of a sub-area (or of an area without sub-areas), "
                    f"got {safe_repr(item.parent)}",
                )
            children[item.parent].append(item)
        object.__setattr__(self, "_nodes", FrozenMap(nodes))
        object.__setattr__(
            self, "_children", FrozenMap({code: tuple(kids) for code, kids in children.items()})
        )

    @cached_property
    def _parents_by_age(self) -> dict[int | None, Mapping[str, str | None]]:
        return {}

    def rating_parents(self, age_months: int | None) -> Mapping[str, str | None]:
        """What a rating of each code feeds, for a child aged ``age_months``: the scoring index.

        An item maps to the code of the sub-area (or GCP2A section) it suggests a
        grade for; an area or sub-area, graded directly, maps to ``None``. An item
        whose age bands leave out ``age_months`` (every age-banded item when it is
        ``None``, for an unborn child) is absent, as is any code the catalogue
        lacks, so one look-up per rating settles it. Built once per age and kept.

        Args:
            age_months: The child's age in completed months for age-banded items
                (see :func:`~neglect_protocol.assessment.validate`), or ``None``.

        >>> from neglect_protocol import GCP2
        >>> parents = GCP2.rating_parents(30)
        >>> parents["A1"] is None, "A1x" in parents
        (True, False)
        """
        found = self._parents_by_age.get(age_months)
        if found is None:
            parents: dict[str, str | None] = {}
            for node in self.walk():
                if not isinstance(node, Item):
                    parents[node.code] = None
                elif not node.age_bands or (
                    age_months is not None and node.applies_to_age(age_months)
                ):
                    # The parent's own code object, so that equal parents are identical.
                    parents[node.code] = self._nodes[node.parent].code
            found = self._parents_by_age[age_months] = MappingProxyType(parents)
        return found

    def layout(self) -> tuple[tuple[Area, tuple[SubArea, ...]], ...]:
        """Each area with its sub-areas, in catalogue order: the order of a profile's entries.

        A GCP2A section has no sub-areas. Worked out once per catalogue.

        >>> from neglect_protocol import GCP2
        >>> [(area.code, len(sub_areas)) for area, sub_areas in GCP2.layout()]
        [('A', 5), ('B', 2), ('C', 2), ('D', 4)]
        """
        return self._layout

    @cached_property
    def _layout(self) -> tuple[tuple[Area, tuple[SubArea, ...]], ...]:
        return tuple(
            (area, tuple(n for n in self._children[area.code] if isinstance(n, SubArea)))
            for area in self.areas
        )

    def __iter__(self) -> Iterator[Area]:
        return iter(self.areas)

    def __repr__(self) -> str:
        return (
            f"<Catalogue {safe_repr(self.name)}"
            f" version {safe_repr(self.version)} ({self.instrument.value}): "
            f"{len(self.areas)} areas, {len(self.sub_areas)} sub-areas, {len(self.items)} items>"
        )

    if TYPE_CHECKING:  # Attached by the public module from the boundary; see _api.attach_views.

        def _repr_html_(self) -> str: ...

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._nodes

    def __getitem__(self, code: str) -> Node:
        try:
            return self._nodes[code]
        except (KeyError, TypeError):
            raise self.unknown_code(code) from None

    def unknown_code(self, code: object, *, field: str = "") -> UnknownCodeError:
        """Build the error for a code this catalogue lacks, with the nearest valid codes.

        Args:
            code: The code that was not found.
            field: Where the code came from, for the message.

        Returns:
            The error, for the caller to raise.
        """
        import difflib  # Only a mistake needs it: importing the package stays cheap.

        suggestions = (
            difflib.get_close_matches(code, list(self._nodes), n=3, cutoff=0.3)
            if isinstance(code, str)
            else []
        )
        return UnknownCodeError(code, catalogue=self.name, suggestions=suggestions, field=field)

    def get(self, code: str) -> Node | None:
        """Return the node with ``code``, or ``None`` if there is none (or it is not a str)."""
        return self._nodes.get(code) if isinstance(code, str) else None

    def area(self, code: str) -> Area:
        """Return the area with ``code``.

        Raises:
            UnknownCodeError: If ``code`` is not an area of this catalogue.
        """
        node = self[code]
        if not isinstance(node, Area):
            raise self.unknown_code(code, field="area")
        return node

    def sub_area(self, code: str) -> SubArea:
        """Return the sub-area with ``code``.

        Raises:
            UnknownCodeError: If ``code`` is not a sub-area of this catalogue.
        """
        node = self[code]
        if not isinstance(node, SubArea):
            raise self.unknown_code(code, field="sub_area")
        return node

    def item(self, code: str) -> Item:
        """Return the item with ``code``.

        Raises:
            UnknownCodeError: If ``code`` is not an item of this catalogue.
        """
        node = self[code]
        if not isinstance(node, Item):
            raise self.unknown_code(code, field="item")
        return node

    def children(self, code: str) -> tuple[Node, ...]:
        """Return the nodes directly beneath ``code``, in catalogue order.

        Raises:
            UnknownCodeError: If ``code`` is not in this catalogue.
        """
        self[code]
        return self._children[code]

    def parent(self, code: str) -> Node | None:
        """Return the node directly above ``code`` (``None`` for an area).

        Raises:
            UnknownCodeError: If ``code`` is not in this catalogue.
        """
        node = self[code]
        if isinstance(node, SubArea):
            return self._nodes[node.area]
        if isinstance(node, Item):
            return self._nodes[node.parent]
        return None

    def area_of(self, code: str) -> Area:
        """Return the area that ``code`` belongs to (itself, for an area).

        >>> from neglect_protocol import GCP2
        >>> GCP2.area_of("D3").name
        'Developmental care'
        """
        node: Node | None = self[code]
        while not isinstance(node, Area):
            node = self.parent(node.code)  # type: ignore[union-attr]
        return node

    @property
    def graded_units(self) -> tuple[Area | SubArea, ...]:
        """The units a profile counts, being every sub-area and every area that has none.

        For GCP2 these are the thirteen sub-areas; for GCP2A, the three sections.
        """
        units: list[Area | SubArea] = []
        for area in self.areas:
            subs = [node for node in self._children[area.code] if isinstance(node, SubArea)]
            units.extend(subs if subs else [area])
        return tuple(units)

    def walk(self) -> Iterator[Node]:
        """Yield every node depth first: an area, its sub-areas each with their items.

        >>> from neglect_protocol import GCP2
        >>> [node.code for node in GCP2.walk()][:4]
        ['A', 'A1', 'A2', 'A3']
        """
        stack: list[Node] = list(reversed(self.areas))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(self._children[node.code]))

    def with_items(self, items: tuple[Item, ...], *, name: str, version: str) -> Catalogue:
        """Return a catalogue with this structure and the given items instead of its own.

        Raises:
            PolicyError: If an item is duplicated or sits under an unknown sub-area.
        """
        return attrs.evolve(self, name=name, version=version, items=items)

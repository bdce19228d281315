"""The document types of the foundation: assessments, catalogues and profiles.

They are declared, with every other document kind, in
:data:`~neglect_protocol._boundary._kinds.DOCUMENT_KINDS`; this module holds what that
declaration names: the layouts that differ from the Python classes, spelled out as
private attrs "shape" classes (which the converter reads and the schema generator
describes), and the migrations.

Schema versions:

- assessment 1 (reads 0, the pre-release draft whose ``ratings`` was an object
  keyed by code; see :func:`_ratings_from_object`);
- catalogue 1 (the catalogue file format of
  :func:`~neglect_protocol.catalogue.load_catalogue`, plus an optional ``kind``);
- profile 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from neglect_protocol._boundary._builtin import builtin_catalogue
from neglect_protocol._boundary._wire import (
    AREA_CODE,
    AT_LEAST_ONE,
    ITEM_CODE,
    MONTHS,
    NONBLANK,
    OPTIONAL_MONTHS,
    OPTIONAL_NONBLANK,
    RANGE,
    RULE,
    SHAPE,
    Layout,
    WireError,
    describe,
    described,
    fast_reader,
    fast_writer,
    field_rules,
    key_segment,
    plain,
    split_location,
)
from neglect_protocol._model._assessment import (
    Assessment,
    Carer,
    ChildRef,
    ObservationWindow,
    Practitioner,
    Rating,
    TargetedItem,
)
from neglect_protocol._model._catalogue import (
    AgeBand,
    Area,
    Catalogue,
    Instrument,
    Item,
    Phase,
    SubArea,
)
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._profile import GradeSource, Profile, ProfileEntry
from neglect_protocol.errors import NeglectProtocolError

PARTS = (
    Grade,
    Instrument,
    Phase,
    GradeSource,
    AgeBand,
    Area,
    SubArea,
    Item,
    ChildRef,
    Carer,
    Practitioner,
    ObservationWindow,
    Rating,
    TargetedItem,
    ProfileEntry,
)
"""The public value types of the foundation written without an envelope."""
field_rules(ChildRef, reference=NONBLANK)

_RATING_KEYS = frozenset(("code", "grade", "evidence", "carer_comment"))
_GRADE_OF = {grade.value: grade for grade in Grade}


def _read_rating(value: dict[str, Any]) -> Rating | None:
    """A rating in the common shape, each field checked once; ``None`` for anything else.

    Accepts exactly what the converter's reader and Rating's checks accept
    together (a code, a grade from 1 to 5, optional text), so the value is the
    same, and leaves everything else to that reader and its messages.
    """
    if not value.keys() <= _RATING_KEYS:
        return None
    code = value.get("code")
    grade = value.get("grade")
    evidence = value.get("evidence", "")
    comment = value.get("carer_comment")
    if (
        type(code) is str
        and type(grade) is int
        and 1 <= grade <= 5
        and type(evidence) is str
        and (comment is None or type(comment) is str)
    ):
        return Rating._built(code, _GRADE_OF[grade], evidence, comment)
    return None


fast_reader(Rating, _read_rating)
field_rules(Carer, reference=NONBLANK)
field_rules(Practitioner, reference=NONBLANK)
field_rules(Assessment, reference=OPTIONAL_NONBLANK)
field_rules(AgeBand, from_months=MONTHS, until_months=OPTIONAL_MONTHS)
field_rules(Area, code=AREA_CODE, name=NONBLANK)
field_rules(SubArea, name=NONBLANK)
field_rules(Item, label=NONBLANK)


# --- Assessments ---


def ratings_from_object(document: dict[str, Any]) -> dict[str, Any]:
    """Version 0 → 1: ``ratings`` becomes a list of ratings that each carry their ``code``.

    Version 0 was the pre-release draft (never in a release): ``ratings`` was an
    object keyed by code, ``{"A1": {"grade": 3}}``. Version 1 lists them instead,
    because a JSON reader keeps only one of two values under a repeated key, so a
    rating recorded twice could vanish without a word, and because a list keeps the
    order in which the practitioner recorded them on every reader.

    A document declares its version, so it must have that version's shape: a
    version 0 document whose ``ratings`` is not an object (a version 1 list, say)
    is refused here rather than read as if it were of another version.
    """
    if "ratings" not in document:
        return document  # The converter reports the missing key at its version 1 path.
    ratings = document["ratings"]
    if type(ratings) is not dict:
        raise WireError(
            [
                (
                    ".ratings",
                    "expected an object keyed by code, the shape of schema version 0 "
                    f"(a list is the shape of version 1), got {describe(ratings)}",
                    SHAPE,
                )
            ]
        )
    listed: list[Any] = []
    for code, rating in ratings.items():
        if isinstance(rating, dict) and "code" in rating:
            raise WireError(
                [
                    (
                        f".ratings{key_segment(code)}.code",
                        "unknown key in a version 0 rating (its code is the key above it)",
                        SHAPE,
                    )
                ]
            )
        listed.append({"code": code, **rating} if isinstance(rating, dict) else rating)
    return {**document, "ratings": listed}


# --- Catalogues: the catalogue file format ---


@attrs.frozen
class CatalogueSubArea:
    """A sub-area, written under its area: its area is where it sits.

    Attributes:
        code: The area's code followed by a number (``"A1"``).
        name: The sub-area's name.
    """

    code: str
    name: str


@attrs.frozen
class CatalogueArea:
    """An area with its sub-areas nested in it.

    Attributes:
        code: Capital letters and digits, starting with a letter, unique in the catalogue.
        name: The area's name in the current tool.
        former_name: The name in the original tool (GCP1), where there was one.
        phase: For GCP2A sections, whether the section is antenatal or postnatal.
        age_band: For a section graded directly, the ages it may be rated for.
        sub_areas: The area's sub-areas, in order.
    """

    code: str
    name: str
    former_name: str | None = None
    phase: Phase | None = None
    age_band: AgeBand | None = None
    sub_areas: tuple[CatalogueSubArea, ...] = ()


@attrs.frozen
class CatalogueItem:
    """An item: its parent is its code without the trailing lower-case letters.

    Attributes:
        code: The parent's code followed by lower-case letters (``"A1a"``).
        label: A short label for the item.
        descriptors: Optional wording per grade, keyed by grade.
        age_bands: The ages the item applies to; empty means every age.
    """

    code: str
    label: str
    descriptors: Mapping[Grade, str] = FrozenMap()
    age_bands: tuple[AgeBand, ...] = ()


@attrs.frozen
class CatalogueDocument:
    """A catalogue; without ``areas`` it takes the built-in structure of its instrument.

    A catalogue on its instrument's built-in structure (as every partnership's is)
    is written without ``areas`` and ``age_band``, exactly as a catalogue file that
    :func:`~neglect_protocol.catalogue.load_catalogue` reads; any other structure is
    written out in full.

    Attributes:
        name: The catalogue's name.
        version: Which edition of the catalogue this is.
        instrument: The tool the catalogue is for: GCP2 or GCP2A.
        items: The items that may be graded, under their sub-areas (or areas).
        areas: The areas and their sub-areas; left out, the built-in structure of
            the instrument.
        age_band: The ages the whole catalogue is for, if it is not for every age.
    """

    name: str
    version: str
    instrument: Instrument
    items: tuple[CatalogueItem, ...] = ()
    areas: tuple[CatalogueArea, ...] | None = None
    age_band: AgeBand | None = None


field_rules(CatalogueDocument, name=NONBLANK, areas=AT_LEAST_ONE)
field_rules(CatalogueArea, code=AREA_CODE, name=NONBLANK)
field_rules(CatalogueSubArea, name=NONBLANK)
field_rules(
    CatalogueItem,
    code=ITEM_CODE,
    label=NONBLANK,
    # The wording for each grade must not be blank, as the reader checks.
    descriptors=described({"additionalProperties": {"type": "string", "pattern": "\\S"}}),
)


def _catalogue_to_shape(catalogue: Catalogue) -> CatalogueDocument:
    items = tuple(
        CatalogueItem(item.code, item.label, item.descriptors, item.age_bands)
        for item in catalogue.items
    )
    base = builtin_catalogue(catalogue.instrument)
    structure = (catalogue.areas, catalogue.sub_areas, catalogue.age_band)
    if structure == (base.areas, base.sub_areas, base.age_band):
        return CatalogueDocument(catalogue.name, catalogue.version, catalogue.instrument, items)
    areas = tuple(
        CatalogueArea(
            area.code,
            area.name,
            area.former_name,
            area.phase,
            area.age_band,
            tuple(
                CatalogueSubArea(node.code, node.name)
                for node in catalogue.children(area.code)
                if isinstance(node, SubArea)
            ),
        )
        for area in catalogue.areas
    )
    return CatalogueDocument(
        catalogue.name, catalogue.version, catalogue.instrument, items, areas, catalogue.age_band
    )


_SECTION = re.compile(r"(areas|sub_areas|items)\[([0-9]+)\](.*)\Z")


def _catalogue_from_shape(document: CatalogueDocument) -> Catalogue:
    problems: list[tuple[str, str, str]] = []
    where: dict[str, list[str]] = {"areas": [], "sub_areas": [], "items": []}
    if document.areas is None:
        base = builtin_catalogue(document.instrument)
        areas, sub_areas = base.areas, base.sub_areas
        age_band = base.age_band if document.age_band is None else document.age_band
        where["areas"] = where["sub_areas"] = ["$.instrument"] * len(base.sub_areas + base.areas)
    else:
        age_band = document.age_band
        areas = tuple(
            Area(area.code, area.name, area.former_name, area.phase, area.age_band)
            for area in document.areas
        )
        built: list[SubArea] = []
        for index, area in enumerate(document.areas):
            where["areas"].append(f"$.areas[{index}]")
            for sub_index, sub_area in enumerate(area.sub_areas):
                path = f"$.areas[{index}].sub_areas[{sub_index}]"
                try:
                    built.append(SubArea(sub_area.code, sub_area.name, area.code))
                    where["sub_areas"].append(path)
                except NeglectProtocolError as error:
                    problems.append((f"{path}.code", _problem(error), RULE))
        sub_areas = tuple(built)
    items: list[Item] = []
    for index, item in enumerate(document.items):
        path = f"$.items[{index}]"
        # The code was checked to end in lower-case letters after something else.
        parent = item.code.rstrip("abcdefghijklmnopqrstuvwxyz")
        problems.extend(
            (
                f"{path}.descriptors{key_segment(str(grade.value))}",
                f"expected text that is not blank, got {describe(text)}",
                RANGE,
            )
            for grade, text in item.descriptors.items()
            if not text.strip()
        )
        try:
            items.append(Item(item.code, item.label, parent, item.descriptors, item.age_bands))
            where["items"].append(path)
        except NeglectProtocolError as error:
            problems.append((f"{path}.age_bands", _problem(error), RULE))
    if problems:
        raise WireError([(path[1:], message, category) for path, message, category in problems])
    try:
        return Catalogue(
            document.name,
            document.version,
            document.instrument,
            areas,
            sub_areas,
            tuple(items),
            age_band,
        )
    except NeglectProtocolError as error:
        raise WireError([(_catalogue_path(error, where)[1:], _problem(error), RULE)]) from None


def _problem(error: NeglectProtocolError) -> str:
    return split_location(error)[1]


def _catalogue_path(error: NeglectProtocolError, where: dict[str, list[str]]) -> str:
    """Where in the document a catalogue error's flat path (``sub_areas[4].code``) points."""
    match = _SECTION.match(split_location(error)[0])
    if match is None:
        return "$.areas"
    section, index, rest = match.group(1), int(match.group(2)), match.group(3)
    base = where[section][index]
    if section == "items":
        # An item's parent is read from its code, so a bad parent is a bad code.
        return f"{base}.code"
    return base + rest


CATALOGUE_LAYOUT = Layout(CatalogueDocument, _catalogue_to_shape, _catalogue_from_shape)


# --- Profiles: everything but what they derive ---


@attrs.frozen
class ProfileDocument:
    """A profile by its entries; what a profile derives from them (units, counts) is left out.

    Attributes:
        areas: One entry per area: its grade and where the grade came from.
        sub_areas: One entry per sub-area: its grade and where the grade came from.
    """

    child: ChildRef
    window: ObservationWindow
    instrument: Instrument
    catalogue_name: str
    catalogue_version: str
    rule: str
    areas: tuple[ProfileEntry, ...]
    sub_areas: tuple[ProfileEntry, ...]
    targets: tuple[TargetedItem, ...] = ()
    assessment_reference: str | None = None


def _profile_to_shape(profile: Profile) -> ProfileDocument:
    # The shape's fields are named as the profile's attributes and as the keyword
    # arguments of Profile.from_entries, so both directions copy by name.
    return ProfileDocument(
        **{field.name: getattr(profile, field.name) for field in attrs.fields(ProfileDocument)}
    )


def _profile_from_shape(document: ProfileDocument) -> Profile:
    # Profile.from_entries checks the entries (unique codes, areas that exist, a
    # source exactly when there is a grade...); its ProfileError names the entry.
    return Profile.from_entries(**attrs.asdict(document, recurse=False))


PROFILE_LAYOUT = Layout(ProfileDocument, _profile_to_shape, _profile_from_shape)


# --- Fast writers: a profile a line in a stream, written field by field ---
#
# Each builds the dict the converter's generic writer builds from the layout above
# (same keys, order and values), without a hook call per field; tests/test_serialize.py
# checks them against that writer. An enumeration is written as its value, read
# from the member's ``_value_`` (the ``value`` property costs a descriptor call).


def write_child(child: ChildRef) -> dict[str, Any]:
    """A child reference as the converter writes it."""
    born, due = child.date_of_birth, child.expected_delivery_date
    return {
        "reference": child.reference,
        "date_of_birth": None if born is None else born.isoformat(),
        "expected_delivery_date": None if due is None else due.isoformat(),
    }


def write_window(window: ObservationWindow) -> dict[str, Any]:
    """An observation window as the converter writes it."""
    return {"start": window.start.isoformat(), "end": window.end.isoformat()}


def _write_entry(entry: ProfileEntry) -> dict[str, Any]:
    code, name, is_area, area, grade, source, suggested, worst_beneath, discrepancy = entry
    return {
        "code": code,
        "name": name,
        "is_area": is_area,
        "area": area,
        "grade": None if grade is None else grade._value_,
        "source": None if source is None else source._value_,
        "suggested": None if suggested is None else suggested._value_,
        "worst_beneath": None if worst_beneath is None else worst_beneath._value_,
        "discrepancy": discrepancy,
    }


def _write_target(target: TargetedItem) -> dict[str, Any]:
    at_review = target.grade_at_review
    return {
        "code": target.code,
        "current_grade": target.current_grade._value_,
        "target_grade": target.target_grade._value_,
        "review_by": target.review_by.isoformat(),
        "grade_at_review": None if at_review is None else at_review._value_,
    }


def _write_profile(profile: Profile) -> dict[str, Any]:
    entries = profile.entries
    return {
        "child": write_child(profile.child),
        "window": write_window(profile.window),
        "instrument": profile.instrument._value_,
        "catalogue_name": profile.catalogue_name,
        "catalogue_version": profile.catalogue_version,
        "rule": profile.rule,
        "areas": [_write_entry(entry) for entry in entries if entry.is_area],
        "sub_areas": [_write_entry(entry) for entry in entries if not entry.is_area],
        "targets": [_write_target(target) for target in profile.targets],
        "assessment_reference": profile.assessment_reference,
    }


fast_writer(ChildRef, plain(write_child))
fast_writer(ObservationWindow, plain(write_window))
fast_writer(ProfileEntry, plain(_write_entry))
fast_writer(TargetedItem, plain(_write_target))
fast_writer(Profile, plain(_write_profile))

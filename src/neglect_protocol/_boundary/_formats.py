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

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

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
    SCALARS,
    SHAPE,
    Defaults,
    Layout,
    WireError,
    WireRules,
    defaulted,
    describe,
    described,
    enum_scalar,
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


# --- Reading an assessment's records once ---
#
# Each reader below reads one record of an assessment document in its common
# shape, checking each field once with the converter's own check for it (or the
# one-line type test that check makes), then builds the value with the class's
# `_built`, which checks only the rules across its fields. Anything else (a key
# missing or unknown, a value of another type or out of range, a rule broken)
# makes it answer None, and the converter reads the record instead, with its own
# messages and paths (see WireRules.fast_readers): a reader may answer None for a record the
# converter accepts, costing time only, but never a value the converter would not
# build. tests/test_serialize_fast.py checks both against the converter alone.


class _UncommonError(Exception):
    """A record not in its common shape: the converter reads it."""


_REFUSED = (_UncommonError, WireError, NeglectProtocolError)

T = TypeVar("T")

# The converter's checks of the fields read here (see _wire.SCALARS and the rules above).
_date = SCALARS[dt.date].structure
_grade = SCALARS[Grade].structure
_instrument = enum_scalar(Instrument).structure
_nonblank: Callable[[Any, Any], str] = NONBLANK.check  # type: ignore[assignment]
_optional_nonblank: Callable[[Any, Any], str | None] = OPTIONAL_NONBLANK.check  # type: ignore[assignment]
_NONE: list[Any] = []  # The absent list of an optional field; never changed.


def _keys(value: Any, allowed: frozenset[str], required: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict or not required <= value.keys() <= allowed:
        raise _UncommonError
    return value


def _text(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _UncommonError


def _optional_date(value: Any) -> dt.date | None:
    return None if value is None else _date(value, None)


def _listed(items: Any, read: Callable[[Any], T]) -> tuple[T, ...]:
    if type(items) is not list:
        raise _UncommonError
    return tuple([read(item) for item in items])


def _or_none(read: Callable[[dict[str, Any]], T]) -> Callable[[dict[str, Any]], T | None]:
    def reader(value: dict[str, Any]) -> T | None:
        try:
            return read(value)
        except _REFUSED:
            return None

    reader.__doc__ = read.__doc__
    return reader


_CHILD_KEYS = frozenset(("reference", "date_of_birth", "expected_delivery_date"))
_REFERENCE = frozenset(("reference",))


def _child(value: Any) -> ChildRef:
    """A child: a reference, and a date of birth, a due date or both, in order."""
    child = _keys(value, _CHILD_KEYS, _REFERENCE)
    return ChildRef._built(
        _nonblank(child["reference"], None),
        _optional_date(child.get("date_of_birth")),
        _optional_date(child.get("expected_delivery_date")),
    )


_WINDOW_KEYS = frozenset(("start", "end"))


def _window(value: Any) -> ObservationWindow:
    """A window: two dates, the end not before the start."""
    window = _keys(value, _WINDOW_KEYS, _WINDOW_KEYS)
    return ObservationWindow._built(_date(window["start"], None), _date(window["end"], None))


_CARER_KEYS = frozenset(("reference", "role"))
_PRACTITIONER_KEYS = frozenset(("reference", "agency"))


def _carer(value: Any) -> Carer:
    """A carer: a reference, and a role or null."""
    carer = _keys(value, _CARER_KEYS, _REFERENCE)
    return Carer._built(_nonblank(carer["reference"], None), _text(carer.get("role")))


def _practitioner(value: Any) -> Practitioner:
    """A practitioner: a reference, and an agency or null."""
    practitioner = _keys(value, _PRACTITIONER_KEYS, _REFERENCE)
    return Practitioner._built(
        _nonblank(practitioner["reference"], None), _text(practitioner.get("agency"))
    )


_ABSENT: Any = object()
_GRADE_OF = {grade.value: grade for grade in Grade}


def _ratings(items: Any) -> tuple[Rating, ...]:
    """Ratings: each a code, a grade from 1 to 5, and optional text.

    One loop, with the converter's checks (of a string, a grade, optional text)
    written out in it: a document holds dozens of ratings. A rating has no key
    but its four when the keys found, with those absent, make four.
    """
    if type(items) is not list:
        raise _UncommonError
    ratings = []
    build = Rating._built
    for value in items:
        if type(value) is not dict:
            raise _UncommonError
        code = value.get("code")
        grade = value.get("grade")
        evidence = value.get("evidence", _ABSENT)
        comment = value.get("carer_comment", _ABSENT)
        keys = len(value)
        if evidence is _ABSENT:
            evidence = ""
            keys += 1
        if comment is _ABSENT:
            comment = None
            keys += 1
        if not (
            keys == 4
            and type(code) is str
            and type(grade) is int
            and 1 <= grade <= 5
            and type(evidence) is str
            and (comment is None or type(comment) is str)
        ):
            raise _UncommonError
        ratings.append(build(code, _GRADE_OF[grade], evidence, comment))
    return tuple(ratings)


def _rating(value: Any) -> Rating:
    """A rating: a code, a grade from 1 to 5, and optional text."""
    return _ratings([value])[0]


_TARGET_KEYS = frozenset(("code", "current_grade", "target_grade", "review_by", "grade_at_review"))
_TARGET_REQUIRED = _TARGET_KEYS - {"grade_at_review"}


def _target(value: Any) -> TargetedItem:
    """A targeted item: a code, two grades in order, a date, and a grade at review or null."""
    target = _keys(value, _TARGET_KEYS, _TARGET_REQUIRED)
    code = target["code"]
    if type(code) is not str:
        raise _UncommonError
    at_review = target.get("grade_at_review")
    return TargetedItem._built(
        code,
        _grade(target["current_grade"], None),
        _grade(target["target_grade"], None),
        _date(target["review_by"], None),
        None if at_review is None else _grade(at_review, None),
    )


_ASSESSMENT_KEYS = frozenset(
    (
        "child",
        "window",
        "ratings",
        "instrument",
        "carers",
        "practitioners",
        "targets",
        "reference",
    )
)
_ASSESSMENT_REQUIRED = frozenset(("child", "window", "ratings"))


def _assessment(value: Any) -> Assessment:
    """An assessment: its parts each read as above, each code rated and targeted once."""
    document = _keys(value, _ASSESSMENT_KEYS, _ASSESSMENT_REQUIRED)
    instrument = (
        _instrument(document["instrument"], None) if "instrument" in document else Instrument.GCP2
    )
    return Assessment._built(
        _child(document["child"]),
        _window(document["window"]),
        _ratings(document["ratings"]),
        instrument,
        _listed(document.get("carers", _NONE), _carer),
        _listed(document.get("practitioners", _NONE), _practitioner),
        _listed(document.get("targets", _NONE), _target),
        _optional_nonblank(document.get("reference"), None),
    )


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


def _catalogue_to_shape(catalogue: Catalogue, defaults: Defaults) -> CatalogueDocument:
    items = tuple(
        CatalogueItem(item.code, item.label, item.descriptors, item.age_bands)
        for item in catalogue.items
    )
    base = defaults.catalogue(catalogue.instrument)
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


def _catalogue_from_shape(document: CatalogueDocument, defaults: Defaults) -> Catalogue:
    problems: list[tuple[str, str, str]] = []
    where: dict[str, list[str]] = {"areas": [], "sub_areas": [], "items": []}
    if document.areas is None:
        base = defaults.catalogue(document.instrument)
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


def _profile_to_shape(profile: Profile, _: Defaults) -> ProfileDocument:
    # The shape's fields are named as the profile's attributes and as the keyword
    # arguments of Profile.from_entries, so both directions copy by name.
    return ProfileDocument(
        **{field.name: getattr(profile, field.name) for field in attrs.fields(ProfileDocument)}
    )


def _profile_from_shape(document: ProfileDocument, _: Defaults) -> Profile:
    # Profile.from_entries checks the entries (unique codes, areas that exist, a
    # source exactly when there is a grade...); its AssessmentError names the entry.
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


RULES = WireRules(
    fields={
        ChildRef: {"reference": NONBLANK},
        Carer: {"reference": NONBLANK},
        Practitioner: {"reference": NONBLANK},
        Assessment: {"reference": OPTIONAL_NONBLANK},
        AgeBand: {"from_months": MONTHS, "until_months": OPTIONAL_MONTHS},
        Area: {"code": AREA_CODE, "name": NONBLANK},
        SubArea: {"name": NONBLANK},
        Item: {"label": NONBLANK},
        CatalogueDocument: {"name": NONBLANK, "areas": AT_LEAST_ONE},
        CatalogueArea: {"code": AREA_CODE, "name": NONBLANK},
        CatalogueSubArea: {"name": NONBLANK},
        CatalogueItem: {
            "code": ITEM_CODE,
            "label": NONBLANK,
            # The wording for each grade must not be blank, as the reader checks.
            "descriptors": described(
                {"additionalProperties": {"type": "string", "pattern": "\\S"}}
            ),
        },
    },
    # A catalogue file leaves out the options it does not use.
    omitted={
        CatalogueDocument: defaulted(CatalogueDocument),
        CatalogueArea: defaulted(CatalogueArea),
    },
    fast_readers={
        Rating: _or_none(_rating),
        ChildRef: _or_none(_child),
        ObservationWindow: _or_none(_window),
        Carer: _or_none(_carer),
        Practitioner: _or_none(_practitioner),
        TargetedItem: _or_none(_target),
        Assessment: _or_none(_assessment),
    },
    fast_writers={
        ChildRef: plain(write_child),
        ObservationWindow: plain(write_window),
        ProfileEntry: plain(_write_entry),
        TargetedItem: plain(_write_target),
        Profile: plain(_write_profile),
    },
)
"""How the foundation's records look on the wire beyond their annotations."""

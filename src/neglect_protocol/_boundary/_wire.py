"""The wire format: one cattrs converter, and the JSON Schema fragments that match it.

Every rule about how a value looks in JSON is written once here, as a
:class:`Scalar` (a structure hook, an unstructure hook and a schema fragment
together) or a :class:`FieldRule` (a constraint on one field of one class), so the
converter and :mod:`neglect_protocol._boundary._schema` cannot drift apart.

Structure hooks raise :class:`WireError` with messages that describe a bad value
by its JSON type, or quote it only when it is short and from a closed vocabulary
(a grade, a date, a code): a value from a free-text field is never quoted.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import math
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs
from cattrs.cols import (
    is_namedtuple,
    namedtuple_dict_structure_factory,
    namedtuple_dict_unstructure_factory,
)
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import JsonConverter, make_converter

from neglect_protocol._model._catalogue import Catalogue, Instrument
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._screening import Checklist
from neglect_protocol.errors import (
    DocumentProblem,
    InputError,
    NeglectProtocolError,
    UnsupportedTypeError,
    safe_repr,
)

SHAPE = "shape"
RANGE = "range"
RULE = "rule"

_QUOTE_LIMIT = 40
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class WireError(ValueError):
    """Raised by a hook: one or more problems, each at a path relative to the hook's value."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{path or '.'} {message}" for path, message, _ in problems))

    @classmethod
    def one(cls, message: str, category: str) -> WireError:
        """A single problem at the hook's own value."""
        return cls([("", message, category)])


def json_type(value: object) -> str:
    """Name the JSON type of ``value``, with its article (``"a string"``, ``"null"``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a Python {type(value).__name__}"


def describe(value: object) -> str:
    """Show a value in a message: numbers and code-like strings are quoted as JSON.

    Other strings (which may be personal data, dates included), huge numbers and
    containers are named by their type and size, so a message stays one short line
    whatever the sender wrote, and never repeats what it should not.
    """
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        if value.bit_length() <= 64:
            return str(value)
        return f"an integer of about {int(value.bit_length() * math.log10(2)) + 1} digits"
    if isinstance(value, float):
        return safe_repr(value) if math.isfinite(value) else "a number that is not finite"
    if isinstance(value, str):
        # The library's one rule for echoing text (errors.safe_repr): only short,
        # code-like strings, never anything that could be personal data.
        if safe_repr(value).startswith("'"):
            return json.dumps(value)
        return f"a string of {len(value)} character{'' if len(value) == 1 else 's'}"
    return json_type(value)


def key_segment(key: object) -> str:
    """The path segment for an object key: ``.name`` or, for other keys, ``["..."]``.

    A key is received text like any value: one that might be free text (a sentence, a
    name) is described by its length, never quoted (the echo rule of ``safe_repr``).
    """
    if isinstance(key, str) and not safe_repr(key).startswith("'"):
        return f"[{describe(key)}]"
    if isinstance(key, str) and len(key) > _QUOTE_LIMIT:
        return f'[{json.dumps(key[:_QUOTE_LIMIT])[:-1]}..."]'
    if isinstance(key, str) and key.isidentifier() and key.isascii():
        return f".{key}"
    return f"[{json.dumps(key) if isinstance(key, str) else describe(key)}]"


# --- Records: attrs classes and named tuples, both written as JSON objects ---


def is_record(kind: Any) -> bool:
    """Whether ``kind`` is written as a JSON object of named fields."""
    return attrs.has(kind) or is_namedtuple(kind)


def record_fields(cls: type, rules: WireRules | None = None) -> list[tuple[str, Any, bool]]:
    """The fields of a record as (key, wire type, required), in order.

    The wire type is the field's annotation unless ``rules`` give it another.
    """
    if attrs.has(cls):
        return [
            (
                field.alias,
                field.type if rules is None else rules.wire_type(cls, field.name, field.type),
                field.default is attrs.NOTHING,
            )
            for field in attrs.fields(attrs.resolve_types(cls))
            if field.init
        ]
    defaults = cls._field_defaults  # type: ignore[attr-defined]
    return [(name, kind, name not in defaults) for name, kind in typing.get_type_hints(cls).items()]


# --- Scalars: a structure hook, an unstructure hook and a schema fragment together ---


@attrs.frozen
class Scalar:
    """How one Python type looks on the wire."""

    structure: Callable[[Any, Any], Any]
    unstructure: Callable[[Any], Any]
    schema: Mapping[str, Any]


def _string(value: Any, _: Any = None) -> str:
    if type(value) is not str:
        raise WireError.one(f"expected a string, got {json_type(value)}", SHAPE)
    return value


def _optional_string(value: Any, _: Any = None) -> str | None:
    if value is None or type(value) is str:
        return value
    raise WireError.one(f"expected a string or null, got {json_type(value)}", SHAPE)


def _integer(value: Any, _: Any = None) -> int:
    if type(value) is not int:
        raise WireError.one(f"expected an integer, got {describe(value)}", SHAPE)
    return value


def _boolean(value: Any, _: Any = None) -> bool:
    if type(value) is not bool:
        raise WireError.one(f"expected true or false, got {describe(value)}", SHAPE)
    return value


def _grade(value: Any, _: Any = None) -> Grade:
    # Grade members are cached by value, so a dictionary look-up is the fast path.
    if type(value) is int and 1 <= value <= 5:
        return _GRADES[value]
    category = RANGE if type(value) is int else SHAPE
    raise WireError.one(f"expected an integer from 1 to 5, got {describe(value)}", category)


_GRADES = {grade.value: grade for grade in Grade}


def _date(value: Any, _: Any = None) -> dt.date:
    if type(value) is not str:
        raise WireError.one(
            f"expected an ISO 8601 date string (YYYY-MM-DD), got {json_type(value)}", SHAPE
        )
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise WireError.one(f"expected an ISO 8601 date (YYYY-MM-DD), got {describe(value)}", RANGE)


def _number(value: Any, _: Any = None) -> float:
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        try:
            return float(value)
        except OverflowError:
            pass
    raise WireError.one(f"expected a number, got {describe(value)}", SHAPE)


_FRACTION = re.compile(r"[0-9]+(/[0-9]*[1-9][0-9]*|\.[0-9]+)?\Z")


def _fraction(value: Any, _: Any = None) -> Fraction:
    expected = 'an exact fraction as text ("1/10" or "0.1")'
    if type(value) is not str:
        raise WireError.one(f"expected {expected}, got {json_type(value)}", SHAPE)
    if _FRACTION.match(value):
        try:
            return Fraction(value)
        except ValueError:  # Python refuses to convert thousands of digits.
            pass
    raise WireError.one(f"expected {expected}, got {describe(value)}", RANGE)


def whole(pattern: str) -> dict[str, Any]:
    """Schema keywords for text that ``pattern`` (without anchors) matches as a whole.

    The pattern is anchored with ``^`` and ``$`` only, with no look-around, so every
    dialect reads it (ECMA-262, Python's ``re``, RE2). One dialect slip remains: in
    Python's ``re`` (which Python validators use) ``$`` also matches before a final
    newline, so a second keyword refuses text that ends with one. It names its type,
    so that a null allowed beside the text is not refused by it.
    """
    return {"pattern": f"^{pattern}$", "not": {"type": "string", "pattern": "\\n$"}}


_DATE_PATTERN = "[0-9]{4}-[0-9]{2}-[0-9]{2}"

SCALARS: Mapping[Any, Scalar] = FrozenMap(
    {
        str: Scalar(_string, lambda value: value, {"type": "string"}),
        int: Scalar(_integer, lambda value: value, {"type": "integer"}),
        bool: Scalar(_boolean, lambda value: value, {"type": "boolean"}),
        Grade: Scalar(
            _grade, lambda value: value.value, {"type": "integer", "minimum": 1, "maximum": 5}
        ),
        dt.date: Scalar(
            _date,
            lambda value: value.isoformat(),
            {"type": "string", "format": "date", **whole(_DATE_PATTERN)},
        ),
        float: Scalar(_number, lambda value: value, {"type": "number"}),
        # Exact shares (a ceiling on the share inadequate) are text, as JSON numbers are not exact.
        Fraction: Scalar(
            _fraction,
            str,
            {"type": "string", **whole("[0-9]+(/[0-9]*[1-9][0-9]*|\\.[0-9]+)?")},
        ),
    }
)
"""The scalar types of the wire format; enumerations are handled by :func:`enum_scalar`."""


@functools.cache
def enum_scalar(kind: type[enum.Enum]) -> Scalar:
    """The wire form of an enumeration: its values (codes), refused if unknown."""
    members = {member.value: member for member in kind}
    choices = ", ".join(json.dumps(value) for value in members)

    def structure(value: Any, _: Any = None) -> enum.Enum:
        if type(value) is str or type(value) is int:
            member = members.get(value)
            if member is not None:
                return member
            raise WireError.one(f"expected one of {choices}, got {describe(value)}", RANGE)
        raise WireError.one(f"expected one of {choices}, got {describe(value)}", SHAPE)

    return Scalar(structure, lambda member: member.value, {"enum": list(members)})


def scalar_for(kind: Any) -> Scalar | None:
    """The scalar for ``kind``, if it is a scalar or an enumeration."""
    if kind in SCALARS:
        return SCALARS[kind]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return enum_scalar(kind)
    return None


# --- Field rules: constraints on one field of one class, beyond its type ---


@attrs.frozen
class FieldRule:
    """A check on one field, with the schema keywords that say the same thing.

    A rule without a check adds keywords only: the value's own class checks the
    same thing when it is built (a list that may not be empty, say).
    """

    check: Callable[[Any, Any], Any] | None
    schema: Mapping[str, Any]


def _nonblank(value: Any, _: Any = None) -> str:
    text = _string(value)
    if not text.strip():
        raise WireError.one(f"expected text that is not blank, got {describe(text)}", RANGE)
    return text


def _optional(check: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def optional(value: Any, _: Any = None) -> Any:
        return None if value is None else check(value, _)

    return optional


def optional(rule: FieldRule) -> FieldRule:
    """The same constraint on a field that may also be null."""
    assert rule.check is not None
    return FieldRule(_optional(rule.check), rule.schema)


def described(schema: Mapping[str, Any]) -> FieldRule:
    """A rule its class checks when built, told to the schema by ``schema``'s keywords."""
    return FieldRule(None, schema)


NONBLANK_CODES = described({"items": {"type": "string", "pattern": "\\S"}})
"""A list of codes, none of them blank (the codes a rule names)."""
LABELS = described(
    {"minItems": 1, "uniqueItems": True, "items": {"type": "string", "pattern": "\\S"}}
)
"""A list of one or more distinct labels, none of them blank (a survey's groups)."""
AT_LEAST_ONE = described({"minItems": 1})
"""A list of one or more values."""


def _matching(pattern: str, expected: str) -> Callable[[Any, Any], str]:
    """A check that text matches ``pattern`` (a Python regular expression, whole text)."""
    regex = re.compile(pattern, re.DOTALL)

    def check(value: Any, _: Any = None) -> str:
        text = _string(value)
        if not regex.fullmatch(text):
            raise WireError.one(f"expected {expected}, got {describe(text)}", RANGE)
        return text

    return check


def matching(pattern: str, expected: str) -> FieldRule:
    """Text matching ``pattern`` as a whole (a regular expression both Python and ECMA-262 read)."""
    return FieldRule(_matching(pattern, expected), whole(f"(?:{pattern})"))


def satisfying(
    accept: Callable[[str], bool], expected: str, schema: Mapping[str, Any]
) -> FieldRule:
    """A rule that text is accepted by ``accept``; ``schema`` says the same to a validator."""

    def check(value: Any, _: Any = None) -> str:
        text = _string(value)
        if not accept(text):
            raise WireError.one(f"expected {expected}, got {describe(text)}", RANGE)
        return text

    return FieldRule(check, schema)


def _months(value: Any, _: Any = None) -> int:
    number = _integer(value)
    if number < 0:
        raise WireError.one(f"expected a whole number of months, 0 or more, got {number}", RANGE)
    return number


NONBLANK = FieldRule(_nonblank, {"pattern": "\\S"})
"""Text with at least one character that is not white space."""
OPTIONAL_NONBLANK = FieldRule(_optional(_nonblank), {"pattern": "\\S"})
"""Like :data:`NONBLANK`, or null."""
AREA_CODE = FieldRule(
    _matching("[A-Z][A-Z0-9]*", "capital letters and digits starting with a letter"),
    whole("[A-Z][A-Z0-9]*"),
)
"""An area code: capital letters and digits, starting with a letter."""
ITEM_CODE = FieldRule(
    _matching(".*[^a-z][a-z]+", "the code of a sub-area followed by lower-case letters"),
    whole("[\\s\\S]*[^a-z][a-z]+"),
)
"""An item code as a catalogue file writes it: its parent's code, then lower-case letters."""
MONTHS = FieldRule(_months, {"minimum": 0})
"""A whole number of months, 0 or more."""
OPTIONAL_MONTHS = FieldRule(_optional(_months), {"minimum": 0})
"""Like :data:`MONTHS`, or null."""


def at_least(least: int) -> FieldRule:
    """A whole number of ``least`` or more."""

    def check(value: Any, _: Any = None) -> int:
        number = _integer(value)
        if number < least:
            raise WireError.one(
                f"expected a whole number of {least} or more, got {describe(number)}", RANGE
            )
        return number

    return FieldRule(check, {"minimum": least})


def _share(value: Any, _: Any = None) -> float:
    number = _number(value)
    if not 0 < number < 1:
        raise WireError.one(f"expected a number between 0 and 1, got {describe(value)}", RANGE)
    return number


OPEN_SHARE = FieldRule(_share, {"exclusiveMinimum": 0, "exclusiveMaximum": 1})
"""A number strictly between 0 and 1 (a confidence level)."""


def _share_text(value: Any, _: Any = None) -> Fraction:
    share = _fraction(value)
    if share > 1:
        raise WireError.one(f"expected a share from 0 to 1, got {describe(value)}", RANGE)
    return share


SHARE = FieldRule(
    _share_text,
    {
        **whole("(0*1(\\.0+)?|0+(\\.[0-9]+)?|[0-9]+/[0-9]*[1-9][0-9]*)"),
        "description": 'An exact share from 0 to 1, as text: a decimal ("0.1") or a '
        'fraction ("1/10"). A fraction\'s numerator may not exceed its denominator, '
        "which the library checks and a pattern cannot.",
    },
)
"""An exact share from 0 to 1, written as text (a ceiling on the share inadequate)."""


@functools.cache
def none_of(refused: Callable[[str], bool]) -> str:
    r"""A pattern matching any one character for which ``refused`` is false.

    The class is built from Python's own character tables, so the pattern agrees
    with a check written with ``str`` methods. Characters are written as
    themselves (only those below U+0100 as ``\xHH``), the one notation every
    dialect shares.
    """
    ranges: list[tuple[int, int]] = []
    for point in range(0x110000):
        if refused(chr(point)):
            if ranges and ranges[-1][1] == point - 1:
                ranges[-1] = (ranges[-1][0], point)
            else:
                ranges.append((point, point))

    def written(point: int) -> str:
        return f"\\x{point:02x}" if point < 0x100 else chr(point)

    return (
        "[^"
        + "".join(
            written(first) if first == last else f"{written(first)}-{written(last)}"
            for first, last in ranges
        )
        + "]"
    )


class Lazily(Mapping[str, Any]):
    """Schema keywords built only when a schema is first asked for, not on import.

    Importing the library stays cheap even when a keyword takes time to build (a
    character class drawn from every character's properties).
    """

    def __init__(self, build: Callable[[], Mapping[str, Any]]) -> None:
        self._build = build

    @functools.cached_property
    def _keywords(self) -> Mapping[str, Any]:
        return self._build()

    def __getitem__(self, key: str) -> Any:
        return self._keywords[key]

    def __iter__(self) -> typing.Iterator[str]:
        return iter(self._keywords)

    def __len__(self) -> int:
        return len(self._keywords)


class TaggedUnion:
    """A type standing for any record of a closed set, each told apart by its ``kind``.

    Made by :func:`tagged_union`; the records it stands for are in ``kinds``.
    """

    kinds: typing.ClassVar[Mapping[str, type]]


def tagged_union(name: str, kinds: Mapping[str, type]) -> type[TaggedUnion]:
    """A type standing for any of ``kinds``' classes, each written with its ``kind`` first.

    Rule specs of threshold and screening policies are such records: a policy
    document lists rules of several classes, each naming itself by ``kind``. The
    union is known to the converter once a :class:`WireRules` lists it.
    """
    return type(
        name,
        (TaggedUnion,),
        {"kinds": FrozenMap(kinds), "__doc__": f"Any of the records in {name}, by their kind."},
    )


def defaulted(cls: type) -> frozenset[str]:
    """The names of the fields of ``cls`` that have a default.

    For :attr:`WireRules.omitted`, of a record written as a person would write it
    by hand: every option left at its default is left out.
    """
    return frozenset(
        field.name for field in attrs.fields(cls) if field.default is not attrs.NOTHING
    )


def _nested(mapping: Mapping[type, Mapping[str, Any]]) -> FrozenMap[type, FrozenMap[str, Any]]:
    return FrozenMap({cls: FrozenMap(inner) for cls, inner in mapping.items()})


def _sets(mapping: Mapping[type, Iterable[str]]) -> FrozenMap[type, frozenset[str]]:
    return FrozenMap({cls: frozenset(names) for cls, names in mapping.items()})


def _readers(
    mapping: Mapping[type, Callable[[dict[str, Any]], Any]],
) -> FrozenMap[type, Callable[[dict[str, Any]], Any]]:
    return FrozenMap(mapping)


WriterFactory = Callable[[JsonConverter], Callable[[Any], Any]]
"""Builds a record's fast writer, given the converter (for the fields it leaves to it)."""


def plain(write: Callable[[Any], Any]) -> WriterFactory:
    """The builder of a fast writer that needs nothing from the converter."""
    return lambda _converter: write


def _writers(mapping: Mapping[type, WriterFactory]) -> FrozenMap[type, WriterFactory]:
    return FrozenMap(mapping)


def _unions(unions: Iterable[type[TaggedUnion]]) -> tuple[type[TaggedUnion], ...]:
    return tuple(unions)


@attrs.frozen
class WireRules:
    """How the records of one format look on the wire, where that is not their annotations.

    Each format module declares its rules as one value, a module constant; nothing
    is registered anywhere when it is imported. The declaration of document kinds
    merges them (:meth:`merge`), and the one converter and the JSON Schemas are
    built from that merge, so the two read the same rules:

    >>> from neglect_protocol._model._assessment import ChildRef
    >>> rules = WireRules(fields={ChildRef: {"reference": NONBLANK}})
    >>> WireRules.merge(rules, WireRules()).rule(ChildRef, "reference") is NONBLANK
    True

    Attributes:
        fields: By class, constraints on its fields by field name (:class:`FieldRule`).
        types: By class, wire types of fields whose annotation the wire cannot read
            (a tuple of rules read as a tagged union), by field name.
        omitted: By class, the fields left out of a document when they hold their
            default: the options of a record written as by hand (see
            :func:`defaulted`), or fields added after documents were written, so
            that a value leaving them at their default is written as before.
        fast_readers: By class, the reader of the record's common case: it returns
            the value, or ``None`` for anything it is not sure of (a missing or
            unknown key, a value of another type), and the converter's own reader
            then reads the record, with its own messages and paths. A fast reader
            must accept exactly what that reader accepts, and build the same value.
        fast_writers: By class, the builder of the writer of a record written many
            times (a profile, a decision: a stream writes one of each a line). The
            converter's generated writers call a hook per field and per list item,
            several times the cost of building the same dict directly. Each builder
            is given the converter and returns a function writing the value with
            exactly the keys, order and values of the generic writer (with the
            layouts of the document kinds), which a property test checks.
        unions: The tagged unions (:func:`tagged_union`) the format's records form.
        tags: The ``kind`` each record of a union writes first and requires when
            read, derived from ``unions``.
    """

    fields: Mapping[type, Mapping[str, FieldRule]] = attrs.field(
        factory=FrozenMap, converter=_nested
    )
    types: Mapping[type, Mapping[str, Any]] = attrs.field(factory=FrozenMap, converter=_nested)
    omitted: Mapping[type, frozenset[str]] = attrs.field(factory=FrozenMap, converter=_sets)
    fast_readers: Mapping[type, Callable[[dict[str, Any]], Any]] = attrs.field(
        factory=FrozenMap, converter=_readers
    )
    fast_writers: Mapping[type, WriterFactory] = attrs.field(factory=FrozenMap, converter=_writers)
    unions: tuple[type[TaggedUnion], ...] = attrs.field(default=(), converter=_unions)
    tags: Mapping[type, str] = attrs.field(init=False)

    @tags.default
    def _tags(self) -> Mapping[type, str]:
        return FrozenMap({cls: kind for union in self.unions for kind, cls in union.kinds.items()})

    def rule(self, cls: type, name: str) -> FieldRule | None:
        """The constraint on field ``name`` of ``cls``, if it has one."""
        rules: Mapping[str, FieldRule] = self.fields.get(cls, _NONE)
        return rules.get(name)

    def wire_type(self, cls: type, name: str, annotation: Any) -> Any:
        """The type field ``name`` of ``cls`` is read and written as: its annotation, or another."""
        return self.types.get(cls, _NONE).get(name, annotation)

    @classmethod
    def merge(cls, *parts: WireRules) -> WireRules:
        """The rules of several formats together; each says what it says of its own classes.

        Raises:
            ValueError: If two of them say something of the same class.
        """
        merged: dict[str, dict[type, Any]] = {
            "fields": {},
            "types": {},
            "omitted": {},
            "fast_readers": {},
            "fast_writers": {},
        }
        for part in parts:
            for name, declared in merged.items():
                said: Mapping[type, Any] = getattr(part, name)
                twice = sorted(record.__name__ for record in said.keys() & declared.keys())
                if twice:
                    raise ValueError(f"wire rules ({name}) of {', '.join(twice)} said twice")
                declared.update(said)
        return cls(
            fields=merged["fields"],
            types=merged["types"],
            omitted=merged["omitted"],
            fast_readers=merged["fast_readers"],
            fast_writers=merged["fast_writers"],
            unions=[union for part in parts for union in part.unions],
        )


_NONE: Mapping[str, Any] = FrozenMap()


@attrs.frozen
class Defaults:
    """The shipped reference data a document falls back on where it leaves a part out.

    The converter is given them when it is built, so that its hooks look nothing
    up: functions, since the shipped files are read by the converter itself, on
    first use.

    Attributes:
        catalogue: The built-in catalogue of an instrument, whose structure a
            catalogue document without ``areas`` takes.
        checklist: The built-in screening checklist, for a screening policy
            document that holds none.
    """

    catalogue: Callable[[Instrument], Catalogue]
    checklist: Callable[[], Checklist]

    def catalogues(self) -> tuple[Catalogue, ...]:
        """The built-in catalogues of every instrument: what a policy checks codes against."""
        return tuple(self.catalogue(instrument) for instrument in Instrument)


def _union_hooks(
    converter: JsonConverter, union: type[TaggedUnion], tags: Mapping[type, str]
) -> tuple[Callable[[Any, Any], Any], Callable[[Any], Any]]:
    kinds = union.kinds

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise WireError.one(f"expected an object, got {json_type(value)}", SHAPE)
        if "kind" not in value:
            raise WireError([(".kind", "required key missing", SHAPE)])
        kind = value["kind"]
        cls = kinds.get(kind) if type(kind) is str else None
        if cls is None:
            choices = ", ".join(json.dumps(name) for name in kinds)
            category = RANGE if type(kind) is str else SHAPE
            raise WireError(
                [(".kind", f"expected one of {choices}, got {describe(kind)}", category)]
            )
        return converter.structure(value, cls)

    def unstructure(value: Any) -> Any:
        if tags.get(type(value)) not in kinds:
            # A rule written as a plain function has no document form.
            raise UnsupportedTypeError(getattr(value, "__name__", type(value).__name__))
        return converter.unstructure(value, type(value))

    return structure, unstructure


# --- Mappings: objects keyed by grade or by text ---
#
# JSON object keys are strings, so a grade key is written "1" to "5"; text keys
# (question codes, criterion codes) are written as they are. Another key type
# needs its reading, writing and allowed keys here.

GRADE_KEYS = ["1", "2", "3", "4", "5"]


def _same(key: str) -> str:
    return key


def mapping_key(
    kind: Any,
) -> tuple[Callable[[str], Any], Callable[[Any], str], list[str] | None]:
    """How keys of type ``kind`` are read and written, and the keys allowed (``None``: any text)."""
    if kind is Grade:
        return (lambda key: _GRADES[int(key)]), (lambda key: str(key.value)), GRADE_KEYS
    if kind is str:
        return _same, _same, None
    raise TypeError(
        f"no wire form for mapping keys of {getattr(kind, '__name__', type(kind).__name__)}"
    )  # pragma: no cover - met
    # by the first developer who registers a type with another key type, never at run time.


def is_mapping(kind: Any) -> bool:
    """Whether ``kind`` is ``Mapping[K, V]`` or ``FrozenMap[K, V]`` (a read-only mapping field)."""
    return typing.get_origin(kind) in (Mapping, dict, FrozenMap)


def _mapping_hooks(
    converter: JsonConverter, kind: Any
) -> tuple[Callable[[Any, Any], Any], Callable[[Any], Any]]:
    key_type, value_type = typing.get_args(kind)
    read_key, write_key, allowed = mapping_key(key_type)
    allowed_keys = None if allowed is None else frozenset(allowed)
    choices = "any text" if allowed is None else ", ".join(json.dumps(key) for key in allowed)

    def structure(value: Any, _: Any) -> FrozenMap[Any, Any]:
        if not isinstance(value, dict):
            raise WireError.one(f"expected an object, got {json_type(value)}", SHAPE)
        result: dict[Any, Any] = {}
        problems: list[tuple[str, str, str]] = []
        for key, item in value.items():
            segment = key_segment(key)
            if type(key) is not str or (allowed_keys is not None and key not in allowed_keys):
                problems.append(
                    (segment, f"expected a key from {choices}, got {describe(key)}", RANGE)
                )
                continue
            try:
                result[read_key(key)] = converter.structure(item, value_type)
            except Exception as error:  # every problem is collected, then raised
                problems.extend(
                    (segment + problem.path[1:], problem.message, problem.category)
                    for problem in problems_of(error, "$")
                )
        if problems:
            raise WireError(problems)
        return FrozenMap(result)

    def unstructure(value: Mapping[Any, Any]) -> dict[str, Any]:
        return {
            write_key(key): converter.unstructure(item, value_type) for key, item in value.items()
        }

    return structure, unstructure


# --- Lists: JSON arrays read into tuples ---


def is_tuple(kind: Any) -> bool:
    """Whether ``kind`` is ``tuple[X, ...]`` (the type of every collection field)."""
    return typing.get_origin(kind) is tuple


def _tuple_hook(converter: JsonConverter, kind: Any) -> Callable[[Any, Any], Any]:
    element = typing.get_args(kind)[0]
    read = converter.get_structure_hook(element)

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        # Only a JSON array is a list: cattrs would also iterate a string or an object.
        if type(value) is not list:
            raise WireError.one(f"expected a list, got {json_type(value)}", SHAPE)
        try:
            return tuple([read(item, element) for item in value])
        except Exception:  # read again, one by one, to report every problem
            problems: list[tuple[str, str, str]] = []
            for index, item in enumerate(value):
                try:
                    read(item, element)
                except Exception as error:  # problems_of re-raises the unexpected
                    problems.extend(
                        (f"[{index}]{problem.path[1:]}", problem.message, problem.category)
                        for problem in problems_of(error, "$")
                    )
            raise WireError(problems) from None

    return structure


# --- Sets: JSON arrays of distinct values, read into frozensets ---


def is_frozenset(kind: Any) -> bool:
    """Whether ``kind`` is ``frozenset[X]`` (a set of answers, say)."""
    return typing.get_origin(kind) is frozenset


def _set_hooks(
    converter: JsonConverter, kind: Any
) -> tuple[Callable[[Any, Any], Any], Callable[[Any], Any]]:
    element = typing.get_args(kind)[0]
    read_list = _tuple_hook(converter, tuple[element, ...])  # type: ignore[valid-type]

    def structure(value: Any, _: Any) -> frozenset[Any]:
        items = read_list(value, None)
        problems = [
            (
                f"[{index}]",
                f"expected each value once, got the value of [{items.index(item)}] again",
                RANGE,
            )
            for index, item in enumerate(items)
            if item in items[:index]
        ]
        if problems:
            raise WireError(problems)
        return frozenset(items)

    def unstructure(value: frozenset[Any]) -> list[Any]:
        # Sorted, so that equal sets are written alike.
        return sorted(converter.unstructure(item, element) for item in value)

    return structure, unstructure


# --- Values written in another layout: a policy nested in a decision, say ---


@attrs.frozen
class Layout:
    """How a class is written: as ``shape``, turned to and from it by two functions.

    Both are given the converter's :class:`Defaults`, for a layout that leaves out
    what the shipped reference data holds. ``from_shape`` raises
    :class:`WireError` or a library error for rules across fields that the shape
    cannot express.
    """

    shape: type
    to_shape: Callable[[Any, Defaults], Any]
    from_shape: Callable[[Any, Defaults], Any]


def relative(error: BaseException, cls: type) -> WireError:
    """An error raised while building ``cls`` from a shape, as problems relative to its value."""
    return WireError(
        [
            (problem.path[1:], problem.message, problem.category)
            for problem in problems_of(error, "$", cls)
        ]
    )


# --- The converter ---


def make_wire_converter(
    rules: WireRules, layouts: Mapping[type, Layout], defaults: Defaults
) -> JsonConverter:
    """Build the library's converter, on ``cattrs.preconf.json``.

    Args:
        rules: The wire rules of every format, merged.
        layouts: Classes written in another layout, wherever they appear.
        defaults: The shipped reference data the layouts fall back on.

    Returns:
        A converter that refuses unknown keys and collects every problem.
    """
    converter = make_converter(forbid_extra_keys=True, detailed_validation=True)

    def scalar_structure(kind: Any) -> Callable[[Any, Any], Any]:
        scalar = scalar_for(kind)
        assert scalar is not None
        return scalar.structure

    def scalar_unstructure(kind: Any) -> Callable[[Any], Any]:
        scalar = scalar_for(kind)
        assert scalar is not None
        return scalar.unstructure

    # Scalars are registered directly, because direct hooks take precedence over the
    # preconfigured ones (for dates, say); enumerations through a factory.
    for kind, scalar in SCALARS.items():
        converter.register_structure_hook(kind, scalar.structure)
        converter.register_structure_hook(kind | None, _optional(scalar.structure))
        converter.register_unstructure_hook(kind, scalar.unstructure)
    # Optional text is the commonest optional field (comments, roles, references):
    # one check instead of two calls keeps reading documents fast.
    converter.register_structure_hook(str | None, _optional_string)
    is_enum = lambda kind: isinstance(kind, type) and issubclass(kind, enum.Enum)  # noqa: E731
    converter.register_structure_hook_factory(is_enum, scalar_structure)
    converter.register_unstructure_hook_factory(is_enum, scalar_unstructure)
    converter.register_structure_hook_factory(
        is_mapping, lambda kind: _mapping_hooks(converter, kind)[0]
    )
    converter.register_unstructure_hook_factory(
        is_mapping, lambda kind: _mapping_hooks(converter, kind)[1]
    )

    converter.register_structure_hook_factory(
        is_frozenset, lambda kind: _set_hooks(converter, kind)[0]
    )
    converter.register_unstructure_hook_factory(
        is_frozenset, lambda kind: _set_hooks(converter, kind)[1]
    )
    tags = rules.tags
    is_union = lambda kind: kind in rules.unions  # noqa: E731
    converter.register_structure_hook_factory(
        is_union, lambda kind: _union_hooks(converter, kind, tags)[0]
    )
    converter.register_unstructure_hook_factory(
        is_union, lambda kind: _union_hooks(converter, kind, tags)[1]
    )

    def record_structure(cls: type) -> Callable[[Any, Any], Any]:
        overrides: dict[str, Any] = {}
        retyped = rules.types.get(cls, _NONE)
        for name, kind, _ in record_fields(cls, rules):
            rule = rules.rule(cls, name)
            if rule is not None and rule.check is not None:
                overrides[name] = override(struct_hook=rule.check)
            elif name in retyped:
                overrides[name] = override(struct_hook=converter.get_structure_hook(kind))
        # Valid documents are the common case, so each record is first read by a function
        # that stops at the first problem; only if it fails is it read again by the
        # converter's detailed function, which collects every problem.
        fast = _record_structure_fn(cls, converter, False, overrides)
        detailed = _record_structure_fn(cls, converter, True, overrides)
        tag = tags.get(cls)
        fast_read = rules.fast_readers.get(cls)

        def structure(value: Any, kind: Any) -> Any:
            if type(value) is not dict:
                raise WireError.one(f"expected an object, got {json_type(value)}", SHAPE)
            if tag is not None:
                return _tagged(value, kind)
            if fast_read is not None:
                built = fast_read(value)
                if built is not None:
                    return built
            try:
                return fast(value, kind)
            except Exception:
                return detailed(value, kind)

        def _tagged(value: dict[str, Any], kind: Any) -> Any:
            fields = dict(value)
            found = fields.pop("kind", None)
            if found == tag and type(found) is str:
                try:
                    return fast(fields, kind)
                except Exception:
                    return detailed(fields, kind)
            problems = [
                (".kind", "required key missing", SHAPE)
                if "kind" not in value
                else (
                    ".kind",
                    f"expected {json.dumps(tag)}, got {describe(found)}",
                    RANGE if type(found) is str else SHAPE,
                )
            ]
            try:
                detailed(fields, kind)
            except Exception as error:  # problems_of re-raises the unexpected
                problems += relative(error, cls).problems
            raise WireError(problems)

        return structure

    def record_unstructure(cls: type) -> Callable[[Any], Any]:
        if not attrs.has(cls):
            return namedtuple_dict_unstructure_factory(cls, converter)
        retyped = rules.types.get(cls, _NONE)
        omitted = rules.omitted.get(cls, frozenset())
        overrides: dict[str, Any] = {
            name: override(
                omit_if_default=name in omitted or None,
                unstruct_hook=converter.get_unstructure_hook(kind) if name in retyped else None,
            )
            for name, kind, _ in record_fields(cls, rules)
            if name in retyped or name in omitted
        }
        write = make_dict_unstructure_fn(cls, converter, **overrides)
        tag = tags.get(cls)
        if tag is None:
            return write
        # As in policy files, a rule leaves out a parameter that is None by default.
        optional = [field.name for field in attrs.fields(cls) if field.default is None]

        def tagged(value: Any) -> dict[str, Any]:
            written = write(value)
            for name in optional:
                if written[name] is None:
                    del written[name]
            return {"kind": tag, **written}

        return tagged

    converter.register_structure_hook_factory(is_tuple, lambda kind: _tuple_hook(converter, kind))
    converter.register_structure_hook_factory(is_record, record_structure)
    converter.register_unstructure_hook_factory(is_record, record_unstructure)
    for cls, layout in layouts.items():
        converter.register_structure_hook(cls, _layout_structure(converter, layout, defaults))
        converter.register_unstructure_hook(cls, _layout_unstructure(converter, layout, defaults))
    # Registered last, so that each takes the place of its class's generic writer.
    for cls, build in rules.fast_writers.items():
        converter.register_unstructure_hook(cls, build(converter))
    return converter


def _layout_unstructure(
    converter: JsonConverter, layout: Layout, defaults: Defaults
) -> Callable[[Any], Any]:
    def unstructure(value: Any) -> Any:
        return converter.unstructure(layout.to_shape(value, defaults), layout.shape)

    return unstructure


def _layout_structure(
    converter: JsonConverter, layout: Layout, defaults: Defaults
) -> Callable[[Any, Any], Any]:
    shape = layout.shape
    readers: list[Callable[[Any, Any], Any]] = []

    def structure(value: Any, _: Any) -> Any:
        if not readers:
            # Looked up on first use, when every hook is registered: a layout may
            # hold a value of its own class (a decision holds the one it overrode).
            readers.append(converter.get_structure_hook(shape))
        built = readers[0](value, shape)
        try:
            return layout.from_shape(built, defaults)
        except (WireError, NeglectProtocolError) as error:
            raise relative(error, shape) from None

    return structure


def _record_structure_fn(
    cls: type, converter: JsonConverter, detailed: bool, overrides: dict[str, Any]
) -> Callable[[Any, Any], Any]:
    if attrs.has(cls):
        return make_dict_structure_fn(
            cls, converter, _cattrs_detailed_validation=detailed, **overrides
        )
    return namedtuple_dict_structure_factory(cls, converter, detailed, True, True, **overrides)


# --- From cattrs' exception groups to path-named problems ---


def problems_of(error: BaseException, path: str, cls: type | None = None) -> list[DocumentProblem]:
    """Flatten an error raised while structuring into path-named problems.

    Args:
        error: What the converter raised: a cattrs exception group, an
            :class:`WireError` from a hook, or a library error from a constructor.
        path: Where the value being structured sits in the document.
        cls: The class being constructed, when ``error`` came from its constructor.

    Returns:
        The problems, in document order.

    Raises:
        BaseException: ``error`` itself, if it is none of those (a bug, not bad data).
    """
    if isinstance(error, ClassValidationError):
        named, plain = error.group_exceptions()
        problems = []
        for sub, note in named:
            if isinstance(sub, KeyError):
                problems.append(
                    DocumentProblem(f"{path}.{note.name}", "required key missing", SHAPE)
                )
            else:
                problems.extend(problems_of(sub, f"{path}.{note.name}"))
        return problems + [problem for sub in plain for problem in problems_of(sub, path, error.cl)]
    if isinstance(error, ForbiddenExtraKeysError):
        expected = ", ".join(name for name, _, _ in record_fields(error.cl))
        return [
            DocumentProblem(
                path + key_segment(key), f"unknown key; expected only {expected}", SHAPE
            )
            for key in sorted(error.extra_fields, key=str)
        ]
    if isinstance(error, WireError):
        return [
            DocumentProblem(path + relative, message, category)
            for relative, message, category in error.problems
        ]
    if isinstance(error, NeglectProtocolError) and cls is not None:
        return _model_problems(error, path, cls)
    raise error  # pragma: no cover - only a bug gets here; the robustness tests hunt for one


_FIRST_SEGMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def split_location(error: NeglectProtocolError) -> tuple[str, str]:
    """A model error's first location and its message without it."""
    if isinstance(error, InputError):
        first = error.problems[0]
        return first.path, first.message
    return "", str(error)


def _model_problems(error: NeglectProtocolError, path: str, cls: type) -> list[DocumentProblem]:
    """Place an error from a model constructor: each problem under the field it names."""
    found = (
        [(problem.path, problem.message) for problem in error.problems]
        if isinstance(error, InputError)
        else [("", str(error))]
    )
    names = {name for name, _, _ in record_fields(cls)}
    problems = []
    for relative, message in found:
        # A model that names its fields from the value's own root ("$.owner") is placed
        # as one that names them bare ("owner").
        relative = relative[1:].lstrip(".") if relative.startswith("$") else relative
        first = _FIRST_SEGMENT.match(relative)
        if first is not None and first.group() in names:
            problems.append(DocumentProblem(f"{path}.{relative}", message, RULE))
        else:
            problems.append(DocumentProblem(path, message, RULE))
    return problems

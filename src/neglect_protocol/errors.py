"""The exceptions raised by :mod:`neglect_protocol`.

Every exception the library raises on purpose derives from
:class:`NeglectProtocolError`, so a host system can catch them all in one place.
Each leaf also derives from the closest builtin (:class:`ValueError` or
:class:`LookupError`), so existing ``except ValueError`` handlers keep working.

Messages say what was expected, what was received and where. They never repeat
free-text evidence or carers' comments: those are personal data about a child.

>>> from neglect_protocol import Grade
>>> from neglect_protocol.errors import InvalidGradeError
>>> try:
...     Grade(7)
... except InvalidGradeError as error:
...     print(error)
grade: expected an integer from 1 to 5, got 7
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

__all__ = [
    "AgeBandError",
    "AssessmentError",
    "CatalogueError",
    "DocumentError",
    "DocumentProblem",
    "DuplicateCodeError",
    "EmptyGradesError",
    "InstrumentError",
    "InvalidArgumentError",
    "InvalidGradeError",
    "NeglectProtocolError",
    "ObservationWindowError",
    "SchemaVersionError",
    "UnknownCodeError",
    "UnsupportedTypeError",
]


def __dir__() -> list[str]:
    return __all__


class NeglectProtocolError(Exception):
    """The root of every error raised on purpose by :mod:`neglect_protocol`."""


class InvalidGradeError(NeglectProtocolError, ValueError):
    """A value was offered as a GCP2 grade but is not an integer from 1 to 5.

    Attributes:
        value: The rejected value (grades are never free text, so it is kept).
        field: Where the value was found, for example ``"grade"`` or
            ``"ratings[3].grade"``.
    """

    def __init__(self, value: object, *, field: str = "grade") -> None:
        self.value = value
        self.field = field
        super().__init__(f"{field}: expected an integer from 1 to 5, got {value!r}")


class EmptyGradesError(NeglectProtocolError, ValueError):
    """A roll-up rule was given no grades to combine.

    Attributes:
        rule: The name of the rule that was called.
    """

    def __init__(self, rule: str) -> None:
        self.rule = rule
        super().__init__(
            f"rule {rule!r}: expected at least one grade to combine, got an empty sequence"
        )


class UnknownCodeError(NeglectProtocolError, LookupError):
    """A code is not an area, sub-area or item of the catalogue in use.

    Attributes:
        code: The code that was looked up.
        catalogue: The name of the catalogue it was looked up in.
        suggestions: The nearest valid codes, best first (may be empty).
        field: Where the code was found, if it came from a document or an
            assessment (for example ``"ratings[2].code"``); empty otherwise.
    """

    def __init__(
        self,
        code: object,
        *,
        catalogue: str,
        suggestions: Sequence[str] = (),
        field: str = "",
    ) -> None:
        self.code = code
        self.catalogue = catalogue
        self.suggestions = tuple(suggestions)
        self.field = field
        where = f"{field}: " if field else ""
        hint = f"; nearest valid codes: {', '.join(self.suggestions)}" if self.suggestions else ""
        super().__init__(f"{where}expected a code of catalogue {catalogue!r}, got {code!r}{hint}")

    def __str__(self) -> str:
        # LookupError subclasses such as KeyError quote their message; ours is a sentence.
        return str(self.args[0])


class CatalogueError(NeglectProtocolError, ValueError):
    """A catalogue (built in code or loaded from a file) breaks a structural rule.

    Attributes:
        path: Where the problem is, as a ``$``-rooted path into the document
            (``$.items[3].code``) or the code concerned.
        problem: What is wrong, as a sentence fragment.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class DuplicateCodeError(NeglectProtocolError, ValueError):
    """A code appears twice where it must be unique (a catalogue, or an assessment's ratings).

    Attributes:
        path: Where the second occurrence is (``items[4].code``, ``ratings[2].code``).
        code: The repeated code.
    """

    def __init__(self, path: str, code: str, *, what: str = "code") -> None:
        self.path = path
        self.code = code
        super().__init__(f"{path}: expected each {what} once, got {code!r} again")


class AssessmentError(NeglectProtocolError, ValueError):
    """An assessment is not valid on its own or against its catalogue.

    Attributes:
        field: The part of the assessment at fault (``"ratings[2]"``, ``"child"``).
        problem: What is wrong, as a sentence fragment.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class ObservationWindowError(AssessmentError):
    """An observation window ends before it starts.

    Attributes:
        start: The first day of the window.
        end: The last day of the window.
    """

    def __init__(self, start: object, end: object) -> None:
        self.start = start
        self.end = end
        super().__init__(
            "window",
            f"expected an end on or after the start {start!r}, got end {end!r}",
        )


class AgeBandError(AssessmentError):
    """An item is rated for a child whose age lies outside the item's age bands.

    Attributes:
        code: The item code.
        age_months: The child's age in completed months at the start of the window
            (``None`` for a child not yet born).
    """

    def __init__(self, field: str, code: str, age_months: int | None, bands: str) -> None:
        self.code = code
        self.age_months = age_months
        child = "an unborn child" if age_months is None else f"a child aged {age_months} months"
        super().__init__(field, f"item {code!r} applies to ages {bands}, got {child}")


class InstrumentError(AssessmentError):
    """The instrument does not fit the child (GCP2 for an unborn child, say) or the catalogue.

    Attributes:
        instrument: The instrument named by the assessment.
    """

    def __init__(self, field: str, instrument: str, problem: str) -> None:
        self.instrument = instrument
        super().__init__(field, problem)


class DocumentProblem(NamedTuple):
    """One problem found in a document, as :class:`DocumentError` lists them.

    Attributes:
        path: Where the problem is, as a ``$``-rooted path (``$.ratings[0].grade``).
        message: What was expected and what was received; never the text of a
            free-text field.
        category: ``"syntax"`` (not JSON at all), ``"version"`` (the document's
            ``kind`` or ``schema_version``), ``"shape"`` (a missing or unknown key,
            or a value of the wrong JSON type), ``"range"`` (a value of the right
            type outside what is allowed, such as a grade of 7) or ``"rule"`` (a rule
            across fields, such as a window that ends before it starts).
    """

    path: str
    message: str
    category: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DocumentError(NeglectProtocolError, ValueError):
    """A document could not be read: every problem found is listed, one per line.

    The message is the problems as ``path: message`` lines. Values of free-text
    fields (evidence, comments) are never repeated: a problem names only their type.

    Attributes:
        problems: Every problem found, in document order.
        kind: The kind of document being read (``"assessment"``), if known.
    """

    def __init__(self, problems: Sequence[DocumentProblem], *, kind: str | None = None) -> None:
        self.problems = tuple(problems)
        self.kind = kind
        super().__init__("\n".join(str(problem) for problem in self.problems))


class SchemaVersionError(DocumentError):
    """A document's ``schema_version`` is missing, newer than this release, or unknown.

    Attributes:
        version: The version the document gave (``None`` if it gave none).
        supported: The versions this release reads, oldest first.
    """

    def __init__(
        self, problem: DocumentProblem, *, kind: str, version: object, supported: Sequence[int]
    ) -> None:
        self.version = version
        self.supported = tuple(supported)
        super().__init__([problem], kind=kind)


class UnsupportedTypeError(NeglectProtocolError, TypeError):
    """A value or type was passed for serialisation that the library does not serialise.

    Attributes:
        type_name: The name of the type.
    """

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name
        super().__init__(
            f"expected one of neglect_protocol's public value types, got type {type_name!r}"
        )


class InvalidArgumentError(NeglectProtocolError, ValueError):
    """An argument to a function is outside what it accepts (a table layout, a plot's series).

    Attributes:
        argument: The name of the argument.
        problem: What was expected and what was received.
    """

    def __init__(self, argument: str, problem: str) -> None:
        self.argument = argument
        self.problem = problem
        super().__init__(f"{argument}: {problem}")

"""The exceptions raised by :mod:`neglect_protocol`.

Every exception the library raises on purpose derives from
:class:`NeglectProtocolError`, so a host system can catch them all in one place.
Each leaf also derives from the closest builtin (:class:`ValueError` or
:class:`LookupError`), so existing ``except ValueError`` handlers keep working.

There is a class for each thing a caller would do differently, not one per
message: :class:`AssessmentError` (fix this child's record),
:class:`PolicyError` (fix the partnership's reference data),
:class:`AssuranceError` (fix the assurance data), :class:`DocumentError` (fix
the file), :class:`UnknownCodeError` (offer the nearest code),
:class:`InvalidGradeError` (a grade that is not 1 to 5),
:class:`StatisticsError` and :class:`SuppressedValueError` for figures,
:class:`InvalidArgumentError` for a call the code got wrong, and
:class:`OutputExistsError` before a file is replaced. Every input error
(:class:`InputError`) lists its ``problems``, each a ``$``-rooted path and a
message; where in the data a problem is goes in the path, not in the class.

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

import enum
import numbers
import os
import re
from collections.abc import Sequence
from typing import NamedTuple

__all__ = [
    "AssessmentError",
    "AssuranceError",
    "DocumentError",
    "DocumentProblem",
    "InputError",
    "InvalidArgumentError",
    "InvalidGradeError",
    "NeglectProtocolError",
    "OutputExistsError",
    "PolicyError",
    "SchemaVersionError",
    "StatisticsError",
    "SuppressedValueError",
    "UnknownCodeError",
    "UnsupportedTypeError",
    "safe_repr",
]


def __dir__() -> list[str]:
    return __all__


# Strings shaped like a code (a census assessment factor such as ``16A`` too), a grade,
# a number, a pseudonymous reference (``C-0100``: it starts with letters, so a date, a
# phone or an NHS number is never one) or a
# lower-case identifier (a document kind, a rule's name, an answer such as
# ``applies``, a version such as ``example-2``) are echoed in messages; anything else
# might be free text (evidence typed into the wrong column, a child's name: names are
# capitalised, evidence has spaces) and is described by its length only.
_ECHOABLE = re.compile(
    r"[A-Z]{1,5}|[A-Z]{1,5}[0-9]{1,3}[A-Za-z]{0,3}|[0-9]{1,2}[A-Z]|-?[0-9]{1,6}(\.[0-9]{1,6})?"
    r"|[A-Z]{1,12}(-[A-Z0-9]{1,12}){1,4}"
    r"|[a-z][a-z0-9]{0,23}([_-][a-z0-9]{1,24}){0,5}"
)

# A short list of echoable values is shown whole; a longer one is only counted.
_LONGEST_SHOWN_LIST = 8


def safe_repr(value: object) -> str:
    """Show ``value`` in a message without leaking free text: the library's one echo rule.

    Numbers (exact ones too: ``Fraction(1, 3)``), ``None``, booleans, blank strings
    and short code-like strings (``'A1a'``, ``'GCP2A'``, ``'3'``, ``'applies'``,
    ``'area_at_or_above'``) are shown with ``repr``; any other string becomes ``a str
    of N characters``. A short list, tuple or set of such values is shown whole; an
    empty one is called empty; any other object is named by its type. Every message
    built from received input or configuration goes through this function.

    >>> from neglect_protocol.errors import safe_repr
    >>> safe_repr("A1a"), safe_repr(7), safe_repr("Invented: left alone at night")
    ("'A1a'", '7', 'a str of 29 characters')
    >>> safe_repr([]), safe_repr(["Invented: left alone at night"]), safe_repr(["extra"])
    ('an empty list', 'a list of 1 item', "['extra']")
    """
    if value is None or isinstance(value, (bool, numbers.Number)):
        return repr(value)
    if isinstance(value, enum.Enum):
        # A member of one of the library's enumerations is code, never data.
        return repr(value.value)
    if isinstance(value, str):
        if not value.strip() or _ECHOABLE.fullmatch(value):
            return repr(value)
        return f"a str of {len(value)} character{'' if len(value) == 1 else 's'}"
    if isinstance(value, list | tuple | dict | set | frozenset):
        if not value:
            return f"an empty {type(value).__name__}"
        if (
            not isinstance(value, dict)
            and len(value) <= _LONGEST_SHOWN_LIST
            and all(_is_echoed(member) for member in value)
        ):
            return repr(value if isinstance(value, list | tuple) else sorted(value, key=repr))
        count = len(value)
        return f"a {type(value).__name__} of {count} item{'' if count == 1 else 's'}"
    return f"a {type(value).__name__}"


def _is_echoed(value: object) -> bool:
    """Whether :func:`safe_repr` shows a scalar ``value`` itself."""
    if value is None or isinstance(value, (bool, numbers.Number, enum.Enum)):
        return True
    return isinstance(value, str) and (not value.strip() or bool(_ECHOABLE.fullmatch(value)))


def _nearest(value: object, choices: Sequence[str]) -> str:
    """A hint naming the valid choice nearest a mistyped one (valid choices are never free text)."""
    if not isinstance(value, str) or not choices:
        return ""
    import difflib  # Only a mistake needs it: importing the package stays cheap.

    close = difflib.get_close_matches(value, choices, n=1)
    return f"; nearest: {safe_repr(close[0])}" if close else ""


class NeglectProtocolError(Exception):
    """The root of every error raised on purpose by :mod:`neglect_protocol`."""


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
    category: str = "rule"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(NeglectProtocolError):
    """The shape of every error about input data: each problem found, at its path.

    The leaves below add the builtin base a caller may already catch
    (:class:`ValueError` or :class:`LookupError`) and a docstring; they are told
    apart by what went wrong, not by how they are built.

    Args:
        path: Where the one problem is (``"ratings[2].grade"``, ``"$.rules[0]"``),
            for an error with a single problem.
        message: What was expected and what was received, for a single problem.
        problems: Every problem found, instead of ``path`` and ``message``.

    Attributes:
        problems: Every problem found, in the order found.
        path: Where the first problem is.
    """

    def __init__(
        self,
        path: str = "",
        message: str = "",
        *,
        problems: Sequence[DocumentProblem] = (),
    ) -> None:
        self.problems = tuple(problems) or (DocumentProblem(path, message, "rule"),)
        self.path = self.problems[0].path
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __str__(self) -> str:
        # LookupError subclasses such as KeyError quote their message; ours is a sentence.
        return "\n".join(str(problem) for problem in self.problems)


class InvalidGradeError(InputError, ValueError):
    """A value was offered as a GCP2 grade but is not an integer from 1 to 5.

    Grades are what a host system most often converts from its own data (a
    spreadsheet cell, a form field), one at a time: a caller catches this class to
    mark that value, and keeps :attr:`value` to show it back to whoever typed it.

    Attributes:
        value: The rejected value (kept on the error for the caller; the message
            shows it only if it cannot be free text, see :func:`safe_repr`).
        path: Where the value was found, for example ``"grade"`` or
            ``"ratings[3].grade"``.
    """

    def __init__(self, value: object, *, field: str = "grade") -> None:
        self.value = value
        super().__init__(field, f"expected an integer from 1 to 5, got {safe_repr(value)}")


class UnknownCodeError(InputError, LookupError):
    """A code is not among those of the list in use.

    The list is a catalogue's areas, sub-areas and items, a screening checklist's
    signs and domains, an audit scale's judgements or a survey's questions. A
    caller catches this class to offer :attr:`suggestions`, whichever list the code
    was looked up in; as a :class:`LookupError` it is caught where a missing key
    would be.

    Attributes:
        code: The code that was looked up.
        catalogue: The name of the list it was looked up in (a catalogue,
            checklist, scale or survey).
        suggestions: The nearest valid codes, best first (may be empty).
        path: Where the code was found, if it came from a document or an
            assessment (for example ``"ratings[2].code"``); empty otherwise.
    """

    def __init__(
        self,
        code: object,
        *,
        catalogue: str,
        suggestions: Sequence[str] = (),
        field: str = "",
        what: str = "a code of catalogue",
        choices: Sequence[str] = (),
        show_choices: bool = False,
    ) -> None:
        self.code = code
        self.catalogue = catalogue
        self.suggestions = tuple(suggestions)
        # The choices are configured text: each is shown by the echo rule too.
        listing = f" ({', '.join(safe_repr(c) for c in choices)})" if show_choices else ""
        hint = (
            f"; nearest valid codes: {', '.join(self.suggestions)}"
            if self.suggestions
            else _nearest(code, choices)
        )
        super().__init__(
            field,
            f"expected {what} {safe_repr(catalogue)}{listing}, got {safe_repr(code)}{hint}",
        )


class AssessmentError(InputError, ValueError):
    """One child's case record is not valid on its own or against its catalogue.

    An assessment with an observation window that ends before it starts, a code
    rated twice, an item rated for a child outside its age bands, or an instrument
    that does not fit the child (GCP2 for an unborn child) or the catalogue. What is
    built from assessments: a profile whose entries are inconsistent, a history or
    chronology that is not one child's profiles in date order. A decision about the
    child that contradicts itself (a level its policy lacks, or not the highest of
    its reasons' levels unless an override says why), or an override without a
    rationale. A completed screening with a sign answered twice, an answer off the
    list or an answer of *applies* without evidence (described, never repeated).

    Each of these is the same child's record, typed or chosen by a practitioner: a
    caller does the same thing with any of them that is wrong, refuse that record
    and show its problems. Telling them apart by class would add ``except`` clauses
    with the same body, so they share this one; ``path`` says which part is at
    fault. A fault in the partnership's configuration (a catalogue, a checklist, a
    policy) is a :class:`PolicyError` instead, so a caller can tell "fix this
    record" from "fix the configuration".

    Attributes:
        path: The part at fault (``"ratings[2]"``, ``"child"``, ``"sub_areas[3]"``,
            ``"history[1]"``, ``"answers[4].sign"``).
    """


class StatisticsError(InputError, ValueError):
    """A statistic was asked for with an argument it cannot use.

    A count that is not a whole number, is negative, is zero where a base is
    needed or exceeds its total; a confidence level not strictly between 0 and 1;
    a negative number of decimal places; an unknown weighting; grades to compare
    or a moderation set that give nothing to agree on.

    An analyst catches this class to leave one figure out of a table and go on:
    the counts or grades cannot give that statistic, whichever data they came
    from.

    Attributes:
        path: The argument at fault (``"ndigits"``, ``"weights"``, ``"a[3]"``).
    """


class SuppressedValueError(InputError, ValueError):
    """A value hidden by disclosure control was asked for as a share or a phrase.

    The message names where the value is and the policy that hides it, never the
    value itself. A caller catches this class to print the policy's symbol in
    place of the figure: nothing is wrong with the data.

    Attributes:
        path: Which value was asked for (``"positive"``, ``"cells[2][0]"``).
        policy: The name of the disclosure policy that suppresses it.
    """

    def __init__(self, field: str, policy: str) -> None:
        self.policy = policy
        super().__init__(
            field,
            f"expected a value policy {safe_repr(policy)} publishes"
            f", got one it suppresses; "
            "a suppressed value is never phrased or turned into a share",
        )


class AssuranceError(InputError, ValueError):
    """The partnership's assurance data hold something invalid.

    The data a partnership gathers to see how its neglect work goes, and builds its
    assurance report from: case-file audits with their comments, an audit tool and
    its criteria, an action plan and its actions, a survey with its questions and
    responses, cohort records with their census codes and the census lists they
    are checked against, implementation figures, a key indicator's case histories,
    and what they are summarised with. An auditor's comment, an action's
    evidence of impact or an answer off its question's scale may be free text about
    a child or typed by a respondent: a message names only its type and length.

    An analyst or a report pipeline catches this class to send the data back to
    whoever collected them; whether an audit, an action plan, a survey or a cohort
    is at fault is in ``path``, not in the class. The scale the audits are judged
    on is configuration (a :class:`PolicyError`), and a statistic asked for with
    an argument it cannot use a :class:`StatisticsError`. A census list (and the
    local policy on codes that cannot apply to an unborn child) is checked with
    the same code checks as the records it checks, so a code of the wrong shape
    is this error in either.

    Attributes:
        path: Where the problem is (``"audits[2].team"``, ``"grades['C9']"``,
            ``"$.recommendations[0].actions[1].owner"``, ``"responses[4].group"``,
            ``"records[7].level_of_need"``).
    """


class PolicyError(InputError, ValueError):
    """The partnership's reference data, built in code, break a rule.

    Reference data are what a partnership sets once and every record is read
    against: a catalogue (a code that appears twice, an item under an unknown
    sub-area, an age band that does not parse), a screening checklist (no signs, a
    repeated sign code, a sign in a domain it lacks), a threshold or screening
    policy (a rule naming a level the policy lacks, a grade outside 1 to 5, a code
    the catalogue lacks), an audit judgement scale (fewer than two judgements,
    ranks out of order) and a disclosure policy. Each is checked when it is built,
    never first when it is used. A rule or modifier that returns something other
    than ``None`` or a reason at one of the policy's levels is refused when it
    runs, with the rule named in the path (``rule 'my_rule'``).

    The same person fixes all of these, by changing the configuration, and no
    record can be judged until they do: a caller catches this class apart from
    :class:`AssessmentError` ("fix this child's record") and
    :class:`AssuranceError` ("fix these figures") to say "fix the configuration".
    A reference file that cannot be read raises :class:`DocumentError` instead,
    listing every problem at its ``$`` path.

    Attributes:
        path: Where the problem is, in the value built in code (``items[3].code``,
            ``rules[3].level``, ``signs[0].domain``) or the rule that misbehaved.
    """


class DocumentError(InputError, ValueError):
    """A document could not be read: every problem found is listed, one per line.

    The message is the problems as ``path: message`` lines. Values of free-text
    fields (evidence, comments) are never repeated: a problem names only their type.
    A caller catches this class to send the file back whole, whatever it holds (an
    assessment, a catalogue, a policy): every problem is at its ``$`` path.

    Attributes:
        problems: Every problem found, in document order.
        kind: The kind of document being read (``"assessment"``), if known.
    """

    def __init__(self, problems: Sequence[DocumentProblem], *, kind: str | None = None) -> None:
        self.kind = kind
        super().__init__(problems=problems)


class SchemaVersionError(DocumentError):
    """A document's ``schema_version`` is missing, newer than this release, or unknown.

    A caller catches this class apart from other :class:`DocumentError` to say
    "upgrade the library" (or the sender's) rather than "fix the file".

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

    A mistake in the calling code, not in any data: a :class:`TypeError`, not an
    input error.

    Attributes:
        type_name: The name of the type.
    """

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name
        super().__init__(
            f"expected one of neglect_protocol's public value types"
            f", got type {type_name}"  # a name from code, never data
        )


class InvalidArgumentError(InputError, ValueError):
    """An argument to a function is outside what it accepts.

    A table layout or a plot's series it does not know, a roll-up rule given no
    grades to combine, a report file name that is not a plain name. The calling
    code (or the command line's user) chose the argument, not the data, so it is
    fixed where the call is written (the command line reports a bad ``--stem`` as
    a usage mistake).

    Attributes:
        path: The name of the argument (``"layout"``, ``"stem"``).
    """


class OutputExistsError(NeglectProtocolError, FileExistsError):
    """A file would be written where something already is: nothing was written.

    Raised before any file is written when a destination exists and replacing was not
    asked for, or is a symbolic link or not a regular file (never replaced, even when
    asked). A caller that wants to ask "replace it?" catches this class; as a
    :class:`FileExistsError` it is also an :class:`OSError`.

    Attributes:
        path: The destination at fault.
        problem: What is there (``"already exists"``, ``"is a symbolic link"``).
        replaceable: Whether asking to replace existing files would have written it.
    """

    def __init__(self, path: str | os.PathLike[str], problem: str, *, replaceable: bool) -> None:
        self.path = path
        self.problem = problem
        self.replaceable = replaceable
        advice = "; pass force=True to replace it" if replaceable else ""
        # The operator chose this name (the folder and --stem); it is not data about a child.
        name = os.path.basename(os.fspath(path))
        super().__init__(f"'{name}': {problem}{advice}")

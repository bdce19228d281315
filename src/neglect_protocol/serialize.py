"""Lossless JSON for every public value type, with versioned documents and JSON Schema.

Assessments, catalogues and profiles are *documents*: their JSON objects carry a
``kind`` and a ``schema_version``, and a document of an older version is migrated
when read. Every other public value type (a rating, a child, a grade) is a *part*,
written as plain JSON without them. Dates are ISO 8601 strings, grades are integers
and enumerations are their codes.

Reading is strict: unknown keys are refused (nothing the sender wrote is silently
dropped), and every problem is reported at once in a single
:class:`~neglect_protocol.errors.DocumentError`, one ``path: message`` line each,
without repeating any free text.

>>> import datetime as dt
>>> from neglect_protocol import Assessment, ChildRef, ObservationWindow, Rating
>>> from neglect_protocol.serialize import from_json, to_json
>>> assessment = Assessment(
...     ChildRef("C-0001", date_of_birth=dt.date(2019, 4, 2)),
...     ObservationWindow(dt.date(2024, 2, 5), dt.date(2024, 2, 23)),
...     (Rating("A1", 3, evidence="invented: meals irregular"),),
... )
>>> text = to_json(assessment)
>>> text[:50]
'{"kind": "assessment", "schema_version": 1, "child'
>>> from_json(Assessment, text) == assessment
True
>>> from_json(Assessment, text.replace('"grade": 3', '"grade": 7'))
Traceback (most recent call last):
...
neglect_protocol.errors.DocumentError: $.ratings[0].grade: expected an integer from 1 to 5, got 7
"""

from neglect_protocol._api import publish_exports
from neglect_protocol._boundary._documents import (
    DocumentType,
    document_type,
    document_types,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from neglect_protocol._boundary._schema import json_schema

__all__ = [
    "DocumentType",
    "document_type",
    "document_types",
    "from_dict",
    "from_json",
    "json_schema",
    "to_dict",
    "to_json",
]


publish_exports(globals())


def __dir__() -> list[str]:
    return __all__

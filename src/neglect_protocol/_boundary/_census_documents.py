"""The census code list document: plan categories or assessment factors of one collection year.

Schema version 1, ``kind = "census_code_list"``: ``code_list`` (``"plan_category"``
or ``"assessment_factor"``), ``source``, ``year`` and ``codes``, a list of tables
each with a ``code`` and a ``label``. The list is read by the one converter like
every other reference file; the rules of a list (each code once, of the list's
shape, at least one) are the model's, reported at ``$``-rooted paths.
"""

from __future__ import annotations

import attrs

from neglect_protocol._boundary._wire import (
    AT_LEAST_ONE,
    NONBLANK,
    Defaults,
    Layout,
    WireRules,
    described,
    matching,
)
from neglect_protocol._model._census import CensusCode, CensusCodeList, CodeListKind

PARTS = (CodeListKind, CensusCode)
"""The census value types written inside documents without an envelope."""


@attrs.frozen
class CensusCodeListDocument:
    """A census code list as its file lays it out.

    The list's kind is ``code_list``, since ``kind`` names the document kind.

    Attributes:
        code_list: Which list it is: ``"plan_category"`` or ``"assessment_factor"``.
        source: Where the list comes from (the DfE document and its year).
        year: The year the collection ends on 31 March (2023 for 2022 to 2023).
        codes: The codes, in the census's order, each once and of the list's shape.
    """

    code_list: CodeListKind
    source: str
    year: int
    codes: tuple[CensusCode, ...]


def _to_shape(codes: CensusCodeList, _: Defaults) -> CensusCodeListDocument:
    return CensusCodeListDocument(codes.kind, codes.source, codes.year, codes.codes)


def _from_shape(document: CensusCodeListDocument, _: Defaults) -> CensusCodeList:
    return CensusCodeList(document.code_list, document.source, document.year, document.codes)


RULES = WireRules(
    fields={
        CensusCode: {
            "code": matching(r"\S(?:.*\S)?", "a code without spaces around it"),
            "label": NONBLANK,
        },
        CensusCodeListDocument: {
            "source": NONBLANK,
            # The list checks its year itself (a year a census collection ends in: 2009 to 9999).
            "year": described({"minimum": 2009, "maximum": 9999}),
            "codes": AT_LEAST_ONE,
        },
    }
)
"""How the census code lists look on the wire beyond their annotations."""

CENSUS_CODE_LIST_LAYOUT = Layout(CensusCodeListDocument, _to_shape, _from_shape)

"""JSON Schema: it agrees with the converter (issue 5, part 3)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import share_of_examples
from mutation import REFUSED_SOMEWHERE, changes, fields, replaced, wrong_values
from neglect_protocol import Assessment, Grade, Rating
from neglect_protocol.errors import DocumentError, DocumentProblem
from neglect_protocol.serialize import (
    document_type,
    document_types,
    from_dict,
    json_schema,
    to_dict,
)
from neglect_protocol.strategies import register_type_strategies

DOCUMENTS = [entry.type for entry in document_types()]
GOLDEN = Path(__file__).resolve().parent / "golden"
MUST_REJECT = {"shape", "range", "version"}


@functools.cache
def validator(cls: type) -> Draft202012Validator:
    # Formats are asserted: a date like 2024-02-30 is refused by "format": "date".
    return Draft202012Validator(
        json_schema(cls), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def verdict(cls: type, data: Any) -> set[str] | None:
    """The converter's verdict: None if it reads ``data``, else the problems' categories."""
    refused = problems_of(cls, data)
    return None if refused is None else {problem.category for problem in refused}


def problems_of(cls: type, data: Any) -> list[DocumentProblem] | None:
    """The problems the converter finds in ``data``, or None if it reads it."""
    try:
        from_dict(cls, data)
    except DocumentError as error:
        return list(error.problems)
    return None


# Rules that refuse a value at its own path because of another field: the schema
# cannot say them, and the library alone checks them (see the schema module).
ACROSS_FIELDS = {
    ".end": "a window's end is on or after its start",
    ".max_count": "a disclosure policy's max_count is at least its min_count",
    ".target_grade": "a target is no worse than the current grade",
    ".date_of_birth": "a birth falls near the expected delivery date",
    ".good_or_better": "a judgement scale's threshold is one of its codes",
    ".inadequate": "a judgement scale's threshold is one of its codes",
    "responses[].group": "a response's group is one of its survey's",
    "responses[].answers": "a response answers its survey's questions on their scales",
    "audits[].grade": "an audit's grade is on the judgement scale",
    "rules[].level": "a rule's level is one of its policy's levels",
    "sub_areas[].area": "a profile's sub-area belongs to one of the profile's areas",
    ".source": "a profile entry has a source exactly when it has a grade",
    ".suggested": "a suggested grade is the entry's grade when that grade is suggested",
    ".discrepancy": "a discrepancy is flagged only on an entered grade",
    ".looked_after": "an unborn child (by the record's age band) is never looked after",
    "answers[].evidence": "an answer of 'applies' comes with evidence",
    "audit_criteria[].code": "a report's audit criterion is one judged in the period's audits",
    "questions[].positive": "a question's positive answers are answers of its scale",
    # A report's optional sections come with what they need, or not at all.
    ".key_indicator": "a key indicator's trend comes with its periods and case histories",
    ".trend_periods": "a key indicator's trend comes with its periods and case histories",
    ".case_histories": "a key indicator's trend comes with its periods and case histories",
    ".report_date": "an action plan in a report comes with the date of its progress",
    "modifiers[].level": "a modifier's level is one of its policy's levels",
    "levels[].number": "a policy's level numbers rise without repeats",
    # A policy's codes are checked against the catalogues (or checklist) in use,
    # which a partnership may replace: no fixed schema can list them.
    ".areas[]": "a rule's area codes are codes of the catalogues in use",
    ".codes[]": "a rule's codes are codes of the catalogues or checklist in use",
    ".domains[]": "a rule's domains are domains of the checklist in use",
}


def across_fields(path: tuple[str | int, ...]) -> bool:
    """Whether the field at ``path`` has a rule that looks at other fields too."""
    pattern = "".join(f".{step}" if isinstance(step, str) else "[]" for step in path)
    return any(pattern.endswith(suffix) or f"{suffix}." in pattern for suffix in ACROSS_FIELDS)


FRACTION = re.compile(r"[0-9]+/[0-9]+")


def known_difference(field: str | int, value: Any) -> bool:
    """Whether ``value`` at ``field`` is one the schema is known to let through.

    A share written as a fraction ``"n/d"`` is above 1 when ``n`` exceeds ``d``:
    comparing two numbers of any length is beyond a regular expression, so the
    schema accepts every fraction and the library refuses those above 1.
    """
    return (
        field == "inadequate_ceiling" and isinstance(value, str) and bool(FRACTION.fullmatch(value))
    )


class TestSchemas:
    @pytest.mark.parametrize("cls", [*DOCUMENTS, Rating, Grade], ids=lambda cls: cls.__name__)
    def test_schemas_are_valid_2020_12(self, cls: type) -> None:
        """Each schema is itself valid JSON Schema 2020-12, and names its dialect."""
        schema = json_schema(cls)
        Draft202012Validator.check_schema(schema)
        assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]

    def test_document_schema_header(self) -> None:
        """A document schema pins its kind and version and refuses unknown keys."""
        schema = json_schema(Assessment)
        assert "urn:neglect-protocol:assessment:1" == schema["$id"]
        assert "assessment" == schema["properties"]["kind"]["const"]
        assert 1 == schema["properties"]["schema_version"]["const"]
        assert ["schema_version", "child", "window", "ratings"] == schema["required"]
        assert schema["additionalProperties"] is False
        assert {
            "description": "The grade, from 1 (best care) to 5 (worst).",
            "type": "integer",
            "minimum": 1,
            "maximum": 5,
        } == schema["$defs"]["Rating"]["properties"]["grade"]

    def test_part_schemas(self) -> None:
        """A part's schema describes it without kind or version."""
        assert {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Grade",
            "type": "integer",
            "minimum": 1,
            "maximum": 5,
        } == json_schema(Grade)
        assert "kind" not in json_schema(Rating)["properties"]

    @pytest.mark.parametrize("path", sorted(GOLDEN.glob("*/v1-*.json")), ids=lambda path: path.name)
    def test_golden_documents_validate(self, path: Path) -> None:
        """Every current-version golden document is valid against its kind's schema."""
        cls = document_type(path.parent.name).type
        assert [] == list(validator(cls).iter_errors(json.loads(path.read_text(encoding="utf-8"))))

    def test_schema_refuses_what_the_converter_refuses(self) -> None:
        """A grade of 7, an unknown key, a missing key and a bad date are invalid for both."""
        good = json.loads((GOLDEN / "assessment/v1-minimal.json").read_text(encoding="utf-8"))
        check = validator(Assessment)
        changes: list[Callable[[dict[str, Any]], object]] = [
            lambda data: data["ratings"][0].update(grade=7),
            lambda data: data.update(colour="blue"),
            lambda data: data.pop("window"),
            lambda data: data["window"].update(start="2024-02-30"),
            lambda data: data.update(schema_version=2),
        ]
        for change in changes:
            data = json.loads(json.dumps(good))
            change(data)
            assert not check.is_valid(data)
            assert verdict(Assessment, data)

    def test_integral_floats_are_a_known_difference(self) -> None:
        """JSON Schema counts 3.0 as an integer; the converter refuses it (Grade is strict)."""
        data = json.loads((GOLDEN / "assessment/v1-minimal.json").read_text(encoding="utf-8"))
        data["ratings"][0]["grade"] = 3.0
        assert validator(Assessment).is_valid(data)
        assert {"shape"} == verdict(Assessment, data)


class TestAgreement:
    @pytest.mark.parametrize("cls", DOCUMENTS, ids=lambda cls: cls.__name__)
    @share_of_examples(0.25)
    @given(data=st.data())
    def test_written_documents_validate(self, cls: type, data: st.DataObject) -> None:
        """Rule: every document the converter writes is valid against the schema."""
        register_type_strategies()
        document = to_dict(data.draw(st.from_type(cls)))
        assert [] == [error.message for error in validator(cls).iter_errors(document)]

    @pytest.mark.parametrize("cls", DOCUMENTS, ids=lambda cls: cls.__name__)
    @share_of_examples(1.0)  # One document and one value an example: as cheap as the rest.
    @given(data=st.data())
    def test_each_field_refuses_alike(self, cls: type, data: st.DataObject) -> None:
        """Rule (issue 10): a value the library refuses on its field alone is refused by the schema.

        A field of a drawn document is chosen uniformly (one path standing for each
        field of a list's elements, so that a long list does not crowd out the rest)
        and given a value that some field refuses. Rules across fields, and the one
        known difference, are the library's alone.
        """
        register_type_strategies()
        document = to_dict(data.draw(st.from_type(cls)))
        path = data.draw(st.sampled_from(sorted(fields(document).values(), key=str)))
        value = data.draw(st.sampled_from(REFUSED_SOMEWHERE) | wrong_values(integral_floats=False))
        change = replaced(document, path, value)
        refused = problems_of(cls, change.document)
        # Values accepted, or refused because of other fields too, are not this rule's
        # business; they pass rather than being filtered, so the example count stays fixed.
        alone = refused is not None and all(problem.path == change.json_path for problem in refused)
        if alone and not across_fields(path) and not known_difference(path[-1], value):
            assert not validator(cls).is_valid(change.document), refused

    @pytest.mark.parametrize("cls", DOCUMENTS, ids=lambda cls: cls.__name__)
    @share_of_examples(0.1)  # Each example validates against a JSON Schema: slow.
    @given(data=st.data())
    def test_mutated_documents_agree(self, cls: type, data: st.DataObject) -> None:
        """Rule: what the converter reads is valid; what it refuses for shape, range or version is invalid.

        Only rules across fields (a window ending before it starts) and the reading
        of older versions are the converter's alone. Integral floats are left out:
        see the known difference.
        """
        register_type_strategies()
        document = to_dict(data.draw(st.from_type(cls)))
        change = data.draw(changes(document, integral_floats=False))
        mutated = change.document
        refused = problems_of(cls, mutated)
        valid = validator(cls).is_valid(mutated)
        version = mutated.get("schema_version") if isinstance(mutated, dict) else None
        # The schema describes the current version; older ones are read by migration.
        older = type(version) is int and version < document_type(cls).schema_version
        if refused is None:
            assert valid or older
        elif {problem.category for problem in refused} & MUST_REJECT:
            assert not valid
        elif change.action == "replace" and all(
            problem.path == change.json_path for problem in refused
        ):
            # Rule: a value the library refuses on its field alone is refused by the schema.
            field = change.path[-1]
            if not across_fields(change.path) and not known_difference(field, change.value):
                assert not valid, refused

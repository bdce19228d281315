"""JSON Schema: it agrees with the converter (issue 5, part 3)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import share_of_examples
from mutation import mutations
from neglect_protocol import Assessment, Grade, Rating
from neglect_protocol.errors import DocumentError
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
    try:
        from_dict(cls, data)
    except DocumentError as error:
        return {problem.category for problem in error.problems}
    return None


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
        assert {"const": "assessment"} == schema["properties"]["kind"]
        assert {"const": 1} == schema["properties"]["schema_version"]
        assert ["schema_version", "child", "window", "ratings"] == schema["required"]
        assert schema["additionalProperties"] is False
        assert {"type": "integer", "minimum": 1, "maximum": 5} == schema["$defs"]["Rating"][
            "properties"
        ]["grade"]

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
        mutated = data.draw(mutations(document, integral_floats=False))
        categories = verdict(cls, mutated)
        valid = validator(cls).is_valid(mutated)
        version = mutated.get("schema_version") if isinstance(mutated, dict) else None
        # The schema describes the current version; older ones are read by migration.
        older = type(version) is int and version < document_type(cls).schema_version
        if categories is None:
            assert valid or older
        elif categories & MUST_REJECT:
            assert not valid

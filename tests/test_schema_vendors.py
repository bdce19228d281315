"""JSON Schemas a vendor can read and check (issue 11, point 4; issue 10, finding 5)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import fastjsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import share_of_examples
from mutation import mutations
from neglect_protocol.cli import main
from neglect_protocol.disclosure import DFE
from neglect_protocol.errors import DocumentError
from neglect_protocol.serialize import document_types, from_json, json_schema, to_dict
from neglect_protocol.strategies import register_type_strategies

GOLDEN = Path(__file__).resolve().parent / "golden"
KINDS = {entry.kind: entry.type for entry in document_types()}


def schema_of(kind: str) -> dict[str, Any]:
    return json_schema(KINDS[kind])


def nodes(schema: Any) -> Iterator[dict[str, Any]]:
    """Every schema object inside ``schema`` (examples left out: they are documents)."""
    if isinstance(schema, dict):
        yield schema
        for key, value in schema.items():
            if key != "examples":
                yield from nodes(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from nodes(value)


@functools.cache
def jsonschema_validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema_of(kind))


@functools.cache
def fast_validator(kind: str) -> Any:
    return fastjsonschema.compile(schema_of(kind))


def fast_is_valid(kind: str, document: Any) -> bool:
    try:
        fast_validator(kind)(document)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


class TestSchemaGaps:
    """Regressions for issue 10, finding 5: the schema refused less than the library."""

    @pytest.mark.parametrize("symbol", ["3", " 3 ", "1 2", "\uff13", ""])
    def test_numeric_disclosure_symbol_is_refused_by_both(self, symbol: str) -> None:
        """A disclosure symbol that reads as a number is refused by the library and the schema."""
        document = to_dict(DFE)
        document["symbols"]["suppressed"] = symbol
        with pytest.raises(DocumentError) as caught:
            from_json(KINDS["disclosure_policy"], json.dumps(document))
        assert ["$.symbols.suppressed"] == [problem.path for problem in caught.value.problems]
        assert "expected a non-empty symbol that is not a number" in str(caught.value)
        assert not jsonschema_validator("disclosure_policy").is_valid(document)
        assert not fast_is_valid("disclosure_policy", document)

    @pytest.mark.parametrize("symbol", ["c", "[x]", ":", "z", " c3 "])
    def test_symbols_are_accepted_by_both(self, symbol: str) -> None:
        """A symbol with a character that is neither space nor digit is valid for both."""
        document = to_dict(DFE)
        document["symbols"]["suppressed"] = symbol
        from_json(KINDS["disclosure_policy"], json.dumps(document))
        assert jsonschema_validator("disclosure_policy").is_valid(document)

    @pytest.mark.parametrize("ceiling", ["2", "1.5", "1.01", "10"])
    def test_ceiling_above_one_is_refused_by_both(self, ceiling: str) -> None:
        """An inadequate_ceiling above 1 is refused by the library and the schema."""
        document = json.loads((GOLDEN / "assurance_input/v1-invented.json").read_text("utf-8"))
        document["inadequate_ceiling"] = ceiling
        with pytest.raises(DocumentError) as caught:
            from_json(KINDS["assurance_input"], json.dumps(document))
        assert [f'$.inadequate_ceiling: expected a share from 0 to 1, got "{ceiling}"'] == [
            str(problem) for problem in caught.value.problems
        ]
        assert not jsonschema_validator("assurance_input").is_valid(document)
        assert not fast_is_valid("assurance_input", document)

    @pytest.mark.parametrize("ceiling", ["0", "1", "1.0", "0.25", "1/10", "10/10", "0/3"])
    def test_ceilings_up_to_one_are_valid_for_both(self, ceiling: str) -> None:
        """A ceiling from 0 to 1, as a decimal or a fraction, is read and valid."""
        document = json.loads((GOLDEN / "assurance_input/v1-invented.json").read_text("utf-8"))
        document["inadequate_ceiling"] = ceiling
        from_json(KINDS["assurance_input"], json.dumps(document))
        assert jsonschema_validator("assurance_input").is_valid(document)

    def test_a_fraction_above_one_is_the_known_difference(self) -> None:
        """ "11/10" is refused by the library only: a pattern cannot compare two numbers."""
        document = json.loads((GOLDEN / "assurance_input/v1-invented.json").read_text("utf-8"))
        document["inadequate_ceiling"] = "11/10"
        with pytest.raises(DocumentError):
            from_json(KINDS["assurance_input"], json.dumps(document))
        assert jsonschema_validator("assurance_input").is_valid(document)
        assert (
            "numerator may not exceed"
            in schema_of("assurance_input")["properties"]["inadequate_ceiling"]["description"]
        )

    def test_version_1_shape_labelled_0_is_refused(self) -> None:
        """A v1-shaped assessment labelled schema_version 0 is an error at a $-rooted path."""
        document = json.loads((GOLDEN / "assessment/v1-minimal.json").read_text("utf-8"))
        document["schema_version"] = 0
        with pytest.raises(DocumentError) as caught:
            from_json(KINDS["assessment"], json.dumps(document))
        assert ["$.ratings"] == [problem.path for problem in caught.value.problems]
        assert "the shape of schema version 0" in str(caught.value)


class TestLoneSurrogates:
    @pytest.mark.parametrize(
        ("text", "path"),
        [
            ('{"kind": "assessment", "reference": "\\ud800"}', "$.reference"),
            ('{"a": ["x", "\\udc00y"]}', "$.a[1]"),
            ('{"a": {"\\ud83d": 1}}', "$.a"),
            ('{"a": "\ud800"}', "$.a"),
        ],
    )
    def test_refused_when_parsing(self, text: str, path: str) -> None:
        """A lone surrogate, escaped or not, in a value or a key, is our error at its path."""
        with pytest.raises(DocumentError) as caught:
            from_json(KINDS["assessment"], text)
        [problem] = caught.value.problems
        assert path == problem.path
        assert problem.message.startswith(
            "expected text of Unicode characters, got a lone surrogate"
        )

    def test_a_pair_is_a_character(self) -> None:
        """An escaped surrogate pair is one character, and is read."""
        document = json.loads((GOLDEN / "assessment/v1-minimal.json").read_text("utf-8"))
        text = json.dumps(document).replace('"C-INVENTED-0003"', '"C-\\ud83d\\ude00"')
        assert "C-\U0001f600" == from_json(KINDS["assessment"], text).child.reference

    def test_encoded_surrogate_bytes_are_refused(self) -> None:
        """The UTF-8 bytes of a surrogate do not decode: our error, not a bare ValueError."""
        with pytest.raises(DocumentError, match="bytes that do not decode"):
            from_json(KINDS["assessment"], b'{"a": "\xed\xa0\x80"}')

    def test_validate_refuses_it(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`validate` reports the lone surrogate at its path and exits 1."""
        document = json.loads((GOLDEN / "assessment/v1-minimal.json").read_text("utf-8"))
        text = json.dumps(document).replace('"C-INVENTED-0003"', '"\\ud800"')
        path = tmp_path / "bad.json"
        path.write_text(text, encoding="ascii")
        assert 1 == main(["validate", str(path)])
        err = capsys.readouterr().err
        assert f"{path}: $.child.reference: expected text of Unicode characters" in err


class TestReadableSchemas:
    @pytest.mark.parametrize("kind", KINDS)
    def test_every_property_has_a_description(self, kind: str) -> None:
        """Every property of every schema says what it is."""
        missing = [
            name
            for node in nodes(schema_of(kind))
            for name, prop in node.get("properties", {}).items()
            if not prop.get("description")
        ]
        assert [] == missing

    def test_descriptions_come_from_docstrings(self) -> None:
        """A property's description is its field's entry in the class's Attributes section."""
        schema = schema_of("disclosure_policy")
        symbols = schema["$defs"]["SymbolsSection"]["properties"]
        assert (
            'The symbol shown for a suppressed count ("c").' == symbols["suppressed"]["description"]
        )

    @pytest.mark.parametrize("kind", KINDS)
    def test_each_kind_has_a_golden_example(self, kind: str) -> None:
        """Each document kind's schema shows one example: a golden file, valid for both validators."""
        [example] = schema_of(kind)["examples"]
        golden = [
            json.loads(path.read_text("utf-8"))
            for path in sorted((GOLDEN / kind).glob(f"v{KINDS_VERSION[kind]}-*.json"))
        ]
        assert example in golden
        assert jsonschema_validator(kind).is_valid(example)
        assert fast_is_valid(kind, example)

    def test_nullable_values_use_a_type_list(self) -> None:
        """A value that may be null has a type list, and a bad date names the date's rule."""
        schema = schema_of("assessment")
        date = schema["$defs"]["ChildRef"]["properties"]["date_of_birth"]
        assert ["string", "null"] == date["type"]
        assert not [node for node in nodes(schema) if "anyOf" in node]
        document = json.loads((GOLDEN / "assessment/v1-minimal.json").read_text("utf-8"))
        document["child"]["date_of_birth"] = "14/09/2020"
        [error] = jsonschema_validator("assessment").iter_errors(document)
        assert "does not match" in error.message

    @pytest.mark.parametrize("kind", KINDS)
    def test_patterns_are_portable(self, kind: str) -> None:
        """No pattern uses look-around or a backreference (RE2 reads neither)."""
        look_around = re.compile(r"\(\?<?[=!]|\\[1-9]|\\k<")
        patterns = [node["pattern"] for node in nodes(schema_of(kind)) if "pattern" in node]
        assert patterns
        assert [] == [pattern for pattern in patterns if look_around.search(pattern)]
        # Anchored patterns are anchored at both ends (the newline guard ends only).
        anchored = [pattern for pattern in patterns if pattern.startswith("^")]
        assert all(pattern.endswith("$") for pattern in anchored)

    def test_trailing_newline_refused_by_python_validators(self) -> None:
        """A code with a final newline is refused by both validators, as by the library."""
        document = json.loads((GOLDEN / "catalogue/v1-invented-structure.json").read_text("utf-8"))
        document["areas"][0]["code"] = document["areas"][0]["code"] + "\n"
        assert not jsonschema_validator("catalogue").is_valid(document)
        assert not fast_is_valid("catalogue", document)
        with pytest.raises(DocumentError):
            from_json(KINDS["catalogue"], json.dumps(document))


KINDS_VERSION = {entry.kind: entry.schema_version for entry in document_types()}


class TestSecondValidator:
    """fastjsonschema and jsonschema agree, so a slip in the schemas' dialect is caught."""

    @pytest.mark.parametrize("path", sorted(GOLDEN.glob("*/v1-*.json")), ids=lambda path: path.name)
    def test_golden_files_are_valid_for_both(self, path: Path) -> None:
        """Every current golden file is valid for both validators."""
        document = json.loads(path.read_text("utf-8"))
        assert jsonschema_validator(path.parent.name).is_valid(document)
        assert fast_is_valid(path.parent.name, document)

    @pytest.mark.parametrize("kind", KINDS)
    @share_of_examples(0.1)  # Each example compiles nothing but validates twice.
    @given(data=st.data())
    def test_both_agree_on_generated_documents(self, kind: str, data: st.DataObject) -> None:
        """On written documents and on mutations of them, both validators give one verdict."""
        register_type_strategies()
        document = to_dict(data.draw(st.from_type(KINDS[kind])))
        assert fast_is_valid(kind, document)
        mutated = data.draw(mutations(document, integral_floats=False))
        assert jsonschema_validator(kind).is_valid(mutated) == fast_is_valid(kind, mutated)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


class TestSchemaCommand:
    def test_all_writes_one_file_per_kind(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`schema --all --out DIR` writes KIND.schema.json for every kind, as `schema KIND` prints."""
        status, out, _ = run(capsys, "schema", "--all", "--out", str(tmp_path))
        assert 0 == status
        assert sorted(f"{kind}.schema.json" for kind in KINDS) == sorted(
            path.name for path in tmp_path.iterdir()
        )
        assert len(KINDS) == out.count("Wrote ")
        written = json.loads((tmp_path / "survey.schema.json").read_text("ascii"))
        assert schema_of("survey") == written

    def test_existing_files_are_kept_without_force(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An existing file stops the command with nothing written; --force replaces it."""
        (tmp_path / "survey.schema.json").write_text("mine", encoding="utf-8")
        status, _, err = run(capsys, "schema", "--all", "--out", str(tmp_path))
        assert 1 == status
        assert "survey.schema.json: already exists; --force replaces it; nothing was written" in err
        assert ["survey.schema.json"] == [path.name for path in tmp_path.iterdir()]
        status, _, _ = run(capsys, "schema", "--all", "--out", str(tmp_path), "--force")
        assert 0 == status
        assert schema_of("survey") == json.loads((tmp_path / "survey.schema.json").read_text())

    def test_a_link_is_never_written_through(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A destination that is a symbolic link is refused, even with --force."""
        target = tmp_path / "target.txt"
        target.write_text("keep", encoding="utf-8")
        out = tmp_path / "out"
        out.mkdir()
        (out / "survey.schema.json").symlink_to(target)
        status, _, err = run(capsys, "schema", "--all", "--out", str(out), "--force")
        assert 1 == status
        assert "is a symbolic link" in err
        assert "keep" == target.read_text(encoding="utf-8")

    def test_unwritable_folder(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A folder that cannot be made is reported on one line, exit 1."""
        blocker = tmp_path / "file"
        blocker.write_text("", encoding="utf-8")
        status, _, err = run(capsys, "schema", "--all", "--out", str(blocker / "sub"))
        assert 1 == status
        assert err.startswith(f"{blocker / 'sub'}: cannot write the schemas")

    @pytest.mark.parametrize(
        "argv",
        [
            ["schema"],
            ["schema", "--all"],
            ["schema", "survey", "--all", "--out", "d"],
            ["schema", "survey", "--out", "d"],
        ],
    )
    def test_usage(self, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
        """A KIND, or --all with --out: anything else is a usage mistake (exit 2)."""
        status, out, err = run(capsys, *argv)
        assert (2, "") == (status, out)
        assert "give a KIND to print its schema, or --all with --out DIR" in err


class TestValidateOutput:
    def test_json_prints_one_object_per_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--json prints one result a line: file, kind, version, valid, problems (path, message)."""
        good = GOLDEN / "assessment" / "v1-minimal.json"
        bad_document = json.loads(good.read_text("utf-8"))
        bad_document["ratings"][0]["grade"] = 9
        bad_document["ratings"][0]["evidence"] = "Invented: canary text never shown"
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(bad_document), encoding="utf-8")
        missing = tmp_path / "missing.json"
        status, out, err = run(capsys, "validate", "--json", str(good), str(bad), str(missing))
        assert (1, "") == (status, err)
        assert "canary" not in out
        assert [
            {
                "file": str(good),
                "kind": "assessment",
                "schema_version": 1,
                "valid": True,
                "problems": [],
            },
            {
                "file": str(bad),
                "kind": "assessment",
                "schema_version": 1,
                "valid": False,
                "problems": [
                    {
                        "path": "$.ratings[0].grade",
                        "message": "expected an integer from 1 to 5, got 9",
                    }
                ],
            },
            {
                "file": str(missing),
                "kind": None,
                "schema_version": None,
                "valid": False,
                "problems": [
                    {"path": "$", "message": "cannot read the file (No such file or directory)"}
                ],
            },
        ] == [json.loads(line) for line in out.splitlines()]

    def test_json_reports_catalogue_checks(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An assessment that breaks its catalogue's rules is invalid, at the rating's path."""
        document = json.loads((GOLDEN / "assessment" / "v1-minimal.json").read_text("utf-8"))
        document["ratings"][0]["code"] = "Z9"
        path = tmp_path / "unknown.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        status, out, _ = run(capsys, "validate", "--json", str(path))
        [result] = [json.loads(line) for line in out.splitlines()]
        assert (1, False) == (status, result["valid"])
        assert [problem["path"] for problem in result["problems"]] == ["$.ratings[0].code"]

    def test_quiet_prints_nothing(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--quiet prints nothing: 0 when every file is valid, 1 otherwise."""
        good = GOLDEN / "profile" / "v1-unborn-gcp2a.json"
        assert (0, "", "") == run(capsys, "validate", "--quiet", str(good))
        bad = tmp_path / "bad.json"
        bad.write_text("{", encoding="utf-8")
        assert (1, "", "") == run(capsys, "validate", "--quiet", str(good), str(bad))

    def test_json_and_quiet_exclude_each_other(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json and --quiet together are a usage mistake."""
        status, _, err = run(capsys, "validate", "--json", "--quiet", "x.json")
        assert 2 == status
        assert "not allowed with argument" in err


class TestTextThatCannotBeWritten:
    def test_report_with_a_lone_surrogate_is_not_written(self, tmp_path: Path) -> None:
        """A report built in Python with a lone surrogate in its title is refused, nothing written."""
        from neglect_protocol.assurance import ReportInput, write_assurance_report
        from neglect_protocol.errors import InvalidArgumentError

        text = (GOLDEN / "assurance_input" / "v1-invented.json").read_text("utf-8")
        report_input = attrs.evolve(from_json(ReportInput, text), title="\ud800")
        with pytest.raises(InvalidArgumentError, match="got a lone surrogate"):
            write_assurance_report(report_input.build(), tmp_path / "out")
        assert not (tmp_path / "out").exists()

    def test_a_file_name_that_cannot_be_printed(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A file name holding a lone surrogate (bytes that are not UTF-8) ends in one line, exit 1."""
        status, _, err = run(capsys, "validate", "missing-\udcff.json")
        assert 1 == status
        assert (
            "neglect-protocol: the input holds text that cannot be printed (a lone surrogate)\n"
            == err
        )


class TestAttributeDocs:
    def test_text_before_the_first_entry_is_ignored(self) -> None:
        """A line in the Attributes section before any entry belongs to no field."""
        from neglect_protocol._boundary._schema import attribute_docs

        class Odd:
            """Odd.

            Attributes:
                Fields of this class:
                first: The first.
            """

        assert {"first": "The first."} == attribute_docs(Odd)


class TestSymbolPattern:
    def test_agrees_with_the_rule_for_every_character(self) -> None:
        """The symbol's pattern, built from Python's tables, agrees with `is_symbol` everywhere."""
        from neglect_protocol._model._disclosure import is_symbol

        symbols = schema_of("disclosure_policy")["$defs"]["SymbolsSection"]["properties"]
        pattern = re.compile(symbols["suppressed"]["pattern"])
        disagree = [
            point
            for point in range(0x110000)
            if bool(pattern.search(chr(point))) != is_symbol(chr(point))
        ]
        assert [] == disagree

    def test_built_lazily(self) -> None:
        """The rule's keywords are a mapping of one pattern, built on first use."""
        from neglect_protocol._boundary._metrics_documents import SYMBOL

        assert 1 == len(SYMBOL.schema)
        assert ["pattern"] == list(SYMBOL.schema)

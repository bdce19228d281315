"""Every reader answers any input with our error, or loads it (issue 8, "One house", item 4).

The readers are the reference-file loaders (TOML and JSON), :func:`from_json` for
every document kind, and the command line reading standard input. Whatever they
are given (random bytes, deeply nested brackets, a huge integer, ``NaN``, lone
surrogates, repeated keys), they raise
:class:`~neglect_protocol.errors.DocumentError` listing its problems at
``$``-rooted paths, never ``RecursionError``, a bare ``ValueError`` or a traceback.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import share_of_examples
from neglect_protocol.audit import load_judgement_scale
from neglect_protocol.catalogue import load_catalogue
from neglect_protocol.cli import main
from neglect_protocol.disclosure import load_disclosure_policy
from neglect_protocol.errors import DocumentError
from neglect_protocol.escalation import load_policy
from neglect_protocol.screening import (
    DEFAULT_CHECKLIST,
    Checklist,
    load_checklist,
    load_screening_policy,
)
from neglect_protocol.serialize import document_types, from_json

LOADERS: dict[str, Callable[[Path], object]] = {
    "catalogue": load_catalogue,
    "threshold_policy": load_policy,
    "screening_checklist": load_checklist,
    "screening_policy": load_screening_policy,
    "judgement_scale": load_judgement_scale,
    "disclosure_policy": load_disclosure_policy,
}

GOLDEN = Path(__file__).resolve().parent / "golden" / "screening_checklist"
DEEP = 100_000
HOSTILE: dict[str, tuple[bytes, bytes]] = {
    # name: (as JSON, as TOML)
    "nested brackets": (b"[" * DEEP + b"]" * DEEP, b"a = " + b"[" * DEEP + b"]" * DEEP),
    "nested tables": (b'{"a":' * DEEP + b"1" + b"}" * DEEP, b"a = " + b"{b=" * DEEP),
    "huge integer": (
        b'{"schema_version": ' + b"9" * DEEP + b"}",
        b"schema_version = " + b"9" * DEEP,
    ),
    "nan": (b'{"schema_version": NaN}', b"schema_version = nan"),
    "infinity": (b'{"schema_version": -Infinity}', b"schema_version = -inf"),
    "bad utf-8": (b'{"name": "\xff\xfe"}', b'name = "\xff\xfe"'),
    "encoded surrogate": (b'{"name": "\xed\xa0\x80"}', b'name = "\xed\xa0\x80"'),
    "repeated key": (b'{"name": "a", "name": "b"}', b'name = "a"\nname = "b"'),
    "not an object": (b"[1, 2]", b"= 1"),
    "empty": (b"", b""),
}


def check(error: DocumentError) -> None:
    """Every problem is placed at a ``$``-rooted path, and the message is one line each."""
    assert error.problems
    assert all(problem.path.startswith("$") for problem in error.problems)
    assert str(error).splitlines() == [str(problem) for problem in error.problems]


class TestHostileFiles:
    @pytest.mark.parametrize("name", sorted(HOSTILE))
    @pytest.mark.parametrize("kind", sorted(LOADERS))
    @pytest.mark.parametrize("suffix", ["json", "toml"])
    def test_loaders_refuse_with_our_error(
        self, tmp_path: Path, kind: str, name: str, suffix: str
    ) -> None:
        """Each loader answers each hostile file with DocumentError, never another exception."""
        path = tmp_path / f"{kind}.{suffix}"
        path.write_bytes(HOSTILE[name][suffix == "toml"])
        with pytest.raises(DocumentError) as raised:
            LOADERS[kind](path)
        check(raised.value)

    @pytest.mark.parametrize("name", sorted(HOSTILE))
    @pytest.mark.parametrize("kind", document_types(), ids=lambda kind: kind.kind)
    def test_documents_refuse_with_our_error(self, kind: Any, name: str) -> None:
        """from_json answers each hostile text with DocumentError for every document kind."""
        with pytest.raises(DocumentError) as raised:
            from_json(kind.type, HOSTILE[name][0])
        check(raised.value)

    @pytest.mark.parametrize("name", sorted(HOSTILE))
    def test_cli_stdin_refuses_without_a_traceback(
        self, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``validate -`` reports a hostile standard input as problems and exits with 1."""
        text = HOSTILE[name][0].decode("utf-8", errors="surrogateescape")
        monkeypatch.setattr("sys.stdin", io.StringIO(text))
        assert 1 == main(["validate", "-"])
        err = capsys.readouterr().err
        assert err.startswith("-: $")
        assert "Traceback" not in err


class TestMessages:
    def test_deep_nesting(self, tmp_path: Path) -> None:
        """10^5 nested arrays are refused as too deep, in both formats."""
        for suffix, text in zip(("json", "toml"), HOSTILE["nested brackets"], strict=True):
            path = tmp_path / f"policy.{suffix}"
            path.write_bytes(text)
            with pytest.raises(DocumentError, match=r"^\$: expected .* nested to a reasonable"):
                load_policy(path)

    def test_huge_integer(self, tmp_path: Path) -> None:
        """A 10^5-digit integer is refused as too long, in both formats."""
        for suffix, text in zip(("json", "toml"), HOSTILE["huge integer"], strict=True):
            path = tmp_path / f"catalogue.{suffix}"
            path.write_bytes(text)
            with pytest.raises(DocumentError, match="got a number with too many digits"):
                load_catalogue(path)

    def test_non_finite_numbers(self, tmp_path: Path) -> None:
        """NaN and infinities are refused, in both formats."""
        path = tmp_path / "scale.toml"
        path.write_bytes(HOSTILE["nan"][1])
        with pytest.raises(DocumentError, match="got the non-finite constant nan"):
            load_judgement_scale(path)
        path = tmp_path / "scale.json"
        path.write_bytes(HOSTILE["nan"][0])
        with pytest.raises(DocumentError, match="non-standard constant NaN"):
            load_judgement_scale(path)

    def test_repeated_keys_are_each_named(self) -> None:
        """Every repeated key in a JSON file is a problem of its own, at its path."""
        from neglect_protocol import Catalogue

        text = '{"name": 1, "name": 2, "items": [{"code": "A1a", "code": "A1b"}]}'
        with pytest.raises(DocumentError) as raised:
            from_json(Catalogue, text)
        assert ["$.items[0].code", "$.name"] == [problem.path for problem in raised.value.problems]

    def test_wrong_suffix(self, tmp_path: Path) -> None:
        """A file that is neither .toml nor .json is refused by name."""
        path = tmp_path / "policy.yaml"
        path.write_text("name: x")
        with pytest.raises(DocumentError, match=r"^\$: expected a file ending .toml or .json"):
            load_policy(path)

    def test_toml_dates_read_as_iso_text(self, tmp_path: Path) -> None:
        """A TOML date is read as ISO 8601 text, as a JSON document writes it."""
        # parse_toml is private: how TOML dates become text is an internal law of the
        # one parser, which no reference file can show without a date field of its own.
        from neglect_protocol._boundary._parse import parse_toml

        assert {"on": "2024-02-05", "at": ["12:30:00"]} == parse_toml(
            "on = 2024-02-05\nat = [12:30:00]"
        )


TEXT = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", errors="surrogatepass")),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(["kind", "schema_version", "name", "version", "domains", "items"])
                | st.text(max_size=8),
                inner,
                max_size=5,
            )
        ),
        max_leaves=20,
    ).map(lambda value: json.dumps({"schema_version": 1, "name": "x", "body": value}).encode()),
)


class TestAnyInput:
    @settings(share_of_examples(0.25), suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=TEXT, kind=st.sampled_from(sorted(LOADERS)), toml=st.booleans())
    def test_every_loader_loads_or_raises_our_error(
        self, tmp_path: Path, data: bytes, kind: str, toml: bool
    ) -> None:
        """Law: any bytes given to any reference-file loader load, or raise DocumentError."""
        path = tmp_path / f"{kind}.{'toml' if toml else 'json'}"
        path.write_bytes(data)
        try:
            LOADERS[kind](path)
        except DocumentError as error:
            check(error)

    @share_of_examples(0.25)
    @given(data=TEXT, kind=st.sampled_from(document_types()))
    def test_every_document_reader_loads_or_raises_our_error(self, data: bytes, kind: Any) -> None:
        """Law: any bytes given to from_json of any document kind load, or raise DocumentError."""
        try:
            from_json(kind.type, data)
        except DocumentError as error:
            check(error)


class TestOneErrorShape:
    def test_every_input_error_has_problems(self) -> None:
        """Errors about input data share one shape: problems, each a path and a message."""
        from neglect_protocol import Grade
        from neglect_protocol.errors import InputError, InvalidGradeError

        with pytest.raises(InvalidGradeError) as caught:
            Grade(7)
        assert isinstance(caught.value, InputError)
        assert [("grade", "expected an integer from 1 to 5, got 7")] == [
            (problem.path, problem.message) for problem in caught.value.problems
        ]
        assert "grade" == caught.value.path


class TestLoaderArguments:
    def test_a_screening_policy_holding_another_checklist(self) -> None:
        """A document's own checklist must be the one passed to the loader, if one is passed."""
        from neglect_protocol.screening import (
            DEFAULT_SCREENING_POLICY,
            screening_policy_from_document,
        )
        from neglect_protocol.serialize import from_json, to_dict

        own = to_dict(from_json(Checklist, (GOLDEN / "v1-invented-short.json").read_bytes()))
        del own["kind"], own["schema_version"]
        document = {**to_dict(DEFAULT_SCREENING_POLICY), "checklist": own}
        document["rules"] = [{"kind": "serious_signs", "outcome": "refer_to_front_door"}]
        with pytest.raises(DocumentError) as caught:
            screening_policy_from_document(document, checklist=DEFAULT_CHECKLIST)
        assert "$.checklist: expected no checklist, or the one passed, got another" == str(
            caught.value
        )

    def test_only_a_screening_policy_is_written_as_one(self) -> None:
        """screening_policy_to_document refuses anything else with UnsupportedTypeError."""
        from neglect_protocol.errors import UnsupportedTypeError
        from neglect_protocol.screening import screening_policy_to_document

        with pytest.raises(UnsupportedTypeError, match="got type Checklist"):
            screening_policy_to_document(DEFAULT_CHECKLIST)  # type: ignore[arg-type]

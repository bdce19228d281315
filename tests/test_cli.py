"""The neglect-protocol command line (issue 5, part 4)."""

from __future__ import annotations

import io
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from neglect_protocol import GCP2A, Profile, __version__
from neglect_protocol.cli import main
from neglect_protocol.serialize import from_dict, json_schema, to_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "invented_assessment.json"
CATALOGUE = ROOT / "examples" / "invented_catalogue.toml"
GOLDEN = ROOT / "tests" / "golden"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


class TestScore:
    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`score` prints the profile as a table, without evidence, and exits 0."""
        status, out, err = run(capsys, "score", str(EXAMPLE), "--catalogue", str(CATALOGUE))
        assert (0, "") == (status, err)
        assert out.startswith(
            "GCP2 profile for child CHILD-INVENTED-0042, observed 2024-03-04 to 2024-03-22"
        )
        assert "A4      Hygiene                                  4  suggested          4" in out
        assert "Worst area grade: 4 (poor)" in out
        assert "Invented: no set mealtime" not in out
        assert "decision" not in out.lower()

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`score --json` prints {"profile": ...}, a profile document that reads back."""
        status, out, _ = run(capsys, "score", str(EXAMPLE), "--catalogue", str(CATALOGUE), "--json")
        assert 0 == status
        result = json.loads(out)
        assert ["profile"] == list(result)
        profile = from_dict(Profile, result["profile"])
        assert "worst" == profile.rule
        assert ("C1",) == tuple(entry.code for entry in profile.discrepancies)

    def test_stdin_and_rule(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`-` reads the assessment from standard input; --rule picks the roll-up rule."""
        text = (GOLDEN / "assessment" / "v1-minimal.json").read_text(encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        status, out, _ = run(capsys, "score", "-", "--rule", "mean", "--json")
        assert 0 == status
        assert "mean" == json.loads(out)["profile"]["rule"]

    def test_problems_one_line_each(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """An invalid assessment gives one line per problem on stderr, and exit status 1."""
        bad = tmp_path / "bad.json"
        bad.write_text(
            '{"kind": "assessment", "schema_version": 1, "ratings": [{"code": "A1", "grade": 7}]}'
        )
        status, out, err = run(capsys, "score", str(bad))
        assert (1, "") == (status, out)
        assert [
            f"{bad}: $.child: required key missing",
            f"{bad}: $.window: required key missing",
            f"{bad}: $.ratings[0].grade: expected an integer from 1 to 5, got 7",
        ] == err.splitlines()

    def test_codes_not_in_the_catalogue(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Item ratings without their catalogue are refused with the path of the first unknown code."""
        status, _, err = run(capsys, "score", str(EXAMPLE))
        assert 1 == status
        assert err.startswith(
            f"{EXAMPLE}: $.ratings[0].code: expected a code of catalogue 'GCP2', got 'A1a'"
        )

    def test_problems_without_a_field(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A scoring problem that names no field is reported at `$`."""
        catalogue = tmp_path / "gcp2a.json"
        catalogue.write_text(to_json(GCP2A))
        status, _, err = run(
            capsys,
            "score",
            str(GOLDEN / "assessment" / "v1-minimal.json"),
            "--catalogue",
            str(catalogue),
        )
        assert 1 == status
        assert err.startswith(
            f"{GOLDEN / 'assessment' / 'v1-minimal.json'}: $.instrument: expected an assessment made with"
        )

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("{", "$: expected JSON, got a syntax error at line 1 column 2"),
            (
                '{"kind": "assessment", "schema_version": 9}',
                "$.schema_version: expected schema version 1 or older, got 9",
            ),
        ],
    )
    def test_unreadable_assessments(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
    ) -> None:
        """Broken JSON and unknown versions give one line each, no traceback."""
        path = tmp_path / "a.json"
        path.write_text(content)
        status, _, err = run(capsys, "score", str(path))
        assert 1 == status
        assert err.startswith(f"{path}: {message}")
        assert "Traceback" not in err

    def test_missing_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file that cannot be read is reported in one line."""
        status, _, err = run(capsys, "score", str(tmp_path / "none.json"))
        assert (
            1,
            f"{tmp_path / 'none.json'}: $: cannot read the file (No such file or directory)\n",
        ) == (status, err)

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (
                "name = ",
                "$: expected TOML in UTF-8, got TOMLDecode (Invalid value (at end of document))",
            ),
            (b"\xff", "$: expected TOML in UTF-8, got UnicodeDecode ("),
            (
                'schema_version = 1\nname = "x"\nversion = "1"\ninstrument = "GCP9"',
                '$.instrument: expected one of "GCP2", "GCP2A", got "GCP9"',
            ),
        ],
    )
    def test_bad_toml_catalogues(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | bytes, message: str
    ) -> None:
        """A TOML catalogue that is not TOML, or not a catalogue, is reported at its path."""
        path = tmp_path / "catalogue.toml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        status, _, err = run(capsys, "score", str(EXAMPLE), "--catalogue", str(path))
        assert 1 == status
        assert err.startswith(f"{path}: {message}")


class TestValidate:
    def test_all_kinds(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Golden documents of every kind are valid; a TOML catalogue is too."""
        files = [*(str(path) for path in sorted(GOLDEN.glob("*/v*.json"))), str(CATALOGUE)]
        status, out, err = run(capsys, "validate", *files, "--catalogue", str(CATALOGUE))
        assert 1 == status  # the unborn GCP2A assessment does not fit a GCP2 catalogue
        assert (
            f"{GOLDEN / 'assessment' / 'v0-minimal.json'}: valid assessment (schema version 0)"
            in out
        )
        assert (
            f"{GOLDEN / 'profile' / 'v1-unborn-gcp2a.json'}: valid profile (schema version 1)"
            in out
        )
        assert f"{CATALOGUE}: valid catalogue (schema version 1)" not in out
        assert [
            f"{GOLDEN / 'assessment' / 'v1-unborn-gcp2a.json'}: $.instrument: expected an assessment made with the catalogue's instrument 'GCP2', got 'GCP2A'",
            f'{CATALOGUE}: $.kind: expected one of "assessment", "catalogue", "profile", got no kind',
        ] == err.splitlines()

    def test_built_in_catalogue_by_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --catalogue, assessments are checked against their instrument's built-in catalogue."""
        unborn = GOLDEN / "assessment" / "v1-unborn-gcp2a.json"
        status, out, err = run(capsys, "validate", str(unborn))
        assert (0, f"{unborn}: valid assessment (schema version 1)\n", "") == (status, out, err)

    def test_every_problem_of_every_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Each invalid file gives every problem, one line each; valid files still get their line."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"kind": "profile", "schema_version": 1, "rule": 5, "extra": true}')
        monkeypatch.setattr(sys, "stdin", io.StringIO("[1, 2"))
        status, out, err = run(
            capsys, "validate", str(bad), "-", str(EXAMPLE), "--catalogue", str(CATALOGUE)
        )
        assert 1 == status
        assert f"{EXAMPLE}: valid assessment (schema version 1)\n" == out
        lines = err.splitlines()
        assert f"{bad}: $.child: required key missing" == lines[0]
        assert f"{bad}: $.rule: expected a string, got an integer" in lines
        assert (
            f"{bad}: $.extra: unknown key; expected only child, window, instrument, catalogue_name, catalogue_version, rule, areas, sub_areas, targets, assessment_reference"
            in lines
        )
        assert lines[-1].startswith("-: $: expected JSON, got a syntax error at line 1 column 6")

    def test_bad_catalogue_option(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An unreadable --catalogue stops validation with its problem."""
        status, out, err = run(
            capsys, "validate", str(EXAMPLE), "--catalogue", str(tmp_path / "x.toml")
        )
        assert (1, "") == (status, out)
        assert err.startswith(f"{tmp_path / 'x.toml'}: $: cannot read the file")


class TestOtherCommands:
    @pytest.mark.parametrize("kind", ["assessment", "catalogue", "profile"])
    def test_schema(self, capsys: pytest.CaptureFixture[str], kind: str) -> None:
        """`schema KIND` prints the kind's JSON Schema."""
        status, out, _ = run(capsys, "schema", kind)
        from neglect_protocol.serialize import document_type

        assert (0, json_schema(document_type(kind).type)) == (status, json.loads(out))

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the installed version and exits 0."""
        assert (0, f"neglect-protocol {__version__}\n", "") == run(capsys, "--version")

    def test_usage_errors(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown command or kind is a usage error: exit status 2, no traceback."""
        status, _, err = run(capsys, "schema", "decision")
        assert 2 == status
        assert "invalid choice: 'decision'" in err
        assert 2 == run(capsys)[0]

    def test_closed_pipe(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A reader that goes away (`| head`) ends the command quietly with status 1."""
        read_end, write_end = os.pipe()
        os.close(read_end)
        stream = open(write_end, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        monkeypatch.setattr(sys, "stdout", stream)
        try:
            assert 1 == main(["schema", "assessment"])
        finally:
            monkeypatch.undo()
            stream.close()

    def test_closed_pipe_on_a_stream_without_a_file(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With a stream that has no file behind it, a closed pipe still ends quietly."""

        class Closed(io.StringIO):
            def write(self, text: str) -> int:
                raise BrokenPipeError

        monkeypatch.setattr(sys, "stdout", Closed())
        assert 1 == main(["schema", "profile"])

    def test_python_dash_m(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`python -m neglect_protocol` runs the same command line."""
        monkeypatch.setattr(sys, "argv", ["neglect_protocol", "--version"])
        with pytest.raises(SystemExit) as caught:
            runpy.run_module("neglect_protocol", run_name="__main__")
        assert 0 == caught.value.code
        assert f"neglect-protocol {__version__}\n" == capsys.readouterr().out

    def test_subprocess_version(self) -> None:
        """A real `python -m neglect_protocol --version` process prints the version."""
        result = subprocess.run(
            [sys.executable, "-m", "neglect_protocol", "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert f"neglect-protocol {__version__}" == result.stdout.strip()

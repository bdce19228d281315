"""The neglect-protocol command line (issue 5, part 4)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from neglect_protocol import GCP2A, Assessment, Profile, __version__, load_catalogue, score
from neglect_protocol.cli import main
from neglect_protocol.display import format_decision, format_screening_decision
from neglect_protocol.escalation import Decision, decide, load_policy
from neglect_protocol.screening import Screening, ScreeningDecision, screen
from neglect_protocol.serialize import (
    document_types,
    from_dict,
    from_json,
    json_schema,
    to_dict,
    to_json,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "invented_assessment.json"
CATALOGUE = ROOT / "examples" / "invented_catalogue.toml"
POLICY = ROOT / "examples" / "local_policy.toml"
SCREENING = ROOT / "examples" / "invented_screening.json"
REPORT_INPUT = ROOT / "examples" / "invented_report_input.json"
GOLDEN = ROOT / "tests" / "golden"
SECRET = "Invented: no set mealtime"
KINDS = ", ".join(json.dumps(kind.kind) for kind in document_types())


def example_profile(start: str | None = None) -> Profile:
    """The example assessment scored with the example catalogue, its window moved if asked."""
    assessment = from_json(Assessment, EXAMPLE.read_bytes())
    if start is not None:
        import attrs

        from neglect_protocol import ObservationWindow

        first = dt.date.fromisoformat(start)
        assessment = attrs.evolve(
            assessment, window=ObservationWindow(first, first + dt.timedelta(days=18))
        )
    return score(assessment, catalogue=load_catalogue(CATALOGUE))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


class TestScore:
    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`score` prints the profile, then the decision under the built-in policy; no evidence."""
        status, out, err = run(capsys, "score", str(EXAMPLE), "--catalogue", str(CATALOGUE))
        assert (0, "") == (status, err)
        assert out.startswith(
            "GCP2 profile for child CHILD-INVENTED-0042, observed 2024-03-04 to 2024-03-22"
        )
        assert "A4      Hygiene                                  4  suggested          4" in out
        assert "Worst area grade: 4 (poor)" in out
        _, decision_part = out.split("\n\nDecision for child", 1)
        assert format_decision(decide(example_profile())) == "Decision for child" + (
            decision_part.rstrip("\n")
        )
        assert "(policy 'Example four-level windscreen' version example-2)" in decision_part
        assert SECRET not in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`score --json` prints the profile and decision documents, which read back."""
        status, out, _ = run(capsys, "score", str(EXAMPLE), "--catalogue", str(CATALOGUE), "--json")
        assert 0 == status
        result = json.loads(out)
        assert ["profile", "decision"] == list(result)
        profile = from_dict(Profile, result["profile"])
        assert "worst" == profile.rule
        assert ("C1",) == tuple(entry.code for entry in profile.discrepancies)
        assert decide(example_profile()) == from_dict(Decision, result["decision"])
        assert SECRET not in out

    def test_local_policy(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--policy decides with a local policy file (TOML here)."""
        status, out, _ = run(
            capsys, "score", str(EXAMPLE), "--catalogue", str(CATALOGUE), "--policy", str(POLICY)
        )
        assert 0 == status
        decision = decide(example_profile(), policy=load_policy(POLICY))
        assert out.rstrip("\n").endswith(format_decision(decision))
        assert "(policy 'Invented three-tier policy' version 2024.1)" in out

    def test_history(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--history gives earlier assessments (in any order) to the rules that compare."""
        assessment = from_json(Assessment, EXAMPLE.read_bytes())
        names: list[str] = []
        for start in ("2023-09-04", "2023-03-06"):
            import attrs

            from neglect_protocol import ObservationWindow

            first = dt.date.fromisoformat(start)
            earlier = attrs.evolve(
                assessment, window=ObservationWindow(first, first + dt.timedelta(days=18))
            )
            path = tmp_path / f"{start}.json"
            path.write_text(to_json(earlier))
            names += ["--history", str(path)]
        status, out, err = run(
            capsys,
            "score",
            str(EXAMPLE),
            "--catalogue",
            str(CATALOGUE),
            "--json",
            *names,
        )
        assert (0, "") == (status, err)
        expected = decide(
            example_profile(),
            history=[example_profile("2023-03-06"), example_profile("2023-09-04")],
        )
        assert expected == from_dict(Decision, json.loads(out)["decision"])
        assert expected != decide(example_profile())

    def test_history_of_another_child(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An earlier assessment of another child is refused at its child's reference."""
        minimal = GOLDEN / "assessment" / "v1-minimal.json"
        unborn = GOLDEN / "assessment" / "v1-unborn-gcp2a.json"
        status, out, err = run(capsys, "score", str(minimal), "--history", str(unborn))
        assert (1, "") == (status, out)
        assert (
            f"{unborn}: $.child.reference: expected the child of {minimal} ('C-INVENTED-0003'), "
            "got 'C-INVENTED-0007'\n"
        ) == err

    def test_history_that_is_not_earlier(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An "earlier" assessment that is the same one is refused, in one line, not located."""
        status, out, err = run(
            capsys, "score", str(EXAMPLE), "--catalogue", str(CATALOGUE), "--history", str(EXAMPLE)
        )
        assert (1, "") == (status, out)
        assert err.startswith(f"{EXAMPLE}: $: ")
        assert 1 == len(err.splitlines())

    def test_bad_policy(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A policy file with problems gives one line per problem, with its path."""
        policy = tmp_path / "policy.json"
        document = to_dict(load_policy(POLICY))
        document["rules"][0]["grade"] = 6
        document["levels"][1]["review_after_days"] = 0
        policy.write_text(json.dumps(document))
        status, out, err = run(capsys, "score", str(EXAMPLE), "--policy", str(policy))
        assert (1, "") == (status, out)
        assert [
            f"{policy}: $.levels[1].review_after_days: expected a whole number of 1 or more, got 0",
            f"{policy}: $.rules[0].grade: expected an integer from 1 to 5, got 6",
        ] == err.splitlines()

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
                "$: expected TOML, got a syntax error (Invalid value (at end of document))",
            ),
            (b"\xff", "$: expected TOML text in UTF-8, got an undecodable byte at position 0"),
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


class TestScreen:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`screen` prints the outcome under the built-in rules, never the evidence."""
        status, out, err = run(capsys, "screen", str(SCREENING))
        assert (0, "") == (status, err)
        screening = from_json(Screening, SCREENING.read_bytes())
        assert format_screening_decision(screen(screening)) + "\n" == out
        assert "Outcome: refer to the front door" in out
        assert "ten-year-old" not in out

    def test_json_and_policy(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """`screen --json --policy FILE` prints the screening decision document."""
        from neglect_protocol.screening import DEFAULT_SCREENING_POLICY

        policy = attrs.evolve(
            DEFAULT_SCREENING_POLICY,
            name="Invented stricter rules",
            rules=DEFAULT_SCREENING_POLICY.rules[1:],
        )
        path = tmp_path / "rules.json"
        path.write_text(to_json(policy))
        status, out, _ = run(capsys, "screen", str(SCREENING), "--policy", str(path), "--json")
        assert 0 == status
        decision = from_dict(ScreeningDecision, json.loads(out)["screening_decision"])
        assert screen(from_json(Screening, SCREENING.read_bytes()), policy=policy) == decision
        assert "Invented stricter rules" == decision.policy.name

    def test_unknown_sign(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An answer to a sign the checklist lacks is reported at its place."""
        document = json.loads(SCREENING.read_text())
        document["answers"][2]["sign"] = "ZZ9"
        path = tmp_path / "screening.json"
        path.write_text(json.dumps(document))
        status, out, err = run(capsys, "screen", str(path))
        assert (1, "") == (status, out)
        assert err.startswith(f"{path}: $.answers[2].sign: expected a sign of checklist")


class TestReport:
    def test_writes_markdown_and_html(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """`report FILE --out DIR` writes the report built from the input as Markdown and HTML."""
        from neglect_protocol.assurance import ReportInput, render_html, render_markdown

        status, out, err = run(capsys, "report", str(REPORT_INPUT), "--out", str(tmp_path / "r"))
        assert (0, "") == (status, err)
        markdown, page = (
            tmp_path / "r" / "assurance_report.md",
            tmp_path / "r" / "assurance_report.html",
        )
        assert f"Wrote {markdown}\nWrote {page}\n" == out
        report = from_json(ReportInput, REPORT_INPUT.read_bytes()).build()
        assert render_markdown(report) == markdown.read_text(encoding="utf-8")
        assert render_html(report) == page.read_text(encoding="utf-8")
        assert markdown.read_text().startswith(
            "# Invented partnership: neglect assurance report\n\nPeriod: 2023-24. Compared with: 2022-23."
        )
        assert "Invented comment" not in markdown.read_text()

    def test_stem_and_stdin(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
    ) -> None:
        """--stem names the files; `-` reads the input from standard input."""
        monkeypatch.setattr(sys, "stdin", io.StringIO(REPORT_INPUT.read_text()))
        status, _, _ = run(capsys, "report", "-", "--out", str(tmp_path), "--stem", "board")
        assert 0 == status
        assert ["board.html", "board.md"] == sorted(path.name for path in tmp_path.iterdir())

    def test_problems_are_placed(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An input whose responses or audits do not fit is refused, each problem at its place."""
        document = json.loads(REPORT_INPUT.read_text())
        document["current"]["responses"][1]["group"] = "carer"
        document["previous"]["audits"][0]["grade"]["code"] = "adequate"
        document["inadequate_ceiling"] = "0.1.2"
        path = tmp_path / "input.json"
        path.write_text(json.dumps(document))
        status, out, err = run(capsys, "report", str(path), "--out", str(tmp_path))
        assert (1, "") == (status, out)
        assert [
            f'{path}: $.inadequate_ceiling: expected an exact fraction as text ("1/10" or "0.1"), '
            "got a string of 5 characters",
        ] == err.splitlines()
        document["inadequate_ceiling"] = "1/10"
        path.write_text(json.dumps(document))
        status, out, err = run(capsys, "report", str(path), "--out", str(tmp_path))
        assert 1 == status
        assert err.startswith(f"{path}: $.current.responses[1].group: expected a group of survey")
        assert [] == list(tmp_path.glob("*.md"))

    def test_unwritable_directory(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A directory that cannot be written is reported in one line."""
        blocker = tmp_path / "file"
        blocker.write_text("")
        status, out, err = run(capsys, "report", str(REPORT_INPUT), "--out", str(blocker))
        assert (1, "") == (status, out)
        assert err.startswith(f"{blocker}: $: cannot write the report (")


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
            f"{CATALOGUE}: $.kind: expected one of {KINDS}, got no kind",
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
    @pytest.mark.parametrize("kind", [kind.kind for kind in document_types()])
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
        status, _, err = run(capsys, "schema", "verdict")
        assert 2 == status
        assert "invalid choice: 'verdict'" in err
        assert 2 == run(capsys)[0]

    def test_closed_pipe(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A reader that goes away (`| head`) ends the command quietly with status 141."""
        read_end, write_end = os.pipe()
        os.close(read_end)
        stream = open(write_end, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        monkeypatch.setattr(sys, "stdout", stream)
        try:
            assert 141 == main(["schema", "assessment"])
        finally:
            monkeypatch.undo()
            stream.close()

    def test_closed_pipe_on_a_stream_without_a_file(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With a stream that has no file behind it, a closed pipe still ends quietly."""

        class Closed(io.StringIO):
            def write(self, text: str) -> int:
                raise BrokenPipeError

        monkeypatch.setattr(sys, "stdout", Closed())
        assert 141 == main(["schema", "profile"])

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

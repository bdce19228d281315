"""The command line never shows a traceback, and says how it ended (issue 10, item 4).

Every problem is one line on standard error and the exit status is documented:
0 done, 1 invalid input (or output that cannot be written), 2 a usage mistake,
141 standard output closed early. These tests feed every command files no one
would write on purpose, and run the command into a pipe whose reader goes away.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# _cli is private: one test replaces a function it calls, to reach the last-resort
# handler no input can reach; that handler turning any error into one line is the law.
from neglect_protocol._boundary import _cli
from neglect_protocol.cli import main
from neglect_protocol.errors import InvalidArgumentError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ASSESSMENT = EXAMPLES / "invented_assessment.json"
CATALOGUE = EXAMPLES / "invented_catalogue.toml"
SCREENING = EXAMPLES / "invented_screening.json"
REPORT_INPUT = EXAMPLES / "invented_report_input.json"
DEPTH = 10**5
DIGITS = 10**5


def _bad_files() -> dict[str, bytes]:
    """Files that are not documents, by what is wrong with them."""
    noise = random.Random(10)
    return {
        "random.json": bytes(noise.randrange(256) for _ in range(4096)),
        "random.toml": bytes(noise.randrange(256) for _ in range(4096)),
        "random": bytes(noise.randrange(256) for _ in range(4096)),
        "huge_number.json": b"1" * DIGITS,
        "huge_version.json": b'{"kind": "assessment", "schema_version": ' + b"1" * DIGITS + b"}",
        "huge_number.toml": b"schema_version = " + b"1" * DIGITS + b"\n",
        "nested.json": b"[" * DEPTH + b"]" * DEPTH,
        "nested_in_a_document.json": b'{"kind": "assessment", "ratings": '
        + b"[" * DEPTH
        + b"]" * DEPTH
        + b"}",
        "nested.toml": b"ratings = " + b"[" * DEPTH + b"]" * DEPTH + b"\n",
        "nested_tables.toml": b"x = " + b"{a = " * 10**4 + b"1" + b"}" * 10**4 + b"\n",
        "not_utf8.json": b'{"kind": "\xff\xfe\xc3"}',
        "not_utf8.toml": b'kind = "\xff\xfe\xc3"\n',
        "lone_surrogate_escape.json": b'{"kind": "\\ud800", "schema_version": 1}',
        "lone_surrogate_bytes.json": '{"kind": "\ud800"}'.encode("utf-8", "surrogatepass"),
        "lone_surrogate_escape.toml": b'kind = "\\ud800"\n',
        "nan.json": b"NaN",
        "nan_version.json": b'{"kind": "assessment", "schema_version": NaN}',
        "nan.toml": b"schema_version = nan\n",
        "empty.json": b"",
    }


BAD_FILES = _bad_files()
COMMANDS = {
    "validate": ["validate", "{}"],
    "score": ["score", "{}"],
    "score --catalogue": ["score", str(ASSESSMENT), "--catalogue", "{}"],
    "score --policy": ["score", str(ASSESSMENT), "--policy", "{}"],
    "screen": ["screen", "{}"],
    "report": ["report", "{}", "--out", "{out}"],
}


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, list[str]]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err.splitlines()


class TestNoTracebackForAnyFile:
    @pytest.mark.parametrize("name", sorted(BAD_FILES))
    @pytest.mark.parametrize("command", sorted(COMMANDS))
    def test_bad_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, name: str
    ) -> None:
        """Each command reports a file that is not a document in lines of its own: exit 1."""
        path = tmp_path / name
        path.write_bytes(BAD_FILES[name])
        out = tmp_path / "out"
        argv = [part.format(path, out=out) for part in COMMANDS[command]]
        status, printed, lines = run(capsys, argv)
        assert (1, "") == (status, printed)
        assert lines
        assert all(line.startswith(f"{path}: $") for line in lines), lines
        assert not out.exists()

    @pytest.mark.parametrize(
        ("name", "problem"),
        [
            ("nested.toml", "expected TOML nested to a reasonable depth, got arrays or objects"),
            ("huge_number.toml", "expected TOML numbers of a readable size, got a number"),
        ],
    )
    def test_last_resort_messages(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, problem: str
    ) -> None:
        """Regression: a TOML file nested 10^5 deep, or with a 10^5-digit number, gave a
        traceback (tomllib raises a bare RecursionError or ValueError); the one parser
        now says so in one line."""
        path = tmp_path / name
        path.write_bytes(BAD_FILES[name])
        status, _, lines = run(capsys, ["validate", str(path)])
        assert 1 == status
        assert [f"{path}: $: {problem}"] == [line[: len(f"{path}: $: {problem}")] for line in lines]

    def test_in_a_real_process(self, tmp_path: Path) -> None:
        """A real process given a deeply nested TOML file prints one line and exits 1."""
        path = tmp_path / "nested.toml"
        path.write_bytes(BAD_FILES["nested.toml"])
        result = subprocess.run(
            [sys.executable, "-m", "neglect_protocol", "validate", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (1, "") == (result.returncode, result.stdout)
        assert "Traceback" not in result.stderr
        assert 1 == len(result.stderr.splitlines())


def _with_lone_surrogate(source: Path, where: tuple[str, ...], tmp_path: Path) -> Path:
    """A copy of an example document with a lone surrogate in one text field."""
    document = json.loads(source.read_text(encoding="utf-8"))
    place = document
    for key in where[:-1]:
        place = place[key]
    place[where[-1]] = "\udfff"
    path = tmp_path / source.name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


class TestTextThatCannotBePrinted:
    def test_screen(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Regression: a lone surrogate in a printed field (`"\\udfff"` in JSON) gave a
        UnicodeEncodeError traceback when printed; now it is refused when read, at its path."""
        path = _with_lone_surrogate(SCREENING, ("child", "reference"), tmp_path)
        status, _, lines = run(capsys, ["screen", str(path)])
        assert 1 == status
        assert [
            f"{path}: $.child.reference: expected text of Unicode characters, got a lone "
            "surrogate (half of a UTF-16 pair, which is no character)"
        ] == lines

    def test_score(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The same for a profile printed by `score`."""
        path = _with_lone_surrogate(ASSESSMENT, ("child", "reference"), tmp_path)
        status, _, lines = run(capsys, ["score", str(path), "--catalogue", str(CATALOGUE)])
        assert 1 == status
        assert 1 == len(lines)

    def test_report(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A report whose title holds a lone surrogate is refused, and nothing written."""
        path = _with_lone_surrogate(REPORT_INPUT, ("title",), tmp_path)
        out = tmp_path / "out"
        status, printed, lines = run(capsys, ["report", str(path), "--out", str(out)])
        assert (1, "") == (status, printed)
        assert [
            f"{path}: $.title: expected text of Unicode characters, got a lone surrogate "
            "(half of a UTF-16 pair, which is no character)"
        ] == lines
        assert not out.exists()


class TestEveryLibraryErrorIsOneLine:
    def test_an_error_no_command_placed(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A library error that escapes a command is still a line on stderr and exit 1."""

        def refuse(kind: object) -> object:
            raise InvalidArgumentError("kind", "expected a kind, got 3")

        monkeypatch.setattr(_cli, "json_schema", refuse)
        assert (1, "", ["neglect-protocol: kind: expected a kind, got 3"]) == run(
            capsys, ["schema", "assessment"]
        )


class TestExitStatusesAreDocumented:
    def test_help_lists_them(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help ends with the exit statuses, each with its meaning."""
        status, printed, _ = run(capsys, ["--help"])
        assert 0 == status
        epilog = printed.split("exit status:\n", 1)[1]
        assert ["0", "1", "2", "141"] == [
            line.split()[0] for line in epilog.splitlines() if line[2:3].isdigit()
        ]

    def test_the_how_to_lists_them(self) -> None:
        """The CLI how-to gives the same statuses."""
        text = (ROOT / "docs" / "how-to" / "use-the-cli.md").read_text(encoding="utf-8")
        section = text.split("## Exit status", 1)[1]
        for status in ("0", "1", "2", "141"):
            assert f"\n| {status} " in section


# A pipeline that closes early, as `| head -c 10` does; the shell reports the status of
# the command on the left as PIPESTATUS[0].
_PIPELINE = (
    '"$0" -m neglect_protocol schema assessment 2>"$1" | head -c 10 >/dev/null; '
    'echo "${PIPESTATUS[0]}"'
)
RUNS = 10


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="POSIX")
class TestClosedPipe:
    def test_into_head(self, tmp_path: Path) -> None:
        """Regression: `neglect-protocol schema assessment | head -c 10` sometimes exited 1.
        Run many times, it exits 0 or 141 and says nothing on stderr."""
        errors = tmp_path / "stderr"
        for _ in range(RUNS):
            result = subprocess.run(
                ["bash", "-c", _PIPELINE, sys.executable, str(errors)],
                capture_output=True,
                text=True,
                check=True,
            )
            assert result.stdout.strip() in {"0", "141"}
            assert "" == errors.read_text(encoding="utf-8")

    def test_reader_gone_before_the_first_write(self) -> None:
        """A reader that closes the pipe before anything is written: exit 141, stderr empty."""
        for _ in range(3):
            process = subprocess.Popen(
                [sys.executable, "-m", "neglect_protocol", "schema", "assessment"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            assert process.stdout is not None
            assert process.stderr is not None
            process.stdout.close()
            errors = process.stderr.read()
            process.stderr.close()
            assert (141, b"") == (process.wait(), errors)

"""Writing the assurance report's files safely (issue 10, item 3).

``write_assurance_report`` and ``neglect-protocol report`` write ``<stem>.md`` and
``<stem>.html`` inside the folder they are given and nowhere else: a stem is a plain
file name, a symbolic link at a destination is refused (never followed), an existing
file is replaced only when asked, and a refusal writes nothing at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from neglect_protocol.assurance import (
    AssuranceReport,
    ReportInput,
    render_html,
    render_markdown,
    write_assurance_report,
)
from neglect_protocol.cli import main
from neglect_protocol.errors import InvalidArgumentError, NeglectProtocolError, OutputExistsError
from neglect_protocol.serialize import from_json

ROOT = Path(__file__).resolve().parent.parent
REPORT_INPUT = ROOT / "examples" / "invented_report_input.json"
# What a file outside the output folder holds before a write that must not touch it.
UNTOUCHED = "a file that belongs to someone else\n"
BAD_STEMS = [
    "../x",
    "../../etc/passwd",
    "/tmp/x",
    "sub/x",
    "..\\x",
    "C:x",
    "",
    ".",
    "..",
    "x\0y",
    " x",
]


@pytest.fixture(scope="module")
def report() -> AssuranceReport:
    """The report built from the invented example input."""
    return from_json(ReportInput, REPORT_INPUT.read_bytes()).build()


def listing(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a file's text, or where a link points."""
    return {
        str(path.relative_to(folder)): (
            f"-> {os.readlink(path)}" if path.is_symlink() else path.read_text(encoding="utf-8")
        )
        for path in sorted(folder.rglob("*"))
        if path.is_symlink() or path.is_file()
    }


def run_cli(*argv: str) -> int:
    """Run ``neglect-protocol report`` on the example input with ``argv`` after it."""
    return main(["report", str(REPORT_INPUT), *argv])


Write = Callable[..., object]


def write_with_library(report: AssuranceReport) -> Write:
    def write(folder: Path, *, stem: str = "assurance_report", force: bool = False) -> object:
        return write_assurance_report(report, folder, stem=stem, force=force)

    return write


class TestStemIsAPlainFileName:
    @pytest.mark.parametrize("stem", BAD_STEMS)
    def test_library_refuses(self, report: AssuranceReport, tmp_path: Path, stem: str) -> None:
        """A stem with a folder, a drive, NUL, '.' or '..', or none at all, is refused."""
        out = tmp_path / "out"
        with pytest.raises(InvalidArgumentError, match=r"^stem: expected a plain file name"):
            write_assurance_report(report, out, stem=stem)
        assert {} == listing(tmp_path)

    def test_library_message_does_not_echo_a_path(
        self, report: AssuranceReport, tmp_path: Path
    ) -> None:
        """The refused stem is described through safe_repr, not repeated."""
        with pytest.raises(InvalidArgumentError) as caught:
            write_assurance_report(report, tmp_path, stem="../Child Named Here")
        assert "Child Named Here" not in str(caught.value)
        assert str(caught.value).endswith("got a str of 19 characters")

    def test_library_refuses_a_stem_that_is_not_text(
        self, report: AssuranceReport, tmp_path: Path
    ) -> None:
        """A stem must be a str: a path object could carry a folder."""
        with pytest.raises(InvalidArgumentError, match="got a PosixPath|got a WindowsPath"):
            write_assurance_report(report, tmp_path, stem=Path("x"))  # type: ignore[arg-type]

    @pytest.mark.parametrize("stem", BAD_STEMS)
    def test_cli_refuses_with_usage_status(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, stem: str
    ) -> None:
        """Regression: `--stem ../x` (or an absolute one) wrote outside --out; now exit 2."""
        out = tmp_path / "deep" / "out"
        assert 2 == run_cli("--out", str(out), "--stem", stem)
        captured = capsys.readouterr()
        assert "" == captured.out
        assert captured.err.startswith("neglect-protocol report: --stem: expected a plain file")
        assert 1 == len(captured.err.splitlines())
        assert {} == listing(tmp_path)

    def test_plain_stems_are_written(self, report: AssuranceReport, tmp_path: Path) -> None:
        """Dots and dashes inside a name are fine: only folders are refused."""
        written = write_assurance_report(report, tmp_path, stem="board..2024-25")
        assert (tmp_path / "board..2024-25.md", tmp_path / "board..2024-25.html") == written


class TestLinksAreNeverFollowed:
    @pytest.mark.parametrize("which", ["assurance_report.md", "assurance_report.html"])
    @pytest.mark.parametrize("force", [False, True])
    def test_library_refuses_a_link(
        self, report: AssuranceReport, tmp_path: Path, which: str, force: bool
    ) -> None:
        """Regression: a link at a destination was followed and its target overwritten."""
        target = tmp_path / "elsewhere.txt"
        target.write_text(UNTOUCHED, encoding="utf-8")
        out = tmp_path / "out"
        out.mkdir()
        (out / which).symlink_to(target)
        before = listing(tmp_path)
        with pytest.raises(OutputExistsError) as caught:
            write_assurance_report(report, out, force=force)
        assert f"'{which}': is a symbolic link, which is never written through" == str(caught.value)
        assert (out / which, False) == (caught.value.path, caught.value.replaceable)
        assert before == listing(tmp_path)

    def test_library_refuses_a_dangling_link(self, report: AssuranceReport, tmp_path: Path) -> None:
        """A link to nothing is refused too: writing through it would create its target."""
        (tmp_path / "assurance_report.md").symlink_to(tmp_path / "created-elsewhere")
        with pytest.raises(OutputExistsError):
            write_assurance_report(report, tmp_path, force=True)
        assert not (tmp_path / "created-elsewhere").exists()
        assert not (tmp_path / "assurance_report.html").exists()

    @pytest.mark.parametrize("force", [[], ["--force"]])
    def test_cli_refuses_a_link(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, force: list[str]
    ) -> None:
        """`report` refuses a link at a destination, with or without --force: exit 1."""
        target = tmp_path / "elsewhere.txt"
        target.write_text(UNTOUCHED, encoding="utf-8")
        out = tmp_path / "out"
        out.mkdir()
        (out / "assurance_report.md").symlink_to(target)
        before = listing(tmp_path)
        assert 1 == run_cli("--out", str(out), *force)
        captured = capsys.readouterr()
        assert "" == captured.out
        assert (
            f"{out / 'assurance_report.md'}: is a symbolic link, which is never written "
            "through; nothing was written\n"
        ) == captured.err
        assert before == listing(tmp_path)

    def test_library_refuses_a_folder_in_the_way(
        self, report: AssuranceReport, tmp_path: Path
    ) -> None:
        """Something that is not a regular file (a folder) is never replaced."""
        (tmp_path / "assurance_report.html").mkdir()
        with pytest.raises(OutputExistsError, match="'assurance_report.html': is not a regular"):
            write_assurance_report(report, tmp_path, force=True)
        assert not (tmp_path / "assurance_report.md").exists()


class TestExistingFilesNeedForce:
    @pytest.mark.parametrize("which", ["assurance_report.md", "assurance_report.html"])
    def test_library_keeps_an_existing_file(
        self, report: AssuranceReport, tmp_path: Path, which: str
    ) -> None:
        """Regression: existing files were replaced silently; now nothing is written."""
        (tmp_path / which).write_text(UNTOUCHED, encoding="utf-8")
        with pytest.raises(OutputExistsError) as caught:
            write_assurance_report(report, tmp_path)
        assert f"'{which}': already exists; pass force=True to replace it" == str(caught.value)
        assert caught.value.replaceable
        assert {which: UNTOUCHED} == listing(tmp_path)

    def test_library_replaces_with_force(self, report: AssuranceReport, tmp_path: Path) -> None:
        """With ``force=True`` existing files are replaced by the report."""
        for name in ("assurance_report.md", "assurance_report.html"):
            (tmp_path / name).write_text(UNTOUCHED, encoding="utf-8")
        write_assurance_report(report, tmp_path, force=True)
        assert {
            "assurance_report.md": render_markdown(report),
            "assurance_report.html": render_html(report),
        } == listing(tmp_path)

    def test_our_error_and_the_builtin_one(self) -> None:
        """OutputExistsError is one of ours and a FileExistsError, so either handler works."""
        assert issubclass(OutputExistsError, NeglectProtocolError)
        assert issubclass(OutputExistsError, FileExistsError)

    def test_cli_keeps_an_existing_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Without --force `report` stops at an existing file, writing neither file: exit 1."""
        (tmp_path / "assurance_report.html").write_text(UNTOUCHED, encoding="utf-8")
        assert 1 == run_cli("--out", str(tmp_path))
        captured = capsys.readouterr()
        assert "" == captured.out
        assert (
            f"{tmp_path / 'assurance_report.html'}: already exists; --force replaces it; "
            "nothing was written\n"
        ) == captured.err
        assert {"assurance_report.html": UNTOUCHED} == listing(tmp_path)

    def test_cli_replaces_with_force(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, report: AssuranceReport
    ) -> None:
        """With --force `report` replaces existing files."""
        (tmp_path / "assurance_report.md").write_text(UNTOUCHED, encoding="utf-8")
        assert 0 == run_cli("--out", str(tmp_path), "--force")
        assert "" == capsys.readouterr().err
        assert {
            "assurance_report.md": render_markdown(report),
            "assurance_report.html": render_html(report),
        } == listing(tmp_path)


class TestWritingIsAtomic:
    def test_no_temporary_files_are_left(self, report: AssuranceReport, tmp_path: Path) -> None:
        """Only the two report files remain after a write."""
        write_assurance_report(report, tmp_path)
        assert ["assurance_report.html", "assurance_report.md"] == sorted(listing(tmp_path))

    def test_a_failed_move_leaves_no_temporary_file(
        self, report: AssuranceReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If moving a file into place fails, the temporary files are removed."""

        def refuse(source: object, destination: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "replace", refuse)
        with pytest.raises(PermissionError):
            write_assurance_report(report, tmp_path)
        assert {} == listing(tmp_path)

    def test_files_have_ordinary_permissions(self, report: AssuranceReport, tmp_path: Path) -> None:
        """Files are created as an ordinary file would be (0666 less the umask), not 0600."""
        umask = os.umask(0o022)
        try:
            markdown, _ = write_assurance_report(report, tmp_path)
        finally:
            os.umask(umask)
        assert 0o644 == markdown.stat().st_mode & 0o777

    def test_text_that_cannot_be_written(self, report: AssuranceReport, tmp_path: Path) -> None:
        """A report holding a lone surrogate is refused before any file is written."""
        broken = attrs.evolve(report, title="Invented \ud800")
        with pytest.raises(InvalidArgumentError, match="^report: expected text that can be"):
            write_assurance_report(broken, tmp_path / "out")
        assert not (tmp_path / "out").exists()

"""The ``neglect-protocol`` command line: score, validate and describe documents."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from neglect_protocol._boundary._assurance_render import check_stem, write_assurance_report
from neglect_protocol._boundary._builtin import (
    builtin_catalogue,
    builtin_policy,
    builtin_screening_policy,
)
from neglect_protocol._boundary._documents import (
    document_types,
    from_dict,
    read_document,
    to_dict,
)
from neglect_protocol._boundary._escalation_text import format_decision, format_screening_decision
from neglect_protocol._boundary._output import write_files
from neglect_protocol._boundary._parse import SYNTAX, parse_json, parse_toml
from neglect_protocol._boundary._report_input import ReportInput
from neglect_protocol._boundary._schema import json_schema
from neglect_protocol._boundary._stream import Scorer
from neglect_protocol._boundary._stream_run import Tally, WorkerDied, run, terminal
from neglect_protocol._boundary._text import format_profile
from neglect_protocol._boundary._version import installed_version
from neglect_protocol._boundary._wire import split_location
from neglect_protocol._logic._decide import decide
from neglect_protocol._logic._rules import is_monotone, mean, median, mode, worst
from neglect_protocol._logic._score import score
from neglect_protocol._logic._screening_rules import screen
from neglect_protocol._logic._validate import validate
from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._policy import ThresholdPolicy
from neglect_protocol._model._profile import Profile
from neglect_protocol._model._screening import Screening, ScreeningPolicy
from neglect_protocol.errors import (
    DocumentError,
    DocumentProblem,
    InvalidArgumentError,
    NeglectProtocolError,
    OutputExistsError,
    safe_repr,
)

T = TypeVar("T")

_RULES = {rule.__name__: rule for rule in (worst, median, mode, mean)}
_KINDS = {entry.kind: entry.type for entry in document_types()}


class _Failed(Exception):  # noqa: N818 - a signal to stop, not an error to report
    """Raised once a command has reported its problems, to exit with status 1."""


class _Usage(Exception):  # noqa: N818 - a signal to stop, not an error to report
    """Raised once a usage mistake has been reported, to exit with status 2."""


class _Interrupted(Exception):  # noqa: N818 - a signal to stop, not an error to report
    """Raised when the user interrupted a run (Ctrl-C), to exit with status 130."""


def _version() -> str:
    return f"neglect-protocol {installed_version()}"


# The exit statuses, for --help and the how-to (docs/how-to/use-the-cli.md says the same).
_EXIT_STATUSES = """\
exit status:
  0    done; every document was valid
  1    a document is invalid or cannot be read, or the report's files cannot be
       written (one already exists and --force was not given, or is a link);
       one line per problem on standard error
  2    a usage mistake: an unknown command or option, a missing argument, a
       --stem that is not a plain file name
  141  standard output was closed before everything was written (as `| head`
       does); the status a shell gives a program ended by SIGPIPE
"""

# 128 + SIGPIPE (13), the status a shell reports for a program the closed pipe ended.
_CLOSED_PIPE = 141


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neglect-protocol",
        description="Score, validate and describe neglect_protocol documents (JSON; "
        "catalogues may also be TOML). Use - to read a document from standard input.",
        epilog=_EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    scoring = commands.add_parser(
        "score", help="score an assessment; print its profile and the level of need decided"
    )
    scoring.add_argument(
        "file",
        metavar="FILE",
        help="an assessment document, or - (with --jsonl: JSON Lines of assessment documents)",
    )
    scoring.add_argument(
        "--catalogue", metavar="FILE", help="a catalogue of items (default: the built-in one)"
    )
    scoring.add_argument(
        "--rule", choices=sorted(_RULES), default="worst", help="the roll-up rule for suggestions"
    )
    scoring.add_argument(
        "--policy",
        metavar="FILE",
        help="a threshold policy, TOML or JSON (default: the built-in example policy)",
    )
    scoring.add_argument(
        "--history",
        metavar="FILE",
        action="append",
        default=[],
        help="an earlier assessment of the same child, for rules that compare (repeatable)",
    )
    scoring.add_argument(
        "--allow-non-monotone",
        action="store_true",
        help="decide even on grades suggested by a rule that is not monotone (mode)",
    )
    scoring.add_argument("--json", action="store_true", help="print JSON instead of a table")
    scoring.add_argument(
        "--jsonl",
        action="store_true",
        help="read one assessment document a line and write one result a line (JSON Lines)",
    )
    scoring.add_argument(
        "--out", metavar="FILE", help="with --jsonl: where results go (default: standard output)"
    )
    scoring.add_argument(
        "--errors",
        metavar="FILE",
        help="with --jsonl: where refused lines' problems go (default: standard error)",
    )
    scoring.add_argument(
        "--jobs",
        metavar="N",
        type=_positive,
        default=1,
        help="with --jsonl: score in N worker processes (default: 1, in this process)",
    )

    screening = commands.add_parser(
        "screen", help="decide the outcome of a completed neglect screening"
    )
    screening.add_argument("file", metavar="FILE", help="a screening document, or -")
    screening.add_argument(
        "--policy",
        metavar="FILE",
        help="a screening policy, TOML or JSON (default: the built-in example rules)",
    )
    screening.add_argument("--json", action="store_true", help="print JSON instead of text")

    checking = commands.add_parser("validate", help="check documents; exit 1 if any is invalid")
    checking.add_argument("files", metavar="FILE", nargs="+", help="documents, or -")
    checking.add_argument(
        "--catalogue",
        metavar="FILE",
        help="check assessments against this catalogue (default: the built-in one)",
    )
    output = checking.add_mutually_exclusive_group()
    output.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object a line per file: file, kind, schema_version, valid, "
        "problems (each a path and a message)",
    )
    output.add_argument(
        "--quiet",
        action="store_true",
        help="print nothing; the exit status says whether every file was valid (0) or not (1)",
    )

    reporting = commands.add_parser(
        "report", help="write the annual assurance report as Markdown and HTML"
    )
    reporting.add_argument(
        "file", metavar="FILE", help="an assurance_input document (JSON or TOML), or -"
    )
    reporting.add_argument(
        "--out", metavar="DIR", default=".", help="the directory to write to (default: .)"
    )
    reporting.add_argument(
        "--stem",
        default="assurance_report",
        help="the file name before .md and .html, with no folder (default: assurance_report)",
    )
    reporting.add_argument(
        "--force", action="store_true", help="replace the files if they exist (never a link)"
    )

    describing = commands.add_parser(
        "schema", help="print the JSON Schema of a document kind, or write every kind's"
    )
    describing.add_argument(
        "kind", metavar="KIND", nargs="?", choices=sorted(_KINDS), help=", ".join(_KINDS)
    )
    describing.add_argument(
        "--all",
        action="store_true",
        help="write every kind's schema, as KIND.schema.json in the directory given by --out",
    )
    describing.add_argument("--out", metavar="DIR", help="with --all: the directory to write to")
    describing.add_argument(
        "--force", action="store_true", help="with --all: replace the files if they exist"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process's arguments).

    Problems with the input are printed to standard error, one line each, as
    ``FILE: $.path: message``; the return value is then 1. Usage mistakes return 2.
    No input shows a traceback. A reader that closes standard output early (``|
    head``) ends the command quietly with 141.

    Args:
        argv: The arguments after the program name.

    Returns:
        0 when everything was valid, 1 when the input had problems or the output
        could not be written, 2 for a usage mistake, 141 when standard output was
        closed early.
    """
    try:
        arguments = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors end here
        return int(exit_.code or 0)
    if arguments.command == "report":
        try:
            check_stem(arguments.stem)
        except InvalidArgumentError as error:
            print(f"neglect-protocol report: --stem: {error.problems[0].message}", file=sys.stderr)
            return 2
    try:
        if arguments.command == "score":
            _score(arguments)
        elif arguments.command == "screen":
            _screen(arguments)
        elif arguments.command == "report":
            _write_report(arguments)
        elif arguments.command == "validate":
            _validate(arguments)
        else:
            _schema(arguments)
        sys.stdout.flush()  # Here, so that a closed pipe is met inside the try.
    except _Failed:
        return 1
    except _Usage:
        return 2
    except _Interrupted:
        return 130
    except BrokenPipeError:
        # The reader went away (``... | head``): stop quietly, as other tools do.
        _silence_stdout()
        return _CLOSED_PIPE
    except UnicodeEncodeError:
        # Every reader refuses text holding a lone surrogate, but a file name may
        # hold one (bytes that are not UTF-8, as Python decodes them): it cannot be printed.
        print(
            "neglect-protocol: the input holds text that cannot be printed (a lone surrogate)",
            file=sys.stderr,
        )
        return 1
    except NeglectProtocolError as error:
        # Last resort: a library error that no command placed in a document.
        for line in str(error).splitlines():
            print(f"neglect-protocol: {line}", file=sys.stderr)
        return 1
    return 0


def _silence_stdout() -> None:
    """Point standard output at the null device, so that nothing more is written to the pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # A stream with no file behind it needs nothing done.
        pass


def _report(name: str, problems: Sequence[DocumentProblem | str]) -> None:
    for problem in problems:
        print(f"{name}: {problem}", file=sys.stderr)


def _read(name: str) -> Any:
    """Read and parse one file (``-`` for standard input), reporting any failure."""
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        _report(name, [f"$: cannot read the file ({error.strerror or error})"])
        raise _Failed from None
    try:
        if name.endswith(".toml"):
            return parse_toml(text)
        return parse_json(text)
    except DocumentError as error:
        _report(name, error.problems)
        raise _Failed from None


def _load(name: str, cls: type[T]) -> T:
    data = _read(name)
    try:
        return from_dict(cls, data)
    except DocumentError as error:
        _report(name, error.problems)
        raise _Failed from None


def _located(error: NeglectProtocolError) -> str:
    """An error from checking, scoring or deciding, at its field as a ``$`` path if it has one."""
    location, message = split_location(error)
    return f"{f'$.{location}' if location else '$'}: {message}"


def _run(name: str, step: Callable[[], T], *, located: bool = True) -> T:
    """Run one step on the document ``name``, reporting a library error against it.

    ``located`` says whether the error's field is a place in the document (a
    rating's code) rather than in what was built from it (a decision's history).
    """
    try:
        return step()
    except NeglectProtocolError as error:
        _report(name, [_located(error) if located else f"$: {error}"])
        raise _Failed from None


def _positive(text: str) -> int:
    """An argument that must be a whole number of 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of 1 or more, got {safe_repr(text)}"
        )
    return int(text)


@attrs.frozen
class _StreamScorer:
    """Builds the scorer of a JSON Lines run (here, or in each worker process).

    It holds file names rather than loaded values, so that a worker process reads
    the same catalogue and policy the command checked before starting.
    """

    catalogue: str | None
    policy: str | None
    rule: str
    allow_non_monotone: bool

    def __call__(self) -> Scorer:
        catalogue = _load(self.catalogue, Catalogue) if self.catalogue else None
        policy = _load(self.policy, ThresholdPolicy) if self.policy else builtin_policy()
        return Scorer(catalogue, _RULES[self.rule], policy, self.allow_non_monotone)


def _score_stream(arguments: argparse.Namespace) -> None:
    if arguments.history or arguments.json:
        _report("neglect-protocol", ["--jsonl cannot be used with --history or --json"])
        raise _Usage
    if not arguments.allow_non_monotone and not is_monotone(_RULES[arguments.rule]):
        _report(
            "neglect-protocol",
            [f"--rule {arguments.rule} is not monotone: add --allow-non-monotone to decide on it"],
        )
        raise _Usage
    build = _StreamScorer(
        arguments.catalogue, arguments.policy, arguments.rule, arguments.allow_non_monotone
    )
    build()  # Check the catalogue and policy once, before any line is read.
    with contextlib.ExitStack() as files:
        try:
            source = (
                sys.stdin.buffer
                if arguments.file == "-"
                else files.enter_context(Path(arguments.file).open("rb"))
            )
            output = (
                files.enter_context(Path(arguments.out).open("w", encoding="utf-8"))
                if arguments.out
                else sys.stdout
            )
            errors = (
                files.enter_context(Path(arguments.errors).open("w", encoding="utf-8"))
                if arguments.errors
                else sys.stderr
            )
        except OSError as error:
            _report(error.filename or arguments.file, [f"$: cannot open ({error.strerror})"])
            raise _Failed from None
        tally = Tally()
        try:
            tally = run(
                source,
                output,
                errors,
                build,
                jobs=arguments.jobs,
                progress=terminal(sys.stderr),
                tally=tally,
            )
        except WorkerDied as died:
            print(
                f"neglect-protocol: {died}; lines before {died.first} were written", file=sys.stderr
            )
            print(tally.summary(), file=sys.stderr)
            raise _Failed from None
        except KeyboardInterrupt:
            output.flush()
            print(f"\ninterrupted; {tally.summary()}", file=sys.stderr)
            raise _Interrupted from None
    print(tally.summary(), file=sys.stderr)
    if tally.refused:
        raise _Failed


def _score(arguments: argparse.Namespace) -> None:
    if arguments.jsonl:
        _score_stream(arguments)
        return
    assessment = _load(arguments.file, Assessment)
    catalogue = _load(arguments.catalogue, Catalogue) if arguments.catalogue else None
    policy = _load(arguments.policy, ThresholdPolicy) if arguments.policy else builtin_policy()
    rule = _RULES[arguments.rule]

    def scored(name: str, earlier: Assessment) -> Profile:
        against = builtin_catalogue(earlier.instrument) if catalogue is None else catalogue
        return _run(name, lambda: score(earlier, catalogue=against, rule=rule))

    profile = scored(arguments.file, assessment)
    history = []
    for name in arguments.history:
        earlier = _load(name, Assessment)
        if earlier.child.reference != assessment.child.reference:
            _report(
                name,
                [
                    f"$.child.reference: expected the child of {arguments.file} "
                    f"({safe_repr(assessment.child.reference)})"
                    f", got {safe_repr(earlier.child.reference)}"
                ],
            )
            raise _Failed
        history.append(scored(name, earlier))
    # Earlier assessments may be given in any order; rules read them oldest first.
    history.sort(key=lambda earlier: (earlier.window.end, earlier.window.start))
    decision = _run(
        arguments.file,
        lambda: decide(
            profile,
            policy=policy,
            history=history,
            allow_non_monotone=arguments.allow_non_monotone,
        ),
        located=False,
    )
    if arguments.json:
        print(json.dumps({"profile": to_dict(profile), "decision": to_dict(decision)}, indent=2))
    else:
        print(format_profile(profile))
        print()
        print(format_decision(decision))


def _screen(arguments: argparse.Namespace) -> None:
    screening = _load(arguments.file, Screening)
    policy = (
        _load(arguments.policy, ScreeningPolicy) if arguments.policy else builtin_screening_policy()
    )
    decision = _run(arguments.file, lambda: screen(screening, policy=policy))
    if arguments.json:
        print(json.dumps({"screening_decision": to_dict(decision)}, indent=2))
    else:
        print(format_screening_decision(decision))


def _write_report(arguments: argparse.Namespace) -> None:
    report_input = _load(arguments.file, ReportInput)
    report = _run(arguments.file, report_input.build)
    try:
        paths = write_assurance_report(
            report, arguments.out, stem=arguments.stem, force=arguments.force
        )
    except OutputExistsError as error:
        advice = "; --force replaces it" if error.replaceable else ""
        print(f"{error.path}: {error.problem}{advice}; nothing was written", file=sys.stderr)
        raise _Failed from None
    except OSError as error:
        _report(arguments.out, [f"$: cannot write the report ({error.strerror or error})"])
        raise _Failed from None
    for path in paths:
        print(f"Wrote {path}")


def _schema(arguments: argparse.Namespace) -> None:
    if arguments.all == (arguments.kind is not None) or (arguments.out is None) != (
        not arguments.all
    ):
        _report(
            "neglect-protocol schema",
            ["give a KIND to print its schema, or --all with --out DIR to write every kind's"],
        )
        raise _Usage
    if arguments.kind is not None:
        print(json.dumps(json_schema(_KINDS[arguments.kind]), indent=2))
        return
    contents = {
        f"{kind}.schema.json": (json.dumps(json_schema(cls), indent=2) + "\n").encode("ascii")
        for kind, cls in _KINDS.items()
    }
    try:
        paths = write_files(arguments.out, contents, force=arguments.force)
    except OutputExistsError as error:
        advice = "; --force replaces it" if error.replaceable else ""
        print(f"{error.path}: {error.problem}{advice}; nothing was written", file=sys.stderr)
        raise _Failed from None
    except OSError as error:
        _report(arguments.out, [f"cannot write the schemas ({error.strerror or error})"])
        raise _Failed from None
    for path in paths:
        print(f"Wrote {path}")


@attrs.frozen
class _Verdict:
    """What ``validate`` found in one file."""

    file: str
    kind: str | None = None
    schema_version: int | None = None
    problems: tuple[DocumentProblem, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The result as ``validate --json`` prints it: paths and messages, never free text."""
        return {
            "file": self.file,
            "kind": self.kind,
            "schema_version": self.schema_version,
            "valid": not self.problems,
            "problems": [
                {"path": problem.path, "message": problem.message} for problem in self.problems
            ],
        }


def _judge(name: str, catalogue: Catalogue | None) -> _Verdict:
    """Read and check one file, collecting its problems instead of printing them."""
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        problem = DocumentProblem("$", f"cannot read the file ({error.strerror or error})", SYNTAX)
        return _Verdict(name, problems=(problem,))
    try:
        data = parse_toml(text) if name.endswith(".toml") else parse_json(text)
    except DocumentError as error:
        return _Verdict(name, problems=tuple(error.problems))
    known = type(data) is dict and type(data.get("kind")) is str and data["kind"] in _KINDS
    kind = data["kind"] if known else None
    version = data.get("schema_version") if known else None
    shown = version if type(version) is int else None
    try:
        document = read_document(data)
    except DocumentError as error:
        return _Verdict(name, kind, shown, tuple(error.problems))
    if isinstance(document, Assessment):
        against = builtin_catalogue(document.instrument) if catalogue is None else catalogue
        try:
            validate(document, against)
        except NeglectProtocolError as error:
            location, message = split_location(error)
            path = f"$.{location}" if location else "$"
            return _Verdict(name, kind, shown, (DocumentProblem(path, message),))
    return _Verdict(name, kind, shown)


def _validate(arguments: argparse.Namespace) -> None:
    catalogue = _load(arguments.catalogue, Catalogue) if arguments.catalogue else None
    failed = False
    for name in arguments.files:
        verdict = _judge(name, catalogue)
        failed = failed or bool(verdict.problems)
        if arguments.quiet:
            continue
        if arguments.json:
            print(json.dumps(verdict.as_json()))
        elif verdict.problems:
            _report(name, verdict.problems)
        else:
            print(f"{name}: valid {verdict.kind} (schema version {verdict.schema_version})")
    if failed:
        raise _Failed

"""The canary property: text put anywhere in a document is echoed only where it is the point.

Issue 10 ("One echo rule, everywhere"): a unique string that looks like free text about a
child (capitalised words with spaces, as evidence or a name would be) is put into every
string field of every document kind in turn, into fields of the wrong type (where a
number, a date, a code or a list is expected) and in place of keys. Then every way the
library can show it is exercised: errors (message, ``str``, ``repr``, ``problems`` and the
exceptions a traceback would show with them), the ``repr`` and ``str`` of what was
loaded, log records at DEBUG, the command line (text and ``--json``) and the Markdown,
HTML and record renderers. The canary may appear only where showing that text is the
output's evident purpose; each such place is listed in ``SHOWN`` and ``REPR_SHOWS`` below,
with the reason beside it. Errors and log records may never show it.

The library logs nothing today (no module of ``src/`` uses :mod:`logging`); every test
here still captures every record at DEBUG, so a log line added later is checked too.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import json
import logging
import pkgutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import neglect_protocol
from conftest import ROOT, share_of_examples
from neglect_protocol import (
    Assessment,
    Carer,
    ChildRef,
    Practitioner,
    Profile,
    Rating,
    ThresholdPolicy,
    decide,
    load_catalogue,
    score,
)
from neglect_protocol.assurance import ReportInput, render_html, render_markdown
from neglect_protocol.audit import (
    OFSTED_FOUR_POINT,
    AuditComment,
    CaseFileAudit,
    JudgementScale,
    Polarity,
    load_judgement_scale,
    summarise_audits,
)
from neglect_protocol.cli import main
from neglect_protocol.disclosure import load_disclosure_policy
from neglect_protocol.display import format_decision, format_profile, format_screening_decision
from neglect_protocol.errors import DocumentError, NeglectProtocolError
from neglect_protocol.escalation import Decision, load_policy
from neglect_protocol.records import decision_records, profile_records
from neglect_protocol.screening import (
    Answer,
    Screening,
    ScreeningDecision,
    ScreeningPolicy,
    SignAnswer,
    load_checklist,
    load_screening_policy,
    screen,
)
from neglect_protocol.serialize import document_types, from_dict, from_json, to_dict
from neglect_protocol.strategies import type_strategies
from neglect_protocol.survey import (
    Question,
    ResponseScale,
    Survey,
    SurveyResponse,
    survey_metrics,
)

# Public modules attach views (HTML, records) to the classes they publish when they are
# imported: import them all, so that what is checked does not depend on the tests run first.
for _module in pkgutil.iter_modules(neglect_protocol.__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"neglect_protocol.{_module.name}")

CANARY = "Canary Zq said Mum hit Jo 0042"
"""Free text as a careless integrator would send it: no echo rule may mistake it for a code."""

GOLDEN = Path(__file__).resolve().parent / "golden"
DATA = ROOT / "src" / "neglect_protocol" / "data"
KINDS = {entry.kind: entry.type for entry in document_types()}

Location = tuple[str | int, ...]


# --- Where the canary may be shown, and why ---

# Renderings (HTML views, records, the text of `format_*`, the report, the CLI's output)
# exist to show a value to a person: the places below are what each shows by design.
# A place is a document path with list positions left out (``reasons[].text``).
_CHILD = {
    # A rendering of an assessment, profile or decision says which child it is about,
    # by the host system's reference: the reader must know whose it is.
    "child.reference",
}
_PROFILE = {
    *_CHILD,
    # A profile's table and text show the catalogue it was scored against,
    "catalogue_name",
    "catalogue_version",
    # each area and sub-area by its code and name,
    "areas[].name",
    "sub_areas[].code",
    "sub_areas[].name",
    # the roll-up rule that suggested grades,
    "rule",
    # and the host system's reference for the assessment (a records column).
    "assessment_reference",
}
_DECISION = {
    *_CHILD,
    "assessment_reference",
    # A decision's text names its policy: showing the policy is what that text is for.
    "policy.name",
    "policy.version",
    # It gives every reason: the rule that fired, its plain-English text, its codes,
    "reasons[].rule",
    "reasons[].text",
    "reasons[].codes[]",
    # and who overrode it (the rationale, free text, is only said to be recorded).
    "overridden.by",
}
_POLICY = {
    # A decision shows its policy's name and version, and the level decided by name
    # with its typical response: that is what a practitioner reads it for.
    "name",
    "version",
    "levels[].name",
    "levels[].typical_response",
}
_SYMBOLS = ("suppressed", "not_available", "not_applicable")
_REPORT = {
    # The annual report is a configured document: its title, the periods' labels, the
    # survey's name, questions and findings are what it prints;
    "title",
    "current.label",
    "previous.label",
    "survey.name",
    "survey.questions[].text",
    "survey.questions[].finding",
    # its tables break figures down by audit theme, team and agency (organisations and
    # configured themes, never a child or a comment).
    "current.audits[].comments[].theme",
    "current.audits[].team",
    "current.implementation.completions[].agency",
    "previous.audits[].comments[].theme",
    "previous.audits[].team",
    "previous.implementation.completions[].agency",
    # Its audit tables count files by judgement, under the scale's labels, and its
    # survey tables break answers down by the survey's configured respondent groups.
    "scale.judgements[].label",
    "survey.groups[]",
    # Its notes name the disclosure policy applied, and its tables print the policy's
    # symbols where a count is hidden or missing: the reader needs both to read them.
    *(f"disclosure.{place}" for place in ("name", "version", "source")),
    *(f"disclosure.symbols.{symbol}" for symbol in _SYMBOLS),
}
SHOWN: dict[str, set[str]] = {
    # An assessment's table shows the child and each rated code; it is scored and
    # decided, and those renderings show what they show of a profile.
    "assessment": {*_CHILD, "ratings[].code", "reference"},
    # A catalogue's view is its table of areas, sub-areas and items, by code and name
    # (an item by its label), under its own name and version.
    "catalogue": {
        "name",
        "version",
        "areas[].name",
        "areas[].sub_areas[].name",
        "items[].label",
    },
    "profile": _PROFILE,
    "threshold_policy": _POLICY,
    "decision": _DECISION,
    "screening_checklist": set(),
    # A screening decision's text names its policy.
    "screening_policy": {"name", "version"},
    # A screening decision's text names the child screened.
    "screening": _CHILD,
    # ... and, for a screening decision, its policy, reasons and the signs not known.
    "screening_decision": {*_DECISION, "not_known[]"},
    "judgement_scale": set(),
    # An audit summary's tables count files by team and comments by configured theme.
    "case_file_audit": {"team", "comments[].theme"},
    # Survey metrics are a table by question code and respondent group, under the
    # survey's name.
    "survey": {"name", "groups[]", "questions[].code"},
    "survey_response": set(),
    # A cohort's rows (for a DataFrame) are one per child, keyed by the host's reference.
    "cohort": {"records[].reference"},
    "implementation_measures": set(),
    "period_records": set(),
    "disclosure_policy": set(),
    "assurance_input": _REPORT,
}

# A repr is read by developers (and may reach a log or a traceback). Received data about
# a child or a case is shown there only through safe_repr. A configuration value's
# repr shows its configured wording, which is what it is: a scale's codes and labels,
# a survey's questions and answers, a disclosure policy's symbols, a period's label.
_SCALE = {"name", "version", "judgements[].code", "judgements[].label"}
_SURVEY = {
    "name",
    "groups[]",
    "questions[].code",
    "questions[].text",
    "questions[].finding",
    "questions[].scale.name",
    "questions[].scale.answers[]",
}
_JUDGED = {"grade.code", "grade.label"}  # an audit's grade is a judgement of the scale
REPR_SHOWS: dict[str, set[str]] = {
    "judgement_scale": _SCALE,
    "survey": _SURVEY,
    "case_file_audit": _JUDGED,
    "period_records": {"label", *(f"audits[].{place}" for place in _JUDGED)},
    "disclosure_policy": {"name", "version", "source", *(f"symbols.{s}" for s in _SYMBOLS)},
    "assurance_input": {
        *(f"disclosure.{place}" for place in ("name", "version", "source")),
        *(f"disclosure.symbols.{symbol}" for symbol in _SYMBOLS),
        "title",
        "current.label",
        "previous.label",
        *(f"survey.{place}" for place in _SURVEY),
        *(f"scale.{place}" for place in _SCALE),
        *(f"{period}.audits[].{place}" for period in ("current", "previous") for place in _JUDGED),
    },
    # A decision's repr shows its level, a configured level of the policy, by name.
    "threshold_policy": {"levels[].name"},
    # An action plan's repr names the review it answers and each action's owning agency:
    # the board's own title and the agencies' names (its texts are described).
    "action_plan": {"title", "recommendations[].actions[].owner"},
    # A census code list's repr names its source and labels: the DfE's published wording.
    "census_code_list": {"source", "codes[].label"},
}


# --- Putting the canary in ---


def leaves(value: Any, prefix: Location = ()) -> Iterator[tuple[Location, Any]]:
    """Every place inside ``value`` (a parsed document) and what is there, outermost first."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key), item
            yield from leaves(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index), item
            yield from leaves(item, (*prefix, index))


def places(document: Any) -> list[Location]:
    """Where the canary goes: every value but the envelope (strings and every other type)."""
    return [
        location
        for location, _ in leaves(document)
        if location[-1:] not in {("kind",), ("schema_version",)}
    ]


def objects(document: Any) -> list[Location]:
    """Where each JSON object inside ``document`` is, ``document`` itself first."""
    return [()] + [location for location, item in leaves(document) if isinstance(item, dict)]


def planted(document: Any, location: Location) -> Any:
    """A copy of ``document`` with the canary at ``location``."""
    copied = copy.deepcopy(document)
    parent = copied
    for step in location[:-1]:
        parent = parent[step]
    parent[location[-1]] = CANARY
    return copied


def keyed(document: Any, location: Location) -> Any:
    """A copy of ``document`` with the canary as a key of the object at ``location``.

    It takes the place of the object's first key (keeping its value), so that a mapping
    keyed by codes gets a key that is not a code, and a record an unknown key.
    """
    copied = copy.deepcopy(document)
    target = copied
    for step in location:
        target = target[step]
    first = next(iter(target), None)
    target[CANARY] = target.pop(first) if first is not None else 1
    return copied


def variants(document: Any) -> Iterator[tuple[str, Any]]:
    """``document`` with the canary in each place in turn, and as each object's key.

    Places alike but for a list position (the team of each audit) are read by the same
    code, so the first of them stands for the rest: that keeps the file quick.
    """
    done: set[str] = set()
    for location in places(document):
        where = pattern(location)
        if where not in done:
            done.add(where)
            yield where, planted(document, location)
    for location in objects(document):
        where = "key of " + (pattern(location) or "$")
        if where not in done:
            done.add(where)
            yield where, keyed(document, location)


def pattern(location: Location) -> str:
    """A location as ``survey.questions[].text``: list positions left out, to match places."""
    return "".join("[]" if isinstance(step, int) else f".{step}" for step in location)[1:]


def goldens(kind: str) -> list[Any]:
    """The golden documents of ``kind`` at the current schema version, parsed."""
    paths = sorted((GOLDEN / kind).glob("v1-*.json"))
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]


def golden(kind: str) -> Any:
    """The first golden document of ``kind`` at the current schema version, parsed."""
    return goldens(kind)[0]


# --- Looking for it ---


def error_texts(error: BaseException) -> Iterator[tuple[str, str]]:
    """Every text an error offers a caller or a traceback, by name: the chain a traceback shows."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = type(current).__name__
        yield f"str({name})", str(current)
        yield f"repr({name})", repr(current)
        for index, argument in enumerate(current.args):
            yield f"{name}.args[{index}]", str(argument)
        for index, problem in enumerate(getattr(current, "problems", ())):
            yield f"{name}.problems[{index}]", f"{problem!r} {problem}"
        for note in getattr(current, "__notes__", ()):
            yield f"{name}.__notes__", str(note)
        # What a traceback shows: the cause, or the context unless ``from None`` hid it.
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )


def assert_error_hides(error: BaseException, where: str) -> None:
    """Rule: no error, nor anything a traceback shows with it, holds the canary."""
    for name, text in error_texts(error):
        assert CANARY not in text, f"{name} echoes the canary put at {where}: {text[:300]}"


def views(value: Any) -> Iterator[tuple[str, Callable[[], str]]]:
    """Each way of showing ``value`` (or what is made from it), by name, not yet called."""
    yield "repr", lambda: repr(value)
    yield "str", lambda: str(value)
    if hasattr(value, "_repr_html_"):
        yield "html", value._repr_html_
    if hasattr(value, "to_records"):
        yield "records", lambda: str(value.to_records())
    if isinstance(value, Assessment):
        yield from made("score", lambda: score(value))
    elif isinstance(value, Profile):
        yield "format_profile", lambda: format_profile(value)
        yield "profile_records", lambda: str(profile_records([value]))
        yield from made("decide", lambda: decide(value))
    elif isinstance(value, ThresholdPolicy):
        profile = from_dict(Profile, golden("profile"))
        yield from made("decide", lambda: decide(profile, policy=value))
    elif isinstance(value, Decision):
        yield "format_decision", lambda: format_decision(value)
        yield "decision_records", lambda: str(decision_records([value]))
    elif isinstance(value, Screening):
        yield from made("screen", lambda: screen(value))
    elif isinstance(value, ScreeningPolicy):
        screening = from_dict(Screening, golden("screening"))
        yield from made("screen", lambda: screen(screening, policy=value))
    elif isinstance(value, ScreeningDecision):
        yield "format_screening_decision", lambda: format_screening_decision(value)
    elif isinstance(value, ReportInput):
        yield from made("build", value.build, render=True)
    elif isinstance(value, CaseFileAudit):
        yield from made("summarise", lambda: summarise_audits([value], scale=OFSTED_FOUR_POINT))
    elif isinstance(value, Survey):
        yield from made("metrics", lambda: survey_metrics(value, []))
    elif isinstance(value, SurveyResponse):
        survey = from_dict(Survey, golden("survey"))
        yield from made("metrics", lambda: survey_metrics(survey, [value]))


def made(step: str, make: Callable[[], Any], *, render: bool = False) -> Iterator[tuple[str, Any]]:
    """The views of what ``make`` makes, named after ``step``; its error is a view too."""
    try:
        result = make()
    except NeglectProtocolError as error:
        texts = "\n".join(text for _, text in error_texts(error))
        yield f"{step} error", lambda: texts
        return
    if render:
        yield f"{step}.render_markdown", lambda: render_markdown(result)
        yield f"{step}.render_html", lambda: render_html(result)
        return
    for name, show in views(result):
        yield f"{step}.{name}", show


def allowed(kind: str, view: str, where: str) -> bool:
    """Whether the canary put at ``where`` may be shown by ``view`` (see SHOWN, REPR_SHOWS)."""
    if "error" in view:
        return False
    if view.rsplit(".", 1)[-1] in {"repr", "str"}:
        return where in REPR_SHOWS.get(kind, set())
    return where in SHOWN[kind]


def check_document(kind: str, document: Any, where: str) -> None:
    """Load ``document`` every way a caller can, and look for the canary in all it shows."""
    cls = KINDS[kind]
    try:
        value: Any = from_dict(cls, document)
    except DocumentError as error:
        assert_error_hides(error, where)
        with pytest.raises(DocumentError) as again:
            from_json(cls, json.dumps(document))
        assert_error_hides(again.value, where)
        return
    for view, show in views(value):
        text = show()
        if not allowed(kind, view, where):
            assert CANARY not in text, f"{view} of a {kind} shows the canary put at {where}"


@pytest.fixture(autouse=True)
def every_log_record(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Capture every log record at DEBUG during a test, and check none holds the canary."""
    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="neglect_protocol"):
        yield
    # At teardown, ``caplog.records`` is the teardown's: read the test's own phases.
    for record in caplog.get_records("setup") + caplog.get_records("call"):
        assert CANARY not in record.getMessage(), f"logger {record.name} echoes the canary"


# --- The property, over documents drawn from the shipped strategies ---


class TestDrawnDocuments:
    @pytest.mark.parametrize("kind", sorted(KINDS))
    @settings(share_of_examples(0.1), suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def test_the_canary_is_shown_only_where_it_is_the_point(
        self, kind: str, data: st.DataObject
    ) -> None:
        """Law (issue 10): in any valid document, the canary in any field, or as a key, of
        any type, is never echoed by an error, a repr, a log record or a rendering, except
        in the places listed in SHOWN and REPR_SHOWS."""
        value = data.draw(type_strategies()[KINDS[kind]], label="document")
        document = to_dict(value)
        where, changed = data.draw(st.sampled_from(list(variants(document))), label="canary")
        check_document(kind, changed, where)


# --- Every place of every golden document, in turn ---


class TestGoldenDocuments:
    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_every_place_in_turn(self, kind: str) -> None:
        """Each golden document with the canary in each place and as each key, in turn:
        errors, reprs and renderings show it only where SHOWN and REPR_SHOWS allow."""
        for document in goldens(kind):
            for where, changed in variants(document):
                check_document(kind, changed, where)


# --- Reference files: what a partnership types into TOML ---


def toml_value(value: Any) -> str:
    """``value`` (parsed from TOML or JSON, no nulls) written as a TOML value on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # A JSON string is a TOML basic string.
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return (
        "{"
        + ", ".join(f"{json.dumps(key)} = {toml_value(item)}" for key, item in value.items())
        + "}"
    )


def toml_document(document: dict[str, Any]) -> str:
    """A whole TOML file holding ``document``."""
    return "".join(f"{json.dumps(key)} = {toml_value(value)}\n" for key, value in document.items())


REFERENCE_FILES = [
    ("catalogue", load_catalogue, ROOT / "examples" / "invented_catalogue.toml"),
    ("threshold_policy", load_policy, DATA / "policy_default.toml"),
    ("threshold_policy", load_policy, ROOT / "examples" / "local_policy.toml"),
    ("screening_checklist", load_checklist, DATA / "screening_checklist.toml"),
    ("screening_policy", load_screening_policy, DATA / "screening_policy_default.toml"),
    ("judgement_scale", load_judgement_scale, DATA / "ofsted_four_point.toml"),
    ("judgement_scale", load_judgement_scale, ROOT / "examples" / "ofsted_before_2013.toml"),
    ("disclosure_policy", load_disclosure_policy, DATA / "disclosure-dfe.toml"),
]


class TestReferenceFiles:
    @pytest.mark.parametrize(
        ("kind", "load", "path"), REFERENCE_FILES, ids=[path.name for _, _, path in REFERENCE_FILES]
    )
    def test_loaders_never_echo_the_canary(
        self, kind: str, load: Callable[[Path], Any], path: Path, tmp_path: Path
    ) -> None:
        """A shipped reference file with the canary in each configured name, each field of
        another type and as each key, in turn: the loader's errors never show it, and the
        repr of what loads shows it only as configured wording (REPR_SHOWS)."""
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        changed_file = tmp_path / path.name
        assert document == tomllib.loads(toml_document(document))  # the writer is faithful
        for where, changed in variants(document):
            changed_file.write_text(toml_document(changed), encoding="utf-8")
            try:
                value = load(changed_file)
            except NeglectProtocolError as error:
                assert_error_hides(error, f"{where} of {path.name}")
                continue
            if where not in REPR_SHOWS.get(kind, set()):
                assert CANARY not in repr(value), f"repr shows the canary put at {where}"
                assert CANARY not in str(value), f"str shows the canary put at {where}"


# --- The command line, run in this process ---


def run(capsys: pytest.CaptureFixture[str], *arguments: object) -> tuple[int, str, str]:
    """Run ``neglect-protocol`` with ``arguments``: its status, standard output and error."""
    status = main([str(argument) for argument in arguments])
    out, err = capsys.readouterr()
    return status, out, err


def write(folder: Path, name: str, document: Any) -> Path:
    """``document`` written as the file ``name`` (TOML or JSON by its suffix)."""
    path = folder / name
    text = toml_document(document) if name.endswith(".toml") else json.dumps(document)
    path.write_text(text, encoding="utf-8")
    return path


def example(name: str) -> Any:
    """An example file shipped in examples/ or the package's data, parsed."""
    path = ROOT / "examples" / name if (ROOT / "examples" / name).exists() else DATA / name
    text = path.read_text(encoding="utf-8")
    return tomllib.loads(text) if name.endswith(".toml") else json.loads(text)


def assert_output_hides(
    kind: str, where: str, status: int, out: str, err: str, *, shown: set[str]
) -> None:
    """Rule: standard error never shows the canary; standard output only at ``shown`` places."""
    assert status in {0, 1}, err
    assert CANARY not in err, f"standard error echoes the canary put at {where} of a {kind}"
    if where not in shown:
        assert CANARY not in out, f"standard output shows the canary put at {where} of a {kind}"


# What the score command prints (a profile and its decision, as text or JSON) may show
# of the catalogue: its name, version, areas and sub-areas (see SHOWN["profile"]).
_CATALOGUE_SHOWN = {
    "name",
    "version",
    "areas[].name",
    "areas[].sub_areas[].name",
    "areas[].sub_areas[].code",
}


class TestCommandLine:
    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_validate(self, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``validate`` prints only the kind of a valid document and the problems of an
        invalid one: the canary, anywhere in any document, is never printed."""
        for document in goldens(kind):
            for where, changed in variants(document):
                status, out, err = run(capsys, "validate", write(tmp_path, "d.json", changed))
                assert_output_hides(kind, where, status, out, err, shown=set())

    @pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
    def test_score(self, as_json: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``score`` (text and ``--json``) with the canary in the assessment, the catalogue
        or the policy shows it only where the profile and decision are for it."""
        json_flag = ["--json"] if as_json else []
        assessment = example("invented_assessment.json")
        catalogue = example("invented_catalogue.toml")
        policy = example("policy_default.toml")
        files = {
            "assessment": write(tmp_path, "a.json", assessment),
            "catalogue": write(tmp_path, "c.toml", catalogue),
            "threshold_policy": write(tmp_path, "p.toml", policy),
        }

        def score_with(**changed: Path) -> tuple[int, str, str]:
            given = {**files, **changed}
            return run(
                capsys,
                "score",
                given["assessment"],
                "--catalogue",
                given["catalogue"],
                "--policy",
                given["threshold_policy"],
                *json_flag,
            )

        assert 0 == score_with()[0]
        for kind, document, shown in (
            ("assessment", assessment, SHOWN["assessment"]),
            ("catalogue", catalogue, _CATALOGUE_SHOWN),
            ("threshold_policy", policy, _POLICY),
        ):
            suffix = files[kind].suffix
            for where, changed in variants(document):
                path = write(tmp_path, f"changed{suffix}", changed)
                status, out, err = score_with(**{kind: path})
                assert_output_hides(kind, where, status, out, err, shown=shown)

    @pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
    def test_screen(
        self, as_json: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``screen`` (text and ``--json``) with the canary in the screening or the policy
        shows it only where the screening decision is for it."""
        json_flag = ["--json"] if as_json else []
        screening = golden("screening")
        policy = example("screening_policy_default.toml")
        # The JSON screening decision carries the host system's reference for the
        # screening, as the screening document does: a field copied, for the host to match.
        shown = SHOWN["screening"] | ({"reference"} if as_json else set())
        for where, changed in variants(screening):
            status, out, err = run(capsys, "screen", write(tmp_path, "s.json", changed), *json_flag)
            assert_output_hides("screening", where, status, out, err, shown=shown)
        screening_file = write(tmp_path, "s.json", screening)
        for where, changed in variants(policy):
            policy_file = write(tmp_path, "p.toml", changed)
            status, out, err = run(
                capsys, "screen", screening_file, "--policy", policy_file, *json_flag
            )
            assert_output_hides(
                "screening_policy", where, status, out, err, shown=SHOWN["screening_policy"]
            )

    def test_report(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``report`` never prints the canary; the files it writes show it only where the
        report is for it (SHOWN["assurance_input"])."""
        for where, changed in variants(golden("assurance_input")):
            out_dir = tmp_path / "out"
            status, out, err = run(
                capsys, "report", write(tmp_path, "r.json", changed), "--out", out_dir, "--force"
            )
            assert_output_hides("assurance_input", where, status, out, err, shown=set())
            for written in out_dir.glob("*") if status == 0 else ():
                if where not in SHOWN["assurance_input"]:
                    text = written.read_text(encoding="utf-8")
                    assert CANARY not in text, f"{written.name} shows the canary put at {where}"


# --- The leaks the canary found, each fixed (issue 10) ---


class TestLeaksFound:
    def test_a_level_named_in_free_text_is_not_echoed(self) -> None:
        """Regression: a decision at a level its policy lacks echoed the level's name."""
        decision = decide(from_dict(Profile, golden("profile")))
        stray = attrs.evolve(decision.level, name=CANARY)
        with pytest.raises(NeglectProtocolError) as caught:
            attrs.evolve(decision, level=stray)
        assert_error_hides(caught.value, "level.name")
        assert "a str of 30 characters" in str(caught.value)

    def test_a_judgement_scale_code_is_not_echoed(self) -> None:
        """Regression: a scale refusing its good_or_better code listed its codes, free text too."""
        with pytest.raises(NeglectProtocolError) as caught:
            JudgementScale.from_labels(
                "Invented",
                "1",
                [(CANARY, "Strong"), ("weak", "Weak")],
                good_or_better="fair",
                inadequate="weak",
            )
        assert_error_hides(caught.value, "judgements[0].code")

    def test_a_judgement_looked_up_on_a_scale_does_not_list_free_text(self) -> None:
        """Regression: an unknown judgement's error listed the scale's codes whole."""
        scale = JudgementScale.from_labels(
            "Invented",
            "1",
            [("strong", "Strong"), (CANARY, "Weak")],
            good_or_better="strong",
            inadequate=CANARY,
        )
        with pytest.raises(NeglectProtocolError) as caught:
            scale["fair"]
        assert_error_hides(caught.value, "judgements[1].code")
        assert "'strong'" in str(caught.value)

    def test_a_scale_answer_is_not_echoed(self) -> None:
        """Regression: default positive answers not on the scale listed its answers whole."""
        with pytest.raises(NeglectProtocolError) as caught:
            ResponseScale("Invented", (CANARY, "no"), default_positive=frozenset({"yes"}))
        assert_error_hides(caught.value, "answers[0]")

    def test_a_survey_group_is_not_echoed(self) -> None:
        """Regression: a response from an unknown group listed the survey's groups whole."""
        survey = Survey("Invented", (Question("q1", "Invented question?"),), (CANARY, "family"))
        with pytest.raises(NeglectProtocolError) as caught:
            survey.check_response(SurveyResponse("R-1", "professional", {"q1": "yes"}))
        assert_error_hides(caught.value, "groups[0]")

    def test_a_key_is_described_in_a_path(self) -> None:
        """Regression: an unknown key was quoted whole in the problem's path."""
        document = golden("assessment")
        document["child"][CANARY] = 1
        with pytest.raises(DocumentError) as caught:
            from_dict(Assessment, document)
        assert_error_hides(caught.value, "a key of child")
        assert "$.child[a string of 30 characters]" == caught.value.problems[0].path

    @pytest.mark.parametrize(
        "make",
        [
            lambda: Rating(CANARY, 3),
            lambda: ChildRef(CANARY, date_of_birth=dt.date(2019, 4, 2)),
            lambda: Carer("P-1", role=CANARY),
            lambda: Practitioner(CANARY, agency=CANARY),
            lambda: SignAnswer(CANARY, Answer.DOES_NOT_APPLY),
            lambda: SurveyResponse(CANARY, CANARY, {}),
            lambda: AuditComment(CANARY, Polarity.POSITIVE, "Invented comment."),
        ],
        ids=["rating", "child", "carer", "practitioner", "sign", "response", "comment"],
    )
    def test_reprs_of_case_data_describe_free_text(self, make: Callable[[], Any]) -> None:
        """Regression: reprs of case data showed codes and references holding free text."""
        value = make()
        assert CANARY not in repr(value)
        assert "a str of 30 characters" in repr(value)

    def test_reprs_still_show_codes_and_references(self) -> None:
        """A code or a reference, as the library expects them, is shown as before."""
        assert "Rating(code='A1a', grade=<Grade.BORDERLINE: 3>)" == repr(Rating("A1a", 3))
        assert "SurveyResponse(respondent='R-1', group='family')" == repr(
            SurveyResponse("R-1", "family", {})
        )

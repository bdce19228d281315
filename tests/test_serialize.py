from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import converter_without, share_of_examples
from neglect_protocol import (
    GCP2,
    Assessment,
    Catalogue,
    ChildRef,
    Grade,
    Instrument,
    Item,
    ObservationWindow,
    Profile,
    ProfileEntry,
    Rating,
    load_catalogue,
    score,
)

# The fast writers and the converter are private: see TestFastWriters for why they are reached.
from neglect_protocol._boundary._documents import _converter
from neglect_protocol._boundary._kinds import RULES
from neglect_protocol.action_plan import ActionPlan
from neglect_protocol.errors import (
    DocumentError,
    DocumentProblem,
    NeglectProtocolError,
    SchemaVersionError,
    UnsupportedTypeError,
)
from neglect_protocol.escalation import Decision
from neglect_protocol.serialize import (
    document_type,
    document_types,
    from_dict,
    from_json,
    json_schema,
    to_dict,
    to_json,
)
from neglect_protocol.strategies import (
    assessments_with_evidence,
    decisions,
    register_type_strategies,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SECRET = "Invented: a sentence about the child that must never be echoed"
# GCP2's structure without its age band: not the built-in structure, so written in full.
STRUCTURED = attrs.evolve(GCP2, age_band=None)

PUBLIC_MODULES = [
    "grades",
    "catalogue",
    "assessment",
    "profile",
    "escalation",
    "screening",
    "audit",
    "survey",
    "indicators",
    "assurance",
    "disclosure",
]
NOT_VALUES = {
    # Built from a catalogue for scoring, never exchanged: an index, not a value.
    "RatingTarget",
    # What a rule is handed while deciding, never kept or exchanged.
    "RuleContext",
    "PolicyFacts",
    "ScreeningContext",
    # An audit tool holds its roll-up rule, a function: a tool is configured in code.
    "AuditTool",
    # Results worked out from exchanged values, which are exchanged instead and
    # worked out again: summaries, metrics, breakdowns and the report itself.
    "AuditGrading",
    "AuditSummary",
    "GradeCounts",
    "ThemeTally",
    "ShareMetric",
    "SurveyMetrics",
    "Breakdown",
    "CrossTab",
    "AssuranceReport",
    "ChangeLine",
    "CriterionShare",
    "Headline",
    "IndicatorTrend",
    "NeglectCut",
    "ReportTable",
    "DisclosedCell",
    "DisclosedTable",
}


def public_value_types() -> list[type]:
    """Every public class that holds a value: attrs classes, enumerations and named tuples."""
    found: dict[str, type] = {}
    for name in PUBLIC_MODULES:
        module = importlib.import_module(f"neglect_protocol.{name}")
        for attr in module.__all__:
            obj = getattr(module, attr)
            is_value = inspect.isclass(obj) and (
                attrs.has(obj) or issubclass(obj, (enum.Enum, tuple))
            )
            if is_value and attr not in NOT_VALUES:
                found[attr] = obj
    return [found[name] for name in sorted(found)]


def minimal() -> Assessment:
    return Assessment(
        ChildRef("C-0001", date_of_birth=dt.date(2019, 4, 2)),
        ObservationWindow(dt.date(2024, 2, 5), dt.date(2024, 2, 23)),
        (Rating("A1", 3, evidence=SECRET, carer_comment=SECRET), Rating("A4", 4)),
    )


def document() -> dict[str, Any]:
    data: dict[str, Any] = to_dict(minimal())
    return data


def problems(cls: type, data: Any) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        from_dict(cls, data)
    assert SECRET not in str(caught.value)
    return [str(problem) for problem in caught.value.problems]


class TestRoundTrip:
    @pytest.mark.parametrize("cls", public_value_types(), ids=lambda cls: cls.__name__)
    @share_of_examples(0.25)
    @given(data=st.data())
    def test_every_public_type_round_trips(self, cls: type, data: st.DataObject) -> None:
        """Rule: from_dict(T, to_dict(x)) == x and from_json(T, to_json(x)) == x for every public value type."""
        register_type_strategies()
        value = data.draw(st.from_type(cls))
        assert value == from_dict(cls, to_dict(value))
        assert value == from_json(cls, to_json(value))

    def test_every_public_type_is_serialisable(self) -> None:
        """Every public value type of the foundation is registered (a new one must be too)."""
        # serialisable_types is private: that it covers every public type is an internal law.
        from neglect_protocol._boundary._documents import serialisable_types

        assert set(public_value_types()) <= serialisable_types()

    @given(assessments_with_evidence())
    def test_free_text_survives_json(self, assessment: Assessment) -> None:
        """Rule: evidence and comments, in any script, come back exactly from JSON text."""
        assert assessment.ratings == from_json(Assessment, to_json(assessment)).ratings

    def test_plain_json_values(self) -> None:
        """Dates are ISO 8601, grades integers, enumerations their codes; output is ASCII."""
        data = to_dict(minimal())
        assert {
            "reference": "C-0001",
            "date_of_birth": "2019-04-02",
            "expected_delivery_date": None,
        } == data["child"]
        assert 3 == data["ratings"][0]["grade"]
        assert int is type(data["ratings"][0]["grade"])
        assert "GCP2" == data["instrument"]
        assert 4 == to_dict(Grade.POOR)
        assert "GCP2A" == to_dict(Instrument.GCP2A)
        assert to_json(Rating("A1", 2, evidence="Invented: café")).isascii()

    def test_documents_carry_kind_and_version_first(self) -> None:
        """Every document starts with its kind and schema version; parts carry neither."""
        assert ["kind", "schema_version", "child"] == list(to_dict(minimal()))[:3]
        assert "kind" not in to_dict(Rating("A1", 2))

    def test_kind_may_be_left_out(self) -> None:
        """A document without ``kind`` still reads (the type is given by the caller)."""
        data = document()
        del data["kind"]
        assert minimal() == from_dict(Assessment, data)

    def test_profile_document_leaves_out_what_it_derives(self) -> None:
        """A profile is written by its entries; units and counts are rebuilt on reading."""
        profile = score(minimal())
        data = to_dict(profile)
        assert {"units", "grade_counts", "entries"}.isdisjoint(data)
        again = from_dict(Profile, data)
        assert profile.units == again.units
        assert profile.grade_counts == again.grade_counts

    def test_indent(self) -> None:
        """to_json(indent=2) writes one key per line."""
        assert '{\n  "code": "A1",' == to_json(Rating("A1", 2), indent=2)[:17]


class TestErrors:
    def test_every_problem_is_listed_with_its_path(self) -> None:
        """One DocumentError lists every problem, each as `path: message`, in document order."""
        data = document()
        data["child"] = {"reference": " "}
        data["window"] = {"start": "2024-02-30", "end": 3}
        data["ratings"] = [{"code": 5, "grade": 7, "evidence": 4, "note": SECRET}, "A1"]
        data["colour"] = "blue"
        assert [
            '$.child.reference: expected text that is not blank, got " "',
            "$.window.start: expected an ISO 8601 date (YYYY-MM-DD), got a string of 10 characters",
            "$.window.end: expected an ISO 8601 date string (YYYY-MM-DD), got an integer",
            "$.ratings[0].code: expected a string, got an integer",
            "$.ratings[0].grade: expected an integer from 1 to 5, got 7",
            "$.ratings[0].evidence: expected a string, got an integer",
            "$.ratings[0].note: unknown key; expected only code, grade, evidence, carer_comment",
            "$.ratings[1]: expected an object, got a string",
            "$.colour: unknown key; expected only child, window, ratings, instrument, carers, "
            "practitioners, targets, reference",
        ] == problems(Assessment, data)

    def test_error_type_and_categories(self) -> None:
        """The error is a NeglectProtocolError and a ValueError; each problem has a category."""
        data = document()
        data["ratings"][0]["grade"] = "3"
        data["ratings"][1]["grade"] = 9
        with pytest.raises(DocumentError) as caught:
            from_dict(Assessment, data)
        assert isinstance(caught.value, NeglectProtocolError)
        assert isinstance(caught.value, ValueError)
        assert "assessment" == caught.value.kind
        assert ["shape", "range"] == [problem.category for problem in caught.value.problems]
        assert '$.ratings[0].grade: expected an integer from 1 to 5, got "3"' == str(
            caught.value.problems[0]
        )

    @pytest.mark.parametrize(
        ("grade", "shown"),
        [
            (True, "true"),
            (3.0, "3.0"),
            (None, "null"),
            ([3], "a list"),
            (10**80, "an integer of about 81 digits"),
            ("x" * 41, "a string of 41 characters"),
            (float("inf"), "a number that is not finite"),
        ],
    )
    def test_bad_grades_are_described_briefly(self, grade: object, shown: str) -> None:
        """A bad grade is quoted when short, and named by its type or size otherwise."""
        data = document()
        data["ratings"][0]["grade"] = grade
        assert [f"$.ratings[0].grade: expected an integer from 1 to 5, got {shown}"] == problems(
            Assessment, data
        )

    def test_dates(self) -> None:
        """Dates are strings in the form YYYY-MM-DD: other forms and Python dates are refused."""
        window = {"start": "2024-1-1", "end": dt.date(2024, 1, 5)}
        assert [
            "$.start: expected an ISO 8601 date (YYYY-MM-DD), got a string of 8 characters",
            "$.end: expected an ISO 8601 date string (YYYY-MM-DD), got a Python date",
        ] == problems(ObservationWindow, window)

    def test_optional_text(self) -> None:
        """Optional text (a role, a comment, a reference) is a string or null, nothing else."""
        data = document()
        data["carers"] = [{"reference": "P-1", "role": 5}]
        data["ratings"][1]["carer_comment"] = ["a list"]
        assert [
            "$.ratings[1].carer_comment: expected a string or null, got a list",
            "$.carers[0].role: expected a string or null, got an integer",
        ] == problems(Assessment, data)

    def test_missing_keys(self) -> None:
        """A required key that is missing is named; optional keys may be left out."""
        data = document()
        del data["window"]
        del data["ratings"][0]["grade"]
        del data["carers"]
        assert [
            "$.window: required key missing",
            "$.ratings[0].grade: required key missing",
        ] == problems(Assessment, data)

    def test_rules_across_fields(self) -> None:
        """Model rules (window order, a child needs a date, unique codes) come back with paths."""
        data = document()
        data["child"] = {"reference": "C-1"}
        data["window"] = {"start": "2024-02-05", "end": "2024-02-01"}
        assert [
            "$.child: expected a date_of_birth or, for an unborn child, an expected_delivery_date; got neither",
            "$.window: expected an end on or after the start, got an end 4 days before the start",
        ] == problems(Assessment, data)
        data = document()
        data["ratings"][1]["code"] = "A1"
        assert ["$.ratings[1].code: expected each rated code once, got 'A1' again"] == problems(
            Assessment, data
        )
        target = {"code": "A1", "current_grade": 2, "target_grade": 4, "review_by": "2024-06-01"}
        data = document()
        data["targets"] = [target]
        assert [
            "$.targets[0].target_grade: expected a target no worse than the current grade 2, got 4"
        ] == problems(Assessment, data)

    def test_containers_must_be_json_arrays_and_objects(self) -> None:
        """An object where a list belongs (or a string) is refused, not iterated."""
        data = document()
        data["carers"] = {}
        data["ratings"] = "A1"
        assert [
            "$.ratings: expected a list, got a string",
            "$.carers: expected a list, got an object",
        ] == problems(Assessment, data)
        assert ["$: expected a JSON object, got a list"] == problems(Assessment, [1])
        assert ["$: expected an object, got null"] == problems(Rating, None)

    def test_parts_are_read_without_envelope(self) -> None:
        """A part reads from its own object, with paths from `$`."""
        assert Rating("A1", 2) == from_dict(Rating, {"code": "A1", "grade": 2})
        assert Grade.POOR == from_dict(Grade, 4)
        assert ["$: expected an integer from 1 to 5, got 0"] == problems(Grade, 0)
        assert ['$: expected one of "GCP2", "GCP2A", got "GCP3"'] == problems(Instrument, "GCP3")
        assert ['$: expected one of "GCP2", "GCP2A", got 2'] == problems(Instrument, 2)
        assert ['$: expected one of "GCP2", "GCP2A", got null'] == problems(Instrument, None)

    def test_non_string_keys_from_python(self) -> None:
        """from_dict given a Python dict with keys that are not strings names them."""
        item = {"code": "A1a", "label": "Invented", "parent": "A1", "descriptors": {1: "x"}}
        assert ['$.descriptors[1]: expected a key from "1", "2", "3", "4", "5", got 1'] == problems(
            Item, item
        )
        item["descriptors"] = {"1": 5, "7": "x"}
        assert [
            '$.descriptors["1"]: expected a string, got an integer',
            '$.descriptors["7"]: expected a key from "1", "2", "3", "4", "5", got "7"',
        ] == problems(Item, item)
        item["descriptors"] = ["x"]
        assert ["$.descriptors: expected an object, got a list"] == problems(Item, item)

    def test_long_keys_are_cut_short(self) -> None:
        """An unknown code-like key is named in the path, cut short when long."""
        key = "_".join(["k" * 24] * 3)
        data = document()
        data[key] = 1
        assert problems(Assessment, data)[0].startswith('$["' + key[:40] + '..."]: unknown key')

    def test_keys_that_may_be_free_text_are_described(self) -> None:
        """Regression (issue 10): a key that may be free text was quoted in the path; now described."""
        data = document()
        data["two words"] = 1
        data["k" * 100] = 1
        assert {
            "$[a string of 9 characters]: unknown key",
            "$[a string of 100 characters]: unknown key",
        } == {problem.split(";")[0] for problem in problems(Assessment, data)}

    def test_boolean_and_integer_fields_are_strict(self) -> None:
        """Booleans and integers are not coerced from each other or from text."""
        entry = to_dict(score(minimal()).areas[0])
        entry["is_area"] = 1
        entry["discrepancy"] = "false"
        assert [
            "$.is_area: expected true or false, got 1",
            '$.discrepancy: expected true or false, got "false"',
        ] == problems(ProfileEntry, entry)
        band = {"from_months": True, "until_months": -1}
        from neglect_protocol import AgeBand

        assert [
            "$.from_months: expected an integer, got true",
            "$.until_months: expected a whole number of months, 0 or more, got -1",
        ] == problems(AgeBand, band)

    def test_an_unknown_document_kind_that_is_free_text_is_not_echoed(self) -> None:
        """A document kind is received input: free text given as one stays out of the message."""
        with pytest.raises(UnsupportedTypeError) as caught:
            document_type(SECRET)
        assert "Invented" not in str(caught.value)

    def test_unsupported_types(self) -> None:
        """Types the library does not serialise raise UnsupportedTypeError (a TypeError)."""
        with pytest.raises(UnsupportedTypeError, match="got type int$"):
            to_dict(5)
        with pytest.raises(UnsupportedTypeError, match="got type dict$"):
            from_dict(dict, {})
        with pytest.raises(UnsupportedTypeError, match="got type float$"):
            from_dict(float, 1.0)
        with pytest.raises(UnsupportedTypeError, match="got type 'verdict'$"):
            document_type("verdict")
        with pytest.raises(UnsupportedTypeError, match="got type str$"):
            json_schema(str)
        with pytest.raises(TypeError):
            document_type(int)

    def test_model_errors_without_a_location(self) -> None:
        """A model error that names no field keeps its whole message and no location."""
        # split_location is private: no public input makes a model error without a location.
        from neglect_protocol._boundary._wire import split_location
        from neglect_protocol.errors import UnknownCodeError

        error = UnknownCodeError("Z9", catalogue="GCP2")
        assert ("", "expected a code of catalogue 'GCP2', got 'Z9'") == split_location(error)

    def test_problem_reads_as_a_line(self) -> None:
        """A DocumentProblem prints as `path: message`."""
        assert "$.a: bad" == str(DocumentProblem("$.a", "bad", "shape"))


class TestVersions:
    def test_registry(self) -> None:
        """Every document kind is at version 1; assessments also read version 0."""
        from neglect_protocol.assurance import PeriodRecords, ReportInput
        from neglect_protocol.audit import CaseFileAudit, JudgementScale
        from neglect_protocol.census import CensusCodeList
        from neglect_protocol.disclosure import DisclosurePolicy
        from neglect_protocol.escalation import Decision, ThresholdPolicy
        from neglect_protocol.indicators import Cohort, ImplementationMeasures
        from neglect_protocol.screening import (
            Checklist,
            Screening,
            ScreeningDecision,
            ScreeningPolicy,
        )
        from neglect_protocol.survey import Survey, SurveyResponse

        assert [
            ("assessment", Assessment, 1, 0),
            ("catalogue", Catalogue, 1, 1),
            ("profile", Profile, 1, 1),
            ("threshold_policy", ThresholdPolicy, 1, 1),
            ("decision", Decision, 1, 1),
            ("screening_checklist", Checklist, 1, 1),
            ("screening_policy", ScreeningPolicy, 1, 1),
            ("screening", Screening, 1, 1),
            ("screening_decision", ScreeningDecision, 1, 1),
            ("judgement_scale", JudgementScale, 1, 1),
            ("case_file_audit", CaseFileAudit, 1, 1),
            ("survey", Survey, 1, 1),
            ("survey_response", SurveyResponse, 1, 1),
            ("cohort", Cohort, 1, 1),
            ("implementation_measures", ImplementationMeasures, 1, 1),
            ("period_records", PeriodRecords, 1, 1),
            ("disclosure_policy", DisclosurePolicy, 1, 1),
            ("assurance_input", ReportInput, 1, 1),
            ("census_code_list", CensusCodeList, 1, 1),
            ("action_plan", ActionPlan, 1, 1),
        ] == [
            (entry.kind, entry.type, entry.schema_version, entry.oldest_version)
            for entry in document_types()
        ]
        assert "profile" == document_type(Profile).kind

    @pytest.mark.parametrize(
        ("version", "message"),
        [
            (
                2,
                "expected schema version 1 or older, got 2: the document was written by a newer release of neglect-protocol",
            ),
            (-1, "expected schema version from 0 to 1, got -1"),
            ("1", 'expected an integer schema version, got "1"'),
            (True, "expected an integer schema version, got true"),
            (1.0, "expected an integer schema version, got 1.0"),
        ],
    )
    def test_unreadable_versions_are_refused(self, version: object, message: str) -> None:
        """A newer, unknown or non-integer version raises SchemaVersionError, before anything else."""
        data = document()
        data["schema_version"] = version
        data["ratings"] = "not even checked"
        with pytest.raises(SchemaVersionError) as caught:
            from_dict(Assessment, data)
        assert f"$.schema_version: {message}" == str(caught.value)
        assert version == caught.value.version
        assert (0, 1) == caught.value.supported

    def test_missing_version(self) -> None:
        """A document without schema_version is refused, saying which version is expected."""
        data = document()
        del data["schema_version"]
        with pytest.raises(
            SchemaVersionError, match=r"^\$\.schema_version: required key missing; expected 1$"
        ):
            from_dict(Assessment, data)

    def test_a_version_with_no_migration(self) -> None:
        """Profiles have only version 1, so version 0 is refused."""
        data = to_dict(score(minimal()))
        data["schema_version"] = 0
        with pytest.raises(SchemaVersionError, match="expected schema version 1, got 0"):
            from_dict(Profile, data)

    @pytest.mark.parametrize("kind", ["profile", 3, None])
    def test_wrong_kind(self, kind: object) -> None:
        """A document of another kind is refused by its kind."""
        data = document()
        data["kind"] = kind
        assert [f'$.kind: expected "assessment", got {json.dumps(kind)}'] == problems(
            Assessment, data
        )

    def test_version_0_assessment_is_migrated(self) -> None:
        """Version 0 (ratings keyed by code) reads as the same assessment as version 1."""
        data = document()
        data["schema_version"] = 0
        data["ratings"] = {rating.pop("code"): rating for rating in data["ratings"]}
        assert minimal() == from_dict(Assessment, data)

    def test_migrated_problems_say_so(self) -> None:
        """A problem found after migration names the version-1 path and says it was migrated."""
        data = document()
        data["schema_version"] = 0
        data["ratings"] = {"A1": {"grade": 9}, "A2": 3}
        assert [
            "$.ratings[0].grade: expected an integer from 1 to 5, got 9 (in the document as migrated from schema version 0 to 1)",
            "$.ratings[1]: expected an object, got an integer (in the document as migrated from schema version 0 to 1)",
        ] == problems(Assessment, data)

    def test_version_0_rating_with_its_own_code(self) -> None:
        """A version 0 rating that repeats its code inside is refused: the key is its code."""
        data = document()
        data["schema_version"] = 0
        data["ratings"] = {"A1": {"code": "A1", "grade": 2}}
        assert [
            "$.ratings.A1.code: unknown key in a version 0 rating (its code is the key above it)"
        ] == problems(Assessment, data)

    def test_version_0_without_ratings_object(self) -> None:
        """A version 0 document whose ratings is not an object is refused by the migration."""
        data = document()
        data["schema_version"] = 0
        data["ratings"] = 5
        assert [
            "$.ratings: expected an object keyed by code, the shape of schema version 0 "
            "(a list is the shape of version 1), got 5"
        ] == problems(Assessment, data)

    def test_version_1_shape_labelled_version_0(self) -> None:
        """Regression (issue 10, finding 5): a version 1 assessment labelled 0 is refused.

        The migration read it leniently, as if its label did not matter; a document
        must have the shape of the version it declares.
        """
        data = document()
        data["schema_version"] = 0
        with pytest.raises(DocumentError) as caught:
            from_dict(Assessment, data)
        assert [
            "$.ratings: expected an object keyed by code, the shape of schema version 0 "
            "(a list is the shape of version 1), got a list"
        ] == [str(problem) for problem in caught.value.problems]
        assert not isinstance(caught.value, SchemaVersionError)

    def test_version_0_without_ratings(self) -> None:
        """A version 0 document without ratings is reported as missing them, after migration."""
        data = document()
        data["schema_version"] = 0
        del data["ratings"]
        assert [
            "$.ratings: required key missing (in the document as migrated from schema version 0 to 1)"
        ] == problems(Assessment, data)


class TestJsonText:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                '{"a": 1,',
                "$: expected JSON, got a syntax error at line 1 column 9 (Expecting property name enclosed in double quotes)",
            ),
            ("[NaN]", "$: expected standard JSON, got the non-standard constant NaN"),
            (
                '{"a": -Infinity}',
                "$: expected standard JSON, got the non-standard constant -Infinity",
            ),
            (
                "1" * 5000,
                "$: expected JSON numbers of a readable size, got a number with too many digits",
            ),
            (
                "[" * 100_000 + "]" * 100_000,
                "$: expected JSON nested to a reasonable depth, got arrays or objects nested too deeply to read",
            ),
            (
                b"\xff\xfe\x00",
                "$: expected JSON text in UTF-8, UTF-16 or UTF-32, got bytes that do not decode",
            ),
            (
                "\ufeff{}",
                "$: expected JSON, got a syntax error at line 1 column 1 (Unexpected UTF-8 BOM "
                "(decode using utf-8-sig))",
            ),
        ],
    )
    def test_text_that_is_not_strict_json(self, text: str | bytes, message: str) -> None:
        """Text that is not strict JSON gives one syntax problem at `$`."""
        with pytest.raises(DocumentError) as caught:
            from_json(Assessment, text)
        assert [message] == [str(problem) for problem in caught.value.problems]
        assert "syntax" == caught.value.problems[0].category

    def test_repeated_keys_are_refused_where_they_are(self) -> None:
        """A key given twice in one object is refused at its path: a reader would lose one value."""
        text = to_json(minimal()).replace('"grade": 4', '"grade": 4, "grade": 5')
        text = text.replace('"kind": "assessment"', '"kind": "assessment", "kind": "assessment"')
        with pytest.raises(DocumentError) as caught:
            from_json(Assessment, text)
        assert ["$.kind", "$.ratings[1].grade"] == [
            problem.path for problem in caught.value.problems
        ]
        assert caught.value.problems[0].message.startswith("expected each key once in an object")

    def test_a_lone_surrogate_in_a_key_is_refused_at_its_object(self) -> None:
        """A key holding a lone surrogate is refused at the object holding it (the key,
        being no text, cannot be shown in the path)."""
        text = to_json(minimal()).replace('"child": {', '"child": {"\\ud800": 1, ', 1)
        with pytest.raises(DocumentError) as caught:
            from_json(Assessment, text)
        assert [
            (
                "$.child",
                "expected text of Unicode characters, got a lone surrogate (half of a UTF-16 "
                "pair, which is no character), in a key",
            )
        ] == [(problem.path, problem.message) for problem in caught.value.problems]

    def test_bytes_in_utf8(self) -> None:
        """JSON bytes in UTF-8 read like text."""
        assert minimal() == from_json(Assessment, to_json(minimal()).encode("utf-8"))


class TestCatalogueDocuments:
    def test_same_format_as_catalogue_files(
        self, tmp_path: Path, invented_catalogue: Catalogue
    ) -> None:
        """A catalogue written by to_json loads with load_catalogue, and a file reads with from_dict."""
        path = tmp_path / "catalogue.json"
        path.write_text(to_json(invented_catalogue), encoding="utf-8")
        assert invented_catalogue == load_catalogue(path)
        import tomllib

        data = tomllib.loads((EXAMPLES / "invented_catalogue.toml").read_text(encoding="utf-8"))
        assert invented_catalogue == from_dict(Catalogue, data)

    def test_catalogue_files_check_kind(self, tmp_path: Path) -> None:
        """load_catalogue refuses a document of another kind."""
        path = tmp_path / "catalogue.json"
        path.write_text(json.dumps({**to_dict(GCP2), "kind": "profile"}), encoding="utf-8")
        with pytest.raises(DocumentError, match=r'^\$\.kind: expected "catalogue", got "profile"$'):
            load_catalogue(path)

    def test_structure_problems(self) -> None:
        """Area codes, names, sub-area codes, item codes and age bands are checked with paths."""
        data = to_dict(STRUCTURED)
        data["areas"][0]["code"] = "a"
        data["areas"][1]["name"] = " "
        data["areas"][2]["sub_areas"][0]["code"] = "X1"
        data["items"] = [
            {"code": "A1", "label": "Invented"},
            {
                "code": "B1a",
                "label": "Invented",
                "age_bands": [
                    {"from_months": 5, "until_months": 60},
                    {"from_months": 0, "until_months": 12},
                ],
            },
            {
                "code": "B1b",
                "label": "Invented",
                "age_bands": [{"from_months": 9, "until_months": 3}],
            },
        ]
        assert [
            '$.items[0].code: expected the code of a sub-area followed by lower-case letters, got "A1"',
            "$.items[2].age_bands[0]: expected until_months above from_months 9, got 3 (the band is empty)",
            '$.areas[0].code: expected capital letters and digits starting with a letter, got "a"',
            '$.areas[1].name: expected text that is not blank, got " "',
        ] == problems(Catalogue, data)
        data["areas"][0]["code"] = "A"
        data["areas"][1]["name"] = "Care of safety"
        data["items"][2]["age_bands"][0]["until_months"] = 30
        data["items"][0]["code"] = "A1a"
        assert [
            "$.areas[2].sub_areas[0].code: expected the area code 'C' followed by a number, got 'X1'",
            "$.items[1].age_bands: expected age bands that do not overlap, got 5 to 59 months and 0 to 11 months",
        ] == problems(Catalogue, data)

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (
                lambda data: data["areas"][1]["sub_areas"].append({"code": "B1", "name": "Again"}),
                "$.areas[1].sub_areas[2].code: expected each code once, got 'B1' again",
            ),
            (
                lambda data: data["items"].append({"code": "Z1a", "label": "Invented"}),
                "$.items[1].code: expected the code of a sub-area (or of an area without sub-areas), got 'Z1'",
            ),
            (
                lambda data: data["items"].append({"code": "A1a", "label": "Again"}),
                "$.items[1].code: expected each code once, got 'A1a' again",
            ),
            (lambda data: data.update(areas=[]), "$.areas: expected at least one area, got none"),
        ],
    )
    def test_catalogue_rules(self, change: Any, expected: str) -> None:
        """Rules of the whole catalogue point at the document's own nesting."""
        data = to_dict(STRUCTURED)
        data["items"] = [{"code": "A1a", "label": "Invented"}]
        change(data)
        assert [expected] == problems(Catalogue, data)

    def test_items_on_the_built_in_structure(self) -> None:
        """Without areas, a document adds items to its instrument's built-in structure."""
        data: dict[str, Any] = {
            "schema_version": 1,
            "name": "Ours",
            "version": "1",
            "instrument": "GCP2A",
            "items": [{"code": "S1a", "label": "Invented"}, {"code": "S1b", "label": "Invented"}],
        }
        catalogue = from_dict(Catalogue, data)
        assert ("S1a", "S1b") == tuple(item.code for item in catalogue.items)
        data["items"].append({"code": "S1a", "label": "Again"})
        assert ["$.items[2].code: expected each code once, got 'S1a' again"] == problems(
            Catalogue, data
        )


class TestProfileDocuments:
    def profile_data(self) -> dict[str, Any]:
        data: dict[str, Any] = to_dict(score(minimal()))
        return data

    @pytest.mark.parametrize(
        ("section", "index", "change", "expected"),
        [
            (
                "areas",
                0,
                {"grade": 2},
                "$.areas[0].suggested: expected a suggested grade to equal the suggestion",
            ),
            (
                "sub_areas",
                0,
                {"source": None},
                "$.sub_areas[0].source: expected a source exactly when there is a grade",
            ),
            ("areas", 2, {"is_area": False}, "$.areas[2].is_area: expected True, got False"),
            ("areas", 3, {"area": "A"}, "$.areas[3].area: expected an area's own code"),
            (
                "sub_areas",
                2,
                {"code": "A1"},
                "$.sub_areas[2].code: expected each code once, got 'A1' again",
            ),
            (
                "areas",
                0,
                {"discrepancy": True},
                "$.areas[0].discrepancy: expected a discrepancy only on an entered grade",
            ),
        ],
    )
    def test_entry_rules(
        self, section: str, index: int, change: dict[str, Any], expected: str
    ) -> None:
        """Entries must agree with themselves and the layout, as Profile.from_entries checks."""
        data = self.profile_data()
        data[section][index].update(change)
        assert [expected] == problems(Profile, data)

    def test_sub_area_of_no_area(self) -> None:
        """A sub-area must name an area of the profile."""
        data = self.profile_data()
        data["sub_areas"][1]["area"] = "Q"
        assert 1 == len(problems(Profile, data))
        assert problems(Profile, data)[0].startswith("$.sub_areas")


class TestRatingsReadOnce:
    """A rating in the common shape is read by a fast reader that checks each field once."""

    @pytest.mark.parametrize(
        "document",
        [
            {"code": "A1", "grade": 3},
            {"code": "A1a", "grade": 5, "evidence": "Invented: seen twice"},
            {"code": "B2", "grade": 1, "evidence": "", "carer_comment": None},
            {"code": "C1", "grade": 2, "carer_comment": "Invented: agreed"},
        ],
    )
    def test_the_common_shape_reads_as_the_constructor_builds(
        self, document: dict[str, object]
    ) -> None:
        """The rating read equals the rating the constructor builds from the same fields."""
        read = from_dict(Rating, document)
        built = Rating(**document)  # type: ignore[arg-type]
        assert built == read
        assert (built.evidence, built.carer_comment) == (read.evidence, read.carer_comment)
        assert Grade is type(read.grade)

    @pytest.mark.parametrize(
        ("document", "path", "message"),
        [
            ({"code": "A1", "grade": True}, "$.grade", "expected an integer from 1 to 5, got true"),
            ({"code": "A1", "grade": 6}, "$.grade", "expected an integer from 1 to 5, got 6"),
            ({"code": "A1", "grade": 3.0}, "$.grade", "expected an integer from 1 to 5, got 3.0"),
            ({"code": 5, "grade": 3}, "$.code", "expected a string, got an integer"),
            (
                {"code": "A1", "grade": 3, "evidence": None},
                "$.evidence",
                "expected a string, got null",
            ),
            (
                {"code": "A1", "grade": 3, "carer_comment": 3},
                "$.carer_comment",
                "expected a string or null, got an integer",
            ),
            (
                {"code": "A1", "grade": 3, "x": 1},
                "$.x",
                "unknown key; expected only code, grade, evidence, carer_comment",
            ),
            ({"code": "A1"}, "$.grade", "required key missing"),
        ],
    )
    def test_anything_else_keeps_its_message(
        self, document: dict[str, object], path: str, message: str
    ) -> None:
        """A rating outside the common shape is read by the converter, with its own messages."""
        with pytest.raises(DocumentError) as caught:
            from_dict(Rating, document)
        assert [(path, message)] == [tuple(problem[:2]) for problem in caught.value.problems]


def _name(cls: object) -> str:
    return getattr(cls, "__name__", "")


class TestFastWriters:
    """Profiles, decisions and their parts have their own writers, writing what the generic one does."""

    # The writers and the converter are private: that a fast writer writes exactly what
    # the converter's generic writer writes is an internal law, and only the generic
    # converter (never used to write) can show it.
    @pytest.mark.parametrize("cls", sorted(RULES.fast_writers, key=_name), ids=_name)
    @share_of_examples(0.5)
    @given(data=st.data())
    def test_the_fast_writer_writes_what_the_generic_writer_writes(
        self, cls: type, data: st.DataObject
    ) -> None:
        """Rule: a fast writer gives the generic writer's keys, in its order, and its values."""
        register_type_strategies()
        value = data.draw(st.from_type(cls))
        fast = _converter().unstructure(value, cls)
        generic = converter_without(fast_readers=True).unstructure(value, cls)
        assert generic == fast
        assert json.dumps(generic) == json.dumps(fast)

    @given(decisions(), decisions())
    def test_a_policy_written_once_is_copied_into_each_decision(
        self, first: Decision, second: Decision
    ) -> None:
        """Rule: decisions under one policy each get their own copy of it, equal to the first."""
        written = [to_dict(first), to_dict(first)]
        expected = json.dumps(written[1])
        written[0]["policy"]["levels"].clear()
        written[0]["policy"]["name"] = "changed"
        assert expected == json.dumps(written[1])
        assert expected == json.dumps(to_dict(first))
        assert second == from_dict(Decision, to_dict(second))
        assert expected == json.dumps(to_dict(first))

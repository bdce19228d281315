from __future__ import annotations

import copy
import json
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from escalation_helpers import profile
from neglect_protocol import GCP2, load_policy
from neglect_protocol.errors import DocumentError, UnsupportedTypeError
from neglect_protocol.escalation import (
    DEFAULT_POLICY,
    AllOf,
    AreaAtOrAbove,
    Deterioration,
    Drift,
    InfantStepUp,
    LevelOfNeed,
    NamedSubAreasAtOrAbove,
    NoImprovement,
    PersistentBorderline,
    SubAreasAtOrAbove,
    ThresholdPolicy,
    decide,
    policy_from_document,
    policy_to_document,
)
from neglect_protocol.grades import Grade

ROOT = Path(__file__).resolve().parent.parent
LOCAL_POLICY = ROOT / "examples" / "local_policy.toml"
SHIPPED = files("neglect_protocol").joinpath("data", "policy_default.toml")

MINIMAL: dict[str, Any] = {
    "schema_version": 1,
    "name": "Invented",
    "version": "1",
    "drift_period_days": 90,
    "levels": [
        {
            "number": 1,
            "name": "Universal",
            "typical_response": "universal",
            "review_after_days": 365,
        },
        {
            "number": 2,
            "name": "Targeted",
            "typical_response": "early help",
            "review_after_days": 60,
        },
    ],
    "rules": [{"kind": "sub_areas_at_or_above", "grade": 3, "level": 2}],
}


def with_changes(path: tuple[object, ...], value: object) -> dict[str, Any]:
    """MINIMAL with the value at ``path`` replaced (or deleted when ``value`` is ...)."""
    document = copy.deepcopy(MINIMAL)
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


KINDS = '"area_at_or_above", "sub_areas_at_or_above", "named_sub_areas_at_or_above", "no_improvement", "deterioration", "persistent_borderline", "drift", "all_of"'


class TestLoading:
    def test_the_local_example_policy_loads(self) -> None:
        """A partnership's TOML file loads with its levels, rules (joins too) and modifiers."""
        policy = load_policy(LOCAL_POLICY)
        assert ("Invented three-tier policy", "2024.1", 120) == (
            policy.name,
            policy.version,
            policy.drift_period_days,
        )
        assert [21, 84, 365] == sorted(level.review_after_days for level in policy.levels)
        joined = policy.rules[2]
        assert isinstance(joined, AllOf)
        assert (SubAreasAtOrAbove(3, 2, count=2), NoImprovement(level=2)) == joined.rules
        assert (InfantStepUp(steps=2, under_months=12),) == policy.modifiers

    def test_json_loads_the_same_policy(self, tmp_path: Path) -> None:
        """JSON holds the same document as TOML."""
        path = tmp_path / "policy.json"
        path.write_text(json.dumps(policy_to_document(load_policy(LOCAL_POLICY))), "utf-8")
        assert load_policy(LOCAL_POLICY) == load_policy(path)

    def test_documents_round_trip(self) -> None:
        """Writing a policy and reading it back gives an equal policy."""
        assert DEFAULT_POLICY == policy_from_document(policy_to_document(DEFAULT_POLICY))
        document = policy_to_document(load_policy(LOCAL_POLICY))
        assert {
            "kind": "all_of",
            "level": 3,
            "rules": [
                {"kind": "sub_areas_at_or_above", "grade": 3, "level": 2, "count": 2},
                {"kind": "no_improvement", "level": 2},
            ],
        } == document["rules"][2]

    def test_omitted_none_parameters(self) -> None:
        """A join without its own level is written without one, and reads back the same."""
        policy = ThresholdPolicy(
            "P",
            "1",
            DEFAULT_POLICY.levels,
            (AllOf((NoImprovement(level=3),)),),
            90,
            catalogues=DEFAULT_POLICY.catalogues,
        )
        document = policy_to_document(policy)
        assert "level" not in document["rules"][0]
        assert policy == policy_from_document(document)

    def test_own_catalogues_are_passed_on(self) -> None:
        """load_policy checks codes against the catalogues given."""
        document = with_changes(
            ("rules", 0),
            {"kind": "named_sub_areas_at_or_above", "codes": ["S1"], "grade": 3, "level": 2},
        )
        with pytest.raises(DocumentError, match=r"^\$\.rules\[0\]\.codes\[0\]: .*'GCP2', got 'S1'"):
            policy_from_document(document, catalogues=[GCP2])
        assert 1 == len(policy_from_document(document).rules)

    def test_a_function_rule_cannot_be_written(self) -> None:
        """Only the library's rule kinds can be written to a document."""

        def mine(context: object) -> None:
            return None

        policy = ThresholdPolicy(
            "P", "1", DEFAULT_POLICY.levels, (mine,), 90, catalogues=DEFAULT_POLICY.catalogues
        )
        with pytest.raises(UnsupportedTypeError) as caught:
            policy_to_document(policy)
        assert "expected one of neglect_protocol's public value types, got type mine" == (
            str(caught.value)
        )


class TestConcernGrade:
    def test_optional_and_written_back(self) -> None:
        """A document may leave out concern_grade (3); it is always written back."""
        assert Grade.BORDERLINE == policy_from_document(MINIMAL).concern_grade
        strict = policy_from_document(with_changes(("concern_grade",), 4))
        assert Grade.POOR == strict.concern_grade
        assert 4 == policy_to_document(strict)["concern_grade"]
        assert strict == policy_from_document(policy_to_document(strict))

    def test_a_non_policy_cannot_be_written(self) -> None:
        """L1: policy_to_document refuses anything but a threshold policy with our error."""
        with pytest.raises(UnsupportedTypeError) as caught:
            policy_to_document(None)  # type: ignore[arg-type]
        assert "expected one of neglect_protocol's public value types, got type NoneType" == str(
            caught.value
        )


class TestDefaultPolicyFromAFile:
    def test_the_shipped_file_says_what_this_code_says(self) -> None:
        """L6: the shipped example, read from package data, equals the policy written out here
        rule by rule — so a change to the file is a change this test must see."""
        levels = (
            LevelOfNeed(1, "Universal", "universal services (health visitor, school, GP)", 365),
            LevelOfNeed(2, "Additional", "single-agency or targeted early help", 91),
            LevelOfNeed(
                3,
                "Multiple / complex",
                "multi-agency early help (early help assessment, team around the family); may "
                "be a child in need",
                56,
            ),
            LevelOfNeed(
                4,
                "Acute / specialist",
                "children's social care: child in need (s.17), child protection (s.47), care",
                28,
            ),
        )
        written = ThresholdPolicy(
            name="Example four-level windscreen",
            version="example-2",
            levels=levels,
            rules=(
                AreaAtOrAbove(grade=4, level=4),
                AreaAtOrAbove(grade=3, level=3, count=3),
                AreaAtOrAbove(grade=3, level=2),
                NamedSubAreasAtOrAbove(codes=("B1", "B2"), grade=4, level=4),
                SubAreasAtOrAbove(grade=4, level=3, count=1),
                SubAreasAtOrAbove(grade=3, level=3, count=3),
                SubAreasAtOrAbove(grade=3, level=2, count=1),
                NoImprovement(level=3),
                Deterioration(level=3),
                PersistentBorderline(level=3, assessments=2, count=1),
                Drift(level=4),
            ),
            drift_period_days=182,
            modifiers=(InfantStepUp(steps=1, under_months=12),),
            concern_grade=3,
            catalogues=DEFAULT_POLICY.catalogues,
        )
        assert written == DEFAULT_POLICY
        assert written == load_policy(SHIPPED)

    def test_shipped_file_and_constant_decide_alike(self, tmp_path: Path) -> None:
        """The shipped TOML, copied and loaded, and a JSON copy give DEFAULT_POLICY's decisions."""
        toml_copy = tmp_path / "policy.toml"
        shutil.copyfile(str(SHIPPED), toml_copy)
        json_copy = tmp_path / "policy.json"
        json_copy.write_text(json.dumps(policy_to_document(DEFAULT_POLICY)), "utf-8")
        latest = profile({"A1": 3, "A4": 4, "B2": 3})
        for path in (toml_copy, json_copy):
            loaded = load_policy(path)
            assert DEFAULT_POLICY == loaded
            assert decide(latest) == decide(latest, policy=loaded)


class TestErrorsNameThePlace:
    @pytest.mark.parametrize(
        ("path", "value", "message"),
        [
            (
                ("surprise",),
                1,
                "$.surprise: unknown key; expected only name, version, concern_grade, "
                "drift_period_days, levels, rules, modifiers, requires_monotone_roll_up",
            ),
            (("rules",), ..., "$.rules: required key missing"),
            (
                ("schema_version",),
                2,
                "$.schema_version: expected schema version 1 or older, got 2: the document was written by a newer release of neglect-protocol",
            ),
            (
                ("schema_version",),
                True,
                "$.schema_version: expected an integer schema version, got true",
            ),
            (
                ("schema_version",),
                1.0,
                "$.schema_version: expected an integer schema version, got 1.0",
            ),
            (("rules",), [], "$.rules: expected at least one rule, got none"),
            (
                ("concern_grade",),
                "3",
                '$.concern_grade: expected an integer from 1 to 5, got "3"',
            ),
            (
                ("rules", 0),
                {"kind": "drift", "level": 2, "grade": 3},
                "$.rules[0].grade: unknown key; expected only level",
            ),
            (
                ("rules", 0),
                {"kind": "infant_step_up"},
                f'$.rules[0].kind: expected one of {KINDS}, got "infant_step_up"',
            ),
            (("rules",), {"kind": "x"}, "$.rules: expected a list, got an object"),
            (("rules", 0), "area", "$.rules[0]: expected an object, got a string"),
            (
                ("rules", 0, "kind"),
                ...,
                "$.rules[0].kind: required key missing",
            ),
            (
                ("rules", 0, "kind"),
                "sub_area",
                f'$.rules[0].kind: expected one of {KINDS}, got "sub_area"',
            ),
            (("rules", 0, "grade"), 6, "$.rules[0].grade: expected an integer from 1 to 5, got 6"),
            (("rules", 0, "grade"), ..., "$.rules[0].grade: required key missing"),
            (
                ("rules", 0, "level"),
                3,
                "$.rules[0].level: expected one of the policy's levels 1, 2, got 3",
            ),
            (
                ("rules", 0, "count"),
                "2",
                '$.rules[0].count: expected an integer, got "2"',
            ),
            (
                ("rules", 0, "threshold"),
                3,
                "$.rules[0].threshold: unknown key; expected only grade, level, count",
            ),
            (
                ("levels", 1, "review_after_days"),
                0,
                "$.levels[1].review_after_days: expected a whole number of 1 or more, got 0",
            ),
            (("levels", 1, "name"), ..., "$.levels[1].name: required key missing"),
            (
                ("levels", 1, "number"),
                1,
                "$.levels[1].number: expected level numbers rising without repeats, got 1 after 1",
            ),
            (
                ("drift_period_days",),
                -1,
                "$.drift_period_days: expected a whole number of 1 or more, got -1",
            ),
            (
                ("modifiers",),
                [{"kind": "infant_step_up", "steps": 0}],
                "$.modifiers[0].steps: expected a whole number of 1 or more, got 0",
            ),
            (
                ("modifiers",),
                [{"kind": "drift", "level": 2}],
                '$.modifiers[0].kind: expected one of "infant_step_up", got "drift"',
            ),
        ],
    )
    def test_bad_documents(self, path: tuple[object, ...], value: object, message: str) -> None:
        """Every problem in a policy document is reported with its $-rooted place."""
        with pytest.raises(DocumentError) as caught:
            policy_from_document(with_changes(path, value))
        assert message == str(caught.value)

    def test_nested_rules_are_placed(self) -> None:
        """A problem inside a join names the join's place and the rule's within it."""
        document = with_changes(
            ("rules", 0),
            {
                "kind": "all_of",
                "rules": [{"kind": "no_improvement", "level": 2}, {"kind": "drift", "level": 5}],
            },
        )
        with pytest.raises(DocumentError) as caught:
            policy_from_document(document)
        assert "$.rules[0].rules[1].level: expected one of the policy's levels 1, 2, got 5" == str(
            caught.value
        )
        document = with_changes(("rules", 0), {"kind": "all_of", "rules": "drift"})
        with pytest.raises(
            DocumentError, match=r"^\$\.rules\[0\]\.rules: expected a list, got a string$"
        ):
            policy_from_document(document)

    def test_not_a_table(self) -> None:
        """The document itself must be a table."""
        with pytest.raises(DocumentError, match=r"^\$: expected a JSON object, got a list$"):
            policy_from_document([])  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("name", "text", "message"),
        [
            (
                "policy.yaml",
                "name: x",
                "$: expected a file ending .toml or .json, got a str of 11 characters",
            ),
            ("policy", "", "$: expected a file ending .toml or .json, got 'policy'"),
            (
                "policy.json",
                "{",
                "$: expected JSON, got a syntax error at line 1 column 2 (Expecting property name enclosed in double quotes)",
            ),
        ],
    )
    def test_unreadable_files(self, tmp_path: Path, name: str, text: str, message: str) -> None:
        """A file that is not TOML or JSON, or does not parse, is refused with a clear message."""
        path = tmp_path / name
        path.write_text(text, "utf-8")
        with pytest.raises(DocumentError) as caught:
            load_policy(path)
        assert message == str(caught.value)

    def test_toml_parse_errors(self, tmp_path: Path) -> None:
        """A TOML syntax error is reported as such."""
        path = tmp_path / "policy.toml"
        path.write_text("name = ", "utf-8")
        with pytest.raises(DocumentError, match=r"^\$: expected TOML, got a syntax error \("):
            load_policy(path)

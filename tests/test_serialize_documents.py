"""The documents of escalation, screening and metrics: file formats, problems, free text (issue 5)."""

from __future__ import annotations

import json
import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from neglect_protocol.assurance import ReportInput
from neglect_protocol.audit import (
    OFSTED_FOUR_POINT,
    CaseFileAudit,
    Judgement,
    JudgementScale,
    load_judgement_scale,
)
from neglect_protocol.disclosure import DFE, DisclosurePolicy, load_disclosure_policy
from neglect_protocol.errors import DocumentError, UnsupportedTypeError
from neglect_protocol.escalation import (
    DEFAULT_POLICY,
    AreaAtOrAbove,
    Decision,
    ThresholdPolicy,
    load_policy,
    policy_to_document,
)
from neglect_protocol.screening import (
    DEFAULT_CHECKLIST,
    DEFAULT_SCREENING_POLICY,
    Checklist,
    Screening,
    ScreeningPolicy,
    load_screening_policy,
)
from neglect_protocol.serialize import from_dict, from_json, json_schema, to_dict, to_json
from neglect_protocol.strategies import decisions, free_text, policies, report_inputs
from neglect_protocol.survey import Survey, SurveyResponse
from test_serialize import SECRET, problems

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DATA = ROOT / "src" / "neglect_protocol" / "data"


def golden(kind: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / kind / f"v1-{name}.json").read_text())
    return data


class TestFileFormats:
    @given(policies())
    def test_policy_documents_are_policy_files(self, policy: ThresholdPolicy) -> None:
        """Rule: a threshold policy document is the policy file format, to the character."""
        document = to_dict(policy)
        assert "threshold_policy" == document["kind"]
        assert json.dumps(policy_to_document(policy)) == json.dumps(document)
        assert policy == from_dict(ThresholdPolicy, policy_to_document(policy))

    def test_files_read_as_documents(self) -> None:
        """Policy, screening, judgement scale and disclosure files read with from_dict as they are."""

        def read(name: str) -> dict[str, Any]:
            return tomllib.loads((DATA / name).read_text(encoding="utf-8"))

        assert DEFAULT_POLICY == from_dict(ThresholdPolicy, read("policy_default.toml"))
        assert DEFAULT_SCREENING_POLICY == from_dict(
            ScreeningPolicy, read("screening_policy_default.toml")
        )
        assert OFSTED_FOUR_POINT == from_dict(JudgementScale, read("ofsted_four_point.toml"))
        assert DFE == from_dict(DisclosurePolicy, read("disclosure-dfe.toml"))
        local = tomllib.loads((ROOT / "examples" / "local_policy.toml").read_text())
        assert load_policy(ROOT / "examples" / "local_policy.toml") == from_dict(
            ThresholdPolicy, local
        )

    def test_documents_read_as_files(self, tmp_path: Path) -> None:
        """What to_json writes, the loaders of each file format read back, kind and all."""
        for value, load in (
            (load_policy(ROOT / "examples" / "local_policy.toml"), load_policy),
            (DEFAULT_SCREENING_POLICY, load_screening_policy),
            (
                load_judgement_scale(ROOT / "examples" / "ofsted_before_2013.toml"),
                load_judgement_scale,
            ),
            (DFE, load_disclosure_policy),
        ):
            path = tmp_path / f"{type(value).__name__}.json"
            path.write_text(to_json(value))
            assert value == load(path)

    @pytest.mark.parametrize(
        ("value", "load", "kind"),
        [
            (DEFAULT_POLICY, load_policy, "threshold_policy"),
            (DEFAULT_SCREENING_POLICY, load_screening_policy, "screening_policy"),
            (OFSTED_FOUR_POINT, load_judgement_scale, "judgement_scale"),
            (DFE, load_disclosure_policy, "disclosure_policy"),
        ],
    )
    def test_loaders_refuse_another_kind(
        self, tmp_path: Path, value: object, load: Any, kind: str
    ) -> None:
        """A loader refuses a document that says it is of another kind."""
        path = tmp_path / "file.json"
        path.write_text(json.dumps({**to_dict(value), "kind": "decision"}))
        with pytest.raises(DocumentError, match=rf'^\$\.kind: expected "{kind}", got "decision"$'):
            load(path)

    def test_built_in_structures_are_left_out(self) -> None:
        """A screening policy on the built-in checklist leaves it out; another is written in full."""
        assert "checklist" not in to_dict(DEFAULT_SCREENING_POLICY)
        own = golden("screening_policy", "invented-own-checklist")
        assert ["FE", "SU"] == [domain["code"] for domain in own["checklist"]["domains"]]
        assert (
            DEFAULT_CHECKLIST
            == from_dict(ScreeningPolicy, golden("screening_policy", "example")).checklist
        )

    def test_checklist_signs_keep_their_order(self) -> None:
        """A checklist lists signs domain by domain, in the file's order, so none is lost."""
        checklist = from_dict(Checklist, golden("screening_checklist", "invented-short"))
        assert [("FE1", "FE"), ("FE2", "FE"), ("SU1", "SU")] == [
            (sign.code, sign.domain) for sign in checklist.signs
        ]

    def test_report_input_leaves_out_default_options(self) -> None:
        """An assurance input writes only the options given."""
        report_input = from_dict(ReportInput, golden("assurance_input", "invented"))
        plain = attrs.evolve(report_input, title=None, inadequate_ceiling=None, previous=None)
        assert ["kind", "schema_version", "survey", "current"] == list(to_dict(plain))
        assert "1/10" == to_dict(report_input)["inadequate_ceiling"]


class TestRuleProblems:
    def test_rule_kinds(self) -> None:
        """Rules are told apart by kind: a missing, unknown or mistyped kind is named at its path."""
        data = to_dict(DEFAULT_POLICY)
        data["rules"] = [
            {"grade": 4, "level": 4},
            {"kind": "nearly_drift", "level": 4},
            {"kind": 4},
            "area_at_or_above",
            {
                "kind": "all_of",
                "rules": [{"kind": "drift", "level": "4"}, {"kind": "infant_step_up"}],
            },
        ]
        data["modifiers"] = [{"kind": "drift", "level": 2}]
        rule_kinds = (
            '"area_at_or_above", "sub_areas_at_or_above", "named_sub_areas_at_or_above", '
            '"no_improvement", "deterioration", "persistent_borderline", "drift", "all_of"'
        )
        assert [
            "$.rules[0].kind: required key missing",
            f'$.rules[1].kind: expected one of {rule_kinds}, got "nearly_drift"',
            f"$.rules[2].kind: expected one of {rule_kinds}, got 4",
            "$.rules[3]: expected an object, got a string",
            '$.rules[4].rules[0].level: expected an integer, got "4"',
            f'$.rules[4].rules[1].kind: expected one of {rule_kinds}, got "infant_step_up"',
            '$.modifiers[0].kind: expected one of "infant_step_up", got "drift"',
        ] == problems(ThresholdPolicy, data)

    def test_parameters(self) -> None:
        """A rule's parameters are checked as the policy file reader checks them, with paths."""
        data = to_dict(DEFAULT_POLICY)
        data["levels"][0]["review_after_days"] = 0
        data["rules"][0].update(grade=6, colour="red")
        data["rules"][1]["count"] = 0
        data["concern_grade"] = 0
        assert [
            "$.concern_grade: expected an integer from 1 to 5, got 0",
            "$.levels[0].review_after_days: expected a whole number of 1 or more, got 0",
            "$.rules[0].colour: unknown key; expected only grade, level, areas, count",
            "$.rules[0].grade: expected an integer from 1 to 5, got 6",
            "$.rules[1].count: expected a whole number of 1 or more, got 0",
        ] == sorted(problems(ThresholdPolicy, data), key=lambda line: line.split(":")[0])

    def test_rules_across_the_policy(self) -> None:
        """A rule naming a level the policy lacks is refused where it sits, after the shapes pass."""
        data = to_dict(DEFAULT_POLICY)
        data["rules"][2]["level"] = 9
        [line] = problems(ThresholdPolicy, data)
        assert line.startswith("$.rules[2].level: expected one of the policy's levels 1, 2, 3, 4")

    def test_a_rule_written_as_a_function(self) -> None:
        """A policy holding a plain function as a rule has no document form."""

        def by_hand(context: object) -> None:
            return None

        policy = attrs.evolve(DEFAULT_POLICY, rules=(*DEFAULT_POLICY.rules, by_hand))
        with pytest.raises(UnsupportedTypeError, match="got type by_hand$"):
            to_dict(policy)

    def test_rule_parts(self) -> None:
        """A rule on its own is written with its kind, and reads only as its own kind."""
        rule = AreaAtOrAbove(grade=4, level=3)
        assert {
            "kind": "area_at_or_above",
            "grade": 4,
            "level": 3,
            "areas": [],
            "count": 1,
        } == to_dict(rule)
        assert rule == from_dict(AreaAtOrAbove, to_dict(rule))
        assert ['$.kind: expected "area_at_or_above", got "drift"'] == problems(
            AreaAtOrAbove, {**to_dict(rule), "kind": "drift"}
        )
        assert ["$.kind: required key missing", "$.grade: required key missing"] == problems(
            AreaAtOrAbove, {"level": 3}
        )


class TestDecisionProblems:
    def decision(self) -> dict[str, Any]:
        return golden("decision", "invented-family-overridden")

    def test_a_decision_says_what_its_reasons_say(self) -> None:
        """Without an override, the level must be the highest reason's (the model's own rule)."""
        data = self.decision()
        data["overridden"] = None
        [line] = problems(Decision, data)
        assert line.startswith("$.level: expected level 2, the highest of the reasons' levels")

    def test_rationale_is_never_echoed(self) -> None:
        """A rationale of the wrong type or blank is named by its type, never quoted."""
        data = self.decision()
        data["overridden"]["rationale"] = [SECRET]
        assert ["$.overridden.rationale: expected a string, got a list"] == problems(Decision, data)
        data["overridden"]["rationale"] = "   "
        assert ['$.overridden.rationale: expected text that is not blank, got "   "'] == problems(
            Decision, data
        )

    @given(decisions(overrides=1), free_text(max_size=300))
    def test_free_text_never_in_errors(self, decision: Decision, rationale: str) -> None:
        """Rule: a decision's rationale comes back exactly, and no problem with it repeats it."""
        if decision.overridden is None or len(rationale.strip()) < 13:
            return
        decision = attrs.evolve(
            decision, overridden=attrs.evolve(decision.overridden, rationale=rationale)
        )
        assert decision == from_json(Decision, to_json(decision))
        data = to_dict(decision)
        data["review_by"] = 5
        data["overridden"]["by"] = rationale
        with pytest.raises(DocumentError) as caught:
            from_dict(Decision, data)
        assert rationale not in str(caught.value)


class TestScreeningProblems:
    def test_evidence_is_needed_and_never_echoed(self) -> None:
        """An answer that applies needs evidence; evidence of the wrong type is named by type,
        and an answer that is free text is only counted."""
        data = golden("screening", "invented")
        applies = [answer["sign"] for answer in data["answers"]].index("HC1")
        data["answers"][applies]["evidence"] = " "
        assert [
            f"$.answers[{applies}].evidence: expected evidence for an answer of 'applies', got none"
        ] == problems(Screening, data)
        data["answers"][1]["evidence"] = {"text": SECRET}
        data["answers"][2]["answer"] = "Invented: perhaps"
        assert [
            "$.answers[1].evidence: expected a string, got an object",
            '$.answers[2].answer: expected one of "applies", "sometimes", "does not apply", '
            '"not known", got a string of 17 characters',
            f"$.answers[{applies}].evidence: expected evidence for an answer of 'applies', got none",
        ] == problems(Screening, data)

    def test_a_sign_named_twice(self) -> None:
        """A checklist sign's code is unique across domains; the second is named at its place."""
        data = golden("screening_checklist", "invented-short")
        data["domains"][1]["signs"][0]["code"] = "FE1"
        [line] = problems(Checklist, data)
        assert "$.domains[1].signs[0].code: expected each code once, got 'FE1' again" == line


class TestMetricsProblems:
    def test_survey_answers_once_each(self) -> None:
        """Positive answers are a set: each once, refused where it repeats."""
        data = golden("survey", "invented")
        data["questions"][0]["positive"] = ["agree", "agree"]
        assert [
            "$.questions[0].positive[1]: expected each value once, got the value of [0] again"
        ] == (problems(Survey, data))

    def test_response_keys_and_comments(self) -> None:
        """Answers are keyed by question code (text); a comment is never echoed."""
        data = golden("survey_response", "invented")
        data["answers"] = {1: "yes", "agencies": 3}
        data["comment"] = 7
        assert [
            "$.answers[1]: expected a key from any text, got 1",
            "$.answers.agencies: expected a string or null, got an integer",
            "$.comment: expected a string, got an integer",
        ] == problems(SurveyResponse, data)

    def test_audit_judgements(self) -> None:
        """Judgements carry their rank, code and label; a rank below 1 is out of range."""
        data = golden("case_file_audit", "invented")
        data["grade"]["rank"] = 0
        data["criteria"]["voice"] = "requires_improvement"
        assert [
            "$.grade.rank: expected a whole number of 1 or more, got 0",
            "$.criteria.voice: expected an object, got a string",
        ] == problems(CaseFileAudit, data)
        audit = from_dict(CaseFileAudit, golden("case_file_audit", "invented"))
        assert (
            Judgement(3, "requires_improvement", "Requires improvement to be good")
            == (audit.criteria["voice"])
        )

    def test_judgement_scale_rules(self) -> None:
        """A scale's codes are checked across the scale, at the judgement that repeats."""
        data = golden("judgement_scale", "ofsted-before-2013")
        data["judgements"][2]["code"] = "good"
        [line] = problems(JudgementScale, data)
        assert line.startswith("$.judgements[2].code: expected each code once")

    def test_disclosure_sections(self) -> None:
        """Disclosure policies keep the file's sections; a rule across them names the section."""
        data = to_dict(DFE)
        data["suppression"]["colour"] = "red"
        data["rounding"]["totals_to_nearest"] = 0
        assert [
            "$.suppression.colour: unknown key; expected only min_count, max_count, secondary",
            "$.rounding.totals_to_nearest: expected a whole number of 1 or more, got 0",
        ] == problems(DisclosurePolicy, data)
        data = to_dict(DFE)
        data["suppression"].update(min_count=6, max_count=5)
        [line] = problems(DisclosurePolicy, data)
        assert line.startswith("$.suppression.max_count: expected a count no smaller than")
        assert attrs.evolve(DFE, max_count=9) == from_dict(
            DisclosurePolicy, {**to_dict(DFE), "suppression": {"max_count": 9}}
        )

    @pytest.mark.parametrize(
        ("ceiling", "message"),
        [
            (0.1, 'expected an exact fraction as text ("1/10" or "0.1"), got a number'),
            (
                "1/0",
                'expected an exact fraction as text ("1/10" or "0.1"), got a string of 3 characters',
            ),
            (
                "-1/10",
                'expected an exact fraction as text ("1/10" or "0.1"), got a string of 5 characters',
            ),
            (
                "9" * 5000 + "/1",
                'expected an exact fraction as text ("1/10" or "0.1"), got a string of 5002 characters',
            ),
            ("11/10", "expected a share from 0 to 1, got a string of 5 characters"),
            ("1.5", 'expected a share from 0 to 1, got "1.5"'),
        ],
    )
    def test_exact_ceilings(self, ceiling: object, message: str) -> None:
        """The ceiling on the share inadequate is an exact fraction, written as text."""
        data = golden("assurance_input", "invented")
        data["inadequate_ceiling"] = ceiling
        assert [f"$.inadequate_ceiling: {message}"] == problems(ReportInput, data)

    @pytest.mark.parametrize(
        ("confidence", "message"),
        [
            (True, "expected a number, got true"),
            (1.5, "expected a number between 0 and 1, got 1.5"),
            (10**400, "expected a number, got an integer of about 401 digits"),
        ],
    )
    def test_confidence(self, confidence: object, message: str) -> None:
        """A confidence level is a number strictly between 0 and 1."""
        data = golden("assurance_input", "invented")
        data["confidence"] = confidence
        assert [f"$.confidence: {message}"] == problems(ReportInput, data)

    def test_ceilings_read_exactly(self) -> None:
        """ "0.1" and "1/10" are the same exact tenth."""
        data = golden("assurance_input", "invented")
        for text in ("0.1", "1/10", "10/100"):
            data["inadequate_ceiling"] = text
            assert Fraction(1, 10) == from_dict(ReportInput, data).inadequate_ceiling

    def test_respondents_once_per_period(self) -> None:
        """A respondent who answers twice in a period is refused at the second response."""
        data = golden("assurance_input", "invented")
        data["current"]["responses"][3]["respondent"] = data["current"]["responses"][0][
            "respondent"
        ]
        [line] = problems(ReportInput, data)
        assert line.startswith("$.current.responses[3].respondent: expected each respondent once")


class TestSchemas:
    def test_tagged_rules_in_the_schema(self) -> None:
        """A policy's rules are one of the rule kinds, each pinning its kind."""
        schema = json_schema(ThresholdPolicy)
        kinds = [option["$ref"] for option in schema["properties"]["rules"]["items"]["oneOf"]]
        assert "#/$defs/AreaAtOrAbove" == kinds[0]
        assert "area_at_or_above" == schema["$defs"]["AreaAtOrAbove"]["properties"]["kind"]["const"]
        assert "kind" in schema["$defs"]["AreaAtOrAbove"]["required"]

    def test_nested_documents_use_their_layout(self) -> None:
        """A policy inside a decision is written in the policy's own layout."""
        schema = json_schema(Decision)
        assert "#/$defs/PolicyDocument" == schema["properties"]["policy"]["$ref"]
        positive = json_schema(Survey)["$defs"]["Question"]["properties"]["positive"]
        assert {
            "type": "array",
            "items": {"type": "string"},
            "uniqueItems": True,
            "minItems": 1,
        } == {key: value for key, value in positive.items() if key != "description"}


class TestReportInputs:
    @pytest.mark.parametrize(
        ("options", "error", "message"),
        [
            ({"title": " "}, "AssuranceError", "title: expected non-empty text or None, got ' '"),
            ({"level_of_need": True}, "AssuranceError", "level_of_need: expected a level of need"),
            ({"level_of_need": 0}, "AssuranceError", "level_of_need: expected a level of need"),
            ({"confidence": 1}, "StatisticsError", "confidence: expected a number strictly"),
            ({"confidence": "0.9"}, "StatisticsError", "confidence: expected a number strictly"),
            (
                {"inadequate_ceiling": 0.1},
                "AssuranceError",
                "inadequate_ceiling: expected a Fraction",
            ),
        ],
    )
    def test_options_are_checked_when_built(
        self, options: dict[str, Any], error: str, message: str
    ) -> None:
        """A report input built in Python refuses options the report could not use."""
        from neglect_protocol import errors

        base = from_dict(ReportInput, golden("assurance_input", "invented"))
        with pytest.raises(getattr(errors, error)) as caught:
            attrs.evolve(base, **options)
        assert str(caught.value).startswith(message)

    @given(report_inputs())
    def test_every_input_builds_a_report(self, report_input: ReportInput) -> None:
        """Rule: every input the strategies draw, read back from JSON, builds the same report."""
        again = from_json(ReportInput, to_json(report_input))
        assert report_input == again
        assert report_input.build() == again.build()

    def test_the_worked_example(self) -> None:
        """The county example (examples/assurance_report.py) travels as one input document."""
        import runpy

        from neglect_protocol.assurance import render_markdown

        example = runpy.run_path(str(ROOT / "examples" / "assurance_report.py"))
        report_input: ReportInput = example["report_input"]()
        again = from_json(ReportInput, to_json(report_input))
        assert report_input == again
        assert render_markdown(example["build_report"]()) == render_markdown(again.build())

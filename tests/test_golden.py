"""Golden documents: files committed per kind and schema version must keep loading."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from neglect_protocol import Assessment, Catalogue, Grade, Instrument, Profile
from neglect_protocol.assurance import ReportInput
from neglect_protocol.audit import JudgementScale
from neglect_protocol.disclosure import DFE, DisclosurePolicy
from neglect_protocol.escalation import Decision, ThresholdPolicy, load_policy
from neglect_protocol.screening import ScreeningPolicy
from neglect_protocol.serialize import document_type, document_types, from_json, to_dict

GOLDEN = Path(__file__).resolve().parent / "golden"
FILES = sorted(GOLDEN.glob("*/v*-*.json"))
NAME = re.compile(r"v(?P<version>[0-9]+)-(?P<name>.+)\.json\Z")


def version_of(path: Path) -> int:
    match = NAME.match(path.name)
    assert match is not None, f"golden file {path.name} is not named v<version>-<name>.json"
    return int(match.group("version"))


class TestGoldenFiles:
    @pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
    def test_loads_and_round_trips(self, path: Path) -> None:
        """Each golden file loads; one of the current version is written back exactly as it is."""
        kind = document_type(path.parent.name)
        text = path.read_text(encoding="utf-8")
        value: object = from_json(kind.type, text)
        assert kind.type is type(value)
        if version_of(path) == kind.schema_version:
            assert json.loads(text) == to_dict(value)

    @pytest.mark.parametrize(
        "path",
        [
            path
            for path in FILES
            if version_of(path) < document_type(path.parent.name).schema_version
        ],
        ids=lambda path: f"{path.parent.name}/{path.name}",
    )
    def test_older_versions_read_as_their_current_twin(self, path: Path) -> None:
        """An older golden file reads as the value of its current-version twin of the same name."""
        kind = document_type(path.parent.name)
        twin = path.with_name(NAME.sub(rf"v{kind.schema_version}-\g<name>.json", path.name))
        assert from_json(kind.type, twin.read_text(encoding="utf-8")) == from_json(
            kind.type, path.read_text(encoding="utf-8")
        )

    @pytest.mark.parametrize("kind", document_types(), ids=lambda kind: kind.kind)
    def test_every_readable_version_has_a_golden_file(self, kind: object) -> None:
        """Each registered document kind has a golden file for every version it reads."""
        entry = document_type(kind.kind)  # type: ignore[attr-defined]
        versions = {version_of(path) for path in GOLDEN.glob(f"{entry.kind}/v*-*.json")}
        assert set(range(entry.oldest_version, entry.schema_version + 1)) <= versions

    def test_golden_values(self) -> None:
        """The golden documents hold the invented values they were written from."""
        family = from_json(Assessment, (GOLDEN / "assessment/v1-invented-family.json").read_bytes())
        assert "CHILD-INVENTED-0042" == family.child.reference
        assert Grade.POOR == family.grades["A4a"]
        unborn = from_json(Assessment, (GOLDEN / "assessment/v1-unborn-gcp2a.json").read_bytes())
        assert Instrument.GCP2A is unborn.instrument
        assert unborn.ratings[1].carer_comment is not None
        old = from_json(Assessment, (GOLDEN / "assessment/v0-minimal.json").read_bytes())
        assert ("A1", "A4", "D2") == tuple(old.grades)
        catalogue = from_json(Catalogue, (GOLDEN / "catalogue/v1-invented.json").read_bytes())
        assert "Invented: a regular mealtime routine" == catalogue.item("A1a").label
        profile = from_json(Profile, (GOLDEN / "profile/v1-invented-family.json").read_bytes())
        assert Grade.POOR == profile.worst_area_grade
        assert ("C1",) == tuple(entry.code for entry in profile.discrepancies)

    @pytest.mark.parametrize(
        ("example", "golden"),
        [
            ("invented_assessment.json", "assessment/v1-invented-family.json"),
            ("invented_screening.json", "screening/v1-invented.json"),
            ("invented_report_input.json", "assurance_input/v1-invented.json"),
        ],
    )
    def test_examples_match_golden(self, example: str, golden: str) -> None:
        """The example documents the CLI how-to uses are golden files, kept loading by the tests."""
        path = GOLDEN.parent.parent / "examples" / example
        assert json.loads((GOLDEN / golden).read_text(encoding="utf-8")) == json.loads(
            path.read_text(encoding="utf-8")
        )

    def test_escalation_golden_values(self) -> None:
        """The escalation golden documents hold the invented values they were written from."""
        policy = from_json(
            ThresholdPolicy, (GOLDEN / "threshold_policy/v1-invented-three-tier.json").read_bytes()
        )
        assert policy == load_policy(GOLDEN.parent.parent / "examples" / "local_policy.toml")
        decision = from_json(
            Decision, (GOLDEN / "decision/v1-invented-family-overridden.json").read_bytes()
        )
        assert decision.overridden is not None
        assert "Invented: the family's own plan" in decision.overridden.rationale
        assert (1, 2) == (decision.level.number, decision.proposed.level.number)
        own = from_json(
            ScreeningPolicy,
            (GOLDEN / "screening_policy/v1-invented-own-checklist.json").read_bytes(),
        )
        assert ("FE1", "FE2", "SU1") == tuple(sign.code for sign in own.checklist.signs)
        example = json.loads((GOLDEN / "screening_policy/v1-example.json").read_text())
        assert "checklist" not in example  # the built-in checklist is left out

    def test_metrics_golden_values(self) -> None:
        """The metrics golden documents hold the invented values they were written from."""
        scale = from_json(
            JudgementScale, (GOLDEN / "judgement_scale/v1-ofsted-before-2013.json").read_bytes()
        )
        assert ["Outstanding", "Good", "Adequate", "Inadequate"] == [j.label for j in scale]
        report_input = from_json(
            ReportInput, (GOLDEN / "assurance_input/v1-invented.json").read_bytes()
        )
        assert Fraction(1, 10) == report_input.inadequate_ceiling
        assert ("2023-24", "2022-23") == (
            report_input.current.label,
            report_input.previous.label if report_input.previous else None,
        )
        assert DFE == from_json(
            DisclosurePolicy, (GOLDEN / "disclosure_policy/v1-dfe.json").read_bytes()
        )

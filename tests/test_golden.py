"""Golden documents: files committed per kind and schema version must keep loading."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from neglect_protocol import Assessment, Catalogue, Grade, Instrument, Profile
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

    def test_example_assessment_matches_golden(self) -> None:
        """examples/invented_assessment.json (used by `make demo`) is the golden family file."""
        example = GOLDEN.parent.parent / "examples" / "invented_assessment.json"
        golden = GOLDEN / "assessment" / "v1-invented-family.json"
        assert json.loads(golden.read_text(encoding="utf-8")) == json.loads(
            example.read_text(encoding="utf-8")
        )

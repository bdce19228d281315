from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from neglect_protocol import GCP2, GCP2A, AgeBand, Area, Catalogue, Grade, Item, SubArea
from neglect_protocol.catalogue import (
    Instrument,
    Phase,
    catalogue_from_document,
    load_catalogue,
)
from neglect_protocol.errors import DocumentError, PolicyError, UnknownCodeError


def document(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schema_version": 1,
        "name": "Invented test catalogue",
        "version": "1",
        "instrument": "GCP2",
        "items": [{"code": "A1a", "label": "Invented: item one"}],
    }
    base.update(changes)
    return base


class TestBuiltInStructure:
    def test_gcp2_has_four_areas_and_thirteen_sub_areas(self) -> None:
        """GCP2: areas A–D, thirteen sub-areas with the codes of DOMAIN.md §2."""
        assert ["A", "B", "C", "D"] == [area.code for area in GCP2]
        assert [
            "A1", "A2", "A3", "A4", "A5", "B1", "B2", "C1", "C2", "D1", "D2", "D3", "D4",
        ] == [sub_area.code for sub_area in GCP2.sub_areas]  # fmt: skip
        assert () == GCP2.items

    def test_names_and_former_names(self) -> None:
        """Area names are the GCP2 ones; the GCP1 names are kept as former names."""
        assert [
            ("Physical care", "Physical"),
            ("Care of safety", "Safety"),
            ("Emotional care", "Love"),
            ("Developmental care", "Esteem"),
        ] == [(area.name, area.former_name) for area in GCP2]
        assert "Hygiene" == GCP2.sub_area("A4").name
        assert "Mutual engagement" == GCP2["C2"].name

    def test_gcp2a_sections(self) -> None:
        """GCP2A has two antenatal sections and one postnatal, graded directly."""
        assert [(area.code, area.phase) for area in GCP2A] == [
            ("S1", Phase.ANTENATAL),
            ("S2", Phase.ANTENATAL),
            ("S3", Phase.POSTNATAL),
        ]
        assert Instrument.GCP2A is GCP2A.instrument
        assert GCP2A.graded_units == GCP2A.areas

    def test_builtin_catalogue_is_cached(self) -> None:
        """The shipped catalogue is read once and shared."""
        # builtin_catalogue is private: that it caches is an internal law of GCP2.
        from neglect_protocol._boundary._builtin import builtin_catalogue

        assert builtin_catalogue(Instrument.GCP2) is GCP2

    def test_catalogues_are_hashable_values(self) -> None:
        """A catalogue is an immutable value: equal when built from equal data."""
        again = Catalogue(
            GCP2.name,
            GCP2.version,
            GCP2.instrument,
            GCP2.areas,
            GCP2.sub_areas,
            age_band=GCP2.age_band,
        )
        assert again == GCP2
        assert hash(GCP2) == hash(again)


class TestNavigation:
    def test_children_and_parent(self) -> None:
        """children() lists the nodes directly beneath; parent() goes one level up."""
        assert ["D1", "D2", "D3", "D4"] == [node.code for node in GCP2.children("D")]
        assert "A" == GCP2.parent("A3").code  # type: ignore[union-attr]
        assert GCP2.parent("A") is None

    def test_item_navigation(self, invented_catalogue: Catalogue) -> None:
        """Items sit under their sub-area, and area_of climbs to the area."""
        assert "A1" == invented_catalogue.parent("A1c").code  # type: ignore[union-attr]
        assert "A" == invented_catalogue.area_of("A1c").code
        assert ["A1a", "A1b", "A1c"] == [n.code for n in invented_catalogue.children("A1")]

    def test_walk_is_depth_first(self, invented_catalogue: Catalogue) -> None:
        """walk() yields an area, then each sub-area followed by its items."""
        codes = [node.code for node in invented_catalogue.walk()]
        assert ["A", "A1", "A1a", "A1b", "A1c", "A2", "A2a"] == codes[:7]
        assert len(codes) == 4 + 13 + len(invented_catalogue.items)

    def test_contains_and_get(self) -> None:
        """`in` and get() answer without raising."""
        assert "B2" in GCP2
        assert "B3" not in GCP2
        assert GCP2.get("B3") is None

    def test_typed_lookups_refuse_the_wrong_kind(self) -> None:
        """area(), sub_area() and item() refuse a code of another kind."""
        with pytest.raises(UnknownCodeError, match="area: expected a code"):
            GCP2.area("A1")
        with pytest.raises(UnknownCodeError, match="sub_area: expected a code"):
            GCP2.sub_area("A")
        with pytest.raises(UnknownCodeError, match="item: expected a code"):
            GCP2.item("A1")


class TestUnknownCodes:
    def test_unknown_code_names_code_and_nearest(self) -> None:
        """An unknown code raises a LookupError naming it and the nearest valid codes."""
        with pytest.raises(LookupError) as caught:
            GCP2["A6"]
        error = caught.value
        assert isinstance(error, UnknownCodeError)
        assert "A6" == error.code
        assert "GCP2" == error.catalogue
        assert error.suggestions
        assert all(code in GCP2 for code in error.suggestions)
        assert str(error).startswith("expected a code of catalogue 'GCP2', got 'A6'; nearest")

    def test_unknown_code_without_near_match(self) -> None:
        """With nothing close, the message has no suggestion list."""
        with pytest.raises(UnknownCodeError) as caught:
            GCP2["zzzzzzzzzz"]
        assert () == caught.value.suggestions
        assert "expected a code of catalogue 'GCP2', got 'zzzzzzzzzz'" == str(caught.value)

    @pytest.mark.parametrize("code", [None, 3, ("A",)])
    def test_non_string_codes_are_unknown_not_type_errors(self, code: Any) -> None:
        """A code of the wrong type is an unknown code, never a bare TypeError."""
        with pytest.raises(UnknownCodeError):
            GCP2[code]

    def test_children_of_unknown_code(self) -> None:
        """children() and parent() of an unknown code raise UnknownCodeError."""
        with pytest.raises(UnknownCodeError):
            GCP2.children("Q")
        with pytest.raises(UnknownCodeError):
            GCP2.parent("Q")


class TestBuildingInCode:
    def test_duplicate_codes_are_refused(self) -> None:
        """Two nodes with one code make a PolicyError naming the place."""
        with pytest.raises(PolicyError) as caught:
            Catalogue("x", "1", Instrument.GCP2, (Area("A", "One"), Area("A", "Two")))
        assert "areas[1].code: expected each code once, got 'A' again" == str(caught.value)

    def test_sub_area_under_unknown_area(self) -> None:
        """A sub-area must belong to an area of the catalogue."""
        with pytest.raises(PolicyError, match=r"sub_areas\[0\].area: expected the code"):
            Catalogue("x", "1", Instrument.GCP2, (Area("A", "One"),), (SubArea("B1", "b", "B"),))

    def test_item_under_area_with_sub_areas(self) -> None:
        """An item may sit directly under an area only if the area has no sub-areas."""
        with pytest.raises(PolicyError, match=r"items\[0\].parent"):
            GCP2.with_items((Item("Aa", "Invented", "A"),), name="x", version="1")

    def test_item_under_section_without_sub_areas(self) -> None:
        """GCP2A sections have no sub-areas, so items sit under the section."""
        catalogue = GCP2A.with_items((Item("S1a", "Invented", "S1"),), name="x", version="1")
        assert "S1" == catalogue.parent("S1a").code  # type: ignore[union-attr]

    def test_no_areas(self) -> None:
        """A catalogue needs at least one area."""
        with pytest.raises(PolicyError, match="expected at least one area"):
            Catalogue("x", "1", Instrument.GCP2, ())

    @pytest.mark.parametrize("code", ["a", "1A", "", "A-"])
    def test_area_code_shape(self, code: str) -> None:
        """Area codes are capital letters and digits starting with a letter."""
        with pytest.raises(PolicyError, match="area.code: expected capital letters"):
            Area(code, "Name")

    def test_sub_area_code_shape(self) -> None:
        """A sub-area code is its area's code followed by a number."""
        with pytest.raises(PolicyError, match="expected the area code 'A' followed"):
            SubArea("B1", "Name", "A")
        with pytest.raises(PolicyError):
            SubArea("Ax", "Name", "A")

    def test_item_code_shape(self) -> None:
        """An item code is its parent's code followed by lower-case letters."""
        with pytest.raises(PolicyError, match="followed by lower-case letters"):
            Item("A11", "Invented", "A1")

    def test_blank_names_are_refused(self) -> None:
        """Names and labels must have visible text."""
        with pytest.raises(PolicyError, match="expected a non-empty name"):
            Area("A", "  ")

    def test_descriptor_keys_must_be_grades(self) -> None:
        """Descriptors are keyed by Grade; anything else is refused."""
        with pytest.raises(PolicyError, match="expected grades 1 to 5 as keys, got 6"):
            Item("A1a", "Invented", "A1", {6: "x"})  # type: ignore[dict-item]
        with pytest.raises(PolicyError, match="expected text, got a int"):
            Item("A1a", "Invented", "A1", {Grade(1): 5})  # type: ignore[dict-item]

    def test_overlapping_age_bands(self) -> None:
        """Two bands of one item must not share a month."""
        with pytest.raises(PolicyError, match="do not overlap"):
            Item("A1a", "Invented", "A1", age_bands=(AgeBand(0, 60), AgeBand(48, None)))


class TestAgeBands:
    def test_bounds(self) -> None:
        """from_months is included, until_months is not; None is open-ended."""
        band = AgeBand(12, 24)
        assert [False, True, True, False] == [band.contains(m) for m in (11, 12, 23, 24)]
        assert AgeBand(60).contains(215)
        assert "12 to 23 months" == str(band)

    def test_empty_band(self) -> None:
        """A band that ends where it starts is empty and refused."""
        with pytest.raises(PolicyError, match="the band is empty"):
            AgeBand(12, 12)

    def test_negative_start(self) -> None:
        """A band cannot start before birth."""
        with pytest.raises(
            PolicyError, match="from_months: expected a whole number, 0 or more, got -1"
        ):
            AgeBand(-1, 5)

    def test_overlap_is_symmetric(self) -> None:
        """Overlap does not depend on which band asks."""
        pairs = [
            (AgeBand(0, 12), AgeBand(11)),
            (AgeBand(0, 12), AgeBand(12)),
            (AgeBand(5), AgeBand(9)),
        ]
        for one, other in pairs:
            assert one.overlaps(other) == other.overlaps(one)

    def test_item_without_bands_applies_to_everyone(self) -> None:
        """An item with no bands applies at every age."""
        assert Item("A1a", "Invented", "A1").applies_to_age(200)


class TestLoadingFiles:
    def test_invented_toml(self, invented_catalogue: Catalogue) -> None:
        """The shipped invented catalogue loads, items under the standard sub-areas."""
        assert "Invented example catalogue" == invented_catalogue.name
        assert GCP2.sub_areas == invented_catalogue.sub_areas
        item = invented_catalogue.item("A1a")
        assert item.label.startswith("Invented:")
        assert {Grade(1), Grade(3), Grade(5)} == set(item.descriptors)
        assert (AgeBand(60, None),) == invented_catalogue.item("B2b").age_bands

    def test_json_file(self, tmp_path: Path) -> None:
        """A JSON file with the same keys loads the same way."""
        path = tmp_path / "catalogue.json"
        path.write_text(json.dumps(document()), encoding="utf-8")
        assert "Invented: item one" == load_catalogue(path).item("A1a").label

    def test_a_file_is_a_catalogue_document(self) -> None:
        """A file that lays out its own areas is read as the catalogue document it is."""
        catalogue = catalogue_from_document(
            document(areas=[{"code": "Z", "name": "Anything"}], items=[])
        )
        assert ("Z",) == tuple(area.code for area in catalogue)

    def test_full_structure_document(self) -> None:
        """The shipped structure files lay out areas, sections and age bands."""
        catalogue = catalogue_from_document(
            document(
                instrument="GCP2A",
                areas=[{"code": "S1", "name": "First", "phase": "antenatal"}],
                items=[{"code": "S1a", "label": "Invented"}],
                age_band={"from_months": 0, "until_months": 12},
            ),
        )
        assert ("S1",) == tuple(area.code for area in catalogue)
        assert AgeBand(0, 12) == catalogue.age_band

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """Only .toml and .json are read."""
        path = tmp_path / "catalogue.yaml"
        path.write_text("x", encoding="utf-8")
        with pytest.raises(DocumentError, match="expected a file ending .toml or .json"):
            load_catalogue(path)

    def test_no_suffix(self, tmp_path: Path) -> None:
        """A file without a suffix is refused with the same message."""
        path = tmp_path / "catalogue"
        path.write_text("x", encoding="utf-8")
        with pytest.raises(DocumentError, match="got 'catalogue'"):
            load_catalogue(path)

    def test_broken_toml(self, tmp_path: Path) -> None:
        """A TOML parse error is a DocumentError."""
        path = tmp_path / "catalogue.toml"
        path.write_text("name = ", encoding="utf-8")
        with pytest.raises(DocumentError, match=r"^\$: expected TOML, got a syntax error"):
            load_catalogue(path)

    def test_broken_json(self, tmp_path: Path) -> None:
        """A JSON parse error is a DocumentError naming the line."""
        path = tmp_path / "catalogue.json"
        path.write_text("{\n,", encoding="utf-8")
        with pytest.raises(DocumentError, match="syntax error at line 2"):
            load_catalogue(path)


class TestDocumentErrors:
    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"extra": 1},
                "$.extra: unknown key; expected only name, version, instrument, items, areas, age_band",
            ),
            (
                {"schema_version": 2},
                "$.schema_version: expected schema version 1 or older, got 2: the document was written by a newer release of neglect-protocol",
            ),
            (
                {"schema_version": True},
                "$.schema_version: expected an integer schema version, got true",
            ),
            ({"instrument": "GCP3"}, '$.instrument: expected one of "GCP2", "GCP2A", got "GCP3"'),
            ({"name": ""}, '$.name: expected text that is not blank, got ""'),
            ({"items": {}}, "$.items: expected a list, got an object"),
            ({"items": ["A1a"]}, "$.items[0]: expected an object, got a string"),
            ({"items": [{"code": "A1a"}]}, "$.items[0].label: required key missing"),
            (
                {"items": [{"code": "A1a", "label": "x", "colour": "red"}]},
                "$.items[0].colour: unknown key; expected only code, label, descriptors, age_bands",
            ),
            (
                {"items": [{"code": "E1a", "label": "x"}]},
                "$.items[0].code: expected the code of a sub-area (or of an area without sub-areas), got '",
            ),
            (
                {"items": [{"code": "A1", "label": "x"}]},
                '$.items[0].code: expected the code of a sub-area followed by lower-case letters, got "',
            ),
            (
                {"items": [{"code": "a", "label": "x"}]},
                '$.items[0].code: expected the code of a sub-area followed by lower-case letters, got "',
            ),
            (
                {"items": [{"code": "A1a", "label": "x"}, {"code": "A1a", "label": "y"}]},
                "$.items[1].code: expected each code once, got 'A1a' again",
            ),
            (
                {"items": [{"code": "A1a", "label": "x", "descriptors": {"6": "y"}}]},
                '$.items[0].descriptors["6"]: expected a key from "1", "2", "3", "4", "5", got "6"',
            ),
            (
                {"items": [{"code": "A1a", "label": "x", "descriptors": {"1": 3}}]},
                '$.items[0].descriptors["1"]: expected a string, got an integer',
            ),
            (
                {"items": [{"code": "A1a", "label": "x", "descriptors": []}]},
                "$.items[0].descriptors: expected an object, got a list",
            ),
            (
                {
                    "items": [
                        {
                            "code": "A1a",
                            "label": "x",
                            "age_bands": [{"from_months": 5, "until_months": 5}],
                        }
                    ]
                },
                "$.items[0].age_bands[0]: expected until_months above from_months 5, got 5 (the band is empty)",
            ),
            (
                {"items": [{"code": "A1a", "label": "x", "age_bands": [{"from_months": -1}]}]},
                "$.items[0].age_bands[0].from_months: expected a",
            ),
            (
                {"items": [{"code": "A1a", "label": "x", "age_bands": [{"from_months": 1.5}]}]},
                "$.items[0].age_bands[0].from_months: expected a",
            ),
            (
                {
                    "items": [
                        {
                            "code": "A1a",
                            "label": "x",
                            "age_bands": [
                                {"from_months": 0, "until_months": 24},
                                {"from_months": 12},
                            ],
                        }
                    ]
                },
                "$.items[0].age_bands: expected age bands that do not overlap, got 0 to 23 months and 12 months and over",
            ),
            (
                {"schema_version": 1.0},
                "$.schema_version: expected an integer schema version, got 1.0",
            ),
            (
                {"items": [{"code": "A1a", "label": "x", "descriptors": {"1": "  "}}]},
                '$.items[0].descriptors["1"]: expected text that is not blank, got "  "',
            ),
            (
                {"items": [{"code": "Aa", "label": "x"}]},
                "$.items[0].code: expected the code of a sub-area (or of an area without sub-areas), got '",
            ),
            (
                {"instrument": "Invented: not an instrument"},
                '$.instrument: expected one of "GCP2", "GCP2A", got a string of 27 characters',
            ),
        ],
    )
    def test_bad_documents_name_the_place(self, changes: dict[str, Any], message: str) -> None:
        """Every problem in a partnership's file is our error, its message starting at its path."""
        with pytest.raises(DocumentError) as caught:
            catalogue_from_document(document(**changes))
        assert str(caught.value).startswith(message)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"areas": [{"code": "a", "name": "x"}]},
                '$.areas[0].code: expected capital letters and digits starting with a letter, got "a"',
            ),
            (
                {"areas": [{"code": "A", "name": "x", "phase": "later"}]},
                '$.areas[0].phase: expected one of "antenatal", "postnatal", got "later"',
            ),
            (
                {"areas": [{"code": "A", "name": "x", "sub_areas": [{"code": "B1", "name": "y"}]}]},
                "$.areas[0].sub_areas[0].code: expected the area code 'A' followed by a number, got 'B1'",
            ),
            (
                {"areas": [{"code": "A", "name": "x"}, {"code": "A", "name": "y"}], "items": []},
                "$.areas[1].code: expected each code once, got 'A' again",
            ),
            (
                {"areas": [{"code": "A", "name": "x"}], "items": [{"code": "A1a", "label": "x"}]},
                "$.items[0].code: expected the code of a sub-area (or of an area without sub-areas), got '",
            ),
            ({"areas": [], "items": []}, "$.areas: expected at least one area, got none"),
            (
                {"areas": [{"code": "A", "name": "x", "former_name": 3}]},
                "$.areas[0].former_name: expected a string or null, got an integer",
            ),
            (
                {
                    "areas": [
                        {
                            "code": "A",
                            "name": "x",
                            "sub_areas": [{"code": "A1", "name": "y"}, {"code": "A1", "name": "z"}],
                        }
                    ]
                },
                "$.areas[0].sub_areas[1].code: expected each code once, got 'A1' again",
            ),
            (
                {
                    "areas": [
                        {
                            "code": "A",
                            "name": "x",
                            "age_band": {"from_months": 3, "until_months": 1},
                        }
                    ]
                },
                "$.areas[0].age_band: expected until_months above from_months 3, got 1 (the band is empty)",
            ),
        ],
    )
    def test_bad_structures_name_the_place(self, changes: dict[str, Any], message: str) -> None:
        """The shipped structure format is checked as strictly, with paths into the file."""
        with pytest.raises(DocumentError) as caught:
            catalogue_from_document(document(**changes))
        assert str(caught.value).startswith(message)

    def test_document_must_be_a_table(self) -> None:
        """A document that is not a table is refused at $."""
        with pytest.raises(DocumentError, match=r"^\$: expected a JSON object, got a list"):
            catalogue_from_document([])  # type: ignore[arg-type]

    def test_missing_required_top_key(self) -> None:
        """schema_version, name, version and instrument are required."""
        data = document()
        del data["version"]
        with pytest.raises(DocumentError, match=r"^\$\.version: required key missing$"):
            catalogue_from_document(data)


class TestSmallerAccessors:
    def test_item_name_is_its_label(self, invented_catalogue: Catalogue) -> None:
        """Every node has a name; an item's is its label."""
        item = invented_catalogue.item("A2a")
        assert item.label == item.name

    def test_area_lookup(self) -> None:
        """area() returns the area with the code."""
        assert "Care of safety" == GCP2.area("B").name

    def test_separate_age_bands_are_accepted(self) -> None:
        """Bands that do not overlap may sit on one item (a gap between them is allowed)."""
        item = Item(
            "A1a", "Invented", "A1", age_bands=(AgeBand(0, 12), AgeBand(24, 36), AgeBand(60))
        )
        assert [True, False, True, False, True] == [
            item.applies_to_age(m) for m in (0, 12, 24, 40, 99)
        ]

    def test_rating_parents(self, invented_catalogue: Catalogue) -> None:
        """The scoring index says what a rating of each code feeds, for the child's age."""
        parents = invented_catalogue.rating_parents(40)
        assert "A1" == parents["A1a"]
        assert parents["A1"] is None
        assert "A9" not in parents
        # A1c has age bands: absent for an unborn child, and present or not by age.
        assert "A1c" not in invented_catalogue.rating_parents(None)
        banded = invented_catalogue["A1c"]
        for months in (0, 12, 24, 40, 99):
            expected = banded.applies_to_age(months)  # type: ignore[union-attr]
            assert expected == ("A1c" in invented_catalogue.rating_parents(months))
        assert invented_catalogue.rating_parents(40) is parents  # built once per age

    def test_layout(self, invented_catalogue: Catalogue) -> None:
        """The layout is each area with its sub-areas, in catalogue order."""
        layout = invented_catalogue.layout()
        assert list(invented_catalogue.areas) == [area for area, _ in layout]
        assert list(invented_catalogue.sub_areas) == [sub for _, subs in layout for sub in subs]

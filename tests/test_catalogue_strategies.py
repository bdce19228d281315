"""The strategies added for interop: catalogues, free text, and type registration."""

from __future__ import annotations

import itertools
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import GCP2, Assessment, Catalogue, ChildRef, Instrument, Phase, validate
from neglect_protocol.catalogue import AgeBand
from neglect_protocol.strategies import (
    age_bands,
    any_child_refs,
    assessments,
    assessments_with_evidence,
    catalogues,
    type_strategies,
)


class TestCatalogues:
    @given(catalogues())
    def test_valid_catalogues_with_items(self, catalogue: Catalogue) -> None:
        """Rule: every drawn catalogue is valid, and items sit under sub-areas or bare areas."""
        for item in catalogue.items:
            assert catalogue.parent(item.code) is not None

    @given(catalogues(Instrument.GCP2A))
    def test_gcp2a_has_both_phases(self, catalogue: Catalogue) -> None:
        """Rule: a drawn GCP2A catalogue has an antenatal first and a postnatal last section."""
        assert (Phase.ANTENATAL, Phase.POSTNATAL) == (
            catalogue.areas[0].phase,
            catalogue.areas[-1].phase,
        )
        assert () == catalogue.sub_areas

    @given(data=st.data())
    def test_assessments_fit_drawn_catalogues(self, data: st.DataObject) -> None:
        """Rule: assessments drawn for a drawn catalogue validate against it."""
        catalogue = data.draw(catalogues())
        validate(data.draw(assessments(catalogue)), catalogue)

    @given(age_bands())
    def test_age_bands_do_not_overlap(self, bands: tuple[AgeBand, ...]) -> None:
        """Rule: drawn age bands are youngest first and never overlap."""
        for first, second in itertools.pairwise(bands):
            assert first.until_months is not None
            assert first.until_months <= second.from_months


class TestOtherStrategies:
    @given(any_child_refs())
    def test_children_of_every_kind(self, child: ChildRef) -> None:
        """Rule: a drawn child has a date of birth, an expected delivery date, or both."""
        assert child.date_of_birth is not None or child.expected_delivery_date is not None

    @given(assessments_with_evidence())
    def test_evidence_is_kept(self, assessment: Assessment) -> None:
        """Rule: assessments with evidence are valid against the built-in catalogue."""
        validate(assessment, GCP2)

    def test_registered_through_the_entry_point(self) -> None:
        """The hypothesis entry point makes st.from_type draw every type of the type table."""
        from importlib.metadata import entry_points

        (entry,) = [
            point for point in entry_points(group="hypothesis") if point.name == "neglect_protocol"
        ]
        # The entry point's module is private: it is what the distribution's metadata names.
        from neglect_protocol._entry_points import register

        assert register is entry.load()
        register()

        @given(st.data())
        def drawn(data: st.DataObject) -> None:
            kind = data.draw(st.sampled_from(sorted(type_strategies(), key=repr)))
            assert isinstance(data.draw(st.from_type(kind)), kind)

        drawn()

    def test_importing_strategies_first_works(self) -> None:
        """Importing the strategies module before Hypothesis (which runs the entry point) works."""
        code = (
            "import neglect_protocol.strategies\n"
            "from hypothesis import find, strategies as st\n"
            "from neglect_protocol import Catalogue\n"
            "print(type(find(st.from_type(Catalogue), lambda catalogue: True)).__name__)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "Catalogue" == result.stdout.strip()

"""Census code lists (plan categories, assessment factors) and the neglect cut of a cohort."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol.census import (
    NEGLECT_CATEGORY,
    NEGLECT_FACTOR,
    CensusCode,
    CensusCodeList,
    CodedRecord,
    CodeListKind,
    NeglectBasis,
    builtin_assessment_factors,
    builtin_plan_categories,
    check_codes,
    count_codes,
    load_assessment_factors,
    load_plan_categories,
    neglect_share,
)
from neglect_protocol.errors import CohortError
from neglect_protocol.indicators import CohortRecord
from neglect_protocol.stats import Proportion

SECRET = "Invented: left alone at night"


def coded(
    reference: str, category: str | None = None, *factors: str, level: int = 4
) -> CodedRecord:
    return CodedRecord(CohortRecord(reference, "N1", "5 to 9", level), category, factors)


class TestBuiltinLists:
    def test_plan_categories_are_the_five_dfe_codes(self) -> None:
        """The category of abuse code set (DfE validation rule 8905, 2022 to 2023)."""
        categories = builtin_plan_categories()
        assert ("NEG", "PHY", "EMO", "SAB", "MUL") == categories.code_values
        assert "neglect" == categories.label("NEG")
        assert 2023 == categories.year
        assert "rule 8905" in categories.source

    def test_factors_name_neglect_and_domestic_abuse(self) -> None:
        """16A is neglect and 17A emotional abuse (Devon FOI, DfE code set); 3A to 3C exist."""
        factors = builtin_assessment_factors()
        assert "neglect" == factors.label("16A")
        assert "emotional abuse" == factors.label("17A")
        assert {"3A", "3B", "3C"} <= set(factors.code_values)
        assert 2023 == factors.year

    def test_unverified_older_codes_are_left_out(self) -> None:
        """18A and 19A (older years) are not in the current list; 8A is never valid (rule 8617)."""
        factors = builtin_assessment_factors()
        for code in ("18A", "19A", "8A"):
            assert code not in factors

    def test_neglect_codes_are_on_the_lists(self) -> None:
        """The neglect constants are codes of the built-in lists."""
        assert NEGLECT_CATEGORY in builtin_plan_categories()
        assert NEGLECT_FACTOR in builtin_assessment_factors()


def write(path: Path, document: dict[str, object]) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def factor_document(**changes: object) -> dict[str, object]:
    document: dict[str, object] = {
        "schema_version": 1,
        "kind": "assessment_factor",
        "source": "Invented future census guide",
        "year": 2031,
        "codes": [{"code": "16A", "label": "neglect"}, {"code": "25A", "label": "invented"}],
    }
    document.update(changes)
    return document


class TestLoadingAnotherYear:
    def test_a_newer_file_replaces_the_builtin_list(self, tmp_path: Path) -> None:
        """A list of another year, loaded from a file, is used instead of the built-in one."""
        factors = load_assessment_factors(write(tmp_path / "f.json", factor_document()))
        assert 2031 == factors.year
        record = coded("C-1", None, "25A")
        check_codes([record], factors=factors)
        with pytest.raises(CohortError):
            check_codes([record])

    def test_plan_categories_load_from_toml(self, tmp_path: Path) -> None:
        """A TOML file of plan categories loads with its source and year."""
        path = tmp_path / "c.toml"
        path.write_text(
            'schema_version = 1\nkind = "plan_category"\nsource = "Invented"\nyear = 2030\n'
            '[[codes]]\ncode = "NEG"\nlabel = "neglect"\n',
            encoding="utf-8",
        )
        categories = load_plan_categories(path)
        assert (2030, ("NEG",)) == (categories.year, categories.code_values)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"kind": "plan_category"},
                "$.kind: expected 'assessment_factor', got 'plan_category'",
            ),
            ({"schema_version": 2}, "$.schema_version: expected schema version 1, got 2"),
            ({"year": "2031"}, "$.year: expected the year a collection ends"),
            ({"colour": "blue"}, "$: expected only the keys"),
            (
                {"codes": [{"code": "16A", "label": "a"}, {"code": "16A", "label": "b"}]},
                "$.codes[1].code: expected each code once, got '16A' again",
            ),
            ({"codes": [{"code": SECRET, "label": "a"}]}, "$.codes[0].code: expected a factor"),
            ({"codes": [{"code": " ", "label": "a"}]}, "$.codes[0].code: expected a code"),
            ({"codes": []}, "$.codes: expected a non-empty tuple of codes"),
            ({"codes": [{"code": "16A"}]}, "$.codes[0]: expected a 'label' key"),
        ],
    )
    def test_bad_files_are_refused_with_their_path(
        self, tmp_path: Path, changes: dict[str, object], message: str
    ) -> None:
        """A bad code list file is our error, with a $ path, never echoing free text."""
        with pytest.raises(CohortError) as caught:
            load_assessment_factors(write(tmp_path / "f.json", factor_document(**changes)))
        assert str(caught.value).startswith(message)
        assert SECRET not in str(caught.value)


class TestCodedRecord:
    def test_codes_are_kept(self) -> None:
        """A coded record keeps its plan category and factors (a list becomes a tuple)."""
        record = CodedRecord(CohortRecord("C-1", "N1", "1 to 4", 4), "NEG", ["16A", "3B"])
        assert ("C-1", "NEG", ("16A", "3B")) == (
            record.reference,
            record.plan_category,
            record.factors,
        )

    @pytest.mark.parametrize(
        ("category", "factors", "message"),
        [
            (SECRET, (), "plan_category: expected a child protection plan category code"),
            ("neg", (), "plan_category: expected a child protection plan category code"),
            (None, "16A", "factors: expected a tuple of factor codes, got '16A'"),
            (None, (SECRET,), "factors[0]: expected a factor identified"),
            (None, ("16A", "16A"), "factors[1]: expected each factor once, got '16A' again"),
            (None, ("21", "16A"), "factors: expected '21' (no factors identified) on its own"),
        ],
    )
    def test_badly_shaped_codes_are_refused(
        self, category: object, factors: object, message: str
    ) -> None:
        """Free text or a malformed code is refused at once, never echoed."""
        with pytest.raises(CohortError) as caught:
            CodedRecord(CohortRecord("C-1", "N1", "1 to 4", 4), category, factors)
        assert str(caught.value).startswith(message)
        assert SECRET not in str(caught.value)

    def test_an_unborn_child_is_not_looked_after(self) -> None:
        """An unborn child cannot be in care (Children Act 1989 s.22(1)): refused with its field."""
        unborn = CohortRecord("C-1", "N1", "unborn", 4, looked_after=True)
        with pytest.raises(CohortError, match="record.looked_after: expected an unborn child not"):
            CodedRecord(unborn, "NEG")
        assert "unborn" == CodedRecord(CohortRecord("C-2", "N1", "unborn", 4)).record.age_band.value

    def test_a_record_must_be_a_cohort_record(self) -> None:
        """The record joined to the codes is a cohort record."""
        with pytest.raises(CohortError, match="record: expected a CohortRecord, got a dict"):
            CodedRecord({"reference": "C-1"})  # type: ignore[arg-type]


class TestCheckCodes:
    @pytest.mark.parametrize(
        ("record", "message"),
        [
            (
                coded("C-1", "NEX"),
                "$.records[1].plan_category: expected a child protection plan category code "
                "of the 2023 census list, got 'NEX'; nearest: 'NEG'",
            ),
            (
                coded("C-1", None, "3A", "16B"),
                "$.records[1].factors[1]: expected a factor identified at the end of assessment "
                "code of the 2023 census list, got '16B'; nearest: '16A'",
            ),
            (coded("C-1", None, "99"), "$.records[1].factors[0]: expected a factor"),
        ],
    )
    def test_unknown_codes_are_refused_with_the_nearest(
        self, record: CodedRecord, message: str
    ) -> None:
        """An unknown category or factor is our error, with its path and the nearest valid code."""
        with pytest.raises(CohortError) as caught:
            check_codes([coded("C-0", "NEG", "16A"), record])
        assert str(caught.value).startswith(message)

    def test_a_child_twice_is_refused(self) -> None:
        """Each child is counted once: a repeated reference is refused, not double counted."""
        with pytest.raises(CohortError, match=r"\$.records\[1\].record.reference: expected each"):
            check_codes([coded("C-1"), coded("C-1")])

    def test_records_must_be_coded_records(self) -> None:
        """A plain cohort record (no codes) or a string is refused, not silently read."""
        with pytest.raises(CohortError, match=r"\$.records\[0\]: expected a CodedRecord"):
            check_codes([CohortRecord("C-1", "N1", "1 to 4", 4)])  # type: ignore[list-item]
        with pytest.raises(CohortError, match="records: expected a sequence of coded records"):
            check_codes("C-1")  # type: ignore[arg-type]

    def test_lists_of_the_wrong_kind_are_refused(self) -> None:
        """Factors passed as categories are refused."""
        with pytest.raises(CohortError, match="categories: expected a CensusCodeList of child"):
            check_codes([coded("C-1")], categories=builtin_assessment_factors())


class TestCodeList:
    def test_label_and_nearest(self) -> None:
        """A list labels its codes and suggests the nearest for a mistyped one."""
        factors = builtin_assessment_factors()
        assert "16A" == factors.nearest("16b")
        assert "NEG" == builtin_plan_categories().nearest("NEGL")
        assert factors.nearest(16) is None
        assert builtin_plan_categories().nearest("ZZZZZZZ") is None
        with pytest.raises(CohortError, match="got 'XYZ'"):
            builtin_plan_categories().label("XYZ")

    def test_built_in_code_needs_a_label_and_a_clean_code(self) -> None:
        """A code needs text without surrounding spaces, and a label."""
        with pytest.raises(CohortError, match="code: expected a code"):
            CensusCode(" NEG", "neglect")
        with pytest.raises(CohortError, match="label: expected non-empty text"):
            CensusCode("NEG", " ")

    def test_list_fields_are_checked(self) -> None:
        """Kind, codes and their entries are checked when a list is built in code."""
        neglect = CensusCode("NEG", "neglect")
        with pytest.raises(CohortError, match="kind: expected one of"):
            CensusCodeList("plans", "x", 2023, (neglect,))
        with pytest.raises(CohortError, match=r"codes\[0\]: expected a CensusCode, got 'NEG'"):
            CensusCodeList(CodeListKind.PLAN_CATEGORY, "x", 2023, ("NEG",))  # type: ignore[arg-type]
        with pytest.raises(CohortError, match="codes: expected a non-empty tuple"):
            CensusCodeList(CodeListKind.PLAN_CATEGORY, "x", 2023, [neglect])  # type: ignore[arg-type]


class TestCounts:
    def test_plan_categories_are_counted_with_zeros(self) -> None:
        """Every category is shown, zeros included; children without a plan are counted apart."""
        counts = count_codes(
            [coded("C-1", "NEG"), coded("C-2", "NEG"), coded("C-3", "EMO"), coded("C-4")],
            builtin_plan_categories(),
        )
        assert {"NEG": 2, "PHY": 0, "EMO": 1, "SAB": 0, "MUL": 0} == dict(counts.counts)
        assert (3, 1, 4) == (counts.recorded, counts.unrecorded, counts.children)
        assert Proportion(2, 3) == counts.share("NEG")

    def test_a_child_counts_under_each_factor(self) -> None:
        """Factors are many per child: a child counts under each of theirs."""
        counts = count_codes(
            [coded("C-1", None, "16A", "3B"), coded("C-2", None, "3B")],
            builtin_assessment_factors(),
        )
        assert (1, 2) == (counts.counts["16A"], counts.counts["3B"])
        assert Proportion(2, 2) == counts.share("3B")

    def test_share_of_nothing_recorded_is_refused(self) -> None:
        """A share needs at least one child with a code of the list."""
        counts = count_codes([coded("C-1")], builtin_plan_categories())
        with pytest.raises(CohortError, match="expected at least one child with a child"):
            counts.share("NEG")

    def test_counting_needs_a_code_list(self) -> None:
        """Counting against something other than a code list is refused."""
        with pytest.raises(CohortError, match="codes: expected a CensusCodeList, got 'NEG'"):
            count_codes([coded("C-1")], "NEG")  # type: ignore[arg-type]


class TestNeglectShare:
    RECORDS = (
        coded("C-1", "NEG", "16A"),
        coded("C-2", "PHY", "16A", "3B"),
        coded("C-3", "NEG"),
        coded("C-4", None, "3B"),
        coded("C-5"),
    )

    @pytest.mark.parametrize(
        ("basis", "neglect", "recorded"),
        [
            (NeglectBasis.PLAN_CATEGORY, 2, 3),
            (NeglectBasis.ASSESSMENT_FACTOR, 2, 3),
            (NeglectBasis.EITHER, 3, 4),
        ],
    )
    def test_each_basis_counts_its_own_way(
        self, basis: NeglectBasis, neglect: int, recorded: int
    ) -> None:
        """ "Due to neglect" is NEG, 16A, or either; children with neither recorded are kept apart."""
        share = neglect_share(self.RECORDS, basis.value)
        assert (basis, neglect, recorded, 5 - recorded) == (
            share.basis,
            share.neglect,
            share.recorded,
            share.unrecorded,
        )
        assert Proportion(neglect, recorded) == share.proportion

    def test_the_basis_is_said_in_words(self) -> None:
        """The helper says which basis a figure used, naming the code."""
        assert "(NEG)" in neglect_share(self.RECORDS, "plan_category").basis_description
        assert "(16A)" in NeglectBasis.ASSESSMENT_FACTOR.description
        assert "or" in NeglectBasis.EITHER.description

    def test_nothing_recorded_gives_no_proportion(self) -> None:
        """With no child recorded on the basis, there is no share (None), not 0%."""
        assert neglect_share([coded("C-1")], "plan_category").proportion is None

    def test_an_unknown_basis_is_refused(self) -> None:
        """The basis is one of three; anything else is our error."""
        with pytest.raises(CohortError, match="basis: expected one of 'plan_category'"):
            neglect_share(self.RECORDS, "neglect")

    @given(
        st.lists(
            st.tuples(
                st.sampled_from([None, "NEG", "PHY", "MUL"]),
                st.lists(st.sampled_from(["16A", "17A", "3B"]), unique=True, max_size=3),
            ),
            max_size=12,
        ),
        st.sampled_from(NeglectBasis),
    )
    def test_either_basis_bounds_the_others(
        self, rows: list[tuple[str | None, list[str]]], basis: NeglectBasis
    ) -> None:
        """Law: neglect counts lie in [0, recorded], and "either" counts at least each basis."""
        records = [coded(f"C-{index}", cat, *factors) for index, (cat, factors) in enumerate(rows)]
        share = neglect_share(records, basis)
        either = neglect_share(records, NeglectBasis.EITHER)
        assert 0 <= share.neglect <= share.recorded <= len(records)
        assert share.recorded + share.unrecorded == len(records)
        assert share.neglect <= either.neglect

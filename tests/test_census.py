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
    CodeListKind,
    NeglectBasis,
    UnbornPolicy,
    builtin_assessment_factors,
    builtin_plan_categories,
    check_codes,
    code_list_from_document,
    count_codes,
    load_assessment_factors,
    load_plan_categories,
    neglect_share,
)
from neglect_protocol.errors import AssuranceError, DocumentError
from neglect_protocol.indicators import CohortRecord
from neglect_protocol.stats import Proportion

SECRET = "Invented: left alone at night"


def coded(
    reference: str, category: str | None = None, *factors: str, level: int = 4
) -> CohortRecord:
    return CohortRecord(reference, "N1", "5 to 9", level, plan_category=category, factors=factors)


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

    def test_superseded_abuse_codes_are_read(self) -> None:
        """18A and 19A are queried by the census, not refused (rules 8945Q, 8950Q), so are listed.

        The validator's queries ask for 18B/18C and 19B/19C instead; earlier
        years' records carry 18A and 19A (Devon County Council's data request).
        8A is never valid (rule 8617).
        """
        factors = builtin_assessment_factors()
        assert {"18A", "18B", "18C", "19A", "19B", "19C"} <= set(factors.code_values)
        assert "superseded" in factors.label("18A")
        assert "8945Q" in factors.label("18A")
        assert "8950Q" in factors.label("19A")
        assert "8A" not in factors

    def test_a_mistyped_abuse_code_points_to_a_current_one(self) -> None:
        """The nearest code to a mistyped 18 or 19 code is a current one, not a superseded one."""
        factors = builtin_assessment_factors()
        assert ("18B", "19B") == (factors.nearest("18D"), factors.nearest("19X"))

    def test_lists_name_the_census_guide_and_its_year(self) -> None:
        """Both shipped lists cite the DfE census guide they follow and its collection year."""
        for codes in (builtin_plan_categories(), builtin_assessment_factors()):
            assert codes.source.startswith("Department for Education, Children in need census")
            assert "2022 to 2023" in codes.source

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
        "kind": "census_code_list",
        "code_list": "assessment_factor",
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
        with pytest.raises(AssuranceError):
            check_codes([record])

    def test_plan_categories_load_from_toml(self, tmp_path: Path) -> None:
        """A TOML file of plan categories loads with its source and year."""
        path = tmp_path / "c.toml"
        path.write_text(
            'schema_version = 1\ncode_list = "plan_category"\nsource = "Invented"\nyear = 2030\n'
            '[[codes]]\ncode = "NEG"\nlabel = "neglect"\n',
            encoding="utf-8",
        )
        categories = load_plan_categories(path)
        assert (2030, ("NEG",)) == (categories.year, categories.code_values)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"code_list": "plan_category", "codes": [{"code": "NEG", "label": "neglect"}]},
                "$.code_list: expected 'assessment_factor', got 'plan_category'",
            ),
            (
                {"code_list": "plan_category"},
                "$.codes[0].code: expected a child protection plan category code",
            ),
            ({"code_list": "plans"}, "$.code_list: expected one of"),
            ({"kind": "catalogue"}, "$.kind: expected"),
            ({"schema_version": 2}, "$.schema_version:"),
            ({"year": "2031"}, "$.year: expected"),
            ({"year": 1999}, "$.year: expected the year a collection ends"),
            ({"colour": "blue"}, "$.colour:"),
            (
                {"codes": [{"code": "16A", "label": "a"}, {"code": "16A", "label": "b"}]},
                "$.codes[1].code: expected each code once, got '16A' again",
            ),
            ({"codes": [{"code": SECRET, "label": "a"}]}, "$.codes[0].code: expected a factor"),
            ({"codes": [{"code": " ", "label": "a"}]}, "$.codes[0].code: expected a code"),
            ({"codes": []}, "$.codes: expected a non-empty tuple of codes"),
            ({"codes": [{"code": "16A"}]}, "$.codes[0].label:"),
            ({"codes": 3}, "$.codes:"),
        ],
    )
    def test_bad_files_are_refused_with_their_path(
        self, tmp_path: Path, changes: dict[str, object], message: str
    ) -> None:
        """A bad code list file is our DocumentError, at a $ path, never echoing free text."""
        with pytest.raises(DocumentError) as caught:
            load_assessment_factors(write(tmp_path / "f.json", factor_document(**changes)))
        assert any(str(problem).startswith(message) for problem in caught.value.problems), str(
            caught.value
        )
        assert SECRET not in str(caught.value)

    @pytest.mark.parametrize("year", [2008, 10000, True, "2023"])
    def test_a_list_built_in_code_checks_its_year(self, year: object) -> None:
        """A code list built in Python refuses a year no census collection ends in."""
        with pytest.raises(AssuranceError, match=r"^year: expected the year a collection ends"):
            CensusCodeList(
                CodeListKind.ASSESSMENT_FACTOR,
                "Invented",
                year,  # type: ignore[arg-type]
                (CensusCode("16A", "a"),),
            )

    def test_every_problem_is_listed(self, tmp_path: Path) -> None:
        """Problems in several places are all reported, each at its own path."""
        document = factor_document(year="2031", codes=[{"code": "16A"}])
        with pytest.raises(DocumentError) as caught:
            load_assessment_factors(write(tmp_path / "f.json", document))
        paths = {problem.path for problem in caught.value.problems}
        assert {"$.year", "$.codes[0].label"} <= paths

    def test_a_list_of_the_other_kind_is_refused(self, tmp_path: Path) -> None:
        """A factor list loaded as plan categories is refused at $.code_list."""
        with pytest.raises(DocumentError) as caught:
            load_plan_categories(write(tmp_path / "f.json", factor_document()))
        assert "$.code_list: expected 'plan_category', got 'assessment_factor'" == str(caught.value)

    def test_documents_read_without_a_file(self) -> None:
        """A parsed document reads like a file, with or without the kind key."""
        document = factor_document()
        del document["kind"]
        assert ("16A", "25A") == code_list_from_document(document).code_values


class TestCodesOnCohortRecords:
    def test_codes_are_kept(self) -> None:
        """A cohort record keeps its plan category and factors (a list becomes a tuple)."""
        record = CohortRecord("C-1", "N1", "1 to 4", 4, plan_category="NEG", factors=["16A", "3B"])
        assert ("C-1", "NEG", ("16A", "3B")) == (
            record.reference,
            record.plan_category,
            record.factors,
        )

    def test_codes_default_to_none_recorded(self) -> None:
        """A record without codes has no plan category and no factors."""
        record = CohortRecord("C-1", "N1", "1 to 4", 4)
        assert (None, ()) == (record.plan_category, record.factors)

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
        with pytest.raises(AssuranceError) as caught:
            CohortRecord("C-1", "N1", "1 to 4", 4, plan_category=category, factors=factors)
        assert str(caught.value).startswith(message)
        assert SECRET not in str(caught.value)

    def test_an_unborn_child_is_not_looked_after(self) -> None:
        """An unborn child cannot be in care (Children Act 1989 s.22(1)): refused with its field."""
        with pytest.raises(AssuranceError) as caught:
            CohortRecord("C-1", "N1", "unborn", 4, looked_after=True)
        assert str(caught.value).startswith("looked_after: expected an unborn child not to be")
        assert CohortRecord("C-2", "N1", "unborn", 4).age_band.value == "unborn"

    def test_an_unborn_child_looked_after_in_a_document_is_refused_at_its_path(self) -> None:
        """In a cohort document the refusal names the record's path."""
        from neglect_protocol.indicators import Cohort
        from neglect_protocol.serialize import from_dict

        document = {
            "kind": "cohort",
            "schema_version": 1,
            "records": [
                {
                    "reference": "C-1",
                    "primary_need": "N1",
                    "age_band": "unborn",
                    "level_of_need": 3,
                    "looked_after": True,
                }
            ],
        }
        with pytest.raises(DocumentError) as caught:
            from_dict(Cohort, document)
        assert "$.records[0].looked_after" in {problem.path for problem in caught.value.problems}


class TestUnbornCodes:
    @pytest.mark.parametrize(
        ("record", "message"),
        [
            (
                CohortRecord("C-1", "N6", "unborn", 3),
                "$.records[0].primary_need: expected a primary need that can apply to an "
                "unborn child (the unborn policy 'built-in', local policy), got 'N6'",
            ),
            (
                CohortRecord("C-1", "N1", "unborn", 3, factors=("3B", "15A")),
                "$.records[0].factors[1]: expected a factor that can apply to an unborn child "
                "(the unborn policy 'built-in', local policy), got '15A'",
            ),
        ],
    )
    def test_codes_that_cannot_apply_are_refused(self, record: CohortRecord, message: str) -> None:
        """Under the built-in local policy, N6 and the child's own behaviours are refused unborn."""
        with pytest.raises(AssuranceError) as caught:
            check_codes([record])
        assert message == str(caught.value)

    def test_the_same_codes_are_accepted_once_born(self) -> None:
        """The policy looks only at unborn children."""
        check_codes([CohortRecord("C-1", "N6", "under 1", 3, factors=("15A",))])

    def test_unborn_children_keep_the_codes_that_can_apply(self) -> None:
        """Parental factors and neglect apply before birth (pre-birth assessments)."""
        check_codes([CohortRecord("C-1", "N1", "unborn", 3, factors=("16A", "3B", "2B"))])

    def test_the_policy_is_configurable(self) -> None:
        """A partnership's own policy replaces the built-in one; None checks nothing."""
        record = CohortRecord("C-1", "N6", "unborn", 3, factors=("15A",))
        check_codes([record], unborn=None)
        check_codes([record], unborn=UnbornPolicy("county", [], []))
        strict = UnbornPolicy("county", ["N1"], ["16A"])
        with pytest.raises(AssuranceError, match=r"\$.records\[0\].primary_need: .*'county'"):
            check_codes([CohortRecord("C-2", "N1", "unborn", 3)], unborn=strict)

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (("", [], []), "name: expected non-empty text"),
            (("p", "N6", []), "primary_needs: expected a set of primary needs, got 'N6'"),
            (("p", ["N99"], []), "primary_needs[0]: expected one of"),
            (("p", [], "15A"), "factors: expected a set of factor codes, got '15A'"),
            (("p", [], [SECRET]), "factors[0]: expected a factor identified"),
        ],
    )
    def test_a_bad_policy_is_refused(self, arguments: tuple[object, ...], message: str) -> None:
        """A policy's needs and factors are checked when it is built, never echoing free text."""
        with pytest.raises(AssuranceError) as caught:
            UnbornPolicy(*arguments)  # type: ignore[arg-type]
        assert str(caught.value).startswith(message)
        assert SECRET not in str(caught.value)

    def test_the_policy_argument_is_checked(self) -> None:
        """Something other than a policy is refused."""
        with pytest.raises(AssuranceError, match="unborn: expected an UnbornPolicy or None"):
            check_codes([coded("C-1")], unborn="N6")  # type: ignore[arg-type]


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
        self, record: CohortRecord, message: str
    ) -> None:
        """An unknown category or factor is our error, with its path and the nearest valid code."""
        with pytest.raises(AssuranceError) as caught:
            check_codes([coded("C-0", "NEG", "16A"), record])
        assert str(caught.value).startswith(message)

    def test_a_child_twice_is_refused(self) -> None:
        """Each child is counted once: a repeated reference is refused, not double counted."""
        with pytest.raises(AssuranceError, match=r"\$.records\[1\].reference: expected each"):
            check_codes([coded("C-1"), coded("C-1")])

    def test_records_must_be_cohort_records(self) -> None:
        """Something other than a cohort record, or a string, is refused, not silently read."""
        with pytest.raises(AssuranceError, match=r"\$.records\[0\]: expected a CohortRecord"):
            check_codes([{"reference": "C-1"}])  # type: ignore[list-item]
        with pytest.raises(AssuranceError, match="records: expected a sequence of cohort records"):
            check_codes("C-1")  # type: ignore[arg-type]

    def test_lists_of_the_wrong_kind_are_refused(self) -> None:
        """Factors passed as categories are refused."""
        with pytest.raises(AssuranceError, match="categories: expected a CensusCodeList of child"):
            check_codes([coded("C-1")], categories=builtin_assessment_factors())


class TestCodeList:
    def test_label_and_nearest(self) -> None:
        """A list labels its codes and suggests the nearest for a mistyped one."""
        factors = builtin_assessment_factors()
        assert "16A" == factors.nearest("16b")
        assert "NEG" == builtin_plan_categories().nearest("NEGL")
        assert factors.nearest(16) is None
        assert builtin_plan_categories().nearest("ZZZZZZZ") is None
        with pytest.raises(AssuranceError, match="got 'XYZ'"):
            builtin_plan_categories().label("XYZ")

    def test_built_in_code_needs_a_label_and_a_clean_code(self) -> None:
        """A code needs text without surrounding spaces, and a label."""
        with pytest.raises(AssuranceError, match="code: expected a code"):
            CensusCode(" NEG", "neglect")
        with pytest.raises(AssuranceError, match="label: expected non-empty text"):
            CensusCode("NEG", " ")

    def test_list_fields_are_checked(self) -> None:
        """Kind, codes and their entries are checked when a list is built in code."""
        neglect = CensusCode("NEG", "neglect")
        with pytest.raises(AssuranceError, match="kind: expected one of"):
            CensusCodeList("plans", "x", 2023, (neglect,))
        with pytest.raises(AssuranceError, match=r"codes\[0\]: expected a CensusCode, got 'NEG'"):
            CensusCodeList(CodeListKind.PLAN_CATEGORY, "x", 2023, ("NEG",))  # type: ignore[arg-type]
        with pytest.raises(AssuranceError, match="codes: expected a non-empty tuple"):
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
        with pytest.raises(AssuranceError, match="expected at least one child with a child"):
            counts.share("NEG")

    def test_counting_needs_a_code_list(self) -> None:
        """Counting against something other than a code list is refused."""
        with pytest.raises(AssuranceError, match="codes: expected a CensusCodeList, got 'NEG'"):
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
        with pytest.raises(AssuranceError, match="basis: expected one of 'plan_category'"):
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


class TestCohortCuts:
    COHORT_RECORDS = (
        CohortRecord("C-1", "N1", "1 to 4", 4, plan_category="NEG", factors=("16A",)),
        CohortRecord("C-2", "N1", "5 to 9", 4, plan_category="PHY", factors=("16A", "3B")),
        CohortRecord("C-3", "N5", "5 to 9", 4, factors=("3B",)),
        CohortRecord("C-4", "N1", "5 to 9", 3, plan_category="NEG"),
    )

    def test_a_cohort_is_cut_by_plan_category_or_factor(self) -> None:
        """ "Due to neglect" is a plan category (NEG) or a factor (16A), each its own cut."""
        from neglect_protocol.indicators import Cohort

        cohort = Cohort(self.COHORT_RECORDS)
        tier_4 = cohort.where(level_of_need=4)
        assert ["C-1"] == [r.reference for r in tier_4.where(plan_category="NEG").records]
        assert ["C-1", "C-2"] == [r.reference for r in tier_4.where(factor="16A").records]
        assert 2 == len(cohort.where(plan_category="NEG"))

    @pytest.mark.parametrize(
        ("criterion", "message"),
        [
            ({"plan_category": SECRET}, "plan_category: expected a child protection plan"),
            ({"factor": "neglect"}, "factor: expected a factor identified at the end"),
        ],
    )
    def test_a_badly_shaped_cut_is_refused(self, criterion: dict[str, str], message: str) -> None:
        """A cut never silently matches nothing: a malformed code is refused, never echoed."""
        from neglect_protocol.indicators import Cohort

        with pytest.raises(AssuranceError) as caught:
            Cohort(self.COHORT_RECORDS).where(**criterion)  # type: ignore[arg-type]
        assert str(caught.value).startswith(message)
        assert SECRET not in str(caught.value)

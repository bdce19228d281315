"""Bad input of every kind raises the library's errors, and never leaks free text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import (
    GCP2,
    GCP2A,
    AgeBand,
    Area,
    Assessment,
    Carer,
    Catalogue,
    ChildRef,
    Instrument,
    Item,
    ObservationWindow,
    Practitioner,
    Rating,
    SubArea,
    TargetedItem,
    load_catalogue,
    score,
    validate,
)
from neglect_protocol.assessment import completed_months
from neglect_protocol.errors import (
    AssessmentError,
    DocumentError,
    NeglectProtocolError,
    safe_repr,
)

WINDOW = ObservationWindow(dt.date(2024, 3, 4), dt.date(2024, 3, 22))
CHILD = ChildRef("C-000100", date_of_birth=dt.date(2018, 1, 15))
SECRET = "Invented secret: the child said something private"

# Free text long enough, and shaped enough like prose, that finding it in a message
# can only mean it leaked.
prose = st.text(min_size=12).map(lambda text: f"Invented note {text}")


class TestNoFreeTextInErrors:
    @given(text=prose)
    def test_text_as_grade(self, text: str) -> None:
        """Law: text offered as a grade never appears in the error."""
        with pytest.raises(NeglectProtocolError) as caught:
            Rating("A1", text)
        assert text not in str(caught.value)

    @given(text=prose)
    def test_text_as_code(self, text: str) -> None:
        """Law: text offered as a code never appears in the error."""
        with pytest.raises(NeglectProtocolError) as caught:
            validate(Assessment(CHILD, WINDOW, (Rating(text, 3),)), GCP2)
        assert text not in str(caught.value)

    @given(text=prose)
    def test_text_as_lookup(self, text: str) -> None:
        """Law: looking text up in a catalogue or profile never echoes it."""
        with pytest.raises(NeglectProtocolError) as caught:
            GCP2[text]
        assert text not in str(caught.value)
        with pytest.raises(NeglectProtocolError) as caught:
            score(Assessment(CHILD, WINDOW, ()))[text]
        assert text not in str(caught.value)

    @given(text=prose)
    def test_text_in_wrongly_typed_fields(self, text: str) -> None:
        """Law: a list holding text in a text field is named by type only."""
        for make in (
            lambda: Carer("P-1", role=[text]),  # type: ignore[arg-type]
            lambda: Practitioner("W-1", agency=[text]),  # type: ignore[arg-type]
            lambda: Rating("A1", 3, evidence=[text]),  # type: ignore[arg-type]
            lambda: ChildRef([text], date_of_birth=dt.date(2020, 1, 1)),  # type: ignore[arg-type]
        ):
            with pytest.raises(NeglectProtocolError) as caught:
                make()
            assert text not in str(caught.value)

    def test_safe_repr_shows_codes_and_numbers(self) -> None:
        """Codes, identifiers, numbers and None are shown; prose and names are counted."""
        assert "'A1a'" == safe_repr("A1a")
        assert "'GCP2A'" == safe_repr("GCP2A")
        assert "3.5" == safe_repr(3.5)
        assert "None" == safe_repr(None)
        assert "''" == safe_repr("")
        assert "'x'" == safe_repr("x")
        assert "'C-0100'" == safe_repr("C-0100")
        assert "a str of 1 character" == safe_repr("?")
        assert "a str of 7 characters" == safe_repr("Jessica")
        assert "a str of 20 characters" == safe_repr("Invented: left alone")
        assert "['A1']" == safe_repr(["A1"])
        assert "a list of 2 items" == safe_repr(["A1", "Jessica"])


MISTAKES: list[tuple[str, Callable[[], object]]] = [
    ("instrument as text", lambda: Assessment(CHILD, WINDOW, (), instrument="GCP2A")),  # type: ignore[arg-type]
    ("child as text", lambda: Assessment("C-1", WINDOW, ())),  # type: ignore[arg-type]
    ("window as a tuple", lambda: Assessment(CHILD, (WINDOW.start, WINDOW.end), ())),  # type: ignore[arg-type]
    ("code as an int", lambda: Rating(3, 3)),  # type: ignore[arg-type]
    ("target code None", lambda: TargetedItem(None, 3, 2, dt.date(2024, 6, 1))),  # type: ignore[arg-type]
    ("role as an int", lambda: Carer("P", role=5)),  # type: ignore[arg-type]
    ("reference as an int", lambda: Assessment(CHILD, WINDOW, (), reference=5)),  # type: ignore[arg-type]
    ("age band from text", lambda: AgeBand("0")),  # type: ignore[arg-type]
    ("age band from True", lambda: AgeBand(True, 5)),
    ("age band until text", lambda: AgeBand(0, "5")),  # type: ignore[arg-type]
    ("age bands as a list", lambda: Item("A1a", "x", "A1", age_bands=[AgeBand(0)])),  # type: ignore[arg-type]
    ("areas as a list", lambda: Catalogue("x", "1", Instrument.GCP2, [Area("A", "a")])),  # type: ignore[arg-type]
    ("sub-area in areas", lambda: Catalogue("x", "1", Instrument.GCP2, (SubArea("A1", "a", "A"),))),  # type: ignore[arg-type]
    ("instrument text in catalogue", lambda: Catalogue("x", "1", "GCP2", (Area("A", "a"),))),  # type: ignore[arg-type]
    ("phase as text", lambda: Area("S1", "x", phase="antenatal")),  # type: ignore[arg-type]
    ("catalogue as text", lambda: score(Assessment(CHILD, WINDOW, ()), catalogue="GCP2")),  # type: ignore[arg-type]
    ("catalogue None to validate", lambda: validate(Assessment(CHILD, WINDOW, ()), None)),  # type: ignore[arg-type]
    ("day before birth", lambda: completed_months(dt.date(2024, 3, 10), dt.date(2024, 3, 1))),
]


class TestCommonMistakes:
    @pytest.mark.parametrize(("what", "make"), MISTAKES, ids=[what for what, _ in MISTAKES])
    def test_mistakes_raise_our_errors(self, what: str, make: Callable[[], object]) -> None:
        """Each common mistake raises a NeglectProtocolError (also a ValueError), never a bare one."""
        with pytest.raises(NeglectProtocolError) as caught:
            make()
        assert isinstance(caught.value, ValueError)

    def test_instrument_as_text_says_what_to_pass(self) -> None:
        """Passing the instrument's name as text says which values are accepted."""
        with pytest.raises(AssessmentError) as caught:
            Assessment(CHILD, WINDOW, (), instrument="GCP2A")  # type: ignore[arg-type]
        assert "instrument: expected Instrument.GCP2 or Instrument.GCP2A, got 'GCP2A'" == str(
            caught.value
        )

    @pytest.mark.parametrize(
        ("make", "field"),
        [
            (lambda: TargetedItem("A1", 9, 2, dt.date(2024, 6, 1)), "current_grade"),
            (lambda: TargetedItem("A1", 3, 0, dt.date(2024, 6, 1)), "target_grade"),
            (
                lambda: TargetedItem("A1", 3, 2, dt.date(2024, 6, 1), grade_at_review=8),
                "grade_at_review",
            ),
        ],
    )
    def test_target_errors_name_their_field(self, make: Callable[[], object], field: str) -> None:
        """Each grade of a targeted item is named in its own error."""
        with pytest.raises(
            NeglectProtocolError, match=f"^{field}: expected an integer from 1 to 5"
        ):
            make()

    def test_lookups_with_unhashable_codes(self) -> None:
        """An unhashable code is simply absent from a catalogue and a profile."""
        profile = score(Assessment(CHILD, WINDOW, (Rating("A1", 2),)))
        assert ["A"] not in GCP2
        assert GCP2.get(["A"]) is None  # type: ignore[arg-type]
        assert ["A"] not in profile
        with pytest.raises(NeglectProtocolError):
            profile[["A"]]  # type: ignore[index]
        assert "A1" in profile
        assert 17 == len(profile)

    def test_non_utf8_file(self, tmp_path: Path) -> None:
        """A catalogue file that is not UTF-8 is refused with our error."""
        path = tmp_path / "catalogue.toml"
        path.write_bytes(b"name = '\xff'\n")
        with pytest.raises(DocumentError, match="expected TOML text in UTF-8, got an undecodable"):
            load_catalogue(path)

    def test_json_duplicate_keys(self, tmp_path: Path) -> None:
        """A JSON object that repeats a key is refused, not silently resolved."""
        path = tmp_path / "catalogue.json"
        path.write_text('{"schema_version": 1, "schema_version": 1}', encoding="utf-8")
        with pytest.raises(
            DocumentError, match=r"^\$\.schema_version: expected each key once in an object"
        ):
            load_catalogue(path)


class TestAgesAndDates:
    def test_gcp2_for_an_adult(self) -> None:
        """GCP2 applies up to the 18th birthday."""
        adult = ChildRef("C-1", date_of_birth=dt.date(2006, 3, 4))
        with pytest.raises(AssessmentError) as caught:
            validate(Assessment(adult, WINDOW, ()), GCP2)
        assert (
            "child: expected a child aged 0 to 215 months for 'GCP2', got a child aged 216 months"
            == str(caught.value)
        )

    def test_gcp2_just_before_eighteen(self) -> None:
        """A child one day short of 18 can still be assessed with GCP2."""
        validate(Assessment(ChildRef("C-1", date_of_birth=dt.date(2006, 3, 5)), WINDOW, ()), GCP2)

    def test_postnatal_section_for_an_older_child(self) -> None:
        """GCP2A's postnatal section is for babies under one (local policy, in the data)."""
        toddler = ChildRef("C-1", date_of_birth=dt.date(2023, 1, 1))
        with pytest.raises(
            AssessmentError,
            match="expected section 'S3' for a child aged 0 to 11 months, got a child aged 14 months",
        ):
            validate(
                Assessment(toddler, WINDOW, (Rating("S3", 2),), instrument=Instrument.GCP2A), GCP2A
            )

    def test_lapsed_due_date(self) -> None:
        """A child with only a long-past due date needs a date of birth, not GCP2A."""
        lapsed = ChildRef("C-1", expected_delivery_date=dt.date(2023, 12, 1))
        for instrument, catalogue in ((Instrument.GCP2A, GCP2A), (Instrument.GCP2, GCP2)):
            with pytest.raises(
                AssessmentError, match="expected a date_of_birth: the expected delivery date passed"
            ):
                validate(Assessment(lapsed, WINDOW, (), instrument=instrument), catalogue)

    def test_due_date_within_grace(self) -> None:
        """Shortly after the due date the child may still be recorded as unborn."""
        late = ChildRef("C-1", expected_delivery_date=dt.date(2024, 2, 1))
        validate(Assessment(late, WINDOW, (Rating("S1", 3),), instrument=Instrument.GCP2A), GCP2A)

    @pytest.mark.parametrize(
        ("born", "due"), [((2024, 1, 1), (2024, 7, 1)), ((2024, 9, 1), (2024, 7, 1))]
    )
    def test_birth_far_from_due_date(
        self, born: tuple[int, int, int], due: tuple[int, int, int]
    ) -> None:
        """A birth 26 weeks early or 9 weeks late means one of the dates is wrong."""
        with pytest.raises(
            AssessmentError, match="expected a birth between 24 weeks before and 6 weeks after"
        ):
            ChildRef("C-1", date_of_birth=dt.date(*born), expected_delivery_date=dt.date(*due))

    def test_premature_birth_is_accepted(self) -> None:
        """A birth 16 weeks early is within the bounds."""
        ChildRef(
            "C-1", date_of_birth=dt.date(2024, 3, 11), expected_delivery_date=dt.date(2024, 7, 1)
        )

    def test_banded_postnatal_item_for_a_child_born_in_the_window(self) -> None:
        """A child born during the window is aged 0 months for age-banded items."""
        catalogue = GCP2A.with_items(
            (Item("S3a", "Invented", "S3", age_bands=(AgeBand(0, 3),)),), name="x", version="1"
        )
        newborn = ChildRef("C-1", date_of_birth=dt.date(2024, 3, 10))
        assessment = Assessment(newborn, WINDOW, (Rating("S3a", 2),), instrument=Instrument.GCP2A)
        validate(assessment, catalogue)
        assert "S3" == next(
            entry.code for entry in score(assessment, catalogue=catalogue) if entry.grade
        )


class TestRulesGuardTheirInputs:
    @pytest.mark.parametrize("values", [[1, 9], [0, 0, 7]])
    def test_values_off_the_scale(self, values: list[int]) -> None:
        """The shipped rules refuse inputs that are not grades."""
        from neglect_protocol.rules import mean, median, mode, worst

        for rule in (worst, median, mode, mean):
            with pytest.raises(
                NeglectProtocolError, match=f"the grades given to rule '{rule.__name__}'"
            ):
                rule(values)  # type: ignore[arg-type]

    def test_iterators_are_accepted(self) -> None:
        """A generator of grades works, and an empty one is an empty input."""
        from neglect_protocol import Grade
        from neglect_protocol.errors import InvalidArgumentError
        from neglect_protocol.rules import median, worst

        assert Grade(4) is worst(Grade(g) for g in (1, 4))
        assert Grade(2) is median(iter([1, 2, 2]))  # type: ignore[arg-type]
        assert Grade(3) is worst([Grade(1), 3])  # type: ignore[list-item]
        with pytest.raises(InvalidArgumentError):
            worst(iter([]))

    def test_a_rule_that_empties_its_input(self) -> None:
        """A rule that consumes its argument cannot break scoring of the grades beneath."""
        from neglect_protocol import Grade

        def greedy(grades: Any) -> Grade:
            worst_grade = max(grades)
            grades.clear()
            return worst_grade  # type: ignore[no-any-return]

        unborn = ChildRef("C-1", expected_delivery_date=dt.date(2024, 6, 1))
        catalogue = GCP2A.with_items((Item("S1a", "Invented", "S1"),), name="x", version="1")
        assessment = Assessment(unborn, WINDOW, (Rating("S1a", 4),), instrument=Instrument.GCP2A)
        assert Grade(4) == score(assessment, catalogue=catalogue, rule=greedy)["S1"].worst_beneath

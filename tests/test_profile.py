from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol import (
    GCP2,
    GCP2A,
    Assessment,
    Catalogue,
    ChildRef,
    Grade,
    GradeSource,
    Instrument,
    Item,
    ObservationWindow,
    Profile,
    Rating,
    score,
)
from neglect_protocol.errors import (
    AssessmentError,
    InvalidGradeError,
    NeglectProtocolError,
    UnknownCodeError,
)
from neglect_protocol.rules import RollUpRule, mean, median, mode, worst
from neglect_protocol.strategies import assessments, profiles

CHILD = ChildRef("C-000010", date_of_birth=dt.date(2017, 9, 1))
WINDOW = ObservationWindow(dt.date(2024, 3, 4), dt.date(2024, 3, 22))


def assess(*ratings: tuple[str, int]) -> Assessment:
    return Assessment(CHILD, WINDOW, tuple(Rating(code, grade) for code, grade in ratings))


class TestScoringFromItems:
    def test_sub_area_suggested_from_items(self, invented_catalogue: Catalogue) -> None:
        """A sub-area without an entered grade takes the rule's suggestion from its items."""
        profile = score(assess(("A1a", 2), ("A1b", 4)), catalogue=invented_catalogue)
        entry = profile["A1"]
        assert (Grade(4), GradeSource.SUGGESTED, Grade(4), Grade(4)) == (
            entry.grade,
            entry.source,
            entry.suggested,
            entry.worst_beneath,
        )
        assert not entry.discrepancy

    def test_items_in_any_order(self, invented_catalogue: Catalogue) -> None:
        """Items of one sub-area need not be rated together."""
        profile = score(assess(("A1a", 2), ("A2a", 3), ("A1b", 5)), catalogue=invented_catalogue)
        assert (Grade(5), Grade(3)) == (profile["A1"].grade, profile["A2"].grade)

    def test_area_suggested_from_sub_areas(self, invented_catalogue: Catalogue) -> None:
        """An area's suggestion comes from the grades used for its sub-areas."""
        profile = score(
            assess(("A1a", 2), ("A2a", 3), ("A3", 1)), catalogue=invented_catalogue, rule=median
        )
        assert Grade(2) is profile["A"].grade
        assert GradeSource.SUGGESTED is profile["A"].source
        assert Grade(3) is profile["A"].worst_beneath

    def test_entered_grade_wins(self, invented_catalogue: Catalogue) -> None:
        """An entered sub-area grade is used; the suggestion stays beside it."""
        profile = score(assess(("A1", 3), ("A1a", 4)), catalogue=invented_catalogue)
        entry = profile["A1"]
        assert (Grade(3), GradeSource.ENTERED, Grade(4)) == (
            entry.grade,
            entry.source,
            entry.suggested,
        )
        assert not entry.discrepancy  # one grade apart is not a discrepancy

    def test_discrepancy_two_grades_better(self, invented_catalogue: Catalogue) -> None:
        """An entered grade two or more better than the worst beneath is flagged."""
        profile = score(assess(("A1", 2), ("A1a", 4), ("A1b", 1)), catalogue=invented_catalogue)
        assert profile["A1"].discrepancy
        assert (profile["A1"],) == profile.discrepancies

    def test_area_discrepancy_sees_items(self, invented_catalogue: Catalogue) -> None:
        """The worst beneath an area includes items under its sub-areas."""
        profile = score(assess(("A", 2), ("A1", 3), ("A1a", 5)), catalogue=invented_catalogue)
        assert Grade(5) is profile["A"].worst_beneath
        assert profile["A"].discrepancy
        assert profile["A1"].discrepancy

    def test_worse_entered_grade_is_not_a_discrepancy(self, invented_catalogue: Catalogue) -> None:
        """An entered grade worse than everything beneath is judgement, not a discrepancy."""
        profile = score(assess(("A1", 5), ("A1a", 1)), catalogue=invented_catalogue)
        assert not profile["A1"].discrepancy

    def test_sub_area_entered_without_items(self) -> None:
        """A sub-area entered with nothing beneath has no suggestion and no discrepancy."""
        entry = score(assess(("B1", 4)))["B1"]
        assert (Grade(4), GradeSource.ENTERED, None, None, False) == (
            entry.grade,
            entry.source,
            entry.suggested,
            entry.worst_beneath,
            entry.discrepancy,
        )

    @pytest.mark.parametrize(("rule", "expected"), [(worst, 5), (median, 3), (mode, 2), (mean, 3)])
    def test_rule_is_pluggable(
        self, invented_catalogue: Catalogue, rule: object, expected: int
    ) -> None:
        """The rule passed to score makes the suggestions, and its name is recorded."""
        ratings = (("D1b", 2), ("D2a", 2), ("D3a", 3), ("D4a", 5))
        profile = score(assess(*ratings), catalogue=invented_catalogue, rule=rule)  # type: ignore[arg-type]
        assert Grade(expected) is profile["D"].grade
        assert rule.__name__ == profile.rule  # type: ignore[attr-defined]

    def test_custom_rule_returning_an_int(self) -> None:
        """A custom rule may return a plain int from 1 to 5; it becomes a Grade."""

        def best(grades: Sequence[Grade]) -> Grade:
            return min(grades).value  # type: ignore[return-value]

        profile = score(assess(("A1", 4), ("A2", 2)), rule=best)
        assert Grade(2) is profile["A"].grade
        assert "best" == profile.rule

    def test_custom_rule_returning_nonsense(self) -> None:
        """A rule returning something that is not a grade is a clear error naming the rule."""

        def broken(grades: Sequence[Grade]) -> Grade:
            return 2.5  # type: ignore[return-value]

        with pytest.raises(InvalidGradeError) as caught:
            score(assess(("A1", 4)), rule=broken)
        assert "the result of rule 'broken': expected an integer from 1 to 5, got 2.5" == str(
            caught.value
        )


class TestHeadlines:
    def test_headline_figures(self) -> None:
        """Worst area, counts per grade, strengths, borderline, concerns and ungraded."""
        profile = score(assess(("A1", 3), ("A2", 2), ("A4", 4), ("B1", 1), ("C", 2), ("D2", 5)))
        assert Grade(5) is profile.worst_area_grade
        assert {Grade(1): 1, Grade(2): 1, Grade(3): 1, Grade(4): 1, Grade(5): 1} == dict(
            profile.grade_counts
        )
        assert ["A2", "B", "B1", "C"] == [entry.code for entry in profile.strengths]
        assert ["A1"] == [entry.code for entry in profile.borderline]
        assert ["A", "A4", "D", "D2"] == [entry.code for entry in profile.concerns]
        assert ("A3", "A5", "B2", "C1", "C2", "D1", "D3", "D4") == profile.ungraded
        assert {"A": Grade(4), "B": Grade(1), "C": Grade(2), "D": Grade(5)} == dict(
            profile.area_grades
        )
        assert profile.uses_suggestions

    def test_empty_assessment(self) -> None:
        """With nothing rated, everything is ungraded and there is no worst area."""
        profile = score(assess())
        assert profile.worst_area_grade is None
        assert 13 == len(profile.ungraded)
        assert 0 == sum(profile.grade_counts.values())
        assert not profile.uses_suggestions
        assert () == profile.strengths == profile.concerns

    def test_no_single_total(self) -> None:
        """A profile offers no total across areas (DOMAIN.md §4)."""
        profile = score(assess(("A1", 3)))
        fields = {field.name for field in attrs.fields(Profile)}
        assert not {"total", "score", "sum"} & (fields | set(dir(profile)))

    def test_iteration_and_lookup(self) -> None:
        """Iterating a profile gives each area followed by its sub-areas."""
        profile = score(assess())
        codes = [entry.code for entry in profile]
        assert ["A", "A1", "A2", "A3", "A4", "A5", "B", "B1", "B2", "C"] == codes[:10]
        assert 17 == len(codes)
        with pytest.raises(UnknownCodeError, match="got 'A1a'"):
            profile["A1a"]

    def test_profile_keeps_context(self) -> None:
        """The profile carries the child, window, instrument, catalogue and targets."""
        assessment = attrs.evolve(assess(("A1", 2)), reference="GCP2-1")
        profile = score(assessment)
        assert (CHILD, WINDOW, Instrument.GCP2, "GCP2", "structure-1", "GCP2-1") == (
            profile.child,
            profile.window,
            profile.instrument,
            profile.catalogue_name,
            profile.catalogue_version,
            profile.assessment_reference,
        )

    def test_repr_is_short_and_free_of_text(self) -> None:
        """The repr names the child, window and area grades, and no evidence."""
        assessment = Assessment(CHILD, WINDOW, (Rating("A1", 3, evidence="Invented secret"),))
        assert (
            "<Profile GCP2 child='C-000010' window=2024-03-04..2024-03-22 "
            "areas: A=3, B=-, C=-, D=- rule='worst'>"
        ) == repr(score(assessment))


class TestAntenatal:
    def test_sections_are_units(self) -> None:
        """GCP2A sections are graded directly and counted as the profile's units."""
        unborn = ChildRef("C-000011", expected_delivery_date=dt.date(2024, 6, 1))
        assessment = Assessment(
            unborn, WINDOW, (Rating("S1", 3), Rating("S2", 4)), instrument=Instrument.GCP2A
        )
        profile = score(assessment)
        assert "GCP2A" == profile.catalogue_name
        assert () == profile.sub_areas
        assert ("S3",) == profile.ungraded
        assert Grade(4) is profile.worst_area_grade
        assert 1 == profile.grade_counts[Grade(4)]

    def test_items_under_sections(self) -> None:
        """Items under a section suggest the section's grade."""
        catalogue = GCP2A.with_items(
            (Item("S1a", "Invented", "S1"), Item("S1b", "Invented", "S1")), name="x", version="1"
        )
        unborn = ChildRef("C-000012", expected_delivery_date=dt.date(2024, 6, 1))
        assessment = Assessment(
            unborn, WINDOW, (Rating("S1a", 2), Rating("S1b", 4)), instrument=Instrument.GCP2A
        )
        entry = score(assessment, catalogue=catalogue)["S1"]
        assert (Grade(4), GradeSource.SUGGESTED) == (entry.grade, entry.source)


class TestProfileLaws:
    @given(profiles(rules=(worst, median, mode, mean)))
    def test_counts_add_up_to_graded_units(self, profile: Profile) -> None:
        """Law: the counts per grade add up to the graded sub-areas (units)."""
        graded = sum(1 for unit in profile.units if unit.grade is not None)
        assert graded == sum(profile.grade_counts.values())
        assert len(profile.units) == graded + len(profile.ungraded)

    @given(profiles(rules=(worst, median, mode, mean)))
    def test_entered_grades_are_used(self, profile: Profile) -> None:
        """Law: a grade is suggested only where none was entered, and it is then the grade used."""
        for entry in profile:
            if entry.source is GradeSource.SUGGESTED:
                assert entry.suggested == entry.grade
            if entry.grade is None:
                assert entry.source is None

    @given(profiles(rules=(worst, median, mode, mean)))
    def test_discrepancy_definition(self, profile: Profile) -> None:
        """Law: a discrepancy is an entered grade at least two better than the worst beneath."""
        for entry in profile:
            expected = (
                entry.source is GradeSource.ENTERED
                and entry.worst_beneath is not None
                and entry.grade is not None
                and entry.worst_beneath - entry.grade >= 2
            )
            assert expected == entry.discrepancy

    @given(profiles(rules=(worst, median, mode, mean)))
    def test_strengths_and_concerns_partition(self, profile: Profile) -> None:
        """Law: strengths, borderline and concerns cover exactly the graded entries, once each."""
        graded = [entry.code for entry in profile if entry.grade is not None]
        split = [e.code for e in (*profile.strengths, *profile.borderline, *profile.concerns)]
        assert sorted(graded) == sorted(split)

    @given(profiles(rules=(worst, median, mode, mean)))
    def test_worst_area_is_the_maximum(self, profile: Profile) -> None:
        """Law: the worst area grade is the maximum of the graded areas."""
        graded = [area.grade for area in profile.areas if area.grade is not None]
        assert (max(graded) if graded else None) == profile.worst_area_grade

    @given(assessments(GCP2A))
    def test_antenatal_assessments_score(self, assessment: Assessment) -> None:
        """Law: every valid GCP2A assessment scores, with sections as units."""
        profile = score(assessment)
        assert len(GCP2A.areas) == len(profile.units)

    @given(st.data())
    def test_worst_suggestion_bounds_under_worsening(self, data: st.DataObject) -> None:
        """Law: with `worst`, worsening a rating never improves any suggested grade."""
        assessment = data.draw(assessments(GCP2, min_ratings=1))
        index = data.draw(st.integers(0, len(assessment.ratings) - 1))
        rating = assessment.ratings[index]
        worse = data.draw(st.sampled_from([grade for grade in Grade if grade >= rating.grade]))
        ratings = list(assessment.ratings)
        ratings[index] = attrs.evolve(rating, grade=worse)
        before = score(assessment)
        after = score(attrs.evolve(assessment, ratings=tuple(ratings)))
        for old, new in zip(before, after, strict=True):
            if old.suggested is not None:
                assert new.suggested is not None
                assert old.suggested <= new.suggested


UNBORN = ChildRef("C-000030", expected_delivery_date=dt.date(2024, 6, 1))
INFANT = ChildRef("C-000031", date_of_birth=dt.date(2023, 11, 1))


def _refused_cases(invented: Catalogue) -> list[tuple[Assessment, Catalogue]]:
    from neglect_protocol import TargetedItem
    from neglect_protocol.catalogue import AgeBand

    banded = GCP2A.with_items(
        (Item("S1a", "Invented", "S1", age_bands=(AgeBand(0, 60),)),), name="x", version="1"
    )
    gcp2a = Instrument.GCP2A
    return [
        (assess(("A1", 2), ("A7", 3)), GCP2),
        (
            Assessment(CHILD, WINDOW, (), targets=(TargetedItem("Z9", 4, 2, dt.date(2024, 6, 1)),)),
            GCP2,
        ),
        (assess(("D1a", 2)), invented),
        (Assessment(UNBORN, WINDOW, (Rating("A1", 2),)), GCP2),
        (Assessment(UNBORN, WINDOW, (Rating("S1", 2),), instrument=gcp2a), GCP2),
        (Assessment(INFANT, WINDOW, (Rating("S3", 2), Rating("S1", 2)), instrument=gcp2a), GCP2A),
        (Assessment(UNBORN, WINDOW, (Rating("S3", 2),), instrument=gcp2a), GCP2A),
        (Assessment(UNBORN, WINDOW, (Rating("S1a", 2),), instrument=gcp2a), banded),
    ]


class TestScoreRefusesWhatValidateRefuses:
    @pytest.mark.parametrize("case", range(8))
    def test_same_error_as_validate(self, invented_catalogue: Catalogue, case: int) -> None:
        """score raises exactly the error validate raises, for each bad input of the issue."""
        from neglect_protocol import validate

        assessment, catalogue = _refused_cases(invented_catalogue)[case]
        with pytest.raises(NeglectProtocolError) as expected:
            validate(assessment, catalogue)
        with pytest.raises(type(expected.value)) as actual:
            score(assessment, catalogue=catalogue)
        assert str(expected.value) == str(actual.value)

    @given(data=st.data())
    def test_score_and_validate_agree(
        self, invented_catalogue: Catalogue, data: st.DataObject
    ) -> None:
        """Law: score refuses an assessment exactly when validate does, with the same message."""
        from neglect_protocol import validate

        assessment = data.draw(assessments(invented_catalogue))
        codes = [node.code for node in invented_catalogue.walk()] + ["A9", "Q1a", "S1"]
        swapped = data.draw(st.lists(st.sampled_from(codes), unique=True, max_size=6))
        changed = attrs.evolve(assessment, ratings=tuple(Rating(code, 3) for code in swapped))
        try:
            validate(changed, invented_catalogue)
        except NeglectProtocolError as error:
            with pytest.raises(type(error)) as caught:
                score(changed, catalogue=invented_catalogue)
            assert str(error) == str(caught.value)  # noqa: PT017
        else:
            profile = score(changed, catalogue=invented_catalogue)
            for code in swapped:
                node = invented_catalogue[code]
                graded = node.parent if isinstance(node, Item) else code
                assert profile[graded].grade is not None


class TestFromEntries:
    @given(profiles(rules=(worst, mode)))
    def test_round_trip(self, profile: Profile) -> None:
        """Law: rebuilding a profile from its entries gives an equal profile."""
        rebuilt = Profile.from_entries(
            child=profile.child,
            window=profile.window,
            instrument=profile.instrument,
            catalogue_name=profile.catalogue_name,
            catalogue_version=profile.catalogue_version,
            rule=profile.rule,
            areas=profile.areas,
            sub_areas=profile.sub_areas,
            targets=profile.targets,
            assessment_reference=profile.assessment_reference,
        )
        assert profile == rebuilt
        assert hash(profile) == hash(rebuilt)
        assert profile.entries == rebuilt.entries

    @given(profiles(rules=(worst, mode)))
    def test_constructor_takes_the_entries(self, profile: Profile) -> None:
        """Law: the public constructor, given a profile's fields and entries, gives an equal profile."""
        rebuilt = Profile(
            profile.child,
            profile.window,
            profile.instrument,
            profile.catalogue_name,
            profile.catalogue_version,
            profile.rule,
            list(profile.entries),
            targets=profile.targets,
            assessment_reference=profile.assessment_reference,
        )
        assert profile == rebuilt
        assert isinstance(rebuilt.entries, tuple)

    @pytest.mark.parametrize(
        ("entries", "message"),
        [
            ("A", r"^entries: expected a sequence of ProfileEntry, got 'A'"),
            (3, r"^entries: expected a sequence of ProfileEntry, got 3"),
            (["A"], r"^entries\[0\]: expected a ProfileEntry, got a str"),
        ],
    )
    def test_constructor_refuses_what_is_not_entries(self, entries: object, message: str) -> None:
        """The constructor names the field when it is given something other than entries."""
        with pytest.raises(AssessmentError, match=message):
            Profile(CHILD, WINDOW, Instrument.GCP2, "GCP2", "1", "worst", entries)

    def test_constructor_refuses_an_is_area_that_is_not_a_boolean(self) -> None:
        """``is_area`` must be True or False, not a number that looks like one."""
        entries = list(score(assess(("A1", 2))).entries)
        entries[0] = entries[0]._replace(is_area=1)  # type: ignore[arg-type]
        with pytest.raises(
            AssessmentError, match=r"^entries\[0\].is_area: expected True or False, got 1"
        ):
            Profile(CHILD, WINDOW, Instrument.GCP2, "GCP2", "1", "worst", entries)

    def test_constructor_refuses_a_sub_area_away_from_its_area(self) -> None:
        """Each sub-area follows its area (or a sub-area of the same area)."""
        entries = list(score(assess(("A1", 2))).entries)
        entries[1], entries[0] = entries[0], entries[1]
        with pytest.raises(
            AssessmentError,
            match=r"^entries\[0\].area: expected each sub-area to follow its area or a sub-area "
            r"of the same area, got 'A'",
        ):
            Profile(CHILD, WINDOW, Instrument.GCP2, "GCP2", "1", "worst", entries)

    def test_constructor_checks_each_entry(self) -> None:
        """The constructor checks each entry as :meth:`Profile.from_entries` does."""
        entries = list(score(assess(("A1", 2))).entries)
        entries[1] = entries[1]._replace(grade=7)  # type: ignore[arg-type]
        with pytest.raises(InvalidGradeError, match=r"entries\[1\].grade"):
            Profile(CHILD, WINDOW, Instrument.GCP2, "GCP2", "1", "worst", entries)

    def test_sub_area_of_unknown_area(self) -> None:
        """A sub-area entry must belong to one of the area entries."""
        profile = score(assess(("A1", 2)))
        with pytest.raises(
            AssessmentError, match=r"sub_areas\[0\].area: expected the code of one of the areas"
        ):
            Profile.from_entries(
                child=CHILD,
                window=WINDOW,
                instrument=Instrument.GCP2,
                catalogue_name="GCP2",
                catalogue_version="1",
                rule="worst",
                areas=profile.areas[1:],
                sub_areas=profile.sub_areas,
            )

    def test_entry_helpers(self) -> None:
        """is_graded says whether an entry has a grade; _asdict gives a plain row."""
        profile = score(assess(("A1", 2)))
        assert profile["A1"].is_graded
        assert not profile["A2"].is_graded
        assert "A1" == profile["A1"]._asdict()["code"]


def reference_roll_up(
    assessment: Assessment, catalogue: Catalogue, rule: RollUpRule
) -> dict[str, tuple[object, ...]]:
    """An independent, deliberately plain roll-up to check score against."""
    entered = {
        r.code: r.grade for r in assessment.ratings if not isinstance(catalogue[r.code], Item)
    }
    items: dict[str, list[Grade]] = {}
    for rating in assessment.ratings:
        node = catalogue[rating.code]
        if isinstance(node, Item):
            items.setdefault(node.parent, []).append(rating.grade)
    expected: dict[str, tuple[object, ...]] = {}

    def finish(code: str, suggested: Grade | None, below: Grade | None) -> tuple[object, ...]:
        own = entered.get(code)
        if own is not None:
            return (
                own,
                GradeSource.ENTERED,
                suggested,
                below,
                below is not None and below - own >= 2,
            )
        if suggested is not None:
            return (suggested, GradeSource.SUGGESTED, suggested, below, False)
        return (None, None, None, below, False)

    for area in catalogue.areas:
        subs = (
            [
                n
                for n in catalogue.children(area.code)
                if isinstance(n, type(catalogue.sub_areas[0]))
            ]
            if catalogue.sub_areas
            else []
        )
        if not subs:
            grades = items.get(area.code, [])
            expected[area.code] = finish(
                area.code, rule(grades) if grades else None, max(grades) if grades else None
            )
            continue
        used: list[Grade] = []
        below_all: list[Grade] = []
        for sub in subs:
            grades = items.get(sub.code, [])
            entry = finish(
                sub.code, rule(grades) if grades else None, max(grades) if grades else None
            )
            expected[sub.code] = entry
            if entry[0] is not None:
                used.append(entry[0])  # type: ignore[arg-type]
            below_all += [g for g in (entry[0], entry[3]) if g is not None]  # type: ignore[misc]
        expected[area.code] = finish(
            area.code, rule(used) if used else None, max(below_all) if below_all else None
        )
    return expected


class TestAgainstReferenceModel:
    @given(data=st.data())
    def test_score_matches_reference_with_items(
        self, invented_catalogue: Catalogue, data: st.DataObject
    ) -> None:
        """Law: with items and any shipped rule, score equals an independent plain roll-up."""
        rule = data.draw(st.sampled_from([worst, median, mode, mean]))
        assessment = data.draw(assessments(invented_catalogue, min_ratings=5))
        profile = score(assessment, catalogue=invented_catalogue, rule=rule)
        expected = reference_roll_up(assessment, invented_catalogue, rule)
        actual = {
            e.code: (e.grade, e.source, e.suggested, e.worst_beneath, e.discrepancy)
            for e in profile
        }
        assert expected == actual


class TestFromEntriesChecks:
    def _rebuild(self, profile: Profile, **changes: object) -> Profile:
        fields: dict[str, object] = {
            "child": profile.child,
            "window": profile.window,
            "instrument": profile.instrument,
            "catalogue_name": profile.catalogue_name,
            "catalogue_version": profile.catalogue_version,
            "rule": profile.rule,
            "areas": profile.areas,
            "sub_areas": profile.sub_areas,
        }
        fields.update(changes)
        return Profile.from_entries(**fields)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                lambda e: e._replace(grade=7),
                r"sub_areas\[0\].grade: expected an integer from 1 to 5, got 7",
            ),
            (
                lambda e: e._replace(source="entered"),
                r"sub_areas\[0\].source: expected a GradeSource or None",
            ),
            (
                lambda e: e._replace(source=None),
                r"sub_areas\[0\].source: expected a source exactly when",
            ),
            (
                lambda e: e._replace(source=GradeSource.SUGGESTED, suggested=None),
                r"sub_areas\[0\].suggested: expected a suggested grade",
            ),
            (
                lambda e: e._replace(
                    source=GradeSource.SUGGESTED, suggested=e.grade, discrepancy=True
                ),
                r"sub_areas\[0\].discrepancy: expected a discrepancy only",
            ),
            (
                lambda e: e._replace(discrepancy=1),
                r"sub_areas\[0\].discrepancy: expected True or False",
            ),
            (lambda e: e._replace(is_area=True), r"sub_areas\[0\].is_area: expected False"),
            (lambda e: e._replace(code=5), r"sub_areas\[0\].code: expected text, got 5"),
            (lambda e: e._replace(code="B1"), r"sub_areas\[5\].code: expected each code once"),
        ],
    )
    def test_inconsistent_entries(self, change: Any, message: str) -> None:
        """Entries from another system are checked field by field, naming the place."""
        profile = score(assess(("A1", 3), ("B1", 2)))
        subs = list(profile.sub_areas)
        subs[0] = change(subs[0])
        with pytest.raises(NeglectProtocolError, match=message):
            self._rebuild(profile, sub_areas=tuple(subs))

    def test_not_an_entry(self) -> None:
        """Only ProfileEntry values are entries."""
        profile = score(assess(("A1", 3)))
        with pytest.raises(
            AssessmentError, match=r"areas\[0\]: expected a ProfileEntry, got a dict"
        ):
            self._rebuild(profile, areas=({},))

    def test_area_with_foreign_area_code(self) -> None:
        """An area entry's area is its own code."""
        profile = score(assess(("A1", 3)))
        areas = (profile.areas[0]._replace(area="B"), *profile.areas[1:])
        with pytest.raises(AssessmentError, match=r"areas\[0\].area: expected an area's own code"):
            self._rebuild(profile, areas=areas)

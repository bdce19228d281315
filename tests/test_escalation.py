from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pickle

import attrs
import pytest

from escalation_helpers import SCHOOL_CHILD, profile, series
from neglect_protocol import GCP2, GCP2A, Catalogue, ChildRef, Instrument, Profile
from neglect_protocol.display import format_decision
from neglect_protocol.errors import (
    AssessmentError,
    InvalidGradeError,
    NeglectProtocolError,
    PolicyError,
)
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
    Override,
    PersistentBorderline,
    Reason,
    RuleContext,
    SubAreasAtOrAbove,
    ThresholdPolicy,
    decide,
)
from neglect_protocol.grades import Grade
from neglect_protocol.screening import SignsAnswered

BUILT_IN = (GCP2, GCP2A)

LEVELS = (
    LevelOfNeed(1, "Universal", "universal services", 365),
    LevelOfNeed(2, "Additional", "targeted early help", 91),
    LevelOfNeed(3, "Complex", "multi-agency early help", 56),
    LevelOfNeed(4, "Acute", "social care", 28),
)


def policy(*rules: object, modifiers: tuple[object, ...] = (), drift: int = 182) -> ThresholdPolicy:
    return ThresholdPolicy(
        "Test policy", "t1", LEVELS, rules, drift, modifiers, catalogues=BUILT_IN
    )


def context(
    *profiles_: Profile, levels: tuple[int, ...] = (1, 2, 3, 4), drift: int = 182, concern: int = 3
) -> RuleContext:
    """A rule context under a test policy with ``levels``, drift period and concern grade."""
    *history, latest = profiles_
    under = ThresholdPolicy(
        "Context policy",
        "t1",
        tuple(LevelOfNeed(number, f"Level {number}", "a response", 30) for number in levels),
        (AreaAtOrAbove(5, levels[-1]),),
        drift,
        concern_grade=concern,
        catalogues=BUILT_IN,
    )
    return RuleContext(latest, tuple(history), under)


def refusal(change: dict[str, object]) -> str:
    """The message of the PolicyError a valid policy's fields, with ``change``, are refused with."""
    fields: dict[str, object] = {
        "name": "Test",
        "version": "1",
        "levels": LEVELS,
        "rules": (AreaAtOrAbove(4, 4),),
        "drift_period_days": 90,
        "catalogues": BUILT_IN,
    } | change
    with pytest.raises(PolicyError) as caught:
        ThresholdPolicy(**fields)  # type: ignore[arg-type]
    return str(caught.value)


UNBORN = ChildRef("C-0200", expected_delivery_date=dt.date(2024, 6, 1))
BABY = ChildRef("C-0201", date_of_birth=dt.date(2023, 9, 1))


class TestPublicSurface:
    @pytest.mark.parametrize(
        "name",
        [
            "neglect_protocol.escalation",
            "neglect_protocol.chronology",
            "neglect_protocol.screening",
        ],
    )
    def test_all_dir_docstrings_and_home(self, name: str) -> None:
        """Each new public module lists its names, documents them and names itself their home."""
        module = importlib.import_module(name)
        assert sorted(module.__all__) == sorted(dir(module))
        for attr in module.__all__:
            obj = getattr(module, attr)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                assert obj.__doc__, f"{name}.{attr} has no docstring"
                assert name == obj.__module__


class TestLevelOfNeed:
    def test_text_form(self) -> None:
        """A level reads as its number and name."""
        assert "level 3 (Complex)" == str(LEVELS[2])

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"number": 0}, "number: expected a whole number above 0, got 0"),
            ({"number": True}, "number: expected a whole number above 0, got True"),
            ({"name": " "}, "name: expected non-empty text, got ' '"),
            ({"typical_response": 3}, "typical_response: expected non-empty text, got 3"),
            ({"review_after_days": 0}, "review_after_days: expected a whole number above 0, got 0"),
        ],
    )
    def test_bad_fields_are_refused(self, kwargs: dict[str, object], message: str) -> None:
        """A level needs a positive number, a name, a response and a positive review interval."""
        fields: dict[str, object] = {
            "number": 1,
            "name": "Universal",
            "typical_response": "universal services",
            "review_after_days": 365,
        } | kwargs
        with pytest.raises(PolicyError) as caught:
            LevelOfNeed(**fields)  # type: ignore[arg-type]
        assert message == str(caught.value)


class TestPolicyIsCheckedWhenBuilt:
    def test_the_default_policy_is_the_four_level_windscreen(self) -> None:
        """The shipped example has the four levels of DOMAIN.md section 5, lowest first."""
        assert ["Universal", "Additional", "Multiple / complex", "Acute / specialist"] == [
            level.name for level in DEFAULT_POLICY.levels
        ]
        assert (DEFAULT_POLICY.lowest.number, DEFAULT_POLICY.highest.number) == (1, 4)
        assert 182 == DEFAULT_POLICY.drift_period_days
        assert Grade.BORDERLINE == DEFAULT_POLICY.concern_grade
        assert (
            "<ThresholdPolicy a str of 29 characters version 'example-2': "
            "4 levels, 11 rules, 1 modifiers>" == repr(DEFAULT_POLICY)
        )

    def test_a_rule_naming_an_unknown_level_is_refused(self) -> None:
        """A rule's level must be one of the policy's, checked at build time."""
        with pytest.raises(PolicyError) as caught:
            policy(AreaAtOrAbove(grade=4, level=5))
        assert "rules[0].level: expected one of the policy's levels 1, 2, 3, 4, got 5" == str(
            caught.value
        )
        assert isinstance(caught.value, ValueError)

    def test_a_nested_rule_is_checked_too(self) -> None:
        """The rules joined by all_of are checked, and the path says where."""
        with pytest.raises(PolicyError) as caught:
            policy(AreaAtOrAbove(4, 4), AllOf((NoImprovement(level=2), Drift(level=9))))
        assert "rules[1].rules[1].level: expected one of the policy's levels 1, 2, 3, 4, got 9" == (
            str(caught.value)
        )
        with pytest.raises(PolicyError, match=r"rules\[0\]\.level: .* got 7"):
            policy(AllOf((NoImprovement(level=2),), level=7))

    def test_a_grade_outside_one_to_five_is_refused(self) -> None:
        """A rule's grade must be 1 to 5, refused when the rule is built."""
        with pytest.raises(InvalidGradeError) as caught:
            SubAreasAtOrAbove(grade=6, level=2)
        assert "grade: expected an integer from 1 to 5, got 6" == str(caught.value)

    def test_a_sub_area_the_catalogue_lacks_is_refused(self) -> None:
        """A named sub-area must exist in one of the policy's catalogues; the nearest are offered."""
        with pytest.raises(PolicyError) as caught:
            policy(NamedSubAreasAtOrAbove(codes=("B1", "B9"), grade=4, level=4))
        assert str(caught.value).startswith(
            "rules[0].codes[1]: expected a sub-area code (or a section's code) of catalogue "
            "'GCP2' or 'GCP2A', got 'B9'; nearest valid codes: "
        )
        assert "B1" in str(caught.value)

    def test_an_area_with_sub_areas_is_not_a_sub_area(self) -> None:
        """An area code is refused where sub-areas are named; a GCP2A section is accepted."""
        with pytest.raises(PolicyError, match=r"rules\[0\]\.codes\[0\]: .* got 'A'"):
            policy(NamedSubAreasAtOrAbove(codes=("A",), grade=4, level=4))
        assert 1 == len(policy(NamedSubAreasAtOrAbove(codes=("S3",), grade=4, level=4)).rules)

    def test_an_unknown_area_is_refused(self) -> None:
        """Areas named by area_at_or_above must be areas, not sub-areas."""
        with pytest.raises(PolicyError) as caught:
            policy(AreaAtOrAbove(grade=4, level=4, areas=("A", "A1")))
        assert str(caught.value).startswith(
            "rules[0].areas[1]: expected an area code of catalogue 'GCP2' or 'GCP2A', got 'A1'"
        )

    def test_an_unknown_code_with_no_near_match_has_no_hint(self) -> None:
        """Without a close code, the message offers none."""
        with pytest.raises(PolicyError) as caught:
            policy(NamedSubAreasAtOrAbove(codes=("QQQQQQ",), grade=4, level=4))
        assert "nearest" not in str(caught.value)

    def test_own_catalogues_allow_their_codes(self) -> None:
        """A policy built for a partnership's own structure accepts its codes, and only those."""
        own = Catalogue(
            "Own",
            "1",
            Instrument.GCP2,
            GCP2.areas,
            (*GCP2.sub_areas, attrs.evolve(GCP2.sub_areas[0], code="A9", name="Invented")),
        )
        built = ThresholdPolicy(
            "Own", "1", LEVELS, (NamedSubAreasAtOrAbove(("A9",), 3, 2),), 90, catalogues=(own,)
        )
        assert (own,) == built.catalogues
        with pytest.raises(PolicyError, match="of catalogue a str of 3 characters, got 'S1'"):
            ThresholdPolicy(
                "Own", "1", LEVELS, (NamedSubAreasAtOrAbove(("S1",), 3, 2),), 90, catalogues=(own,)
            )

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"levels": ()}, "levels: expected at least one level of need, got none"),
            (
                {"levels": (LEVELS[1], LEVELS[0])},
                "levels[1].number: expected level numbers rising without repeats, got 1 after 2",
            ),
            (
                {"levels": (LEVELS[0], LEVELS[0])},
                "levels[1].number: expected level numbers rising without repeats, got 1 after 1",
            ),
            ({"levels": (LEVELS[0], "Additional")}, "levels[1]: expected a LevelOfNeed, got a str"),
            ({"levels": "1234"}, "levels: expected a sequence, got a str"),
            ({"rules": None}, "rules: expected a sequence, got a NoneType"),
            ({"rules": ()}, "rules: expected at least one rule, got none"),
            (
                {"rules": ("area_at_or_above",)},
                "rules[0]: expected a callable threshold rule, got a str",
            ),
            ({"modifiers": (3,)}, "modifiers[0]: expected a callable modifier, got a int"),
            ({"modifiers": InfantStepUp()}, "modifiers: expected a sequence, got a InfantStepUp"),
            ({"catalogues": ("GCP2",)}, "catalogues[0]: expected a Catalogue, got a str"),
            ({"catalogues": "GCP2"}, "catalogues: expected a sequence, got a str"),
            ({"catalogues": ()}, "catalogues: expected at least one catalogue, got none"),
            ({"drift_period_days": 0}, "drift_period_days: expected a whole number above 0, got 0"),
            ({"name": ""}, "name: expected non-empty text, got ''"),
        ],
    )
    def test_structural_problems_are_refused(self, change: dict[str, object], message: str) -> None:
        """Levels must rise without repeats; there must be a rule; rules, modifiers and
        catalogues must be what they say, and errors name the field at fault."""
        assert message == refusal(change)

    def test_a_concern_grade_outside_one_to_five_is_refused(self) -> None:
        """The policy's concern grade is a grade, refused when the policy is built."""
        with pytest.raises(InvalidGradeError) as caught:
            ThresholdPolicy(
                "Test",
                "1",
                LEVELS,
                (AreaAtOrAbove(4, 4),),
                90,
                concern_grade=0,
                catalogues=BUILT_IN,
            )
        assert "concern_grade: expected an integer from 1 to 5, got 0" == str(caught.value)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                {"rules": (InfantStepUp(),)},
                "rules[0]: expected a threshold rule, got a modifier ('infant_step_up')",
            ),
            (
                {"modifiers": (SubAreasAtOrAbove(3, 2),)},
                "modifiers[0]: expected a modifier, got a threshold rule ('sub_areas_at_or_above')",
            ),
            (
                {"rules": (SignsAnswered("request_gcp2"),)},
                "rules[0]: expected a threshold rule, got a screening outcome rule "
                "('signs_answered')",
            ),
            (
                {"rules": (SignsAnswered("request_gcp2", domains=("HE",)),)},
                "rules[0]: expected a threshold rule, got a screening outcome rule "
                "('signs_answered')",
            ),
            (
                {"rules": (AllOf((AreaAtOrAbove(4, 4), InfantStepUp())),)},
                "rules[0].rules[1]: expected a threshold rule, got a modifier ('infant_step_up')",
            ),
        ],
    )
    def test_rules_and_modifiers_must_be_in_their_place(
        self, change: dict[str, object], message: str
    ) -> None:
        """A modifier among the rules, a rule among the modifiers or a screening outcome rule in
        a threshold policy is refused when the policy is built, not when it is first used."""
        assert message == refusal(change)

    def test_a_policy_names_its_catalogues(self) -> None:
        """The model reads no package data: a policy built in code is given the catalogues its
        codes come from (the shipped ones are public values), and never picks some up from a
        module imported earlier."""
        with pytest.raises(TypeError, match="catalogues"):
            ThresholdPolicy("Own", "1", LEVELS, (AreaAtOrAbove(4, 4),), 90)  # type: ignore[call-arg]
        own = ThresholdPolicy("Own", "1", LEVELS, (AreaAtOrAbove(4, 4),), 90, catalogues=(GCP2,))
        assert (GCP2,) == own.catalogues

    def test_looking_up_an_unknown_level(self) -> None:
        """policy.level() finds a level by number and refuses one the policy lacks."""
        assert "Complex" == policy(AreaAtOrAbove(4, 4)).level(3).name
        with pytest.raises(PolicyError) as caught:
            policy(AreaAtOrAbove(4, 4)).level(5)
        assert "level: expected one of the policy's levels 1, 2, 3, 4, got 5" == str(caught.value)


class TestRuleParameters:
    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (
                lambda: AreaAtOrAbove(grade=4, level="4"),  # type: ignore[arg-type]
                "level: expected the number of a level of need, got '4'",
            ),
            (
                lambda: AreaAtOrAbove(4, Grade(4)),
                "level: expected the number of a level of need, got the grade 4",
            ),
            (
                lambda: AreaAtOrAbove(grade=3, level=2, count=0),
                "count: expected a whole number of 1 or more, got 0",
            ),
            (
                lambda: SubAreasAtOrAbove(grade=3, level=2, count=0),
                "count: expected a whole number of 1 or more, got 0",
            ),
            (
                lambda: NamedSubAreasAtOrAbove(codes="B1", grade=4, level=4),
                "codes: expected a list of codes, got a str",
            ),
            (
                lambda: NamedSubAreasAtOrAbove(codes=(), grade=4, level=4),
                "codes: expected at least one sub-area code, got none",
            ),
            (
                lambda: NamedSubAreasAtOrAbove(codes=("B1", ""), grade=4, level=4),
                "codes[1]: expected a code, got ''",
            ),
            (
                lambda: PersistentBorderline(level=3, assessments=1),
                "assessments: expected a whole number of 2 or more, got 1",
            ),
            (
                lambda: AllOf(rules=()),
                "rules: expected a list of at least one rule, got an empty tuple",
            ),
            (lambda: InfantStepUp(steps=0), "steps: expected a whole number of 1 or more, got 0"),
        ],
    )
    def test_bad_parameters_are_refused(self, build: object, message: str) -> None:
        """Each rule refuses bad parameters with a message naming the parameter."""
        with pytest.raises(PolicyError) as caught:
            build()  # type: ignore[operator]
        assert message == str(caught.value)

    def test_lists_become_tuples(self) -> None:
        """Lists (as documents give them) are kept as tuples, so rules stay hashable."""
        rule = NamedSubAreasAtOrAbove(codes=["B1", "B2"], grade=4, level=4)
        assert ("B1", "B2") == rule.codes
        assert hash(rule) == hash(NamedSubAreasAtOrAbove(codes=("B1", "B2"), grade=4, level=4))

    def test_descriptions(self) -> None:
        """Every rule says what it does in a few words."""
        assert [
            "any area of A, B graded 4 or worse",
            "at least 2 areas graded 3 or worse",
            "at least 1 sub-area graded 4 or worse",
            "worse than when last graded, now at the policy's concern grade or worse",
            "a baseline concern (at the policy's concern grade or worse) no better at review",
            "at least 2 sub-areas graded 4 or worse at each of the last 3 assessments to grade it",
            "all of: at least 1 sub-area graded 4 or worse; custom_rule",
            "for an unborn child or one under 6 months, step every reason up 2 levels",
        ] == [
            AreaAtOrAbove(4, 4, ("A", "B")).describe(),
            AreaAtOrAbove(3, 3, count=2).describe(),
            SubAreasAtOrAbove(4, 3).describe(),
            Deterioration(level=3).describe(),
            NoImprovement(level=3).describe(),
            PersistentBorderline(level=3, assessments=3, count=2, grade=4).describe(),
            AllOf((SubAreasAtOrAbove(4, 3), custom_rule)).describe(),
            InfantStepUp(steps=2, under_months=6).describe(),
        ]


def custom_rule(context: RuleContext) -> Reason | None:
    """A partnership's own rule: any sub-area at 5 proposes level 4."""
    hits = tuple(unit.code for unit in context.profile.units if unit.grade == 5)
    return Reason("", 4, f"graded 5: {', '.join(hits)}", hits) if hits else None


class TestProfileRules:
    def test_area_at_or_above(self) -> None:
        """Any area at the grade or worse fires, naming the areas; restricted areas limit it."""
        latest = profile({"A4": 4, "C1": 5, "B1": 2})
        reason = AreaAtOrAbove(grade=4, level=4)(context(latest))
        assert reason is not None
        assert ("A", "C") == reason.codes
        assert "areas graded 4 or worse: A Physical care (4), C Emotional care (5)" == reason.text
        assert AreaAtOrAbove(grade=4, level=4, areas=("B", "D"))(context(latest)) is None
        assert AreaAtOrAbove(grade=5, level=4)(context(profile({"A4": 4}))) is None

    def test_a_count_of_areas(self) -> None:
        """With a count, enough areas must reach the grade, and the reason says how many."""
        latest = profile({"A": 3, "B": 3, "C1": 3, "D": 2})
        reason = AreaAtOrAbove(grade=3, level=3, count=3)(context(latest))
        assert reason is not None
        assert (
            "3 areas graded 3 or worse (at least 3 needed): A Physical care (3), "
            "B Care of safety (3), C Emotional care (3)" == reason.text
        )
        assert AreaAtOrAbove(grade=3, level=3, count=4)(context(latest)) is None

    def test_sections_are_areas_for_gcp2a(self) -> None:
        """For a GCP2A profile the rules speak of sections."""
        unborn = profile({"S1": 4, "S2": 3}, child=UNBORN, start="2024-03-04", end="2024-03-22")
        area = AreaAtOrAbove(grade=4, level=4)(context(unborn))
        units = SubAreasAtOrAbove(grade=3, level=2, count=2)(context(unborn))
        assert area is not None
        assert units is not None
        assert area.text.startswith("section graded 4 or worse: S1 ")
        assert units.text.startswith("2 sections graded 3 or worse (at least 2 needed): S1 ")

    def test_sub_areas_at_or_above_counts(self) -> None:
        """It fires only when enough sub-areas reach the grade."""
        latest = profile({"A1": 3, "A4": 3, "B2": 4, "D1": 2})
        rule = SubAreasAtOrAbove(grade=3, level=3, count=3)
        reason = rule(context(latest))
        assert reason is not None
        assert ("A1", "A4", "B2") == reason.codes
        assert (
            "3 sub-areas graded 3 or worse (at least 3 needed): A1 Nutrition (3), "
            "A4 Hygiene (3), B2 Safety in the carer's absence (4)" == reason.text
        )
        assert SubAreasAtOrAbove(grade=3, level=3, count=4)(context(latest)) is None
        one = SubAreasAtOrAbove(grade=4, level=3)(context(latest))
        assert one is not None
        assert one.text.startswith("1 sub-area graded 4 ")

    def test_an_area_counts_as_one_where_none_of_its_sub_areas_does(self) -> None:
        """H1: the practitioner's area grades are authoritative (DOMAIN.md section 4), so an
        area at the grade whose sub-areas are ungraded (or better) stands in for them once; an
        area with a sub-area at the grade is counted through that sub-area only."""
        areas_only = profile({"A": 3, "B": 3, "C": 3, "D": 3})
        reason = SubAreasAtOrAbove(grade=3, level=3, count=3)(context(areas_only))
        assert reason is not None
        assert ("A", "B", "C", "D") == reason.codes
        assert (
            "4 sub-areas graded 3 or worse (at least 3 needed; an area counts as one where none "
            "of its sub-areas does): A Physical care (3), B Care of safety (3), "
            "C Emotional care (3), D Developmental care (3)" == reason.text
        )
        mixed = profile({"A": 3, "B1": 3, "B": 4})
        counted = SubAreasAtOrAbove(grade=3, level=2)(context(mixed))
        assert counted is not None
        assert ("A", "B1") == counted.codes
        assert SubAreasAtOrAbove(grade=3, level=2, count=3)(context(mixed)) is None
        assert SubAreasAtOrAbove(grade=3, level=2)(context(profile({"A": 2}))) is None
        over_better = profile({"A": 3, "A1": 2, "A2": 2})
        stood_in = SubAreasAtOrAbove(grade=3, level=2)(context(over_better))
        assert stood_in is not None
        assert ("A",) == stood_in.codes

    def test_named_sub_areas(self) -> None:
        """Only the named sub-areas count; a code the profile lacks is simply absent."""
        latest = profile({"B1": 4, "A4": 5})
        reason = NamedSubAreasAtOrAbove(codes=("B1", "B2", "S3"), grade=4, level=4)(context(latest))
        assert reason is not None
        assert ("B1",) == reason.codes
        assert "named sub-area graded 4 or worse: B1 Safety in the carer's presence (4)" == (
            reason.text
        )
        assert NamedSubAreasAtOrAbove(codes=("B2",), grade=4, level=4)(context(latest)) is None


class TestHistoryRules:
    def test_rules_needing_a_history_are_silent_without_one(self) -> None:
        """An empty history is not an error: the rules that need one say nothing."""
        latest = profile({"A1": 4, "B2": 3})
        for rule in (
            NoImprovement(level=3),
            Deterioration(level=3),
            PersistentBorderline(level=3),
            Drift(level=4),
        ):
            assert rule(context(latest)) is None

    def test_no_improvement(self) -> None:
        """Fires when no baseline concern is better at review, naming before and after."""
        baseline, middle, latest = series(
            {"A1": 3, "A4": 4, "B1": 2}, {"A1": 2}, {"A1": 3, "A4": 4, "B1": 4}
        )
        reason = NoImprovement(level=3)(context(baseline, middle, latest))
        assert reason is not None
        assert ("A", "A1", "A4") == reason.codes
        assert (
            "no improvement since the baseline ending 2024-01-26: A Physical care (4, was 4), "
            "A1 Nutrition (3, was 3), A4 Hygiene (4, was 4)" == reason.text
        )

    def test_no_improvement_fires_per_concern(self) -> None:
        """M2: one concern improving does not excuse the others — the rule fires for any
        baseline concern no better at review, and names each one."""
        baseline, latest = series({"A1": 3, "A4": 4, "B2": 3}, {"A1": 3, "A4": 3, "B2": 4})
        reason = NoImprovement(level=3)(context(baseline, latest))
        assert reason is not None
        assert ("A1", "B", "B2") == reason.codes
        assert (
            "no improvement since the baseline ending 2024-01-26: A1 Nutrition (3, was 3), "
            "B Care of safety (4, was 3), B2 Safety in the carer's absence (4, was 3)"
            == reason.text
        )
        improved = series({"A1": 4, "A4": 4}, {"A1": 3, "A4": 2})
        assert NoImprovement(level=3)(context(*improved)) is None

    def test_each_code_has_its_own_baseline(self) -> None:
        """H3: a code's baseline is the first assessment that graded it, so an antenatal GCP2A
        (whose sections a GCP2 lacks) does not silence the rule for a baby's GCP2 reviews."""
        unborn = ChildRef("C-0300", expected_delivery_date=dt.date(2025, 3, 14))
        baby = ChildRef("C-0300", date_of_birth=dt.date(2025, 3, 10))
        antenatal = profile({"S1": 3, "S2": 3}, child=unborn, start="2024-12-02", end="2024-12-20")
        first = profile({"A1": 3, "A4": 3}, child=baby, start="2026-03-16", end="2026-03-31")
        second = profile({"A1": 3, "A4": 2}, child=baby, start="2026-06-15", end="2026-06-30")
        reason = NoImprovement(level=3)(context(antenatal, first, second))
        assert reason is not None
        assert ("A", "A1") == reason.codes
        assert reason.text.startswith("no improvement since the baseline ending 2026-03-31: ")
        assert NoImprovement(level=3)(context(first, second)) == reason

    def test_baselines_from_different_assessments_are_each_dated(self) -> None:
        """When concerns were first graded at different assessments, each is dated."""
        history = series({"A1": 3}, {"A1": 3, "B2": 4}, {"A1": 3, "B2": 4})
        reason = NoImprovement(level=3, grade=3)(context(*history))
        assert reason is not None
        assert reason.text.startswith(
            "no improvement since each concern's baseline: A Physical care (3, was 3 at the "
            "assessment ending 2024-01-26), A1 Nutrition (3, was 3 at the assessment ending "
            "2024-01-26), B Care of safety (4, was 4 at the assessment ending 2024-04-26)"
        )

    def test_no_improvement_needs_a_concern_graded_again(self) -> None:
        """With no baseline concern graded at review there is nothing to compare."""
        baseline, latest = series({"A1": 3}, {"B1": 2})
        assert NoImprovement(level=3)(context(baseline, latest)) is None
        none_at_baseline = series({"A1": 2}, {"A1": 2})
        assert NoImprovement(level=3)(context(*none_at_baseline)) is None

    def test_deterioration(self) -> None:
        """Fires for entries worse than last time and now at the grade or worse."""
        previous, latest = series({"A1": 2, "B2": 1, "C1": 3}, {"A1": 3, "B2": 2, "C1": 3})
        reason = Deterioration(level=3)(context(previous, latest))
        assert reason is not None
        assert ("A", "A1") == reason.codes
        assert reason.text.startswith(
            "worse than at the assessment ending 2024-01-26, when last graded: "
            "A Physical care (3, was 2)"
        )
        assert Deterioration(level=3, grade=4)(context(previous, latest)) is None

    def test_deterioration_compares_with_the_last_grade_given(self) -> None:
        """H4: an assessment that did not grade a code is skipped, not taken as a change."""
        history = series({"A1": 2}, {"C1": 2}, {"A1": 3})
        reason = Deterioration(level=3)(context(*history))
        assert reason is not None
        assert ("A", "A1") == reason.codes
        assert reason.text.startswith(
            "worse than at the assessment ending 2024-01-26, when last graded: "
        )

    def test_persistent_borderline(self) -> None:
        """Fires when the same entries stay at 3 or worse across the last assessments."""
        history = series({"A1": 3, "C1": 3}, {"A1": 4, "C1": 2}, {"A1": 3, "C1": 3})
        reason = PersistentBorderline(level=3, assessments=3)(context(*history))
        assert reason is not None
        assert ("A1",) == reason.codes
        assert (
            "graded 3 or worse at each of the last 3 assessments to grade it (persistent "
            "borderline care): A1 Nutrition (3, 4, 3)" == reason.text
        )
        assert PersistentBorderline(level=3, assessments=4)(context(*history)) is None
        assert PersistentBorderline(level=3, assessments=3, count=2)(context(*history)) is None

    def test_persistent_borderline_counts_sub_areas_only(self) -> None:
        """M3: the count is of sub-areas (as sub_areas_at_or_above counts them), not areas too:
        two sub-areas persisting do not make four."""
        history = series({"A1": 3, "B2": 3}, {"A1": 3, "B2": 3})
        assert PersistentBorderline(level=3, count=3)(context(*history)) is None
        reason = PersistentBorderline(level=3, count=2)(context(*history))
        assert reason is not None
        assert ("A1", "B2") == reason.codes

    def test_a_persisting_area_counts_where_its_sub_areas_do_not(self) -> None:
        """An area entered at 3 at both assessments over a sub-area graded 2 is persistent
        borderline care by the practitioner's own judgement, counted once."""
        history = series({"B": 3, "B1": 2}, {"B": 3, "B1": 2})
        reason = PersistentBorderline(level=3)(context(*history))
        assert reason is not None
        assert ("B",) == reason.codes
        both = series({"B": 3, "B1": 3}, {"B": 3, "B1": 3})
        counted_once = PersistentBorderline(level=3)(context(*both))
        assert counted_once is not None
        assert ("B1",) == counted_once.codes

    def test_persistent_borderline_skips_assessments_that_did_not_grade(self) -> None:
        """H4: a partial review in between is skipped, and shown as "-" in the reason."""
        history = series({"A1": 3}, {"C1": 2}, {"A1": 3})
        reason = PersistentBorderline(level=3)(context(*history))
        assert reason is not None
        assert (
            "graded 3 or worse at each of the last 2 assessments to grade it (persistent "
            "borderline care; - marks an assessment that did not grade it): A1 Nutrition (3, -, 3)"
            == reason.text
        )

    def test_persistent_borderline_uses_the_policy_concern_grade(self) -> None:
        """Without a grade of its own the rule uses the policy's concern grade."""
        history = series({"A1": 3}, {"A1": 3})
        assert PersistentBorderline(level=3)(context(*history, concern=4)) is None
        assert PersistentBorderline(level=3, grade=3)(context(*history, concern=4)) is not None

    def test_drift(self) -> None:
        """Fires when a concern has not improved for longer than the policy's drift period."""
        history = series({"A1": 3}, {"A1": 3}, {"A1": 3})
        reason = Drift(level=4)(context(*history, drift=150))
        assert reason is not None
        assert ("A", "A1") == reason.codes
        assert (
            "drift: graded 3 or worse at every assessment for 182 days since 2024-01-26, longer "
            "than the drift period of 150 days: A Physical care (3), A1 Nutrition (3)"
            == reason.text
        )
        assert Drift(level=4)(context(*history, drift=182)) is None

    def test_drift_skips_and_reports_assessments_that_did_not_grade(self) -> None:
        """H4: an assessment that did not grade a concern neither ends nor hides its spell."""
        history = series({"A1": 3, "C1": 2}, {"C1": 2}, {"A1": 3, "C1": 2}, {"A1": 3, "C1": 2})
        reason = Drift(level=4)(context(*history))
        assert reason is not None
        assert ("A", "A1") == reason.codes
        assert reason.text.endswith(
            "; skipped assessments that did not grade them: A on 2024-04-26, A1 on 2024-04-26"
        )

    def test_drift_uses_the_policy_concern_grade(self) -> None:
        """M6: drift is judged at the policy's concern grade, as the chronology review is."""
        history = series({"A1": 3}, {"A1": 3}, {"A1": 3})
        assert Drift(level=4)(context(*history, drift=150, concern=4)) is None
        lower = series({"A1": 2}, {"A1": 2}, {"A1": 2})
        reason = Drift(level=4)(context(*lower, drift=150, concern=2))
        assert reason is not None
        assert reason.text.startswith("drift: graded 2 or worse at every assessment for 182 days")


class TestAllOf:
    def test_fires_only_when_every_rule_fires(self) -> None:
        """A join proposes its level when all its rules fire, with their codes merged."""
        baseline, latest = series({"A1": 3, "A4": 3}, {"A1": 3, "A4": 3})
        joined = AllOf((SubAreasAtOrAbove(3, 2, count=2), NoImprovement(level=2)), level=3)
        reason = joined(context(baseline, latest))
        assert reason is not None
        assert (3, ("A1", "A4", "A")) == (reason.level, reason.codes)
        assert reason.text.startswith("all of: 2 sub-areas graded 3 or worse")
        assert "; and no improvement since the baseline" in reason.text
        assert joined(context(latest)) is None

    def test_without_a_level_it_proposes_the_highest(self) -> None:
        """Without its own level a join proposes the highest level its rules propose."""
        joined = AllOf((SubAreasAtOrAbove(3, 2), AreaAtOrAbove(4, 4)))
        reason = joined(context(profile({"A1": 4})))
        assert reason is not None
        assert 4 == reason.level

    def test_joined_custom_rules_are_checked(self) -> None:
        """A joined rule that returns nonsense is caught like a top-level one."""
        joined = AllOf((lambda context: 3,))
        with pytest.raises(PolicyError, match="expected a Reason or None, got a int"):
            joined(context(profile({"A1": 4})))


class TestInfantStepUp:
    def test_unborn_child_steps_up(self) -> None:
        """The same grades propose a higher level for an unborn child, and say why."""
        unborn = profile({"S1": 3}, child=UNBORN, start="2024-03-04", end="2024-03-22")
        reason = Reason("sub_areas_at_or_above", 2, "1 section graded 3 or worse", ("S1",))
        stepped = InfantStepUp()(context(unborn), reason)
        assert (3, 2) == (stepped.level, stepped.stepped_up_from)
        assert stepped.text.endswith(
            "; stepped up from level 2 because the child is unborn (infant modifier)"
        )

    def test_a_baby_born_during_the_window(self) -> None:
        """L3: a baby unborn on the window's first day but born before its last is not called
        unborn: the postnatal section was graded on a newborn."""
        child = ChildRef(
            "C-0202",
            date_of_birth=dt.date(2024, 3, 10),
            expected_delivery_date=dt.date(2024, 3, 12),
        )
        newborn = profile({"S3": 3}, child=child, start="2024-03-04", end="2024-03-22")
        stepped = InfantStepUp()(context(newborn), Reason("r", 2, "text"))
        assert stepped.text.endswith(
            "; stepped up from level 2 because the child is a newborn, born during the "
            "observation window (infant modifier)"
        )

    def test_under_one_and_other_ages(self) -> None:
        """Under one is said plainly; another age limit is said in months."""
        baby = profile({"A1": 3}, child=BABY, start="2024-03-04", end="2024-03-22")
        reason = Reason("r", 2, "text")
        assert InfantStepUp()(context(baby), reason).text.endswith(
            "child is under one (infant modifier)"
        )
        assert InfantStepUp(under_months=7)(context(baby), reason).text.endswith(
            "child is under 7 months old (infant modifier)"
        )
        assert reason is InfantStepUp(under_months=6)(context(baby), reason)

    def test_never_past_the_highest_level(self) -> None:
        """Steps stop at the highest level; a reason already there is unchanged."""
        baby = profile({"A1": 3}, child=BABY, start="2024-03-04", end="2024-03-22")
        assert 4 == InfantStepUp(steps=3)(context(baby), Reason("r", 3, "text")).level
        top = Reason("r", 4, "text")
        assert top is InfantStepUp()(context(baby), top)

    def test_steps_follow_the_policy_levels(self) -> None:
        """With gaps in the numbering, a step goes to the next defined level."""
        baby = profile({"A1": 3}, child=BABY, start="2024-03-04", end="2024-03-22")
        stepped = InfantStepUp()(context(baby, levels=(1, 5, 9)), Reason("r", 1, "text"))
        assert 5 == stepped.level

    def test_older_children_are_unchanged(self) -> None:
        """For a child of one or over the reason passes through unchanged."""
        reason = Reason("r", 2, "text")
        assert reason is InfantStepUp()(context(profile({"A1": 3})), reason)

    def test_the_first_level_is_remembered_across_modifiers(self) -> None:
        """Two step-ups keep the level first proposed in stepped_up_from."""
        baby = profile({"A1": 3}, child=BABY, start="2024-03-04", end="2024-03-22")
        decision = decide(
            baby,
            policy=policy(SubAreasAtOrAbove(3, 1), modifiers=(InfantStepUp(), InfantStepUp())),
        )
        assert (3, 1) == (decision.reasons[0].level, decision.reasons[0].stepped_up_from)


class TestRuleContext:
    def test_age_and_infancy_on_the_first_day_of_the_window(self) -> None:
        """Age is taken at the start of the window, with no clock: turning one during it
        still counts as a baby."""
        baby = context(profile({"A1": 3}, child=BABY, start="2024-08-19", end="2024-09-06"))
        assert (False, 11, True) == (baby.is_unborn, baby.age_in_months, baby.is_infant(12))
        assert not baby.is_infant(11)
        unborn = context(profile({"S1": 3}, child=UNBORN, start="2024-03-04", end="2024-03-22"))
        assert (True, None, True) == (unborn.is_unborn, unborn.age_in_months, unborn.is_infant(1))
        assert not unborn.is_born_during_window
        assert dt.date(2024, 3, 4) == unborn.age_on
        assert "<RuleContext <Profile GCP2A child='C-0200'" in repr(unborn)

    def test_what_the_profile_and_history_say_is_shared(self) -> None:
        """A rule of one's own reads the grades by code of the profile and of each profile of
        the history, and the history followed by the profile."""
        earlier, later = series({"A1": 3}, {"A1": 2, "B2": 4})
        ctx = RuleContext(later, (earlier,), DEFAULT_POLICY)
        assert {"A": Grade(2), "A1": Grade(2), "B": Grade(4), "B2": Grade(4)} == ctx.graded
        assert ({"A": Grade(3), "A1": Grade(3)}, ctx.graded) == ctx.grades
        assert (earlier, later) == ctx.profiles

    def test_a_pending_reason_text_is_never_seen(self) -> None:
        """The library writes a reason's text when it is first read; every reader sees text,
        and the class keeps its slot for tools that look at it."""
        reason = decide(profile({"A1": 3})).reasons[0]
        copy = attrs.evolve(reason)
        assert isinstance(reason.text, str)
        assert reason == copy
        assert "text=" in repr(reason)
        assert type(Reason.__dict__["text"].slot) is type(Reason.__dict__["rule"])
        assert Reason.text is Reason.__dict__["text"].slot

    def test_pending_reason_codes_are_never_seen(self) -> None:
        """A reason that reads one profile works out its codes with its text, when either is
        first read: read in any order, pickled or copied unread, it is the same reason, and
        the class keeps its codes slot for tools that look at it."""
        made = [decide(profile({"A1": 3, "B": 4, "B2": 4})).reasons for _ in range(3)]
        codes_first = [(reason.codes, reason.text) for reason in made[0]]
        text_first = [(reason.text, reason.codes) for reason in made[1]]
        assert codes_first == [(codes, text) for text, codes in text_first]
        assert {("B",), ("A", "B"), ("B2",), ("A1", "B2")} == {codes for codes, _ in codes_first}
        assert made[0] == pickle.loads(pickle.dumps(made[2]))
        assert all(type(reason.codes) is tuple for reason in made[2])
        assert type(Reason.__dict__["codes"].slot) is type(Reason.__dict__["rule"])
        assert Reason.codes is Reason.__dict__["codes"].slot

    def test_levels_drift_and_concern_grade_come_from_the_policy(self) -> None:
        """L8: what a rule reads of the policy is the policy's, never a default of the model."""
        ctx = context(profile({"A1": 3}), levels=(1, 5, 9), drift=77, concern=4)
        assert ((1, 5, 9), 77, Grade.POOR) == (ctx.levels, ctx.drift_period_days, ctx.concern_grade)
        assert "Context policy" == ctx.policy.name

    @pytest.mark.parametrize(
        ("history", "policy_", "error", "message"),
        [
            (
                None,
                DEFAULT_POLICY,
                AssessmentError,
                "history: expected a sequence of earlier profiles, got None",
            ),
            (
                5,
                DEFAULT_POLICY,
                AssessmentError,
                "history: expected a sequence of earlier profiles, got 5",
            ),
            ((), 3, PolicyError, "policy: expected a ThresholdPolicy, got 3"),
        ],
    )
    def test_bad_arguments(
        self, history: object, policy_: object, error: type[Exception], message: str
    ) -> None:
        """L1: a context (and so decide) refuses a history or policy of the wrong type with our
        errors, never a bare TypeError or AttributeError."""
        with pytest.raises(error) as caught:
            RuleContext(profile({"A1": 3}), history, policy_)  # type: ignore[arg-type]
        assert message == str(caught.value)
        with pytest.raises(error) as by_decide:
            decide(profile({"A1": 3}), history=history, policy=policy_)  # type: ignore[arg-type]
        assert message == str(by_decide.value)

    def test_step_up(self) -> None:
        """Stepping up moves along the policy's levels and stops at the top."""
        ctx = context(profile({"A1": 3}), levels=(1, 2, 4))
        assert [2, 4, 4, 4, 2] == [
            ctx.step_up(1),
            ctx.step_up(2),
            ctx.step_up(2, 5),
            ctx.step_up(4),
            ctx.step_up(2, 0),
        ]


class TestDecide:
    def test_level_is_the_highest_proposed_with_every_reason(self) -> None:
        """The level is the highest any rule proposes; every reason that fired is kept."""
        latest = profile({"A4": 4, "C1": 3}, reference="GCP2-1")
        decision = decide(latest)
        assert (4, "Acute / specialist") == (decision.level.number, decision.level.name)
        assert [4, 2, 3, 2] == [reason.level for reason in decision.reasons]
        assert dt.date(2024, 1, 26) + dt.timedelta(days=28) == decision.review_by
        assert DEFAULT_POLICY.level(4).typical_response == decision.typical_response
        assert ("GCP2-1", SCHOOL_CHILD) == (decision.assessment_reference, decision.child)

    def test_lowest_level_when_nothing_fires(self) -> None:
        """With no reason, the decision is the policy's lowest level, reviewed after its interval."""
        decision = decide(profile({"A1": 1, "B1": 2}))
        assert (1, ()) == (decision.level.number, decision.reasons)
        assert dt.date(2025, 1, 25) == decision.review_by
        assert "Reasons: none fired, so the lowest level applies" in format_decision(decision)

    def test_custom_function_rules_are_named(self) -> None:
        """A plain function is a rule; its reasons are named after it."""
        decision = decide(profile({"A1": 5}), policy=policy(custom_rule))
        assert ("custom_rule", 4, ("A1",)) == (
            decision.reasons[0].rule,
            decision.level.number,
            decision.reasons[0].codes,
        )

    @pytest.mark.parametrize(
        ("rule", "message"),
        [
            (lambda context: 3, "rule a str of 8 characters: expected a Reason or None, got a int"),
            (
                lambda context: Reason("mine", 7, "text"),
                "rule a str of 8 characters: expected a reason at one of the policy's levels "
                "1, 2, 3, 4, got level 7",
            ),
        ],
    )
    def test_a_rule_that_returns_no_level_is_an_error(self, rule: object, message: str) -> None:
        """A rule must return None or a reason at one of the policy's levels."""
        with pytest.raises(PolicyError) as caught:
            decide(profile({"A1": 3}), policy=policy(rule))
        assert message == str(caught.value)

    def test_a_callable_object_without_a_name_is_named_by_its_repr(self) -> None:
        """A callable with neither kind nor __name__ is reported by its repr (through the
        echo rule: a code-like repr is shown, any other is only counted)."""

        class Odd:
            def __init__(self, name: str) -> None:
                self.name = name

            def __call__(self, context: RuleContext) -> object:
                return "level 3"

            def __repr__(self) -> str:
                return self.name

        with pytest.raises(
            PolicyError, match=r"^rule 'odd_rule': expected a Reason or None, got a str$"
        ):
            decide(profile({"A1": 3}), policy=policy(Odd("odd_rule")))
        with pytest.raises(
            PolicyError,
            match=r"^rule a str of 5 characters: expected a Reason or None, got a str$",
        ):
            decide(profile({"A1": 3}), policy=policy(Odd("Odd()")))

    def test_a_modifier_may_not_lower_a_level(self) -> None:
        """Modifiers keep or raise levels; lowering one, or returning None, is an error."""

        def lower(context: RuleContext, reason: Reason) -> Reason:
            return attrs.evolve(reason, level=1)

        def nothing(context: RuleContext, reason: Reason) -> None:
            return None

        with pytest.raises(PolicyError) as caught:
            decide(profile({"A1": 3}), policy=policy(SubAreasAtOrAbove(3, 2), modifiers=(lower,)))
        assert "rule 'lower': expected a modifier to keep or raise level 2, got level 1" == str(
            caught.value
        )
        with pytest.raises(PolicyError, match="got None$"):
            decide(profile({"A1": 3}), policy=policy(SubAreasAtOrAbove(3, 2), modifiers=(nothing,)))

    def test_a_modifier_of_ones_own_may_raise_a_level(self) -> None:
        """A modifier that is a plain function is checked on every call, and may raise a level:
        the raised reason is kept, after the library's own modifiers."""

        def raise_to_four(context: RuleContext, reason: Reason) -> Reason:
            return attrs.evolve(reason, level=4, text=f"{reason.text}; raised")

        decision = decide(
            profile({"A1": 3}),
            policy=policy(SubAreasAtOrAbove(3, 2), modifiers=(raise_to_four,)),
        )
        assert 4 == decision.level.number
        assert decision.reasons[0].text.endswith("; raised")

    @pytest.mark.parametrize(
        ("codes", "message"),
        [
            (None, "rule 'unnamed': expected a list of codes as the reason's codes, got None"),
            ("A1", "rule 'unnamed': expected a list of codes as the reason's codes, got 'A1'"),
            (("A1", 3), "rule 'unnamed': expected a code as codes[1], got 3"),
        ],
    )
    def test_a_reasons_codes_are_a_list_of_codes(self, codes: object, message: str) -> None:
        """L1: a lone code is not split into letters, and codes must be text."""
        with pytest.raises(PolicyError) as caught:
            Reason("mine", 2, "text", codes)  # type: ignore[arg-type]
        assert message == str(caught.value)

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"rule": 3}, "rule 'unnamed': expected the rule's name as text, got 3"),
            ({"level": "3"}, "rule 'mine': expected a whole-number level of need, got '3'"),
            (
                {"level": 0, "rule": ""},
                "rule 'unnamed': expected a whole-number level of need, got 0",
            ),
            ({"text": " "}, "rule 'mine': expected a plain-English text, got ' '"),
            (
                {"level": Grade(3)},
                "rule 'mine': expected a whole-number level of need, got <Grade.BORDERLINE: 3>",
            ),
        ],
    )
    def test_a_malformed_reason_is_refused(self, fields: dict[str, object], message: str) -> None:
        """A reason needs a rule name, a whole-number level and some text."""
        with pytest.raises(PolicyError) as caught:
            Reason(**({"rule": "mine", "level": 3, "text": "text"} | fields))  # type: ignore[arg-type]
        assert message == str(caught.value)

    def test_the_default_policy_is_used_when_none_is_given(self) -> None:
        """decide() without a policy uses DEFAULT_POLICY."""
        latest = profile({"A1": 3})
        assert decide(latest, policy=DEFAULT_POLICY) == decide(latest)


class TestDefaultPolicyReadsAreaGrades:
    """H1: the practitioner's area grades are authoritative (DOMAIN.md section 4), so the
    default policy must see them: areas at 3 are not Universal."""

    @pytest.mark.parametrize(
        ("grades", "level"),
        [
            ({"A": 3, "B": 3, "C": 3, "D": 3}, 3),
            ({"A": 3}, 2),
            ({"A": 3, "B": 3}, 2),
            ({"A": 3, "B": 3, "C": 3}, 3),
            ({"A": 2, "B": 2}, 1),
        ],
    )
    def test_areas_graded_without_sub_areas(self, grades: dict[str, int], level: int) -> None:
        """A profile graded by area only is decided on its area grades."""
        assert level == decide(profile(grades)).level.number

    def test_area_grades_entered_over_better_sub_areas(self) -> None:
        """Sub-areas all at 2 with every area entered at 3: the area grades still count."""
        grades = dict.fromkeys([sub_area.code for sub_area in GCP2.sub_areas], 2)
        decision = decide(profile(grades | {"A": 3, "B": 3, "C": 3, "D": 3}))
        assert 3 == decision.level.number
        assert [
            "area_at_or_above",
            "area_at_or_above",
            "sub_areas_at_or_above",
            "sub_areas_at_or_above",
        ] == [reason.rule for reason in decision.reasons]
        assert ("A", "B", "C", "D") == decision.reasons[2].codes


class TestWorseGradesNeverLowerTheLevel:
    """H4: examples of the law the property test checks on generated histories — making any
    grade of any assessment worse never lowers the level the default policy decides."""

    @pytest.mark.parametrize(
        ("grades", "worse"),
        [
            # The reviewer's blip: A1 slipping to 4 at one review once restarted the drift clock.
            ([{"A1": 3}] * 4, [{"A1": 3}, {"A1": 3}, {"A1": 4}, {"A1": 3}]),
            # A worse baseline (4, then 3 ever since) is still a concern throughout: drift.
            ([{"A1": 3}] * 4, [{"A1": 4}, {"A1": 3}, {"A1": 3}, {"A1": 3}]),
            # A worse baseline with a partial review in between: persistence skips the gap.
            ([{"A1": 3}, {"C1": 2}, {"A1": 3}], [{"A1": 4}, {"C1": 2}, {"A1": 3}]),
            # An area entered at 3 over a better sub-area, found by the property test.
            (
                [{"A": 2}, {"B": 2, "B1": 2}, {"B": 3, "B1": 2}],
                [{"A": 2}, {"B": 3, "B1": 2}, {"B": 3, "B1": 2}],
            ),
        ],
    )
    def test_examples(self, grades: list[dict[str, int]], worse: list[dict[str, int]]) -> None:
        """The worse history decides a level at least as high as the original."""
        for child in (SCHOOL_CHILD, ChildRef("C-0100", date_of_birth=dt.date(2023, 12, 1))):
            before, after = series(*grades, child=child), series(*worse, child=child)
            level_before = decide(before[-1], history=before[:-1]).level.number
            assert level_before <= decide(after[-1], history=after[:-1]).level.number


class TestHistoryIsChecked:
    def test_another_childs_profile_is_refused(self) -> None:
        """A history holding another child's profile is an error."""
        other = profile({"A1": 3}, child=ChildRef("C-9999", date_of_birth=dt.date(2016, 5, 10)))
        latest = profile({"A1": 3}, start="2024-05-06", end="2024-05-24")
        with pytest.raises(AssessmentError) as caught:
            decide(latest, history=[other])
        assert "profile.child: expected child 'C-9999' like history[0], got 'C-0100'" == str(
            caught.value
        )

    def test_a_different_date_of_birth_is_refused(self) -> None:
        """The same reference with another date of birth is not the same child."""
        earlier = profile({"A1": 3}, child=ChildRef("C-0100", date_of_birth=dt.date(2016, 5, 11)))
        latest = profile({"A1": 3}, start="2024-05-06", end="2024-05-24")
        with pytest.raises(AssessmentError) as caught:
            decide(latest, history=[earlier])
        assert (
            "profile.child: expected child 'C-0100' born on 2016-05-11 as history[0] records, "
            "got a date of birth of 2016-05-10" == str(caught.value)
        )

    def test_a_record_that_gains_a_date_of_birth_is_the_same_child(self) -> None:
        """An unborn child's record may gain a date of birth and a revised due date."""
        before = profile({"S1": 3}, child=UNBORN, start="2024-03-04", end="2024-03-22")
        born = ChildRef("C-0200", date_of_birth=dt.date(2024, 5, 20))
        after = profile({"S3": 3}, child=born, start="2024-06-03", end="2024-06-21")
        assert 3 == decide(after, history=[before]).level.number

    @pytest.mark.parametrize(
        ("history", "message"),
        [
            (
                [("2024-01-08", "2024-01-26"), ("2024-01-08", "2024-01-26")],
                "history[1].window: expected each observation window once, got "
                "2024-01-08..2024-01-26 again (also history[0])",
            ),
            (
                [("2024-04-08", "2024-04-26"), ("2024-01-08", "2024-01-26")],
                "history[1].window: expected a window starting after history[0] ended on "
                "2024-04-26, got 2024-01-08..2024-01-26 (histories run oldest first and windows "
                "may not overlap)",
            ),
            (
                [("2024-01-08", "2024-01-26"), ("2024-01-20", "2024-02-09")],
                "history[1].window: expected a window starting after history[0] ended on "
                "2024-01-26, got 2024-01-20..2024-02-09 (histories run oldest first and windows "
                "may not overlap)",
            ),
            (
                [("2024-09-02", "2024-09-20")],
                "profile.window: expected a window starting after history[0] ended on "
                "2024-09-20, got 2024-06-03..2024-06-21 (histories run oldest first and windows "
                "may not overlap)",
            ),
        ],
    )
    def test_windows_out_of_order_are_refused(
        self, history: list[tuple[str, str]], message: str
    ) -> None:
        """Reversed, repeated or overlapping windows, or a history after the profile, are errors."""
        earlier = [profile({"A1": 3}, start=start, end=end) for start, end in history]
        latest = profile({"A1": 3}, start="2024-06-03", end="2024-06-21")
        with pytest.raises(AssessmentError) as caught:
            decide(latest, history=earlier)
        assert message == str(caught.value)

    def test_assessments_are_not_profiles(self) -> None:
        """An assessment in a history is refused with a hint to score it."""
        with pytest.raises(AssessmentError) as caught:
            decide(profile({"A1": 3}), history=["not a profile"])  # type: ignore[list-item]
        assert "history[0]: expected a Profile (score an assessment first), got a str" == str(
            caught.value
        )


class TestOverride:
    def test_override_keeps_the_original_visible(self) -> None:
        """An override changes the level and review date; the rules' decision stays visible."""
        decision = decide(profile({"A1": 3}))
        overridden = decision.override(
            4, rationale="Invented: a sibling is on a plan", by="PRAC-1", on=dt.date(2024, 2, 1)
        )
        assert (4, 2) == (overridden.level.number, decision.level.number)
        assert overridden.is_overridden
        assert not decision.is_overridden
        assert overridden.overridden is not None
        assert decision == overridden.overridden.original
        assert decision is overridden.proposed
        assert dt.date(2024, 1, 26) + dt.timedelta(days=28) == overridden.review_by
        assert decision.reasons == overridden.reasons
        twice = overridden.override(3, rationale="Invented: new information", by="PRAC-2")
        assert decision is twice.proposed
        assert "overridden from level 4" in repr(twice)

    def test_the_rationale_is_never_shown(self) -> None:
        """The rationale is free text: it is kept but stays out of repr and renderings."""
        secret = "Invented: father's new partner has a history"
        overridden = decide(profile({"A1": 3})).override(4, rationale=secret, by="PRAC-1")
        assert overridden.overridden is not None
        assert secret == overridden.overridden.rationale
        assert secret not in repr(overridden)
        assert secret not in repr(overridden.overridden)
        assert secret not in format_decision(overridden)
        assert "Overridden by PRAC-1 from level 2 (Additional); rationale recorded" in (
            format_decision(overridden)
        )

    @pytest.mark.parametrize(
        ("level", "fields", "message"),
        [
            (9, {}, "level: expected one of the policy's levels 1, 2, 3, 4, got 9"),
            (2, {}, "level: expected a level other than the decided level 2, got 2"),
            (3, {"rationale": "   "}, "rationale: expected a non-empty rationale, got blank text"),
            (3, {"rationale": b"secret"}, "rationale: expected text, got a bytes"),
            (3, {"by": ""}, "by: expected a non-empty reference, got ''"),
            (3, {"on": "2024-02-01"}, "on: expected a date or None, got a str of 10 characters"),
        ],
    )
    def test_incomplete_overrides_are_refused(
        self, level: int, fields: dict[str, object], message: str
    ) -> None:
        """An override needs a known, different level, a rationale and who made it."""
        decision = decide(profile({"A1": 3}))
        with pytest.raises(AssessmentError) as caught:
            decision.override(level, **({"rationale": "Invented", "by": "PRAC-1"} | fields))  # type: ignore[arg-type]
        assert message == str(caught.value)
        assert isinstance(caught.value, NeglectProtocolError)


class TestDecisionValue:
    def test_repr_and_rendering(self) -> None:
        """A decision's repr is short; its rendering lists the reasons."""
        decision = decide(profile({"A4": 4}))
        assert (
            "<Decision level 4 (Acute / specialist) child='C-0100' review_by=2024-02-23 "
            "reasons=4>" == repr(decision)
        )
        text = format_decision(decision)
        assert "  Level 4: Acute / specialist" in text
        assert (
            "    - level 4: area graded 4 or worse: A Physical care (4) [area_at_or_above]" in text
        )
        assert "Overridden" not in text

    def test_decisions_are_hashable_values(self) -> None:
        """Equal decisions hash equal, so they can be stored in sets."""
        assert 1 == len({decide(profile({"A4": 4})), decide(profile({"A4": 4}))})

    def test_a_decision_cannot_contradict_its_reasons(self) -> None:
        """L2: without an override, a decision's level is the highest of its reasons' (the
        lowest level when none fired); dropping an override with attrs.evolve is refused."""
        overridden = decide(profile({"A1": 3})).override(3, rationale="Invented", by="P-1")
        with pytest.raises(AssessmentError) as caught:
            attrs.evolve(overridden, overridden=None)
        assert (
            "level: expected level 2, the highest of the reasons' levels (the lowest level when "
            "none fired), got level 3 without an override" == str(caught.value)
        )
        assert isinstance(caught.value, ValueError)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"policy": "x"}, "policy: expected a ThresholdPolicy, got 'x'"),
            ({"child": None}, "child: expected a ChildRef, got None"),
            ({"window": None}, "window: expected an ObservationWindow, got None"),
            ({"level": 2}, "level: expected a LevelOfNeed, got 2"),
            ({"review_by": "2024-01-01"}, "review_by: expected a date, got a str of 10 characters"),
            ({"reasons": None}, "reasons: expected a tuple of Reason, got None"),
            ({"reasons": ("r",)}, "reasons[0]: expected a Reason, got 'r'"),
            (
                {"reasons": (Reason("r", 7, "text"),)},
                "reasons[0].level: expected one of the policy's levels, got 7",
            ),
            (
                {"level": LevelOfNeed(2, "Other", "other", 10)},
                "level: expected one of the policy's levels, got level 2 (a str of 5 characters)",
            ),
            (
                {"overridden": "x"},
                "overridden: expected an Override or None, got 'x'",
            ),
            (
                {"assessment_reference": 7},
                "assessment_reference: expected a reference or None, got 7",
            ),
        ],
    )
    def test_bad_fields_are_refused(self, change: dict[str, object], message: str) -> None:
        """L2: each field of a decision is checked, with our error naming it."""
        decision = decide(profile({"A1": 3}))
        with pytest.raises(AssessmentError) as caught:
            attrs.evolve(decision, **change)  # type: ignore[arg-type]
        assert message == str(caught.value)

    def test_an_override_must_name_a_decision(self) -> None:
        """L2: the decision an override replaced must be a decision."""
        with pytest.raises(AssessmentError) as caught:
            Override("x", "Invented", "P-1")  # type: ignore[arg-type]
        assert "original: expected the Decision overridden, got 'x'" == str(caught.value)

    def test_an_override_with_a_date_says_when(self) -> None:
        """The rendering gives the day of the override when it was recorded."""
        override = decide(profile({"A1": 3})).override(
            4, rationale="Invented", by="P-7", on=dt.date(2024, 2, 2)
        )
        assert (
            "  Overridden by P-7 on 2024-02-02 from level 2 (Additional); rationale recorded"
            in (format_decision(override))
        )

from __future__ import annotations

import datetime as dt
import doctest
import itertools
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neglect_protocol import GCP2, GCP2A, Assessment, Catalogue, ChildRef, validate
from neglect_protocol.audit import AuditComment, JudgementScale
from neglect_protocol.disclosure import DisclosurePolicy
from neglect_protocol.indicators import ImplementationMeasures
from neglect_protocol.serialize import document_types
from neglect_protocol.strategies import (
    assessments,
    audit_comments,
    checklists,
    child_refs,
    decisions,
    disclosure_policies,
    histories,
    implementation_measures,
    judgement_scales,
    observation_windows,
    period_records,
    policies,
    screening_decisions,
    screening_policies,
    surveys,
    type_strategies,
)

# months_before is private: its clamping to the month's end is an internal law of
# child_refs, checked here directly because no public strategy exposes the day.
from neglect_protocol.strategies._foundation import months_before


class TestStrategies:
    @given(data=st.data())
    def test_child_ages_in_bounds(self, data: st.DataObject) -> None:
        """child_refs draws born children whose age on the day lies in the bounds."""
        on = data.draw(st.dates(dt.date(2010, 1, 1), dt.date(2035, 12, 31)))
        low = data.draw(st.integers(0, 100))
        high = data.draw(st.integers(low, 215))
        child: ChildRef = data.draw(child_refs(on=on, min_age_months=low, max_age_months=high))
        age = child.age_in_months_on(on)
        assert age is not None
        assert low <= age <= high

    @given(histories(min_size=2, max_size=4))
    def test_histories_are_one_child_in_order(self, history: tuple[Assessment, ...]) -> None:
        """A history is one child's assessments, windows in order and not overlapping."""
        assert 1 == len({assessment.child for assessment in history})
        for earlier, later in itertools.pairwise(history):
            assert earlier.window.end < later.window.start

    @given(histories(GCP2A, min_size=3, max_size=4))
    def test_antenatal_histories_are_valid(self, history: tuple[Assessment, ...]) -> None:
        """GCP2A histories stay within the postnatal section's first year."""
        assert len(history) <= 3
        for assessment in history:
            validate(assessment, GCP2A)

    @given(st.data())
    def test_assessments_are_valid(
        self, invented_catalogue: Catalogue, data: st.DataObject
    ) -> None:
        """Every drawn assessment passes validation against its catalogue."""
        validate(data.draw(assessments(invented_catalogue, min_ratings=3)), invented_catalogue)

    @given(observation_windows())
    def test_windows(self, window: object) -> None:
        """Windows are at most six weeks long."""
        assert 1 <= window.days <= 42  # type: ignore[attr-defined]

    def test_months_before_clamps_to_month_end(self) -> None:
        """Counting months back from the 31st lands on the last day of a shorter month."""
        assert dt.date(2024, 2, 29) == months_before(dt.date(2024, 3, 31), 1)
        assert dt.date(2023, 2, 28) == months_before(dt.date(2024, 3, 31), 13)
        assert dt.date(2023, 12, 31) == months_before(dt.date(2024, 3, 31), 3)
        assert dt.date(2024, 4, 30) == months_before(dt.date(2024, 5, 31), 1)

    @given(data=st.data())
    def test_explicit_child_and_window(self, data: st.DataObject) -> None:
        """A fixed child and window are used as given."""
        child = ChildRef("C-1", date_of_birth=dt.date(2015, 1, 1))
        window = data.draw(observation_windows(min_start=dt.date(2016, 1, 1)))
        drawn = data.draw(assessments(GCP2, child=child, window=window))
        assert (child, window) == (drawn.child, drawn.window)


class TestDocumentStrategies:
    @given(data=st.data())
    def test_decisions_under_a_given_policy(self, data: st.DataObject) -> None:
        """Decisions drawn under a given policy are that policy's, overridden as asked."""
        policy = data.draw(policies(max_levels=3))
        decision = data.draw(decisions(policy, overrides=0))
        assert policy == decision.policy
        assert not decision.is_overridden

    @given(data=st.data())
    def test_screening_decisions_under_a_given_policy(self, data: st.DataObject) -> None:
        """Screening decisions drawn under a given policy use its checklist."""
        policy = data.draw(screening_policies(data.draw(checklists())))
        decision = data.draw(screening_decisions(policy))
        assert policy == decision.policy
        assert set(decision.not_known) <= {sign.code for sign in policy.checklist.signs}

    @given(st.data())
    def test_period_records_answer_their_survey(self, data: st.DataObject) -> None:
        """A period's responses answer the survey given, and its audits use the scale given."""
        survey = data.draw(surveys())
        scale = data.draw(judgement_scales())
        records = data.draw(period_records(survey, scale))
        assert all(response.group in survey.groups for response in records.responses)
        assert all(audit.grade in scale.judgements for audit in records.audits)

    @given(implementation_measures(), judgement_scales(), disclosure_policies())
    def test_metric_values_are_valid(
        self, measures: ImplementationMeasures, scale: JudgementScale, policy: DisclosurePolicy
    ) -> None:
        """Drawn figures keep practitioners using the tool within those trained; scales rank."""
        assert measures.practitioners_using <= measures.practitioners_trained
        assert [judgement.rank for judgement in scale] == list(range(1, len(scale) + 1))
        assert policy.min_count <= policy.max_count


class TestNotBlankText:
    def test_no_white_space_outside_the_excluded_categories(self) -> None:
        """Text drawn not blank starts outside the blank categories: no white space is there."""
        # BLANK_CATEGORIES is private: the strategies for names rely on this law of Unicode.
        from neglect_protocol.strategies._foundation import BLANK_CATEGORIES

        characters = map(chr, range(sys.maxunicode + 1))
        assert [] == [
            f"U+{ord(character):04X}"
            for character in characters
            if character.isspace() and unicodedata.category(character) not in BLANK_CATEGORIES
        ]


class TestTypeTable:
    """st.from_type draws every public type quickly enough for Hypothesis' health checks."""

    @pytest.mark.parametrize("kind", sorted(type_strategies(), key=repr))
    def test_every_type_draws_with_health_checks_on(self, kind: type) -> None:
        """Every public type draws through st.from_type with no health check suppressed.

        The active profile's example count is kept; only the suppression a profile may
        carry is undone, so a slow or filter-heavy strategy fails here.
        """

        @settings(suppress_health_check=())
        @given(st.from_type(kind))
        def draws(value: object) -> None:
            assert isinstance(value, kind)

        draws()

    def test_every_document_kind_has_a_strategy(self) -> None:
        """Each declared document kind draws from a strategy of the table, so none is forgotten."""
        table = type_strategies()
        assert [] == [kind.kind for kind in document_types() if kind.type not in table]

    def test_every_part_has_a_strategy(self) -> None:
        """Each public type written inside documents draws from a strategy of the table."""
        # PARTS is private: it is the declaration the table is derived from.
        from neglect_protocol._boundary._kinds import PARTS

        table = type_strategies()
        assert [] == [part.__name__ for part in PARTS if part not in table]

    def test_no_strategy_is_left_unused(self) -> None:
        """Every strategy written for a kind or a part names one the library declares."""
        # The tables are private: an entry the declaration no longer names is dead code.
        from neglect_protocol._boundary._kinds import PARTS
        from neglect_protocol.strategies._types import document_strategies, part_strategies

        declared = {kind.kind for kind in document_types()}
        assert [] == [kind for kind in document_strategies() if kind not in declared]
        assert [] == [part.__name__ for part in part_strategies() if part not in PARTS]

    def test_strategies_are_built_once(self) -> None:
        """The table hands out the same strategy objects each time: none is rebuilt per call."""
        first, second = type_strategies(), type_strategies()
        assert all(first[kind] is second[kind] for kind in first)


class TestEntryPointIsLazy:
    def test_importing_hypothesis_imports_only_the_package(self) -> None:
        """Importing Hypothesis (which runs the entry point) imports no module of the library's types."""
        code = (
            "import sys, hypothesis\n"
            "print(sorted(name for name in sys.modules if name.startswith('neglect_protocol')))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "['neglect_protocol', 'neglect_protocol._entry_points']" == result.stdout.strip()

    def test_first_draw_resolves_the_strategies(self) -> None:
        """The strategies module is imported when a registered type is first drawn, not before."""
        code = (
            "import sys\n"
            "from hypothesis import find, strategies as st\n"
            "from neglect_protocol import Grade\n"
            "before = 'neglect_protocol.strategies' in sys.modules\n"
            "print(before, find(st.from_type(Grade), lambda grade: True).name)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False BEST" == result.stdout.strip()

    def test_other_types_are_left_to_hypothesis(self) -> None:
        """The entry point's resolver answers only for the library's own types."""
        # strategy_for is private: it is what the entry point hands Hypothesis.
        from neglect_protocol._entry_points import strategy_for

        assert strategy_for(int) is None
        assert strategy_for(Assessment) is type_strategies()[Assessment]

    def test_non_types_of_the_library_are_not_resolved(self) -> None:
        """A name of the library that is not a type (a function, say) resolves to nothing."""
        # strategy_for is private: it is what the entry point hands Hypothesis.
        from neglect_protocol._entry_points import strategy_for

        assert strategy_for(validate) is None


HOW_TO = Path(__file__).resolve().parent.parent / "docs" / "how-to" / "test-with-strategies.md"


class TestHowToExamples:
    def test_examples_pass_with_health_checks_at_default_settings(self) -> None:
        """The how-to's examples pass under Hypothesis' default settings, no health check suppressed.

        The deadline alone is lifted (see below); the health checks, the example
        count and everything else are Hypothesis' defaults.
        """
        blocks = re.findall(r"```\{doctest\}\n(.*?)```", HOW_TO.read_text(encoding="utf-8"), re.S)
        assert blocks, "the how-to has doctest blocks"
        parser = doctest.DocTestParser()
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        globs: dict[str, object] = {}
        active = settings.default
        # Hypothesis' defaults, health checks and all, but no deadline: a deadline is
        # wall time, which a busy machine stretches; it is not what this test checks.
        settings.register_profile("how-to", settings.get_profile("default"), deadline=None)
        settings.load_profile("how-to")
        try:
            for number, block in enumerate(blocks):
                test = parser.get_doctest(block, globs, f"how-to block {number}", str(HOW_TO), 0)
                runner.run(test, clear_globs=False)
                globs = test.globs  # The blocks are one page: later ones use earlier names.
        finally:
            settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
        assert active == settings.default
        assert (0, runner.tries) == tuple(runner.summarize(verbose=False))


class TestSmallParts:
    @given(audit_comments(themes=["invented theme"]))
    def test_audit_comments_keep_to_the_themes(self, comment: AuditComment) -> None:
        """Auditors' comments are on one of the themes given, positive or negative."""
        assert "invented theme" == comment.theme
        assert comment.polarity.value in {"positive", "negative"}

    def test_picking_from_nothing_gives_nothing(self) -> None:
        """Picking codes from an empty list (a catalogue with nothing to rate) picks none."""
        # pick is private: the assessments strategy relies on this law for catalogues
        # whose items all fall outside the child's age.
        from neglect_protocol.strategies._foundation import pick

        @st.composite
        def picks(draw: st.DrawFn) -> tuple[list[str], list[str]]:
            return pick(draw, [], min_size=2), pick(draw, ["A", "B", "C"], min_size=2, max_size=2)

        @given(picks())
        def check(picked: tuple[list[str], list[str]]) -> None:
            assert [] == picked[0]
            assert 2 == len(set(picked[1]))

        check()

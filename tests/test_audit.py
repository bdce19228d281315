"""Tests for neglect_protocol.audit: judgement scales, audit tools and audit summaries."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol.audit import (
    OFSTED_FOUR_POINT,
    AuditComment,
    AuditTool,
    CaseFileAudit,
    Criterion,
    Judgement,
    JudgementScale,
    Polarity,
    ThemeTally,
    criterion_shares,
    judgement_scale_from_document,
    load_judgement_scale,
    median_judgement,
    summarise_audits,
    worst_judgement,
)
from neglect_protocol.errors import (
    AssuranceError,
    DocumentError,
    NeglectProtocolError,
    PolicyError,
    UnknownCodeError,
)
from neglect_protocol.stats import Proportion
from neglect_protocol.strategies import case_file_audits, judgements

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2022, 3, 1)
SCALE = OFSTED_FOUR_POINT
OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE = SCALE.judgements

PRE_2013 = JudgementScale.from_labels(
    "Ofsted four-point (before 2013)",
    "2009",
    [
        ("outstanding", "Outstanding"),
        ("good", "Good"),
        ("adequate", "Adequate"),
        ("inadequate", "Inadequate"),
    ],
    good_or_better="good",
    inadequate="inadequate",
)


def audit(code: str, team: str = "North", *comments: AuditComment) -> CaseFileAudit:
    return CaseFileAudit(f"F-{code}-{team}", team, DAY, SCALE[code], comments)


def document(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schema_version": 1,
        "name": "Invented",
        "version": "1",
        "good_or_better": "good",
        "inadequate": "weak",
        "judgements": [
            {"code": "good", "label": "Good"},
            {"code": "fair", "label": "Fair"},
            {"code": "weak", "label": "Weak"},
        ],
    }
    base.update(changes)
    return base


class TestDefaultScale:
    def test_ofsted_four_points_in_order(self) -> None:
        """The default scale is Ofsted's four points, best first (DOMAIN.md section 6)."""
        assert ["outstanding", "good", "requires_improvement", "inadequate"] == [
            judgement.code for judgement in SCALE
        ]
        assert "Requires improvement to be good" == REQUIRES_IMPROVEMENT.label
        assert [1, 2, 3, 4] == [judgement.rank for judgement in SCALE]
        assert 4 == len(SCALE)

    def test_good_or_better_and_inadequate(self) -> None:
        """Outstanding and good count as good or better; only inadequate counts as inadequate."""
        assert [True, True, False, False] == [SCALE.is_good_or_better(j) for j in SCALE]
        assert [False, False, False, True] == [SCALE.is_inadequate(j) for j in SCALE]

    def test_judgements_order_by_rank(self) -> None:
        """The worst of several judgements is their max, as with grades."""
        assert INADEQUATE == max(GOOD, INADEQUATE, OUTSTANDING)
        assert [OUTSTANDING, GOOD] == sorted([GOOD, OUTSTANDING])

    def test_unknown_code_is_a_lookup_error(self) -> None:
        """Looking up a code the scale lacks names its codes and the nearest one; the scale's
        configured name (it has a space) is described, the code-like word given is shown."""
        with pytest.raises(UnknownCodeError) as caught:
            SCALE["adequate"]
        assert isinstance(caught.value, LookupError)
        assert (
            "expected a judgement of scale a str of 17 characters ('outstanding', 'good', "
            "'requires_improvement', 'inadequate'), got 'adequate'; nearest: "
            "'inadequate'" == str(caught.value)
        )

    def test_free_text_given_as_a_judgement_is_not_repeated(self) -> None:
        """Free text typed where a judgement code belongs stays out of the message."""
        with pytest.raises(UnknownCodeError) as caught:
            SCALE.judgement("Invented: dad drinks", field="audits[0].grade")
        assert "Invented" not in str(caught.value)
        assert str(caught.value).endswith("got a str of 20 characters")

    def test_unhashable_code_is_our_error(self) -> None:
        """An unhashable key raises our error, never a bare TypeError."""
        with pytest.raises(UnknownCodeError, match=r"got an empty list"):
            SCALE[[]]  # type: ignore[index]

    def test_judgement_of_another_scale_is_refused(self) -> None:
        """A judgement the scale lacks is refused; an identical one (rank, code, label) is in it."""
        assert PRE_2013["adequate"] not in SCALE
        assert PRE_2013["good"] in SCALE
        with pytest.raises(UnknownCodeError, match=r"^audits\[0\]\.grade: expected"):
            SCALE.judgement(PRE_2013["adequate"], field="audits[0].grade")
        with pytest.raises(UnknownCodeError):
            SCALE.judgement(Judgement(2, "good", "Good enough"))

    def test_judgement_accepts_code_or_member(self) -> None:
        """``judgement`` returns a member for its code, and a member unchanged."""
        assert GOOD == SCALE.judgement("good")
        assert GOOD is SCALE.judgement(GOOD)
        with pytest.raises(UnknownCodeError, match="got 2"):
            SCALE.judgement(2)  # type: ignore[arg-type]


class TestScaleRules:
    def test_fewer_than_two_judgements(self) -> None:
        """A scale needs at least two judgements."""
        with pytest.raises(PolicyError, match=r"^judgements: expected a tuple of at least"):
            JudgementScale.from_labels("x", "1", [("a", "A")], good_or_better="a", inadequate="a")

    def test_ranks_must_run_in_order(self) -> None:
        """Ranks must be 1, 2, 3, ... in the order given."""
        with pytest.raises(PolicyError, match=r"^judgements\[1\]: expected a Judgement ranked 2"):
            JudgementScale("x", "1", (Judgement(1, "a", "A"), Judgement(3, "b", "B")), "a", "b")

    def test_duplicate_code(self) -> None:
        """A code may appear once."""
        with pytest.raises(
            PolicyError,
            match=r"^judgements\[1\]\.code: expected each code once, got the code of "
            r"judgements\[0\] again",
        ):
            JudgementScale.from_labels(
                "x", "1", [("a", "A"), ("a", "B")], good_or_better="a", inadequate="a"
            )

    def test_boundary_codes_must_exist(self) -> None:
        """``good_or_better`` and ``inadequate`` must be codes of the scale."""
        with pytest.raises(
            PolicyError, match=r"^good_or_better: expected one of the scale's codes"
        ):
            JudgementScale.from_labels(
                "x", "1", [("a", "A"), ("b", "B")], good_or_better="z", inadequate="b"
            )
        with pytest.raises(PolicyError, match=r"^inadequate: expected one of the scale's codes"):
            JudgementScale.from_labels(
                "x", "1", [("a", "A"), ("b", "B")], good_or_better="a", inadequate="z"
            )

    def test_inadequate_must_be_worse(self) -> None:
        """The inadequate boundary must be worse than the good-or-better one."""
        with pytest.raises(PolicyError, match=r"^inadequate: expected a judgement worse than"):
            JudgementScale.from_labels(
                "x", "1", [("a", "A"), ("b", "B")], good_or_better="b", inadequate="a"
            )

    def test_empty_label(self) -> None:
        """Names and labels must be non-empty text."""
        with pytest.raises(PolicyError, match=r"^label: expected non-empty text, got ' '"):
            Judgement(1, "a", " ")
        with pytest.raises(PolicyError, match=r"^name: expected non-empty text"):
            JudgementScale.from_labels(
                "", "1", [("a", "A"), ("b", "B")], good_or_better="a", inadequate="b"
            )


class TestScaleFiles:
    def test_alternative_scale_loads_from_examples(self) -> None:
        """The pre-2013 Ofsted scale ships as an example file a partnership can load."""
        scale = load_judgement_scale(ROOT / "examples" / "ofsted_before_2013.toml")
        assert PRE_2013 == scale

    def test_json_file(self, tmp_path: Path) -> None:
        """A JSON file of the same shape loads too."""
        path = tmp_path / "scale.json"
        path.write_text(json.dumps(document()), encoding="utf-8")
        assert ["good", "fair", "weak"] == [j.code for j in load_judgement_scale(path)]

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"colour": "red"},
                "$.colour: unknown key; expected only name, version, good_or_better, inadequate, judgements",
            ),
            (
                {"schema_version": 2},
                "$.schema_version: expected schema version 1 or older, got 2: the document was written by a newer release of neglect-protocol",
            ),
            (
                {"schema_version": True},
                "$.schema_version: expected an integer schema version, got true",
            ),
            ({"judgements": "good"}, "$.judgements: expected a list, got a string"),
            (
                {"judgements": [{"code": "good"}]},
                "$.judgements[0].label: required key missing",
            ),
            (
                {"judgements": [{"code": "", "label": "x"}]},
                '$.judgements[0].code: expected text that is not blank, got ""',
            ),
            ({"name": 3}, "$.name: expected a string, got an integer"),
            (
                {"inadequate": "poor"},
                "$.inadequate: expected one of the scale's codes ('good', 'fair', 'weak'), got 'poor'",
            ),
            (
                {"judgements": [{"code": "good", "label": "G"}, {"code": "good", "label": "H"}]},
                "$.judgements[1].code: expected each code once, got the code of "
                "judgements[0] again",
            ),
        ],
    )
    def test_document_errors_name_the_place(self, changes: dict[str, Any], message: str) -> None:
        """Every mistake in a scale document names its place with a ``$`` path."""
        with pytest.raises(DocumentError) as caught:
            judgement_scale_from_document(document(**changes))
        assert str(caught.value).startswith(message)

    def test_missing_key(self) -> None:
        """A missing top-level key is named."""
        broken = document()
        del broken["inadequate"]
        with pytest.raises(DocumentError, match=r"^\$\.inadequate: required key missing$"):
            judgement_scale_from_document(broken)

    @pytest.mark.parametrize(
        ("name", "text", "message"),
        [
            ("scale.toml", "name = ", r"^\$: expected TOML, got a syntax error"),
            ("scale.json", "{", r"^\$: expected JSON, got a syntax error at line 1"),
            (
                "scale.yaml",
                "name: x",
                r"^\$: expected a file ending \.toml or \.json, got a str of 10 characters",
            ),
        ],
    )
    def test_unreadable_files(self, tmp_path: Path, name: str, text: str, message: str) -> None:
        """A file that is not TOML or JSON, or does not parse, is a clear error."""
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DocumentError, match=message):
            load_judgement_scale(path)


class TestComments:
    def test_text_is_never_shown(self) -> None:
        """Comment text is free text about a child: kept, but not in the repr."""
        comment = AuditComment("engaging children", "positive", text="invented: Sam said hello")
        assert "invented: Sam said hello" == comment.text
        assert "Sam" not in repr(comment)
        assert comment.is_positive
        assert Polarity.NEGATIVE is AuditComment("x", Polarity.NEGATIVE).polarity

    def test_bad_text_names_only_its_type(self) -> None:
        """A non-text comment is refused without echoing the value."""
        with pytest.raises(AssuranceError) as caught:
            AuditComment("x", "positive", text=b"Sam's secret")  # type: ignore[arg-type]
        assert "text: expected text, got a bytes" == str(caught.value)

    def test_bad_polarity(self) -> None:
        """Polarity is positive or negative."""
        with pytest.raises(
            AssuranceError,
            match=r"^polarity: expected 'positive' or 'negative', got 'mixed'$",
        ):
            AuditComment("x", "mixed", text="Invented: secret")
        with pytest.raises(AssuranceError, match=r"^polarity: expected .*, got \['positive'\]$"):
            AuditComment("x", ["positive"])

    def test_empty_theme(self) -> None:
        """A theme must be named."""
        with pytest.raises(AssuranceError, match=r"^theme: expected non-empty text"):
            AuditComment("", "positive")


class TestCaseFileAudit:
    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"reference": " "}, "reference: expected non-empty text, got ' '"),
            ({"team": 7}, "team: expected non-empty text, got 7"),
            (
                {"date": dt.datetime(2022, 3, 1, 9, 0)},
                "date: expected a date, got a datetime",
            ),
            (
                {"comments": [AuditComment("x", "positive")]},
                "comments: expected a tuple of AuditComment, got a list",
            ),
            ({"comments": ("nice",)}, "comments[0]: expected an AuditComment, got a str"),
            ({"criteria": [("voice", GOOD)]}, "criteria: expected a mapping, got a list of 1 item"),
            (
                {"criteria": {"voice": "good"}},
                "criteria: expected criterion codes mapped to Judgements, got 'voice' mapped "
                "to 'good'",
            ),
            (
                {"criteria": {1: GOOD}},
                "criteria: expected criterion codes mapped to Judgements, got 1 mapped to a "
                "Judgement",
            ),
        ],
    )
    def test_invalid_fields(self, kwargs: dict[str, Any], message: str) -> None:
        """Each field is checked, and the error names it."""
        fields: dict[str, Any] = {"reference": "F-1", "team": "North", "date": DAY, "grade": GOOD}
        fields.update(kwargs)
        with pytest.raises(AssuranceError) as caught:
            CaseFileAudit(**fields)
        assert message == str(caught.value)

    def test_grade_must_be_a_judgement(self) -> None:
        """The grade is a judgement of a scale, not a bare code: our error, not attrs' TypeError."""
        with pytest.raises(AssuranceError) as caught:
            CaseFileAudit("F-1", "North", DAY, "good")  # type: ignore[arg-type]
        assert (
            "grade: expected a Judgement of a scale (OFSTED_FOUR_POINT['good']), got 'good'"
            == str(caught.value)
        )


TOOL = AuditTool(
    "Invented audit",
    (
        Criterion("voice", "The child's voice is heard", limiting=True),
        Criterion("plan", "The plan is specific"),
        Criterion("record", "Records are up to date"),
        Criterion("review", "The plan is reviewed", limiting=True),
    ),
    OFSTED_FOUR_POINT,
)


class TestAuditTool:
    def test_median_by_default(self) -> None:
        """Without a limiting judgement below it, the overall grade is the median (worse middle)."""
        grading = TOOL.grade(
            {
                "voice": "good",
                "plan": "outstanding",
                "record": "requires_improvement",
                "review": "good",
            }
        )
        assert (GOOD, GOOD, ()) == (grading.overall, grading.by_rule, grading.limited_by)

    def test_limiting_criterion_caps_the_overall_grade(self) -> None:
        """An inadequate limiting criterion makes the file inadequate overall (Ofsted SIF 2013)."""
        grading = TOOL.grade(
            {
                "voice": "inadequate",
                "plan": "outstanding",
                "record": "outstanding",
                "review": "good",
            }
        )
        assert GOOD == grading.by_rule
        assert INADEQUATE == grading.overall
        assert ("voice",) == grading.limited_by

    def test_several_limits_take_the_worst(self) -> None:
        """Of two limiting criteria below the rule's grade, the worse caps; both are named."""
        criteria = (*TOOL.criteria, Criterion("health", "Health needs are met"))
        grading = AuditTool("Invented", criteria, OFSTED_FOUR_POINT).grade(
            {
                "voice": "requires_improvement",
                "plan": "outstanding",
                "record": "outstanding",
                "review": "inadequate",
                "health": "outstanding",
            }
        )
        assert OUTSTANDING == grading.by_rule
        assert INADEQUATE == grading.overall
        assert ("voice", "review") == grading.limited_by

    def test_margin_relaxes_the_cap(self) -> None:
        """With a margin of 1 the overall grade may be a point better than a limiting criterion."""
        tool = AuditTool("Invented", TOOL.criteria, OFSTED_FOUR_POINT, limit_margin=1)
        grading = tool.grade(
            {
                "voice": "inadequate",
                "plan": "outstanding",
                "record": "outstanding",
                "review": "good",
            }
        )
        assert REQUIRES_IMPROVEMENT == grading.overall
        assert ("voice",) == grading.limited_by

    def test_worst_rule(self) -> None:
        """A partnership may roll up by the worst criterion instead."""
        tool = AuditTool("Invented", TOOL.criteria, OFSTED_FOUR_POINT, rule=worst_judgement)
        grading = tool.grade({"voice": "good", "plan": "requires_improvement", "review": "good"})
        assert (REQUIRES_IMPROVEMENT, ()) == (grading.overall, grading.limited_by)

    def test_non_applicable_criteria_may_be_left_out(self) -> None:
        """A non-limiting criterion may be left ungraded."""
        assert GOOD == TOOL.grade({"voice": "good", "review": GOOD}).overall

    def test_other_scale(self) -> None:
        """A tool can grade on a loaded scale."""
        tool = AuditTool("Old", (Criterion("c", "Invented"),), scale=PRE_2013)
        assert PRE_2013["adequate"] == tool.grade({"c": "adequate"}).overall

    @pytest.mark.parametrize(
        ("grades", "error", "message"),
        [
            (
                {},
                AssuranceError,
                "grades: expected at least one graded criterion, got an empty dict",
            ),
            (
                [("voice", "good")],
                AssuranceError,
                "grades: expected at least one graded criterion, got a list of 1 item",
            ),
            (
                {"voice": "good", "review": "good", "colour": "good"},
                AssuranceError,
                "grades: expected a criterion of tool a str of 14 characters "
                "(voice, plan, record, review), got 'colour'",
            ),
            (
                {"voice": "good", "plan": "good"},
                AssuranceError,
                "grades['review']: expected a judgement for this limiting criterion, got none",
            ),
            (
                {"voice": "adequate", "review": "good"},
                UnknownCodeError,
                "grades['voice']: expected a judgement of scale a str of 17 characters "
                "('outstanding', 'good', 'requires_improvement', 'inadequate'), got 'adequate'; "
                "nearest: 'inadequate'",
            ),
        ],
    )
    def test_bad_grades(self, grades: dict[str, str], error: type[Exception], message: str) -> None:
        """Empty grades, unknown criteria, ungraded limiting criteria, off-scale grades: refused."""
        with pytest.raises(error) as caught:
            TOOL.grade(grades)
        assert message == str(caught.value)

    def test_rule_must_stay_on_the_scale(self) -> None:
        """A custom rule returning a judgement of another scale is caught."""
        tool = AuditTool(
            "Invented",
            (Criterion("c", "x"),),
            OFSTED_FOUR_POINT,
            rule=lambda _: PRE_2013["adequate"],
        )
        with pytest.raises(
            AssuranceError, match=r"^rule: expected the rule to return a judgement of the scale"
        ):
            tool.grade({"c": "good"})

    @pytest.mark.parametrize(
        ("criteria", "message"),
        [
            ((), "criteria: expected a non-empty tuple of Criterion, got an empty tuple"),
            (("voice",), "criteria[0]: expected a Criterion, got a str"),
            (
                (Criterion("a", "A"), Criterion("a", "B")),
                "criteria[1].code: expected each criterion code once, got 'a' again",
            ),
        ],
    )
    def test_bad_criteria(self, criteria: tuple[Any, ...], message: str) -> None:
        """A tool needs at least one criterion, each a Criterion with its own code."""
        with pytest.raises(AssuranceError) as caught:
            AuditTool("x", criteria, OFSTED_FOUR_POINT)
        assert message == str(caught.value)

    def test_rules_refuse_nothing_to_combine(self) -> None:
        """The roll-up rules need at least one judgement."""
        for rule in (worst_judgement, median_judgement):
            with pytest.raises(AssuranceError, match="expected at least one judgement to combine"):
                rule([])

    def test_audit_records_grade_and_criteria(self) -> None:
        """``audit`` records the rolled-up grade and each criterion's judgement."""
        comment = AuditComment("engaging children", "positive", text="invented")
        record = TOOL.audit(
            "F-9",
            team="South",
            date=DAY,
            grades={"voice": "inadequate", "plan": "good", "review": "good"},
            comments=[comment],
        )
        assert INADEQUATE == record.grade
        assert {"voice": INADEQUATE, "plan": GOOD, "review": GOOD} == dict(record.criteria)
        assert (comment,) == record.comments

    @given(
        st.fixed_dictionaries({c.code: judgements() for c in TOOL.criteria if c.limiting}),
        st.dictionaries(st.sampled_from(["plan", "record"]), judgements()),
        st.integers(min_value=0, max_value=3),
    )
    def test_overall_never_better_than_a_limit_allows(
        self, limiting: dict[str, Judgement], others: dict[str, Judgement], margin: int
    ) -> None:
        """Rule: a limiting criterion caps the overall grade — it is never better than the rule's
        grade, nor more than ``margin`` points better than any limiting criterion."""
        tool = AuditTool("Invented", TOOL.criteria, OFSTED_FOUR_POINT, limit_margin=margin)
        grading = tool.grade({**limiting, **others})
        assert grading.overall >= grading.by_rule
        for judgement in limiting.values():
            assert grading.overall.rank >= judgement.rank - margin
        assert (grading.overall == grading.by_rule) == (grading.limited_by == ())


def comments(theme: str, positive: int, negative: int) -> list[AuditComment]:
    return [AuditComment(theme, "positive")] * positive + [
        AuditComment(theme, "negative")
    ] * negative


class TestSummariseAudits:
    def test_counts_and_shares(self) -> None:
        """Two thirds good or better: 4 outstanding and 16 good of 30 (scrutiny report para 8)."""
        codes = (
            ["outstanding"] * 4 + ["good"] * 16 + ["requires_improvement"] * 8 + ["inadequate"] * 2
        )
        summary = summarise_audits([audit(code) for code in codes])
        assert {"outstanding": 4, "good": 16, "requires_improvement": 8, "inadequate": 2} == dict(
            summary.grades.counts
        )
        assert Proportion(20, 30) == summary.grades.good_or_better_share
        assert Fraction(2, 3) == summary.grades.good_or_better_share.share
        assert Proportion(2, 30) == summary.grades.inadequate_share
        assert 30 == summary.total == summary.grades.total
        assert summary.within_ceiling is None

    def test_zero_counts_are_listed(self) -> None:
        """Every judgement of the scale is counted, zeros included, best first."""
        summary = summarise_audits([audit("good")])
        assert ["outstanding", "good", "requires_improvement", "inadequate"] == list(
            summary.grades.counts
        )
        assert 0 == summary.grades.counts["inadequate"]

    def test_by_team(self) -> None:
        """Counts are repeated per team, teams in alphabetical order."""
        summary = summarise_audits(
            [audit("good", "South"), audit("inadequate", "North"), audit("outstanding", "North")]
        )
        assert ["North", "South"] == list(summary.by_team)
        assert Proportion(1, 2) == summary.by_team["North"].good_or_better_share
        assert Proportion(1, 2) == summary.by_team["North"].inadequate_share
        assert Proportion(1, 1) == summary.by_team["South"].good_or_better_share

    def test_comment_tallies(self) -> None:
        """Comments are tallied per theme: 50 of 62 positive about engaging children (para 8)."""
        files = [
            audit("good", "North", *comments("engaging children", 50, 12)),
            audit("good", "South", *comments("identifying worries", 53, 10)),
        ]
        summary = summarise_audits(files)
        engaging = summary.themes["engaging children"]
        assert (50, 12, 62) == (engaging.positive, engaging.negative, engaging.total)
        assert "50 of 62 positive" == str(engaging)
        assert "53 of 63 positive" == str(summary.themes["identifying worries"])
        assert Decimal("84") == summary.themes["identifying worries"].positive_share.percent()
        assert ["engaging children", "identifying worries"] == list(summary.themes)

    def test_a_theme_with_only_negative_comments(self) -> None:
        """A theme commented on only negatively is still tallied, 0 positive."""
        summary = summarise_audits([audit("good", "North", *comments("records", 0, 3))])
        assert ThemeTally("records", 0, 3) == summary.themes["records"]
        assert "0 of 3 positive" == str(summary.themes["records"])

    @pytest.mark.parametrize(
        ("ceiling", "within"),
        [
            (Fraction(1, 10), True),
            (Fraction(1, 15), True),
            (Decimal("0.05"), False),
            (Fraction(0), False),
        ],
    )
    def test_inadequate_ceiling(self, ceiling: Fraction | Decimal, within: bool) -> None:
        """The share inadequate is compared exactly with the ceiling (2 of 30 is within 1/15)."""
        codes = ["good"] * 28 + ["inadequate"] * 2
        summary = summarise_audits([audit(code) for code in codes], inadequate_ceiling=ceiling)
        assert within == summary.within_ceiling
        assert Fraction(ceiling) == summary.inadequate_ceiling

    @pytest.mark.parametrize(
        ("ceiling", "shown"),
        [
            (0.1, "0.1"),
            (Fraction(3, 2), "Fraction(3, 2)"),
            (Decimal("-0.1"), "Decimal('-0.1')"),
            (Decimal("NaN"), "Decimal('NaN')"),
            (2, "2"),
            (True, "True"),
            ("10%", "a str of 3 characters"),
        ],
    )
    def test_bad_ceiling(self, ceiling: Any, shown: str) -> None:
        """A ceiling must be an exact fraction from 0 to 1; floats are refused as inexact,
        and a NaN is our error, not decimal.InvalidOperation."""
        with pytest.raises(AssuranceError) as caught:
            summarise_audits([audit("good")], inadequate_ceiling=ceiling)
        assert (
            "inadequate_ceiling: expected a Fraction or Decimal from 0 to 1, 0, 1 or None, "
            f"got {shown}" == str(caught.value)
        )

    @pytest.mark.parametrize(("ceiling", "within"), [(0, False), (1, True)])
    def test_whole_number_ceilings_are_exact(self, ceiling: int, within: bool) -> None:
        """0 and 1 are exact, so an analyst may write them as whole numbers."""
        summary = summarise_audits([audit("good"), audit("inadequate")], inadequate_ceiling=ceiling)
        assert (Fraction(ceiling), within) == (summary.inadequate_ceiling, summary.within_ceiling)

    def test_no_audits(self) -> None:
        """A summary needs at least one audit."""
        with pytest.raises(
            AssuranceError, match=r"^audits: expected at least one case-file audit, got none"
        ):
            summarise_audits([])

    def test_not_an_audit(self) -> None:
        """Each element must be a CaseFileAudit; the error names its place."""
        with pytest.raises(
            AssuranceError, match=r"^audits\[1\]: expected a CaseFileAudit, got a dict"
        ):
            summarise_audits([audit("good"), {"grade": "good"}])  # type: ignore[list-item]

    def test_grade_off_the_scale(self) -> None:
        """A file graded on another scale is refused, naming the file's place."""
        old = CaseFileAudit("F-1", "North", DAY, PRE_2013["adequate"])
        with pytest.raises(
            UnknownCodeError,
            match=r"^audits\[0\]\.grade: expected a judgement of scale a str of 17 characters ",
        ):
            summarise_audits([old])
        assert 1 == summarise_audits([old], scale=PRE_2013).grades.counts["adequate"]

    def test_change_since_previous_period(self) -> None:
        """Change in each share comes with Newcombe's interval (20/30 against 14/24)."""
        now = [audit("good")] * 20 + [audit("requires_improvement")] * 9 + [audit("inadequate")]
        before = (
            [audit("good")] * 14 + [audit("requires_improvement")] * 7 + [audit("inadequate")] * 3
        )
        summary = summarise_audits(now, previous=before)
        change = summary.good_or_better_change
        assert change is not None
        assert (Proportion(20, 30), Proportion(14, 24)) == (change.current, change.previous)
        assert Fraction(2, 3) - Fraction(14, 24) == change.difference
        assert Decimal("8") == change.points()
        low, high = change.interval
        assert low < float(change.difference) < high
        assert not change.is_clear
        assert summary.inadequate_change is not None
        assert Decimal("-9") == summary.inadequate_change.points()

    def test_theme_changes_only_for_themes_in_both_periods(self) -> None:
        """A theme's change is given only when it was commented on in both periods."""
        now = [
            audit(
                "good", "North", *comments("engaging children", 50, 12), *comments("records", 1, 0)
            )
        ]
        before = [
            audit("good", "North", *comments("engaging children", 30, 10), *comments("voice", 2, 2))
        ]
        summary = summarise_audits(now, previous=before)
        assert ["engaging children"] == list(summary.theme_changes)
        assert Proportion(30, 40) == summary.theme_changes["engaging children"].previous

    def test_empty_previous_period(self) -> None:
        """A previous period given as empty is an error, not a silent 'no change'."""
        with pytest.raises(
            AssuranceError, match=r"^previous: expected at least one case-file audit"
        ):
            summarise_audits([audit("good")], previous=[])

    def test_errors_share_the_root(self) -> None:
        """Audit errors are NeglectProtocolErrors and ValueErrors."""
        with pytest.raises(NeglectProtocolError):
            summarise_audits([])
        with pytest.raises(ValueError, match="audits"):
            summarise_audits([])


def judged(reference: str, **criteria: str) -> CaseFileAudit:
    return CaseFileAudit(
        reference,
        "North",
        dt.date(2022, 3, 1),
        OFSTED_FOUR_POINT["good"],
        criteria={code: OFSTED_FOUR_POINT[grade] for code, grade in criteria.items()},
    )


class TestCriterionShares:
    def test_the_share_good_or_better_per_criterion(self) -> None:
        """Each criterion's share counts the files judged outstanding or good on it.

        The county report's "over two thirds of interventions are based on good
        quality assessments" (scrutiny report, June 2022, paragraph 9) is this
        share for the criterion judging the assessment: here 5 of 7.
        """
        grades = ["good"] * 4 + ["outstanding"] + ["requires_improvement"] * 2
        audits = [
            judged(f"F-{n}", assessment=grade, voice="inadequate") for n, grade in enumerate(grades)
        ]
        shares = criterion_shares(audits)
        assert {"assessment": Proportion(5, 7), "voice": Proportion(0, 7)} == dict(shares)
        share = shares["assessment"]
        assert Fraction(share.positive, share.total) > Fraction(2, 3)  # "over two thirds"

    def test_files_not_judged_on_a_criterion_are_outside_its_base(self) -> None:
        """A criterion's base is the files judged on it; others are in neither count."""
        audits = [judged("F-1", assessment="good"), judged("F-2", voice="good"), judged("F-3")]
        shares = criterion_shares(audits)
        assert (Proportion(1, 1), Proportion(1, 1)) == (shares["assessment"], shares["voice"])

    def test_criteria_asked_for_come_in_that_order(self) -> None:
        """Given criteria, only those are given, in the order asked."""
        audits = [judged("F-1", voice="good", assessment="inadequate", plan="good")]
        assert ["plan", "assessment"] == list(
            criterion_shares(audits, criteria=["plan", "assessment"])
        )
        assert ["assessment", "plan", "voice"] == list(criterion_shares(audits))

    @pytest.mark.parametrize(
        ("criteria", "message"),
        [
            (
                ["risk"],
                "criteria[0]: expected a criterion judged in at least one audit, got 'risk'",
            ),
            (["voice", "voice"], "criteria[1]: expected each criterion once, got 'voice' again"),
            ("voice", "criteria: expected a sequence of criterion codes, got 'voice'"),
        ],
    )
    def test_bad_criteria_are_refused(self, criteria: object, message: str) -> None:
        """A criterion no file was judged on, or asked twice, is our error, not an empty share."""
        with pytest.raises(AssuranceError) as caught:
            criterion_shares([judged("F-1", voice="good")], criteria=criteria)  # type: ignore[arg-type]
        assert message == str(caught.value)

    def test_no_audits_are_refused(self) -> None:
        """A share of no files is undefined: refused."""
        with pytest.raises(AssuranceError, match="audits: expected at least one case-file audit"):
            criterion_shares([])

    def test_a_judgement_of_another_scale_is_refused(self) -> None:
        """Judgements must be on the scale the shares are counted on."""
        other = JudgementScale(
            "Two",
            "1",
            (Judgement(1, "met", "Met"), Judgement(2, "unmet", "Not met")),
            "met",
            "unmet",
        )
        audit = CaseFileAudit(
            "F-1",
            "North",
            dt.date(2022, 3, 1),
            OFSTED_FOUR_POINT["good"],
            criteria={"voice": other["met"]},
        )
        with pytest.raises(UnknownCodeError):
            criterion_shares([audit])

    @given(
        st.lists(
            st.sampled_from(["outstanding", "good", "requires_improvement", "inadequate"]),
            min_size=1,
            max_size=30,
        )
    )
    def test_shares_are_bounded_and_order_free(self, grades: list[str]) -> None:
        """Law: each share lies in [0, files judged] and does not depend on the audits' order."""
        audits = [judged(f"F-{n}", assessment=grade) for n, grade in enumerate(grades)]
        share = criterion_shares(audits)["assessment"]
        assert 0 <= share.positive <= share.total == len(grades)
        assert share == criterion_shares(list(reversed(audits)))["assessment"]


class TestSummaryProperties:
    @given(st.lists(case_file_audits(), min_size=1, max_size=40))
    def test_tallies_add_up(self, audits: list[CaseFileAudit]) -> None:
        """Rule: counts by judgement add up to the files audited, per team and overall; comment
        tallies add up to the comments made."""
        summary = summarise_audits(audits)
        assert len(audits) == sum(summary.grades.counts.values()) == summary.total
        assert len(audits) == sum(team.total for team in summary.by_team.values())
        for team, counts in summary.by_team.items():
            assert sum(counts.counts.values()) == sum(a.team == team for a in audits)
        assert sum(len(a.comments) for a in audits) == sum(t.total for t in summary.themes.values())

    @given(st.lists(case_file_audits(), min_size=1, max_size=40))
    def test_shares_lie_within_zero_and_one(self, audits: list[CaseFileAudit]) -> None:
        """Rule: every share is a fraction of one; good-or-better and inadequate never overlap."""
        summary = summarise_audits(audits)
        shares = [summary.grades.good_or_better_share.share, summary.grades.inadequate_share.share]
        shares += [tally.positive_share.share for tally in summary.themes.values()]
        assert all(0 <= share <= 1 for share in shares)
        assert (
            summary.grades.good_or_better_share.share + summary.grades.inadequate_share.share <= 1
        )

    @given(st.lists(case_file_audits(), min_size=1, max_size=30), st.randoms(use_true_random=False))
    def test_order_does_not_matter(
        self, audits: list[CaseFileAudit], shuffler: random.Random
    ) -> None:
        """Rule: a summary does not depend on the order the audits come in."""
        shuffled: Sequence[CaseFileAudit] = shuffler.sample(audits, len(audits))
        assert summarise_audits(audits) == summarise_audits(shuffled)

    @given(st.lists(case_file_audits(PRE_2013), min_size=1, max_size=20))
    def test_any_scale_counts_every_judgement(self, audits: list[CaseFileAudit]) -> None:
        """Rule: on any scale, the counts list every judgement of the scale, best first."""
        summary = summarise_audits(audits, scale=PRE_2013)
        assert [judgement.code for judgement in PRE_2013] == list(summary.grades.counts)
        assert len(audits) == sum(summary.grades.counts.values())


class TestBareTypeErrorsAreOurs:
    """Wrong types raise the library's errors, never attrs' bare TypeError (review finding 9)."""

    @pytest.mark.parametrize(
        ("build", "error", "message"),
        [
            (
                lambda: AuditTool("Invented", TOOL.criteria, OFSTED_FOUR_POINT, limit_margin="1"),  # type: ignore[arg-type]
                AssuranceError,
                "limit_margin: expected a whole number, 0 or more, got '1'",
            ),
            (
                lambda: AuditTool("Invented", TOOL.criteria, OFSTED_FOUR_POINT, rule="median"),  # type: ignore[arg-type]
                AssuranceError,
                "rule: expected a function of judgements, got 'median'",
            ),
            (
                lambda: AuditTool("Invented", TOOL.criteria, scale="Ofsted"),  # type: ignore[arg-type]
                AssuranceError,
                "scale: expected a JudgementScale, got a str of 6 characters",
            ),
            (
                lambda: Criterion("voice", "Invented", limiting="yes"),  # type: ignore[arg-type]
                AssuranceError,
                "limiting: expected True or False, got 'yes'",
            ),
            (
                lambda: Judgement("1", "good", "Good"),  # type: ignore[arg-type]
                PolicyError,
                "rank: expected a whole number, 1 or more, got '1'",
            ),
            (
                lambda: JudgementScale("x", "1", SCALE.judgements, 2, "inadequate"),  # type: ignore[arg-type]
                PolicyError,
                "good_or_better: expected a code, got 2",
            ),
        ],
    )
    def test_wrong_types(self, build: Any, error: type[Exception], message: str) -> None:
        """Each names the field, what was expected and, safely, what was given."""
        with pytest.raises(error) as caught:
            build()
        assert message == str(caught.value)

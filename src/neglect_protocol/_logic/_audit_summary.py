"""Summaries of case-file audits: grades, teams, comment themes and change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from neglect_protocol._logic._change import Change
from neglect_protocol._model._audit import CaseFileAudit, Judgement, JudgementScale
from neglect_protocol._model._checks import collected, got
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._proportion import Proportion
from neglect_protocol._model._views import MetricTable, counted, plural
from neglect_protocol.errors import AssuranceError, safe_repr


@attrs.frozen
class GradeCounts:
    """How many audited files got each judgement, and the shares a board asks about.

    Attributes:
        counts: Files per judgement code, every judgement of the scale in order
            (best first), zeros included.
        good_or_better_share: The share of files graded good or better.
        inadequate_share: The share of files graded inadequate (or worse).
    """

    counts: FrozenMap[str, int]
    good_or_better_share: Proportion
    inadequate_share: Proportion

    @property
    def total(self) -> int:
        """How many files were audited."""
        return self.good_or_better_share.total


@attrs.frozen
class ThemeTally:
    """Auditors' comments on one theme, counted as positive or negative.

    >>> from neglect_protocol.audit import ThemeTally
    >>> tally = ThemeTally("engaging children", positive=50, negative=12)
    >>> str(tally), tally.positive_share.percent()
    ('50 of 62 positive', Decimal('81'))
    """

    theme: str
    positive: int
    negative: int

    @property
    def total(self) -> int:
        """How many comments were made on the theme."""
        return self.positive + self.negative

    @property
    def positive_share(self) -> Proportion:
        """The share of the theme's comments that are positive."""
        return Proportion(self.positive, self.total)

    def __str__(self) -> str:
        return f"{self.positive} of {self.total} positive"


@attrs.frozen(repr=False)
class AuditSummary(MetricTable):
    """What a period's case-file audits show, for a board report.

    Attributes:
        scale: The judgement scale the files were graded on.
        grades: Counts by judgement and the headline shares, over all files.
        by_team: The same per team, teams in alphabetical order.
        themes: Comment tallies per theme, themes in alphabetical order.
        inadequate_ceiling: The most the share inadequate should be, if a target
            was given.
        good_or_better_change: Change in the share good or better since the
            previous period (``None`` without one).
        inadequate_change: Change in the share inadequate since the previous period.
        theme_changes: Change in each theme's positive share, for themes commented
            on in both periods.
    """

    scale: JudgementScale = attrs.field(repr=False)
    grades: GradeCounts
    by_team: FrozenMap[str, GradeCounts]
    themes: FrozenMap[str, ThemeTally]
    inadequate_ceiling: Fraction | None = None
    good_or_better_change: Change | None = None
    inadequate_change: Change | None = None
    theme_changes: FrozenMap[str, Change] = attrs.field(factory=FrozenMap)

    def __repr__(self) -> str:
        """One line: files, the headline shares, teams and themes."""
        grades = self.grades
        return (
            f"<AuditSummary of {plural(self.total, 'file')} on {safe_repr(self.scale.name)}: "
            f"{counted(grades.good_or_better_share)} good or better, "
            f"{counted(grades.inadequate_share)} inadequate; {plural(len(self.by_team), 'team')}, "
            f"{plural(len(self.themes), 'theme')}>"
        )

    @property
    def total(self) -> int:
        """How many files were audited."""
        return self.grades.total

    @property
    def within_ceiling(self) -> bool | None:
        """Whether the share inadequate is at or below the ceiling (``None`` without one)."""
        if self.inadequate_ceiling is None:
            return None
        return self.grades.inadequate_share.share <= self.inadequate_ceiling


def _checked_audits(
    audits: Iterable[CaseFileAudit], scale: JudgementScale, name: str
) -> tuple[CaseFileAudit, ...]:
    checked = collected(audits, name, "an iterable of CaseFileAudit", AssuranceError)
    if not checked:
        raise AssuranceError(name, "expected at least one case-file audit, got none")
    for index, audit in enumerate(checked):
        if not isinstance(audit, CaseFileAudit):
            raise AssuranceError(
                f"{name}[{index}]", f"expected a CaseFileAudit, got a {type(audit).__name__}"
            )
        scale.judgement(audit.grade, field=f"{name}[{index}].grade")
    return checked


def _grade_counts(grades: Sequence[Judgement], scale: JudgementScale) -> GradeCounts:
    counted = Counter(judgement.code for judgement in grades)
    return GradeCounts(
        FrozenMap({judgement.code: counted[judgement.code] for judgement in scale}),
        Proportion(sum(scale.is_good_or_better(grade) for grade in grades), len(grades)),
        Proportion(sum(scale.is_inadequate(grade) for grade in grades), len(grades)),
    )


def _themes(audits: Sequence[CaseFileAudit]) -> FrozenMap[str, ThemeTally]:
    positive: Counter[str] = Counter()
    negative: Counter[str] = Counter()
    for audit in audits:
        for comment in audit.comments:
            (positive if comment.is_positive else negative)[comment.theme] += 1
    themes = sorted(positive.keys() | negative.keys())
    return FrozenMap(
        {theme: ThemeTally(theme, positive[theme], negative[theme]) for theme in themes}
    )


def _ceiling(value: object) -> Fraction | None:
    # Exact values only: a float such as 0.1 is not the tenth it looks like. The
    # whole numbers 0 and 1 are exact too.
    if value is None:
        return None
    exact: Fraction | None = None
    if (
        isinstance(value, Fraction)
        or (isinstance(value, int) and not isinstance(value, bool))
        or (isinstance(value, Decimal) and value.is_finite())
    ):
        exact = Fraction(value)
    if exact is None or not 0 <= exact <= 1:
        raise AssuranceError(
            "inadequate_ceiling",
            f"expected a Fraction or Decimal from 0 to 1, 0, 1 or None, got {got(value)}",
        )
    return exact


def summarise_audits(
    audits: Iterable[CaseFileAudit],
    *,
    scale: JudgementScale,
    inadequate_ceiling: Fraction | Decimal | int | None = None,
    previous: Iterable[CaseFileAudit] | None = None,
    confidence: float = 0.95,
) -> AuditSummary:
    """Summarise a period's case-file audits on ``scale``.

    The public :func:`neglect_protocol.audit.summarise_audits` documents the
    behaviour; it chooses the default scale when none is given and calls this.
    """
    ceiling = _ceiling(inadequate_ceiling)
    current = _checked_audits(audits, scale, "audits")
    grades = _grade_counts([audit.grade for audit in current], scale)
    team_grades: dict[str, list[Judgement]] = {}
    for audit in current:
        team_grades.setdefault(audit.team, []).append(audit.grade)
    by_team = FrozenMap(
        {team: _grade_counts(team_grades[team], scale) for team in sorted(team_grades)}
    )
    themes = _themes(current)
    summary = AuditSummary(scale, grades, by_team, themes, ceiling)
    if previous is None:
        return summary
    before = _checked_audits(previous, scale, "previous")
    earlier = _grade_counts([audit.grade for audit in before], scale)
    earlier_themes = _themes(before)
    return attrs.evolve(
        summary,
        good_or_better_change=Change(
            grades.good_or_better_share, earlier.good_or_better_share, confidence
        ),
        inadequate_change=Change(grades.inadequate_share, earlier.inadequate_share, confidence),
        theme_changes=FrozenMap(
            {
                theme: Change(
                    tally.positive_share, earlier_themes[theme].positive_share, confidence
                )
                for theme, tally in themes.items()
                if theme in earlier_themes
            }
        ),
    )


def criterion_shares(
    audits: Iterable[CaseFileAudit],
    *,
    scale: JudgementScale,
    criteria: Sequence[str] | None = None,
) -> FrozenMap[str, Proportion]:
    """The share of files judged good or better on each audit criterion.

    The public :func:`neglect_protocol.audit.criterion_shares` documents the
    behaviour; it chooses the default scale when none is given and calls this.
    """
    checked = _checked_audits(audits, scale, "audits")
    graded: dict[str, list[Judgement]] = {}
    for index, audit in enumerate(checked):
        for code, judgement in audit.criteria.items():
            scale.judgement(judgement, field=f"audits[{index}].criteria[{safe_repr(code)}]")
            graded.setdefault(code, []).append(judgement)
    if criteria is None:
        wanted = sorted(graded)
    else:
        if isinstance(criteria, str) or not isinstance(criteria, Sequence):
            raise AssuranceError(
                "criteria", f"expected a sequence of criterion codes, got {got(criteria)}"
            )
        wanted = list(criteria)
        for index, code in enumerate(wanted):
            if code not in graded:
                raise AssuranceError(
                    f"criteria[{index}]",
                    f"expected a criterion judged in at least one audit, got {safe_repr(code)}",
                )
            if code in wanted[:index]:
                raise AssuranceError(
                    f"criteria[{index}]",
                    f"expected each criterion once, got {safe_repr(code)} again",
                )
    return FrozenMap(
        {
            code: Proportion(
                sum(scale.is_good_or_better(judgement) for judgement in graded[code]),
                len(graded[code]),
            )
            for code in wanted
        }
    )

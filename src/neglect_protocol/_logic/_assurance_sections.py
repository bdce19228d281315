"""The assurance report's optional sections: neglect, a key indicator's trend, moderation, criteria.

Each section is worked out only when the report is given its data. Figures about
children (the neglect cut, the key indicator) are tabulated under the disclosure
policy and their headlines read only cells the table shows, as the cohort
headlines do; figures about case files and about practitioners' grading are not
about children and are shown in full.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from neglect_protocol._logic._assurance_cohort import gloss, withheld
from neglect_protocol._logic._audit_summary import criterion_shares
from neglect_protocol._logic._breakdowns import Cohort
from neglect_protocol._logic._census import NeglectBasis, NeglectShare, neglect_share
from neglect_protocol._logic._change import Change
from neglect_protocol._logic._disclosure import apply_disclosure
from neglect_protocol._logic._key_indicators import KeyIndicator, Trend, trend
from neglect_protocol._logic._moderation import moderate
from neglect_protocol._logic._phrasing import describe
from neglect_protocol._model._audit import CaseFileAudit, Criterion, JudgementScale
from neglect_protocol._model._casework import CaseHistory
from neglect_protocol._model._census import CensusCodeList
from neglect_protocol._model._cohort import CohortRecord
from neglect_protocol._model._disclosure import DisclosedTable, DisclosurePolicy
from neglect_protocol._model._moderation import ModerationSet, ModerationSummary
from neglect_protocol._model._phrase import Phrase
from neglect_protocol._model._proportion import Proportion
from neglect_protocol.errors import InvalidArgumentError, SuppressedValueError

INDICATOR_WORDING: dict[KeyIndicator, tuple[str, str, str]] = {
    # indicator: (what it measures, what is counted, what the base is)
    KeyIndicator.RE_REFERRALS: (
        "Re-referrals within 12 months",
        "Re-referred within 12 months",
        "referrals",
    ),
    KeyIndicator.SECOND_OR_SUBSEQUENT_PLANS: (
        "Child protection plans that are a second or subsequent plan",
        "Second or subsequent plan",
        "plans started",
    ),
    KeyIndicator.PLANS_LASTING_TWO_YEARS: (
        "Child protection plans lasting two years or more",
        "Lasted two years or more",
        "plans ended",
    ),
    KeyIndicator.PLANS_REVIEWED_WITHIN_TIMESCALES: (
        "Child protection plans reviewed within timescales",
        "Reviewed within timescales",
        "plans open",
    ),
    KeyIndicator.ASSESSMENTS_WITHIN_45_WORKING_DAYS: (
        "Assessments completed within 45 working days",
        "Within 45 working days",
        "assessments completed",
    ),
}
"""How the report names each key indicator, its counted column and its base."""


@attrs.frozen
class NeglectCut:
    """Children "due to neglect" on a stated basis, at the report's level of need and in care.

    Attributes:
        basis: What "due to neglect" was taken to mean.
        at_level: The count at the report's level of need (before disclosure control).
        in_care: The count among children in care (``None`` if none are in care).
        rows: The counts as published, one table of one row per group (due to neglect,
            for other reasons, not recorded). The groups overlap (children in care are
            counted at their level too), so each is under disclosure control on its own
            and no total across them is published.
    """

    basis: NeglectBasis
    at_level: NeglectShare
    in_care: NeglectShare | None
    rows: tuple[DisclosedTable, ...]


@attrs.frozen
class IndicatorTrend:
    """A key indicator across periods, as published, with the change since the period before.

    Attributes:
        trend: The indicator per period (before disclosure control).
        rows: Per period counted, the counted and the rest: one table of one row
            each, under disclosure control on its own (periods may overlap, and no
            total across them is published).
        change: The last period against the one before, from published cells only
            (``None`` if there is no earlier period or a figure it needs is hidden).
    """

    trend: Trend
    rows: tuple[DisclosedTable, ...]
    change: Change | None

    @property
    def wording(self) -> tuple[str, str, str]:
        """What the indicator measures, what it counts and over what base, in words."""
        return INDICATOR_WORDING[self.trend.indicator]


@attrs.frozen
class CriterionShare:
    """The files judged good or better on one audit criterion.

    Attributes:
        criterion: The criterion, with the wording the report shows.
        share: Files judged good or better on it, of those judged on it.
    """

    criterion: Criterion
    share: Proportion


def _share_or_none(table: DisclosedTable) -> Proportion | None:
    """The first cell of a one-row table as a share of its row, or ``None`` if hidden."""
    try:
        return table.proportion(0, 0, of="row")
    except SuppressedValueError:
        return None


def neglect_cut(
    at_level: Sequence[CohortRecord],
    in_care: Sequence[CohortRecord],
    level: int,
    basis: NeglectBasis,
    *,
    categories: CensusCodeList,
    factors: CensusCodeList,
    policy: DisclosurePolicy,
) -> NeglectCut:
    """Count the children due to neglect on ``basis`` at ``level`` and in care, and publish them."""
    level_share = neglect_share(at_level, basis, categories=categories, factors=factors)
    care_share = (
        neglect_share(in_care, basis, categories=categories, factors=factors) if in_care else None
    )
    rows = [(f"Children at level {level}", level_share)]
    if care_share is not None:
        rows.append(("Children in care", care_share))
    tables = tuple(
        apply_disclosure(
            [[share.neglect, share.recorded - share.neglect, share.unrecorded]],
            policy,
            row_labels=[label],
            column_labels=["Due to neglect", "Other reasons", "Not recorded"],
        )
        for label, share in rows
    )
    return NeglectCut(basis, level_share, care_share, tables)


def recorded_share(table: DisclosedTable) -> Proportion | None:
    """Due to neglect out of those recorded (neglect plus other), if both cells are shown."""
    neglect, other = table.grid()[0][:2]
    if neglect.is_suppressed or other.is_suppressed or neglect.count + other.count == 0:
        return None
    return Proportion(neglect.count, neglect.count + other.count)


def neglect_headline(cut: NeglectCut) -> tuple[str, tuple[Phrase, ...]]:
    """The "due to neglect" headline, on its basis, from the published cells only."""
    clauses: list[str] = []
    phrases: list[Phrase] = []
    for table in cut.rows:
        policy = table.policy
        label = table.row_labels[0]
        who = label[0].lower() + label[1:]
        share = recorded_share(table)
        if share is None:
            clauses.append(f"among {who} the figure is {withheld(policy)}")
            continue
        phrase = describe(share, ndigits=policy.percent_decimal_places)
        phrases.append(phrase)
        clauses.append(f"{share.positive:,} of the {share.total:,} {who} {gloss(phrase)}")
    text = f"Due to neglect, where {cut.basis.description}: " + "; ".join(clauses) + "."
    return text, tuple(phrases)


def indicator_trend(
    indicator: KeyIndicator,
    histories: Sequence[CaseHistory],
    periods: Sequence[str],
    bank_holidays: Sequence[dt.date],
    *,
    policy: DisclosurePolicy,
    confidence: float,
) -> IndicatorTrend:
    """Compute ``indicator`` per period, publish it, and compare the last two published periods."""
    found = trend(indicator, histories, periods, bank_holidays)
    counted = [value for value in found.values if value is not None]
    labels = [
        period.label
        for period, value in zip(found.periods, found.values, strict=True)
        if value is not None
    ]
    _, column, _ = INDICATOR_WORDING[indicator]
    tables = tuple(
        apply_disclosure(
            [[value.positive, value.negative]],
            policy,
            row_labels=[label],
            column_labels=[column, "Others"],
        )
        for label, value in zip(labels, counted, strict=True)
    )
    change = None
    last = found.values[-2:]
    if len(last) == 2 and last[0] is not None and last[1] is not None:
        now = _share_or_none(tables[-1])
        then = _share_or_none(tables[-2])
        if now is not None and then is not None:
            change = Change(now, then, confidence)
    return IndicatorTrend(found, tables, change)


def trend_headline(shown: IndicatorTrend) -> tuple[str, tuple[Phrase, ...]]:
    """The indicator in the last period and its change since the one before, honestly worded."""
    measure, _, base = shown.wording
    periods = shown.trend.periods
    if not shown.rows:
        return f"{measure}: nothing was counted from {periods[0].label} to {periods[-1].label}.", ()
    table = shown.rows[-1]
    policy = table.policy
    latest = _share_or_none(table)
    if latest is None:
        return f"{measure} in {table.row_labels[0]}: {withheld(policy)}.", ()
    phrase = describe(latest, ndigits=policy.percent_decimal_places)
    text = (
        f"{measure}: {latest.positive:,} of {latest.total:,} {base} {gloss(phrase)} "
        f"in {table.row_labels[0]}"
    )
    change = shown.change
    if change is None:
        return text + "; no change since the period before can be given.", (phrase,)
    low, high = change.interval
    level = f"{change.confidence:.0%}"
    before = shown.rows[-2].row_labels[0]
    direction = "up" if change.difference > 0 else "down" if change.difference < 0 else "unchanged"
    size = "" if direction == "unchanged" else f" {abs(change.points(1))} points"
    verdict = (
        "a change larger than chance alone would explain"
        if change.is_clear
        else "a change chance alone could explain"
    )
    earlier = describe(change.previous, ndigits=policy.percent_decimal_places)
    text += (
        f", {direction}{size} from {change.previous.positive:,} of {change.previous.total:,} "
        f"{gloss(earlier)} in {before} ({level} interval {low * 100:+.1f} to "
        f"{high * 100:+.1f} points: {verdict})."
    )
    return text, (phrase, earlier)


def moderation_summary(moderation_set: ModerationSet) -> ModerationSummary:
    """Agreement among the practitioners who graded the same cases (ordinal alpha)."""
    return moderate(moderation_set)


def moderation_headline(summary: ModerationSummary) -> str:
    """How alike practitioners graded, overall, and where they graded least alike."""
    alpha = summary.overall.alpha
    kappa = summary.overall.fleiss
    figure = "undefined (every grade was the same)" if alpha.alpha is None else f"{alpha.alpha:.2f}"
    text = (
        f"Moderation: {alpha.raters:,} practitioners graded the same "
        f"{alpha.cases:,} anonymised {'case' if alpha.cases == 1 else 'cases'}; "
        f"Krippendorff's alpha ({summary.metric}) {figure}"
    )
    if kappa.kappa is not None:
        text += f", Fleiss' kappa {kappa.kappa:.2f}"
    least = summary.most_disagreement[:1]
    # A sub-area whose alpha is undefined is listed last only because nobody disagreed.
    if least and summary.by_sub_area[least[0]].alpha.alpha is not None:
        text += f"; graded least alike: sub-area {least[0]}"
    return text + "."


def criterion_figures(
    audits: Sequence[CaseFileAudit], criteria: Sequence[Criterion], scale: JudgementScale
) -> tuple[CriterionShare, ...]:
    """The share of files judged good or better on each criterion given, in the order given."""
    shares = criterion_shares(audits, scale=scale, criteria=[c.code for c in criteria])
    return tuple(CriterionShare(criterion, shares[criterion.code]) for criterion in criteria)


def criterion_headline(figures: Sequence[CriterionShare]) -> tuple[str, tuple[Phrase, ...]]:
    """One clause per criterion: how many files were judged good or better on it."""
    clauses: list[str] = []
    phrases: list[Phrase] = []
    for figure in figures:
        phrase = describe(figure.share)
        phrases.append(phrase)
        clauses.append(
            f"“{figure.criterion.label}” in {figure.share.positive:,} of "
            f"{figure.share.total:,} {gloss(phrase)}"
        )
    return "Files judged good or better on " + "; ".join(clauses) + ".", tuple(phrases)


@attrs.frozen
class Sections:
    """The data of the report's optional sections, each left out when ``None``.

    Attributes:
        neglect_basis: What "due to neglect" means in the neglect section.
        categories: The plan categories the cohort's codes are checked against.
        factors: The assessment factors the cohort's codes are checked against.
        key_indicator: The key indicator whose trend the report shows.
        periods: The periods of the trend, in order (``"2021-22 Q1"``).
        case_histories: The children's dated casework the indicator is counted on.
        bank_holidays: Days that are not working days, besides weekends.
        moderation: Practitioners' grades of the same anonymised cases.
        criteria: The audit criteria whose good-or-better share the report shows.
    """

    neglect_basis: NeglectBasis | None = None
    categories: CensusCodeList | None = None
    factors: CensusCodeList | None = None
    key_indicator: KeyIndicator | None = None
    periods: tuple[str, ...] = ()
    case_histories: tuple[CaseHistory, ...] | None = None
    bank_holidays: tuple[dt.date, ...] = ()
    moderation: ModerationSet | None = None
    criteria: tuple[Criterion, ...] | None = None


def optional_sections(
    cohort: Cohort,
    audits: Sequence[CaseFileAudit],
    given: Sections,
    scale: JudgementScale,
    policy: DisclosurePolicy,
    level: int,
    confidence: float,
) -> dict[str, Any]:
    """Work out the sections whose data were given, by the report's field names."""
    extra: dict[str, Any] = {}
    if given.neglect_basis is not None:
        if given.categories is None or given.factors is None:
            raise InvalidArgumentError(
                "sections", "expected the plan categories and assessment factors with a basis"
            )
        extra["neglect"] = neglect_cut(
            cohort.where(level_of_need=level).records,
            cohort.where(looked_after=True).records,
            level,
            given.neglect_basis,
            categories=given.categories,
            factors=given.factors,
            policy=policy,
        )
    if given.key_indicator is not None and given.case_histories is not None:
        extra["indicator_trend"] = indicator_trend(
            given.key_indicator,
            given.case_histories,
            given.periods,
            given.bank_holidays,
            policy=policy,
            confidence=confidence,
        )
    if given.moderation is not None:
        extra["moderation"] = moderation_summary(given.moderation)
    if given.criteria is not None and audits:
        extra["criteria"] = criterion_figures(audits, given.criteria, scale)
    return extra

"""The threshold rules and modifiers the library ships, each a declarative, callable spec.

Every rule is a frozen attrs value: its fields are its parameters (so a policy
round-trips through TOML or JSON), calling it with a
:class:`~neglect_protocol.escalation.RuleContext` returns a
:class:`~neglect_protocol.escalation.Reason` or ``None``, and :meth:`check` lets a
policy refuse it when the policy is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import ClassVar, TypeAlias

import attrs

from neglect_protocol._logic._rule_context import (
    AREAS,
    AT,
    COUNTED,
    Rule,
    RuleContext,
    among,
    checked_reason,
    entries_at_or_above,
)
from neglect_protocol._logic._specs import (
    as_tuple,
    codes,
    describe_codes,
    grade_of,
    level_number,
    optional_grade_of,
    whole_number,
)
from neglect_protocol._logic._trends import Grading, counted, stands_in
from neglect_protocol._model._decision import Reason
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._policy import (
    MODIFIER_ROLE,
    RULE_ROLE,
    PolicyFacts,
    check_rule,
    rule_label,
)
from neglect_protocol._model._profile import Profile, ProfileEntry
from neglect_protocol.errors import PolicyError, safe_repr


def _listed(entries: Iterable[ProfileEntry], earlier: Mapping[str, Grade] | None = None) -> str:
    parts = []
    for entry in entries:
        grade = "-" if entry.grade is None else str(entry.grade.value)
        was = earlier.get(entry.code) if earlier is not None else None
        parts.append(
            f"{entry.code} {entry.name} ({grade}{'' if was is None else f', was {was.value}'})"
        )
    return ", ".join(parts)


def _compared(
    hits: Sequence[ProfileEntry],
    earlier: Mapping[str, Grading],
    ends: Sequence[dt.date],
    *,
    one: str,
    several: str,
) -> Callable[[], str]:
    """How to write ``hits`` beside their earlier grades, saying which assessment each is from.

    ``one`` leads when every earlier grade comes from the same assessment (its
    ``{end}`` filled in), ``several`` when they differ. What the text needs is
    taken now, so that writing it later reads nothing that may have moved on.
    """
    before = {entry.code: earlier[entry.code] for entry in hits}
    when = {code: ends[grading.position] for code, grading in before.items()}

    def write() -> str:
        days = set(when.values())
        if len(days) == 1:
            lead = one.format(end=days.pop())
            return f"{lead}: {_listed(hits, {code: g.grade for code, g in before.items()})}"
        parts = []
        for entry in hits:
            grade = "-" if entry.grade is None else str(entry.grade.value)
            parts.append(
                f"{entry.code} {entry.name} ({grade}, was {before[entry.code].grade.value} at "
                f"the assessment ending {when[entry.code]})"
            )
        return f"{several}: {', '.join(parts)}"

    return write


def _unit_noun(profile: Profile, count: int) -> str:
    noun = "sub-area" if profile.sub_areas else "section"
    return noun if count == 1 else f"{noun}s"


def _area_noun(profile: Profile, count: int) -> str:
    noun = "section" if profile.instrument.is_antenatal else "area"
    return noun if count == 1 else f"{noun}s"


def _codes(entries: Iterable[ProfileEntry]) -> tuple[str, ...]:
    return tuple([entry.code for entry in entries])


def _stand_in_note(profile: Profile, hits: Iterable[ProfileEntry]) -> str:
    if any(stands_in(profile, entry) for entry in hits):
        return "; an area counts as one where none of its sub-areas does"
    return ""


def _grade_words(grade: Grade | None) -> str:
    return "at the policy's concern grade" if grade is None else f"graded {grade.value}"


def read(profile: Profile, source: str, grade: Grade) -> Sequence[ProfileEntry]:
    """What ``source`` reads of ``profile`` at ``grade``, as a rule is given it."""
    return among(source, entries_at_or_above(profile.entries, grade))


@attrs.frozen
class AreaAtOrAbove:
    """Propose ``level`` when ``count`` areas (or GCP2A sections) are graded ``grade`` or worse.

    The practitioner's area grades are authoritative (DOMAIN.md section 4): an
    area graded 3 is a concern even when no sub-area beneath it was graded.

    Attributes:
        grade: The grade from which the rule fires (1 to 5).
        level: The level it proposes.
        areas: Only these areas; every area when empty.
        count: How many areas must reach the grade (1 or more).

    >>> from neglect_protocol.escalation import AreaAtOrAbove
    >>> AreaAtOrAbove(grade=4, level=4).describe()
    'any area graded 4 or worse'
    >>> AreaAtOrAbove(grade=3, level=3, count=3).describe()
    'at least 3 areas graded 3 or worse'
    """

    kind: ClassVar[str] = "area_at_or_above"
    role: ClassVar[str] = RULE_ROLE

    grade: Grade = attrs.field(converter=grade_of)
    level: int = attrs.field(validator=level_number)
    areas: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=codes)
    count: int = attrs.field(default=1, validator=whole_number(1))

    source: ClassVar[str] = AREAS

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if enough areas reach the grade, else ``None``."""
        return self._fire(context.profile, context.areas_at_or_above(self.grade))

    def _fire(self, profile: Profile, found: Sequence[ProfileEntry]) -> Reason | None:
        """The reason, given the areas of ``profile`` at or above the grade, else ``None``."""
        count = len(self._hits(found)) if self.areas else len(found)
        if not count or count < self.count:
            return None
        return Reason._pending(self.kind, self.level, self, profile)

    def _hits(self, found: Sequence[ProfileEntry]) -> Sequence[ProfileEntry]:
        areas = self.areas
        return [entry for entry in found if entry.code in areas] if areas else found

    def _written(self, profile: Profile) -> tuple[str, tuple[str, ...]]:
        hits = self._hits(read(profile, AREAS, self.grade))
        return self._write(profile, hits), _codes(hits)

    def _write(self, profile: Profile, hits: Sequence[ProfileEntry]) -> str:
        graded_at = f"{_area_noun(profile, len(hits))} graded {self.grade.value} or worse"
        if self.count > 1:
            graded_at = f"{len(hits)} {graded_at} (at least {self.count} needed)"
        return f"{graded_at}: {_listed(hits)}"

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level or area code."""
        facts.check_level(self.level, f"{path}.level")
        facts.check_codes(self.areas, f"{path}.areas", areas_only=True)

    def describe(self) -> str:
        """The rule in a few words."""
        which = "any area" if self.count == 1 else f"at least {self.count} areas"
        return f"{which}{describe_codes('of', self.areas)} graded {self.grade.value} or worse"


@attrs.frozen
class SubAreasAtOrAbove:
    """Propose ``level`` when at least ``count`` sub-areas are graded ``grade`` or worse.

    For a GCP2A profile the sections, which have no sub-areas, are counted. An
    area at the grade counts as one where none of its sub-areas is (they are
    ungraded, or graded better): the area grade is the practitioner's
    authoritative judgement (DOMAIN.md section 4), and a profile of area grades
    alone must not read as no concern. Several sub-areas at 3 is the cumulative
    picture that low-level neglect leaves.

    Attributes:
        grade: The grade from which a sub-area counts (1 to 5).
        level: The level proposed.
        count: How many sub-areas must reach the grade (1 or more).

    >>> from neglect_protocol.escalation import SubAreasAtOrAbove
    >>> SubAreasAtOrAbove(grade=3, level=3, count=3).describe()
    'at least 3 sub-areas graded 3 or worse'
    """

    kind: ClassVar[str] = "sub_areas_at_or_above"
    role: ClassVar[str] = RULE_ROLE

    grade: Grade = attrs.field(converter=grade_of)
    level: int = attrs.field(validator=level_number)
    count: int = attrs.field(default=1, validator=whole_number(1))

    source: ClassVar[str] = COUNTED

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if enough sub-areas reach the grade, else ``None``."""
        return self._fire(context.profile, context.counted_at_or_above(self.grade))

    def _fire(self, profile: Profile, found: Sequence[ProfileEntry]) -> Reason | None:
        """The reason, given the units of ``profile`` counted at the grade, else ``None``."""
        if not found or len(found) < self.count:
            return None
        return Reason._pending(self.kind, self.level, self, profile)

    def _written(self, profile: Profile) -> tuple[str, tuple[str, ...]]:
        hits = read(profile, COUNTED, self.grade)
        return self._write(profile, hits), _codes(hits)

    def _write(self, profile: Profile, hits: Sequence[ProfileEntry]) -> str:
        return (
            f"{len(hits)} {_unit_noun(profile, len(hits))} graded {self.grade.value} or "
            f"worse (at least {self.count} needed{_stand_in_note(profile, hits)}): "
            f"{_listed(hits)}"
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level."""
        facts.check_level(self.level, f"{path}.level")

    def describe(self) -> str:
        """The rule in a few words."""
        noun = "sub-area" if self.count == 1 else "sub-areas"
        return f"at least {self.count} {noun} graded {self.grade.value} or worse"


@attrs.frozen
class NamedSubAreasAtOrAbove:
    """Propose ``level`` when any of the named sub-areas is graded ``grade`` or worse.

    Codes may be sub-areas or GCP2A sections; a code the profile's instrument
    lacks is simply not there to fire. An area grade does not stand in for named
    sub-areas (it does not say which of its sub-areas it is about): pair this
    rule with :class:`AreaAtOrAbove` to catch a profile graded by area.

    Attributes:
        codes: The sub-area codes (at least one, each in the policy's catalogues).
        grade: The grade from which the rule fires (1 to 5).
        level: The level proposed.

    >>> from neglect_protocol.escalation import NamedSubAreasAtOrAbove
    >>> NamedSubAreasAtOrAbove(codes=("B1", "B2"), grade=4, level=4).describe()
    'any of B1, B2 graded 4 or worse'
    """

    kind: ClassVar[str] = "named_sub_areas_at_or_above"
    role: ClassVar[str] = RULE_ROLE

    codes: tuple[str, ...] = attrs.field(converter=as_tuple, validator=codes)
    grade: Grade = attrs.field(converter=grade_of)
    level: int = attrs.field(validator=level_number)

    @codes.validator
    def _check_not_empty(
        self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        if not value:
            raise PolicyError("codes", "expected at least one sub-area code, got none")

    source: ClassVar[str] = AT

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if a named sub-area reaches the grade, else ``None``."""
        return self._fire(context.profile, context.at_or_above(self.grade))

    def _fire(self, profile: Profile, found: Sequence[ProfileEntry]) -> Reason | None:
        """The reason, given the entries of ``profile`` at or above the grade, else ``None``."""
        codes = self.codes
        for entry in found:
            if entry.code in codes:
                return Reason._pending(self.kind, self.level, self, profile)
        return None

    def _hits(self, found: Sequence[ProfileEntry]) -> list[ProfileEntry]:
        return [entry for entry in found if entry.code in self.codes]

    def _written(self, profile: Profile) -> tuple[str, tuple[str, ...]]:
        hits = self._hits(read(profile, AT, self.grade))
        return self._write(profile, hits), _codes(hits)

    def _write(self, profile: Profile, hits: Sequence[ProfileEntry]) -> str:
        return (
            f"named {_unit_noun(profile, len(hits))} graded {self.grade.value} or worse: "
            f"{_listed(hits)}"
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level or a code no catalogue of the policy has."""
        facts.check_level(self.level, f"{path}.level")
        facts.check_codes(self.codes, f"{path}.codes", areas_only=False)

    def describe(self) -> str:
        """The rule in a few words."""
        return f"any of {', '.join(self.codes)} graded {self.grade.value} or worse"


def _effective(grade: Grade | None, context: RuleContext) -> Grade:
    return context.concern_grade if grade is None else grade


@attrs.frozen
class NoImprovement:
    """Propose ``level`` when any baseline concern is no better at review.

    Each code's baseline is the first assessment that graded it, so an antenatal
    GCP2A does not stand in for the first GCP2's baseline. A concern is a code
    its baseline graded ``grade`` or worse; the rule fires for each concern the
    review grades no better than its baseline, and names every one: one concern
    improving does not excuse the others, just as good care in one area does not
    hide poor care in another. Silent without a history, or when no concern is
    graded again.

    Attributes:
        level: The level proposed.
        grade: The grade from which a baseline entry counts as a concern;
            ``None`` for the policy's concern grade.

    >>> from neglect_protocol.escalation import NoImprovement
    >>> NoImprovement(level=3, grade=3).describe()
    'a baseline concern (graded 3 or worse) no better at review'
    """

    kind: ClassVar[str] = "no_improvement"
    role: ClassVar[str] = RULE_ROLE

    level: int = attrs.field(validator=level_number)
    grade: Grade | None = attrs.field(default=None, converter=optional_grade_of)

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if a baseline concern is no better, else ``None``."""
        if not context.history:
            return None
        grade = _effective(self.grade, context)
        trail = context.trail
        baselines = trail.first
        hits = [
            entry
            for entry in context.at_or_above(grade)
            if (baseline := baselines.get(entry.code)) is not None
            and baseline.grade >= grade
            and entry.grade is not None
            and entry.grade >= baseline.grade
        ]
        if not hits:
            return None
        return Reason._built(
            self.kind,
            self.level,
            _compared(
                hits,
                baselines,
                trail.ends,
                one="no improvement since the baseline ending {end}",
                several="no improvement since each concern's baseline",
            ),
            _codes(hits),
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level."""
        facts.check_level(self.level, f"{path}.level")

    def describe(self) -> str:
        """The rule in a few words."""
        return f"a baseline concern ({_grade_words(self.grade)} or worse) no better at review"


@attrs.frozen
class Deterioration:
    """Propose ``level`` when an area or sub-area is worse than when it was last graded.

    Only an entry that is now graded ``grade`` or worse counts, so a slip from 1
    to 2 does not escalate. An earlier assessment that did not grade the entry
    is skipped: the comparison is with the last grade it was given. Silent
    without a history.

    Attributes:
        level: The level proposed.
        grade: The grade an entry must now be at, or worse, to count; ``None``
            for the policy's concern grade.

    >>> from neglect_protocol.escalation import Deterioration
    >>> Deterioration(level=3, grade=3).describe()
    'worse than when last graded, now graded 3 or worse'
    """

    kind: ClassVar[str] = "deterioration"
    role: ClassVar[str] = RULE_ROLE

    level: int = attrs.field(validator=level_number)
    grade: Grade | None = attrs.field(default=None, converter=optional_grade_of)

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if something got worse, else ``None``."""
        if not context.history:
            return None
        trail = context.trail
        before: dict[str, Grading] = {}
        hits = []
        for entry in context.at_or_above(_effective(self.grade, context)):
            earlier = trail.latest(entry.code)
            if earlier is not None and entry.grade is not None and entry.grade > earlier.grade:
                hits.append(entry)
                before[entry.code] = earlier
        if not hits:
            return None
        return Reason._built(
            self.kind,
            self.level,
            _compared(
                hits,
                before,
                trail.ends,
                one="worse than at the assessment ending {end}, when last graded",
                several="worse than when last graded",
            ),
            _codes(hits),
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level."""
        facts.check_level(self.level, f"{path}.level")

    def describe(self) -> str:
        """The rule in a few words."""
        return f"worse than when last graded, now {_grade_words(self.grade)} or worse"


@attrs.frozen
class PersistentBorderline:
    """Propose ``level`` when the same sub-areas stay at 3 or worse across consecutive assessments.

    Persistent borderline care is the signature of low-level neglect (DOMAIN.md
    section 4). A sub-area that slips from 3 to 4 has not stopped being a
    concern, so "at 3" reads "at 3 or worse" (``grade``). Sub-areas are counted
    as :class:`SubAreasAtOrAbove` counts them: GCP2A sections, and an area that
    persists counts as one where none of its sub-areas does (an area and its
    sub-area are never counted twice). An assessment that did not grade an entry
    is skipped, not taken as a break: the last ``assessments`` that graded it
    must all be at the grade, the current one included. Silent until the history
    is long enough.

    Attributes:
        level: The level proposed.
        assessments: How many consecutive gradings, the current one included (2 or more).
        count: How many sub-areas must persist (1 or more).
        grade: The grade from which an entry counts as borderline or worse;
            ``None`` for the policy's concern grade.

    >>> from neglect_protocol.escalation import PersistentBorderline
    >>> PersistentBorderline(level=3, grade=3).describe()
    'at least 1 sub-area graded 3 or worse at each of the last 2 assessments to grade it'
    """

    kind: ClassVar[str] = "persistent_borderline"
    role: ClassVar[str] = RULE_ROLE

    level: int = attrs.field(validator=level_number)
    assessments: int = attrs.field(default=2, validator=whole_number(2))
    count: int = attrs.field(default=1, validator=whole_number(1))
    grade: Grade | None = attrs.field(default=None, converter=optional_grade_of)

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if enough sub-areas persisted, else ``None``."""
        if len(context.history) + 1 < self.assessments:
            return None
        grade = _effective(self.grade, context)
        trail = context.trail
        persisting: dict[str, list[Grading]] = {}
        for entry in context.at_or_above(grade):
            last = trail.last_gradings(entry.code, entry.grade or grade, self.assessments)
            if len(last) == self.assessments and all(each.grade >= grade for each in last):
                persisting[entry.code] = last
        if len(persisting) < self.count:
            return None
        hits = [
            (entry, persisting[entry.code])
            for entry in counted(context.profile, lambda entry: entry.code in persisting)
        ]
        if not hits or len(hits) < self.count:
            return None

        def write() -> str:
            shown = []
            for entry, last in hits:
                given = {each.position: str(each.grade.value) for each in last}
                span = range(last[0].position, last[-1].position + 1)
                shown.append(
                    f"{entry.code} {entry.name} ({', '.join(given.get(at, '-') for at in span)})"
                )
            gaps = (
                "; - marks an assessment that did not grade it"
                if any(len(last) < last[-1].position - last[0].position + 1 for _, last in hits)
                else ""
            )
            return (
                f"graded {grade.value} or worse at each of the last {self.assessments} "
                f"assessments to grade it (persistent borderline care{gaps}): {', '.join(shown)}"
            )

        return Reason._built(self.kind, self.level, write, _codes(entry for entry, _ in hits))

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level."""
        facts.check_level(self.level, f"{path}.level")

    def describe(self) -> str:
        """The rule in a few words."""
        noun = "sub-area" if self.count == 1 else "sub-areas"
        return (
            f"at least {self.count} {noun} {_grade_words(self.grade)} or worse "
            f"at each of the last {self.assessments} assessments to grade it"
        )


@attrs.frozen
class Drift:
    """Propose ``level`` when a concern has stayed one for longer than the drift period.

    The drift period and the concern grade are the policy's, so a decision and
    the review of the chronology (:class:`~neglect_protocol.chronology.DriftFinding`,
    which says when a concern's spell starts and ends) always agree. Silent
    without a history.

    Attributes:
        level: The level proposed.

    >>> from neglect_protocol.escalation import Drift
    >>> Drift(level=4).describe()
    "a concern (at the policy's concern grade or worse) for longer than the policy's drift period"
    """

    kind: ClassVar[str] = "drift"
    role: ClassVar[str] = RULE_ROLE

    level: int = attrs.field(validator=level_number)

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if a concern has drifted, else ``None``."""
        if not context.history:
            return None
        finding = context.trail.drift(context.profile, context.drift_period_days)
        if not finding.drifting:
            return None
        profile = context.profile

        def write() -> str:
            entries = [entry for entry in profile if entry.code in finding.codes]
            skipped = [(code, day) for code, day in finding.not_graded if code in finding.codes]
            gaps = (
                "; skipped assessments that did not grade them: "
                + ", ".join(f"{code} on {day}" for code, day in skipped)
                if skipped
                else ""
            )
            return (
                f"drift: graded {finding.grade.value} or worse at every assessment for "
                f"{finding.days} days since {finding.since}, longer than the drift period of "
                f"{finding.period_days} days: {_listed(entries)}{gaps}"
            )

        return Reason._built(self.kind, self.level, write, finding.codes)

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level."""
        facts.check_level(self.level, f"{path}.level")

    def describe(self) -> str:
        """The rule in a few words."""
        return (
            "a concern (at the policy's concern grade or worse) for longer than "
            "the policy's drift period"
        )


def _rules(instance: object, attribute: attrs.Attribute[tuple[Rule, ...]], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise PolicyError(
            attribute.name, f"expected a list of at least one rule, got {safe_repr(value)}"
        )


@attrs.frozen
class AllOf:
    """Propose a level only when every one of ``rules`` fires: a conjunction.

    Without its own ``level`` it proposes the highest level its rules propose.

    Attributes:
        rules: The rules joined (at least one).
        level: The level proposed; ``None`` for the highest of the rules'.

    >>> from neglect_protocol.escalation import AllOf, NoImprovement, SubAreasAtOrAbove
    >>> several = SubAreasAtOrAbove(grade=3, level=2, count=2)
    >>> print(AllOf((several, NoImprovement(level=2)), level=3).describe())
    all of: at least 2 sub-areas graded 3 or worse; a baseline concern (at the policy's ...
    """

    kind: ClassVar[str] = "all_of"
    role: ClassVar[str] = RULE_ROLE

    rules: tuple[Rule, ...] = attrs.field(converter=as_tuple, validator=_rules)
    level: int | None = attrs.field(default=None, validator=attrs.validators.optional(level_number))

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return a joint reason when every rule gives one, else ``None``."""
        reasons: list[Reason] = []
        for rule in self.rules:
            reason = checked_reason(rule(context), rule, context.levels)
            if reason is None:
                return None
            reasons.append(reason)
        return Reason._built(
            self.kind,
            self.level if self.level is not None else max(reason.level for reason in reasons),
            lambda: "all of: " + "; and ".join(reason.text for reason in reasons),
            tuple(dict.fromkeys(code for reason in reasons for code in reason.codes)),
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level, and check each rule joined."""
        if self.level is not None:
            facts.check_level(self.level, f"{path}.level")
        for index, rule in enumerate(self.rules):
            check_rule(rule, facts, f"{path}.rules[{index}]")

    def describe(self) -> str:
        """The rule in a few words."""
        return "all of: " + "; ".join(
            rule.describe() if hasattr(rule, "describe") else rule_label(rule)
            for rule in self.rules
        )


@attrs.frozen
class InfantStepUp:
    """A modifier: for an unborn child or one under ``under_months``, step each reason up.

    The protocol for infants treats the same grades as more urgent (DOMAIN.md
    section 5): the same profile that proposes level 2 for a school-age child
    proposes level 3 for a baby. It never lowers a level, and a reason already
    at the highest level stays there.

    Attributes:
        steps: How many levels to step up (1 or more).
        under_months: The age in completed months below which a child counts as
            an infant (12: under one).

    >>> from neglect_protocol.escalation import InfantStepUp
    >>> InfantStepUp().describe()
    'for an unborn child or one under 12 months, step every reason up 1 level'
    """

    kind: ClassVar[str] = "infant_step_up"
    role: ClassVar[str] = MODIFIER_ROLE

    steps: int = attrs.field(default=1, validator=whole_number(1))
    under_months: int = attrs.field(default=12, validator=whole_number(1))

    def applies(self, context: RuleContext) -> bool:
        """Whether the modifier can change any reason for ``context``: the child is an infant."""
        return context.is_infant(self.under_months)

    def __call__(self, context: RuleContext, reason: Reason) -> Reason:
        """Return ``reason`` stepped up for an infant, or unchanged."""
        if not context.is_infant(self.under_months):
            return reason
        raised = context.step_up(reason.level, self.steps)
        if raised == reason.level:
            return reason
        if context.is_born_during_window:
            who = "a newborn, born during the observation window"
        elif context.is_unborn:
            who = "unborn"
        elif self.under_months == 12:
            who = "under one"
        else:
            who = f"under {self.under_months} months old"
        return Reason._built(
            reason.rule,
            raised,
            lambda: (
                f"{reason.text}; stepped up from level {reason.level} because the child is "
                f"{who} (infant modifier)"
            ),
            reason.codes,
            reason.stepped_up_from or reason.level,
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Nothing to check beyond the fields: any policy can step up."""

    def describe(self) -> str:
        """The modifier in a few words."""
        noun = "level" if self.steps == 1 else "levels"
        return (
            f"for an unborn child or one under {self.under_months} months, "
            f"step every reason up {self.steps} {noun}"
        )


RULE_KINDS: FrozenMap[str, type] = FrozenMap(
    {
        spec.kind: spec
        for spec in (
            AreaAtOrAbove,
            SubAreasAtOrAbove,
            NamedSubAreasAtOrAbove,
            NoImprovement,
            Deterioration,
            PersistentBorderline,
            Drift,
            AllOf,
        )
    }
)
"""The rule specs a policy document can name, by ``kind``."""

ProfileRule: TypeAlias = AreaAtOrAbove | SubAreasAtOrAbove | NamedSubAreasAtOrAbove
"""A rule of the kinds that read one profile alone (:data:`PROFILE_RULE_KINDS`)."""

PROFILE_RULE_KINDS: frozenset[type] = frozenset(
    (AreaAtOrAbove, SubAreasAtOrAbove, NamedSubAreasAtOrAbove)
)
"""The rule kinds that read one profile alone, each what its ``source`` names at its ``grade``.

Each has ``_fire(profile, found)``, given what :func:`read` reads of the profile,
so a decision without history can give every such rule of a policy what it
reads from one pass over the profile.
"""

HISTORY_RULE_KINDS: frozenset[type] = frozenset(
    (NoImprovement, Deterioration, PersistentBorderline, Drift)
)
"""The rule kinds that compare assessments, and so are silent without a history."""

MODIFIER_KINDS: FrozenMap[str, type] = FrozenMap({InfantStepUp.kind: InfantStepUp})
"""The modifier specs a policy document can name, by ``kind``."""

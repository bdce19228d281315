"""The threshold rules and modifiers the library ships, each a declarative, callable spec.

Every rule is a frozen attrs value: its fields are its parameters (so a policy
round-trips through TOML or JSON), calling it with a
:class:`~neglect_protocol.escalation.RuleContext` returns a
:class:`~neglect_protocol.escalation.Reason` or ``None``, and :meth:`check` lets a
policy refuse it when the policy is built.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import attrs

from neglect_protocol._logic._specs import (
    as_tuple,
    codes,
    describe_codes,
    grade_of,
    level_number,
    whole_number,
)
from neglect_protocol._logic._trends import at_or_above, find_drift, graded
from neglect_protocol._model._escalation import (
    PolicyFacts,
    Reason,
    Rule,
    RuleContext,
    check_rule,
    checked_reason,
    rule_label,
)
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._profile import Profile, ProfileEntry
from neglect_protocol.errors import PolicyError


def _listed(entries: Iterable[ProfileEntry], earlier: dict[str, Grade] | None = None) -> str:
    parts = []
    for entry in entries:
        grade = "-" if entry.grade is None else str(entry.grade.value)
        was = earlier.get(entry.code) if earlier is not None else None
        parts.append(
            f"{entry.code} {entry.name} ({grade}{'' if was is None else f', was {was.value}'})"
        )
    return ", ".join(parts)


def _unit_noun(profile: Profile, count: int) -> str:
    noun = "sub-area" if profile.sub_areas else "section"
    return noun if count == 1 else f"{noun}s"


def _area_noun(profile: Profile, count: int) -> str:
    noun = "section" if profile.instrument.is_antenatal else "area"
    return noun if count == 1 else f"{noun}s"


def _codes(entries: Iterable[ProfileEntry]) -> tuple[str, ...]:
    return tuple(entry.code for entry in entries)


@attrs.frozen
class AreaAtOrAbove:
    """Propose ``level`` when any area (or GCP2A section) is graded ``grade`` or worse.

    Attributes:
        grade: The grade from which the rule fires (1 to 5).
        level: The level it proposes.
        areas: Only these areas; every area when empty.

    >>> AreaAtOrAbove(grade=4, level=4).describe()
    'any area graded 4 or worse'
    """

    kind: ClassVar[str] = "area_at_or_above"

    grade: Grade = attrs.field(converter=grade_of)
    level: int = attrs.field(validator=level_number)
    areas: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=codes)

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if an area reaches the grade, else ``None``."""
        profile = context.profile
        hits = [
            area
            for area in profile.areas
            if area.grade is not None
            and area.grade >= self.grade
            and (not self.areas or area.code in self.areas)
        ]
        if not hits:
            return None
        return Reason(
            self.kind,
            self.level,
            f"{_area_noun(profile, len(hits))} graded {self.grade.value} or worse: {_listed(hits)}",
            _codes(hits),
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level or area code."""
        facts.check_level(self.level, f"{path}.level")
        facts.check_codes(self.areas, f"{path}.areas", areas_only=True)

    def describe(self) -> str:
        """The rule in a few words."""
        return f"any area{describe_codes('of', self.areas)} graded {self.grade.value} or worse"


@attrs.frozen
class SubAreasAtOrAbove:
    """Propose ``level`` when at least ``count`` sub-areas are graded ``grade`` or worse.

    For a GCP2A profile the sections, which have no sub-areas, are counted.
    Several sub-areas at 3 is the cumulative picture that low-level neglect
    leaves (DOMAIN.md section 4).

    Attributes:
        grade: The grade from which a sub-area counts (1 to 5).
        level: The level proposed.
        count: How many sub-areas must reach the grade (1 or more).

    >>> SubAreasAtOrAbove(grade=3, level=3, count=3).describe()
    'at least 3 sub-areas graded 3 or worse'
    """

    kind: ClassVar[str] = "sub_areas_at_or_above"

    grade: Grade = attrs.field(converter=grade_of)
    level: int = attrs.field(validator=level_number)
    count: int = attrs.field(default=1, validator=whole_number(1))

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if enough sub-areas reach the grade, else ``None``."""
        profile = context.profile
        hits = [
            unit for unit in profile.units if unit.grade is not None and unit.grade >= self.grade
        ]
        if len(hits) < self.count:
            return None
        return Reason(
            self.kind,
            self.level,
            f"{len(hits)} {_unit_noun(profile, len(hits))} graded {self.grade.value} or worse "
            f"(at least {self.count} needed): {_listed(hits)}",
            _codes(hits),
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
    lacks is simply not there to fire.

    Attributes:
        codes: The sub-area codes (at least one, each in the policy's catalogues).
        grade: The grade from which the rule fires (1 to 5).
        level: The level proposed.

    >>> NamedSubAreasAtOrAbove(codes=("B1", "B2"), grade=4, level=4).describe()
    'any of B1, B2 graded 4 or worse'
    """

    kind: ClassVar[str] = "named_sub_areas_at_or_above"

    codes: tuple[str, ...] = attrs.field(converter=as_tuple, validator=codes)
    grade: Grade = attrs.field(converter=grade_of)
    level: int = attrs.field(validator=level_number)

    @codes.validator
    def _check_not_empty(
        self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        if not value:
            raise PolicyError("codes", "expected at least one sub-area code, got none")

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if a named sub-area reaches the grade, else ``None``."""
        hits = [
            entry
            for entry in context.profile
            if entry.code in self.codes and entry.grade is not None and entry.grade >= self.grade
        ]
        if not hits:
            return None
        return Reason(
            self.kind,
            self.level,
            f"named {_unit_noun(context.profile, len(hits))} graded {self.grade.value} or worse: "
            f"{_listed(hits)}",
            _codes(hits),
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level or a code no catalogue of the policy has."""
        facts.check_level(self.level, f"{path}.level")
        facts.check_codes(self.codes, f"{path}.codes", areas_only=False)

    def describe(self) -> str:
        """The rule in a few words."""
        return f"any of {', '.join(self.codes)} graded {self.grade.value} or worse"


@attrs.frozen
class NoImprovement:
    """Propose ``level`` when none of the baseline's concerns has improved at review.

    The concerns are the areas and sub-areas the baseline (the first profile of
    the history) graded ``grade`` or worse and the review grades too. Silent
    without a history, or when no such concern is graded again.

    Attributes:
        level: The level proposed.
        grade: The grade from which a baseline entry counts as a concern.

    >>> NoImprovement(level=3).describe()
    'no baseline concern (graded 3 or worse) better at review'
    """

    kind: ClassVar[str] = "no_improvement"

    level: int = attrs.field(validator=level_number)
    grade: Grade = attrs.field(default=Grade.BORDERLINE, converter=grade_of)

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if no baseline concern improved, else ``None``."""
        if not context.history:
            return None
        baseline_profile = context.history[0]
        baseline = graded(baseline_profile)
        tracked = [
            entry
            for entry in context.profile
            if entry.grade is not None
            and (before := baseline.get(entry.code)) is not None
            and before >= self.grade
        ]
        if not tracked or any(
            entry.grade < baseline[entry.code] for entry in tracked if entry.grade
        ):
            return None
        return Reason(
            self.kind,
            self.level,
            f"no improvement since the baseline ending {baseline_profile.window.end}: "
            f"{_listed(tracked, baseline)}",
            _codes(tracked),
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level."""
        facts.check_level(self.level, f"{path}.level")

    def describe(self) -> str:
        """The rule in a few words."""
        return f"no baseline concern (graded {self.grade.value} or worse) better at review"


@attrs.frozen
class Deterioration:
    """Propose ``level`` when an area or sub-area is worse than at the previous assessment.

    Only an entry that is now graded ``grade`` or worse counts, so a slip from 1
    to 2 does not escalate. Silent without a history.

    Attributes:
        level: The level proposed.
        grade: The grade an entry must now be at, or worse, to count.

    >>> Deterioration(level=3).describe()
    'worse than the previous assessment, now graded 3 or worse'
    """

    kind: ClassVar[str] = "deterioration"

    level: int = attrs.field(validator=level_number)
    grade: Grade = attrs.field(default=Grade.BORDERLINE, converter=grade_of)

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if something got worse, else ``None``."""
        if not context.history:
            return None
        previous_profile = context.history[-1]
        previous = graded(previous_profile)
        hits = [
            entry
            for entry in at_or_above(context.profile, self.grade)
            if (before := previous.get(entry.code)) is not None
            and entry.grade is not None
            and entry.grade > before
        ]
        if not hits:
            return None
        return Reason(
            self.kind,
            self.level,
            f"worse than at the previous assessment ending {previous_profile.window.end}: "
            f"{_listed(hits, previous)}",
            _codes(hits),
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level."""
        facts.check_level(self.level, f"{path}.level")

    def describe(self) -> str:
        """The rule in a few words."""
        return f"worse than the previous assessment, now graded {self.grade.value} or worse"


@attrs.frozen
class PersistentBorderline:
    """Propose ``level`` when the same sub-areas stay at 3 or worse across consecutive assessments.

    Persistent borderline care is the signature of low-level neglect (DOMAIN.md
    section 4). A sub-area that slips from 3 to 4 has not stopped being a
    concern, so "at 3" reads "at 3 or worse" (``grade``). Silent until the
    history is long enough.

    Attributes:
        level: The level proposed.
        assessments: How many consecutive assessments, the current one included (2 or more).
        count: How many sub-areas must persist (1 or more).
        grade: The grade from which an entry counts as borderline or worse.

    >>> PersistentBorderline(level=3).describe()
    'at least 1 area or sub-area graded 3 or worse in each of the last 2 assessments'
    """

    kind: ClassVar[str] = "persistent_borderline"

    level: int = attrs.field(validator=level_number)
    assessments: int = attrs.field(default=2, validator=whole_number(2))
    count: int = attrs.field(default=1, validator=whole_number(1))
    grade: Grade = attrs.field(default=Grade.BORDERLINE, converter=grade_of)

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if enough entries persisted, else ``None``."""
        window = context.profiles[-self.assessments :]
        if len(window) < self.assessments:
            return None
        by_profile = [graded(profile) for profile in window]
        hits = [
            entry
            for entry in at_or_above(context.profile, self.grade)
            if all(
                (grade := grades.get(entry.code)) is not None and grade >= self.grade
                for grades in by_profile
            )
        ]
        if len(hits) < self.count:
            return None
        history = ", ".join(
            f"{entry.code} {entry.name} "
            f"({', '.join(str(grades[entry.code].value) for grades in by_profile)})"
            for entry in hits
        )
        return Reason(
            self.kind,
            self.level,
            f"graded {self.grade.value} or worse in each of the last {self.assessments} "
            f"assessments (persistent borderline care): {history}",
            _codes(hits),
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level."""
        facts.check_level(self.level, f"{path}.level")

    def describe(self) -> str:
        """The rule in a few words."""
        noun = "area or sub-area" if self.count == 1 else "areas or sub-areas"
        return (
            f"at least {self.count} {noun} graded {self.grade.value} or worse "
            f"in each of the last {self.assessments} assessments"
        )


@attrs.frozen
class Drift:
    """Propose ``level`` when a concern has gone without improving for longer than the drift period.

    The period is the policy's ``drift_period_days``; see
    :class:`~neglect_protocol.chronology.DriftFinding` for when a concern counts
    as not improving. Silent without a history.

    Attributes:
        level: The level proposed.
        grade: The grade from which an entry counts as a concern.

    >>> Drift(level=4).describe()
    "a concern (graded 3 or worse) not improving for longer than the policy's drift period"
    """

    kind: ClassVar[str] = "drift"

    level: int = attrs.field(validator=level_number)
    grade: Grade = attrs.field(default=Grade.BORDERLINE, converter=grade_of)

    def __call__(self, context: RuleContext) -> Reason | None:
        """Return the reason if a concern has drifted, else ``None``."""
        if context.drift_period_days is None or not context.history:
            return None
        finding = find_drift(context.profiles, context.drift_period_days, self.grade)
        if not finding.drifting:
            return None
        entries = [entry for entry in context.profile if entry.code in finding.codes]
        return Reason(
            self.kind,
            self.level,
            f"drift: no improvement for {finding.days} days since {finding.since}, longer than "
            f"the drift period of {finding.period_days} days: {_listed(entries)}",
            finding.codes,
        )

    def check(self, facts: PolicyFacts, path: str) -> None:
        """Refuse an unknown level."""
        facts.check_level(self.level, f"{path}.level")

    def describe(self) -> str:
        """The rule in a few words."""
        return (
            f"a concern (graded {self.grade.value} or worse) not improving for longer than "
            f"the policy's drift period"
        )


def _rules(instance: object, attribute: attrs.Attribute[tuple[Rule, ...]], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise PolicyError(attribute.name, f"expected a list of at least one rule, got {value!r}")


@attrs.frozen
class AllOf:
    """Propose a level only when every one of ``rules`` fires: a conjunction.

    Without its own ``level`` it proposes the highest level its rules propose.

    Attributes:
        rules: The rules joined (at least one).
        level: The level proposed; ``None`` for the highest of the rules'.

    >>> several = SubAreasAtOrAbove(grade=3, level=2, count=2)
    >>> print(AllOf((several, NoImprovement(level=2)), level=3).describe())
    all of: at least 2 sub-areas graded 3 or worse; no baseline concern (graded 3 or worse) ...
    """

    kind: ClassVar[str] = "all_of"

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
        return Reason(
            self.kind,
            self.level if self.level is not None else max(reason.level for reason in reasons),
            "all of: " + "; and ".join(reason.text for reason in reasons),
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

    >>> InfantStepUp().describe()
    'for an unborn child or one under 12 months, step every reason up 1 level'
    """

    kind: ClassVar[str] = "infant_step_up"

    steps: int = attrs.field(default=1, validator=whole_number(1))
    under_months: int = attrs.field(default=12, validator=whole_number(1))

    def __call__(self, context: RuleContext, reason: Reason) -> Reason:
        """Return ``reason`` stepped up for an infant, or unchanged."""
        if not context.is_infant(self.under_months):
            return reason
        raised = context.step_up(reason.level, self.steps)
        if raised == reason.level:
            return reason
        if context.is_unborn:
            who = "unborn"
        elif self.under_months == 12:
            who = "under one"
        else:
            who = f"under {self.under_months} months old"
        return attrs.evolve(
            reason,
            level=raised,
            text=f"{reason.text}; stepped up from level {reason.level} because the child is "
            f"{who} (infant modifier)",
            stepped_up_from=reason.stepped_up_from or reason.level,
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

MODIFIER_KINDS: FrozenMap[str, type] = FrozenMap({InfantStepUp.kind: InfantStepUp})
"""The modifier specs a policy document can name, by ``kind``."""

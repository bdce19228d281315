"""Levels of need, threshold policies, the reasons rules give and the decisions they make."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import Any, Protocol, TypeAlias, runtime_checkable

import attrs

from neglect_protocol._model._assessment import ChildRef, ObservationWindow
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._checks import got, is_a
from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol._model._history import check_history
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import (
    DecisionError,
    PolicyError,
    ProfileError,
    RuleResultError,
    safe_repr,
)


def _whole_number(value: object, *, least: int) -> bool:
    # A level is a plain number: True is not 1, and a Grade (an IntEnum) is not a level.
    return isinstance(value, int) and not isinstance(value, (bool, enum.Enum)) and value >= least


def _policy_text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(attribute.name, f"expected non-empty text, got {safe_repr(value)}")


def _positive(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not _whole_number(value, least=1):
        raise PolicyError(
            attribute.name, f"expected a whole number above 0, got {safe_repr(value)}"
        )


@attrs.frozen
class LevelOfNeed:
    """One level of a partnership's threshold ("levels of need") framework.

    The numbers order the levels: a higher number is a greater need. How long
    until a decision at this level is reviewed is part of the level, so a policy
    cannot leave a level without one.

    Attributes:
        number: The level's number, 1 or more.
        name: Its name in the partnership's framework (``"Universal"``).
        typical_response: The usual response at this level, in plain English.
        review_after_days: Days from the end of the observation window to the
            review of a decision at this level.

    >>> level = LevelOfNeed(2, "Additional", "targeted early help", review_after_days=91)
    >>> str(level)
    'level 2 (Additional)'
    """

    number: int = attrs.field(validator=_positive)
    name: str = attrs.field(validator=_policy_text)
    typical_response: str = attrs.field(validator=_policy_text)
    review_after_days: int = attrs.field(validator=_positive)

    def __str__(self) -> str:
        return f"level {self.number} ({self.name})"


def _rule_name(instance: Reason, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise RuleResultError(
            "unnamed", f"expected the rule's name as text, got {safe_repr(value)}"
        )


def _reason_level(instance: Reason, attribute: attrs.Attribute[int], value: object) -> None:
    if not _whole_number(value, least=1):
        raise RuleResultError(
            instance.rule or "unnamed",
            f"expected a whole-number level of need, got {safe_repr(value)}",
        )


def _reason_text(instance: Reason, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise RuleResultError(
            instance.rule or "unnamed",
            f"expected a plain-English {attribute.name}, got {safe_repr(value)}",
        )


def _codes(value: Iterable[str]) -> tuple[str, ...]:
    # Text is iterable too: a lone "A1" must not become ("A", "1").
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RuleResultError(
            "unnamed", f"expected a list of codes as the reason's codes, got {got(value)}"
        )
    codes = tuple(value)
    for index, code in enumerate(codes):
        if not isinstance(code, str):
            raise RuleResultError("unnamed", f"expected a code as codes[{index}], got {got(code)}")
    return codes


@attrs.frozen
class Reason:
    """Why a rule proposes a level: the level, a sentence, and the codes that triggered it.

    A rule returns a reason to propose a level, or ``None`` to stay silent.
    The text is built from codes and grades, never from evidence.

    Attributes:
        rule: The name of the rule that gave the reason (filled in by
            :func:`~neglect_protocol.escalation.decide` when a rule leaves it empty).
        level: The number of the level proposed.
        text: The reason in plain English, naming the codes.
        codes: The area and sub-area codes that triggered the rule.
        stepped_up_from: The level first proposed, when a modifier (such as the
            infant modifier) stepped the proposal up; ``None`` otherwise.

    >>> str(Reason("area_at_or_above", 4, "area B (Care of safety) graded 4", ("B",)))
    'level 4: area B (Care of safety) graded 4 [area_at_or_above]'
    """

    rule: str = attrs.field(validator=_rule_name)
    level: int = attrs.field(validator=_reason_level)
    text: str = attrs.field(validator=_reason_text)
    codes: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    stepped_up_from: int | None = None

    def __str__(self) -> str:
        return f"level {self.level}: {self.text} [{self.rule}]"


def _profiles(value: Iterable[Profile]) -> tuple[Profile, ...]:
    if isinstance(value, (str, Profile)) or not isinstance(value, Iterable):
        raise ProfileError("history", f"expected a sequence of earlier profiles, got {got(value)}")
    return tuple(value)


def _a_policy(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, ThresholdPolicy):
        raise PolicyError("policy", f"expected a ThresholdPolicy, got {got(value)}")


@attrs.frozen(repr=False)
class RuleContext:
    """What a rule may look at: the profile, the child's age on the day, the history and the policy.

    The child's age and whether they are an infant are worked out for the first
    day of the observation window, so a decision never depends on a clock. The
    levels, the drift period and the concern grade come from the policy, never
    from defaults of the library's own.

    Attributes:
        profile: The profile being decided.
        history: The child's earlier profiles, oldest first (may be empty).
        policy: The threshold policy the decision is made under.

    Raises:
        ProfileError: If ``history`` is not a sequence of profiles, a profile in
            it is another child's, or the windows repeat, overlap or run out of
            order.
        PolicyError: If ``policy`` is not a threshold policy.
    """

    profile: Profile
    history: tuple[Profile, ...] = attrs.field(converter=_profiles)
    policy: ThresholdPolicy = attrs.field(validator=_a_policy)

    def __attrs_post_init__(self) -> None:
        labelled = [(f"history[{index}]", earlier) for index, earlier in enumerate(self.history)]
        check_history([*labelled, ("profile", self.profile)])

    def __repr__(self) -> str:
        return f"<RuleContext {self.profile} with {len(self.history)} earlier profiles>"

    @cached_property
    def levels(self) -> tuple[int, ...]:
        """The numbers of the policy's levels, lowest first."""
        return self.policy.facts.levels

    @cached_property
    def grades(self) -> tuple[dict[str, Grade], ...]:
        """The grade of every graded area and sub-area of each of :attr:`profiles`, by code.

        Worked out once per decision and shared by the rules that compare assessments.
        """
        return tuple(
            {entry.code: entry.grade for entry in profile if entry.grade is not None}
            for profile in self.profiles
        )

    @property
    def drift_period_days(self) -> int:
        """The policy's drift period, in days."""
        return self.policy.drift_period_days

    @property
    def concern_grade(self) -> Grade:
        """The grade from which an area or sub-area is a concern, as the policy sets it."""
        return self.policy.concern_grade

    @property
    def age_on(self) -> dt.date:
        """The day the child's age is taken on, the first day of the observation window.

        Validation and age bands take the age on the same day, and a baby who
        turns one during the window is still assessed as a baby.
        """
        return self.profile.window.start

    @property
    def is_unborn(self) -> bool:
        """Whether the child was not yet born on :attr:`age_on`."""
        return self.profile.child.is_unborn_on(self.age_on)

    @property
    def is_born_during_window(self) -> bool:
        """Whether the child was born during the observation window (unborn on its first day)."""
        return self.is_unborn and not self.profile.child.is_unborn_on(self.profile.window.end)

    @property
    def age_in_months(self) -> int | None:
        """The child's age in completed months on :attr:`age_on` (``None`` if unborn)."""
        return self.profile.child.age_in_months_on(self.age_on)

    def is_infant(self, under_months: int) -> bool:
        """Whether the child is unborn or younger than ``under_months`` on :attr:`age_on`.

        The age limit is the policy's (the infant modifier's ``under_months``),
        so it is always passed in.
        """
        age = self.age_in_months
        return age is None or age < under_months

    @property
    def profiles(self) -> tuple[Profile, ...]:
        """The history followed by the profile being decided."""
        return (*self.history, self.profile)

    def step_up(self, level: int, steps: int = 1) -> int:
        """The level ``steps`` above ``level`` among the policy's levels, capped at the highest."""
        higher = [number for number in self.levels if number > level]
        return higher[min(steps, len(higher)) - 1] if higher and steps > 0 else level


def rule_label(rule: object) -> str:
    """The name a reason records for ``rule``: its ``kind``, its ``__name__`` or its repr."""
    for attribute in ("kind", "__name__"):
        name = getattr(rule, attribute, None)
        if isinstance(name, str):
            return name
    return repr(rule)


def checked_reason(result: object, rule: object, levels: Sequence[int]) -> Reason | None:
    """Accept what ``rule`` returned if it is ``None`` or a reason at one of ``levels``.

    A reason with no rule name gets the rule's label.

    Raises:
        RuleResultError: If the result is neither, or names a level the policy lacks.
    """
    if result is None:
        return None
    label = rule_label(rule)
    if not isinstance(result, Reason):
        raise RuleResultError(label, f"expected a Reason or None, got a {type(result).__name__}")
    if result.level not in levels:
        known = ", ".join(str(number) for number in levels)
        raise RuleResultError(
            label,
            f"expected a reason at one of the policy's levels {known}, got level {result.level}",
        )
    return result if result.rule else attrs.evolve(result, rule=label)


Rule: TypeAlias = Callable[[RuleContext], "Reason | None"]
"""A threshold rule: a callable from a context to a :class:`Reason`, or ``None`` to stay silent."""

Modifier: TypeAlias = Callable[[RuleContext, Reason], Reason]
"""A modifier: a callable that may step a reason up (never down), such as the infant modifier."""

RULE_ROLE = "threshold rule"
"""The ``role`` of the library's threshold rule kinds (they go under a policy's ``rules``)."""

MODIFIER_ROLE = "modifier"
"""The ``role`` of the library's modifier kinds (they go under a policy's ``modifiers``)."""


@runtime_checkable
class Checkable(Protocol):
    """A rule or modifier that can check itself against a policy when the policy is built."""

    def check(self, policy: PolicyFacts, path: str) -> None:
        """Raise :class:`~neglect_protocol.errors.PolicyError` at ``path`` if it does not fit."""


@attrs.frozen
class PolicyFacts:
    """What a rule is checked against: the policy's level numbers and its catalogues."""

    levels: tuple[int, ...]
    catalogues: tuple[Catalogue, ...]

    def unknown_level(self, level: object, path: str) -> PolicyError:
        """The error for a level the policy does not define, for the caller to raise."""
        known = ", ".join(str(number) for number in self.levels)
        return PolicyError(
            path, f"expected one of the policy's levels {known}, got {safe_repr(level)}"
        )

    def check_level(self, level: int, path: str) -> None:
        """Refuse a level the policy does not define."""
        if level not in self.levels:
            raise self.unknown_level(level, path)

    def check_codes(self, codes: Sequence[str], path: str, *, areas_only: bool) -> None:
        """Refuse codes that are not areas (or, unless ``areas_only``, sub-areas) of a catalogue.

        A GCP2A section has no sub-areas, so it counts as a sub-area here too.
        """
        known: list[str] = []
        for catalogue in self.catalogues:
            with_sub_areas = {sub_area.area for sub_area in catalogue.sub_areas}
            known += [
                area.code
                for area in catalogue.areas
                if areas_only or area.code not in with_sub_areas
            ]
            if not areas_only:
                known += [sub_area.code for sub_area in catalogue.sub_areas]
        names = " or ".join(repr(catalogue.name) for catalogue in self.catalogues)
        what = "an area code" if areas_only else "a sub-area code (or a section's code)"
        for index, code in enumerate(codes):
            if code not in known:
                close = difflib.get_close_matches(str(code), known, n=3, cutoff=0.3)
                hint = f"; nearest valid codes: {', '.join(close)}" if close else ""
                raise PolicyError(
                    f"{path}[{index}]",
                    f"expected {what} of catalogue {names}, got {safe_repr(code)}{hint}",
                )


_BUILTIN_CATALOGUES: list[tuple[Catalogue, ...]] = []
# Filled once, by the public escalation module, with the shipped GCP2 and GCP2A
# structures: the model never reads package data, nor imports the boundary to.


def provide_builtin_catalogues(catalogues: Sequence[Catalogue]) -> None:
    """Record the catalogues a policy built without its own checks its codes against.

    The public module :mod:`neglect_protocol.escalation` calls this when it is
    imported (as importing any part of the package does), with the built-in
    structures.
    """
    _BUILTIN_CATALOGUES[:] = [tuple(catalogues)]


def _builtin_catalogues() -> tuple[Catalogue, ...]:
    if not _BUILTIN_CATALOGUES:
        raise PolicyError(
            "catalogues",
            "expected catalogues to check the rules' codes against, got none "
            "(pass catalogues=..., or import neglect_protocol.escalation first)",
        )
    return _BUILTIN_CATALOGUES[0]


def _sequence(value: Any, field: str) -> tuple[Any, ...]:
    """``value`` as a tuple, or an error naming ``field`` when it is not a sequence."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise PolicyError(field, f"expected a sequence, got a {type(value).__name__}")
    return tuple(value)


def _levels(value: Any) -> tuple[Any, ...]:
    return _sequence(value, "levels")


def _rules(value: Any) -> tuple[Any, ...]:
    return _sequence(value, "rules")


def _modifiers(value: Any) -> tuple[Any, ...]:
    return _sequence(value, "modifiers")


def _catalogues(value: Any) -> tuple[Any, ...]:
    return _sequence(value, "catalogues")


def _concern_grade(value: object) -> Grade:
    return to_grade(value, field="concern_grade")


@attrs.frozen(repr=False)
class ThresholdPolicy:
    """A partnership's threshold policy: levels of need, the rules that propose them, modifiers.

    A policy is checked when it is built: the levels must be numbered in rising
    order without repeats, there must be at least one rule, every rule and
    modifier must be callable and in its place (a modifier is not a rule, nor a
    screening outcome rule a threshold rule), and the library's own rules must
    name only the policy's levels, grades from 1 to 5 and codes of the policy's
    catalogues.

    Attributes:
        name: The policy's name.
        version: Its version, recorded on every decision.
        levels: The levels of need, lowest first.
        rules: The rules (at least one); each may propose a level (see
            :data:`~neglect_protocol.escalation.Rule`).
        drift_period_days: How long a concern may stay a concern before a
            chronology reports drift.
        modifiers: Applied to every reason that fires, in order (see
            :data:`~neglect_protocol.escalation.Modifier`).
        concern_grade: The grade from which an area or sub-area counts as a
            concern over time: drift, the step-down check (what resolved, what
            was not reassessed) and, unless a rule names its own grade, the
            rules that compare assessments. 3 (borderline) unless the policy
            says otherwise: persistent borderline care is the signature of
            low-level neglect (DOMAIN.md section 4).
        catalogues: The catalogues whose codes rules may name; by default the
            built-in GCP2 and GCP2A structures. Not part of the policy's identity.

    Raises:
        PolicyError: Naming the field at fault (``rules[2].level``).
        InvalidGradeError: If ``concern_grade`` is not a grade from 1 to 5.
    """

    name: str = attrs.field(validator=_policy_text)
    version: str = attrs.field(validator=_policy_text)
    levels: tuple[LevelOfNeed, ...] = attrs.field(converter=_levels)
    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    drift_period_days: int = attrs.field(validator=_positive)
    modifiers: tuple[Modifier, ...] = attrs.field(default=(), converter=_modifiers)
    concern_grade: Grade = attrs.field(default=Grade.BORDERLINE, converter=_concern_grade)
    catalogues: tuple[Catalogue, ...] = attrs.field(
        factory=_builtin_catalogues, converter=_catalogues, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        for section, values, what in (
            ("levels", self.levels, "level of need"),
            ("catalogues", self.catalogues, "catalogue"),
        ):
            if not values:
                raise PolicyError(section, f"expected at least one {what}, got none")
        previous: int | None = None
        for index, level in enumerate(self.levels):
            if not isinstance(level, LevelOfNeed):
                raise PolicyError(
                    f"levels[{index}]", f"expected a LevelOfNeed, got a {type(level).__name__}"
                )
            if previous is not None and level.number <= previous:
                raise PolicyError(
                    f"levels[{index}].number",
                    f"expected level numbers rising without repeats, got {level.number} "
                    f"after {previous}",
                )
            previous = level.number
        for index, catalogue in enumerate(self.catalogues):
            if not isinstance(catalogue, Catalogue):
                raise PolicyError(
                    f"catalogues[{index}]",
                    f"expected a Catalogue, got a {type(catalogue).__name__}",
                )
        if not self.rules:
            # A policy without rules would decide the lowest level for every child.
            raise PolicyError("rules", "expected at least one rule, got none")
        facts = self.facts
        for section, role, callables in (
            ("rules", RULE_ROLE, self.rules),
            ("modifiers", MODIFIER_ROLE, self.modifiers),
        ):
            for index, rule in enumerate(callables):
                check_rule(rule, facts, f"{section}[{index}]", role=role)

    def __repr__(self) -> str:
        return (
            f"<ThresholdPolicy {safe_repr(self.name)} version {safe_repr(self.version)}: "
            f"{len(self.levels)} levels, {len(self.rules)} rules, "
            f"{len(self.modifiers)} modifiers>"
        )

    @property
    def facts(self) -> PolicyFacts:
        """The level numbers and catalogues that rules are checked against."""
        return PolicyFacts(tuple(level.number for level in self.levels), self.catalogues)

    @property
    def lowest(self) -> LevelOfNeed:
        """The lowest level, decided when no rule fires."""
        return self.levels[0]

    @property
    def highest(self) -> LevelOfNeed:
        """The highest level."""
        return self.levels[-1]

    def level(self, number: int) -> LevelOfNeed:
        """Return the level numbered ``number``.

        Raises:
            PolicyError: If the policy has no such level.
        """
        for level in self.levels:
            if level.number == number:
                return level
        raise self.facts.unknown_level(number, "level")


def check_rule(rule: object, facts: PolicyFacts, path: str, *, role: str = RULE_ROLE) -> None:
    """Check one rule or modifier for a policy: callable, in its place, self-consistent.

    The library's rule and modifier kinds say what they are in a ``role``
    attribute, so a modifier among the rules (or a screening outcome rule in a
    threshold policy) is refused here rather than failing when first used.

    Raises:
        PolicyError: If ``rule`` is not callable, has another ``role``, or its
            own check fails.
    """
    if not callable(rule):
        raise PolicyError(path, f"expected a callable {role}, got a {type(rule).__name__}")
    found = getattr(rule, "role", None)
    if isinstance(found, str) and found != role:
        raise PolicyError(path, f"expected a {role}, got a {found} ({safe_repr(rule_label(rule))})")
    if isinstance(rule, Checkable):
        rule.check(facts, path)


def _rationale(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    # The rationale is free text about a child: only its type may be named.
    if not isinstance(value, str):
        raise DecisionError("rationale", f"expected text, got a {type(value).__name__}")
    if not value.strip():
        raise DecisionError("rationale", "expected a non-empty rationale, got blank text")


def _reference(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise DecisionError(
            attribute.name, f"expected a non-empty reference, got {safe_repr(value)}"
        )


def _optional_day(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise DecisionError(attribute.name, f"expected a date or None, got {safe_repr(value)}")


def _original(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Decision):
        raise DecisionError("original", f"expected the Decision overridden, got {got(value)}")


@attrs.frozen
class Override:
    """A practitioner's professional override of a decision, with the decision it replaced.

    Attributes:
        original: The decision as it stood before the override (itself possibly
            overridden), kept so that it stays visible.
        rationale: Why the level was changed: mandatory free text, never shown
            in a ``repr`` or an error message.
        by: The pseudonymous reference of whoever made the override.
        on: The day it was made, if recorded.
    """

    original: Decision = attrs.field(validator=_original)
    rationale: str = attrs.field(validator=_rationale, repr=False)
    by: str = attrs.field(validator=_reference)
    on: dt.date | None = attrs.field(default=None, validator=_optional_day)


@attrs.frozen(repr=False)
class Decision:
    """The level of need a policy decides for a profile, with every reason that fired.

    A decision is checked when it is built, so that it cannot say something its
    reasons do not: its level must be the policy's, and the highest of its
    reasons' levels (the lowest level when none fired) unless an override
    records why it differs.

    Attributes:
        level: The level decided: the highest any rule proposed, the policy's
            lowest level when none fired, or the level of an override.
        reasons: Every reason that fired, in the order of the policy's rules
            (not only the winning one).
        review_by: When to review the decision: the end of the observation
            window plus the level's review interval.
        child: The child the profile is about.
        window: The profile's observation window.
        policy: The policy that decided.
        assessment_reference: The host system's reference for the assessment.
        overridden: The professional override, if the level was changed by one.

    Raises:
        DecisionError: If a field has the wrong type, the level is not one of the
            policy's, or (without an override) it is not the highest reason's.
    """

    level: LevelOfNeed
    reasons: tuple[Reason, ...]
    review_by: dt.date
    child: ChildRef
    window: ObservationWindow
    policy: ThresholdPolicy
    assessment_reference: str | None = attrs.field(
        default=None, validator=is_a(str, "a reference", DecisionError, optional=True)
    )
    overridden: Override | None = attrs.field(
        default=None, validator=is_a(Override, "an Override", DecisionError, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        for field, kind, what in (
            ("policy", ThresholdPolicy, "a ThresholdPolicy"),
            ("child", ChildRef, "a ChildRef"),
            ("window", ObservationWindow, "an ObservationWindow"),
            ("level", LevelOfNeed, "a LevelOfNeed"),
        ):
            if not isinstance(getattr(self, field), kind):
                raise DecisionError(field, f"expected {what}, got {got(getattr(self, field))}")
        if not isinstance(self.review_by, dt.date) or isinstance(self.review_by, dt.datetime):
            raise DecisionError("review_by", f"expected a date, got {got(self.review_by)}")
        if not isinstance(self.reasons, tuple):
            raise DecisionError("reasons", f"expected a tuple of Reason, got {got(self.reasons)}")
        levels = self.policy.facts.levels
        for index, reason in enumerate(self.reasons):
            if not isinstance(reason, Reason):
                raise DecisionError(f"reasons[{index}]", f"expected a Reason, got {got(reason)}")
            if reason.level not in levels:
                raise DecisionError(
                    f"reasons[{index}].level",
                    f"expected one of the policy's levels, got {reason.level}",
                )
        if self.level not in self.policy.levels:
            raise DecisionError("level", f"expected one of the policy's levels, got {self.level}")
        proposed = max((reason.level for reason in self.reasons), default=self.policy.lowest.number)
        if self.overridden is None and self.level.number != proposed:
            raise DecisionError(
                "level",
                f"expected level {proposed}, the highest of the reasons' levels (the lowest "
                f"level when none fired), got level {self.level.number} without an override",
            )

    def __repr__(self) -> str:
        extra = (
            f"; overridden from level {self.overridden.original.level.number}"
            if self.overridden is not None
            else ""
        )
        return (
            f"<Decision {self.level} child={safe_repr(self.child.reference)} "
            f"review_by={self.review_by.isoformat()} reasons={len(self.reasons)}{extra}>"
        )

    @property
    def typical_response(self) -> str:
        """The typical response at the decided level."""
        return self.level.typical_response

    @property
    def is_overridden(self) -> bool:
        """Whether a practitioner overrode the level the rules decided."""
        return self.overridden is not None

    @property
    def proposed(self) -> Decision:
        """The decision the rules made, before any override (``self`` if none)."""
        decision = self
        while decision.overridden is not None:
            decision = decision.overridden.original
        return decision

    def override(
        self, level: int, *, rationale: str, by: str, on: dt.date | None = None
    ) -> Decision:
        """Record a professional override to another level, keeping this decision visible.

        Professional judgement can always change the level a policy proposes; the
        rationale is mandatory. The review date follows the new level.

        Args:
            level: The number of the level to change to.
            rationale: Why: free text, kept but never shown in a ``repr`` or error.
            by: Who made the override (a pseudonymous reference).
            on: The day it was made, if recorded.

        Returns:
            The overridden decision; its ``overridden.original`` is this one.

        Raises:
            DecisionError: If the level is not one of the policy's, is the level
                already decided, or the rationale or ``by`` is missing.
        """
        try:
            new_level = self.policy.level(level)
        except PolicyError as error:
            raise DecisionError("level", error.problems[0].message) from None
        if new_level == self.level:
            raise DecisionError(
                "level",
                f"expected a level other than the decided level {self.level.number}"
                f", got {safe_repr(level)}",
            )
        record = Override(self, rationale, by, on)
        return attrs.evolve(
            self,
            level=new_level,
            review_by=self.window.end + dt.timedelta(days=new_level.review_after_days),
            overridden=record,
        )

    def _repr_html_(self) -> str:
        """The decision as HTML, for notebooks (text escaped, the rationale never shown)."""
        # Rendering is the boundary's business; deferred so the model never loads it unasked.
        from neglect_protocol._boundary._escalation_html import decision_html

        return decision_html(self)

"""The rule runtime: what a threshold rule is given, and how its answer is checked.

A policy (:mod:`neglect_protocol._model._policy`) only holds its rules; this
module is where they meet a profile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import Any, Final, TypeAlias

import attrs

from neglect_protocol._logic._trends import Trail, counted_among, graded
from neglect_protocol._model._checks import got
from neglect_protocol._model._decision import Reason
from neglect_protocol._model._grade import Grade
from neglect_protocol._model._history import check_history, require_profiles
from neglect_protocol._model._policy import ThresholdPolicy, rule_label
from neglect_protocol._model._profile import Profile, ProfileEntry
from neglect_protocol.errors import AssessmentError, PolicyError, safe_repr

AT: Final = "at"
"""What a rule reads of a profile: every area and sub-area at or above its grade."""

AREAS: Final = "areas"
"""What a rule reads of a profile: the areas (or GCP2A sections) at or above its grade."""

COUNTED: Final = "counted"
"""What a rule reads of a profile: the units at or above its grade, counted as sub-areas."""


def entries_at_or_above(entries: Iterable[ProfileEntry], grade: Grade) -> list[ProfileEntry]:
    """The ``entries`` graded ``grade`` or worse, in order."""
    return [entry for entry in entries if entry.grade is not None and entry.grade >= grade]


def among(source: str, hits: Sequence[ProfileEntry]) -> Sequence[ProfileEntry]:
    """What ``source`` (:data:`AT`, :data:`AREAS` or :data:`COUNTED`) reads of ``hits``.

    ``hits`` are the entries of one profile at or above a grade, in profile order.
    """
    if source == AREAS:
        return [entry for entry in hits if entry.is_area]
    if source == COUNTED:
        return counted_among(hits)
    return hits


def is_infant(age_in_months: int | None, under_months: int) -> bool:
    """Whether a child of ``age_in_months`` (``None``: unborn) is younger than ``under_months``."""
    return age_in_months is None or age_in_months < under_months


def _profiles(value: Iterable[Profile]) -> tuple[Profile, ...]:
    if isinstance(value, (str, Profile)) or not isinstance(value, Iterable):
        raise AssessmentError(
            "history", f"expected a sequence of earlier profiles, got {got(value)}"
        )
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
        AssessmentError: If ``history`` is not a sequence of profiles, a profile in
            it is another child's, or the windows repeat, overlap or run out of
            order.
        PolicyError: If ``policy`` is not a threshold policy.
    """

    profile: Profile
    history: tuple[Profile, ...] = attrs.field(converter=_profiles)
    policy: ThresholdPolicy = attrs.field(validator=_a_policy)

    def __attrs_post_init__(self) -> None:
        labelled = [(f"history[{index}]", earlier) for index, earlier in enumerate(self.history)]
        if labelled:
            check_history([*labelled, ("profile", self.profile)])
        else:
            require_profiles((("profile", self.profile),))

    @classmethod
    def _built(
        cls,
        profile: Profile,
        history: tuple[Profile, ...],
        policy: ThresholdPolicy,
        trail: Trail,
        grades_now: dict[str, Grade],
    ) -> RuleContext:
        """A context for a history already checked, with what is known of it already.

        A review decides each profile of a chronology (checked when it was built)
        with the profiles before it: checking each prefix again, or reading it
        again into a trail, would make the review quadratic. ``trail`` must be the
        trail of ``history`` under the policy's concern grade, and ``grades_now``
        the grades by code of ``profile``.
        """
        context = object.__new__(cls)
        object.__setattr__(context, "profile", profile)
        object.__setattr__(context, "history", history)
        object.__setattr__(context, "policy", policy)
        object.__setattr__(context, "trail", trail)
        object.__setattr__(context, "graded", grades_now)
        return context

    @classmethod
    def _first(cls, profile: Profile, policy: ThresholdPolicy) -> RuleContext:
        """A context without history, for a profile and policy already known to be such.

        A first decision has no history to check: the constructor's checks would
        only repeat what the caller knows.
        """
        context = object.__new__(cls)
        object.__setattr__(context, "profile", profile)
        object.__setattr__(context, "history", ())
        object.__setattr__(context, "policy", policy)
        # The per-grade caches every rule asks for, set now rather than on first use.
        object.__setattr__(context, "_at", {})
        object.__setattr__(context, "_areas_at", {})
        object.__setattr__(context, "_counted_at", {})
        return context

    def __repr__(self) -> str:
        return f"<RuleContext {self.profile} with {len(self.history)} earlier profiles>"

    @cached_property
    def levels(self) -> tuple[int, ...]:
        """The numbers of the policy's levels, lowest first."""
        return tuple(level.number for level in self.policy.levels)

    @cached_property
    def graded(self) -> dict[str, Grade]:
        """The grade of every graded area and sub-area of the ``profile``, by code.

        Worked out once per decision and shared by every rule.
        """
        return graded(self.profile)

    @cached_property
    def trail(self) -> Trail:
        """What the history says, read once and shared by the rules that compare assessments.

        Kept under the policy's concern grade (see
        :class:`~neglect_protocol._logic._trends.Trail`).
        """
        return Trail.of(self.history, self.policy.concern_grade)

    @cached_property
    def _at(self) -> dict[Grade, tuple[ProfileEntry, ...]]:
        return {}

    @cached_property
    def _areas_at(self) -> dict[Grade, tuple[ProfileEntry, ...]]:
        return {}

    @cached_property
    def _counted_at(self) -> dict[Grade, tuple[ProfileEntry, ...]]:
        return {}

    def at_or_above(self, grade: Grade) -> tuple[ProfileEntry, ...]:
        """The areas and sub-areas of the ``profile`` graded ``grade`` or worse, in profile order.

        Worked out once per grade and shared by every rule.
        """
        found = self._at.get(grade)
        if found is None:
            found = self._at[grade] = tuple(entries_at_or_above(self.profile.entries, grade))
        return found

    def areas_at_or_above(self, grade: Grade) -> tuple[ProfileEntry, ...]:
        """The areas (or GCP2A sections) of the ``profile`` graded ``grade`` or worse, in order.

        Worked out once per grade and shared by every rule.
        """
        found = self._areas_at.get(grade)
        if found is None:
            found = self._areas_at[grade] = tuple(among(AREAS, self.at_or_above(grade)))
        return found

    def counted_at_or_above(self, grade: Grade) -> tuple[ProfileEntry, ...]:
        """The units graded ``grade`` or worse, counted as the sub-area rules count them.

        Sub-areas (or GCP2A sections), and an area where none of its sub-areas
        is: the area grade is the practitioner's authoritative judgement
        (DOMAIN.md section 4). Worked out once per grade and shared by every rule.
        """
        found = self._counted_at.get(grade)
        if found is None:
            found = self._counted_at[grade] = tuple(among(COUNTED, self.at_or_above(grade)))
        return found

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

    @cached_property
    def age_in_months(self) -> int | None:
        """The child's age in completed months on :attr:`age_on` (``None`` if unborn)."""
        return self.profile.child.age_in_months_on(self.age_on)

    def is_infant(self, under_months: int) -> bool:
        """Whether the child is unborn or younger than ``under_months`` on :attr:`age_on`.

        The age limit is the policy's (the infant modifier's ``under_months``),
        so it is always passed in.
        """
        return is_infant(self.age_in_months, under_months)

    @property
    def profiles(self) -> tuple[Profile, ...]:
        """The history followed by the profile being decided."""
        return (*self.history, self.profile)

    def step_up(self, level: int, steps: int = 1) -> int:
        """The level ``steps`` above ``level`` among the policy's levels, capped at the highest."""
        higher = [number for number in self.levels if number > level]
        return higher[min(steps, len(higher)) - 1] if higher and steps > 0 else level


def checked_reason(result: object, rule: object, levels: Sequence[int]) -> Reason | None:
    """Accept what ``rule`` returned if it is ``None`` or a reason at one of ``levels``.

    A reason with no rule name gets the rule's label.

    Raises:
        PolicyError: If the result is neither, or names a level the policy lacks.
    """
    if result is None:
        return None
    label = rule_label(rule)
    if not isinstance(result, Reason):
        raise PolicyError(
            f"rule {safe_repr(label)}", f"expected a Reason or None, got a {type(result).__name__}"
        )
    if result.level not in levels:
        known = ", ".join(str(number) for number in levels)
        raise PolicyError(
            f"rule {safe_repr(label)}",
            f"expected a reason at one of the policy's levels {known}, got level {result.level}",
        )
    return result if result.rule else attrs.evolve(result, rule=label)


Rule: TypeAlias = Callable[[RuleContext], "Reason | None"]
"""A threshold rule: a callable from a context to a :class:`Reason`, or ``None`` to stay silent."""

Modifier: TypeAlias = Callable[[RuleContext, Reason], Reason]
"""A modifier: a callable that may step a reason up (never down), such as the infant modifier."""

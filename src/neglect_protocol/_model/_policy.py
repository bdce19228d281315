"""Levels of need and threshold policies: what a partnership decides with, checked when built.

A policy holds its rules and modifiers as callables; running them against a
profile is the logic's business (:mod:`neglect_protocol._logic._rule_context`),
so nothing here evaluates a rule. What a rule may name is checked here, through
the :class:`Checkable` protocol, when the policy is built.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

import attrs

from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._grade import Grade, to_grade
from neglect_protocol.errors import PolicyError, safe_repr


def whole_number(value: object, *, least: int) -> bool:
    """Whether ``value`` is a plain whole number of at least ``least``.

    A level is a plain number: ``True`` is not 1, and a grade (an ``IntEnum``)
    is not a level.
    """
    return isinstance(value, int) and not isinstance(value, (bool, enum.Enum)) and value >= least


def _policy_text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(attribute.name, f"expected non-empty text, got {safe_repr(value)}")


def _positive(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not whole_number(value, least=1):
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

    >>> from neglect_protocol.escalation import LevelOfNeed
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


def rule_label(rule: object) -> str:
    """The name a reason records for ``rule``: its ``kind``, its ``__name__`` or its repr."""
    for attribute in ("kind", "__name__"):
        name = getattr(rule, attribute, None)
        if isinstance(name, str):
            return name
    return repr(rule)  # echo-safe: the repr of a rule value, itself safe


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
        names = " or ".join(safe_repr(catalogue.name) for catalogue in self.catalogues)
        what = "an area code" if areas_only else "a sub-area code (or a section's code)"
        for index, code in enumerate(codes):
            if code not in known:
                close = difflib.get_close_matches(str(code), known, n=3, cutoff=0.3)
                hint = f"; nearest valid codes: {', '.join(close)}" if close else ""
                raise PolicyError(
                    f"{path}[{index}]",
                    f"expected {what} of catalogue {names}, got {safe_repr(code)}{hint}",
                )


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


def _a_flag(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise PolicyError(attribute.name, f"expected true or false, got a {type(value).__name__}")


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
        requires_monotone_roll_up: Whether the policy decides only on profiles
            whose suggested grades come from a monotone roll-up rule (``worst``,
            ``median``, ``mean``): with a non-monotone rule such as ``mode``, a
            worse item grade can lower the level decided. ``True`` unless the
            policy says otherwise; a caller may still allow a non-monotone
            roll-up for one decision.
        catalogues: The catalogues whose codes rules may name (keyword only, at
            least one; ``(GCP2, GCP2A)`` from :mod:`neglect_protocol.catalogue`
            for the shipped structures). Not part of the policy's identity.

    Raises:
        PolicyError: Naming the field at fault (``rules[2].level``).
        InvalidGradeError: If ``concern_grade`` is not a grade from 1 to 5.
    """

    name: str = attrs.field(validator=_policy_text)
    version: str = attrs.field(validator=_policy_text)
    levels: tuple[LevelOfNeed, ...] = attrs.field(converter=_levels)
    rules: tuple[Callable[..., Any], ...] = attrs.field(converter=_rules)
    drift_period_days: int = attrs.field(validator=_positive)
    modifiers: tuple[Callable[..., Any], ...] = attrs.field(default=(), converter=_modifiers)
    concern_grade: Grade = attrs.field(default=Grade.BORDERLINE, converter=_concern_grade)
    requires_monotone_roll_up: bool = attrs.field(default=True, validator=_a_flag)
    catalogues: tuple[Catalogue, ...] = attrs.field(
        kw_only=True, converter=_catalogues, eq=False, repr=False
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

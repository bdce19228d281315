"""The reasons threshold rules give and the decisions a policy makes, with overrides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import attrs

from neglect_protocol._model._assessment import ChildRef, ObservationWindow
from neglect_protocol._model._checks import got, is_a
from neglect_protocol._model._policy import LevelOfNeed, ThresholdPolicy, whole_number
from neglect_protocol._model._profile import Profile
from neglect_protocol.errors import AssessmentError, PolicyError, safe_repr


def _rule_name(instance: Reason, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise PolicyError(
            "rule 'unnamed'", f"expected the rule's name as text, got {safe_repr(value)}"
        )


def _reason_level(instance: Reason, attribute: attrs.Attribute[int], value: object) -> None:
    if not whole_number(value, least=1):
        raise PolicyError(
            f"rule {safe_repr(instance.rule or 'unnamed')}",
            f"expected a whole-number level of need, got {safe_repr(value)}",
        )


def _reason_text(instance: Reason, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(
            f"rule {safe_repr(instance.rule or 'unnamed')}",
            f"expected a plain-English {attribute.name}, got {safe_repr(value)}",
        )


def _codes(value: Iterable[str]) -> tuple[str, ...]:
    # Text is iterable too: a lone "A1" must not become ("A", "1").
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise PolicyError(
            "rule 'unnamed'", f"expected a list of codes as the reason's codes, got {got(value)}"
        )
    codes = tuple(value)
    for index, code in enumerate(codes):
        if not isinstance(code, str):
            raise PolicyError(
                "rule 'unnamed'", f"expected a code as codes[{index}], got {got(code)}"
            )
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

    >>> from neglect_protocol.escalation import Reason
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

    @classmethod
    def _built(
        cls,
        rule: str,
        level: int,
        text: Callable[[], str] | tuple[Any, ...],
        codes: tuple[str, ...],
        stepped_up_from: int | None = None,
    ) -> Reason:
        """A reason the library's own rules give, its text written only when first read.

        Not for reasons from outside: nothing is checked. The library's rules
        build reasons from values already checked (a level the policy was checked
        to have, codes of the profile), and most reasons are never read as text
        (a decision's level needs only their levels), so the sentence waits.
        ``text`` is a function of no arguments, or a tuple of a function and its
        arguments (one object for the garbage collector to track, where a closure
        is several); either must be pure: it may run once, later, or never.
        """
        reason = _new(cls)
        _set_rule(reason, rule)
        _set_level(reason, level)
        _set_text(reason, text)  # pending: a callable, where written text is a str
        _set_codes(reason, codes)
        _set_stepped(reason, stepped_up_from)
        return reason

    @classmethod
    def _pending(cls, rule: str, level: int, writer: Writer, profile: Profile) -> Reason:
        """A reason whose text and codes ``writer`` works out from ``profile`` when first read.

        Not for reasons from outside: nothing is checked. A rule that reads one
        profile alone (an area or sub-areas at a grade) can say again from the
        profile which entries made it fire, so a decision holds the reason alone
        until its text or codes are read: no sentence, no tuple of entries and
        no tuple of codes for each reason of each decision. ``writer`` must be
        pure (immutable, as the library's rule specs are).
        """
        reason = _new(cls)
        _set_rule(reason, rule)
        _set_level(reason, level)
        _set_text(reason, writer)  # pending: the writer, where written text is a str
        _set_codes(reason, profile)  # pending: the profile, where written codes are a tuple
        _set_stepped(reason, None)
        return reason


class Writer(Protocol):
    """What writes a pending reason's text and codes (see :meth:`Reason._pending`)."""

    def _written(self, profile: Profile) -> tuple[str, tuple[str, ...]]:
        """The reason's text and codes for ``profile``."""


def _write(instance: Reason, pending: Any) -> str:
    """Write the pending text of ``instance`` (and its codes, if pending too), and return it."""
    codes = _CODES_SLOT.__get__(instance, Reason)
    if type(codes) is Profile:
        text, written = pending._written(codes)
        _set_codes(instance, written)
    else:
        text = pending[0](*pending[1:]) if type(pending) is tuple else pending()
    _set_text(instance, text)
    return text  # type: ignore[no-any-return]


class _LazyText:
    """The ``text`` slot of :class:`Reason`, writing pending text on first read.

    Every reader (attribute access, ``==``, ``hash``, ``repr``, ``attrs.evolve``,
    serialisation) goes through ``__get__``, so none sees the pending form.
    """

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self.slot
        value = self.slot.__get__(instance, owner)
        if type(value) is not str:
            value = _write(instance, value)  # type: ignore[arg-type]
        return value

    def __set__(self, instance: object, value: object) -> None:
        self.slot.__set__(instance, value)


class _LazyCodes:
    """The ``codes`` slot of :class:`Reason`, working out pending codes on first read.

    The codes are pending only while the text is (see :meth:`Reason._pending`):
    both are written together.
    """

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self.slot
        value = self.slot.__get__(instance, owner)
        if type(value) is Profile:
            _write(instance, _TEXT_SLOT.__get__(instance, owner))  # type: ignore[arg-type]
            value = self.slot.__get__(instance, owner)
        return value

    def __set__(self, instance: object, value: object) -> None:
        self.slot.__set__(instance, value)


# The slots themselves, for Reason._built and Reason._pending: setting them directly
# skips the checks of a frozen class, and the text and codes slots take the pending
# forms as they are.
_TEXT_SLOT = Reason.__dict__["text"]
_CODES_SLOT = Reason.__dict__["codes"]
_new = object.__new__
_set_rule = Reason.__dict__["rule"].__set__
_set_level = Reason.__dict__["level"].__set__
_set_text = _TEXT_SLOT.__set__
_set_codes = _CODES_SLOT.__set__
_set_stepped = Reason.__dict__["stepped_up_from"].__set__
setattr(Reason, "text", _LazyText(_TEXT_SLOT))  # noqa: B010
setattr(Reason, "codes", _LazyCodes(_CODES_SLOT))  # noqa: B010


def _rationale(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    # The rationale is free text about a child: only its type may be named.
    if not isinstance(value, str):
        raise AssessmentError("rationale", f"expected text, got a {type(value).__name__}")
    if not value.strip():
        raise AssessmentError("rationale", "expected a non-empty rationale, got blank text")


def _reference(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AssessmentError(
            attribute.name, f"expected a non-empty reference, got {safe_repr(value)}"
        )


def _optional_day(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise AssessmentError(attribute.name, f"expected a date or None, got {safe_repr(value)}")


def _original(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Decision):
        raise AssessmentError("original", f"expected the Decision overridden, got {got(value)}")


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
        AssessmentError: If a field has the wrong type, the level is not one of the
            policy's, or (without an override) it is not the highest reason's.
    """

    level: LevelOfNeed
    reasons: tuple[Reason, ...]
    review_by: dt.date
    child: ChildRef
    window: ObservationWindow
    policy: ThresholdPolicy
    assessment_reference: str | None = attrs.field(
        default=None, validator=is_a(str, "a reference", AssessmentError, optional=True)
    )
    overridden: Override | None = attrs.field(
        default=None, validator=is_a(Override, "an Override", AssessmentError, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        for field, kind, what in (
            ("policy", ThresholdPolicy, "a ThresholdPolicy"),
            ("child", ChildRef, "a ChildRef"),
            ("window", ObservationWindow, "an ObservationWindow"),
            ("level", LevelOfNeed, "a LevelOfNeed"),
        ):
            if not isinstance(getattr(self, field), kind):
                raise AssessmentError(field, f"expected {what}, got {got(getattr(self, field))}")
        if not isinstance(self.review_by, dt.date) or isinstance(self.review_by, dt.datetime):
            raise AssessmentError("review_by", f"expected a date, got {got(self.review_by)}")
        if not isinstance(self.reasons, tuple):
            raise AssessmentError("reasons", f"expected a tuple of Reason, got {got(self.reasons)}")
        levels = self.policy.facts.levels
        for index, reason in enumerate(self.reasons):
            if not isinstance(reason, Reason):
                raise AssessmentError(f"reasons[{index}]", f"expected a Reason, got {got(reason)}")
            if reason.level not in levels:
                raise AssessmentError(
                    f"reasons[{index}].level",
                    f"expected one of the policy's levels, got {reason.level}",
                )
        if self.level not in self.policy.levels:
            # A level's name is configured text: shown only through the echo rule.
            raise AssessmentError(
                "level",
                f"expected one of the policy's levels, got level {self.level.number} "
                f"({safe_repr(self.level.name)})",
            )
        proposed = max((reason.level for reason in self.reasons), default=self.policy.lowest.number)
        if self.overridden is None and self.level.number != proposed:
            raise AssessmentError(
                "level",
                f"expected level {proposed}, the highest of the reasons' levels (the lowest "
                f"level when none fired), got level {self.level.number} without an override",
            )

    @classmethod
    def _built(
        cls,
        level: LevelOfNeed,
        reasons: tuple[Reason, ...],
        review_by: dt.date,
        child: ChildRef,
        window: ObservationWindow,
        policy: ThresholdPolicy,
        assessment_reference: str | None,
    ) -> Decision:
        """A decision the library's ``decide`` made, built without checking it again.

        ``decide`` takes the level from the policy as the highest of the
        reasons' (whose levels it checked) and copies the rest from a profile,
        so the checks of ``__init__`` could only repeat what it knows.
        """
        decision = _new(cls)
        _DECISION_SLOTS.level(decision, level)
        _DECISION_SLOTS.reasons(decision, reasons)
        _DECISION_SLOTS.review_by(decision, review_by)
        _DECISION_SLOTS.child(decision, child)
        _DECISION_SLOTS.window(decision, window)
        _DECISION_SLOTS.policy(decision, policy)
        _DECISION_SLOTS.assessment_reference(decision, assessment_reference)
        _DECISION_SLOTS.overridden(decision, None)
        return decision

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
            AssessmentError: If the level is not one of the policy's, is the level
                already decided, or the rationale or ``by`` is missing.
        """
        try:
            new_level = self.policy.level(level)
        except PolicyError as error:
            raise AssessmentError("level", error.problems[0].message) from None
        if new_level == self.level:
            raise AssessmentError(
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

    if TYPE_CHECKING:  # Attached by the public module from the boundary; see _api.attach_views.

        def _repr_html_(self) -> str: ...


class _DecisionSlots(NamedTuple):
    """The setters of :class:`Decision`'s slots, for ``Decision._built``."""

    level: Callable[[Decision, Any], None]
    reasons: Callable[[Decision, Any], None]
    review_by: Callable[[Decision, Any], None]
    child: Callable[[Decision, Any], None]
    window: Callable[[Decision, Any], None]
    policy: Callable[[Decision, Any], None]
    assessment_reference: Callable[[Decision, Any], None]
    overridden: Callable[[Decision, Any], None]


_DECISION_SLOTS = _DecisionSlots(
    *(Decision.__dict__[name].__set__ for name in _DecisionSlots._fields)
)

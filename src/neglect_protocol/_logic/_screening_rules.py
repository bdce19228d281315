"""Outcome rules for the neglect screening tool, and screening itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

from neglect_protocol._logic._specs import as_tuple, codes, whole_number
from neglect_protocol._model._checks import got, member_of
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._policy import rule_label
from neglect_protocol._model._screening import (
    OUTCOME_RULE_ROLE,
    Answer,
    Checklist,
    Screening,
    ScreeningContext,
    ScreeningDecision,
    ScreeningOutcome,
    ScreeningPolicy,
    ScreeningReason,
    Sign,
)
from neglect_protocol.errors import AssessmentError, PolicyError, UnknownCodeError, safe_repr


def _outcome(value: object) -> ScreeningOutcome:
    return member_of(ScreeningOutcome, value, "outcome", PolicyError)


def _answers(value: object) -> tuple[Answer, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise PolicyError("answers", f"expected a list of answers, got {safe_repr(value)}")
    answers = [
        member_of(Answer, answer, f"answers[{index}]", PolicyError)
        for index, answer in enumerate(value)
    ]
    if not answers:
        raise PolicyError("answers", "expected at least one answer, got none")
    return tuple(answers)


_CONCERNING = (Answer.APPLIES, Answer.SOMETIMES)


def _answered(answers: tuple[Answer, ...]) -> str:
    return " or ".join(safe_repr(answer) for answer in answers)


def _listed(signs: Iterable[Sign]) -> str:
    return ", ".join(sign.code for sign in signs)


@attrs.frozen
class SignsAnswered:
    """Propose ``outcome`` when at least ``min_count`` signs get one of ``answers``.

    Attributes:
        outcome: The outcome proposed.
        min_count: How many signs must be so answered (1 or more).
        answers: The answers that count (``applies`` by default).
        domains: Only signs of these domains; every domain when empty.
    """

    kind: ClassVar[str] = "signs_answered"
    role: ClassVar[str] = OUTCOME_RULE_ROLE

    outcome: ScreeningOutcome = attrs.field(converter=_outcome)
    min_count: int = attrs.field(default=1, validator=whole_number(1))
    answers: tuple[Answer, ...] = attrs.field(default=(Answer.APPLIES,), converter=_answers)
    domains: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=codes)

    def __call__(self, context: ScreeningContext) -> ScreeningReason | None:
        """Return the reason if enough signs were so answered, else ``None``."""
        signs = [
            sign
            for sign in context.signs_answered(self.answers)
            if not self.domains or sign.domain in self.domains
        ]
        if len(signs) < self.min_count:
            return None
        where = f" in {', '.join(self.domains)}" if self.domains else ""
        return ScreeningReason(
            self.kind,
            self.outcome,
            f"{len(signs)} sign{'s' if len(signs) != 1 else ''}{where} answered "
            f"{_answered(self.answers)} (at least {self.min_count} needed): {_listed(signs)}",
            tuple(sign.code for sign in signs),
        )

    def check(self, checklist: Checklist, path: str) -> None:
        """Refuse a domain the checklist lacks."""
        for index, code in enumerate(self.domains):
            try:
                checklist.domain(code)
            except UnknownCodeError as error:
                raise PolicyError(f"{path}.domains[{index}]", error.problems[0].message) from None


@attrs.frozen
class DomainsWithSigns:
    """Propose ``outcome`` when signs get one of ``answers`` in at least ``min_domains`` domains.

    Many domains touched at once is the cumulative harm the case review found
    pieced together too late (DOMAIN.md section 5).

    Attributes:
        outcome: The outcome proposed.
        min_domains: How many domains must show a sign (1 or more).
        answers: The answers that count (``applies`` by default).
    """

    kind: ClassVar[str] = "domains_with_signs"
    role: ClassVar[str] = OUTCOME_RULE_ROLE

    outcome: ScreeningOutcome = attrs.field(converter=_outcome)
    min_domains: int = attrs.field(validator=whole_number(1))
    answers: tuple[Answer, ...] = attrs.field(default=(Answer.APPLIES,), converter=_answers)

    def __call__(self, context: ScreeningContext) -> ScreeningReason | None:
        """Return the reason if enough domains show a sign, else ``None``."""
        signs = context.signs_answered(self.answers)
        domains = list(dict.fromkeys(sign.domain for sign in signs))
        if len(domains) < self.min_domains:
            return None
        names = ", ".join(context.checklist.domain(code).name for code in domains)
        return ScreeningReason(
            self.kind,
            self.outcome,
            f"signs answered {_answered(self.answers)} in {len(domains)} domains "
            f"(at least {self.min_domains} needed): {names} ({_listed(signs)})",
            tuple(sign.code for sign in signs),
        )

    def check(self, checklist: Checklist, path: str) -> None:
        """Nothing to check against the checklist."""


@attrs.frozen
class SeriousSigns:
    """Propose ``outcome`` when any sign the checklist marks serious gets one of ``answers``.

    Attributes:
        outcome: The outcome proposed.
        answers: The answers that count (``applies`` or ``sometimes`` by default).
    """

    kind: ClassVar[str] = "serious_signs"
    role: ClassVar[str] = OUTCOME_RULE_ROLE

    outcome: ScreeningOutcome = attrs.field(converter=_outcome)
    answers: tuple[Answer, ...] = attrs.field(default=_CONCERNING, converter=_answers)

    def __call__(self, context: ScreeningContext) -> ScreeningReason | None:
        """Return the reason if a serious sign was so answered, else ``None``."""
        signs = [sign for sign in context.signs_answered(self.answers) if sign.serious]
        if not signs:
            return None
        return ScreeningReason(
            self.kind,
            self.outcome,
            f"serious sign{'s' if len(signs) != 1 else ''} answered "
            f"{_answered(self.answers)}: {_listed(signs)}",
            tuple(sign.code for sign in signs),
        )

    def check(self, checklist: Checklist, path: str) -> None:
        """Nothing to check against the checklist."""


@attrs.frozen
class NamedSigns:
    """Propose ``outcome`` when any of the named signs gets one of ``answers``.

    Attributes:
        outcome: The outcome proposed.
        codes: The signs' codes (at least one, each in the checklist).
        answers: The answers that count (``applies`` or ``sometimes`` by default).
    """

    kind: ClassVar[str] = "named_signs"
    role: ClassVar[str] = OUTCOME_RULE_ROLE

    outcome: ScreeningOutcome = attrs.field(converter=_outcome)
    codes: tuple[str, ...] = attrs.field(converter=as_tuple, validator=codes)
    answers: tuple[Answer, ...] = attrs.field(default=_CONCERNING, converter=_answers)

    @codes.validator
    def _check_not_empty(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if not value:
            raise PolicyError("codes", "expected at least one sign code, got none")

    def __call__(self, context: ScreeningContext) -> ScreeningReason | None:
        """Return the reason if a named sign was so answered, else ``None``."""
        signs = [sign for sign in context.signs_answered(self.answers) if sign.code in self.codes]
        if not signs:
            return None
        return ScreeningReason(
            self.kind,
            self.outcome,
            f"named sign{'s' if len(signs) != 1 else ''} answered "
            f"{_answered(self.answers)}: {_listed(signs)}",
            tuple(sign.code for sign in signs),
        )

    def check(self, checklist: Checklist, path: str) -> None:
        """Refuse a sign the checklist lacks."""
        for index, code in enumerate(self.codes):
            try:
                checklist.sign(code)
            except UnknownCodeError as error:
                raise PolicyError(f"{path}.codes[{index}]", error.problems[0].message) from None


@attrs.frozen
class NotKnown:
    """Propose ``outcome`` when at least ``min_count`` signs are not known (or unanswered).

    Brief contact leaves much unknown; that is a reason to talk it through, not
    a reason for reassurance.

    Attributes:
        outcome: The outcome proposed.
        min_count: How many signs must be not known (1 or more).
    """

    kind: ClassVar[str] = "not_known"
    role: ClassVar[str] = OUTCOME_RULE_ROLE

    outcome: ScreeningOutcome = attrs.field(converter=_outcome)
    min_count: int = attrs.field(validator=whole_number(1))

    def __call__(self, context: ScreeningContext) -> ScreeningReason | None:
        """Return the reason if enough signs are not known, else ``None``."""
        signs = context.signs_answered((Answer.NOT_KNOWN,))
        if len(signs) < self.min_count:
            return None
        return ScreeningReason(
            self.kind,
            self.outcome,
            f"{len(signs)} signs not known (at least {self.min_count} needed): {_listed(signs)}",
            tuple(sign.code for sign in signs),
        )

    def check(self, checklist: Checklist, path: str) -> None:
        """Nothing to check against the checklist."""


OUTCOME_RULE_KINDS: FrozenMap[str, type] = FrozenMap(
    {
        spec.kind: spec
        for spec in (SignsAnswered, DomainsWithSigns, SeriousSigns, NamedSigns, NotKnown)
    }
)
"""The outcome rule specs a screening policy document can name, by ``kind``."""


def screen(screening: Screening, *, policy: ScreeningPolicy) -> ScreeningDecision:
    """Decide the outcome of a completed screening under ``policy``.

    The public :func:`neglect_protocol.screening.screen` documents this and
    supplies the default policy.

    Raises:
        AssessmentError: If ``screening`` is not a screening.
        UnknownCodeError: If an answer names a sign the checklist lacks.
        PolicyError: If ``policy`` is not a screening policy.
        PolicyError: If a rule returns something that is not ``None`` or a
            :class:`~neglect_protocol.screening.ScreeningReason`.
    """
    if not isinstance(screening, Screening):
        raise AssessmentError("screening", f"expected a Screening, got {got(screening)}")
    if not isinstance(policy, ScreeningPolicy):
        raise PolicyError("policy", f"expected a ScreeningPolicy, got {got(policy)}")
    checklist = policy.checklist
    for index, answer in enumerate(screening.answers):
        checklist.sign(answer.sign, field=f"answers[{index}].sign")
    context = ScreeningContext(screening, checklist)
    reasons: list[ScreeningReason] = []
    for rule in policy.rules:
        result = rule(context)
        if result is None:
            continue
        if not isinstance(result, ScreeningReason):
            raise PolicyError(
                f"rule {safe_repr(rule_label(rule))}",
                f"expected a ScreeningReason or None, got a {type(result).__name__}",
            )
        reasons.append(result)
    outcome = max(
        (reason.outcome for reason in reasons),
        key=lambda outcome: outcome.rank,
        default=ScreeningOutcome.NO_FURTHER_ACTION,
    )
    return ScreeningDecision(
        outcome=outcome,
        reasons=tuple(reasons),
        child=screening.child,
        completed_on=screening.completed_on,
        not_known=tuple(sign.code for sign in context.signs_answered((Answer.NOT_KNOWN,))),
        policy=policy,
        screening_reference=screening.reference,
    )

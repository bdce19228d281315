"""The neglect screening tool: a checklist of signs, a completed screening, and its outcome."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, TypeAlias

import attrs

from neglect_protocol._model._assessment import ChildRef
from neglect_protocol._model._checks import got, member_of
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._policy import rule_label
from neglect_protocol.errors import AssessmentError, PolicyError, UnknownCodeError, safe_repr


class Answer(enum.Enum):
    """How a screener answers one sign of the checklist."""

    APPLIES = "applies"
    SOMETIMES = "sometimes"
    DOES_NOT_APPLY = "does not apply"
    NOT_KNOWN = "not known"


class ScreeningOutcome(enum.Enum):
    """What a screening leads to: an action, never a 1 to 5 grade.

    Outcomes are ordered by :attr:`rank`, from no further action to a referral.

    >>> from neglect_protocol.screening import ScreeningOutcome
    >>> ScreeningOutcome.REQUEST_GCP2.description
    'request a GCP2 by a licensed practitioner'
    """

    NO_FURTHER_ACTION = "no_further_action"
    DISCUSS_WITH_SAFEGUARDING_LEAD = "discuss_with_safeguarding_lead"
    REQUEST_GCP2 = "request_gcp2"
    REFER_TO_FRONT_DOOR = "refer_to_front_door"

    @property
    def rank(self) -> int:
        """The outcome's place in the order, 0 for no further action up to 3 for a referral."""
        return list(ScreeningOutcome).index(self)

    @property
    def description(self) -> str:
        """The outcome in plain English."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    ScreeningOutcome.NO_FURTHER_ACTION: "no further action",
    ScreeningOutcome.DISCUSS_WITH_SAFEGUARDING_LEAD: "discuss with the safeguarding lead",
    ScreeningOutcome.REQUEST_GCP2: "request a GCP2 by a licensed practitioner",
    ScreeningOutcome.REFER_TO_FRONT_DOOR: "refer to the front door",
}


def _text(error: Callable[[str, str], Exception]) -> Callable[..., None]:
    """A validator refusing anything but non-empty text, raising ``error``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            raise error(attribute.name, f"expected non-empty text, got {safe_repr(value)}")

    return check


# A checklist and a policy are the partnership's configuration (PolicyError); a
# screening is one child's record (AssessmentError).
_CONFIGURED_TEXT = _text(PolicyError)


def _flag(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise PolicyError(attribute.name, f"expected true or false, got {safe_repr(value)}")


@attrs.frozen
class Domain:
    """A domain of the checklist (health, feeding, supervision, ...).

    Attributes:
        code: A short code, unique in the checklist.
        name: The domain's name.
    """

    code: str = attrs.field(validator=_CONFIGURED_TEXT)
    name: str = attrs.field(validator=_CONFIGURED_TEXT)


@attrs.frozen
class Sign:
    """A sign of possible neglect, within a domain.

    Attributes:
        code: A short code, unique in the checklist.
        domain: The code of its domain.
        text: The sign's wording (checklist data, not about any child).
        serious: Whether the sign is serious enough on its own for outcome
            rules that look for serious signs.
    """

    code: str = attrs.field(validator=_CONFIGURED_TEXT)
    domain: str = attrs.field(validator=_CONFIGURED_TEXT)
    text: str = attrs.field(validator=_CONFIGURED_TEXT)
    serious: bool = attrs.field(default=False, validator=_flag)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    # A wrongly typed value is left as it is for the field's check to name.
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]
    return tuple(value)


def _sequence_of(what: str, error: Callable[[str, str], Exception]) -> Callable[..., None]:
    """A validator refusing anything but a tuple (the converter makes lists tuples)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise error(attribute.name, f"expected a sequence of {what}, got {got(value)}")

    return check


@attrs.frozen(repr=False)
class Checklist:
    """A screening checklist: signs grouped by domain.

    Attributes:
        name: The checklist's name.
        version: Its version.
        domains: The domains, in order.
        signs: The signs, domain by domain in the order of ``domains`` (and in the
            order given within each); each names its domain.

    Raises:
        PolicyError: If there is no domain or sign, a domain has no sign, a
            code repeats, or a sign names a domain the checklist lacks.
    """

    name: str = attrs.field(validator=_CONFIGURED_TEXT)
    version: str = attrs.field(validator=_CONFIGURED_TEXT)
    domains: tuple[Domain, ...] = attrs.field(
        converter=_tuple, validator=_sequence_of("Domain", PolicyError)
    )
    signs: tuple[Sign, ...] = attrs.field(
        converter=_tuple, validator=_sequence_of("Sign", PolicyError)
    )

    def __attrs_post_init__(self) -> None:
        for section, kind, values in (
            ("domains", Domain, self.domains),
            ("signs", Sign, self.signs),
        ):
            if not values:
                raise PolicyError(section, f"expected at least one {kind.__name__}, got none")
            seen: set[str] = set()
            for index, value in enumerate(values):
                if not isinstance(value, kind):
                    raise PolicyError(
                        f"{section}[{index}]",
                        f"expected a {kind.__name__}, got a {type(value).__name__}",
                    )
                if value.code in seen:
                    raise PolicyError(
                        f"{section}[{index}].code",
                        f"expected each code once, got {safe_repr(value.code)} again",
                    )
                seen.add(value.code)
        domains = {domain.code for domain in self.domains}
        for index, sign in enumerate(self.signs):
            if sign.domain not in domains:
                raise PolicyError(
                    f"signs[{index}].domain",
                    f"expected a domain of the checklist ({', '.join(sorted(domains))}), "
                    f"got {safe_repr(sign.domain)}",
                )
        with_signs = {sign.domain for sign in self.signs}
        for index, domain in enumerate(self.domains):
            if domain.code not in with_signs:
                raise PolicyError(
                    f"domains[{index}]",
                    f"expected at least one sign in domain {safe_repr(domain.code)}, got none",
                )
        # A checklist is read and written as domains, each with its signs: signs are
        # kept in that order (domain by domain, in order within each) so that a
        # checklist and the file it is written to list them alike.
        position = {domain.code: index for index, domain in enumerate(self.domains)}
        grouped = tuple(sorted(self.signs, key=lambda sign: position[sign.domain]))
        object.__setattr__(self, "signs", grouped)

    def __repr__(self) -> str:
        return (
            f"<Checklist {safe_repr(self.name)}"
            f" version {safe_repr(self.version)}: {len(self.domains)} domains, "
            f"{len(self.signs)} signs>"
        )

    @cached_property
    def _by_code(self) -> FrozenMap[str, Sign]:
        return FrozenMap({sign.code: sign for sign in self.signs})

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def sign(self, code: str, *, field: str = "sign") -> Sign:
        """Return the sign with ``code``.

        Raises:
            UnknownCodeError: If the checklist has no such sign, with the nearest codes.
        """
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            import difflib  # Only a mistake needs it: importing the package stays cheap.

            close = (
                difflib.get_close_matches(code, list(self._by_code), n=3, cutoff=0.3)
                if isinstance(code, str)
                else []
            )
            raise UnknownCodeError(
                code,
                catalogue=self.name,
                suggestions=close,
                field=field,
                what="a sign of checklist",
            ) from None

    def domain(self, code: str) -> Domain:
        """Return the domain with ``code``.

        Raises:
            UnknownCodeError: If the checklist has no such domain.
        """
        for domain in self.domains:
            if domain.code == code:
                return domain
        raise UnknownCodeError(
            code, catalogue=self.name, field="domain", what="a domain of checklist"
        )


def _answer(value: object) -> Answer:
    # A screener's answer slot may hold evidence typed in the wrong place: never echo it.
    return member_of(Answer, value, "answer", AssessmentError)


def _evidence(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    # Evidence is free text about a child: only its type may be named.
    if not isinstance(value, str):
        raise AssessmentError("evidence", f"expected text, got a {type(value).__name__}")


@attrs.frozen
class SignAnswer:
    """The answer to one sign, with the evidence for it.

    An answer of *applies* or *sometimes* needs evidence: what was seen or heard,
    kept as free text that never appears in a ``repr`` or an error message.

    Attributes:
        sign: The sign's code.
        answer: The answer (an :class:`Answer`, or its text such as ``"applies"``).
        evidence: What the answer rests on.

    >>> from neglect_protocol.screening import SignAnswer
    >>> SignAnswer("HE1", "applies", evidence="invented: two missed appointments")
    SignAnswer(sign='HE1', answer=<Answer.APPLIES: 'applies'>)
    """

    sign: str = attrs.field(repr=safe_repr, validator=_text(AssessmentError))
    answer: Answer = attrs.field(converter=_answer)
    evidence: str = attrs.field(default="", validator=_evidence, repr=False)

    @evidence.validator
    def _check_evidence(self, attribute: attrs.Attribute[str], value: str) -> None:
        if self.answer in (Answer.APPLIES, Answer.SOMETIMES) and not value.strip():
            raise AssessmentError(
                "evidence",
                f"expected evidence for an answer of {safe_repr(self.answer)}, got none",
            )


def _date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise AssessmentError(attribute.name, f"expected a date, got {safe_repr(value)}")


def _optional_reference(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise AssessmentError(
            attribute.name, f"expected a non-empty reference or None, got {safe_repr(value)}"
        )


def _child(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, ChildRef):
        raise AssessmentError("child", f"expected a ChildRef, got a {type(value).__name__}")


@attrs.frozen
class Screening:
    """One completed screening of one child.

    Signs left unanswered count as *not known*.

    Attributes:
        child: The child screened.
        completed_on: The day the screening was completed.
        answers: The answers, each sign at most once.
        screener: Who completed it (a pseudonymous reference).
        reference: The host system's reference for the screening.

    Raises:
        AssessmentError: If a sign is answered twice.
    """

    child: ChildRef = attrs.field(validator=_child)
    completed_on: dt.date = attrs.field(validator=_date)
    answers: tuple[SignAnswer, ...] = attrs.field(
        converter=_tuple, validator=_sequence_of("SignAnswer", AssessmentError)
    )
    screener: str | None = attrs.field(repr=safe_repr, default=None, validator=_optional_reference)
    reference: str | None = attrs.field(repr=safe_repr, default=None, validator=_optional_reference)

    @answers.validator
    def _check_answers(self, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        seen: set[str] = set()
        for index, answer in enumerate(value):
            if not isinstance(answer, SignAnswer):
                raise AssessmentError(
                    f"answers[{index}]", f"expected a SignAnswer, got a {type(answer).__name__}"
                )
            if answer.sign in seen:
                raise AssessmentError(
                    f"answers[{index}].sign",
                    f"expected each sign once, got {safe_repr(answer.sign)} again",
                )
            seen.add(answer.sign)

    @cached_property
    def by_sign(self) -> FrozenMap[str, Answer]:
        """The answer given for each sign answered, by code."""
        return FrozenMap({answer.sign: answer.answer for answer in self.answers})

    def answer_for(self, code: str) -> Answer:
        """The answer for ``code``: *not known* when the sign was left unanswered."""
        answer: Answer = self.by_sign.get(code, Answer.NOT_KNOWN)
        return answer


@attrs.frozen(repr=False)
class ScreeningContext:
    """What an outcome rule may look at: the screening and its checklist.

    Attributes:
        screening: The completed screening.
        checklist: The checklist it was completed against.
    """

    screening: Screening
    checklist: Checklist

    def __repr__(self) -> str:
        return (
            f"<ScreeningContext child={safe_repr(self.screening.child.reference)} {self.checklist}>"
        )

    def signs_answered(self, answers: Iterable[Answer]) -> tuple[Sign, ...]:
        """The checklist's signs answered with any of ``answers``, in checklist order."""
        wanted = set(answers)
        return tuple(
            sign for sign in self.checklist.signs if self.screening.answer_for(sign.code) in wanted
        )


def _outcome(instance: ScreeningReason, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, ScreeningOutcome):
        raise PolicyError(
            f"rule {safe_repr(str(instance.rule))}",
            f"expected a ScreeningOutcome as the outcome, got {safe_repr(value)}",
        )


@attrs.frozen
class ScreeningReason:
    """Why an outcome rule proposes an outcome, naming the signs that triggered it.

    Attributes:
        rule: The name of the rule.
        outcome: The outcome proposed.
        text: The reason in plain English (built from sign codes, never evidence).
        signs: The codes of the signs that triggered it.
    """

    rule: str
    outcome: ScreeningOutcome = attrs.field(validator=_outcome)
    text: str
    signs: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def __str__(self) -> str:
        return f"{self.outcome.description}: {self.text} [{self.rule}]"


OutcomeRule: TypeAlias = Callable[[ScreeningContext], "ScreeningReason | None"]
"""An outcome rule: a callable from a context to a :class:`ScreeningReason`, or ``None``."""

OUTCOME_RULE_ROLE = "screening outcome rule"
"""The ``role`` of the library's screening outcome rule kinds."""


@attrs.frozen(repr=False)
class ScreeningPolicy:
    """The outcome rules that turn a screening into a decision, with the checklist they use.

    Attributes:
        name: The policy's name.
        version: Its version.
        checklist: The checklist the rules refer to.
        rules: The outcome rules.

    Raises:
        PolicyError: If the rules are not a sequence, a rule is not callable, is
            a threshold rule or modifier, or names a sign the checklist lacks.
    """

    name: str = attrs.field(validator=_CONFIGURED_TEXT)
    version: str = attrs.field(validator=_CONFIGURED_TEXT)
    checklist: Checklist
    rules: tuple[OutcomeRule, ...] = attrs.field(
        converter=_tuple, validator=_sequence_of("outcome rules", PolicyError)
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.checklist, Checklist):
            raise PolicyError(
                "checklist", f"expected a Checklist, got a {type(self.checklist).__name__}"
            )
        for index, rule in enumerate(self.rules):
            if not callable(rule):
                raise PolicyError(
                    f"rules[{index}]", f"expected a callable rule, got a {type(rule).__name__}"
                )
            role = getattr(rule, "role", None)
            if isinstance(role, str) and role != OUTCOME_RULE_ROLE:
                # A threshold rule or modifier would fail only when first used.
                raise PolicyError(
                    f"rules[{index}]",
                    f"expected a {OUTCOME_RULE_ROLE}, got a {role} ({safe_repr(rule_label(rule))})",
                )
            check = getattr(rule, "check", None)
            if callable(check):
                check(self.checklist, f"rules[{index}]")

    def __repr__(self) -> str:
        return (
            f"<ScreeningPolicy {safe_repr(self.name)}"
            f" version {safe_repr(self.version)}: {len(self.rules)} rules "
            f"on {self.checklist}>"
        )


@attrs.frozen(repr=False)
class ScreeningDecision:
    """The outcome of a screening, with every reason that fired: never a grade.

    Attributes:
        outcome: The highest outcome any rule proposed; no further action when
            none fired.
        reasons: Every reason that fired, in the order of the policy's rules.
        child: The child screened.
        completed_on: The day the screening was completed.
        not_known: Signs answered *not known* or left unanswered, in checklist order.
        policy: The policy that decided.
        screening_reference: The host system's reference for the screening.
    """

    outcome: ScreeningOutcome
    reasons: tuple[ScreeningReason, ...]
    child: ChildRef
    completed_on: dt.date
    not_known: tuple[str, ...]
    policy: ScreeningPolicy
    screening_reference: str | None = None

    def __repr__(self) -> str:
        return (
            f"<ScreeningDecision {self.outcome.value} child={safe_repr(self.child.reference)} "
            f"completed_on={self.completed_on.isoformat()} reasons={len(self.reasons)}>"
        )

    @property
    def description(self) -> str:
        """The outcome in plain English."""
        return self.outcome.description

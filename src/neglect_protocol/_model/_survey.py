"""Feedback surveys: response scales, questions, respondent groups and responses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from attrs import validators as v

from neglect_protocol._model._checks import got, is_a, listed, tuple_of
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol.errors import AssuranceError, UnknownCodeError, safe_repr


def _label(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AssuranceError(attribute.name, f"expected non-empty text, got {got(value)}")


def _unique_labels(what: str) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not value:
            raise AssuranceError(
                attribute.name, f"expected a non-empty tuple of {what}, got {got(value)}"
            )
        seen: dict[str, int] = {}
        for index, element in enumerate(value):
            if not isinstance(element, str) or not element.strip():
                raise AssuranceError(
                    f"{attribute.name}[{index}]", f"expected {what} as text, got {got(element)}"
                )
            if element in seen:
                raise AssuranceError(
                    f"{attribute.name}[{index}]",
                    f"expected each {what} once, got {attribute.name}[{seen[element]}] again",
                )
            seen[element] = index

    return check


def _answer_set(answers: Iterable[str]) -> frozenset[str]:
    if isinstance(answers, str) or not isinstance(answers, Iterable):
        raise AssuranceError("positive", f"expected a collection of answers, got {got(answers)}")
    return frozenset(answers)


@attrs.frozen
class ResponseScale:
    """The answers a question offers, in order, and which usually count as positive.

    Attributes:
        name: The scale's name.
        answers: The answers offered, in the order the form lists them.
        default_positive: The answers a question on this scale counts as positive
            unless it says otherwise (may be empty: then every question must say).

    >>> from neglect_protocol.survey import YES_NO
    >>> YES_NO.answers, sorted(YES_NO.default_positive)
    (('yes', 'no'), ['yes'])
    """

    name: str = attrs.field(validator=_label)
    answers: tuple[str, ...] = attrs.field(validator=_unique_labels("answer"))
    default_positive: frozenset[str] = attrs.field(default=frozenset(), converter=_answer_set)

    @answers.validator
    def _check_two(
        self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        if len(value) < 2:
            raise AssuranceError("answers", f"expected at least two answers, got {len(value)}")

    @default_positive.validator
    def _check_default(
        self, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]
    ) -> None:
        _check_positive(self.answers, value, "default_positive")


def _check_positive(answers: tuple[str, ...], positive: frozenset[str], field: str) -> None:
    unknown = len(positive - set(answers))
    if unknown:
        raise AssuranceError(
            field,
            f"expected answers of the scale ({listed(answers)}), got {unknown} "
            f"{'answer' if unknown == 1 else 'answers'} not on it",
        )
    if positive and len(positive) == len(answers):
        raise AssuranceError(
            field, "expected some answers not to count as positive, got every answer of the scale"
        )


YES_NO = ResponseScale("yes/no", ("yes", "no"), {"yes"})
"""A yes/no question; "yes" counts as positive by default."""

AGREEMENT = ResponseScale(
    "five-point agreement",
    ("strongly agree", "agree", "neither agree nor disagree", "disagree", "strongly disagree"),
    {"strongly agree", "agree"},
)
"""A five-point agreement (Likert) scale; the two agreeing answers count as positive by default."""


def _default_positive(question: Question) -> frozenset[str]:
    # Runs before the validators: a scale of the wrong type is refused by its own.
    scale = question.scale
    return scale.default_positive if isinstance(scale, ResponseScale) else frozenset()


@attrs.frozen
class Question:
    """A survey question, its response scale and the answers that count as positive.

    Attributes:
        code: A short identifier (``"impact_child"``).
        text: The question as asked.
        scale: The answers offered (yes/no by default).
        positive: The answers counted as positive (the scale's default if omitted).
        finding: How a positive answer reads in a report, after "felt that"
            (``"the plan had a positive impact on the child"``); optional.

    Raises:
        AssuranceError: If a positive answer is not on the scale, no answer or every
            answer counts as positive.

    >>> from neglect_protocol.survey import AGREEMENT, Question
    >>> question = Question("impact_child", "Did the plan have a positive impact on the child?",
    ...                     AGREEMENT)
    >>> sorted(question.positive)
    ['agree', 'strongly agree']
    >>> question.is_positive("neither agree nor disagree")
    False
    """

    code: str = attrs.field(validator=_label)
    text: str = attrs.field(validator=_label)
    scale: ResponseScale = attrs.field(
        default=YES_NO, validator=is_a(ResponseScale, "a ResponseScale", AssuranceError)
    )
    positive: frozenset[str] = attrs.field(
        default=attrs.Factory(_default_positive, takes_self=True), converter=_answer_set
    )

    finding: str | None = attrs.field(default=None, validator=v.optional(_label))

    @positive.validator
    def _check_positive(
        self, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]
    ) -> None:
        if not value:
            raise AssuranceError(
                "positive",
                f"expected at least one positive answer for question {safe_repr(self.code)}"
                f", got none",
            )
        _check_positive(self.scale.answers, value, "positive")

    def is_positive(self, answer: str) -> bool:
        """Whether ``answer`` counts as positive for this question."""
        return answer in self.positive


def _answers(value: Mapping[str, str | None]) -> FrozenMap[str, str | None]:
    if not isinstance(value, Mapping):
        raise AssuranceError(
            "answers",
            f"expected a mapping of question codes to answers, got {got(value)}",
        )
    return FrozenMap(value)


def _free_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    # A respondent's own words are personal data: only the type is named.
    if not isinstance(value, str):
        raise AssuranceError(attribute.name, f"expected text, got {got(value)}")


@attrs.frozen
class SurveyResponse:
    """One respondent's answers; a question left out or answered ``None`` was skipped.

    The free-text ``comment`` is kept but never shown in a ``repr`` or an error;
    nor are the answers, which are checked against the survey only later and may
    hold free text typed where a choice was expected.

    Attributes:
        respondent: A pseudonymous reference for the respondent.
        group: The respondent group (``"family"``, ``"professional"``).
        answers: The answer given to each question answered, by question code.
        comment: Anything the respondent wrote.

    >>> from neglect_protocol.survey import SurveyResponse
    >>> SurveyResponse("R-1", "family", {"impact_child": "yes"}, comment="invented")
    SurveyResponse(respondent='R-1', group='family')
    """

    respondent: str = attrs.field(repr=safe_repr, validator=_label)
    group: str = attrs.field(repr=safe_repr, validator=_label)
    answers: FrozenMap[str, str | None] = attrs.field(converter=_answers, repr=False)
    comment: str = attrs.field(default="", validator=_free_text, repr=False)


@attrs.frozen
class Survey:
    """A questionnaire: its questions and the groups of people asked.

    Attributes:
        name: The survey's name.
        questions: The questions, in the order asked.
        groups: The respondent groups, in the order reports list them.

    >>> from neglect_protocol.survey import YES_NO, Question, Survey
    >>> survey = Survey("Invented feedback", (Question("q1", "Invented question?"),),
    ...                 ("family", "professional"))
    >>> survey.question("q1").scale is YES_NO
    True
    """

    name: str = attrs.field(validator=_label)
    questions: tuple[Question, ...] = attrs.field(
        validator=tuple_of(
            Question, AssuranceError, non_empty=True, unique_by="code", unique_what="question code"
        )
    )
    groups: tuple[str, ...] = attrs.field(validator=_unique_labels("group"))
    _by_code: FrozenMap[str, Question] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        by_code = FrozenMap({question.code: question for question in self.questions})
        object.__setattr__(self, "_by_code", by_code)

    def question(self, code: str, *, field: str = "question") -> Question:
        """Return the question with ``code``.

        Raises:
            UnknownCodeError: If the survey asks no such question.
        """
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise UnknownCodeError(
                code,
                catalogue=self.name,
                field=field,
                what="a question of survey",
                choices=tuple(self._by_code),
            ) from None

    def check_response(self, response: SurveyResponse, *, field: str = "response") -> None:
        """Check that ``response`` fits this survey.

        Args:
            response: The response to check.
            field: Where the response sits, for error messages (``"responses[3]"``).

        Raises:
            AssuranceError: If it is not a :class:`SurveyResponse` or its group is not
                one of the survey's.
            UnknownCodeError: If it answers a question the survey does not ask.
            AssuranceError: If an answer is not on its question's scale (described by its
                type and length, never repeated: it may be free text).

        >>> from neglect_protocol.survey import Question, Survey, SurveyResponse
        >>> survey = Survey("Invented", (Question("q1", "Invented?"),), ("family",))
        >>> survey.check_response(SurveyResponse("R-1", "family", {"q1": "perhaps"}))
        Traceback (most recent call last):
        ...
        neglect_protocol.errors.AssuranceError: response.answers['q1']: ... (7 characters)
        """
        if not isinstance(response, SurveyResponse):
            raise AssuranceError(field, f"expected a SurveyResponse, got {got(response)}")
        if response.group not in self.groups:
            raise AssuranceError(
                f"{field}.group",
                f"expected a group of survey {safe_repr(self.name)} ({listed(self.groups)}), "
                f"got {got(response.group)}",
            )
        for code, answer in response.answers.items():
            question = self.question(code, field=f"{field}.answers")
            if answer is not None and (
                not isinstance(answer, str) or answer not in question.scale.answers
            ):
                # A respondent may have typed free text where a choice was expected.
                shown = (
                    f"text that is not on the scale ({len(answer)} characters)"
                    if isinstance(answer, str)
                    else safe_repr(answer)
                )
                raise AssuranceError(
                    f"{field}.answers[{safe_repr(code)}]",
                    f"expected one of {', '.join(safe_repr(c) for c in question.scale.answers)}"
                    f" for question {safe_repr(code)}, got {shown}",
                )

"""Survey metrics: positive shares with intervals, per question, per group and overall."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import attrs

from neglect_protocol._logic._change import Change, change_between
from neglect_protocol._model._checks import collected, got
from neglect_protocol._model._frozen import FrozenMap
from neglect_protocol._model._proportion import Proportion
from neglect_protocol._model._survey import Survey, SurveyResponse
from neglect_protocol._model._views import MetricTable, counted, plural
from neglect_protocol.errors import AssuranceError, safe_repr


@attrs.frozen
class ShareMetric:
    """The share of answers that were positive, with its interval and change.

    Attributes:
        answered: How many answers there were (``n``; skipped questions are not counted).
        skipped: How many responses in scope left the question (or questions) unanswered.
        share: The share of the answers that were positive, or ``None`` when none
            were given.
        interval: The Wilson score interval for the share (``None`` without answers).
        change: The change in the share since the previous period, with Newcombe's
            interval (``None`` without a previous period or answers in either).
    """

    answered: int
    skipped: int
    share: Proportion | None
    interval: tuple[float, float] | None
    change: Change | None = None

    @property
    def n(self) -> int:
        """How many answers the share is based on."""
        return self.answered


@attrs.frozen(repr=False)
class SurveyMetrics(MetricTable):
    """Positive shares from a period's survey responses.

    The pooled figures (:attr:`group_overall`, :attr:`overall`) count every answer
    to every question; one respondent's answers are not independent of each other,
    so read their intervals as indicative only.

    Attributes:
        survey: The survey's name.
        responses: How many responses there were.
        questions: Per question, over all groups, in the survey's order.
        groups: Per group (in the survey's order), per question.
        group_overall: Per group, every answer to every question pooled.
        overall: Every answer to every question, all groups pooled.
        confidence: The confidence level of the intervals.
    """

    survey: str
    responses: int
    questions: FrozenMap[str, ShareMetric]
    groups: FrozenMap[str, FrozenMap[str, ShareMetric]]
    group_overall: FrozenMap[str, ShareMetric]
    overall: ShareMetric
    confidence: float

    def __repr__(self) -> str:
        """One line: responses, questions, groups and the share positive over everything."""
        return (
            f"<SurveyMetrics {safe_repr(self.survey)}: {plural(self.responses, 'response')}, "
            f"{plural(len(self.questions), 'question')}, {plural(len(self.groups), 'group')}; "
            f"{counted(self.overall.share)} of {self.overall.answered} answers positive>"
        )


# (positive answers, answers, skips) for one group and one question.
_Cell = tuple[int, int, int]


def _tally(
    survey: Survey, responses: Iterable[SurveyResponse], name: str
) -> tuple[int, dict[tuple[str, str], _Cell]]:
    counts: Counter[tuple[str, str, str]] = Counter()
    total = 0
    respondents: set[str] = set()
    for index, response in enumerate(
        collected(responses, name, "an iterable of SurveyResponse", AssuranceError)
    ):
        survey.check_response(response, field=f"{name}[{index}]")
        if response.respondent in respondents:
            raise AssuranceError(
                f"{name}[{index}].respondent",
                f"expected each respondent once, got {got(response.respondent)} again",
            )
        respondents.add(response.respondent)
        total += 1
        for question in survey.questions:
            answer = response.answers.get(question.code)
            if answer is None:
                kind = "skipped"
            else:
                kind = "positive" if question.is_positive(answer) else "other"
            counts[response.group, question.code, kind] += 1
    cells = {
        (group, question.code): (
            counts[group, question.code, "positive"],
            counts[group, question.code, "positive"] + counts[group, question.code, "other"],
            counts[group, question.code, "skipped"],
        )
        for group in survey.groups
        for question in survey.questions
    }
    return total, cells


def _pool(cells: Iterable[_Cell]) -> _Cell:
    positive = answered = skipped = 0
    for cell_positive, cell_answered, cell_skipped in cells:
        positive += cell_positive
        answered += cell_answered
        skipped += cell_skipped
    return positive, answered, skipped


def _metric(cell: _Cell, earlier: _Cell | None, confidence: float) -> ShareMetric:
    positive, answered, skipped = cell
    share = Proportion(positive, answered) if answered else None
    before = Proportion(earlier[0], earlier[1]) if earlier is not None and earlier[1] else None
    return ShareMetric(
        answered,
        skipped,
        share,
        None if share is None else share.wilson_interval(confidence),
        change_between(share, before, confidence),
    )


def survey_metrics(
    survey: Survey,
    responses: Iterable[SurveyResponse],
    *,
    previous: Iterable[SurveyResponse] | None = None,
    confidence: float = 0.95,
) -> SurveyMetrics:
    """Work out the positive share of answers per question, per group and overall.

    Each share counts only the responses that answered: a skipped question is
    left out of its denominator, and reported as skipped. Each respondent counts
    once: a second response from the same respondent in a period is refused. Every share has its
    Wilson score interval and ``n``; given the previous period's responses, its
    change since then with Newcombe's interval.

    Args:
        survey: The questionnaire.
        responses: This period's responses (possibly none).
        previous: The previous period's responses to the same survey.
        confidence: The confidence level of the intervals.

    Returns:
        The metrics.

    Raises:
        AssuranceError: If the responses are not a collection of
            :class:`~neglect_protocol.survey.SurveyResponse`, a response names a
            group the survey lacks (with its place, ``responses[3].group``), gives
            an answer not on its question's scale, or a respondent answers twice in
            one period.
        UnknownCodeError: If a response answers a question the survey lacks.

    >>> from neglect_protocol.survey import survey_metrics
    >>> from neglect_protocol.survey import Question, Survey, SurveyResponse
    >>> survey = Survey("Invented", (Question("q1", "Invented?"),), ("family",))
    >>> metrics = survey_metrics(survey, [SurveyResponse("R-1", "family", {"q1": "yes"}),
    ...                                   SurveyResponse("R-2", "family", {"q1": "no"}),
    ...                                   SurveyResponse("R-3", "family", {})])
    >>> metrics.questions["q1"].share, metrics.questions["q1"].skipped
    (Proportion(positive=1, total=2), 1)
    """
    total, cells = _tally(survey, responses, "responses")
    earlier: dict[tuple[str, str], _Cell] | None = None
    if previous is not None:
        _, earlier = _tally(survey, previous, "previous")

    def pooled(keys: list[tuple[str, str]]) -> ShareMetric:
        before = None if earlier is None else _pool(earlier[key] for key in keys)
        return _metric(_pool(cells[key] for key in keys), before, confidence)

    codes = [question.code for question in survey.questions]
    return SurveyMetrics(
        survey.name,
        total,
        FrozenMap({code: pooled([(group, code) for group in survey.groups]) for code in codes}),
        FrozenMap(
            {
                group: FrozenMap({code: pooled([(group, code)]) for code in codes})
                for group in survey.groups
            }
        ),
        FrozenMap({group: pooled([(group, code) for code in codes]) for group in survey.groups}),
        pooled(list(cells)),
        confidence,
    )

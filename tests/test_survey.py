"""Tests for neglect_protocol.survey: questions, responses and survey metrics."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neglect_protocol.errors import AssuranceError, NeglectProtocolError, UnknownCodeError
from neglect_protocol.stats import Proportion
from neglect_protocol.strategies import survey_responses, surveys
from neglect_protocol.survey import (
    AGREEMENT,
    YES_NO,
    Question,
    ResponseScale,
    Survey,
    SurveyResponse,
    survey_metrics,
)

CHILD = Question("child", "The plan had a positive impact on the child.", AGREEMENT)
AGENCIES = Question("agencies", "Did agencies work together effectively?")
SURVEY = Survey("Invented CP plan feedback", (CHILD, AGENCIES), ("family", "professional"))


def response(group: str = "family", number: int = 0, **answers: str | None) -> SurveyResponse:
    return SurveyResponse(f"R-{group}-{number}", group, answers)


def responses(group: str, question: str, answers: dict[str | None, int]) -> list[SurveyResponse]:
    made: list[SurveyResponse] = []
    for answer, count in answers.items():
        for _ in range(count):
            made.append(response(group, len(made), **{question: answer}))
    return made


class TestQuestions:
    def test_default_positive_answers(self) -> None:
        """Yes counts as positive on yes/no; strongly agree and agree on the agreement scale."""
        assert frozenset({"yes"}) == AGENCIES.positive
        assert frozenset({"strongly agree", "agree"}) == CHILD.positive
        assert YES_NO is AGENCIES.scale

    def test_positive_answers_are_part_of_the_question(self) -> None:
        """A question may count other answers as positive (here, 'no' to a worry)."""
        question = Question("worried", "Are you still worried?", YES_NO, {"no"})
        assert question.is_positive("no")
        assert not question.is_positive("yes")

    @pytest.mark.parametrize(
        ("positive", "message"),
        [
            (set(), "positive: expected at least one positive answer for question 'q', got none"),
            (
                {"maybe", "Invented: worried"},
                "positive: expected answers of the scale ('yes', 'no'), got 2 answers not on it",
            ),
            ({"yes", "no"}, "positive: expected some answers not to count as positive, got every"),
            ("yes", "positive: expected a collection of answers, got 'yes'"),
            (
                "Invented: when we agree",
                "positive: expected a collection of answers, got a str of 23 characters",
            ),
        ],
    )
    def test_bad_positive_answers(self, positive: Any, message: str) -> None:
        """Positive answers must be a non-empty proper subset of the scale."""
        with pytest.raises(AssuranceError) as caught:
            Question("q", "Invented?", YES_NO, positive)
        assert str(caught.value).startswith(message)

    def test_scale_without_default_needs_positive_answers(self) -> None:
        """On a scale without default positive answers, a question must say which count."""
        scale = ResponseScale("three-point", ("better", "same", "worse"))
        with pytest.raises(AssuranceError, match="expected at least one positive answer"):
            Question("q", "Invented?", scale)
        assert frozenset({"better"}) == Question("q", "Invented?", scale, {"better"}).positive

    @pytest.mark.parametrize(
        ("answers", "message"),
        [
            (("yes",), "answers: expected at least two answers, got 1"),
            (("yes", "yes"), "answers[1]: expected each answer once, got answers[0] again"),
            (("yes", ""), "answers[1]: expected answer as text, got ''"),
            ([], "answers: expected a non-empty tuple of answer, got an empty list"),
        ],
    )
    def test_bad_scales(self, answers: Any, message: str) -> None:
        """A response scale offers at least two different, named answers."""
        with pytest.raises(AssuranceError) as caught:
            ResponseScale("x", answers)
        assert message == str(caught.value)

    def test_scale_needs_a_name(self) -> None:
        """A response scale is named."""
        with pytest.raises(AssuranceError, match=r"^name: expected non-empty text, got None"):
            ResponseScale(None, ("yes", "no"))  # type: ignore[arg-type]


class TestSurveyStructure:
    def test_duplicate_question_codes(self) -> None:
        """Question codes are unique within a survey."""
        with pytest.raises(
            AssuranceError,
            match=r"^questions\[1\]\.code: expected each question code once, got 'agencies' again",
        ):
            Survey("x", (AGENCIES, AGENCIES), ("family",))

    def test_questions_must_be_questions(self) -> None:
        """Each question is a Question."""
        with pytest.raises(
            AssuranceError, match=r"^questions\[0\]: expected a Question, got a str"
        ):
            Survey("x", ("child",), ("family",))  # type: ignore[arg-type]
        with pytest.raises(
            AssuranceError, match=r"^questions\[0\]: expected a Question, got a SimpleQ"
        ):
            Survey("x", (SimpleQ(),), ("family",))  # type: ignore[arg-type]

    def test_groups_are_needed(self) -> None:
        """A survey asks at least one respondent group."""
        with pytest.raises(AssuranceError, match=r"^groups: expected a non-empty tuple of group"):
            Survey("x", (AGENCIES,), ())

    def test_response_comment_is_never_shown(self) -> None:
        """A respondent's comment is kept but not shown in a repr."""
        answer = SurveyResponse("R-1", "family", {"agencies": "yes"}, comment="invented: Jo's mum")
        assert "invented: Jo's mum" == answer.comment
        assert "Jo" not in repr(answer)

    def test_bad_comment_names_only_its_type(self) -> None:
        """A non-text comment is refused without echoing it."""
        with pytest.raises(AssuranceError) as caught:
            SurveyResponse("R-1", "family", {}, comment=["Jo"])  # type: ignore[arg-type]
        assert "comment: expected text, got a list of 1 item" == str(caught.value)

    def test_answers_must_be_a_mapping(self) -> None:
        """Answers map question codes to answers."""
        with pytest.raises(AssuranceError, match=r"^answers: expected a mapping of question codes"):
            SurveyResponse("R-1", "family", ["yes"])  # type: ignore[arg-type]


class SimpleQ:
    code = "child"


class TestResponseErrors:
    def test_unknown_question(self) -> None:
        """A response to a question the survey does not ask is a clear LookupError."""
        bad = [response(agencies="yes"), response(number=1, impact_on_dog="yes")]
        with pytest.raises(UnknownCodeError) as caught:
            survey_metrics(SURVEY, bad)
        assert isinstance(caught.value, LookupError)
        assert (
            "responses[1].answers: expected a question of survey a str of 25 characters, "
            "got 'impact_on_dog'" == str(caught.value)
        )

    def test_unknown_question_near_a_known_one(self) -> None:
        """A mistyped code (code-like, so shown) comes with the nearest question code."""
        with pytest.raises(UnknownCodeError) as caught:
            survey_metrics(SURVEY, [response(agency="yes")])
        assert str(caught.value).endswith("got 'agency'; nearest: 'agencies'")

    def test_free_text_used_as_a_question_code_is_not_repeated(self) -> None:
        """Free text typed as an answers key stays out of the message (review finding 5)."""
        with pytest.raises(UnknownCodeError) as caught:
            survey_metrics(
                SURVEY, [SurveyResponse("R-1", "family", {"Invented: dad hits my brother": "yes"})]
            )
        assert "dad" not in str(caught.value)

    def test_answer_off_the_scale(self) -> None:
        """An answer not on the question's scale is a clear error that does not echo free text."""
        bad = [response(child="agree", agencies="Jo's social worker was great")]
        with pytest.raises(AssuranceError) as caught:
            survey_metrics(SURVEY, bad)
        assert isinstance(caught.value, ValueError)
        assert (
            "responses[0].answers['agencies']: expected one of 'yes', 'no' for question "
            "'agencies', got text that is not on the scale (28 characters)" == str(caught.value)
        )
        assert "Jo" not in str(caught.value)

    def test_non_text_answer_is_shown(self) -> None:
        """A non-text answer (a number, say) is not free text and is shown."""
        with pytest.raises(AssuranceError, match=r"for question 'child', got 4$"):
            survey_metrics(SURVEY, [response(child=4)])  # type: ignore[arg-type]

    def test_non_text_answer_holding_free_text_is_not_shown(self) -> None:
        """A list (or other object) given as an answer is named by its type only."""
        answer: Any = ["Invented: dad hits my brother when drunk"]
        with pytest.raises(AssuranceError) as caught:
            survey_metrics(SURVEY, [response(child=answer)])
        assert str(caught.value).endswith("for question 'child', got a list of 1 item")
        assert "dad" not in str(caught.value)

    def test_answers_are_kept_out_of_the_repr(self) -> None:
        """Answers are checked only against a survey, so may hold free text: no repr shows them."""
        answer = SurveyResponse("R-1", "family", {"child": "Invented: dad hits my brother"})
        assert "SurveyResponse(respondent='R-1', group='family')" == repr(answer)

    def test_unknown_group(self) -> None:
        """A respondent group the survey does not ask is refused."""
        with pytest.raises(AssuranceError) as caught:
            survey_metrics(SURVEY, [response("carer", agencies="yes")])
        assert (
            "responses[0].group: expected a group of survey a str of 25 characters "
            "('family', 'professional'), got 'carer'" == str(caught.value)
        )

    def test_a_respondent_is_counted_once(self) -> None:
        """The same respondent twice in a period is refused, not counted twice (review
        finding 10); each period is checked on its own."""
        twice = [response(agencies="yes"), response(agencies="yes")]
        with pytest.raises(AssuranceError) as caught:
            survey_metrics(SURVEY, twice)
        assert (
            "responses[1].respondent: expected each respondent once, got a str of 10 "
            "characters again" == str(caught.value)
        )
        metrics = survey_metrics(SURVEY, twice[:1], previous=twice[1:])
        assert (1, Proportion(1, 1)) == (metrics.responses, metrics.questions["agencies"].share)

    @pytest.mark.parametrize("given", [5, "R-1", None])
    def test_responses_must_be_a_collection(self, given: Any) -> None:
        """Responses that are not a collection raise our error, not a bare TypeError."""
        with pytest.raises(
            AssuranceError, match=r"^responses: expected an iterable of SurveyResponse"
        ):
            survey_metrics(SURVEY, given)

    def test_scale_must_be_a_response_scale(self) -> None:
        """A scale given by name raises our error, not an AttributeError (review finding 9)."""
        with pytest.raises(AssuranceError) as caught:
            Question("a", "Invented?", "yes/no")  # type: ignore[arg-type]
        assert "scale: expected a ResponseScale, got a str of 6 characters" == str(caught.value)

    def test_not_a_response(self) -> None:
        """Each response must be a SurveyResponse."""
        with pytest.raises(
            AssuranceError, match=r"^previous\[0\]: expected a SurveyResponse, got a dict"
        ):
            survey_metrics(SURVEY, [], previous=[{"agencies": "yes"}])  # type: ignore[list-item]

    def test_errors_share_the_root(self) -> None:
        """Survey errors are NeglectProtocolErrors."""
        with pytest.raises(NeglectProtocolError):
            survey_metrics(SURVEY, [response(child="maybe")])


class TestMetrics:
    def test_skipped_question_is_not_in_the_denominator(self) -> None:
        """Respondents who skip a question are left out of its share and counted as skipped."""
        answers = responses("family", "agencies", {"yes": 3, "no": 1, None: 2})
        answers.append(response("family", 99, child="agree"))  # agencies left out entirely
        metric = survey_metrics(SURVEY, answers).questions["agencies"]
        assert Proportion(3, 4) == metric.share
        assert (4, 3, 4) == (metric.n, metric.skipped, metric.answered)

    def test_share_interval_and_n(self) -> None:
        """77 positive of 100 is 77%, with its Wilson interval (Newcombe 1998, method 3)."""
        answers = responses("family", "child", {"strongly agree": 40, "agree": 37, "disagree": 23})
        metric = survey_metrics(SURVEY, answers).questions["child"]
        assert metric.share is not None
        assert Decimal("77") == metric.share.percent()
        assert 100 == metric.n
        assert metric.share.wilson_interval() == metric.interval

    def test_per_group_and_overall(self) -> None:
        """Shares are given per group, per question, and pooled per group and overall."""
        answers = responses("family", "agencies", {"yes": 6, "no": 4}) + responses(
            "professional", "agencies", {"yes": 9, "no": 1}
        )
        metrics = survey_metrics(SURVEY, answers)
        assert Proportion(6, 10) == metrics.groups["family"]["agencies"].share
        assert Proportion(9, 10) == metrics.groups["professional"]["agencies"].share
        assert Proportion(15, 20) == metrics.questions["agencies"].share
        assert Proportion(6, 10) == metrics.group_overall["family"].share
        assert 10 == metrics.group_overall["family"].skipped  # nobody answered "child"
        assert Proportion(15, 20) == metrics.overall.share
        assert 20 == metrics.responses
        assert ["family", "professional"] == list(metrics.groups)

    def test_no_answers_gives_no_share(self) -> None:
        """A question nobody answered has no share and no interval, rather than 0%."""
        metrics = survey_metrics(SURVEY, [response(agencies="yes")])
        child = metrics.questions["child"]
        assert (None, None, 0, 1) == (child.share, child.interval, child.n, child.skipped)
        assert metrics.groups["professional"]["agencies"].share is None

    def test_change_since_previous_period(self) -> None:
        """The change against the previous period carries Newcombe's interval."""
        now = responses("family", "agencies", {"yes": 43, "no": 7})
        before = responses("family", "agencies", {"yes": 30, "no": 20})
        metric = survey_metrics(SURVEY, now, previous=before).questions["agencies"]
        assert metric.change is not None
        assert (Proportion(43, 50), Proportion(30, 50)) == (
            metric.change.current,
            metric.change.previous,
        )
        assert Decimal("26") == metric.change.points()
        assert metric.change.is_clear
        assert metric.change.interval[0] > 0

    def test_no_change_without_answers_in_both_periods(self) -> None:
        """Without answers in the previous period there is no change to report."""
        now = responses("family", "agencies", {"yes": 2})
        before = responses("family", "child", {"agree": 2})
        metrics = survey_metrics(SURVEY, now, previous=before)
        assert metrics.questions["agencies"].change is None
        assert metrics.questions["child"].change is None
        assert metrics.overall.change is not None
        assert survey_metrics(SURVEY, now).overall.change is None


class TestMetricProperties:
    @given(st.data())
    def test_counts_add_up(self, data: st.DataObject) -> None:
        """Rule: for each question, answers plus skips equal the responses; group counts add up
        to the question's; the overall pools every question."""
        survey = data.draw(surveys())
        answers = data.draw(
            st.lists(survey_responses(survey), max_size=30, unique_by=lambda r: r.respondent)
        )
        metrics = survey_metrics(survey, answers)
        for code, metric in metrics.questions.items():
            assert len(answers) == metric.answered + metric.skipped
            assert metric.answered == sum(metrics.groups[g][code].answered for g in survey.groups)
        assert sum(m.answered for m in metrics.questions.values()) == metrics.overall.answered
        assert (
            len(answers) * len(survey.questions)
            == metrics.overall.answered + metrics.overall.skipped
        )

    @given(st.data())
    def test_shares_and_intervals_lie_within_zero_and_one(self, data: st.DataObject) -> None:
        """Rule: a positive share and its Wilson interval lie within [0, 1], the share inside."""
        survey = data.draw(surveys())
        answers = data.draw(
            st.lists(survey_responses(survey), max_size=30, unique_by=lambda r: r.respondent)
        )
        metrics = survey_metrics(survey, answers)
        pooled = [*metrics.questions.values(), *metrics.group_overall.values(), metrics.overall]
        for metric in pooled:
            if metric.share is None:
                assert metric.interval is None
                continue
            assert metric.interval is not None
            low, high = metric.interval
            assert 0 <= low <= float(metric.share.share) <= high <= 1

    @given(st.data(), st.randoms(use_true_random=False))
    def test_order_does_not_matter(self, data: st.DataObject, shuffler: random.Random) -> None:
        """Rule: metrics do not depend on the order of the responses."""
        survey = data.draw(surveys())
        answers = data.draw(
            st.lists(survey_responses(survey), max_size=30, unique_by=lambda r: r.respondent)
        )
        assert survey_metrics(survey, answers) == survey_metrics(
            survey, shuffler.sample(answers, len(answers))
        )

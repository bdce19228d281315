from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from neglect_protocol import ChildRef
from neglect_protocol.display import format_screening_decision
from neglect_protocol.errors import AssessmentError, DocumentError, PolicyError, UnknownCodeError
from neglect_protocol.escalation import AreaAtOrAbove, InfantStepUp
from neglect_protocol.grades import Grade
from neglect_protocol.screening import (
    DEFAULT_CHECKLIST,
    DEFAULT_SCREENING_POLICY,
    Answer,
    Checklist,
    Domain,
    DomainsWithSigns,
    NamedSigns,
    NotKnown,
    Screening,
    ScreeningContext,
    ScreeningOutcome,
    ScreeningPolicy,
    ScreeningReason,
    SeriousSigns,
    Sign,
    SignAnswer,
    SignsAnswered,
    checklist_from_document,
    load_checklist,
    load_screening_policy,
    screen,
    screening_policy_from_document,
    screening_policy_to_document,
)

CHILD = ChildRef("C-0500", date_of_birth=dt.date(2019, 2, 1))
DAY = dt.date(2024, 5, 2)
EVERY_SIGN = tuple(sign.code for sign in DEFAULT_CHECKLIST.signs)


def screening(answers: dict[str, str], *, rest: str | None = "does not apply") -> Screening:
    """A screening with the given answers and, unless ``rest`` is None, every other sign answered."""
    given = dict.fromkeys(EVERY_SIGN, rest) if rest is not None else {}
    given |= answers
    return Screening(
        CHILD,
        DAY,
        tuple(
            SignAnswer(code, answer, evidence="Invented: what was seen.")
            for code, answer in given.items()
            if answer is not None
        ),
        screener="W-1",
        reference="S-1",
    )


class TestChecklist:
    def test_the_default_checklist(self) -> None:
        """Seven domains of DOMAIN.md section 5, three signs each, two marked serious."""
        assert [
            "Health",
            "Feeding",
            "Hygiene and clothing",
            "Home conditions",
            "Supervision",
            "Development and education",
            "Emotion and behaviour",
        ] == [domain.name for domain in DEFAULT_CHECKLIST.domains]
        assert 21 == len(DEFAULT_CHECKLIST.signs)
        assert ["HE2", "SU1"] == [sign.code for sign in DEFAULT_CHECKLIST.signs if sign.serious]
        assert "HE1" in DEFAULT_CHECKLIST
        assert "ZZ1" not in DEFAULT_CHECKLIST
        assert (
            "<Checklist a str of 36 characters version 'example-1': 7 domains, 21 signs>"
            == repr(DEFAULT_CHECKLIST)
        )

    def test_unknown_sign_and_domain(self) -> None:
        """Looking up a sign or domain the checklist lacks names the nearest codes."""
        with pytest.raises(UnknownCodeError) as caught:
            DEFAULT_CHECKLIST.sign("HE4")
        assert (
            "sign: expected a sign of checklist a str of 36 characters, got 'HE4'; "
            "nearest valid codes: HE3, HE2, HE1" == str(caught.value)
        )
        with pytest.raises(UnknownCodeError, match="got 7$"):
            DEFAULT_CHECKLIST.sign(7)  # type: ignore[arg-type]
        with pytest.raises(UnknownCodeError) as caught:
            DEFAULT_CHECKLIST.domain("XX")
        assert "domain: expected a domain of checklist a str of 36 characters, got 'XX'" == str(
            caught.value
        )

    @pytest.mark.parametrize(
        ("domains", "signs", "message"),
        [
            ((), (Sign("A1", "A", "text"),), "domains: expected at least one Domain, got none"),
            ((Domain("A", "Alpha"),), (), "signs: expected at least one Sign, got none"),
            (None, (Sign("A1", "A", "text"),), "domains: expected a sequence of Domain, got None"),
            ((Domain("A", "Alpha"),), 5, "signs: expected a sequence of Sign, got 5"),
            (
                (Domain("A", "Alpha"), Domain("B", "Beta")),
                (Sign("A1", "A", "text"),),
                "domains[1]: expected at least one sign in domain 'B', got none",
            ),
            (("A",), (Sign("A1", "A", "text"),), "domains[0]: expected a Domain, got a str"),
            (
                (Domain("A", "Alpha"), Domain("A", "Again")),
                (Sign("A1", "A", "text"),),
                "domains[1].code: expected each code once, got 'A' again",
            ),
            (
                (Domain("A", "Alpha"),),
                (Sign("A1", "B", "text"),),
                "signs[0].domain: expected a domain of the checklist (A), got 'B'",
            ),
        ],
    )
    def test_bad_checklists(
        self, domains: tuple[Any, ...], signs: tuple[Any, ...], message: str
    ) -> None:
        """A checklist needs domains and signs, unique codes, and signs in known domains."""
        with pytest.raises(PolicyError) as caught:
            Checklist("Mine", "1", domains, signs)
        assert message == str(caught.value)

    def test_bad_signs(self) -> None:
        """Signs need text and a true-or-false serious flag."""
        with pytest.raises(PolicyError, match="^text: expected non-empty text, got ''$"):
            Sign("A1", "A", "")
        with pytest.raises(PolicyError, match="^serious: expected true or false, got 'yes'$"):
            Sign("A1", "A", "text", serious="yes")  # type: ignore[arg-type]


class TestAnswers:
    def test_evidence_is_kept_but_never_shown(self) -> None:
        """Evidence is free text: kept, but out of repr and error messages."""
        answer = SignAnswer("HE1", "sometimes", evidence="Invented: missed the dentist twice")
        assert Answer.SOMETIMES == answer.answer
        assert "missed the dentist" not in repr(answer)
        with pytest.raises(AssessmentError) as caught:
            SignAnswer("HE1", "applies", evidence=b"Invented: secret")  # type: ignore[arg-type]
        assert "evidence: expected text, got a bytes" == str(caught.value)

    @pytest.mark.parametrize("answer", ["applies", "sometimes"])
    def test_concerning_answers_need_evidence(self, answer: str) -> None:
        """Applies and sometimes need evidence; the other answers do not."""
        with pytest.raises(AssessmentError) as caught:
            SignAnswer("HE1", answer, evidence="  ")
        assert f"evidence: expected evidence for an answer of {answer!r}, got none" == str(
            caught.value
        )
        assert Answer.NOT_KNOWN == SignAnswer("HE1", "not known").answer

    def test_evidence_in_the_answer_slot_is_never_echoed(self) -> None:
        """L4: free text typed where the answer goes is named by its length, not shown."""
        with pytest.raises(AssessmentError) as caught:
            SignAnswer("HE1", "Invented: bruise seen on the arm")
        assert "bruise" not in str(caught.value)
        assert str(caught.value).endswith("got a str of 32 characters")

    def test_unknown_answer(self) -> None:
        """Only the four answers are accepted."""
        with pytest.raises(AssessmentError) as caught:
            SignAnswer("HE1", "yes")
        assert (
            "answer: expected one of 'applies', 'sometimes', 'does not apply', 'not known', "
            "got 'yes'" == str(caught.value)
        )

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"child": "C-1"}, "child: expected a ChildRef, got a str"),
            (
                {"completed_on": "2024-05-02"},
                "completed_on: expected a date, got a str of 10 characters",
            ),
            ({"answers": ("HE1",)}, "answers[0]: expected a SignAnswer, got a str"),
            ({"answers": None}, "answers: expected a sequence of SignAnswer, got None"),
            (
                {"answers": (SignAnswer("HE1", "not known"), SignAnswer("HE1", "does not apply"))},
                "answers[1].sign: expected each sign once, got 'HE1' again",
            ),
            ({"screener": ""}, "screener: expected a non-empty reference or None, got ''"),
        ],
    )
    def test_bad_screenings(self, fields: dict[str, object], message: str) -> None:
        """A screening needs a child, a date and each sign answered at most once."""
        with pytest.raises(AssessmentError) as caught:
            Screening(**({"child": CHILD, "completed_on": DAY, "answers": ()} | fields))  # type: ignore[arg-type]
        assert message == str(caught.value)

    def test_unanswered_signs_are_not_known(self) -> None:
        """A sign left unanswered counts as not known."""
        assert Answer.NOT_KNOWN == screening({}, rest=None).answer_for("HE1")


class TestScreen:
    def test_nothing_of_concern(self) -> None:
        """No sign applies and little is unknown: no further action, and no grade anywhere."""
        decision = screen(screening({}))
        assert (ScreeningOutcome.NO_FURTHER_ACTION, (), ()) == (
            decision.outcome,
            decision.reasons,
            decision.not_known,
        )
        assert not isinstance(decision.outcome, (int, Grade))
        assert "no further action" == decision.description
        assert "  Reasons: none fired" in format_screening_decision(decision)

    def test_one_sign_is_discussed(self) -> None:
        """A sign that applies sometimes is discussed with the safeguarding lead."""
        decision = screen(screening({"HC2": "sometimes"}))
        assert ScreeningOutcome.DISCUSS_WITH_SAFEGUARDING_LEAD == decision.outcome
        assert (
            "discuss with the safeguarding lead: 1 sign answered 'applies' or 'sometimes' "
            "(at least 1 needed): HC2 [signs_answered]" == str(decision.reasons[0])
        )

    def test_signs_across_domains_request_a_gcp2(self) -> None:
        """Signs in three domains are cumulative: a GCP2 is requested; every reason is kept."""
        decision = screen(screening({"FE1": "applies", "HC1": "applies", "DE1": "applies"}))
        assert ScreeningOutcome.REQUEST_GCP2 == decision.outcome
        assert ["domains_with_signs", "signs_answered", "signs_answered"] == [
            reason.rule for reason in decision.reasons
        ]
        assert (
            "signs answered 'applies' in 3 domains (at least 3 needed): Feeding, Hygiene and "
            "clothing, Development and education (FE1, HC1, DE1)" == decision.reasons[0].text
        )

    def test_a_serious_sign_is_referred(self) -> None:
        """A serious sign, even sometimes, is referred to the front door."""
        decision = screen(screening({"SU1": "sometimes"}))
        assert ScreeningOutcome.REFER_TO_FRONT_DOOR == decision.outcome
        assert "serious sign answered 'applies' or 'sometimes': SU1" == decision.reasons[0].text

    def test_much_not_known_is_discussed(self) -> None:
        """After brief contact with most signs unknown, talk it through."""
        decision = screen(screening({"HE1": "does not apply"}, rest=None))
        assert ScreeningOutcome.DISCUSS_WITH_SAFEGUARDING_LEAD == decision.outcome
        assert 20 == len(decision.not_known)
        assert decision.reasons[0].text.startswith(
            "20 signs not known (at least 8 needed): HE2, HE3"
        )
        text = format_screening_decision(decision)
        assert (
            "Screening of child C-0500 on 2024-05-02 (policy 'Example screening outcomes' version example-1)"
            in text
        )
        assert "  Outcome: discuss with the safeguarding lead" in text
        assert "Invented: what was seen." not in text

    def test_an_unknown_sign_is_refused(self) -> None:
        """An answer to a sign the checklist lacks is an error naming where it is."""
        with pytest.raises(
            UnknownCodeError, match=r"^answers\[21\]\.sign: expected a sign of checklist"
        ):
            screen(screening({"QQ1": "not known"}))

    def test_custom_rules_must_return_reasons(self) -> None:
        """A custom rule may propose an outcome; returning anything else is an error."""

        def everything_known(context: ScreeningContext) -> ScreeningReason | None:
            return ScreeningReason(
                "everything_known", ScreeningOutcome.NO_FURTHER_ACTION, "all known"
            )

        def broken(context: ScreeningContext) -> object:
            return "refer"

        policy = ScreeningPolicy("Mine", "1", DEFAULT_CHECKLIST, (everything_known,))
        decision = screen(screening({}), policy=policy)
        assert ("everything_known",) == tuple(reason.rule for reason in decision.reasons)
        with pytest.raises(PolicyError) as caught:
            screen(screening({}), policy=ScreeningPolicy("Mine", "1", DEFAULT_CHECKLIST, (broken,)))
        assert "rule 'broken': expected a ScreeningReason or None, got a str" == str(caught.value)
        with pytest.raises(
            PolicyError,
            match="^rule 'mine': expected a ScreeningOutcome as the outcome, got 'refer'$",
        ):
            ScreeningReason("mine", "refer", "text")  # type: ignore[arg-type]

    def test_rule_settings_off_the_list_are_not_echoed(self) -> None:
        """A rule's outcome or answer off its list is described, never shown, if it is text.

        A policy file is typed by a person, and a sentence in the wrong field is no
        safer to echo than a record's evidence.
        """
        sentence = "Invented: the mother said the baby sleeps in the car"
        with pytest.raises(PolicyError) as caught:
            SignsAnswered(sentence)
        assert str(caught.value).endswith(f"got a str of {len(sentence)} characters")
        assert sentence not in repr(caught.value.problems)
        with pytest.raises(PolicyError) as caught:
            SignsAnswered(
                ScreeningOutcome.REQUEST_GCP2,
                answers=("applies", sentence),
            )
        assert str(caught.value).startswith("answers[1]: expected one of ")
        assert sentence not in str(caught.value)
        with pytest.raises(PolicyError, match="got 'maybe'$"):
            SignsAnswered("maybe")

    def test_reprs_name_no_evidence(self) -> None:
        """Contexts and decisions have short reprs without any evidence."""
        chosen = screening({"HE1": "applies"})
        context = ScreeningContext(chosen, DEFAULT_CHECKLIST)
        assert repr(context).startswith(
            "<ScreeningContext child='C-0500' <Checklist a str of 36 characters"
        )
        assert (
            "<ScreeningDecision discuss_with_safeguarding_lead child='C-0500' "
            "completed_on=2024-05-02 reasons=1>" == repr(screen(chosen))
        )
        assert "what was seen" not in repr(chosen)

    def test_ranks(self) -> None:
        """Outcomes are ordered from no further action to a referral."""
        assert [0, 1, 2, 3] == [outcome.rank for outcome in ScreeningOutcome]


class TestOutcomeRules:
    def test_signs_in_named_domains(self) -> None:
        """signs_answered can be limited to domains, and says so."""
        rule = SignsAnswered(
            "request_gcp2", min_count=2, answers=["applies", "sometimes"], domains=["SU"]
        )
        context = ScreeningContext(
            screening({"SU2": "applies", "SU3": "sometimes", "HE1": "applies"}), DEFAULT_CHECKLIST
        )
        reason = rule(context)
        assert reason is not None
        assert (
            "2 signs in SU answered 'applies' or 'sometimes' (at least 2 needed): SU2, SU3"
            == reason.text
        )
        assert rule(ScreeningContext(screening({"SU2": "applies"}), DEFAULT_CHECKLIST)) is None

    def test_outcomes_may_be_given_as_members(self) -> None:
        """An outcome can be given as a ScreeningOutcome or as its text."""
        assert SignsAnswered(ScreeningOutcome.REQUEST_GCP2) == SignsAnswered("request_gcp2")

    def test_named_signs(self) -> None:
        """named_signs fires only for the signs it names."""
        rule = NamedSigns("refer_to_front_door", codes=("HO3",))
        assert rule(ScreeningContext(screening({"HO1": "applies"}), DEFAULT_CHECKLIST)) is None
        reason = rule(ScreeningContext(screening({"HO3": "applies"}), DEFAULT_CHECKLIST))
        assert reason is not None
        assert "named sign answered 'applies' or 'sometimes': HO3" == reason.text

    def test_domains_and_serious_silence(self) -> None:
        """Rules that need more than they get stay silent."""
        context = ScreeningContext(screening({"HE1": "applies"}), DEFAULT_CHECKLIST)
        assert DomainsWithSigns("request_gcp2", min_domains=2)(context) is None
        assert SeriousSigns("refer_to_front_door")(context) is None
        assert NotKnown("discuss_with_safeguarding_lead", min_count=1)(context) is None

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (
                lambda: SignsAnswered("refer"),
                "outcome: expected one of 'no_further_action', "
                "'discuss_with_safeguarding_lead', 'request_gcp2', 'refer_to_front_door', got 'refer'",
            ),
            (
                lambda: SignsAnswered("request_gcp2", answers="applies"),
                "answers: expected a list of answers, got 'applies'",
            ),
            (
                lambda: SignsAnswered("request_gcp2", answers=["yes"]),
                "answers[0]: expected one of 'applies', "
                "'sometimes', 'does not apply', 'not known', got 'yes'",
            ),
            (
                lambda: SignsAnswered("request_gcp2", answers=[]),
                "answers: expected at least one answer, got none",
            ),
            (
                lambda: NamedSigns("request_gcp2", codes=()),
                "codes: expected at least one sign code, got none",
            ),
            (
                lambda: NotKnown("request_gcp2", min_count=0),
                "min_count: expected a whole number of 1 or more, got 0",
            ),
        ],
    )
    def test_bad_parameters(self, build: object, message: str) -> None:
        """Outcome rules refuse unknown outcomes and answers, and empty lists."""
        with pytest.raises(PolicyError) as caught:
            build()  # type: ignore[operator]
        assert message == str(caught.value)

    def test_policies_check_rules_against_the_checklist(self) -> None:
        """Signs and domains named by a rule must be on the checklist, checked when built."""
        with pytest.raises(PolicyError) as caught:
            ScreeningPolicy(
                "Mine", "1", DEFAULT_CHECKLIST, (NamedSigns("request_gcp2", ("HE1", "HE9")),)
            )
        assert str(caught.value).startswith(
            "rules[0].codes[1]: expected a sign of checklist a str of 36 characters, got 'HE9'"
        )
        with pytest.raises(PolicyError) as caught:
            ScreeningPolicy(
                "Mine", "1", DEFAULT_CHECKLIST, (SignsAnswered("request_gcp2", domains=("XX",)),)
            )
        assert (
            "rules[0].domains[0]: expected a domain of checklist a str of 36 characters, got 'XX'"
            == str(caught.value)
        )
        with pytest.raises(PolicyError, match=r"^rules\[0\]: expected a callable rule, got a str$"):
            ScreeningPolicy("Mine", "1", DEFAULT_CHECKLIST, ("serious",))
        with pytest.raises(PolicyError, match="^checklist: expected a Checklist, got a str$"):
            ScreeningPolicy("Mine", "1", "checklist", ())  # type: ignore[arg-type]
        with pytest.raises(
            PolicyError, match="^rules: expected a sequence of outcome rules, got None$"
        ):
            ScreeningPolicy("Mine", "1", DEFAULT_CHECKLIST, None)  # type: ignore[arg-type]
        assert "<ScreeningPolicy a str of 4 characters version '1': 0 rules on <Checklist" in repr(
            ScreeningPolicy("Mine", "1", DEFAULT_CHECKLIST, ())
        )


class TestRulesInTheirPlace:
    @pytest.mark.parametrize(
        ("rule", "message"),
        [
            (
                AreaAtOrAbove(4, 4),
                "rules[0]: expected a screening outcome rule, got a threshold rule "
                "('area_at_or_above')",
            ),
            (
                InfantStepUp(),
                "rules[0]: expected a screening outcome rule, got a modifier ('infant_step_up')",
            ),
        ],
    )
    def test_threshold_rules_are_refused(self, rule: object, message: str) -> None:
        """M4: a threshold rule or modifier in a screening policy is refused when the policy is
        built, not with a bare AttributeError when it is first used."""
        with pytest.raises(PolicyError) as caught:
            ScreeningPolicy("Mine", "1", DEFAULT_CHECKLIST, (rule,))
        assert message == str(caught.value)

    @pytest.mark.parametrize(
        ("call", "error", "message"),
        [
            (lambda: screen(None), AssessmentError, "screening: expected a Screening, got None"),  # type: ignore[arg-type]
            (
                lambda: screen(screening({}), policy=DEFAULT_CHECKLIST),  # type: ignore[arg-type]
                PolicyError,
                "policy: expected a ScreeningPolicy, got a Checklist",
            ),
        ],
    )
    def test_screen_refuses_wrong_types(
        self, call: object, error: type[Exception], message: str
    ) -> None:
        """L1: screen() raises our errors for a wrongly typed screening or policy."""
        with pytest.raises(error) as caught:
            call()  # type: ignore[operator]
        assert message == str(caught.value)


CHECKLIST_DOCUMENT: dict[str, Any] = {
    "schema_version": 1,
    "name": "Local",
    "version": "2",
    "domains": [
        {
            "code": "HE",
            "name": "Health",
            "signs": [{"code": "HE1", "text": "Invented sign", "serious": True}],
        },
        {"code": "SU", "name": "Supervision", "signs": [{"code": "SU1", "text": "Invented sign"}]},
    ],
}


class TestFiles:
    def test_checklists_load_from_toml_and_json(self, tmp_path: Path) -> None:
        """A local checklist loads from JSON the same as from a document."""
        path = tmp_path / "checklist.json"
        path.write_text(json.dumps(CHECKLIST_DOCUMENT), "utf-8")
        checklist = load_checklist(path)
        assert checklist == checklist_from_document(CHECKLIST_DOCUMENT)
        assert [("HE1", "HE", True), ("SU1", "SU", False)] == [
            (sign.code, sign.domain, sign.serious) for sign in checklist.signs
        ]

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                lambda d: d.update(extra=1),
                "$.extra: unknown key; expected only name, version, domains",
            ),
            (
                lambda d: d.update(schema_version=3),
                "$.schema_version: expected schema version 1 or older, got 3: the document was written by a newer release of neglect-protocol",
            ),
            (
                lambda d: d["domains"][1].pop("signs"),
                "$.domains[1].signs: required key missing",
            ),
            (
                lambda d: d["domains"][1]["signs"][0].update(serious="no"),
                '$.domains[1].signs[0].serious: expected true or false, got "no"',
            ),
            (
                lambda d: d["domains"][1]["signs"][0].update(code="HE1"),
                "$.domains[1].signs[0].code: expected each code once, got 'HE1' again",
            ),
            (
                lambda d: d["domains"][1].update(code="HE"),
                "$.domains[1].code: expected each code once, got 'HE' again",
            ),
            (
                lambda d: d["domains"][1].update(name=""),
                '$.domains[1].name: expected text that is not blank, got ""',
            ),
            (lambda d: d.update(name=""), '$.name: expected text that is not blank, got ""'),
            (
                lambda d: d["domains"][1].update(signs=[]),
                "$.domains[1].signs: expected at least one sign, got none",
            ),
            (lambda d: d.update(domains=[]), "$.domains: expected at least one Domain, got none"),
            (
                lambda d: d.update(schema_version=1.0),
                "$.schema_version: expected an integer schema version, got 1.0",
            ),
        ],
    )
    def test_checklist_errors_name_the_place(self, change: Any, message: str) -> None:
        """Problems in a checklist document name their place in it."""
        document = copy.deepcopy(CHECKLIST_DOCUMENT)
        change(document)
        with pytest.raises(DocumentError) as caught:
            checklist_from_document(document)
        assert message == str(caught.value)

    def test_screening_policies_load_and_round_trip(self, tmp_path: Path) -> None:
        """Outcome rules load from a file against a checklist and write back the same."""
        document = screening_policy_to_document(DEFAULT_SCREENING_POLICY)
        path = tmp_path / "outcomes.json"
        path.write_text(json.dumps(document), "utf-8")
        assert DEFAULT_SCREENING_POLICY == load_screening_policy(path)
        assert DEFAULT_SCREENING_POLICY == screening_policy_from_document(
            document, checklist=DEFAULT_CHECKLIST
        )
        local = load_checklist_document()
        named = {
            "schema_version": 1,
            "name": "Local",
            "version": "1",
            "rules": [{"kind": "named_signs", "codes": ["SU1"], "outcome": "refer_to_front_door"}],
        }
        policy = screening_policy_from_document(named, checklist=local)
        decision = screen(
            Screening(CHILD, DAY, (SignAnswer("SU1", "applies", evidence="Invented"),)),
            policy=policy,
        )
        assert ScreeningOutcome.REFER_TO_FRONT_DOOR == decision.outcome

    @pytest.mark.parametrize(
        ("rules", "message"),
        [
            (
                [{"kind": "named_signs", "codes": ["ZZ1"], "outcome": "request_gcp2"}],
                "$.rules[0].codes[0]: expected a sign of checklist a str of 36 characters, got 'ZZ1'; nearest valid codes: SU1, HO1, HE1",
            ),
            (
                [{"kind": "signs_answered", "outcome": "grade 3"}],
                '$.rules[0].outcome: expected one of "no_further_action", "discuss_with_safeguarding_lead", "request_gcp2", "refer_to_front_door", got a string of 7 characters',
            ),
            (
                [{"kind": "signs_answered", "outcome": "request_gcp2", "answers": ["often"]}],
                '$.rules[0].answers[0]: expected one of "applies", "sometimes", "does not apply", "not known", got "often"',
            ),
            (
                [{"kind": "grade", "outcome": "request_gcp2"}],
                '$.rules[0].kind: expected one of "signs_answered", "domains_with_signs", "serious_signs", "named_signs", "not_known", got "grade"',
            ),
        ],
    )
    def test_screening_policy_errors_name_the_place(
        self, rules: list[dict[str, Any]], message: str
    ) -> None:
        """Problems in an outcome rules document name their place in it."""
        document = {"schema_version": 1, "name": "Local", "version": "1", "rules": rules}
        with pytest.raises(DocumentError) as caught:
            screening_policy_from_document(document)
        assert message == str(caught.value)


def load_checklist_document() -> Checklist:
    return checklist_from_document(CHECKLIST_DOCUMENT)

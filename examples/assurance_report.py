"""Build an annual assurance report from invented records and write it as Markdown and HTML.

Every record here is invented: the children, families, teams, practitioners,
audits and survey answers. The counts are chosen so that the report reproduces
the figures a county council's scrutiny committee was given in June 2022
(``shared/sources/scrutiny-report-2022-06.txt``, paragraphs 5, 8 to 11 and 14):

- Training (para 5): 32 champions ("over 30"), 1,236 at awareness training and
  conferences ("over 1200") and 614 practitioners trained ("over 600").
- Audits (para 8): 30 files, 4 outstanding and 16 good, so exactly two thirds
  (20 of 30) outstanding or good; 8 requires improvement, 2 inadequate.
- Comments (paras 8 to 10): 50 of 62 positive on engaging children, 53 of 63 on
  identifying worries, and 40 of 50 (exactly four fifths) on wishes and feelings.
- Survey (para 11): 100 responses. Impact on the child 77 of 100 (77% exactly);
  on parents 44 of the 80 who answered (55% exactly, 20 skipped); on the family 51
  of the 75 who answered (68% exactly, 25 skipped); agencies working together 86 of
  100 (86% exactly).
- Cohort (para 14): 250 children at level 4 (children's social care), 70 with
  primary need N1 (28.0% exactly) and 87 with N5 (34.8% exactly: 87/250 is the
  smallest base with a whole count that gives 34.8% exactly); 75 children in
  care, 31 of them N1 (41.3%, "over 41%"), 18 of those 31 aged 10 to 15 (58.1%,
  "the majority").

The earlier period (2020-21) is invented outright, to show change since then.

The action plan is invented too, in our own words. The case review behind the report
made seven recommendations under three findings (para 1: understanding the impact of
neglect, professional curiosity about family history and dynamics, and a child's
lived experience); the actions answering them are drawn from the work the report
describes (paras 4 to 6, 11 and 14 to 15). Progress is measured on the day the
committee met, 16 June 2022.

The report also shows four sections from the partnership's dataset (invented records
again):

- due to neglect on its own basis, neglect (``16A``) as a factor identified at the
  end of assessment, not the "abuse or neglect" need code: 70 of the 250 children at
  level 4 (28.0%, para 14's "approximately 28%") and 31 of the 75 in care (41.3%,
  "over 41%");
- the audit criteria, the assessment first: 21 of the 30 files (70%, para 9's "over
  two thirds of interventions are based on good quality assessments");
- a quarterly trend of one DfE key indicator (re-referrals within 12 months) across
  the four quarters of 2021-22, with the change since the quarter before;
- moderation: three practitioners grading the same four anonymised cases, with
  Krippendorff's alpha, Fleiss' kappa and the sub-area graded least alike.

Run it with ``python examples/assurance_report.py [output-directory]``; the
directory defaults to ``examples/output/``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from neglect_protocol.action_plan import Action, ActionPlan, ActionStatus, Recommendation
from neglect_protocol.assurance import (
    AssuranceReport,
    PeriodRecords,
    ReportInput,
    write_assurance_report,
)
from neglect_protocol.audit import (
    OFSTED_FOUR_POINT,
    AuditComment,
    AuditTool,
    CaseFileAudit,
    Criterion,
)
from neglect_protocol.census import NeglectBasis
from neglect_protocol.indicators import (
    CensusAgeBand,
    Cohort,
    CohortRecord,
    GCP2Completion,
    ImplementationMeasures,
)
from neglect_protocol.key_indicators import CaseHistory, KeyIndicator
from neglect_protocol.moderation import ModerationSet
from neglect_protocol.survey import AGREEMENT, YES_NO, Question, Survey, SurveyResponse

HERE = Path(__file__).resolve().parent

TOOL = AuditTool(
    "Invented case-file audit",
    (
        Criterion("voice", "The child's voice and lived experience are recorded", limiting=True),
        Criterion("worries", "Worries and what needs to change are clear"),
        Criterion("plan", "The plan is specific and reviewed"),
        Criterion("oversight", "Management oversight is evident"),
        Criterion("assessment", "The intervention is based on a good quality assessment"),
    ),
    OFSTED_FOUR_POINT,
)

# Criterion grades that roll up (the median of five) to each overall grade; an
# inadequate "voice" caps the file at inadequate through the limiting judgement, so
# the first inadequate file's assessment can be good without lifting its grade.
GRADINGS = {
    "outstanding": {
        "voice": "outstanding",
        "worries": "outstanding",
        "plan": "outstanding",
        "oversight": "outstanding",
        "assessment": "outstanding",
    },
    "good": {
        "voice": "good",
        "worries": "outstanding",
        "plan": "good",
        "oversight": "good",
        "assessment": "good",
    },
    "requires_improvement": {
        "voice": "requires_improvement",
        "worries": "good",
        "plan": "requires_improvement",
        "oversight": "good",
        "assessment": "requires_improvement",
    },
    "inadequate": {
        "voice": "inadequate",
        "worries": "good",
        "plan": "good",
        "oversight": "good",
        "assessment": "requires_improvement",
    },
}
GOOD_ASSESSMENT = {**GRADINGS["inadequate"], "assessment": "good"}
"""The first inadequate file's grades: its assessment was good (para 9's 21st of 30)."""
TEAMS = ("District North", "District South", "District East", "District West")
THEMES = ("engaging children", "identifying worries", "wishes and feelings")


def audits(
    grades: dict[str, int], comments: dict[str, tuple[int, int]], year: int
) -> list[CaseFileAudit]:
    """Invented audits: files graded by the tool, comments spread across the files."""
    codes = [code for code, count in grades.items() for _ in range(count)]
    first_inadequate = codes.index("inadequate") if "inadequate" in codes else None
    remarks: list[list[AuditComment]] = [[] for _ in codes]
    for theme, (positive, negative) in comments.items():
        polarities = ["positive"] * positive + ["negative"] * negative
        for index, polarity in enumerate(polarities):
            remarks[index % len(codes)].append(
                AuditComment(theme, polarity, text=f"Invented comment on {theme}.")
            )
    return [
        TOOL.audit(
            f"F-{year}-{number:03d}",
            team=TEAMS[number % len(TEAMS)],
            date=dt.date(year - 1, 4 + number % 9, 1 + number % 28),
            grades=GOOD_ASSESSMENT if number == first_inadequate else GRADINGS[code],
            comments=remarks[number],
        )
        for number, code in enumerate(codes)
    ]


SURVEY = Survey(
    "Invented child protection plan feedback",
    (
        Question(
            "child",
            "The plan had a positive impact on the child.",
            AGREEMENT,
            finding="the plan had a positive impact on the child",
        ),
        Question(
            "parents",
            "The plan had a positive impact on the parents.",
            AGREEMENT,
            finding="the plan had a positive impact on parents",
        ),
        Question(
            "family",
            "The plan had a positive impact on the family.",
            AGREEMENT,
            finding="the plan had a positive impact on the family",
        ),
        Question(
            "agencies",
            "Did agencies work together effectively?",
            YES_NO,
            finding="agencies worked together effectively",
        ),
    ),
    ("family", "professional"),
)


def responses(
    respondents: int, answered: dict[str, int], positive: dict[str, int]
) -> list[SurveyResponse]:
    """Invented responses: per question, who answered and who answered positively.

    Each question orders the respondents differently (multiplying by a number
    coprime with the count), so positives and skips are spread across both groups.
    """
    answers: list[dict[str, str | None]] = [{} for _ in range(respondents)]
    for step, question in zip((37, 53, 71, 89), SURVEY.questions, strict=True):
        order = sorted(range(respondents), key=lambda person: (person * step) % respondents)
        good, bad = (
            sorted(question.positive),
            sorted(set(question.scale.answers) - question.positive),
        )
        for rank, person in enumerate(order):
            if rank >= answered[question.code]:
                answers[person][question.code] = None
            elif rank < positive[question.code]:
                answers[person][question.code] = good[rank % len(good)]
            else:
                answers[person][question.code] = bad[rank % len(bad)]
    return [
        SurveyResponse(f"R-{number:03d}", "family" if number % 5 < 3 else "professional", answer)
        for number, answer in enumerate(answers)
    ]


BANDS = tuple(CensusAgeBand)


# Factors identified at the end of assessment, by primary need (invented): neglect
# (16A) for every child whose need is abuse or neglect, domestic abuse (3B, 3C) for
# family dysfunction, "no factors identified" (21) for the rest. Only children at
# level 4 (children's social care) have had a social care assessment.
FACTORS_BY_NEED = {"N1": ("16A",), "N5": ("3B", "3C")}


def children(
    prefix: str, need: str, level: int, by_band: dict[CensusAgeBand, int], *, in_care: bool = False
) -> list[CohortRecord]:
    """Invented children with one primary need, counted by age band."""
    factors = FACTORS_BY_NEED.get(need, ("21",)) if level == 4 else ()
    return [
        CohortRecord(
            f"{prefix}-{need}-{band.name}-{number}", need, band, level, in_care, factors=factors
        )
        for band, count in by_band.items()
        for number in range(count)
    ]


def spread(total: int, bands: Sequence[CensusAgeBand] = BANDS[1:]) -> dict[CensusAgeBand, int]:
    """Spread ``total`` children over ``bands`` as evenly as whole numbers allow."""
    share, extra = divmod(total, len(bands))
    return {band: share + (index < extra) for index, band in enumerate(bands)}


def cohort_2022() -> Cohort:
    """Invented cohort at 31 March 2022: 250 children at level 4, 180 at level 3."""
    b = CensusAgeBand
    records = [
        # Level 4, in care (75): 31 for abuse or neglect, most of them aged 10 to 15.
        *children(
            "A",
            "N1",
            4,
            {b.AGED_1_TO_4: 2, b.AGED_5_TO_9: 7, b.AGED_10_TO_15: 18, b.AGED_16_AND_OVER: 4},
            in_care=True,
        ),
        *children("A", "N5", 4, spread(20), in_care=True),
        *children("A", "N4", 4, spread(10), in_care=True),
        *children("A", "N2", 4, spread(6), in_care=True),
        *children("A", "N8", 4, spread(8), in_care=True),
        # Level 4, not in care (175): N1 39 more (70 in all), N5 67 more (87 in all).
        *children(
            "B",
            "N1",
            4,
            {
                b.UNBORN: 3,
                b.UNDER_1: 6,
                b.AGED_1_TO_4: 10,
                b.AGED_5_TO_9: 10,
                b.AGED_10_TO_15: 7,
                b.AGED_16_AND_OVER: 3,
            },
        ),
        *children("B", "N5", 4, spread(67)),
        *children("B", "N0", 4, {b.AGED_5_TO_9: 3}),
        *children("B", "N2", 4, spread(18)),
        *children("B", "N3", 4, spread(14)),
        *children("B", "N4", 4, spread(20)),
        *children("B", "N6", 4, {b.AGED_10_TO_15: 5, b.AGED_16_AND_OVER: 3}),
        *children("B", "N7", 4, {b.AGED_1_TO_4: 2}),
        *children("B", "N8", 4, spread(4)),
        # Level 3, multi-agency early help (180).
        *children("C", "N1", 3, spread(40, BANDS)),
        *children("C", "N5", 3, spread(60, BANDS)),
        *children("C", "N4", 3, spread(50)),
        *children("C", "N3", 3, spread(30)),
    ]
    return Cohort(tuple(records))


def cohort_2021() -> Cohort:
    """Invented cohort at 31 March 2021: 240 children at level 4."""
    records = [
        *children("A", "N1", 4, spread(27, BANDS[2:]), in_care=True),
        *children("A", "N5", 4, spread(43), in_care=True),
        *children("B", "N1", 4, spread(35, BANDS)),
        *children("B", "N5", 4, spread(37)),
        *children("B", "N4", 4, spread(60)),
        *children("B", "N2", 4, spread(38)),
    ]
    return Cohort(tuple(records))


AGENCIES = {
    # agency: (GCP2s completed, practitioners who completed them)
    "health": (64, 30),
    "education": (41, 22),
    "children's social care": (58, 19),
    "police": (4, 3),
    "voluntary sector": (17, 9),
}


def completions(scale: Fraction) -> list[GCP2Completion]:
    """Invented GCP2s: per agency, spread over levels 1 to 4 and the age bands."""
    made: list[GCP2Completion] = []
    for agency, (count, practitioners) in AGENCIES.items():
        for number in range(int(count * scale)):
            made.append(
                GCP2Completion(
                    f"W-{agency[:3].upper()}-{number % int(practitioners * scale or 1):02d}",
                    agency,
                    1 + number % 4,
                    BANDS[number % len(BANDS)],
                )
            )
    return made


REPORT_DATE = dt.date(2022, 6, 16)
"""The day the scrutiny committee met: the action plan's progress is measured on it."""


def _action(
    reference: str,
    description: str,
    owner: str,
    due: dt.date,
    status: ActionStatus,
    evidence: str | None = None,
) -> Action:
    return Action(reference, description, owner, due, status, evidence=evidence)


def action_plan() -> ActionPlan:
    """The invented action plan answering the case review's seven recommendations."""
    done, on_track, at_risk = ActionStatus.COMPLETE, ActionStatus.ON_TRACK, ActionStatus.AT_RISK
    late, waiting = ActionStatus.OFF_TRACK, ActionStatus.NOT_STARTED
    d = dt.date
    return ActionPlan(
        "Invented action plan answering the serious case review (published November 2020)",
        (
            Recommendation(
                "R1",
                "Make neglect, low-level neglect included, a standing partnership priority",
                (
                    _action(
                        "R1A",
                        "Adopt neglect as a priority with a yearly work plan",
                        "Safeguarding partnership",
                        d(2021, 3, 31),
                        done,
                        "Invented: the work plan was reviewed by the board in March 2021.",
                    ),
                    _action(
                        "R1B",
                        "Agree a multi-agency protocol for infants at risk of neglect",
                        "Safeguarding partnership",
                        d(2022, 3, 31),
                        at_risk,
                    ),
                ),
            ),
            Recommendation(
                "R2",
                "Give every agency one shared way of measuring the care a child receives",
                (
                    _action(
                        "R2A",
                        "Train GCP2 champions in every agency",
                        "Workforce development",
                        d(2021, 9, 30),
                        done,
                        "Invented: champions now run the awareness sessions.",
                    ),
                    _action(
                        "R2B",
                        "Train practitioners to use the GCP2",
                        "Workforce development",
                        d(2022, 3, 31),
                        done,
                    ),
                    _action(
                        "R2C",
                        "Raise use of the GCP2 in assessments at every tier",
                        "GCP2 steering group",
                        d(2022, 12, 31),
                        late,
                    ),
                ),
            ),
            Recommendation(
                "R3",
                "Let the board see how well the partnership responds to neglect",
                (
                    _action(
                        "R3A",
                        "Build a local neglect dataset for strategic review",
                        "Performance and insight",
                        d(2021, 12, 31),
                        done,
                        "Invented: the dataset feeds the quarterly board report.",
                    ),
                    _action(
                        "R3B",
                        "Publish an annual assurance report to the board",
                        "Performance and insight",
                        d(2022, 6, 30),
                        on_track,
                    ),
                ),
            ),
            Recommendation(
                "R4",
                "Expect practitioners to ask about a family's history, not only its present",
                (
                    _action(
                        "R4A",
                        "Add family history to the audit tool's criteria",
                        "Quality assurance",
                        d(2021, 12, 31),
                        done,
                    ),
                    _action(
                        "R4B",
                        "Run learning sessions on professional curiosity",
                        "Safeguarding partnership",
                        d(2022, 9, 30),
                        on_track,
                    ),
                ),
            ),
            Recommendation(
                "R5",
                "Share what each agency knows about who lives in and visits the home",
                (
                    _action(
                        "R5A",
                        "Agree how agencies share household information at the front door",
                        "Police",
                        d(2022, 3, 31),
                        at_risk,
                    ),
                ),
            ),
            Recommendation(
                "R6",
                "Record the child's day-to-day experience in every assessment and plan",
                (
                    _action(
                        "R6A",
                        "Make the child's lived experience a limiting audit criterion",
                        "Quality assurance",
                        d(2021, 6, 30),
                        done,
                        "Invented: four fifths of comments now find plans led by the child's "
                        "wishes and feelings.",
                    ),
                    _action(
                        "R6B",
                        "Ask families and professionals about child protection plans",
                        "Children's social care",
                        d(2022, 3, 31),
                        done,
                        "Invented: the revised survey's first results are in this report.",
                    ),
                ),
            ),
            Recommendation(
                "R7",
                "Act on what the child's experience shows, stepping up when care does not improve",
                (
                    _action(
                        "R7A",
                        "Bring the strategic groups working on neglect together",
                        "Safeguarding partnership",
                        d(2022, 12, 31),
                        on_track,
                    ),
                    _action(
                        "R7B",
                        "Recruit and keep enough social workers to act early",
                        "Children's social care",
                        d(2023, 3, 31),
                        waiting,
                    ),
                ),
            ),
        ),
    )


def report_input() -> ReportInput:
    """Everything the 2021-22 report is built from, compared with 2020-21, as one value.

    ``neglect_protocol.serialize.to_json(report_input())`` is a document that the
    ``neglect-protocol report`` command reads.
    """
    current = PeriodRecords(
        "2021-22",
        audits(
            {"outstanding": 4, "good": 16, "requires_improvement": 8, "inadequate": 2},
            {THEMES[0]: (50, 12), THEMES[1]: (53, 10), THEMES[2]: (40, 10)},
            2022,
        ),
        responses(
            100,
            answered={"child": 100, "parents": 80, "family": 75, "agencies": 100},
            positive={"child": 77, "parents": 44, "family": 51, "agencies": 86},
        ),
        cohort_2022(),
        ImplementationMeasures(32, 1236, 614, tuple(completions(Fraction(1)))),
    )
    previous = PeriodRecords(
        "2020-21",
        audits(
            {"outstanding": 3, "good": 11, "requires_improvement": 7, "inadequate": 3},
            {THEMES[0]: (30, 10), THEMES[1]: (35, 10), THEMES[2]: (28, 12)},
            2021,
        ),
        responses(
            50,
            answered={"child": 50, "parents": 40, "family": 40, "agencies": 50},
            positive={"child": 30, "parents": 20, "family": 25, "agencies": 38},
        ),
        cohort_2021(),
        ImplementationMeasures(18, 640, 350, tuple(completions(Fraction(1, 2)))),
    )
    return ReportInput(
        SURVEY,
        current,
        previous,
        inadequate_ceiling=Fraction(1, 10),
        action_plan=action_plan(),
        report_date=REPORT_DATE,
        neglect_basis=NeglectBasis.ASSESSMENT_FACTOR,
        key_indicator=KeyIndicator.RE_REFERRALS,
        trend_periods=tuple(REFERRALS),
        case_histories=tuple(referral_histories()),
        moderation=moderation_set(),
        # The assessment first: para 9's "over two thirds of interventions are based on
        # good quality assessments" is its share.
        audit_criteria=(TOOL.criteria[-1], *TOOL.criteria[:-1]),
    )


def build_report() -> AssuranceReport:
    """The 2021-22 report, compared with 2020-21."""
    return report_input().build()


# Referrals per quarter of 2021-22 and how many came within 12 months of an earlier one.
REFERRALS = {
    "2021-22 Q1": (40, 8),
    "2021-22 Q2": (45, 9),
    "2021-22 Q3": (50, 11),
    "2021-22 Q4": (48, 7),
}
_FIRST_MONTHS = {
    "2021-22 Q1": (2021, 4),
    "2021-22 Q2": (2021, 7),
    "2021-22 Q3": (2021, 10),
    "2021-22 Q4": (2022, 1),
}


def referral_histories() -> list[CaseHistory]:
    """Invented children referred in 2021-22; a re-referral's earlier referral is 330 days before.

    Referrals fall in the first month of each quarter, so the earlier referral is
    always before 1 April 2021 and never counted in a quarter itself.
    """
    histories: list[CaseHistory] = []
    for quarter, (count, again) in REFERRALS.items():
        year, month = _FIRST_MONTHS[quarter]
        for number in range(count):
            day = dt.date(year, month, 1 + number % 28)
            earlier = [day - dt.timedelta(days=330)] if number < again else []
            histories.append(
                CaseHistory(f"K-{quarter[-1]}-{number:03d}", referrals=[*earlier, day])
            )
    return histories


def moderation_set() -> ModerationSet:
    """Three practitioners grade four anonymised cases in three sub-areas (invented grades)."""
    grades = {
        # sub-area: per case, the grades of practitioners P01, P02, P03
        "A1": ((2, 2, 2), (4, 4, 3), (1, 1, 2), (3, 3, 3)),
        "B1": ((3, 3, 4), (5, 4, 5), (2, 2, 2), (3, 4, 3)),
        "C1": ((2, 4, 3), (4, 2, 3), (1, 3, 2), (3, 1, 2)),
    }
    return ModerationSet.from_rows(
        (f"P0{rater + 1}", f"M0{case + 1}", sub_area, grade)
        for sub_area, cases in grades.items()
        for case, by_rater in enumerate(cases)
        for rater, grade in enumerate(by_rater)
    )


def main(argv: Sequence[str]) -> None:
    """Write the report to the directory named on the command line (default examples/output)."""
    directory = Path(argv[1]) if len(argv) > 1 else HERE / "output"
    # The example regenerates its own output, so replacing last run's files is intended.
    markdown, page = write_assurance_report(build_report(), directory, force=True)
    print(f"Wrote {markdown}")
    print(f"Wrote {page}")


if __name__ == "__main__":
    main(sys.argv)

"""Benchmark: audit summaries and survey metrics against hand-written counting loops.

The baselines are the smallest plain-Python loops that count the same things —
files per grade, team and comment theme; positive answers per question and group
— over plain tuples and dicts, with no validation, value objects, exact shares or
intervals. Disclosure control is measured on sparse need-by-age-band tables (10 by
6), against the same tables with primary suppression alone, so the ratio is the
price of secondary suppression and its check. Both sides run in this process, so
the ratios do not depend on the machine's speed.

Usage: python benchmarks/bench_metrics.py [--count N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sys
from collections import Counter
from pathlib import Path

# The scripts run as files, not as a package: make their shared helpers importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
from timing import best_of

from neglect_protocol.audit import OFSTED_FOUR_POINT, AuditComment, CaseFileAudit, summarise_audits
from neglect_protocol.disclosure import DFE, apply_disclosure
from neglect_protocol.survey import (
    AGREEMENT,
    YES_NO,
    Question,
    Survey,
    SurveyResponse,
    survey_metrics,
)

TEAMS = ("North", "South", "East", "West")
THEMES = ("engaging children", "identifying worries", "wishes and feelings")
SURVEY = Survey(
    "Invented benchmark survey",
    (
        Question("child", "Invented?", AGREEMENT),
        Question("parents", "Invented?", AGREEMENT),
        Question("agencies", "Invented?", YES_NO),
    ),
    ("family", "professional"),
)

PlainAudit = tuple[str, str, tuple[tuple[str, bool], ...]]
PlainResponse = tuple[str, dict[str, str | None]]


def make_audits(count: int, rng: random.Random) -> tuple[list[CaseFileAudit], list[PlainAudit]]:
    """The same invented audits as value objects and as plain tuples."""
    audits: list[CaseFileAudit] = []
    plain: list[PlainAudit] = []
    for number in range(count):
        grade = rng.choice(OFSTED_FOUR_POINT.judgements)
        team = rng.choice(TEAMS)
        remarks = tuple((rng.choice(THEMES), rng.random() < 0.8) for _ in range(rng.randint(0, 4)))
        comments = tuple(
            AuditComment(theme, "positive" if good else "negative") for theme, good in remarks
        )
        audits.append(CaseFileAudit(f"F-{number}", team, dt.date(2022, 1, 1), grade, comments))
        plain.append((grade.code, team, remarks))
    return audits, plain


def make_responses(
    count: int, rng: random.Random
) -> tuple[list[SurveyResponse], list[PlainResponse]]:
    """The same invented responses as value objects and as plain tuples."""
    responses: list[SurveyResponse] = []
    plain: list[PlainResponse] = []
    for number in range(count):
        group = rng.choice(SURVEY.groups)
        answers = {
            question.code: rng.choice([*question.scale.answers, None])
            for question in SURVEY.questions
        }
        responses.append(SurveyResponse(f"R-{number}", group, answers))
        plain.append((group, answers))
    return responses, plain


def audit_baseline(
    plain: list[PlainAudit],
) -> tuple[Counter[str], Counter[tuple[str, str]], Counter[tuple[str, bool]]]:
    """Count files per grade and per team and grade, and comments per theme and polarity."""
    grades: Counter[str] = Counter()
    teams: Counter[tuple[str, str]] = Counter()
    themes: Counter[tuple[str, bool]] = Counter()
    for grade, team, remarks in plain:
        grades[grade] += 1
        teams[team, grade] += 1
        for remark in remarks:
            themes[remark] += 1
    return grades, teams, themes


POSITIVE = {question.code: question.positive for question in SURVEY.questions}


def survey_baseline(plain: list[PlainResponse]) -> Counter[tuple[str, str, bool]]:
    """Count answers per group, question and positivity, skipping unanswered questions."""
    counts: Counter[tuple[str, str, bool]] = Counter()
    for group, answers in plain:
        for code, answer in answers.items():
            if answer is not None:
                counts[group, code, answer in POSITIVE[code]] += 1
    return counts


def make_tables(count: int, rng: random.Random) -> list[list[list[int]]]:
    """Sparse 10-by-6 tables: a few needs, each in a few age bands, small counts common."""
    tables: list[list[list[int]]] = []
    for _ in range(count):
        table = [[0] * 6 for _ in range(10)]
        for row in rng.sample(range(10), rng.randint(3, 7)):
            for column in rng.sample(range(6), rng.randint(1, 5)):
                table[row][column] = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 14, 20, 30])
        tables.append(table)
    return tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(20220616)
    audits, plain_audits = make_audits(args.count, rng)
    responses, plain_responses = make_responses(args.count, rng)
    tables = make_tables(max(1, args.count // 100), rng)
    primary_only = attrs.evolve(DFE, secondary=False)

    # The two sides must agree before their speeds are worth comparing.
    summary = summarise_audits(audits)
    grades, _, themes = audit_baseline(plain_audits)
    if dict(grades) != {code: n for code, n in summary.grades.counts.items() if n}:
        raise SystemExit("library and baseline disagree on the grade counts")
    if any(themes[theme, True] != tally.positive for theme, tally in summary.themes.items()):
        raise SystemExit("library and baseline disagree on the comment tallies")
    metrics = survey_metrics(SURVEY, responses)
    counts = survey_baseline(plain_responses)
    for code, metric in metrics.questions.items():
        positive = sum(counts[group, code, True] for group in SURVEY.groups)
        if metric.share is None or metric.share.positive != positive:
            raise SystemExit("library and baseline disagree on the survey counts")

    gc.collect()
    gc.freeze()
    try:
        audit_seconds = best_of(args.repeat, lambda: summarise_audits(audits))
        audit_base = best_of(args.repeat, lambda: audit_baseline(plain_audits))
        survey_seconds = best_of(args.repeat, lambda: survey_metrics(SURVEY, responses))
        survey_base = best_of(args.repeat, lambda: survey_baseline(plain_responses))
        disclosure_seconds = best_of(
            args.repeat, lambda: [apply_disclosure(table, DFE) for table in tables]
        )
        disclosure_base = best_of(
            args.repeat, lambda: [apply_disclosure(table, primary_only) for table in tables]
        )
    finally:
        gc.unfreeze()
    print(f"records: {args.count:,} audits and as many survey responses (best of {args.repeat})")
    print(f"summarise_audits: {args.count / audit_seconds:12,.0f} audits per second")
    print(f"audit baseline:   {args.count / audit_base:12,.0f} audits per second (Counter loop)")
    print(f"ratio summarise_audits/baseline: {audit_seconds / audit_base:.2f}x")
    print(f"survey_metrics:   {args.count / survey_seconds:12,.0f} responses per second")
    print(
        f"survey baseline:  {args.count / survey_base:12,.0f} responses per second (Counter loop)"
    )
    print(f"ratio survey_metrics/baseline: {survey_seconds / survey_base:.2f}x")
    print(f"apply_disclosure: {len(tables) / disclosure_seconds:12,.0f} 10x6 tables per second")
    print(f"primary only:     {len(tables) / disclosure_base:12,.0f} 10x6 tables per second")
    print(f"ratio apply_disclosure/primary only: {disclosure_seconds / disclosure_base:.2f}x")


if __name__ == "__main__":
    main()

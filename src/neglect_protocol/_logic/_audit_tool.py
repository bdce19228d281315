"""Audit tools: criteria graded on a judgement scale and rolled up to an overall grade."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

import attrs

from neglect_protocol._model._audit import (
    AuditComment,
    CaseFileAudit,
    Criterion,
    Judgement,
    JudgementScale,
    _label,
)
from neglect_protocol._model._checks import at_least, got, is_a, tuple_of
from neglect_protocol.errors import AssuranceError, safe_repr

JudgementRule: TypeAlias = Callable[[Sequence[Judgement]], Judgement]
"""A roll-up rule for audits: a callable from a non-empty sequence of judgements to one."""


def _require_judgements(judgements: Sequence[Judgement], rule: str) -> None:
    if not judgements:
        raise AssuranceError(rule, "expected at least one judgement to combine, got none")


def worst_judgement(judgements: Sequence[Judgement]) -> Judgement:
    """Roll criteria up to the worst of their judgements.

    Args:
        judgements: The criteria's judgements, in any order.

    Returns:
        The worst of them.

    Raises:
        AssuranceError: If ``judgements`` is empty.

    >>> from neglect_protocol.audit import OFSTED_FOUR_POINT as scale
    >>> from neglect_protocol.audit import worst_judgement
    >>> worst_judgement([scale["good"], scale["requires_improvement"]]).code
    'requires_improvement'
    """
    _require_judgements(judgements, "worst_judgement")
    return max(judgements)


def median_judgement(judgements: Sequence[Judgement]) -> Judgement:
    """Roll criteria up to their middle judgement; of two middle ones, the worse.

    Args:
        judgements: The criteria's judgements, in any order.

    Returns:
        The median judgement, the worse of the two middle ones for an even count.

    Raises:
        AssuranceError: If ``judgements`` is empty.

    >>> from neglect_protocol.audit import OFSTED_FOUR_POINT as scale
    >>> from neglect_protocol.audit import median_judgement
    >>> median_judgement([scale["outstanding"], scale["good"], scale["good"],
    ...                   scale["inadequate"]]).code
    'good'
    """
    _require_judgements(judgements, "median_judgement")
    ordered = sorted(judgements)
    return ordered[len(ordered) // 2]


@attrs.frozen
class AuditGrading:
    """The overall grade an audit tool gives a case file, and how it was reached.

    Attributes:
        overall: The overall grade, after any limiting judgement.
        by_rule: What the roll-up rule alone gave.
        limited_by: The codes of the limiting criteria that made the overall grade
            worse than the rule's, in the tool's order (empty if none did).
    """

    overall: Judgement
    by_rule: Judgement
    limited_by: tuple[str, ...]


def _callable(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not callable(value):
        raise AssuranceError(attribute.name, f"expected a function of judgements, got {got(value)}")


@attrs.frozen
class AuditTool:
    """A case-file audit tool: criteria graded on a scale and rolled up by a rule.

    The overall grade is the rule's roll-up of the criteria graded, capped by
    every *limiting* criterion: the overall grade may be at most ``limit_margin``
    points better than a limiting criterion's own grade. With the default margin
    of 0, an inadequate limiting criterion makes the file inadequate overall, as in
    Ofsted's single inspection framework (2013), where an inadequate key judgement
    made overall effectiveness inadequate. Which criteria limit, and the margin,
    are local policy.

    Attributes:
        name: The tool's name.
        criteria: The criteria, in the order the tool lists them.
        scale: The judgement scale the criteria are graded on, such as
            :data:`~neglect_protocol.audit.OFSTED_FOUR_POINT`.
        rule: The roll-up rule (:func:`~neglect_protocol.audit.median_judgement`
            by default).
        limit_margin: How many points better than a limiting criterion the
            overall grade may be (0 or more).

    >>> from neglect_protocol.audit import OFSTED_FOUR_POINT, AuditTool, Criterion
    >>> tool = AuditTool("Invented audit", (
    ...     Criterion("voice", "The child's voice is heard", limiting=True),
    ...     Criterion("plan", "The plan is specific"),
    ...     Criterion("record", "Records are up to date")), OFSTED_FOUR_POINT)
    >>> grading = tool.grade({"voice": "inadequate", "plan": "good", "record": "outstanding"})
    >>> grading.by_rule.code, grading.overall.code, grading.limited_by
    ('good', 'inadequate', ('voice',))
    """

    name: str = attrs.field(validator=_label)
    criteria: tuple[Criterion, ...] = attrs.field(
        validator=tuple_of(
            Criterion,
            AssuranceError,
            non_empty=True,
            unique_by="code",
            unique_what="criterion code",
        )
    )
    scale: JudgementScale = attrs.field(
        validator=is_a(JudgementScale, "a JudgementScale", AssuranceError)
    )
    rule: JudgementRule = attrs.field(default=median_judgement, validator=_callable)
    limit_margin: int = attrs.field(default=0, validator=at_least(0, AssuranceError))

    def grade(self, grades: Mapping[str, Judgement | str]) -> AuditGrading:
        """Roll the criteria's judgements up to an overall grade.

        Criteria that do not apply to a file may be left out, but every limiting
        criterion must be graded: a key judgement cannot be skipped.

        Args:
            grades: The judgement (or its code) for each criterion graded.

        Returns:
            The overall grade, the rule's grade and the limiting criteria applied.

        Raises:
            AssuranceError: If ``grades`` is empty, names a criterion the tool lacks, or
                leaves a limiting criterion ungraded.
            UnknownCodeError: If a judgement is not on the tool's scale.
        """
        if not isinstance(grades, Mapping) or not grades:
            raise AssuranceError(
                "grades", f"expected at least one graded criterion, got {got(grades)}"
            )
        codes = [criterion.code for criterion in self.criteria]
        graded: dict[str, Judgement] = {}
        for code, value in grades.items():
            if code not in codes:
                raise AssuranceError(
                    "grades",
                    f"expected a criterion of tool {safe_repr(self.name)} ({', '.join(codes)}), "
                    f"got {got(code)}",
                )
            graded[code] = self.scale.judgement(value, field=f"grades[{safe_repr(code)}]")
        by_rule = self.rule([graded[code] for code in codes if code in graded])
        if by_rule not in self.scale:
            raise AssuranceError(
                "rule", f"expected the rule to return a judgement of the scale, got {got(by_rule)}"
            )
        rank = by_rule.rank
        limited_by: list[str] = []
        for criterion in self.criteria:
            if not criterion.limiting:
                continue
            if criterion.code not in graded:
                raise AssuranceError(
                    f"grades[{safe_repr(criterion.code)}]",
                    "expected a judgement for this limiting criterion, got none",
                )
            cap = graded[criterion.code].rank - self.limit_margin
            if cap > by_rule.rank:
                limited_by.append(criterion.code)
                rank = max(rank, cap)
        return AuditGrading(self.scale.judgements[rank - 1], by_rule, tuple(limited_by))

    def audit(
        self,
        reference: str,
        *,
        team: str,
        date: dt.date,
        grades: Mapping[str, Judgement | str],
        comments: Sequence[AuditComment] = (),
    ) -> CaseFileAudit:
        """Grade a case file with the tool and record the audit.

        Args:
            reference: The file's reference.
            team: The team that holds the file.
            date: The day of the audit.
            grades: The judgement (or its code) for each criterion graded.
            comments: The auditor's comments, tagged by theme.

        Returns:
            The audit, with the overall grade from :meth:`grade` and the criteria's
            judgements.

        Raises:
            AssuranceError: As for :meth:`grade`, or for an invalid reference, team or date.
            UnknownCodeError: If a judgement is not on the tool's scale.
        """
        grading = self.grade(grades)
        criteria = {code: self.scale.judgement(value) for code, value in grades.items()}
        return CaseFileAudit(reference, team, date, grading.overall, tuple(comments), criteria)

"""Plain-text rendering of decisions, chronology reviews and screening decisions.

Free text (evidence, override rationales) is never rendered: the renderings say
that a rationale was recorded, not what it says.
"""

from __future__ import annotations

from neglect_protocol._model._chronology import ChronologyReview, GradeChange
from neglect_protocol._model._decision import Decision
from neglect_protocol._model._screening import ScreeningDecision


def _decision_lines(decision: Decision) -> list[str]:
    policy = decision.policy
    lines = [
        f"Decision for child {decision.child.reference}, observed "
        f"{decision.window.start.isoformat()} to {decision.window.end.isoformat()} "
        # Naming the policy is what this text is for; a policy's name is configuration.
        f"(policy '{policy.name}' version {policy.version})",
        f"  Level {decision.level.number}: {decision.level.name}",
        f"  Typical response: {decision.typical_response}",
        f"  Review by: {decision.review_by.isoformat()}",
    ]
    if decision.overridden is not None:
        record = decision.overridden
        when = f" on {record.on.isoformat()}" if record.on is not None else ""
        lines.append(
            f"  Overridden by {record.by}{when} from level {record.original.level.number} "
            f"({record.original.level.name}); rationale recorded"
        )
    if decision.reasons:
        lines.append(f"  Reasons ({len(decision.reasons)}):")
        lines += [f"    - {reason}" for reason in decision.reasons]
    else:
        lines.append("  Reasons: none fired, so the lowest level applies")
    return lines


def format_decision(decision: Decision) -> str:
    """Render a decision: level, typical response, review date and every reason.

    An override is shown with who made it and the level it replaced; its
    rationale is free text and is only said to be recorded.

    Args:
        decision: The decision to render.

    Returns:
        The text, one line per row, without a final newline.
    """
    return "\n".join(_decision_lines(decision))


def format_review(review: ChronologyReview) -> str:
    """Render a chronology review: decisions over time, changes, targets, time on level, drift.

    Earlier concerns the latest assessment did not grade are listed, and a fall
    in level is shown as a step-down proposal or with why none is proposed.

    Args:
        review: The review to render.

    Returns:
        The text, one line per row, without a final newline.
    """
    chronology = review.chronology
    lines = [
        f"Chronology for child {chronology.child.reference}: {len(chronology)} assessments, "
        f"baseline ending {chronology.baseline.window.end.isoformat()}, latest ending "
        f"{chronology.latest.window.end.isoformat()}",
        "  Levels decided:",
    ]
    for decision in review.decisions:
        count = len(decision.reasons)
        lines.append(
            f"    {decision.window.end.isoformat()}: level {decision.level.number} "
            f"({decision.level.name}), {count} reason{'' if count == 1 else 's'}"
        )
    if len(chronology) > 1:
        moved = [change for change in chronology.changes() if change.change is not GradeChange.SAME]
        lines.append("  Changes since the baseline: " + (f"{len(moved)}" if moved else "none"))
        lines += [f"    {change}" for change in moved]
    for label, targets in (
        ("met", chronology.targets_met),
        ("missed", chronology.targets_missed),
        ("not yet reviewed", chronology.targets_not_reviewed),
    ):
        codes = ", ".join(target.code for target in targets) or "none"
        lines.append(f"  Targets {label}: {codes}")
    lines.append(f"  Time on level: {review.time_on_level}")
    lines.append(f"  {review.drift}")
    if review.not_reassessed:
        lines.append(
            f"  Not reassessed: {', '.join(review.not_reassessed)} (concerns when last graded, "
            f"not graded at the latest assessment)"
        )
    if review.level_fall is None:
        lines.append("  Step-down: none proposed")
    else:
        lines.append(f"  Step-down {review.level_fall}")
    return "\n".join(lines)


def format_screening_decision(decision: ScreeningDecision) -> str:
    """Render a screening decision: the outcome and every reason (never evidence).

    Args:
        decision: The decision to render.

    Returns:
        The text, one line per row, without a final newline.
    """
    lines = [
        f"Screening of child {decision.child.reference} on {decision.completed_on.isoformat()} "
        f"(policy '{decision.policy.name}' version {decision.policy.version})",
        f"  Outcome: {decision.description}",
    ]
    if decision.reasons:
        lines.append(f"  Reasons ({len(decision.reasons)}):")
        lines += [f"    - {reason}" for reason in decision.reasons]
    else:
        lines.append("  Reasons: none fired")
    lines.append(f"  Not known: {', '.join(decision.not_known) or 'none'}")
    return "\n".join(lines)

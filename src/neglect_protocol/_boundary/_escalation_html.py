"""HTML views for notebooks: decisions, chronologies and their reviews.

Every piece of text is escaped, and no free text is shown: an override's
rationale is only said to be recorded.
"""

from __future__ import annotations

from html import escape

from neglect_protocol._boundary._html import TABLE, cell, grade_cell, header, row
from neglect_protocol._model._chronology import Chronology, ChronologyReview
from neglect_protocol._model._decision import Decision


def _table(caption: str, rows: list[str]) -> str:
    return f"{TABLE}<caption>{escape(caption)}</caption>{''.join(rows)}</table>"


def decision_html(decision: Decision) -> str:
    """A decision as HTML: level, typical response, review date, override and every reason."""
    policy = decision.policy
    caption = (
        f"Decision for child {decision.child.reference}, observed "
        f"{decision.window.start.isoformat()} to {decision.window.end.isoformat()} "
        f"(policy {policy.name} version {policy.version})"
    )
    facts = [
        ("Level", f"{decision.level.number}: {decision.level.name}"),
        ("Typical response", decision.typical_response),
        ("Review by", decision.review_by.isoformat()),
    ]
    if decision.overridden is not None:
        record = decision.overridden
        when = f" on {record.on.isoformat()}" if record.on is not None else ""
        facts.append(
            (
                "Overridden",
                f"by {record.by}{when} from level {record.original.level.number} "
                f"({record.original.level.name}); rationale recorded",
            )
        )
    summary = _table(caption, [row(cell(name, header=True), cell(value)) for name, value in facts])
    reasons = [header("level", "rule", "reason", "codes")]
    reasons += [
        row(
            cell(reason.level, align="center"),
            cell(reason.rule),
            cell(reason.text),
            cell(", ".join(reason.codes)),
        )
        for reason in decision.reasons
    ]
    if not decision.reasons:
        return summary + "<p>No rule fired, so the lowest level applies.</p>"
    return summary + _table(f"Reasons ({len(decision.reasons)})", reasons)


def chronology_html(chronology: Chronology) -> str:
    """A chronology as HTML: a row per area and sub-area, a column per assessment."""
    caption = (
        f"Chronology for child {chronology.child.reference}: {len(chronology)} assessments, "
        f"baseline ending {chronology.baseline.window.end.isoformat()}"
    )
    names: dict[str, tuple[str, bool]] = {}
    for profile in reversed(chronology.profiles):
        for entry in profile:
            names.setdefault(entry.code, (entry.name, entry.is_area))
    grades = [{entry.code: entry.grade for entry in profile} for profile in chronology]
    rows = [header("code", "name", *(profile.window.end.isoformat() for profile in chronology))]
    for code, (name, is_area) in names.items():
        weight = "font-weight: bold" if is_area else ""
        rows.append(
            row(
                cell(code, style=weight),
                cell(name if is_area else f"\u2003{name}", style=weight),
                *(grade_cell(graded.get(code)) for graded in grades),
            )
        )
    return _table(caption, rows)


def review_html(review: ChronologyReview) -> str:
    """A chronology review as HTML: the level decided at each assessment, then its findings."""
    chronology = review.chronology
    caption = (
        f"Review of the chronology for child {chronology.child.reference}: "
        f"{len(chronology)} assessments"
    )
    rows = [header("window end", "worst area grade", "level", "reasons", "review by")]
    for profile, decision in zip(chronology, review.decisions, strict=True):
        rows.append(
            row(
                cell(profile.window.end.isoformat()),
                grade_cell(profile.worst_area_grade),
                cell(f"{decision.level.number}: {decision.level.name}"),
                cell(len(decision.reasons), align="right"),
                cell(decision.review_by.isoformat()),
            )
        )
    step_down = "none proposed" if review.step_down is None else f"proposed {review.step_down}"
    findings = [
        f"Time on level: {review.time_on_level}",
        str(review.drift),
        f"Step-down: {step_down}",
    ]
    items = "".join(f"<li>{escape(finding)}</li>" for finding in findings)
    return _table(caption, rows) + f"<ul>{items}</ul>"

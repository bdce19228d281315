"""The document types of the partnership's metrics: audits, surveys, the dataset, the report input.

Schema versions (all 1):

- ``judgement_scale``: the judgement scale file format of
  :func:`~neglect_protocol.audit.load_judgement_scale` (judgements best first, each
  a code and a label), plus an optional ``kind``;
- ``case_file_audit``: one audited file, its judgements written in full (rank,
  code and label) so that the record stands on its own;
- ``survey`` and ``survey_response``: a questionnaire, and one respondent's answers;
- ``cohort``: the children in the dataset at a census date;
- ``implementation_measures``: training and use of the GCP2 in a period;
- ``period_records``: a period's audits, responses, cohort and implementation figures;
- ``disclosure_policy``: the disclosure policy file format of
  :func:`~neglect_protocol.disclosure.load_disclosure_policy` (sections
  ``suppression``, ``symbols`` and ``rounding``), plus an optional ``kind``;
- ``assurance_input``: what the annual assurance report is built from;
- ``action_plan``: a case review's recommendations and the actions answering them.
"""

from __future__ import annotations

from typing import Any

import attrs

from neglect_protocol._boundary._report_input import ReportInput
from neglect_protocol._boundary._wire import (
    AT_LEAST_ONE,
    LABELS,
    NONBLANK,
    OPEN_SHARE,
    OPTIONAL_NONBLANK,
    RULE,
    SHARE,
    Defaults,
    Layout,
    Lazily,
    WireError,
    WireRules,
    at_least,
    defaulted,
    described,
    matching,
    none_of,
    optional,
    satisfying,
    whole,
)
from neglect_protocol._logic._assurance import PeriodRecords
from neglect_protocol._logic._breakdowns import Dimension
from neglect_protocol._model._action_plan import (
    REFERENCE_PATTERN,
    REFERENCE_SHAPE,
    Action,
    ActionPlan,
    ActionStatus,
    Recommendation,
)
from neglect_protocol._model._audit import (
    AuditComment,
    CaseFileAudit,
    Criterion,
    Judgement,
    JudgementScale,
    Polarity,
)
from neglect_protocol._model._cohort import (
    CensusAgeBand,
    CohortRecord,
    GCP2Completion,
    ImplementationMeasures,
    PrimaryNeed,
)
from neglect_protocol._model._disclosure import (
    DisclosurePolicy,
    Missing,
    Suppression,
    is_space_or_digit,
    is_symbol,
)
from neglect_protocol._model._moderation import ModerationGrade
from neglect_protocol._model._survey import Question, ResponseScale, Survey, SurveyResponse
from neglect_protocol.errors import PolicyError

PARTS = (
    Suppression,
    Missing,
    Judgement,
    Polarity,
    AuditComment,
    Criterion,
    ResponseScale,
    Question,
    PrimaryNeed,
    CensusAgeBand,
    Dimension,
    CohortRecord,
    GCP2Completion,
    ActionStatus,
    Action,
    Recommendation,
)
"""The public value types of the metrics written without an envelope."""


# --- Judgement scales: the scale file format ---


@attrs.frozen
class ScaleJudgement:
    """A judgement as a scale file lists it: its rank is its place in the list.

    Attributes:
        code: The judgement's code, unique in the scale.
        label: The judgement as a report names it.
    """

    code: str
    label: str


@attrs.frozen
class JudgementScaleDocument:
    """A judgement scale as its file lays it out."""

    name: str
    version: str
    good_or_better: str
    inadequate: str
    judgements: tuple[ScaleJudgement, ...]


def _scale_to_shape(scale: JudgementScale, _: Defaults) -> JudgementScaleDocument:
    return JudgementScaleDocument(
        scale.name,
        scale.version,
        scale.good_or_better,
        scale.inadequate,
        tuple(ScaleJudgement(judgement.code, judgement.label) for judgement in scale),
    )


def _scale_from_shape(document: JudgementScaleDocument, _: Defaults) -> JudgementScale:
    return JudgementScale.from_labels(
        document.name,
        document.version,
        [(judgement.code, judgement.label) for judgement in document.judgements],
        good_or_better=document.good_or_better,
        inadequate=document.inadequate,
    )


JUDGEMENT_SCALE_LAYOUT = Layout(JudgementScaleDocument, _scale_to_shape, _scale_from_shape)


# --- Disclosure policies: the disclosure policy file format ---


def _default(name: str) -> Any:
    """The policy's own default for a field a file may leave out."""
    return attrs.fields_dict(DisclosurePolicy)[name].default


@attrs.frozen
class SuppressionSection:
    """Which counts are hidden.

    Attributes:
        min_count: The smallest count suppressed (0 is a true zero and never is).
        max_count: The largest count suppressed.
        secondary: Whether further cells are suppressed so that no suppressed one
            can be worked out from the rest of the table.
    """

    min_count: int = _default("min_count")
    max_count: int = _default("max_count")
    secondary: bool = _default("secondary")


@attrs.frozen
class SymbolsSection:
    """What is shown in place of a count.

    Attributes:
        suppressed: The symbol shown for a suppressed count (``"c"``).
        not_available: The symbol for a figure that was not collected (``":"``).
        not_applicable: The symbol for a figure that cannot exist (``"z"``).
    """

    suppressed: str = _default("suppressed")
    not_available: str = _default("not_available")
    not_applicable: str = _default("not_applicable")


@attrs.frozen
class RoundingSection:
    """How totals and percentages are rounded.

    Attributes:
        totals_to_nearest: National and regional totals are rounded to a multiple of
            this (1 leaves them exact).
        percent_decimal_places: The decimal places of published percentages.
    """

    totals_to_nearest: int = _default("totals_to_nearest")
    percent_decimal_places: int = _default("percent_decimal_places")


_SECTIONS = (SuppressionSection, SymbolsSection, RoundingSection)


@attrs.frozen
class DisclosurePolicyDocument:
    """A disclosure policy as its file lays it out; a section or key left out takes the default.

    Attributes:
        suppression: Which counts are hidden.
        symbols: What is shown in place of a count.
        rounding: How totals and percentages are rounded.
    """

    name: str
    version: str
    source: str
    suppression: SuppressionSection = SuppressionSection()
    symbols: SymbolsSection = SymbolsSection()
    rounding: RoundingSection = RoundingSection()


def _disclosure_to_shape(policy: DisclosurePolicy, _: Defaults) -> DisclosurePolicyDocument:
    sections: list[Any] = [
        section(**{field.name: getattr(policy, field.name) for field in attrs.fields(section)})
        for section in _SECTIONS
    ]
    return DisclosurePolicyDocument(policy.name, policy.version, policy.source, *sections)


_WHERE = {
    field.name: f"{section_name}.{field.name}"
    for section_name, section in zip(("suppression", "symbols", "rounding"), _SECTIONS, strict=True)
    for field in attrs.fields(section)
}


def _disclosure_from_shape(document: DisclosurePolicyDocument, _: Defaults) -> DisclosurePolicy:
    fields = {
        name: value
        for section in (document.suppression, document.symbols, document.rounding)
        for name, value in attrs.asdict(section).items()
    }
    try:
        return DisclosurePolicy(document.name, document.version, document.source, **fields)
    except PolicyError as error:
        # The policy names its flat field; the document holds it in a section.
        raise WireError(
            [(f".{_WHERE.get(error.path, error.path)}", error.problems[0].message, RULE)]
        ) from None


DISCLOSURE_POLICY_LAYOUT = Layout(
    DisclosurePolicyDocument, _disclosure_to_shape, _disclosure_from_shape
)

_ACTION_REFERENCE = matching(REFERENCE_PATTERN, REFERENCE_SHAPE)
# A moderation set's references are code-shaped, with at least one digit (the model's
# rule); the digit is a second pattern, since a portable pattern has no look-ahead.
_MODERATION_REFERENCE = described(
    {**whole("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}"), "allOf": [{"pattern": "[0-9]"}]}
)
# A symbol holds a character that is neither white space nor a digit: the same
# rule as the policy's own (is_symbol), and a pattern built from the same test.
SYMBOL = satisfying(
    is_symbol,
    "a non-empty symbol that is not a number",
    Lazily(lambda: {"pattern": none_of(is_space_or_digit)}),
)

RULES = WireRules(
    fields={
        Judgement: {"rank": at_least(1), "code": NONBLANK, "label": NONBLANK},
        AuditComment: {"theme": NONBLANK},
        Criterion: {"code": NONBLANK, "label": NONBLANK},
        CaseFileAudit: {"reference": NONBLANK, "team": NONBLANK},
        ResponseScale: {"name": NONBLANK, "answers": LABELS},
        Question: {
            "code": NONBLANK,
            "text": NONBLANK,
            "finding": OPTIONAL_NONBLANK,
            "positive": AT_LEAST_ONE,
        },
        Survey: {"name": NONBLANK, "groups": LABELS},
        SurveyResponse: {"respondent": NONBLANK, "group": NONBLANK},
        CohortRecord: {
            "reference": NONBLANK,
            "level_of_need": at_least(1),
            # The census code shapes a record checks when built (membership of one
            # year's list is checked against that list), told to the schema.
            "plan_category": described(whole("[A-Z]{3}")),
            "factors": described({"items": {"type": "string", **whole("[0-9]{1,2}[A-Z]?")}}),
        },
        GCP2Completion: {
            "practitioner": NONBLANK,
            "agency": NONBLANK,
            "level_of_need": at_least(1),
        },
        ImplementationMeasures: {
            "champions_trained": at_least(0),
            "awareness_attendance": at_least(0),
            "practitioners_trained": at_least(0),
        },
        PeriodRecords: {"label": NONBLANK},
        ReportInput: {
            "title": OPTIONAL_NONBLANK,
            "level_of_need": optional(at_least(1)),
            "inadequate_ceiling": optional(SHARE),
            "confidence": optional(OPEN_SHARE),
            # A trend's periods are financial years or their quarters (``2021-22``,
            # ``2021-22 Q3``); that the second year follows the first is the library's
            # check alone.
            "trend_periods": described(
                {
                    "minItems": 1,
                    "items": {"type": "string", **whole("[0-9]{4}-[0-9]{2}(?: Q[1-4])?")},
                }
            ),
        },
        Action: {"reference": _ACTION_REFERENCE, "description": NONBLANK, "owner": NONBLANK},
        Recommendation: {
            "reference": _ACTION_REFERENCE,
            "text": NONBLANK,
            "actions": AT_LEAST_ONE,
        },
        ActionPlan: {"title": NONBLANK, "recommendations": AT_LEAST_ONE},
        ModerationGrade: {
            "rater": _MODERATION_REFERENCE,
            "case": _MODERATION_REFERENCE,
            "sub_area": _MODERATION_REFERENCE,
        },
        ScaleJudgement: {"code": NONBLANK, "label": NONBLANK},
        JudgementScaleDocument: {
            "name": NONBLANK,
            "version": NONBLANK,
            "good_or_better": NONBLANK,
            "inadequate": NONBLANK,
            "judgements": described({"minItems": 2}),
        },
        DisclosurePolicyDocument: {"name": NONBLANK, "version": NONBLANK, "source": NONBLANK},
        SuppressionSection: {"min_count": at_least(1), "max_count": at_least(1)},
        SymbolsSection: {"suppressed": SYMBOL, "not_available": SYMBOL, "not_applicable": SYMBOL},
        RoundingSection: {"totals_to_nearest": at_least(1), "percent_decimal_places": at_least(0)},
    },
    omitted={
        # The census codes came after the first cohort documents: left at their
        # default, they are left out, so those documents are written as they always were.
        CohortRecord: {"plan_category", "factors"},
        # Options left to their defaults are left out, as a hand-written input would.
        ReportInput: defaulted(ReportInput),
        # An action with no evidence of impact yet leaves the key out, as a
        # hand-written plan would.
        Action: {"evidence"},
    },
)
"""How the records of the metrics look on the wire beyond their annotations."""

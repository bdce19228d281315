"""The one declaration of every document kind the library reads and writes.

A *document* is a value exchanged on its own: its JSON object (or TOML file)
carries ``kind`` and ``schema_version``. :data:`DOCUMENT_KINDS` lists each kind with
its Python type, the schema version this release writes, how it is laid out when
that differs from the Python class, and the migrations from older versions.
:data:`PARTS` lists the public value types written inside documents without an
envelope. :data:`RULES` merges the wire rules each format module declares as a
constant. Everything else derives from these: the converter, the ``schema``
command, :func:`~neglect_protocol.serialize.json_schema`,
:func:`~neglect_protocol.serialize.document_types` and the parametrised tests.
Nothing is registered as a side effect of importing a module.

Adding a document kind is one entry here (and a golden file in the tests).
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from neglect_protocol._boundary import _census_documents as census
from neglect_protocol._boundary import _escalation_documents as escalation
from neglect_protocol._boundary import _formats as foundation
from neglect_protocol._boundary import _metrics_documents as metrics
from neglect_protocol._boundary._report_input import ReportInput
from neglect_protocol._boundary._wire import Layout, WireRules
from neglect_protocol._logic._assurance import PeriodRecords
from neglect_protocol._logic._breakdowns import Cohort
from neglect_protocol._model._action_plan import ActionPlan
from neglect_protocol._model._assessment import Assessment
from neglect_protocol._model._audit import CaseFileAudit, JudgementScale
from neglect_protocol._model._catalogue import Catalogue
from neglect_protocol._model._census import CensusCodeList
from neglect_protocol._model._cohort import ImplementationMeasures
from neglect_protocol._model._decision import Decision
from neglect_protocol._model._disclosure import DisclosurePolicy
from neglect_protocol._model._policy import ThresholdPolicy
from neglect_protocol._model._profile import Profile
from neglect_protocol._model._screening import (
    Checklist,
    Screening,
    ScreeningDecision,
    ScreeningPolicy,
)
from neglect_protocol._model._survey import Survey, SurveyResponse

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns a document's body (without ``kind`` and ``schema_version``) into the next version."""


@attrs.frozen
class DocumentKind:
    """One kind of document: its tag, its type, its version and how to read older ones.

    Attributes:
        kind: The value of the document's ``kind`` key (``"assessment"``).
        type: The public type a document of this kind reads into.
        schema_version: The version this release writes.
        layout: An attrs class laying out the document, and the functions that turn
            a value into it and back, if the document is not laid out as ``type`` is.
        migrations: By version, the function upgrading a document of that version
            to the next; the oldest version read is the first of an unbroken chain.
    """

    kind: str
    type: type
    schema_version: int
    layout: Layout | None = None
    migrations: Mapping[int, Migration] = attrs.field(factory=dict)

    @property
    def shape(self) -> builtins.type:
        """The attrs class laying out the document (the type itself without a layout)."""
        return self.type if self.layout is None else self.layout.shape

    @property
    def oldest_version(self) -> int:
        """The oldest version this release still reads, by migration."""
        version = self.schema_version
        while version - 1 in self.migrations:
            version -= 1
        return version


ASSESSMENT_SCHEMA_VERSION = 1
CATALOGUE_SCHEMA_VERSION = 1
PROFILE_SCHEMA_VERSION = 1
THRESHOLD_POLICY_SCHEMA_VERSION = 1
DECISION_SCHEMA_VERSION = 1
SCREENING_CHECKLIST_SCHEMA_VERSION = 1
SCREENING_POLICY_SCHEMA_VERSION = 1
SCREENING_SCHEMA_VERSION = 1
SCREENING_DECISION_SCHEMA_VERSION = 1
JUDGEMENT_SCALE_SCHEMA_VERSION = 1
CASE_FILE_AUDIT_SCHEMA_VERSION = 1
SURVEY_SCHEMA_VERSION = 1
SURVEY_RESPONSE_SCHEMA_VERSION = 1
COHORT_SCHEMA_VERSION = 1
IMPLEMENTATION_MEASURES_SCHEMA_VERSION = 1
PERIOD_RECORDS_SCHEMA_VERSION = 1
DISCLOSURE_POLICY_SCHEMA_VERSION = 1
ASSURANCE_INPUT_SCHEMA_VERSION = 1
CENSUS_CODE_LIST_SCHEMA_VERSION = 1
ACTION_PLAN_SCHEMA_VERSION = 1

DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        "assessment",
        Assessment,
        ASSESSMENT_SCHEMA_VERSION,
        migrations={0: foundation.ratings_from_object},
    ),
    DocumentKind(
        "catalogue",
        Catalogue,
        CATALOGUE_SCHEMA_VERSION,
        foundation.CATALOGUE_LAYOUT,
    ),
    DocumentKind("profile", Profile, PROFILE_SCHEMA_VERSION, foundation.PROFILE_LAYOUT),
    DocumentKind(
        "threshold_policy",
        ThresholdPolicy,
        THRESHOLD_POLICY_SCHEMA_VERSION,
        escalation.THRESHOLD_POLICY_LAYOUT,
    ),
    # A decision checks itself (its level is its policy's and its reasons' highest,
    # unless overridden), so a document that says otherwise is refused at the field.
    DocumentKind("decision", Decision, DECISION_SCHEMA_VERSION),
    DocumentKind(
        "screening_checklist",
        Checklist,
        SCREENING_CHECKLIST_SCHEMA_VERSION,
        escalation.CHECKLIST_LAYOUT,
    ),
    DocumentKind(
        "screening_policy",
        ScreeningPolicy,
        SCREENING_POLICY_SCHEMA_VERSION,
        escalation.SCREENING_POLICY_LAYOUT,
    ),
    DocumentKind("screening", Screening, SCREENING_SCHEMA_VERSION),
    DocumentKind("screening_decision", ScreeningDecision, SCREENING_DECISION_SCHEMA_VERSION),
    DocumentKind(
        "judgement_scale",
        JudgementScale,
        JUDGEMENT_SCALE_SCHEMA_VERSION,
        metrics.JUDGEMENT_SCALE_LAYOUT,
    ),
    DocumentKind("case_file_audit", CaseFileAudit, CASE_FILE_AUDIT_SCHEMA_VERSION),
    DocumentKind("survey", Survey, SURVEY_SCHEMA_VERSION),
    DocumentKind("survey_response", SurveyResponse, SURVEY_RESPONSE_SCHEMA_VERSION),
    DocumentKind("cohort", Cohort, COHORT_SCHEMA_VERSION),
    DocumentKind(
        "implementation_measures", ImplementationMeasures, IMPLEMENTATION_MEASURES_SCHEMA_VERSION
    ),
    DocumentKind("period_records", PeriodRecords, PERIOD_RECORDS_SCHEMA_VERSION),
    DocumentKind(
        "disclosure_policy",
        DisclosurePolicy,
        DISCLOSURE_POLICY_SCHEMA_VERSION,
        metrics.DISCLOSURE_POLICY_LAYOUT,
    ),
    DocumentKind("assurance_input", ReportInput, ASSURANCE_INPUT_SCHEMA_VERSION),
    DocumentKind(
        "census_code_list",
        CensusCodeList,
        CENSUS_CODE_LIST_SCHEMA_VERSION,
        census.CENSUS_CODE_LIST_LAYOUT,
    ),
    DocumentKind("action_plan", ActionPlan, ACTION_PLAN_SCHEMA_VERSION),
)
"""Every document kind, in the order the ``schema`` command and the tests list them."""

PARTS: tuple[type, ...] = (
    *foundation.PARTS,
    *escalation.PARTS,
    *metrics.PARTS,
    *census.PARTS,
)
"""The public value types serialised on their own, without ``kind`` and ``schema_version``."""

RULES = WireRules.merge(foundation.RULES, escalation.RULES, metrics.RULES, census.RULES)
"""The wire rules of every format, which the converter and the schemas both read."""

"""HTTP request and response schemas (marshmallow); flask-smorest turns them into the OpenAPI document."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from shared.events.fields import CODE_PATTERN, NIP_PATTERN
from services.training.contract import ALL_KINDS, FORMS
from shared.strict import Strict

NIP = dict(validate=validate.Regexp(NIP_PATTERN, error="a NIP has exactly 18 digits"))
CODE = dict(validate=validate.Regexp(CODE_PATTERN, error="letters, digits, '.', '_' or '-'"))
STATUSES = ("assigned", "in_progress", "completed", "cancelled")
OPPORTUNITY_STATUSES = ("open", "assigned", "declined")


class LocalTextSchema(Strict):
    id = fields.String(required=True, validate=validate.Length(1, 400))
    en = fields.String(required=True, validate=validate.Length(1, 400))


class ProgrammeInSchema(Strict):
    title = fields.Nested(LocalTextSchema, required=True)
    form = fields.String(required=True, validate=validate.OneOf(FORMS))
    kind = fields.String(required=True, validate=validate.OneOf(ALL_KINDS))
    jp = fields.Integer(required=True, validate=validate.Range(1, 1000),
                        metadata={"description": "lesson hours (jam pelajaran)"})
    competencies = fields.List(fields.String(**CODE), required=True, validate=validate.Length(1, 20))
    level_min = fields.Integer(required=True, validate=validate.Range(1, 5))
    level_max = fields.Integer(required=True, validate=validate.Range(1, 5))
    provider = fields.String(required=True, validate=validate.Length(1, 200))


class ProgrammeSchema(ProgrammeInSchema):
    class Meta:
        unknown = ma.EXCLUDE
    code = fields.String()
    status = fields.String()
    retired_reason = fields.String(allow_none=True)
    revision = fields.Integer()


class ProgrammeFilterSchema(Strict):
    competency = fields.String(**CODE)
    form = fields.String(validate=validate.OneOf(FORMS))
    kind = fields.String(validate=validate.OneOf(ALL_KINDS))
    status = fields.String(validate=validate.OneOf(("active", "retired")))


class RetireSchema(Strict):
    reason = fields.String(required=True, validate=validate.Length(1, 1000))


class ImportSummarySchema(ma.Schema):
    rows = fields.Integer()
    defined = fields.Integer()
    unchanged = fields.Integer()


class RowProblemSchema(ma.Schema):
    row = fields.Integer(metadata={"description": "2 is the first row after the header"})
    column = fields.String(allow_none=True)
    code = fields.String()
    message = fields.String()


class RowOutcomeSchema(ma.Schema):
    row = fields.Integer()
    code = fields.String(metadata={"description": "the programme code the row names"})
    outcome = fields.String(metadata={"description": "new, changed, unchanged, or refused (see "
                                                     "problems)"})


class ImportCheckSchema(ma.Schema):
    """What importing the file would do, row by row; nothing is recorded."""
    rows = fields.Integer()
    defined = fields.Integer(metadata={"description": "rows that would be recorded (new or changed)"})
    unchanged = fields.Integer()
    accepted = fields.Boolean(metadata={"description": "true: POST /imports/programmes would "
                                                       "import the same file"})
    outcomes = fields.List(fields.Nested(RowOutcomeSchema))
    problems = fields.List(fields.Nested(RowProblemSchema))


class AssignmentSchema(ma.Schema):
    assignment_id = fields.String()
    nip = fields.String()
    programme_code = fields.String()
    competency = fields.String()
    jp = fields.Integer()
    year = fields.Integer()
    status = fields.String()
    reason = fields.Dict()
    assigned_at = fields.DateTime()
    started_on = fields.Date(allow_none=True)
    completed_on = fields.Date(allow_none=True)
    completed_jp = fields.Integer(allow_none=True)
    certificate_number = fields.String(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    cancel_note = fields.String(allow_none=True)
    period_id = fields.String(allow_none=True)
    name = fields.String(allow_none=True, metadata={"description": "the employee's name"})
    unit_code = fields.String(allow_none=True)
    unit_name = fields.String(allow_none=True)


class AssignmentFilterSchema(Strict):
    nip = fields.String(**NIP)
    programme = fields.String(**CODE, metadata={"description": "a programme code"})
    period = fields.String(**CODE, metadata={"description": "the appraisal period whose "
                                                            "assessment caused the assignment"})
    unit = fields.String(**CODE)
    status = fields.String(validate=validate.OneOf(STATUSES))
    year = fields.Integer(validate=validate.Range(2000, 2100))


class StartSchema(Strict):
    started_on = fields.Date(required=True)


class CompleteSchema(Strict):
    completed_on = fields.Date(required=True)
    certificate_number = fields.String(required=True, validate=validate.Length(1, 100))
    jp = fields.Integer(validate=validate.Range(1, 1000),
                        metadata={"description": "left out: the programme's JP"})


class CancelSchema(Strict):
    note = fields.String(required=True, validate=validate.Length(1, 1000))


class ReportInSchema(Strict):
    programme_code = fields.String(required=True, **CODE)
    completed_on = fields.Date(required=True)
    certificate_number = fields.String(required=True, validate=validate.Length(1, 100))
    assignment_id = fields.String(validate=validate.Length(1, 80),
                                  metadata={"description": "left out: the open assignment of "
                                                           "that programme, if any"})


class ReportSchema(ma.Schema):
    report_id = fields.String()
    nip = fields.String()
    programme_code = fields.String()
    assignment_id = fields.String(allow_none=True)
    completed_on = fields.Date()
    jp = fields.Integer()
    certificate_number = fields.String()
    status = fields.String(metadata={"description": "pending, verified or rejected"})
    reported_at = fields.DateTime()
    rejected_reason = fields.String(allow_none=True)
    rejected_at = fields.DateTime(allow_none=True)
    name = fields.String(allow_none=True, metadata={"description": "the employee's name"})
    unit_code = fields.String(allow_none=True)


class RejectReportSchema(Strict):
    reason = fields.String(required=True, validate=validate.Length(1, 1000),
                           metadata={"description": "why, in words the employee reads"})


class ReportFilterSchema(Strict):
    status = fields.String(validate=validate.OneOf(("pending", "verified", "rejected")))
    nip = fields.String(**NIP)


class YearSchema(Strict):
    year = fields.Integer(validate=validate.Range(2000, 2100),
                          metadata={"description": "left out: this year"})


class ComplianceQuerySchema(YearSchema):
    subunits = fields.Boolean(load_default=True)
    everyone = fields.Boolean(load_default=False, metadata={
        "description": "true: also list every employee of the unit(s), target met or not, in "
                       "`everyone` (an export of the whole unit)"})


class OpportunitySchema(ma.Schema):
    nip = fields.String()
    period_id = fields.String()
    competency = fields.String()
    assessed = fields.Integer()
    required = fields.Integer()
    suggestion = fields.Dict()
    identified_at = fields.DateTime()
    status = fields.String(metadata={"description": "open, assigned or declined"})
    role = fields.String(allow_none=True)
    programme_code = fields.String(allow_none=True)
    starts_on = fields.Date(allow_none=True)
    note = fields.String(allow_none=True)
    decline_reason = fields.String(allow_none=True)
    decided_by = fields.String(allow_none=True, metadata={"description": "the decider's NIP"})
    decided_as = fields.String(allow_none=True, metadata={"description": "hr_admin or supervisor"})
    decided_at = fields.DateTime(allow_none=True)
    name = fields.String(allow_none=True, metadata={"description": "the employee's name"})
    unit_code = fields.String(allow_none=True)
    unit_name = fields.String(allow_none=True)


class OpportunityFilterSchema(Strict):
    nip = fields.String(**NIP)
    unit = fields.String(**CODE)
    period = fields.String(**CODE)
    status = fields.String(validate=validate.OneOf(OPPORTUNITY_STATUSES))


class UnmetSchema(ma.Schema):
    period_id = fields.String()
    competency = fields.String()
    reason = fields.String()
    assessed = fields.Integer()
    required = fields.Integer()


class CompletionSchema(ma.Schema):
    completion_id = fields.String()
    programme_code = fields.String()
    completed_on = fields.Date()
    jp = fields.Integer()
    certificate_number = fields.String()


class JpSchema(ma.Schema):
    nip = fields.String()
    year = fields.Integer()
    completed_jp = fields.Integer()
    minimum_jp = fields.Integer()
    shortfall = fields.Integer()
    met = fields.Boolean()
    completions = fields.List(fields.Nested(CompletionSchema))


class PlanSchema(ma.Schema):
    nip = fields.String()
    name = fields.String()
    unit_code = fields.String()
    year = fields.Integer()
    minimum_jp = fields.Integer()
    planned_jp = fields.Integer()
    completed_jp = fields.Integer()
    shortfall = fields.Integer()
    assignments = fields.List(fields.Nested(AssignmentSchema))
    opportunities = fields.List(fields.Nested(OpportunitySchema))
    unmet_needs = fields.List(fields.Nested(UnmetSchema))
    completion_reports = fields.List(fields.Nested(ReportSchema))
    rejected_reports = fields.List(fields.Nested(ReportSchema), metadata={
        "description": "reports a training admin rejected this year, with the reason"})


class JpmSchema(ma.Schema):
    nip = fields.String()
    period_id = fields.String()
    submission = fields.Integer()
    score = fields.Float(metadata={"description": "sum(min(assessed, required)) / sum(required) * 100"})
    category = fields.String()
    label = fields.String()


class UnderSchema(ma.Schema):
    nip = fields.String()
    name = fields.String()
    unit_code = fields.String()
    completed_jp = fields.Integer()
    shortfall = fields.Integer()


class EveryoneSchema(UnderSchema):
    met = fields.Boolean(metadata={"description": "completed_jp reaches minimum_jp"})


class ComplianceSchema(ma.Schema):
    unit_code = fields.String()
    year = fields.Integer()
    minimum_jp = fields.Integer()
    employees = fields.Integer()
    compliant = fields.Integer()
    under = fields.List(fields.Nested(UnderSchema))
    everyone = fields.List(fields.Nested(EveryoneSchema), metadata={
        "description": "with everyone=true only: each employee, met or not (by unit, then NIP)"})


class JpmReportQuerySchema(Strict):
    period = fields.String(required=True, **CODE)
    unit = fields.String(**CODE, metadata={"description": "this unit and the units below it"})


class JpmCountsSchema(ma.Schema):
    assessed = fields.Integer(metadata={"description": "employees with a supervisor assessment"})
    average = fields.Float(allow_none=True, metadata={
        "description": "the mean of their JPM scores, 2 decimals (null when none is assessed)"})
    optimal = fields.Integer()
    cukup_optimal = fields.Integer()
    kurang_optimal = fields.Integer()


class JpmUnitSchema(JpmCountsSchema):
    unit_code = fields.String()
    name = fields.String(allow_none=True)


class JpmReportSchema(ma.Schema):
    period_id = fields.String()
    unit_code = fields.String(allow_none=True)
    thresholds = fields.Dict(metadata={"description": "{optimal, cukup_optimal} in percent"})
    totals = fields.Nested(JpmCountsSchema, metadata={"description": "the whole scope"})
    units = fields.List(fields.Nested(JpmUnitSchema), metadata={
        "description": "each unit's own employees (by the unit of their assessment), by code"})


class ComplianceReportQuerySchema(YearSchema):
    unit = fields.String(**CODE, metadata={"description": "this unit and the units below it"})


class ComplianceCountsSchema(ma.Schema):
    employees = fields.Integer()
    compliant = fields.Integer(metadata={"description": "at least the minimum JP completed"})
    not_compliant = fields.Integer()
    share = fields.Float(metadata={"description": "compliant / employees (0 to 1, 4 decimals)"})


class ComplianceUnitSchema(ComplianceCountsSchema):
    unit_code = fields.String()
    name = fields.String(allow_none=True)


class ComplianceReportSchema(ma.Schema):
    year = fields.Integer()
    minimum_jp = fields.Integer()
    unit_code = fields.String(allow_none=True)
    totals = fields.Nested(ComplianceCountsSchema, metadata={"description": "the whole scope"})
    units = fields.List(fields.Nested(ComplianceUnitSchema), metadata={
        "description": "each unit's own employees, by code"})


class OpportunityAssignInSchema(Strict):
    role = fields.String(required=True, validate=validate.Length(1, 400), metadata={
        "description": "the role given: the suggestion, or edited (Bahasa Indonesia)"})
    starts_on = fields.Date(required=True, metadata={"description": "from when"})
    programme_code = fields.String(**CODE, metadata={
        "description": "a catalogue programme that goes with the role (optional; active)"})
    note = fields.String(validate=validate.Length(1, 1000),
                         metadata={"description": "a note the employee reads (optional)"})


class OpportunityDeclineInSchema(Strict):
    reason = fields.String(required=True, validate=validate.Length(1, 1000))


class MyReportsOpportunityFilterSchema(Strict):
    period = fields.String(**CODE)
    status = fields.String(validate=validate.OneOf(OPPORTUNITY_STATUSES))


class UnitPeriodQuerySchema(Strict):
    period = fields.String(required=True, **CODE)
    subunits = fields.Boolean(load_default=True)


class RoleCountSchema(ma.Schema):
    competency = fields.String()
    unit_code = fields.String()
    unit_name = fields.String(allow_none=True)
    count = fields.Integer()


class RolesReportSchema(ma.Schema):
    unit_code = fields.String()
    period_id = fields.String()
    subunits = fields.Boolean()
    assigned = fields.Integer()
    by_competency_and_unit = fields.List(fields.Nested(RoleCountSchema))
    roles = fields.List(fields.Nested(OpportunitySchema))


class TalentPersonSchema(ma.Schema):
    nip = fields.String()
    name = fields.String()
    unit_code = fields.String()
    unit_name = fields.String(allow_none=True)
    predikat = fields.String(allow_none=True)
    performance = fields.String(metadata={"description": "below, meets or above (expectation)"})
    potential = fields.String(metadata={"description": "low, medium or high"})
    share = fields.Float(metadata={"description": "percent of competencies at or above the "
                                                  "required level"})
    box = fields.Integer()
    reason = fields.String(metadata={"description": "unplaced: no_assessment or no_predikat"})


class TalentNameSchema(ma.Schema):
    nip = fields.String()
    name = fields.String()
    unit_code = fields.String()


class TalentBoxSchema(ma.Schema):
    box = fields.Integer(metadata={"description": "1 (below/low) to 9 (above/high)"})
    performance = fields.String()
    potential = fields.String()
    count = fields.Integer()
    people = fields.List(fields.Nested(TalentNameSchema))
    follow_up = fields.String(metadata={"description": "PermenPANRB 3/2020's follow-up"})


class TalentSchema(ma.Schema):
    unit_code = fields.String()
    period_id = fields.String()
    subunits = fields.Boolean()
    rule = fields.Dict(metadata={"description": "predikat -> performance; potential thresholds"})
    boxes = fields.List(fields.Nested(TalentBoxSchema))
    placed = fields.List(fields.Nested(TalentPersonSchema))
    unplaced = fields.List(fields.Nested(TalentPersonSchema))

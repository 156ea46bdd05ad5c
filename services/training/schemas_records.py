"""HTTP answers about one employee's records (marshmallow): assignments, completion reports,
opportunities, JP and the development plan; and the catalogue import's report."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields


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

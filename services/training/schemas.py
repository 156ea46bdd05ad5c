"""HTTP request schemas (marshmallow), and the programme as answered; flask-smorest turns them into
the OpenAPI document. The answers are in ``schemas_records.py`` and ``schemas_reports.py``."""
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


class RejectReportSchema(Strict):
    reason = fields.String(required=True, validate=validate.Length(1, 1000),
                           metadata={"description": "why, in words the employee reads"})


class ReportFilterSchema(Strict):
    status = fields.String(validate=validate.OneOf(("pending", "verified", "rejected")))
    nip = fields.String(**NIP)


class YearSchema(Strict):
    year = fields.Integer(validate=validate.Range(2000, 2100),
                          metadata={"description": "left out: this year"})


class UnitYearQuerySchema(YearSchema):
    subunits = fields.Boolean(load_default=True)


class ComplianceQuerySchema(YearSchema):
    subunits = fields.Boolean(load_default=True)
    everyone = fields.Boolean(load_default=False, metadata={
        "description": "true: also list every employee of the unit(s), target met or not, in "
                       "`everyone` (an export of the whole unit)"})


class OpportunityFilterSchema(Strict):
    nip = fields.String(**NIP)
    unit = fields.String(**CODE)
    period = fields.String(**CODE)
    status = fields.String(validate=validate.OneOf(OPPORTUNITY_STATUSES))


class JpmReportQuerySchema(Strict):
    period = fields.String(required=True, **CODE)
    unit = fields.String(**CODE, metadata={"description": "this unit and the units below it"})


class ComplianceReportQuerySchema(YearSchema):
    unit = fields.String(**CODE, metadata={"description": "this unit and the units below it"})


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

"""HTTP schemas of the dictionary, the organisation, the import and the periods (marshmallow)."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from services.assessment.contract import ASSESSMENT_ROLES, EXPECTATIONS, PERIOD_KINDS
from shared.events.fields import CODE_PATTERN, NIP_PATTERN
from shared.strict import Strict

NIP = dict(validate=validate.Regexp(NIP_PATTERN, error="a NIP has exactly 18 digits"))
CODE = dict(validate=validate.Regexp(CODE_PATTERN, error="letters, digits, '.', '_' or '-'"))
ROLE = validate.OneOf(ASSESSMENT_ROLES)
EXPECTATION = validate.OneOf(EXPECTATIONS)
EXPECTED_REVISION = ("the position's revision as read (GET /positions/<code>; 0: a new position):"
                     " a position changed since is refused (409 standard_changed, with its"
                     " revision now) and nothing is recorded; left out, the last save wins")


class LocalTextSchema(Strict):
    id = fields.String(required=True, validate=validate.Length(1, 400))
    en = fields.String(required=True, validate=validate.Length(1, 400))


class LevelSchema(Strict):
    level = fields.Integer(required=True, validate=validate.Range(1, 5))
    title = fields.Nested(LocalTextSchema, required=True)
    indicators = fields.List(fields.String(validate=validate.Length(1, 300)), required=True,
                             validate=validate.Length(1, 10))


class CompetencyInSchema(Strict):
    code = fields.String(required=True, **CODE)
    name = fields.Nested(LocalTextSchema, required=True)
    definition = fields.Nested(LocalTextSchema, required=True)
    levels = fields.List(fields.Nested(LevelSchema), required=True, validate=validate.Length(equal=5))


class CompetencySchema(CompetencyInSchema):
    kind = fields.String()
    revision = fields.Integer()


class JobLevelSchema(ma.Schema):
    code = fields.String()
    name = fields.String()
    track = fields.String()
    required_level = fields.Integer()


class RequirementSchema(Strict):
    competency = fields.String(required=True, **CODE)
    required_level = fields.Integer(required=True, validate=validate.Range(1, 5))


class PositionInSchema(Strict):
    title = fields.String(required=True, validate=validate.Length(1, 200))
    job_level = fields.String(required=True, **CODE)
    standard = fields.List(fields.Nested(RequirementSchema), validate=validate.Length(1, 60),
                           metadata={"description": "left out: the job level's default standard"})
    expected_revision = fields.Integer(load_default=None, validate=validate.Range(0, 2**31 - 1),
                                       metadata={"description": EXPECTED_REVISION})


class PositionSchema(ma.Schema):
    code = fields.String()
    title = fields.String()
    job_level = fields.String()
    standard = fields.List(fields.Nested(RequirementSchema))
    revision = fields.Integer()


class UnitSchema(Strict):
    code = fields.String(required=True, **CODE)
    name = fields.String(required=True, validate=validate.Length(1, 200))
    parent_code = fields.String(load_default=None, allow_none=True, **CODE)


class EmployeeInSchema(Strict):
    nip = fields.String(required=True, **NIP)
    name = fields.String(required=True, validate=validate.Length(1, 200))
    position_code = fields.String(required=True, **CODE)
    unit_code = fields.String(required=True, **CODE)
    supervisor_nip = fields.String(load_default=None, allow_none=True, **NIP)


class EmployeeChangeSchema(Strict):
    name = fields.String(validate=validate.Length(1, 200))
    position_code = fields.String(**CODE)
    unit_code = fields.String(**CODE)
    supervisor_nip = fields.String(allow_none=True, **NIP)


class EmployeeSchema(EmployeeInSchema):
    version = fields.Integer()
    registered_at = fields.DateTime()
    updated_at = fields.DateTime()


class EmployeeFilterSchema(Strict):
    unit = fields.String(**CODE)
    supervisor = fields.String(**NIP)
    position = fields.String(**CODE)
    name = fields.String(validate=validate.Length(2, 200), metadata={
        "description": "a part of the name, in any case (employee search)"})


class HistorySchema(ma.Schema):
    version = fields.Integer()
    change = fields.String()
    changed = fields.List(fields.String())
    name = fields.String()
    position_code = fields.String()
    unit_code = fields.String()
    supervisor_nip = fields.String(allow_none=True)
    recorded_at = fields.DateTime()


class MeSchema(ma.Schema):
    employee = fields.Nested(EmployeeSchema)
    direct_reports = fields.List(fields.Nested(EmployeeSchema))


class OfficialsFilterSchema(Strict):
    period = fields.String(**CODE, metadata={
        "description": "the period whose form is printed: the appraising official is then the"
                       " assessor of that period's supervisor assessment, and the employee's"
                       " position and unit those it was made for"})


class PersonOnFormSchema(ma.Schema):
    nip = fields.String()
    name = fields.String()
    position_code = fields.String()
    position_title = fields.String(allow_none=True)
    job_level = fields.String(allow_none=True)
    unit_code = fields.String()
    unit_name = fields.String(allow_none=True)


class AgencySchema(ma.Schema):
    unit_code = fields.String()
    name = fields.String()


class OfficialsSchema(ma.Schema):
    period_id = fields.String(allow_none=True)
    employee = fields.Nested(PersonOnFormSchema)
    appraising_official = fields.Nested(PersonOnFormSchema, allow_none=True, metadata={
        "description": "pejabat penilai: the direct supervisor (or, for a period, the one who"
                       " assessed); null for an employee without one"})
    official_superior = fields.Nested(PersonOnFormSchema, allow_none=True, metadata={
        "description": "atasan pejabat penilai: the appraising official's direct supervisor"})
    agency = fields.Nested(AgencySchema, metadata={
        "description": "the top unit above the employee's unit (the agency, instansi)"})


class ImportSummarySchema(ma.Schema):
    rows = fields.Integer()
    units = fields.Integer()
    positions = fields.Integer()
    registered = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()


class RowProblemSchema(ma.Schema):
    row = fields.Integer(metadata={"description": "2 is the first row after the header (0: the "
                                                  "file as a whole)"})
    column = fields.String(allow_none=True, metadata={"description": "the CSV column, e.g. NIP_BARU"})
    code = fields.String(metadata={"description": "e.g. invalid_nip, unknown_supervisor"})
    message = fields.String()


class RowOutcomeSchema(ma.Schema):
    row = fields.Integer()
    nip = fields.String(allow_none=True, metadata={"description": "the NIP the row names"})
    name = fields.String(allow_none=True)
    outcome = fields.String(metadata={"description": "new, changed, unchanged, or refused (see "
                                                     "problems)"})
    changed = fields.List(fields.String(), metadata={
        "description": "for changed: which of name, position_code, unit_code, supervisor_nip"})


class ImportCheckSchema(ma.Schema):
    """What importing the file would do, row by row; nothing is recorded. The counts are those
    POST /imports/employees would answer (0 when the file would be refused)."""
    rows = fields.Integer()
    accepted = fields.Boolean(metadata={"description": "true: POST /imports/employees would "
                                                       "import the same file"})
    units = fields.Integer(metadata={"description": "new units it would register"})
    positions = fields.Integer(metadata={"description": "new positions it would register"})
    registered = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    outcomes = fields.List(fields.Nested(RowOutcomeSchema))
    problems = fields.List(fields.Nested(RowProblemSchema))


class PeriodInSchema(Strict):
    kind = fields.String(required=True, validate=validate.OneOf(PERIOD_KINDS))
    year = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    quarter = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 4))
    month = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 12))


class PeriodSchema(ma.Schema):
    period_id = fields.String()
    kind = fields.String()
    year = fields.Integer()
    quarter = fields.Integer(allow_none=True)
    month = fields.Integer(allow_none=True)
    starts_on = fields.Date()
    ends_on = fields.Date()
    status = fields.String()
    opened_at = fields.DateTime()
    closed_at = fields.DateTime(allow_none=True)

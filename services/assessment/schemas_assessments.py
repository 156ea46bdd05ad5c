"""HTTP schemas of assessments, HR's monitoring and the predikat distribution (marshmallow)."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from services.assessment.schemas_organisation import CODE, EXPECTATION, NIP, ROLE
from shared.strict import Strict


class RatingInSchema(Strict):
    competency = fields.String(required=True, **CODE)
    level = fields.Integer(required=True, validate=validate.Range(1, 5))
    evidence = fields.String(load_default="", validate=validate.Length(max=2000))
    comment = fields.String(load_default="", validate=validate.Length(max=1000))


class AssessmentInSchema(Strict):
    ratings = fields.List(fields.Nested(RatingInSchema), required=True,
                          validate=validate.Length(max=60))
    work_result = fields.String(load_default=None, allow_none=True, validate=EXPECTATION,
                                metadata={"description": "hasil kerja: DI_ATAS, SESUAI or DI_BAWAH"})
    work_behaviour = fields.String(load_default=None, allow_none=True, validate=EXPECTATION,
                                   metadata={"description": "perilaku kerja: same scale"})
    work_result_reason = fields.String(load_default=None, allow_none=True,
                                       validate=validate.Length(max=1000), metadata={
                                           "description": "why work_result differs from the"
                                           " rating the plan proposes (docs/plan.md)"})


class ReopenSchema(Strict):
    reason = fields.String(required=True, validate=validate.Length(1, 1000))


class RatedSchema(ma.Schema):
    competency = fields.String()
    level = fields.Integer()
    required_level = fields.Integer()
    evidence = fields.String()
    comment = fields.String()


class AssessmentSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String()
    role = fields.String()
    status = fields.String(metadata={"description": "draft, submitted or reopened"})
    assessor_nip = fields.String()
    submission = fields.Integer()
    position_code = fields.String()
    job_level = fields.String()
    unit_code = fields.String()
    ratings = fields.List(fields.Nested(RatedSchema))
    work_result = fields.String(allow_none=True)
    work_behaviour = fields.String(allow_none=True)
    predikat = fields.String(allow_none=True)
    predikat_label = fields.String(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    reopened_at = fields.DateTime(allow_none=True)
    reopen_reason = fields.String(allow_none=True)
    saved_at = fields.DateTime(allow_none=True)


class SubmittedSchema(ma.Schema):
    """What a submission answers; the whole assessment is at the Location it names."""

    period_id = fields.String()
    nip = fields.String()
    role = fields.String()
    status = fields.String()
    submission = fields.Integer(metadata={"description": "1, then 2 after a reopening..."})
    predikat = fields.String(allow_none=True)
    predikat_label = fields.String(allow_none=True)
    submitted_at = fields.DateTime()


class AssessmentFilterSchema(Strict):
    nip = fields.String(**NIP, metadata={"description": "one employee's assessments"})
    period = fields.String(**CODE)
    unit = fields.String(**CODE)
    role = fields.String(validate=ROLE)
    status = fields.String(validate=validate.OneOf(("submitted", "reopened")))


class MonitoringFilterSchema(Strict):
    unit = fields.String(**CODE)
    subunits = fields.Boolean(load_default=True, metadata={"description": "include units below"})
    pending = fields.String(validate=validate.OneOf(("self", "supervisor", "either")),
                            metadata={"description": "only those still missing this assessment"
                                      " (nobody misses a supervisor's assessment who has no"
                                      " supervisor)"})
    sort = fields.String(load_default="unit", validate=validate.OneOf(("unit", "name")),
                         metadata={"description": "unit: by unit code, then NIP (the default);"
                                   " name: by name, then NIP"})


class ProgressSchema(ma.Schema):
    nip = fields.String()
    name = fields.String()
    position_code = fields.String()
    position_title = fields.String(allow_none=True)
    unit_code = fields.String()
    unit_name = fields.String(allow_none=True)
    supervisor_nip = fields.String(allow_none=True)
    supervisor_name = fields.String(allow_none=True)
    self_status = fields.String(metadata={"description": "not_started, draft, submitted, reopened"})
    supervisor_status = fields.String()
    missing = fields.List(fields.String(), metadata={
        "description": "the sides not submitted yet: self, supervisor (never supervisor for an"
                       " employee without a direct supervisor)"})


class ProgressCountsSchema(ma.Schema):
    employees = fields.Integer()
    self_submitted = fields.Integer(metadata={"description": "self-assessments submitted"})
    supervisor_expected = fields.Integer(metadata={
        "description": "employees with a direct supervisor, who are to be assessed"})
    supervisor_submitted = fields.Integer(metadata={"description": "supervisor assessments submitted"})
    self_share = fields.Float(metadata={"description": "self_submitted / employees (0 to 1)"})
    supervisor_share = fields.Float(metadata={
        "description": "supervisor_submitted / supervisor_expected (0 to 1)"})


class UnitProgressSchema(ma.Schema):
    unit_code = fields.String()
    name = fields.String()
    parent_code = fields.String(allow_none=True)
    depth = fields.Integer(metadata={"description": "0 for a unit without a parent"})
    own = fields.Nested(ProgressCountsSchema, metadata={"description": "the unit's own employees"})
    total = fields.Nested(ProgressCountsSchema, metadata={
        "description": "the unit's employees and those of every unit below it"})


class UnitsProgressSchema(ProgressCountsSchema):
    period_id = fields.String()
    units = fields.List(fields.Nested(UnitProgressSchema), metadata={
        "description": "depth first: each unit followed by its sub-units, by code"})


class DistributionFilterSchema(Strict):
    unit = fields.String(**CODE)
    subunits = fields.Boolean(load_default=True)


class DistributionSchema(ma.Schema):
    period_id = fields.String()
    unit_code = fields.String(allow_none=True)
    employees = fields.Integer()
    assessed = fields.Integer()
    predikat = fields.List(fields.Dict(), metadata={
        "description": "[{predikat, label, count, share}] in the order of the matrix"})

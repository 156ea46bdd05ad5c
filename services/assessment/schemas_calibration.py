"""HTTP schemas of calibration: a change of predikat, a unit's sessions and people."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from services.assessment.contract import PREDIKATS
from shared.strict import Strict


class CalibrateInSchema(Strict):
    predikat = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    reason = fields.String(required=True, validate=validate.Length(1, 1000))


class ChangeSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String()
    version = fields.Integer(metadata={"description": "the change's place in the employee's"
                                                      " predikat stream"})
    kind = fields.String(metadata={"description": "calibration"})
    unit_code = fields.String()
    session_id = fields.String(allow_none=True)
    previous = fields.String()
    predikat = fields.String()
    reason = fields.String()
    changed_by = fields.String()
    changed_at = fields.DateTime()


class SessionSchema(ma.Schema):
    session_id = fields.String()
    status = fields.String(metadata={"description": "open or closed"})
    opened_by = fields.String()
    opened_at = fields.DateTime()
    closed_by = fields.String(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)


class CalibratedPersonSchema(ma.Schema):
    nip = fields.String()
    name = fields.String()
    unit_code = fields.String()
    predikat = fields.String()
    predikat_label = fields.String()
    assessor_nip = fields.String(metadata={"description": "the appraising official"})
    work_result = fields.String()
    work_behaviour = fields.String()
    changes = fields.List(fields.Nested(ChangeSchema))


class CalibrationSchema(ma.Schema):
    period_id = fields.String()
    period_status = fields.String()
    unit_code = fields.String()
    open_session = fields.String(allow_none=True)
    sessions = fields.List(fields.Nested(SessionSchema), metadata={"description": "newest first"})
    employees = fields.List(fields.Nested(CalibratedPersonSchema), metadata={
        "description": "the unit's people (with the units below) with a supervisor's predikat"})


class ToCalibrateSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String()
    name = fields.String()
    unit_code = fields.String()
    predikat = fields.String()
    predikat_label = fields.String()
    session_id = fields.String(metadata={"description": "the open session that covers it"})

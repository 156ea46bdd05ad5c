"""HTTP schemas of objections (keberatan)."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from services.assessment.contract import PREDIKATS
from shared.strict import Strict


class ObjectionInSchema(Strict):
    reasons = fields.String(required=True, validate=validate.Length(1, 2000))


class ExplanationInSchema(Strict):
    explanation = fields.String(required=True, validate=validate.Length(1, 2000))


class DecisionInSchema(Strict):
    decision = fields.String(required=True, validate=validate.OneOf(("upheld", "changed")))
    predikat = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(PREDIKATS),
                             metadata={"description": "the new predikat when changed"})
    reason = fields.String(required=True, validate=validate.Length(1, 2000))


class ObjectionFilterSchema(Strict):
    status = fields.String(validate=validate.OneOf(("open", "decided", "overdue")))
    period = fields.String(validate=validate.Length(1, 20))


class ObjectionSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String()
    name = fields.String()
    unit_code = fields.String()
    status = fields.String(metadata={"description": "filed, explained or decided"})
    predikat = fields.String(metadata={"description": "the predikat objected to"})
    reasons = fields.String()
    official_nip = fields.String()
    official_name = fields.String(allow_none=True)
    superior_nip = fields.String()
    superior_name = fields.String(allow_none=True)
    received_on = fields.Date()
    filed_on = fields.Date()
    decide_by = fields.Date()
    overdue = fields.Boolean(metadata={"description": "not decided and past decide_by"})
    explanation = fields.String(allow_none=True)
    explained_at = fields.DateTime(allow_none=True)
    decision = fields.String(allow_none=True, metadata={"description": "upheld or changed"})
    new_predikat = fields.String(allow_none=True)
    decision_reason = fields.String(allow_none=True)
    decided_on = fields.Date(allow_none=True)
    late = fields.Boolean(allow_none=True)

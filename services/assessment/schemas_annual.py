"""Bodies of the period rules and the annual appraisal's endpoints."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from services.assessment.contract import PREDIKATS
from shared.strict import Strict


class PeriodRulesSchema(ma.Schema):
    periodic = fields.List(fields.String(), metadata={
        "description": "the periodic cadences HR may open: monthly, quarterly or both"})
    annual = fields.Boolean(metadata={"description": "whether the annual appraisal is held"})
    annual_policy = fields.String(metadata={"description": "latest, mode or mean_score"})


class ConfirmInSchema(Strict):
    predikat = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000),
                           metadata={"description": "required when the predikat is not the"
                                                    " proposed one"})


class PeriodicResultSchema(ma.Schema):
    period_id = fields.String()
    predikat = fields.String()
    predikat_label = fields.String()


class ConfirmationSchema(ma.Schema):
    version = fields.Integer(metadata={"description": "its place in the annual stream"})
    policy = fields.String()
    proposed = fields.String()
    previous = fields.String()
    predikat = fields.String()
    reason = fields.String(allow_none=True)
    confirmed_by = fields.String()
    confirmed_at = fields.DateTime()


class AnnualSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String()
    name = fields.String()
    period_status = fields.String()
    policy = fields.String(metadata={"description": "latest, mode or mean_score"})
    periodic = fields.List(fields.Nested(PeriodicResultSchema), metadata={
        "description": "the year's periodic results (monthly or quarterly), in order"})
    proposed = fields.String(allow_none=True, metadata={
        "description": "what the policy makes of them; null without any"})
    proposed_label = fields.String(allow_none=True)
    assessed = fields.Boolean(metadata={"description": "the annual supervisor assessment is in"})
    official_nip = fields.String(allow_none=True)
    predikat = fields.String(allow_none=True, metadata={
        "description": "the annual predikat standing now"})
    predikat_label = fields.String(allow_none=True)
    confirmations = fields.List(fields.Nested(ConfirmationSchema))


class ToConfirmSchema(ma.Schema):
    period_id = fields.String()
    nip = fields.String()
    name = fields.String()
    predikat = fields.String()
    confirmed = fields.Boolean()

"""HTTP schemas of the distribution curve: a unit's predikat, HR's exception, the curves read."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields, validate

from services.assessment.contract import UNIT_PREDIKATS
from shared.strict import Strict


class UnitPredicateInSchema(Strict):
    predikat = fields.String(required=True, validate=validate.OneOf(UNIT_PREDIKATS), metadata={
        "description": "the unit's own predikat: ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG or"
                       " SANGAT_KURANG"})
    basis = fields.String(required=True, validate=validate.Length(1, 1000), metadata={
        "description": "the leader's decision it rests on (e.g. the number of the decree)"})


class CurveExceptionInSchema(Strict):
    reason = fields.String(required=True, validate=validate.Length(1, 1000))


class CountSchema(ma.Schema):
    predikat = fields.String()
    label = fields.String()
    count = fields.Integer()
    share = fields.Float(metadata={"description": "count / employees (0 to 1, four decimals)"})


class ClauseSchema(ma.Schema):
    kind = fields.String(metadata={"description": "largest, min_percent, max_percent, min_count"
                                                  " or max_count"})
    band = fields.List(fields.String(), metadata={"description": "the employee predikat counted"})
    value = fields.Integer(metadata={"description": "the percent or count of the table"})
    limit = fields.Integer(metadata={"description": "employees needed (min) or allowed (max) in"
                                                    " this unit under the rounding policy"})
    count = fields.Integer(metadata={"description": "employees in the band now"})
    met = fields.Boolean()
    key = fields.String(metadata={"description": "the message key of the sentence"})
    text = fields.String(metadata={"description": "the sentence, in the request's language"})


class CurveExceptionSchema(ma.Schema):
    reason = fields.String()
    recorded_by = fields.String()
    recorded_at = fields.DateTime()
    broken = fields.List(fields.Dict(), metadata={"description": "the clauses broken then"})


class UnitCurveSchema(ma.Schema):
    unit_code = fields.String()
    name = fields.String()
    parent_code = fields.String(allow_none=True)
    depth = fields.Integer()
    predikat = fields.String(allow_none=True, metadata={"description": "the unit's own predikat"})
    predikat_label = fields.String(allow_none=True)
    basis = fields.String(allow_none=True)
    set_by = fields.String(allow_none=True)
    set_at = fields.DateTime(allow_none=True)
    employees = fields.Integer(metadata={"description": "employees with a predikat in its curve"})
    counts = fields.List(fields.Nested(CountSchema))
    clauses = fields.List(fields.Nested(ClauseSchema))
    verdict = fields.String(metadata={"description": "unset, exempt, met or broken"})
    exception = fields.Nested(CurveExceptionSchema, allow_none=True)
    closable = fields.Boolean(metadata={"description": "not broken, or broken with an exception"})


class CurveSchema(ma.Schema):
    period_id = fields.String()
    period_status = fields.String()
    rounding = fields.String(metadata={"description": "the rounding policy: strict, lenient or"
                                                      " nearest"})
    exempt_below = fields.Integer()
    subunits = fields.Boolean(metadata={"description": "a unit's curve counts the units below it"})
    closable = fields.Boolean(metadata={"description": "no unit blocks closing the period"})
    units = fields.List(fields.Nested(UnitCurveSchema), metadata={
        "description": "depth first: each unit followed by its sub-units, by code"})

"""HTTP response schemas of the reports for HR and auditors (marshmallow)."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields


class ComparisonSummarySchema(ma.Schema):
    nip = fields.String()
    comparison = fields.Integer(metadata={"description": "the latest comparison's number"})
    unit_code = fields.String(metadata={"description": "the employee's current unit"})
    compared_at = fields.DateTime()
    discrepancies = fields.Integer(metadata={"description": "blind spots + hidden strengths"})
    blind_spots = fields.Integer()
    hidden_strengths = fields.Integer()


class ComparisonSummariesSchema(ma.Schema):
    period_id = fields.String()
    unit_code = fields.String(allow_none=True)
    employees = fields.List(fields.Nested(ComparisonSummarySchema))


class RateSchema(ma.Schema):
    unit_code = fields.String()
    competency = fields.String()
    compared = fields.Integer(metadata={"description": "ratings compared (employee x competency)"})
    discrepancies = fields.Integer()
    blind_spots = fields.Integer()
    hidden_strengths = fields.Integer()
    rate = fields.Float(metadata={"description": "discrepancies / compared"})


class DiscrepancyReportSchema(ma.Schema):
    period_id = fields.String()
    threshold = fields.List(fields.Integer(), metadata={"description": "the thresholds used"})
    employees_compared = fields.Integer()
    totals = fields.Nested(RateSchema)
    by_unit = fields.List(fields.Nested(RateSchema))
    by_competency = fields.List(fields.Nested(RateSchema))
    cells = fields.List(fields.Nested(RateSchema), metadata={
        "description": "unit x competency: the data of a heatmap"})


class CadenceSchema(ma.Schema):
    unit_code = fields.String()
    unit_name = fields.String(allow_none=True)
    due = fields.Integer(metadata={"description": "employees with a supervisor in the unit"})
    not_opened = fields.Integer(metadata={"description": "no comparison yet"})
    in_progress = fields.Integer()
    acknowledged = fields.Integer()
    overdue = fields.Integer()
    overdue_nips = fields.List(fields.String())


class CadenceCountsSchema(ma.Schema):
    due = fields.Integer()
    not_opened = fields.Integer()
    in_progress = fields.Integer()
    acknowledged = fields.Integer()
    overdue = fields.Integer()


class CadenceReportSchema(ma.Schema):
    period_id = fields.String()
    ends_on = fields.Date()
    overdue_after = fields.Date()
    totals = fields.Nested(CadenceCountsSchema, metadata={
        "description": "the units' counts added up: the unit with the units below it, or the agency"})
    units = fields.List(fields.Nested(CadenceSchema))

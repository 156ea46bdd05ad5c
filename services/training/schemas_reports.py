"""HTTP answers of the unit reports (marshmallow): JPM, the 20 JP compliance, roles given and
the talent 9-box."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

from services.training.schemas_records import OpportunitySchema


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


class SuccessionPersonSchema(ma.Schema):
    nip = fields.String()
    name = fields.String(allow_none=True)
    unit_code = fields.String(allow_none=True)
    unit_name = fields.String(allow_none=True)
    competency_share = fields.Float(allow_none=True, metadata={
        "description": "percent of the latest supervisor assessment's competencies at or above"
                       " the required level (null: no supervisor assessment yet)"})
    completed_jp = fields.Integer(metadata={"description": "JP completed in the year"})
    results = fields.List(fields.Dict(), metadata={
        "description": "[{year, predikat}] of the latest supervisor assessment of each year"})
    gaps = fields.List(fields.Dict(), metadata={
        "description": "what keeps them out: {criterion: competency|development|performance, ...}"})


class SuccessionSchema(ma.Schema):
    unit_code = fields.String()
    year = fields.Integer()
    subunits = fields.Boolean()
    rule = fields.Dict(metadata={"description": "competency_share, years, predikats, minimum_jp"})
    employees = fields.Integer()
    group = fields.List(fields.Nested(SuccessionPersonSchema), metadata={
        "description": "the succession group (kelompok rencana suksesi, PP 11/2017 Pasal 199)"})
    others = fields.List(fields.Nested(SuccessionPersonSchema))

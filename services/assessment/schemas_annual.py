"""Bodies of the period rules and the annual appraisal's endpoints."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields


class PeriodRulesSchema(ma.Schema):
    periodic = fields.List(fields.String(), metadata={
        "description": "the periodic cadences HR may open: monthly, quarterly or both"})
    annual = fields.Boolean(metadata={"description": "whether the annual appraisal is held"})

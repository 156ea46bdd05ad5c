"""Events of the annual appraisal (``assessment.*``); ``contract.py`` publishes them in the
service's one registry. Kafka key = ``subject``: the employee's NIP."""
from __future__ import annotations

from marshmallow import fields, validate

from services.assessment.contract_curve import PREDIKATS
from shared.events.fields import nip as _nip, period as _period, text as _text, code as _code
from shared.events.registry import EventSchema, Registry

ANNUAL_EVENTS = Registry()
# How the year's periodic results become the proposed annual predikat (data/period_rules.yaml).
ANNUAL_POLICIES = ("latest", "mode", "mean_score")


class PeriodicResult(EventSchema):
    period_id = _period(required=True)
    predikat = fields.String(required=True, validate=validate.OneOf(PREDIKATS))


@ANNUAL_EVENTS.event("assessment.AnnualPredikatConfirmed", version=1)
class AnnualPredikatConfirmedV1(EventSchema):
    """The appraising official set the annual predikat (period ``2026``): ``proposed`` is what
    the agency's ``policy`` made of the year's ``periodic`` results, ``predikat`` what the
    official confirmed (the proposal, or another with a ``reason``), ``previous`` the annual
    assessment's predikat before. It stands from then on, as after a calibration."""
    period_id = _period(required=True)
    nip = _nip(required=True)
    unit_code = _code(required=True)
    policy = fields.String(required=True, validate=validate.OneOf(ANNUAL_POLICIES))
    periodic = fields.List(fields.Nested(PeriodicResult), required=True,
                           validate=validate.Length(min=1, max=12))
    proposed = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    previous = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    predikat = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    reason = _text(2000, required=True, allow_none=True)
    confirmed_by = _nip(required=True)

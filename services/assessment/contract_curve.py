"""Events of the distribution curve, calibration and objection (``assessment.*``), with the
predikat vocabulary they turn on; ``contract.py`` publishes them in the service's one registry.

Kafka key = ``subject``: the unit code for a unit's curve and calibration sessions, the NIP for a
change of an employee's predikat.
"""
from __future__ import annotations

from marshmallow import fields, validate

from shared.events.fields import (code as _code, ident as _ident, nip as _nip, period as _period,
                                  text as _text)
from shared.events.registry import EventSchema, Registry

CURVE_EVENTS = Registry()
# The official predikat of an employee (PermenPANRB 6/2022), best first.
PREDIKATS = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
# A unit's (organisation's) own predikat, set by the leader above (PermenPANRB 6/2022 Pasal 24).
UNIT_PREDIKATS = ("ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
# The kinds of clause a distribution pattern is made of (services/assessment/domain_curve.py).
CLAUSE_KINDS = ("largest", "min_percent", "max_percent", "min_count", "max_count")

@CURVE_EVENTS.event("assessment.UnitPredicateSet", version=1)
class UnitPredicateSetV1(EventSchema):
    """A unit's own predikat for a period (set by the leader above, recorded by HR with the basis
    of the decision); the distribution pattern its employees' predikat follow comes from it.
    Set again, it replaces the earlier one and withdraws any curve exception."""
    period_id = _period(required=True)
    unit_code = _code(required=True)
    predikat = fields.String(required=True, validate=validate.OneOf(UNIT_PREDIKATS))
    basis = _text(1000, required=True)
    set_by = _nip(required=True)


class BrokenClause(EventSchema):
    kind = fields.String(required=True, validate=validate.OneOf(CLAUSE_KINDS))
    band = fields.List(fields.String(validate=validate.OneOf(PREDIKATS)), required=True)
    value = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    count = fields.Integer(required=True)


@CURVE_EVENTS.event("assessment.CurveExceptionRecorded", version=1)
class CurveExceptionRecordedV1(EventSchema):
    """HR let a unit whose employees' predikat break its distribution pattern close as it is,
    with a reason; ``broken`` is each clause not met at that moment."""
    period_id = _period(required=True)
    unit_code = _code(required=True)
    unit_predikat = fields.String(required=True, validate=validate.OneOf(UNIT_PREDIKATS))
    reason = _text(1000, required=True)
    recorded_by = _nip(required=True)
    employees = fields.Integer(required=True, validate=validate.Range(0))
    broken = fields.List(fields.Nested(BrokenClause), required=True)


class _Session(EventSchema):
    period_id = _period(required=True)
    unit_code = _code(required=True)
    session_id = _ident(required=True)


@CURVE_EVENTS.event("assessment.CalibrationOpened", version=1)
class CalibrationOpenedV1(_Session):
    """HR opened a calibration session (kalibrasi) for a unit and the units below it: in it the
    appraising officials and HR may change employees' predikat, each with a reason."""
    opened_by = _nip(required=True)


@CURVE_EVENTS.event("assessment.CalibrationClosed", version=1)
class CalibrationClosedV1(_Session):
    """HR closed a unit's calibration session; the changes made in it stand."""
    closed_by = _nip(required=True)


@CURVE_EVENTS.event("assessment.PredikatCalibrated", version=1)
class PredikatCalibratedV1(EventSchema):
    """An employee's official predikat was changed in a calibration session, with the reason:
    ``previous`` is the predikat before, ``predikat`` the one that now stands (the work ratings
    stay as the official gave them)."""
    period_id = _period(required=True)
    nip = _nip(required=True)
    unit_code = _code(required=True)
    session_id = _ident(required=True)
    previous = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    predikat = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    reason = _text(1000, required=True)
    calibrated_by = _nip(required=True)


class _AboutAResult(EventSchema):
    period_id = _period(required=True)
    nip = _nip(required=True)


@CURVE_EVENTS.event("assessment.ObjectionFiled", version=1)
class ObjectionFiledV1(_AboutAResult):
    """The employee objected (keberatan, PP 30/2019 Pasal 59) to their predikat, with reasons,
    to the superior of the appraising official, who is to decide by ``decide_by``."""
    predikat = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    reasons = _text(2000, required=True)
    official_nip = _nip(required=True)
    superior_nip = _nip(required=True)
    received_on = fields.Date(required=True)
    filed_on = fields.Date(required=True)
    decide_by = fields.Date(required=True)


@CURVE_EVENTS.event("assessment.ObjectionExplanationRequested", version=1)
class ObjectionExplanationRequestedV1(_AboutAResult):
    """The appraising official was asked to explain the result objected to (on filing, on the
    superior's behalf)."""
    official_nip = _nip(required=True)
    requested_by = _nip(required=True)


@CURVE_EVENTS.event("assessment.ObjectionExplained", version=1)
class ObjectionExplainedV1(_AboutAResult):
    """The appraising official explained the result objected to."""
    official_nip = _nip(required=True)
    explanation = _text(2000, required=True)


@CURVE_EVENTS.event("assessment.ObjectionDecided", version=1)
class ObjectionDecidedV1(_AboutAResult):
    """The superior upheld the result or changed the predikat; the decision is final. Changed,
    ``predikat`` stands from then on (as after a calibration); ``late`` when decided after the
    deadline."""
    decision = fields.String(required=True, validate=validate.OneOf(("upheld", "changed")))
    previous = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    predikat = fields.String(required=True, validate=validate.OneOf(PREDIKATS))
    reason = _text(2000, required=True)
    decided_by = _nip(required=True)
    decided_on = fields.Date(required=True)
    late = fields.Boolean(required=True)

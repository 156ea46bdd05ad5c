"""HTTP API of calibration (kalibrasi): HR opens and closes a unit's session; in it the
appraising official or HR changes an employee's predikat with a reason; the unit's people and
an employee's changes are read back."""
from __future__ import annotations

from flask import g

from services.assessment import calibrating, queries_calibration
from services.assessment.schemas_calibration import (CalibrateInSchema, CalibrationSchema,
                                                     ChangeSchema, ToCalibrateSchema)
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, reading
from shared.web import current_principal, request_language, requires

blp = Blueprint("calibration", __name__, description="Calibration (kalibrasi): officials change"
                " employees' predikat in a unit's session, each with a reason")
UNIT = "/periods/<period_id>/units/<unit_code>/calibration"
ONE = "/periods/<period_id>/assessments/<nip>/supervisor"


@blp.route(UNIT)
@requires(HR_ADMIN, AUDITOR)
@blp.response(200, CalibrationSchema)
def calibration(period_id, unit_code):
    """The unit's sessions and its people (with the units below) with their predikat and every
    change made to it."""
    with reading() as conn:
        return queries_calibration.calibration(conn, period_id, unit_code, request_language())


@blp.route(UNIT, methods=["POST"])
@requires(HR_ADMIN)
@command
@blp.response(201, CalibrationSchema)
def open_session(period_id, unit_code):
    """Open a calibration session for the unit and the units below it (409 calibration_open)."""
    calibrating.open_session(command_context(), current_principal().nip, period_id, unit_code)
    return queries_calibration.calibration(g.conn, period_id, unit_code, request_language())


@blp.route(f"{UNIT}/close", methods=["POST"])
@requires(HR_ADMIN)
@command
@blp.response(200, CalibrationSchema)
def close_session(period_id, unit_code):
    """Close the unit's open session; its changes stand (409 no_calibration_session)."""
    calibrating.close_session(command_context(), current_principal().nip, period_id, unit_code)
    return queries_calibration.calibration(g.conn, period_id, unit_code, request_language())


@blp.route(f"{ONE}/calibration", methods=["POST"])
@requires(EMPLOYEE, HR_ADMIN)
@command
@blp.arguments(CalibrateInSchema)
@blp.response(201, ChangeSchema)
def calibrate(body, period_id, nip):
    """Change the employee's predikat in an open session of their unit (or one above), with a
    reason: the appraising official who gave it, or HR."""
    caller = current_principal()
    event = calibrating.calibrate(command_context(), caller.nip, caller.has_any((HR_ADMIN,)),
                                  period_id, nip, body["predikat"], body["reason"])
    return queries_calibration.change(g.conn, period_id, nip, event.version)


@blp.route(f"{ONE}/predikat-changes")
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, ChangeSchema(many=True))
def predikat_changes(period_id, nip):
    """Every change of the employee's predikat in the period, oldest first: the employee, their
    direct supervisor, HR and auditors."""
    with reading() as conn:
        return queries_calibration.changes_of(conn, current_principal(), period_id, nip)


@blp.route("/me/calibration")
@requires(EMPLOYEE)
@blp.response(200, ToCalibrateSchema(many=True))
def to_calibrate():
    """The results the caller gave as appraising official that an open calibration session
    covers now (of the employee's unit or one above it), by period and name."""
    with reading() as conn:
        return queries_calibration.to_calibrate(conn, current_principal().nip, request_language())

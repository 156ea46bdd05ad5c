"""HTTP API of the distribution curve: a unit's own predikat for a period, HR's exception to its
pattern, and every unit's curve while the period is open (closing: api_organisation)."""
from __future__ import annotations

from flask import g

from services.assessment import distribution, queries_curve
from services.assessment.schemas_curve import (CurveExceptionInSchema, CurveSchema,
                                               UnitCurveSchema, UnitPredicateInSchema)
from shared.auth import AUDITOR, HR_ADMIN
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import current_principal, request_language, requires

blp = Blueprint("curve", __name__, description="The distribution curve (SE MenPANRB 3/2023): unit"
                " predikat, the employees' predikat against its pattern, exceptions")
UNIT = "/periods/<period_id>/units/<unit_code>"


def _unit_curve(conn, period_id: str, unit_code: str) -> dict:
    context = context_on(conn)
    return queries_curve.unit_curve(conn, period_id, unit_code,
                                    context.store.curve_state(period_id), context.curve,
                                    request_language())


@blp.route("/periods/<period_id>/curve")
@requires(HR_ADMIN, AUDITOR)
@blp.response(200, CurveSchema)
def curve(period_id):
    """Every unit's curve: its predikat, its employees' predikat counted, each clause of its
    pattern met or broken, the verdict, any exception, and whether the period may close."""
    with reading() as conn:
        context = context_on(conn)
        return queries_curve.curve(conn, period_id, context.store.curve_state(period_id),
                                   context.curve, request_language())


@blp.route(f"{UNIT}/curve")
@requires(HR_ADMIN, AUDITOR)
@blp.response(200, UnitCurveSchema)
def unit_curve(period_id, unit_code):
    """One unit's curve (with the units below it when the agency's table says so)."""
    with reading() as conn:
        return _unit_curve(conn, period_id, unit_code)


@blp.route(f"{UNIT}/predicate", methods=["PUT"])
@requires(HR_ADMIN)
@command
@blp.arguments(UnitPredicateInSchema)
@blp.response(200, UnitCurveSchema)
def set_unit_predicate(body, period_id, unit_code):
    """Record the unit's own predikat for an open period, as the leader above decided it, with
    the basis of that decision; set again, it replaces the earlier one and withdraws any
    exception."""
    distribution.set_unit_predicate(command_context(), current_principal().nip, period_id,
                                    unit_code, body["predikat"], body["basis"])
    return _unit_curve(g.conn, period_id, unit_code)


@blp.route(f"{UNIT}/curve-exception", methods=["POST"])
@requires(HR_ADMIN)
@command
@blp.arguments(CurveExceptionInSchema)
@blp.response(201, UnitCurveSchema)
def record_exception(body, period_id, unit_code):
    """Let a unit whose curve is broken close as it is, with a reason (409 curve_not_broken,
    no_unit_predicate)."""
    distribution.record_exception(command_context(), current_principal().nip, period_id,
                                  unit_code, body["reason"])
    return _unit_curve(g.conn, period_id, unit_code)

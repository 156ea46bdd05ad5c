"""HTTP API of objections (keberatan, PP 30/2019 Pasal 59): the employee files, the appraising
official explains, the official's superior decides; HR follows the deadlines."""
from __future__ import annotations

from flask import g

from services.assessment import objecting, queries_objection
from services.assessment.schemas_objection import (DecisionInSchema, ExplanationInSchema,
                                                   ObjectionFilterSchema, ObjectionInSchema,
                                                   ObjectionSchema)
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import current_principal, requires

blp = Blueprint("objection", __name__, description="Objection (keberatan) to a result: filed,"
                " explained, decided finally; deadlines for HR")
ONE = "/periods/<period_id>/assessments/<nip>/supervisor/objection"


def _one(conn, period_id: str, nip: str) -> dict:
    return queries_objection.objection(conn, current_principal(), period_id, nip,
                                       context_on(conn).today())


@blp.route(ONE)
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, ObjectionSchema)
def objection(period_id, nip):
    """The objection with both sides' explanations and the decision: the employee, the official,
    the superior, HR and auditors."""
    with reading() as conn:
        return _one(conn, period_id, nip)


@blp.route(ONE, methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(ObjectionInSchema)
@blp.response(201, ObjectionSchema)
def file(body, period_id, nip):
    """The employee objects to their result, with reasons, within the configured days of
    receiving it; the official is asked to explain (409 objection_late, objection_exists)."""
    objecting.file(command_context(), current_principal().nip, period_id, nip, body["reasons"])
    return _one(g.conn, period_id, nip)


@blp.route(f"{ONE}/explanation", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(ExplanationInSchema)
@blp.response(200, ObjectionSchema)
def explain(body, period_id, nip):
    """The appraising official explains the result (403 not_the_official)."""
    objecting.explain(command_context(), current_principal().nip, period_id, nip,
                      body["explanation"])
    return _one(g.conn, period_id, nip)


@blp.route(f"{ONE}/decision", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(DecisionInSchema)
@blp.response(200, ObjectionSchema)
def decide(body, period_id, nip):
    """The official's superior upholds the result or changes the predikat; final (403
    not_the_superior, 409 objection_decided)."""
    objecting.decide(command_context(), current_principal().nip, period_id, nip,
                     body["decision"], body["predikat"], body["reason"])
    return _one(g.conn, period_id, nip)


@blp.route("/objections")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(ObjectionFilterSchema, location="query")
@blp.response(200, ObjectionSchema(many=True))
def objections(filters):
    """Every objection with its deadline and whether it is overdue, open ones first."""
    with reading() as conn:
        return queries_objection.objections(conn, filters, context_on(conn).today())


@blp.route("/me/objections")
@requires(EMPLOYEE)
@blp.response(200, ObjectionSchema(many=True))
def my_objections():
    """The objections waiting for the caller: to explain as the official, to decide as the
    superior; open ones first."""
    with reading() as conn:
        return queries_objection.waiting_for(conn, current_principal().nip,
                                             context_on(conn).today())

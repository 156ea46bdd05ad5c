"""HTTP API of the plan (SKP, PermenPANRB 6/2022 Pasal 5): the employee proposes and revises,
the appraising official agrees (with special expectations per BerAKHLAK value) or returns it."""
from __future__ import annotations

from flask import g

from services.assessment import planning, queries, queries_plan, queries_plan_list, realising
from services.assessment.schemas_plan import (AgreementInSchema, PlanCountsSchema,
                                              PlanListFilterSchema, PlanRowSchema, PlanSchema,
                                              ProposalInSchema, RealisationInSchema,
                                              ReturnInSchema, RevisionInSchema, TeamPlanSchema)
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import current_principal, request_language, requires

blp = Blueprint("plan", __name__, description="The plan (SKP): RHK, indicators and targets,"
                " BerAKHLAK expectations; proposed, agreed or returned, revised with history")
ONE = "/periods/<period_id>/plans/<nip>"


def answer(conn, period_id: str, nip: str) -> dict:
    """The plan as the caller may read it (what every write answers with)."""
    return queries_plan.plan(conn, current_principal(), period_id, nip,
                             context_on(conn).core_values, request_language())


@blp.route(ONE)
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, PlanSchema)
def plan(period_id, nip):
    """The plan (status null: none yet) with its revisions, evidence, the BerAKHLAK values and
    the official's own RHK: the employee, their official, HR and auditors."""
    with reading() as conn:
        return answer(conn, period_id, nip)


@blp.route(f"{ONE}/proposal", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(ProposalInSchema)
@blp.response(201, PlanSchema)
def propose(body, period_id, nip):
    """The employee proposes their plan to the appraising official (again after a return);
    403 not_your_own, 409 plan_agreed or period_closed, 422 unknown_rhk/unknown_superior_rhk."""
    planning.propose(command_context(), current_principal().nip, period_id, nip,
                     planning.results(body["results"]))
    return answer(g.conn, period_id, nip)


@blp.route(f"{ONE}/revision", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(RevisionInSchema)
@blp.response(200, PlanSchema)
def revise(body, period_id, nip):
    """The employee revises their agreed plan with a reason; it is agreed again (409
    plan_not_agreed)."""
    planning.revise(command_context(), current_principal().nip, period_id, nip,
                    planning.results(body["results"]), body["reason"])
    return answer(g.conn, period_id, nip)


@blp.route(f"{ONE}/agreement", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(AgreementInSchema)
@blp.response(200, PlanSchema)
def agree(body, period_id, nip):
    """The appraising official agrees the proposed plan, with special expectations per value
    (403 not_the_official, 409 plan_not_proposed, 422 unknown_value)."""
    planning.agree(command_context(), current_principal().nip, period_id, nip,
                   body["expectations"])
    return answer(g.conn, period_id, nip)


@blp.route(f"{ONE}/return", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(ReturnInSchema)
@blp.response(200, PlanSchema)
def return_plan(body, period_id, nip):
    """The appraising official returns the proposed plan with a note."""
    planning.return_plan(command_context(), current_principal().nip, period_id, nip,
                         body["note"])
    return answer(g.conn, period_id, nip)


@blp.route("/periods/<period_id>/team-plans")
@requires(EMPLOYEE)
@blp.response(200, TeamPlanSchema(many=True))
def team_plans(period_id):
    """The caller's direct reports and their plans in the period, those waiting first."""
    with reading() as conn:
        return queries_plan.team(conn, current_principal().nip, period_id)


@blp.route(f"{ONE}/results/<int:rhk>/realisation", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(RealisationInSchema)
@blp.response(200, PlanSchema)
def realise(body, period_id, nip, rhk):
    """The appraising official records an RHK's realisation against its target; the hasil kerja
    rating is proposed once every RHK has one (403 not_the_official, 404 unknown_rhk, 409
    plan_not_agreed or period_closed)."""
    realising.record(command_context(), current_principal().nip, period_id, nip, rhk,
                     body["realisation"], body["note"])
    return answer(g.conn, period_id, nip)


@blp.route("/periods/<period_id>/plans")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(PlanListFilterSchema, location="query")
@blp.response(200, PlanRowSchema(many=True))
@blp.paginate()
def plans(filters, period_id, pagination_parameters):
    """Every employee of the period (of a unit, with those below unless ``subunits=false``) with
    their plan's status, revision, number of RHK and whether each has a realisation; paged."""
    with reading() as conn:
        queries.check_period(conn, period_id)
        return queries_plan_list.plans(conn, period_id, filters, pagination_parameters)


@blp.route("/periods/<period_id>/plan-counts")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(PlanListFilterSchema(only=("unit", "subunits")), location="query")
@blp.response(200, PlanCountsSchema)
def plan_counts(filters, period_id):
    """How many employees of the period (or of a unit) have a plan in each status."""
    with reading() as conn:
        queries.check_period(conn, period_id)
        return queries_plan_list.counts(conn, period_id, filters)

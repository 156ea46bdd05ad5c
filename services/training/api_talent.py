"""HTTP API of strengths put to use and the talent view: one opportunity, assigning its role or
declining it (HR or the employee's supervisor), the opportunities of the caller's direct reports,
the roles given in a unit, the 9-box of a unit, and its succession group."""
from __future__ import annotations

from flask import g

from services.training import opportunities, queries, queries_reports, queries_succession
from services.training.schemas import (
    MyReportsOpportunityFilterSchema, OpportunityAssignInSchema, OpportunityDeclineInSchema,
    UnitPeriodQuerySchema, UnitYearQuerySchema)
from services.training.schemas_records import OpportunitySchema
from services.training.schemas_reports import RolesReportSchema, SuccessionSchema, TalentSchema
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, ROLES
from shared.clock import agency_today
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import current_principal, request_language, requires

blp = Blueprint("talent", __name__, description="Strengths put to use (roles) and the talent 9-box")
ONE = "/opportunities/<nip>/<period_id>/<competency>"


@blp.route(ONE)
@requires(*ROLES)
@blp.response(200, OpportunitySchema)
def get_opportunity(nip, period_id, competency):
    """One opportunity with its decision: for the employee, their supervisor, HR, auditors and
    training admins."""
    with reading() as conn:
        queries.check_can_see(conn, current_principal(), nip)
        return queries.opportunity(conn, nip, period_id, competency)


@blp.route(f"{ONE}/assignment", methods=["POST"])
@requires(HR_ADMIN, EMPLOYEE)
@command
@blp.arguments(OpportunityAssignInSchema)
@blp.response(200, OpportunitySchema)
def assign(body, nip, period_id, competency):
    """Accept the opportunity and give the employee the role (HR, or the employee's supervisor by
    the reporting line): 404 unknown_opportunity, 403 not_supervisor, 409 opportunity_assigned or
    opportunity_declined when it is decided already."""
    opportunities.assign(command_context(), current_principal(), nip, period_id, competency,
                         body["role"], body["starts_on"], body.get("programme_code"),
                         body.get("note"))
    return queries.opportunity(g.conn, nip, period_id, competency)


@blp.route(f"{ONE}/decline", methods=["POST"])
@requires(HR_ADMIN, EMPLOYEE)
@command
@blp.arguments(OpportunityDeclineInSchema)
@blp.response(200, OpportunitySchema)
def decline(body, nip, period_id, competency):
    """Decide not to take the opportunity up, with the reason (same rules as the assignment)."""
    opportunities.decline(command_context(), current_principal(), nip, period_id, competency,
                          body["reason"])
    return queries.opportunity(g.conn, nip, period_id, competency)


@blp.route("/me/reports/opportunities")
@requires(EMPLOYEE)
@blp.arguments(MyReportsOpportunityFilterSchema, location="query")
@blp.response(200, OpportunitySchema(many=True))
def my_reports_opportunities(filters):
    """The opportunities of the caller's direct reports (by the published reporting line)."""
    with reading() as conn:
        return queries.report_opportunities(conn, current_principal().nip, filters)


@blp.route("/units/<code>/roles")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(UnitPeriodQuerySchema, location="query")
@blp.response(200, RolesReportSchema)
def roles(args, code):
    """Who was given which role in a period, by competency and unit (with the units below it
    unless subunits=false)."""
    with reading() as conn:
        return queries_reports.roles(conn, code, args["period"], args["subunits"])


@blp.route("/units/<code>/talent")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(UnitPeriodQuerySchema, location="query")
@blp.response(200, TalentSchema)
def talent(args, code):
    """The 9-box of a unit for a period: performance (the predikat) x potential (the share of
    competencies at or above the required level), each box with its count, names and follow-up."""
    with reading() as conn:
        return queries_reports.talent(conn, code, args["period"], args["subunits"],
                                      request_language(), context_on(conn).rules)


@blp.route("/units/<code>/succession")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(UnitYearQuerySchema, location="query")
@blp.response(200, SuccessionSchema)
def succession(args, code):
    """The succession group of a unit in a year (PP 11/2017 Pasal 199: competencies that fit, the
    development duty met, at least Baik in each of the last two years; the rule is the agency's
    rules file), and what keeps each other employee out of it."""
    with reading() as conn:
        return queries_succession.succession(conn, code, args.get("year") or agency_today().year,
                                             args["subunits"], context_on(conn).rules)

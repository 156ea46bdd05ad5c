"""HTTP API of development plans, JP progress, Job-Person Match, unit compliance and opportunities."""
from __future__ import annotations

from services.training import queries, queries_reports
from services.training.schemas import (
    ComplianceQuerySchema, ComplianceReportQuerySchema, JpmReportQuerySchema,
    OpportunityFilterSchema, YearSchema)
from services.training.schemas_records import JpSchema, OpportunitySchema, PlanSchema
from services.training.schemas_reports import (
    ComplianceReportSchema, ComplianceSchema, JpmReportSchema, JpmSchema)
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, ROLES, TRAINING_ADMIN
from shared.fastargs import Blueprint
from shared.transactions import context_on, reading
from shared.web import current_principal, request_language, requires
from shared.clock import agency_today

blp = Blueprint("plans", __name__, description="Development plans, JP hours, JPM and compliance")
REPORTERS = (HR_ADMIN, AUDITOR, TRAINING_ADMIN)


def _year(args: dict) -> int:
    return args.get("year") or agency_today().year


@blp.route("/employees/<nip>/plan")
@requires(*ROLES)
@blp.arguments(YearSchema, location="query")
@blp.response(200, PlanSchema)
def plan(args, nip):
    """An employee's development plan for a year: for them, their supervisor, HR, auditors, training admins."""
    with reading() as conn:
        person = queries.check_can_see(conn, current_principal(), nip)
        return queries.plan(conn, person, _year(args), context_on(conn).rules)


@blp.route("/me/plan")
@requires(EMPLOYEE)
@blp.arguments(YearSchema, location="query")
@blp.response(200, PlanSchema)
def my_plan(args):
    """The caller's own development plan for a year."""
    with reading() as conn:
        person = queries.employee(conn, current_principal().nip)
        return queries.plan(conn, person, _year(args), context_on(conn).rules)


@blp.route("/employees/<nip>/jp")
@requires(*ROLES)
@blp.arguments(YearSchema, location="query")
@blp.response(200, JpSchema)
def jp(args, nip):
    """JP completed in a year against the 20 JP each civil servant is owed."""
    with reading() as conn:
        queries.check_can_see(conn, current_principal(), nip)
        return queries.jp(conn, nip, _year(args), context_on(conn).rules)


@blp.route("/employees/<nip>/jpm")
@requires(*ROLES)
@blp.response(200, JpmSchema)
def jpm(nip):
    """Job-Person Match from the latest supervisor assessment."""
    with reading() as conn:
        queries.check_can_see(conn, current_principal(), nip)
        return queries_reports.jpm(conn, nip, request_language(), context_on(conn).rules)


@blp.route("/units/<code>/compliance")
@requires(*REPORTERS)
@blp.arguments(ComplianceQuerySchema, location="query")
@blp.response(200, ComplianceSchema)
def compliance(args, code):
    """Who in a unit (and, unless subunits=false, the units below it) is under 20 JP in a year;
    with everyone=true, also every employee of it, met or not."""
    with reading() as conn:
        return queries_reports.compliance(conn, code, _year(args), args["subunits"],
                                          args["everyone"], context_on(conn).rules)


@blp.route("/reports/jpm")
@requires(*REPORTERS)
@blp.arguments(JpmReportQuerySchema, location="query")
@blp.response(200, JpmReportSchema)
def jpm_report(args):
    """Job-Person Match by unit for a period (a unit and the units below it, or the agency):
    assessed, mean score and how many are optimal, cukup optimal and kurang optimal."""
    with reading() as conn:
        return queries_reports.jpm_report(conn, args["period"], args.get("unit"),
                                          context_on(conn).rules)


@blp.route("/reports/compliance")
@requires(*REPORTERS)
@blp.arguments(ComplianceReportQuerySchema, location="query")
@blp.response(200, ComplianceReportSchema)
def compliance_report(args):
    """The 20 JP duty by unit for a year (a unit and the units below it, or the agency): each
    unit's own employees, how many met it and how many did not."""
    with reading() as conn:
        return queries_reports.compliance_report(conn, _year(args), args.get("unit"),
                                                 context_on(conn).rules)


@blp.route("/opportunities")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(OpportunityFilterSchema, location="query")
@blp.response(200, OpportunitySchema(many=True))
@blp.paginate()
def opportunities(filters, pagination_parameters):
    """Development opportunities (roles using a strength), by NIP, unit or period; paged."""
    with reading() as conn:
        return queries.opportunities(conn, filters, pagination_parameters)

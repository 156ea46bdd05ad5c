"""HTTP API of units, employees, the CSV import and appraisal periods."""
from __future__ import annotations

from flask import g

from services.assessment import importing, organisation, queries
from services.assessment.definition import SERVICE
from services.assessment.schemas_organisation import (
    EmployeeChangeSchema, EmployeeFilterSchema, EmployeeInSchema, EmployeeSchema, HistorySchema,
    ImportCheckSchema, ImportSummarySchema, MeSchema, OfficialsFilterSchema, OfficialsSchema,
    PeriodInSchema, PeriodSchema, UnitSchema)
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, ROLES
from shared.bulk import written_behind
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import body_limit, csv_body, current_principal, requires

blp = Blueprint("organisation", __name__, description="Units, employees, imports and appraisal"
                " periods")
MAX_IMPORT_BYTES = 16 * 1024 * 1024


@blp.route("/units")
@requires(HR_ADMIN, AUDITOR)
@blp.response(200, UnitSchema(many=True))
def list_units():
    """Work units (unit kerja) with their parent units."""
    with reading() as conn:
        return conn.execute("SELECT * FROM units ORDER BY code").fetchall()


@blp.route("/units", methods=["POST"])
@requires(HR_ADMIN)
@command
@blp.arguments(UnitSchema)
@blp.response(201, UnitSchema)
def register_unit(body):
    """Register a work unit."""
    organisation.register_unit(command_context(), body["code"], body["name"], body["parent_code"])
    return body


@blp.route("/employees")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(EmployeeFilterSchema, location="query")
@blp.response(200, EmployeeSchema(many=True))
@blp.paginate()
def list_employees(filters, pagination_parameters):
    """Employees, filtered by unit, supervisor or position; paged (X-Pagination header)."""
    with reading() as conn:
        return queries.employees(conn, filters, pagination_parameters)


@blp.route("/employees", methods=["POST"])
@requires(HR_ADMIN)
@command
@blp.arguments(EmployeeInSchema)
@blp.response(201, EmployeeSchema)
def register_employee(body):
    """Register an employee (ASN) with position, unit and direct supervisor."""
    organisation.register_employee(command_context(), body)
    return queries.employee(g.conn, body["nip"])


@blp.route("/employees/<nip>")
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, EmployeeSchema)
def get_employee(nip):
    """One employee: HR and auditors see all; an employee themself and their direct reports."""
    with reading() as conn:
        return queries.check_can_see_employee(conn, current_principal(), nip)


@blp.route("/employees/<nip>", methods=["PATCH"])
@requires(HR_ADMIN)
@command
@blp.arguments(EmployeeChangeSchema)
@blp.response(200, EmployeeSchema)
def update_employee(body, nip):
    """Change an employee's name, position, unit or direct supervisor (history is kept)."""
    organisation.update_employee(command_context(), nip, body)
    return queries.employee(g.conn, nip)


@blp.route("/employees/<nip>/history")
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, HistorySchema(many=True))
def employee_history(nip):
    """Every registered state of an employee: units, positions and supervisors over time."""
    with reading() as conn:
        queries.check_can_see_employee(conn, current_principal(), nip)
        return conn.execute("SELECT * FROM employee_history WHERE nip = %s ORDER BY version",
                            (nip,)).fetchall()


@blp.route("/employees/<nip>/officials")
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.arguments(OfficialsFilterSchema, location="query")
@blp.response(200, OfficialsSchema)
def employee_officials(filters, nip):
    """Who an appraisal form names: the employee, the appraising official (pejabat penilai) and
    their superior (atasan pejabat penilai), with position titles and unit names, and the agency.
    Read as GET /employees/<nip>: the employee themself, their direct supervisor, HR, auditors."""
    with reading() as conn:
        queries.check_can_see_employee(conn, current_principal(), nip)
        return queries.officials(conn, nip, filters.get("period"))


@blp.route("/me")
@requires(EMPLOYEE)
@blp.response(200, MeSchema)
def me():
    """The caller's own record and their direct reports."""
    with reading() as conn:
        return queries.me(conn, current_principal().nip)


@blp.route("/imports/employees", methods=["POST"])
@requires(HR_ADMIN)
@body_limit(MAX_IMPORT_BYTES)
@command
@blp.doc(requestBody={"required": True, "content": {"text/csv": {"schema": {
    "type": "string", "description": importing.__doc__}}}})
@blp.response(200, ImportSummarySchema)
def import_employees():
    """Import employees from a SIASN-style CSV: all rows or none, with a row-by-row report."""
    # every row's projections in a few statements (the batch projectors), not one row at a time
    with written_behind(g.conn, SERVICE.apply_kept) as view:
        return importing.import_employees(context_on(view.reader), csv_body())


@blp.route("/imports/employees/check", methods=["POST"])
@requires(HR_ADMIN)
@body_limit(MAX_IMPORT_BYTES)
@blp.doc(requestBody={"required": True, "content": {"text/csv": {"schema": {
    "type": "string", "description": "the same file as for POST /imports/employees"}}}})
@blp.response(200, ImportCheckSchema)
def check_employee_import():
    """Dry run of the employee import: the same parser and checks, the row-by-row report (what
    each row would do, every problem), and nothing recorded. A file that is not CSV, lacks a
    column or is not UTF-8 is refused (422 import_rejected) as the import refuses it."""
    with reading() as conn:
        return importing.check_import(context_on(conn), csv_body())


@blp.route("/periods")
@requires(*ROLES)
@blp.response(200, PeriodSchema(many=True))
def list_periods():
    """Appraisal periods, newest first."""
    with reading() as conn:
        return conn.execute("SELECT * FROM periods ORDER BY starts_on DESC, period_id").fetchall()


@blp.route("/periods", methods=["POST"])
@requires(HR_ADMIN)
@command
@blp.arguments(PeriodInSchema)
@blp.response(201, PeriodSchema)
def open_period(body):
    """Open a monthly, quarterly or annual appraisal period (periode penilaian), as the agency's
    period rules allow."""
    event = organisation.open_period(command_context(), body["kind"], body["year"], body["quarter"],
                                     body["month"])
    return g.conn.execute("SELECT * FROM periods WHERE period_id = %s", (event.subject,)).fetchone()


@blp.route("/periods/<period_id>/close", methods=["POST"])
@requires(HR_ADMIN)
@command
@blp.response(200, PeriodSchema)
def close_period(period_id):
    """Close a period: no submission is accepted for it any more."""
    organisation.close_period(command_context(), period_id)
    return g.conn.execute("SELECT * FROM periods WHERE period_id = %s", (period_id,)).fetchone()


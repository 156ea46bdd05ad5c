"""HTTP API of assignments (start, complete, cancel) and completion reports (report, verify,
reject)."""
from __future__ import annotations

from flask import g

from services.training import queries, tracking
from services.training.schemas import (
    AssignmentFilterSchema, CancelSchema, CompleteSchema, RejectReportSchema,
    ReportFilterSchema, ReportInSchema, StartSchema)
from services.training.schemas_records import AssignmentSchema, ReportSchema
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, ROLES, TRAINING_ADMIN
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, reading
from shared.web import current_principal, requires

blp = Blueprint("tracking", __name__, description="Training assignments and completions")


@blp.route("/assignments")
@requires(TRAINING_ADMIN, HR_ADMIN, AUDITOR)
@blp.arguments(AssignmentFilterSchema, location="query")
@blp.response(200, AssignmentSchema(many=True))
@blp.paginate()
def list_assignments(filters, pagination_parameters):
    """Assignments by NIP, unit, status or year; paged (X-Pagination header)."""
    with reading() as conn:
        return queries.assignments(conn, filters, pagination_parameters)


@blp.route("/assignments/<assignment_id>")
@requires(*ROLES)
@blp.response(200, AssignmentSchema)
def get_assignment(assignment_id):
    """One assignment: for its employee, their supervisor, HR, auditors and training admins."""
    with reading() as conn:
        row = queries.assignment(conn, assignment_id)
        queries.check_can_see(conn, current_principal(), row["nip"])
        return row


@blp.route("/assignments/<assignment_id>/start", methods=["POST"])
@requires(TRAINING_ADMIN, EMPLOYEE)
@command
@blp.arguments(StartSchema)
@blp.response(200, AssignmentSchema)
def start(body, assignment_id):
    """Record that the programme began (by a training admin, or the employee for their own)."""
    principal = current_principal()
    by = None if principal.has_any((TRAINING_ADMIN,)) else principal.nip
    tracking.start(command_context(), assignment_id, body["started_on"], by)
    return queries.assignment(g.conn, assignment_id)


@blp.route("/assignments/<assignment_id>/complete", methods=["POST"])
@requires(TRAINING_ADMIN)
@command
@blp.arguments(CompleteSchema)
@blp.response(200, AssignmentSchema)
def complete(body, assignment_id):
    """Record the completion with its evidence (certificate number) and JP."""
    tracking.complete(command_context(), assignment_id, body["completed_on"],
                      body["certificate_number"], body.get("jp"))
    return queries.assignment(g.conn, assignment_id)


@blp.route("/assignments/<assignment_id>/cancel", methods=["POST"])
@requires(TRAINING_ADMIN)
@command
@blp.arguments(CancelSchema)
@blp.response(200, AssignmentSchema)
def cancel(body, assignment_id):
    """Cancel an open assignment."""
    tracking.cancel(command_context(), assignment_id, body["note"])
    return queries.assignment(g.conn, assignment_id)


@blp.route("/completion-reports")
@requires(TRAINING_ADMIN, HR_ADMIN, AUDITOR)
@blp.arguments(ReportFilterSchema, location="query")
@blp.response(200, ReportSchema(many=True))
@blp.paginate()
def list_reports(filters, pagination_parameters):
    """Employees' completion reports, pending or verified; paged."""
    with reading() as conn:
        return queries.reports(conn, filters, pagination_parameters)


@blp.route("/completion-reports", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(ReportInSchema)
@blp.response(201, ReportSchema)
def report_completion(body):
    """Report completing an assigned programme or self-paced learning, for an admin to verify."""
    event = tracking.report(command_context(), current_principal().nip, body["programme_code"],
                            body["completed_on"], body["certificate_number"],
                            body.get("assignment_id"))
    return g.conn.execute("SELECT * FROM completion_reports WHERE report_id = %s",
                          (event.data["report_id"],)).fetchone()


@blp.route("/completion-reports/<report_id>/verify", methods=["POST"])
@requires(TRAINING_ADMIN)
@command
@blp.response(200, ReportSchema)
def verify_report(report_id):
    """Verify a report: this records the completion (TrainingCompleted) and its JP."""
    tracking.verify(command_context(), report_id)
    return _decided(report_id)


@blp.route("/completion-reports/<report_id>/reject", methods=["POST"])
@requires(TRAINING_ADMIN)
@command
@blp.arguments(RejectReportSchema)
@blp.response(200, ReportSchema)
def reject_report(body, report_id):
    """Reject a pending report with a reason the employee reads: nothing counts, the assignment
    stays open, and the employee may report again (409 report_verified / report_rejected when it
    is decided already)."""
    tracking.reject(command_context(), report_id, body["reason"])
    return _decided(report_id)


def _decided(report_id: str) -> dict:
    """The report as decided, with the employee's name and unit (as the list gives them)."""
    return g.conn.execute("SELECT r.*, e.name, e.unit_code FROM completion_reports r"
                          " LEFT JOIN employees e ON e.nip = r.nip WHERE r.report_id = %s",
                          (report_id,)).fetchone()

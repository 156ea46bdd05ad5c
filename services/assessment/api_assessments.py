"""HTTP API of self and supervisor assessments, and HR's monitoring of a period."""
from __future__ import annotations

from flask import g, request

from services.assessment import assessing, queries, queries_progress
from services.assessment.schemas_assessments import (
    AssessmentFilterSchema, AssessmentInSchema, AssessmentSchema, DistributionFilterSchema,
    DistributionSchema, MonitoringFilterSchema, ProgressSchema, ReopenSchema, SubmittedSchema,
    UnitsProgressSchema)
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN
from shared.errors import NotFound
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, reading
from shared.web import current_principal, request_language, requires

blp = Blueprint("assessments", __name__, description="Self-assessment (penilaian diri), supervisor"
                " assessment (penilaian atasan) and monitoring")
ONE = "/periods/<period_id>/assessments/<nip>/<any(self, supervisor):role>"


@blp.route(ONE)
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, AssessmentSchema)
def get_assessment(period_id, nip, role):
    """A submitted assessment. The employee and the supervisor see the other's once both are in."""
    with reading() as conn:
        return queries.assessment(conn, current_principal(), period_id, nip, role,
                                  request_language())


@blp.route("/me/assessments")
@requires(EMPLOYEE)
@blp.response(200, AssessmentSchema(many=True))
def my_assessments():
    """The caller's own results, newest period first (the supervisor's once both are submitted)."""
    with reading() as conn:
        return queries.own_assessments(conn, current_principal().nip, request_language())


@blp.route(f"{ONE}/draft")
@requires(EMPLOYEE)
@blp.response(200, AssessmentSchema)
def get_draft(period_id, nip, role):
    """The caller's own saved draft of this assessment."""
    with reading() as conn:
        found = queries.draft(conn, period_id, nip, role, request_language())
        if found["assessor_nip"] != current_principal().nip:
            raise NotFound("unknown_assessment", "no draft of yours")
        return found


@blp.route(f"{ONE}/draft", methods=["PUT"])
@requires(EMPLOYEE)
@command
@blp.arguments(AssessmentInSchema)
@blp.response(200, AssessmentSchema)
def save_draft(body, period_id, nip, role):
    """Save a draft; it may leave competencies out. Drafts are private and are not events."""
    draft = assessing.form(current_principal().nip, period_id, nip, role, body)
    assessing.save_draft(command_context(), draft)
    return queries.draft(g.conn, period_id, nip, role, request_language())


@blp.route(f"{ONE}/submission", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(AssessmentInSchema)
@blp.response(201, SubmittedSchema, headers={"Location": {
    "description": "the submitted assessment", "schema": {"type": "string"}}})
def submit(body, period_id, nip, role):
    """Submit: every required competency rated; then immutable unless HR reopens it."""
    submission = assessing.form(current_principal().nip, period_id, nip, role, body)
    event = assessing.submit(command_context(), submission)
    receipt = queries.labelled({**event.data, "status": "submitted", "submitted_at": event.time},
                               request_language())
    return receipt, {"Location": request.path.rsplit("/", 1)[0]}


@blp.route(f"{ONE}/reopen", methods=["POST"])
@requires(HR_ADMIN)
@command
@blp.arguments(ReopenSchema)
@blp.response(200, AssessmentSchema)
def reopen(body, period_id, nip, role):
    """Reopen a submitted assessment with a reason, so that it is submitted again."""
    assessing.reopen(command_context(), current_principal().nip, period_id, nip, role,
                     body["reason"])
    return queries.assessment(g.conn, current_principal(), period_id, nip, role, request_language())


@blp.route("/assessments")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(AssessmentFilterSchema, location="query")
@blp.response(200, AssessmentSchema(many=True))
@blp.paginate()
def list_assessments(filters, pagination_parameters):
    """Submitted and reopened assessments, filtered by employee (nip), period, unit, role and
    status; paged."""
    with reading() as conn:
        return queries.assessments(conn, filters, pagination_parameters, request_language())


@blp.route("/periods/<period_id>/progress")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(MonitoringFilterSchema, location="query")
@blp.response(200, ProgressSchema(many=True))
@blp.paginate()
def progress(filters, period_id, pagination_parameters):
    """Who has not yet self-assessed or been assessed, per unit (``pending=either``); paged."""
    with reading() as conn:
        queries.check_period(conn, period_id)
        return queries_progress.progress(conn, period_id, filters, pagination_parameters)


@blp.route("/periods/<period_id>/progress/units")
@requires(HR_ADMIN, AUDITOR)
@blp.response(200, UnitsProgressSchema)
def unit_progress(period_id):
    """How far each unit is: employees, self-assessments and supervisor assessments submitted,
    for the unit's own people and with every unit below it, as a tree (depth first)."""
    with reading() as conn:
        queries.check_period(conn, period_id)
        return queries_progress.unit_progress(conn, period_id)


@blp.route("/periods/<period_id>/my-reports")
@requires(EMPLOYEE)
@blp.arguments(MonitoringFilterSchema(only=("pending",)), location="query")
@blp.response(200, ProgressSchema(many=True))
@blp.paginate()
def my_reports(filters, period_id, pagination_parameters):
    """A supervisor's worklist: their direct reports and how far each assessment is; paged."""
    with reading() as conn:
        queries.check_period(conn, period_id)
        return queries_progress.progress(conn, period_id,
                                         {**filters, "supervisor": current_principal().nip},
                                         pagination_parameters)


@blp.route("/periods/<period_id>/predikat")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(DistributionFilterSchema, location="query")
@blp.response(200, DistributionSchema)
def predikat_distribution(filters, period_id):
    """How the official predicates of a unit (and the units below it) are distributed."""
    with reading() as conn:
        queries.check_period(conn, period_id)
        return queries_progress.distribution(conn, period_id, filters, request_language())

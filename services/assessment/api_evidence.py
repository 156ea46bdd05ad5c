"""HTTP API of evidence (bukti dukung) per RHK: texts and links as JSON, files as the request's
body (their content kept in the service's store), downloads for those who may read the plan."""
from __future__ import annotations

from io import BytesIO

from flask import g, request, send_file

from services.assessment import evidencing, queries_plan
from services.assessment.api_plan import answer
from services.assessment.schemas_plan import EvidenceInSchema, FileArgsSchema, PlanSchema
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, reading
from shared.web import body_limit, current_principal, requires

blp = Blueprint("evidence", __name__, description="Evidence (bukti dukung) of a plan's RHK:"
                " texts, links and files")
RHK = "/periods/<period_id>/plans/<nip>/results/<int:rhk>/evidence"
MAX_UPLOAD = 64 * 1024 * 1024  # a ceiling: the agency's limit (data/evidence_rules.yaml) decides


@blp.route(RHK, methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(EvidenceInSchema)
@blp.response(201, PlanSchema)
def add(body, period_id, nip, rhk):
    """The employee adds a text or a link to an RHK of their agreed plan (403 not_your_own,
    404 unknown_rhk, 409 plan_not_agreed or period_closed)."""
    evidencing.add(command_context(), current_principal().nip, period_id, nip, rhk,
                   body["text"], body["url"])
    return answer(g.conn, period_id, nip)


@blp.route(f"{RHK}/file", methods=["POST"])
@requires(EMPLOYEE)
@body_limit(MAX_UPLOAD)
@command
@blp.arguments(FileArgsSchema, location="query")
@blp.doc(requestBody={"required": True, "content": {"*/*": {"schema": {
    "type": "string", "format": "binary", "description": "the file, with its Content-Type"}}}})
@blp.response(201, PlanSchema)
def attach(args, period_id, nip, rhk):
    """The employee attaches a file (its name in ``name``) within the agency's size limit and
    types (422 file_too_large, file_type_not_allowed, empty_file)."""
    evidencing.attach(command_context(), current_principal().nip, period_id, nip, rhk,
                      args["text"], args["name"], request.mimetype, request.get_data())
    return answer(g.conn, period_id, nip)


@blp.route("/evidence-files/<file_id>")
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
def download(file_id):
    """An evidence file: the employee, their official, HR and auditors (403, 404)."""
    with reading() as conn:
        found = queries_plan.evidence_file(conn, current_principal(), file_id)
    return send_file(BytesIO(found["content"]), mimetype=found["media_type"],
                     as_attachment=True, download_name=found["file_name"])

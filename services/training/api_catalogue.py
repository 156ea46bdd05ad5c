"""HTTP API of the training catalogue: programmes, retirement and the CSV import."""
from __future__ import annotations

from flask import abort, g

from services.training import catalogue, queries
from services.training.schemas import (
    ProgrammeFilterSchema, ProgrammeInSchema, ProgrammeSchema, RetireSchema)
from services.training.schemas_records import ImportCheckSchema, ImportSummarySchema
from shared.auth import ROLES, TRAINING_ADMIN
from shared.events.fields import CODE_PATTERN
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import body_limit, csv_body, requires

blp = Blueprint("catalogue", __name__, description="Training programmes (katalog pelatihan)")
CODE_PARAMETER = [{"in": "path", "name": "code", "schema": {"type": "string",
                                                            "pattern": CODE_PATTERN}}]
MAX_IMPORT_BYTES = 4 * 1024 * 1024


@blp.route("/programmes")
@requires(*ROLES)
@blp.arguments(ProgrammeFilterSchema, location="query")
@blp.response(200, ProgrammeSchema(many=True))
def list_programmes(filters):
    """Programmes, filtered by competency, form, kind or status (active and retired by default)."""
    clauses = [f"{name} = %({name})s" for name in ("form", "kind", "status") if name in filters]
    if "competency" in filters:
        clauses.append("%(competency)s = ANY(competencies)")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    with reading() as conn:
        return conn.execute(f"SELECT * FROM programmes{where} ORDER BY code", filters).fetchall()


@blp.route("/programmes/<code>", parameters=CODE_PARAMETER)
@requires(*ROLES)
@blp.response(200, ProgrammeSchema)
def get_programme(code):
    """One programme."""
    with reading() as conn:
        return queries.programme(conn, code)


@blp.route("/programmes/<code>", methods=["PUT"], parameters=CODE_PARAMETER)
@requires(TRAINING_ADMIN)
@command
@blp.arguments(ProgrammeInSchema)
@blp.response(200, ProgrammeSchema)
def put_programme(body, code):
    """Create a programme or replace its description (a retired one becomes active again)."""
    if not catalogue.CODE_RE.match(code):
        abort(422, description="a programme code has letters, digits, '.', '_' or '-'")
    catalogue.define_programme(command_context(), code, body)
    return queries.programme(g.conn, code)


@blp.route("/programmes/<code>/retire", methods=["POST"])
@requires(TRAINING_ADMIN)
@command
@blp.arguments(RetireSchema)
@blp.response(200, ProgrammeSchema)
def retire_programme(body, code):
    """Retire a programme: no new assignments to it; open ones stay."""
    catalogue.retire_programme(command_context(), code, body["reason"])
    return queries.programme(g.conn, code)


@blp.route("/imports/programmes", methods=["POST"])
@requires(TRAINING_ADMIN)
@body_limit(MAX_IMPORT_BYTES)
@command
@blp.doc(requestBody={"required": True, "content": {"text/csv": {"schema": {
    "type": "string", "description": "columns: " + ", ".join(catalogue.COLUMNS)}}}})
@blp.response(200, ImportSummarySchema)
def import_programmes():
    """Import programmes from CSV: all rows or none, with a row-by-row report."""
    return catalogue.import_programmes(command_context(), csv_body())


@blp.route("/imports/programmes/check", methods=["POST"])
@requires(TRAINING_ADMIN)
@body_limit(MAX_IMPORT_BYTES)
@blp.doc(requestBody={"required": True, "content": {"text/csv": {"schema": {
    "type": "string", "description": "the same file as for POST /imports/programmes"}}}})
@blp.response(200, ImportCheckSchema)
def check_import():
    """Dry run of the import: the same parser and checks, the row-by-row report (what each row
    would do, every problem), and nothing recorded. A file that is not CSV, lacks a column or is
    not UTF-8 is refused (422 import_rejected) as the import refuses it."""
    with reading() as conn:
        return catalogue.check_import(context_on(conn).store, csv_body())

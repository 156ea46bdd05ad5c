"""HTTP API of the competency dictionary, job levels and position competency standards."""
from __future__ import annotations

from flask import g

from services.assessment import organisation
from services.assessment.schemas_organisation import (
    CompetencyInSchema, CompetencySchema, JobLevelSchema, PositionInSchema, PositionSchema)
from shared.auth import HR_ADMIN, ROLES
from shared.errors import NotFound
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import requires

blp = Blueprint("dictionary", __name__, description="Competency dictionary (kamus kompetensi),"
                " job levels and position standards")


def _one(conn, sql: str, key: str, code: str, what: str) -> dict:
    row = conn.execute(sql, (key,)).fetchone()
    if row is None:
        raise NotFound(code, f"no {what} {key}")
    return row


@blp.route("/competencies")
@requires(*ROLES)
@blp.response(200, CompetencySchema(many=True))
def list_competencies():
    """The competency dictionary (kamus kompetensi): managerial, socio-cultural and technical."""
    with reading() as conn:
        return conn.execute("SELECT * FROM competencies ORDER BY kind, code").fetchall()


@blp.route("/competencies/<code>")
@requires(*ROLES)
@blp.response(200, CompetencySchema)
def get_competency(code):
    """One competency with its five levels and behaviour indicators."""
    with reading() as conn:
        return _one(conn, "SELECT * FROM competencies WHERE code = %s", code,
                    "unknown_competency", "competency")


@blp.route("/competencies", methods=["POST"])
@requires(HR_ADMIN)
@command
@blp.arguments(CompetencyInSchema)
@blp.response(201, CompetencySchema)
def define_competency(body):
    """Add (or revise) a technical competency of the agency."""
    organisation.define_competency(command_context(), body)
    return g.conn.execute("SELECT * FROM competencies WHERE code = %s", (body["code"],)).fetchone()


@blp.route("/job-levels")
@requires(*ROLES)
@blp.response(200, JobLevelSchema(many=True))
def list_job_levels():
    """Job levels and the level each requires by default of the core competencies."""
    with reading() as conn:
        return list(context_on(conn).job_levels.values())


@blp.route("/positions")
@requires(*ROLES)
@blp.response(200, PositionSchema(many=True))
def list_positions():
    """Positions and their competency standards."""
    with reading() as conn:
        return conn.execute("SELECT * FROM positions ORDER BY code").fetchall()


@blp.route("/positions/<code>")
@requires(*ROLES)
@blp.response(200, PositionSchema)
def get_position(code):
    """One position's competency standard (standar kompetensi jabatan)."""
    with reading() as conn:
        return _one(conn, "SELECT * FROM positions WHERE code = %s", code, "unknown_position",
                    "position")


@blp.route("/positions/<code>", methods=["PUT"])
@requires(HR_ADMIN)
@command
@blp.arguments(PositionInSchema)
@blp.response(200, PositionSchema)
def set_position_standard(body, code):
    """Set a position's title, job level and standard; without ``standard`` the job level's
    default applies. With ``expected_revision``, a position changed since it was read at that
    revision is refused (409 standard_changed, its ``revision`` now), nothing recorded."""
    organisation.set_standard(command_context(), code, body["title"], body["job_level"],
                              body.get("standard"), body["expected_revision"])
    return g.conn.execute("SELECT * FROM positions WHERE code = %s", (code,)).fetchone()

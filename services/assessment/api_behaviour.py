"""HTTP API of work behaviour against BerAKHLAK (SE MenPANRB 20/2021): the values, and the
appraising official's notes per value on an employee during the period."""
from __future__ import annotations

from flask import g

from services.assessment import noting_behaviour, queries_behaviour
from services.assessment.schemas_behaviour import CoreValueSchema, NoteInSchema, NotesSchema
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import current_principal, requires

blp = Blueprint("behaviour", __name__, description="Work behaviour against BerAKHLAK: the"
                " values, the appraising official's notes per value")
NOTES = "/periods/<period_id>/employees/<nip>/behaviour-notes"


def _notes(conn, period_id: str, nip: str) -> dict:
    return queries_behaviour.notes(conn, current_principal(), period_id, nip,
                                   context_on(conn).behaviour)


@blp.route("/behaviour/values")
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, CoreValueSchema(many=True))
def core_values():
    """The BerAKHLAK core values in their order, each with its three behaviours (the agency's
    data file)."""
    with reading() as conn:
        return queries_behaviour.values(context_on(conn).core_values)


@blp.route(NOTES)
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, NotesSchema)
def notes(period_id, nip):
    """The notes on the employee in the period: the appraising official, HR, auditors, and the
    employee when the agency shares them (403 notes_not_shared, not_allowed_to_read)."""
    with reading() as conn:
        return _notes(conn, period_id, nip)


@blp.route(NOTES, methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(NoteInSchema)
@blp.response(201, NotesSchema)
def add_note(body, period_id, nip):
    """The appraising official notes behaviour observed against one value, while the period is
    open (403 not_the_official, 409 period_not_open, 422 unknown_value, observed_in_future)."""
    noting_behaviour.note(command_context(), current_principal().nip, period_id, nip,
                          body["value"], body["kind"], body["observed_on"], body["text"])
    return _notes(g.conn, period_id, nip)

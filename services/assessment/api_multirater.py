"""HTTP API of peer and subordinate input on work behaviour: the official invites, the invited
answer once, each reader sees the input as the agency allows."""
from __future__ import annotations

from flask import g

from services.assessment import inviting_behaviour, queries_multirater
from services.assessment.schemas_behaviour import (InputInSchema, InputSchema,
                                                   InvitationInSchema, MyInvitationSchema)
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import current_principal, requires

blp = Blueprint("multirater", __name__, description="Peer and subordinate input on work"
                " behaviour per BerAKHLAK value: evidence, never averaged into the rating")
ONE = "/periods/<period_id>/employees/<nip>"


def _input(conn, period_id: str, nip: str) -> dict:
    return queries_multirater.input_on(conn, current_principal(), period_id, nip,
                                       context_on(conn).behaviour)


@blp.route(f"{ONE}/behaviour-input")
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, InputSchema)
def behaviour_input(period_id, nip):
    """The input on the employee: in full for the official, HR and auditors; for the employee
    counts and comments (without names when the agency hides them) once enough responses exist."""
    with reading() as conn:
        return _input(conn, period_id, nip)


@blp.route(f"{ONE}/behaviour-invitations", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(InvitationInSchema)
@blp.response(201, InputSchema)
def invite(body, period_id, nip):
    """The appraising official invites a peer or a direct report of the employee (403
    not_the_official, 409 already_invited, period_not_open, 422 not_a_peer, not_a_rater)."""
    inviting_behaviour.invite(command_context(), current_principal().nip, period_id, nip,
                              body["invitee_nip"])
    return _input(g.conn, period_id, nip)


@blp.route(f"{ONE}/behaviour-input", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(InputInSchema)
@blp.response(201, MyInvitationSchema)
def answer(body, period_id, nip):
    """The invited person's choice per value, once; the same answers again change nothing (403
    not_invited, 409 already_answered, period_not_open, 422 unknown_value)."""
    me = current_principal().nip
    inviting_behaviour.respond(command_context(), me, period_id, nip, body["answers"])
    return next(i for i in queries_multirater.mine(g.conn, me)
                if (i["period_id"], i["nip"]) == (period_id, nip))


@blp.route("/me/behaviour-invitations")
@requires(EMPLOYEE)
@blp.response(200, MyInvitationSchema(many=True))
def my_invitations():
    """The caller's invitations to give input in open periods, those to answer first."""
    with reading() as conn:
        return queries_multirater.mine(conn, current_principal().nip)

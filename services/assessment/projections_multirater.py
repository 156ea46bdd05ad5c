"""Projectors of peer and subordinate input: one row per invited person, answered or not."""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event


def input_invited(conn: psycopg.Connection, event: Event) -> None:
    """The invitation, open until answered."""
    d = event.data
    conn.execute(
        "INSERT INTO behaviour_invitations (period_id, nip, invitee_nip, relation, invited_by,"
        " invited_at, version) VALUES (%s, %s, %s, %s, %s, %s, %s)",
        (d["period_id"], d["nip"], d["invitee_nip"], d["relation"], d["invited_by"],
         event.time, event.version))


def input_given(conn: psycopg.Connection, event: Event) -> None:
    """The answers, per value."""
    d = event.data
    conn.execute(
        "UPDATE behaviour_invitations SET answers = %s, answered_at = %s, version = %s"
        " WHERE period_id = %s AND nip = %s AND invitee_nip = %s",
        (Jsonb(d["answers"]), event.time, event.version, d["period_id"], d["nip"],
         d["invitee_nip"]))


PROJECTORS = {
    "assessment.BehaviourInputInvited.v1": input_invited,
    "assessment.BehaviourInputGiven.v1": input_given,
}

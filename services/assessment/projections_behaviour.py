"""Projectors of work behaviour: the official's notes per BerAKHLAK value."""
from __future__ import annotations

import psycopg

from services.assessment.projections_multirater import PROJECTORS as MULTIRATER_PROJECTORS
from shared.envelope import Event


def behaviour_noted(conn: psycopg.Connection, event: Event) -> None:
    """One note, under its value."""
    d = event.data
    conn.execute(
        "INSERT INTO behaviour_notes (period_id, nip, version, value_code, kind, observed_on,"
        " text, noted_by, noted_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (d["period_id"], d["nip"], event.version, d["value"], d["kind"], d["observed_on"],
         d["text"], d["noted_by"], event.time))


PROJECTORS = {
    "assessment.BehaviourNoted.v1": behaviour_noted,
    **MULTIRATER_PROJECTORS,
}

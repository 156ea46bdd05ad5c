"""Projector of the annual appraisal: each confirmation is kept, and the annual supervisor
assessment carries the confirmed predikat (what the curve, the results and SIASN read)."""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event


def annual_predikat_confirmed(conn: psycopg.Connection, event: Event) -> None:
    """The confirmation is kept and its predikat stands on the annual assessment."""
    d = event.data
    conn.execute(
        "INSERT INTO annual_predikats (period_id, nip, version, unit_code, policy, periodic,"
        " proposed, previous, predikat, reason, confirmed_by, confirmed_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (d["period_id"], d["nip"], event.version, d["unit_code"], d["policy"],
         Jsonb(d["periodic"]), d["proposed"], d["previous"], d["predikat"], d["reason"],
         d["confirmed_by"], event.time))
    conn.execute("UPDATE assessments SET predikat = %s WHERE period_id = %s AND nip = %s"
                 " AND role = 'supervisor'", (d["predikat"], d["period_id"], d["nip"]))


PROJECTORS = {"assessment.AnnualPredikatConfirmed.v1": annual_predikat_confirmed}

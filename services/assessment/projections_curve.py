"""Projectors of a unit's curve: its predikat and HR's exception, in the append's transaction."""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event


def unit_predicate_set(conn: psycopg.Connection, event: Event) -> None:
    """The unit's predikat for the period; set again, it replaces and withdraws the exception."""
    d = event.data
    conn.execute(
        "INSERT INTO unit_curves (period_id, unit_code, predikat, basis, set_by, set_at, version)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (period_id, unit_code) DO UPDATE SET"
        " predikat = EXCLUDED.predikat, basis = EXCLUDED.basis, set_by = EXCLUDED.set_by,"
        " set_at = EXCLUDED.set_at, version = EXCLUDED.version, exception_reason = NULL,"
        " exception_by = NULL, exception_at = NULL, exception_broken = NULL",
        (d["period_id"], d["unit_code"], d["predikat"], d["basis"], d["set_by"], event.time,
         event.version))


def curve_exception_recorded(conn: psycopg.Connection, event: Event) -> None:
    """HR's exception, with the clauses broken when it was recorded."""
    d = event.data
    conn.execute(
        "UPDATE unit_curves SET exception_reason = %s, exception_by = %s, exception_at = %s,"
        " exception_broken = %s, version = %s WHERE period_id = %s AND unit_code = %s",
        (d["reason"], d["recorded_by"], event.time, Jsonb(d["broken"]), event.version,
         d["period_id"], d["unit_code"]))


PROJECTORS = {
    "assessment.UnitPredicateSet.v1": unit_predicate_set,
    "assessment.CurveExceptionRecorded.v1": curve_exception_recorded,
}

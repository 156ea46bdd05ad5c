"""Projectors of calibration: the sessions, and each change of an employee's predikat, which
also becomes the predikat of the supervisor's assessment (what the curve and the results read)."""
from __future__ import annotations

import psycopg

from shared.envelope import Event


def calibration_opened(conn: psycopg.Connection, event: Event) -> None:
    """A unit's session opens."""
    d = event.data
    conn.execute(
        "INSERT INTO calibration_sessions (session_id, period_id, unit_code, status, opened_by,"
        " opened_at, version) VALUES (%s, %s, %s, 'open', %s, %s, %s)",
        (d["session_id"], d["period_id"], d["unit_code"], d["opened_by"], event.time,
         event.version))


def calibration_closed(conn: psycopg.Connection, event: Event) -> None:
    """A unit's session closes."""
    d = event.data
    conn.execute("UPDATE calibration_sessions SET status = 'closed', closed_by = %s,"
                 " closed_at = %s, version = %s WHERE session_id = %s",
                 (d["closed_by"], event.time, event.version, d["session_id"]))


def predikat_calibrated(conn: psycopg.Connection, event: Event) -> None:
    """The change is kept, and the supervisor's assessment carries the new predikat."""
    d = event.data
    conn.execute(
        "INSERT INTO predikat_changes (period_id, nip, version, kind, unit_code, session_id,"
        " previous, predikat, reason, changed_by, changed_at)"
        " VALUES (%s, %s, %s, 'calibration', %s, %s, %s, %s, %s, %s, %s)",
        (d["period_id"], d["nip"], event.version, d["unit_code"], d["session_id"], d["previous"],
         d["predikat"], d["reason"], d["calibrated_by"], event.time))
    conn.execute("UPDATE assessments SET predikat = %s WHERE period_id = %s AND nip = %s"
                 " AND role = 'supervisor'", (d["predikat"], d["period_id"], d["nip"]))


PROJECTORS = {
    "assessment.CalibrationOpened.v1": calibration_opened,
    "assessment.CalibrationClosed.v1": calibration_closed,
    "assessment.PredikatCalibrated.v1": predikat_calibrated,
}

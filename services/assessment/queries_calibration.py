"""Read-side of calibration: a unit's sessions and its people with their predikat and every
change made to it; an employee's changes."""
from __future__ import annotations

import psycopg

from services.assessment.queries import TEXTS, check_can_see_employee
from shared.auth import Principal
from shared.errors import NotFound
from shared.sql import UNITS_BELOW

_PEOPLE = (f"{UNITS_BELOW} SELECT a.nip, e.name, a.unit_code, a.predikat, a.assessor_nip,"
           " a.work_result, a.work_behaviour FROM assessments a JOIN employees e ON e.nip = a.nip"
           " WHERE a.period_id = %(period)s AND a.role = 'supervisor' AND a.status = 'submitted'"
           " AND a.predikat IS NOT NULL AND a.unit_code IN (SELECT code FROM tree)"
           " ORDER BY a.unit_code, e.name, a.nip")
_CHANGES = ("SELECT period_id, nip, version, kind, unit_code, session_id, previous, predikat,"
            " reason, changed_by, changed_at FROM predikat_changes")


def _labelled(row: dict, language: str) -> dict:
    return {**row, "predikat_label": TEXTS.text(f"predikat.{row['predikat']}", language)}


def calibration(conn: psycopg.Connection, period_id: str, unit_code: str, language: str) -> dict:
    """The unit's sessions (newest first), and its people (with the units below) with a
    supervisor's predikat, each with the changes made to it in the period."""
    found = conn.execute("SELECT (SELECT status FROM periods WHERE period_id = %s) AS status,"
                         " EXISTS(SELECT 1 FROM units WHERE code = %s) AS unit",
                         (period_id, unit_code)).fetchone()
    if found["status"] is None:
        raise NotFound("unknown_period", f"no appraisal period {period_id}")
    if not found["unit"]:
        raise NotFound("unknown_unit", f"no work unit {unit_code}")
    sessions = conn.execute(
        "SELECT session_id, status, opened_by, opened_at, closed_by, closed_at"
        " FROM calibration_sessions WHERE period_id = %s AND unit_code = %s"
        " ORDER BY opened_at DESC, session_id DESC", (period_id, unit_code)).fetchall()
    people = conn.execute(_PEOPLE, {"unit": unit_code, "period": period_id}).fetchall()
    changes: dict[str, list] = {}
    for row in conn.execute(f"{_CHANGES} WHERE period_id = %s AND nip = ANY(%s)"
                            " ORDER BY version", (period_id, [p["nip"] for p in people])):
        changes.setdefault(row["nip"], []).append(row)
    return {"period_id": period_id, "period_status": found["status"], "unit_code": unit_code,
            "open_session": next((s["session_id"] for s in sessions if s["status"] == "open"),
                                 None),
            "sessions": sessions,
            "employees": [{**_labelled(p, language), "changes": changes.get(p["nip"], [])}
                          for p in people]}


def changes_of(conn: psycopg.Connection, principal: Principal, period_id: str, nip: str) -> list:
    """Every change of the employee's predikat in the period, oldest first (the employee, their
    supervisor, HR and auditors)."""
    check_can_see_employee(conn, principal, nip)
    return conn.execute(f"{_CHANGES} WHERE period_id = %s AND nip = %s ORDER BY version",
                        (period_id, nip)).fetchall()


def change(conn: psycopg.Connection, period_id: str, nip: str, version: int) -> dict:
    """One change of the employee's predikat, by its place in the stream."""
    return conn.execute(f"{_CHANGES} WHERE period_id = %s AND nip = %s AND version = %s",
                        (period_id, nip, version)).fetchone()


# An official's submitted assessments in open periods that an open session covers: of the
# assessment's unit or of a unit above it (the nearest first).
_MINE = """
WITH RECURSIVE up (start, code, depth) AS (
    SELECT DISTINCT unit_code, unit_code, 0 FROM assessments
     WHERE assessor_nip = %(me)s AND role = 'supervisor' AND status = 'submitted'
    UNION SELECT up.start, u.parent_code, up.depth + 1 FROM up JOIN units u ON u.code = up.code
     WHERE u.parent_code IS NOT NULL AND up.depth < 100)
SELECT DISTINCT ON (a.period_id, e.name, a.nip) a.period_id, a.nip, e.name, a.unit_code,
       a.predikat, s.session_id
  FROM assessments a JOIN employees e ON e.nip = a.nip
  JOIN periods p ON p.period_id = a.period_id AND p.status = 'open'
  JOIN up ON up.start = a.unit_code
  JOIN calibration_sessions s ON s.period_id = a.period_id AND s.unit_code = up.code
   AND s.status = 'open'
 WHERE a.assessor_nip = %(me)s AND a.role = 'supervisor' AND a.status = 'submitted'
   AND a.predikat IS NOT NULL
 ORDER BY a.period_id, e.name, a.nip, up.depth"""


def to_calibrate(conn: psycopg.Connection, nip: str, language: str) -> list[dict]:
    """The results the official gave that an open calibration session covers now."""
    return [_labelled(row, language) for row in conn.execute(_MINE, {"me": nip})]

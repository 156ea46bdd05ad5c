"""Handlers: the assessment service's facts the training service needs, into its read tables."""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event


def employee_changed(conn: psycopg.Connection, event: Event) -> None:
    """EmployeeRegistered and EmployeeUpdated both carry the whole new state."""
    d = event.data
    conn.execute(
        "INSERT INTO employees (nip, name, position_code, unit_code, supervisor_nip)"
        " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name,"
        " position_code = EXCLUDED.position_code, unit_code = EXCLUDED.unit_code,"
        " supervisor_nip = EXCLUDED.supervisor_nip",
        (d["nip"], d["name"], d["position_code"], d["unit_code"], d["supervisor_nip"]))


def unit_registered(conn: psycopg.Connection, event: Event) -> None:
    """A unit of the agency (its tree serves the unit reports)."""
    d = event.data
    conn.execute("INSERT INTO units (code, name, parent_code) VALUES (%s, %s, %s)"
                 " ON CONFLICT (code) DO NOTHING", (d["code"], d["name"], d["parent_code"]))


def period_opened(conn: psycopg.Connection, event: Event) -> None:
    """An appraisal period and its year."""
    conn.execute("INSERT INTO periods (period_id, year) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                 (event.data["period_id"], event.data["year"]))


def assessment_submitted(conn: psycopg.Connection, event: Event) -> None:
    """Keep the supervisor's latest submission per period (the authoritative one)."""
    d = event.data
    if d["role"] != "supervisor":
        return
    conn.execute(
        "INSERT INTO supervisor_assessments (nip, period_id, submission, unit_code, position_code,"
        " ratings, event_id, submitted_at, predikat) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (nip, period_id) DO UPDATE SET submission = EXCLUDED.submission,"
        " unit_code = EXCLUDED.unit_code, position_code = EXCLUDED.position_code,"
        " ratings = EXCLUDED.ratings, event_id = EXCLUDED.event_id,"
        " submitted_at = EXCLUDED.submitted_at, predikat = EXCLUDED.predikat"
        " WHERE supervisor_assessments.submission <= EXCLUDED.submission",
        (d["nip"], d["period_id"], d["submission"], d["unit_code"], d["position_code"],
         Jsonb(d["ratings"]), event.id, event.time, d.get("predikat")))


def predikat_changed(conn: psycopg.Connection, event: Event) -> None:
    """A calibration, an objection's decision or the official's annual confirmation set the
    employee's official predikat: the 9-box and the succession group read the one that stands
    (an upheld decision repeats it). The submission it changes came first: both are keyed by the
    employee's NIP, on one partition."""
    d = event.data
    conn.execute("UPDATE supervisor_assessments SET predikat = %s WHERE nip = %s AND period_id = %s",
                 (d["predikat"], d["nip"], d["period_id"]))


HANDLERS = {
    "assessment.EmployeeRegistered.v1": employee_changed,
    "assessment.EmployeeUpdated.v1": employee_changed,
    "assessment.UnitRegistered.v1": unit_registered,
    "assessment.AppraisalPeriodOpened.v1": period_opened,
    "assessment.AssessmentSubmitted.v1": assessment_submitted,
    "assessment.PredikatCalibrated.v1": predikat_changed,
    "assessment.ObjectionDecided.v1": predikat_changed,
    "assessment.AnnualPredikatConfirmed.v1": predikat_changed,
}

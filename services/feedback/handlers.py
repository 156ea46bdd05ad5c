"""Handlers: what the feedback service keeps of the assessment events it consumes.

They run in the consumer's transaction, live and in a replay alike, and only update projections;
the decisions taken on those events are in ``reactors``.
"""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from shared.envelope import Event


def employee_changed(conn: psycopg.Connection, event: Event) -> None:
    """An employee as registered or updated: their unit, position and supervisor now."""
    d = event.data
    conn.execute(
        "INSERT INTO employees (nip, name, position_code, unit_code, supervisor_nip, updated_at)"
        " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name,"
        " position_code = EXCLUDED.position_code, unit_code = EXCLUDED.unit_code,"
        " supervisor_nip = EXCLUDED.supervisor_nip, updated_at = EXCLUDED.updated_at",
        (d["nip"], d["name"], d["position_code"], d["unit_code"], d["supervisor_nip"], event.time))


def unit_registered(conn: psycopg.Connection, event: Event) -> None:
    """A unit of the organisation and its parent."""
    d = event.data
    conn.execute("INSERT INTO units (code, name, parent_code) VALUES (%s, %s, %s)"
                 " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
                 " parent_code = EXCLUDED.parent_code", (d["code"], d["name"], d["parent_code"]))


def competency_defined(conn: psycopg.Connection, event: Event) -> None:
    """A competency of the dictionary, with its names."""
    d = event.data
    conn.execute("INSERT INTO competencies (code, kind, name) VALUES (%s, %s, %s)"
                 " ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name",
                 (d["code"], d["kind"], Jsonb(d["name"])))


def period_opened(conn: psycopg.Connection, event: Event) -> None:
    """An appraisal period, open."""
    d = event.data
    conn.execute(
        "INSERT INTO periods (period_id, kind, year, quarter, starts_on, ends_on, status)"
        " VALUES (%s, %s, %s, %s, %s, %s, 'open') ON CONFLICT (period_id) DO NOTHING",
        (d["period_id"], d["kind"], d["year"], d["quarter"], d["starts_on"], d["ends_on"]))


def period_closed(conn: psycopg.Connection, event: Event) -> None:
    """The appraisal period is closed."""
    conn.execute("UPDATE periods SET status = 'closed' WHERE period_id = %s",
                 (event.data["period_id"],))


def submission_row(d: dict) -> dict:
    """The ``submissions`` row an AssessmentSubmitted's data makes (status and time aside)."""
    return {"period_id": d["period_id"], "nip": d["nip"], "role": d["role"],
            "submission": d["submission"], "assessor_nip": d["assessor_nip"],
            "unit_code": d["unit_code"], "position_code": d["position_code"],
            "levels": {r["competency"]: r["level"] for r in d["ratings"]},
            "required": {r["competency"]: r["required_level"] for r in d["ratings"]},
            "work_result": d["work_result"], "work_behaviour": d["work_behaviour"]}


def assessment_submitted(conn: psycopg.Connection, event: Event) -> None:
    """Keep the latest submission of each side; a resubmission replaces the reopened one."""
    row = submission_row(event.data)
    conn.execute(
        "INSERT INTO submissions (period_id, nip, role, submission, assessor_nip, unit_code,"
        " position_code, levels, required, work_result, work_behaviour, status, submitted_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'submitted', %s)"
        " ON CONFLICT (period_id, nip, role) DO UPDATE SET submission = EXCLUDED.submission,"
        " assessor_nip = EXCLUDED.assessor_nip, unit_code = EXCLUDED.unit_code,"
        " position_code = EXCLUDED.position_code, levels = EXCLUDED.levels,"
        " required = EXCLUDED.required, work_result = EXCLUDED.work_result,"
        " work_behaviour = EXCLUDED.work_behaviour, status = 'submitted',"
        " submitted_at = EXCLUDED.submitted_at WHERE submissions.submission < EXCLUDED.submission",
        (*(row[k] for k in ("period_id", "nip", "role", "submission", "assessor_nip", "unit_code",
                             "position_code")), Jsonb(row["levels"]), Jsonb(row["required"]),
         row["work_result"], row["work_behaviour"], event.time))


def assessment_reopened(conn: psycopg.Connection, event: Event) -> None:
    """A reopened side no longer stands for a comparison."""
    d = event.data
    conn.execute("UPDATE submissions SET status = 'reopened' WHERE period_id = %s AND nip = %s"
                 " AND role = %s", (d["period_id"], d["nip"], d["role"]))


HANDLERS = {
    "assessment.EmployeeRegistered.v1": employee_changed,
    "assessment.EmployeeUpdated.v1": employee_changed,
    "assessment.UnitRegistered.v1": unit_registered,
    "assessment.CompetencyDefined.v1": competency_defined,
    "assessment.AppraisalPeriodOpened.v1": period_opened,
    "assessment.AppraisalPeriodClosed.v1": period_closed,
    "assessment.AssessmentSubmitted.v1": assessment_submitted,
    "assessment.AssessmentReopened.v1": assessment_reopened,
}

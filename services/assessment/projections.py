"""Projectors: each of the service's own events updates the read tables, in the append's transaction."""
from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from services.assessment.projections_annual import PROJECTORS as ANNUAL_PROJECTORS
from services.assessment.projections_calibration import PROJECTORS as CALIBRATION_PROJECTORS
from services.assessment.projections_curve import PROJECTORS as CURVE_PROJECTORS
from services.assessment.projections_behaviour import PROJECTORS as BEHAVIOUR_PROJECTORS
from services.assessment.projections_objection import PROJECTORS as OBJECTION_PROJECTORS
from services.assessment.projections_plan import PROJECTORS as PLAN_PROJECTORS, rated_on_plan
from shared.envelope import Event


def competency_defined(conn: psycopg.Connection, event: Event) -> None:
    """A competency enters the dictionary, or its wording is revised."""
    d = event.data
    conn.execute(
        "INSERT INTO competencies (code, kind, name, definition, levels, revision, defined_at)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (code) DO UPDATE SET"
        " kind = EXCLUDED.kind, name = EXCLUDED.name, definition = EXCLUDED.definition,"
        " levels = EXCLUDED.levels, revision = EXCLUDED.revision, defined_at = EXCLUDED.defined_at",
        (d["code"], d["kind"], Jsonb(d["name"]), Jsonb(d["definition"]), Jsonb(d["levels"]),
         event.version, event.time))


def unit_registered(conn: psycopg.Connection, event: Event) -> None:
    """A work unit joins the list of units."""
    d = event.data
    conn.execute("INSERT INTO units (code, name, parent_code, registered_at) VALUES (%s, %s, %s, %s)",
                 (d["code"], d["name"], d["parent_code"], event.time))


def standard_set(conn: psycopg.Connection, event: Event) -> None:
    """A position's standard is set (as a whole) at the stream's revision."""
    d = event.data
    conn.execute(
        "INSERT INTO positions (code, title, job_level, standard, revision, set_at)"
        " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title,"
        " job_level = EXCLUDED.job_level, standard = EXCLUDED.standard,"
        " revision = EXCLUDED.revision, set_at = EXCLUDED.set_at",
        (d["position_code"], d["title"], d["job_level"], Jsonb(d["standard"]), event.version,
         event.time))


def employee_changed(conn: psycopg.Connection, event: Event) -> None:
    """EmployeeRegistered and EmployeeUpdated both carry the whole new state."""
    d = event.data
    registered = event.version == 1
    conn.execute(
        "INSERT INTO employees (nip, name, position_code, unit_code, supervisor_nip, version,"
        " registered_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name,"
        " position_code = EXCLUDED.position_code, unit_code = EXCLUDED.unit_code,"
        " supervisor_nip = EXCLUDED.supervisor_nip, version = EXCLUDED.version,"
        " updated_at = EXCLUDED.updated_at",
        (d["nip"], d["name"], d["position_code"], d["unit_code"], d["supervisor_nip"],
         event.version, event.time, event.time))
    conn.execute(
        "INSERT INTO employee_history (nip, version, change, changed, name, position_code,"
        " unit_code, supervisor_nip, recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (d["nip"], event.version, "registered" if registered else "updated", d.get("changed", []),
         d["name"], d["position_code"], d["unit_code"], d["supervisor_nip"], event.time))


def period_opened(conn: psycopg.Connection, event: Event) -> None:
    """A period is listed as open."""
    d = event.data
    conn.execute(
        "INSERT INTO periods (period_id, kind, year, quarter, month, starts_on, ends_on, status,"
        " opened_at) VALUES (%s, %s, %s, %s, %s, %s, %s, 'open', %s)",
        (d["period_id"], d["kind"], d["year"], d["quarter"], d.get("month"), d["starts_on"],
         d["ends_on"], event.time))


def period_closed(conn: psycopg.Connection, event: Event) -> None:
    """A period is marked closed."""
    conn.execute("UPDATE periods SET status = 'closed', closed_at = %s WHERE period_id = %s",
                 (event.time, event.data["period_id"]))


# A resubmission replaces the row (shared by the batch projector, projections_batch.py).
RESUBMITTED = (
    " ON CONFLICT (period_id, nip, role) DO UPDATE SET status = 'submitted',"
    " version = EXCLUDED.version, submission = EXCLUDED.submission,"
    " assessor_nip = EXCLUDED.assessor_nip, position_code = EXCLUDED.position_code,"
    " job_level = EXCLUDED.job_level, unit_code = EXCLUDED.unit_code,"
    " ratings = EXCLUDED.ratings, work_result = EXCLUDED.work_result,"
    " work_behaviour = EXCLUDED.work_behaviour, predikat = EXCLUDED.predikat,"
    " submitted_at = EXCLUDED.submitted_at, reopened_at = NULL, reopen_reason = NULL")


def assessment_submitted(conn: psycopg.Connection, event: Event) -> None:
    """The assessment's row holds its latest submission (a resubmission replaces it)."""
    d = event.data
    conn.execute(
        "INSERT INTO assessments (period_id, nip, role, status, version, submission, assessor_nip,"
        " position_code, job_level, unit_code, ratings, work_result, work_behaviour, predikat,"
        " submitted_at) VALUES (%s, %s, %s, 'submitted', %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        + RESUBMITTED,
        (d["period_id"], d["nip"], d["role"], event.version, d["submission"], d["assessor_nip"],
         d["position_code"], d["job_level"], d["unit_code"], Jsonb(d["ratings"]),
         d["work_result"], d["work_behaviour"], d["predikat"], event.time))
    rated_on_plan(conn, event)


def assessment_reopened(conn: psycopg.Connection, event: Event) -> None:
    """The assessment is marked reopened, with the reason."""
    d = event.data
    conn.execute(
        "UPDATE assessments SET status = 'reopened', version = %s, reopened_at = %s,"
        " reopen_reason = %s WHERE period_id = %s AND nip = %s AND role = %s",
        (event.version, event.time, d["reason"], d["period_id"], d["nip"], d["role"]))


PROJECTORS = {
    "assessment.CompetencyDefined.v1": competency_defined,
    "assessment.UnitRegistered.v1": unit_registered,
    "assessment.CompetencyStandardSet.v1": standard_set,
    "assessment.EmployeeRegistered.v1": employee_changed,
    "assessment.EmployeeUpdated.v1": employee_changed,
    "assessment.AppraisalPeriodOpened.v1": period_opened,
    "assessment.AppraisalPeriodClosed.v1": period_closed,
    "assessment.AssessmentSubmitted.v1": assessment_submitted,
    "assessment.AssessmentReopened.v1": assessment_reopened,
    **CURVE_PROJECTORS,
    **CALIBRATION_PROJECTORS,
    **OBJECTION_PROJECTORS,
    **ANNUAL_PROJECTORS,
    **BEHAVIOUR_PROJECTORS,
    **PLAN_PROJECTORS,
}

"""Batch projectors of the events that make up a period's volume (shared/projecting.py): a run of
registrations, units, standards or submissions in a few statements, with the rows and values the
projectors of ``projections`` would write one event at a time."""
from __future__ import annotations

import psycopg

from services.assessment.projections import RESUBMITTED
from services.assessment.projections_plan_batch import BATCH_PROJECTORS as PLAN_BATCH_PROJECTORS
from shared.envelope import Event
from shared.projecting import EVENT_ROWS, event_rows, row_key, without_repeats, written

_UNITS = ("INSERT INTO units (code, name, parent_code, registered_at)"
          f" SELECT d->>'code', d->>'name', d->>'parent_code', at FROM {EVENT_ROWS} ORDER BY e.n")

_STANDARDS = (
    "INSERT INTO positions (code, title, job_level, standard, revision, set_at)"
    " SELECT d->>'position_code', d->>'title', d->>'job_level', d->'standard', v, at"
    f" FROM {EVENT_ROWS} ORDER BY e.n ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title,"
    " job_level = EXCLUDED.job_level, standard = EXCLUDED.standard,"
    " revision = EXCLUDED.revision, set_at = EXCLUDED.set_at")

_EMPLOYEES = (
    "INSERT INTO employees (nip, name, position_code, unit_code, supervisor_nip, version,"
    " registered_at, updated_at) SELECT d->>'nip', d->>'name', d->>'position_code',"
    f" d->>'unit_code', d->>'supervisor_nip', v, at, at FROM {EVENT_ROWS} ORDER BY e.n"
    " ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name,"
    " position_code = EXCLUDED.position_code, unit_code = EXCLUDED.unit_code,"
    " supervisor_nip = EXCLUDED.supervisor_nip, version = EXCLUDED.version,"
    " updated_at = EXCLUDED.updated_at")

_HISTORY = (
    "INSERT INTO employee_history (nip, version, change, changed, name, position_code,"
    " unit_code, supervisor_nip, recorded_at) SELECT d->>'nip', v,"
    " CASE WHEN v = 1 THEN 'registered' ELSE 'updated' END,"
    " ARRAY(SELECT c FROM jsonb_array_elements_text(coalesce(d->'changed', '[]'))"
    " WITH ORDINALITY AS changed(c, k) ORDER BY k),"
    " d->>'name', d->>'position_code', d->>'unit_code', d->>'supervisor_nip', at"
    f" FROM {EVENT_ROWS} ORDER BY e.n")

_ASSESSMENTS = (
    "INSERT INTO assessments (period_id, nip, role, status, version, submission, assessor_nip,"
    " position_code, job_level, unit_code, ratings, work_result, work_behaviour, predikat,"
    " submitted_at) SELECT d->>'period_id', d->>'nip', d->>'role', 'submitted', v,"
    " (d->>'submission')::int, d->>'assessor_nip', d->>'position_code', d->>'job_level',"
    " d->>'unit_code', d->'ratings', d->>'work_result', d->>'work_behaviour', d->>'predikat', at"
    f" FROM {EVENT_ROWS} ORDER BY e.n" + RESUBMITTED)

# A supervisor's rating on a plan's proposal: the last such submission of the run per plan is
# the one that stands, as applying them in order leaves it.
_RATED_ON_PLAN = (
    "UPDATE plans p SET work_result = x.work_result, work_result_reason = x.reason"
    " FROM (SELECT DISTINCT ON (d->>'period_id', d->>'nip') d->>'period_id' AS period_id,"
    " d->>'nip' AS nip, d->>'work_result' AS work_result, d->>'work_result_reason' AS reason"
    f" FROM {EVENT_ROWS} WHERE d ? 'work_result_proposed'"
    " ORDER BY d->>'period_id', d->>'nip', e.n DESC) x"
    " WHERE p.period_id = x.period_id AND p.nip = x.nip")


def units_registered(conn: psycopg.Connection, events: list[Event]) -> None:
    """Work units join the list of units (``projections.unit_registered``)."""
    conn.execute(_UNITS, event_rows(events))


# A position's standard, whole (``projections.standard_set``)
standards_set = written(_STANDARDS, "position_code")


def employees_changed(conn: psycopg.Connection, events: list[Event]) -> None:
    """Registrations and updates, each the whole new state (``projections.employee_changed``)."""
    for piece in without_repeats(events, lambda e: (e.data["nip"],)):
        rows = event_rows(piece)
        conn.execute(_EMPLOYEES, rows)
        conn.execute(_HISTORY, rows)


def assessments_submitted(conn: psycopg.Connection, events: list[Event]) -> None:
    """Each assessment's latest submission, and a supervisor's rating on the plan
    (``projections.assessment_submitted``)."""
    for piece in without_repeats(events, row_key("period_id", "nip", "role")):
        rows = event_rows(piece)
        conn.execute(_ASSESSMENTS, rows)
        if any("work_result_proposed" in e.data for e in piece):
            conn.execute(_RATED_ON_PLAN, rows)


BATCH_PROJECTORS = {
    "assessment.UnitRegistered.v1": units_registered,
    "assessment.CompetencyStandardSet.v1": standards_set,
    "assessment.EmployeeRegistered.v1": employees_changed,
    "assessment.EmployeeUpdated.v1": employees_changed,
    "assessment.AssessmentSubmitted.v1": assessments_submitted,
    **PLAN_BATCH_PROJECTORS,
}

# Each lane's types write tables no other lane's write, and read none (shared.projecting).
LANES = {
    "assessment.UnitRegistered.v1": "units",
    "assessment.CompetencyStandardSet.v1": "positions",
    "assessment.EmployeeRegistered.v1": "employees",
    "assessment.EmployeeUpdated.v1": "employees",
    # a supervisor's submission also writes its rating on the plan
    "assessment.AssessmentSubmitted.v1": "assessments and plans",
    **{ce_type: "assessments and plans" for ce_type in PLAN_BATCH_PROJECTORS},
}

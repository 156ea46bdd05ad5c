"""Batch handlers of the assessment events training keeps (shared/projecting.py): a run of
registrations, units or supervisor assessments in a few statements, with the rows and values the
handlers of ``handlers`` would write one event at a time (a replay's consumed records)."""
from __future__ import annotations

import psycopg

from shared.envelope import Event
from shared.projecting import EVENT_ROWS, event_rows, row_key, without_repeats, written

_EMPLOYEES = (
    "INSERT INTO employees (nip, name, position_code, unit_code, supervisor_nip)"
    " SELECT d->>'nip', d->>'name', d->>'position_code', d->>'unit_code', d->>'supervisor_nip'"
    f" FROM {EVENT_ROWS} ORDER BY e.n ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name,"
    " position_code = EXCLUDED.position_code, unit_code = EXCLUDED.unit_code,"
    " supervisor_nip = EXCLUDED.supervisor_nip")

_UNITS = ("INSERT INTO units (code, name, parent_code)"
          f" SELECT d->>'code', d->>'name', d->>'parent_code' FROM {EVENT_ROWS} ORDER BY e.n"
          " ON CONFLICT (code) DO NOTHING")

_SUPERVISOR_ASSESSMENTS = (
    "INSERT INTO supervisor_assessments (nip, period_id, submission, unit_code, position_code,"
    " ratings, event_id, submitted_at, predikat) SELECT d->>'nip', d->>'period_id',"
    " (d->>'submission')::int, d->>'unit_code', d->>'position_code', d->'ratings', id, at,"
    f" d->>'predikat' FROM {EVENT_ROWS} ORDER BY e.n"
    " ON CONFLICT (nip, period_id) DO UPDATE SET submission = EXCLUDED.submission,"
    " unit_code = EXCLUDED.unit_code, position_code = EXCLUDED.position_code,"
    " ratings = EXCLUDED.ratings, event_id = EXCLUDED.event_id,"
    " submitted_at = EXCLUDED.submitted_at, predikat = EXCLUDED.predikat"
    " WHERE supervisor_assessments.submission <= EXCLUDED.submission")


# Employees as registered or updated (``handlers.employee_changed``)
employees_changed = written(_EMPLOYEES, "nip")


# Units of the agency (``handlers.unit_registered``)
units_registered = written(_UNITS, "code")


def assessments_submitted(conn: psycopg.Connection, events: list[Event]) -> None:
    """The supervisor's latest submission per period (``handlers.assessment_submitted``)."""
    supervisors = [e for e in events if e.data["role"] == "supervisor"]
    for piece in without_repeats(supervisors, row_key("nip", "period_id")):
        conn.execute(_SUPERVISOR_ASSESSMENTS, event_rows(piece))


BATCH_HANDLERS = {
    "assessment.EmployeeRegistered.v1": employees_changed,
    "assessment.EmployeeUpdated.v1": employees_changed,
    "assessment.UnitRegistered.v1": units_registered,
    "assessment.AssessmentSubmitted.v1": assessments_submitted,
}

# Each lane's types write tables no other lane's write, and read none (shared.projecting).
LANES = {
    "assessment.EmployeeRegistered.v1": "employees",
    "assessment.EmployeeUpdated.v1": "employees",
    "assessment.UnitRegistered.v1": "units",
    "assessment.AssessmentSubmitted.v1": "supervisor_assessments",
}

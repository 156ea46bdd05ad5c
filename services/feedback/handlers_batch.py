"""Batch handlers of the assessment events feedback keeps (shared/projecting.py): a run of
registrations, units or submissions in a few statements, with the rows and values the handlers
of ``handlers`` would write one event at a time (a replay's consumed records)."""
from __future__ import annotations

import psycopg

from services.feedback.handlers import submission_row
from shared.envelope import Event
from shared.projecting import EVENT_ROWS, event_rows, row_key, without_repeats, written

_EMPLOYEES = (
    "INSERT INTO employees (nip, name, position_code, unit_code, supervisor_nip, updated_at)"
    " SELECT d->>'nip', d->>'name', d->>'position_code', d->>'unit_code', d->>'supervisor_nip',"
    f" at FROM {EVENT_ROWS} ORDER BY e.n ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name,"
    " position_code = EXCLUDED.position_code, unit_code = EXCLUDED.unit_code,"
    " supervisor_nip = EXCLUDED.supervisor_nip, updated_at = EXCLUDED.updated_at")

_UNITS = ("INSERT INTO units (code, name, parent_code)"
          f" SELECT d->>'code', d->>'name', d->>'parent_code' FROM {EVENT_ROWS} ORDER BY e.n"
          " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,"
          " parent_code = EXCLUDED.parent_code")

# The documents are ``submission_row``'s rows: the levels and required levels by competency.
_SUBMISSIONS = (
    "INSERT INTO submissions (period_id, nip, role, submission, assessor_nip, unit_code,"
    " position_code, levels, required, work_result, work_behaviour, status, submitted_at)"
    " SELECT d->>'period_id', d->>'nip', d->>'role', (d->>'submission')::int, d->>'assessor_nip',"
    " d->>'unit_code', d->>'position_code', d->'levels', d->'required', d->>'work_result',"
    f" d->>'work_behaviour', 'submitted', at FROM {EVENT_ROWS} ORDER BY e.n"
    " ON CONFLICT (period_id, nip, role) DO UPDATE SET submission = EXCLUDED.submission,"
    " assessor_nip = EXCLUDED.assessor_nip, unit_code = EXCLUDED.unit_code,"
    " position_code = EXCLUDED.position_code, levels = EXCLUDED.levels,"
    " required = EXCLUDED.required, work_result = EXCLUDED.work_result,"
    " work_behaviour = EXCLUDED.work_behaviour, status = 'submitted',"
    " submitted_at = EXCLUDED.submitted_at WHERE submissions.submission < EXCLUDED.submission")


# Employees as registered or updated (``handlers.employee_changed``)
employees_changed = written(_EMPLOYEES, "nip")


# Units of the agency (``handlers.unit_registered``)
units_registered = written(_UNITS, "code")


def assessments_submitted(conn: psycopg.Connection, events: list[Event]) -> None:
    """The latest submission of each side (``handlers.assessment_submitted``)."""
    for piece in without_repeats(events, row_key("period_id", "nip", "role")):
        conn.execute(_SUBMISSIONS, event_rows(piece, (submission_row(e.data) for e in piece)))


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
    "assessment.AssessmentSubmitted.v1": "submissions",
}

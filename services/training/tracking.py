"""Commands on assignments: start, complete, cancel; completion reports of self-paced learning.

Load -> decide (domain.transition) -> record, in the caller's transaction. An assignment's events
form the stream ``assignment-<id>``; a completion report's, ``report-<id>``.
"""
from __future__ import annotations

import uuid
from datetime import date

import psycopg

from services.training import domain
from services.training.catalogue import programme
from shared.envelope import Event, NewEvent
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from shared.service import record
from shared.clock import agency_today


def _service():
    from services.training.definition import SERVICE
    return SERVICE


def assignment(conn: psycopg.Connection, assignment_id: str, lock: bool = False) -> dict:
    row = conn.execute("SELECT * FROM assignments WHERE assignment_id = %s"
                       + (" FOR UPDATE" if lock else ""), (assignment_id,)).fetchone()
    if row is None:
        raise NotFound("unknown_assignment", f"no assignment {assignment_id}")
    return row


def _decide(row: dict, action: str) -> None:
    try:
        domain.transition(row["status"], action)
    except domain.TransitionRefused as exc:
        raise Conflict(exc.code, str(exc), state=row["status"]) from None


def _not_future(day: date, field: str) -> None:
    if day > agency_today():
        raise Invalid("date_in_future", f"{field} is after today", field=field)


def _record(conn, row: dict, ce_type: str, data: dict) -> Event:
    return record(conn, _service(), f"assignment-{row['assignment_id']}", row["version"],
                  [NewEvent(f"training.{ce_type}.v1", row["nip"],
                            {"assignment_id": row["assignment_id"], "nip": row["nip"], **data})])[0]


def start(conn: psycopg.Connection, assignment_id: str, started_on: date) -> Event:
    """The employee began the programme (assigned -> in progress)."""
    row = assignment(conn, assignment_id, lock=True)
    _decide(row, "start")
    _not_future(started_on, "started_on")
    return _record(conn, row, "TrainingStarted", {"started_on": started_on.isoformat()})


def complete(conn: psycopg.Connection, assignment_id: str, completed_on: date,
             certificate_number: str, jp: int | None) -> Event:
    """A training admin records the completion with its evidence; JP default to the programme's."""
    row = assignment(conn, assignment_id, lock=True)
    _decide(row, "complete")
    _not_future(completed_on, "completed_on")
    return record(conn, _service(), f"assignment-{assignment_id}", row["version"], [NewEvent(
        "training.TrainingCompleted.v1", row["nip"],
        {"nip": row["nip"], "assignment_id": assignment_id, "report_id": None,
         "programme_code": row["programme_code"], "completed_on": completed_on.isoformat(),
         "jp": jp or row["jp"], "certificate_number": certificate_number})])[0]


def cancel(conn: psycopg.Connection, assignment_id: str, note: str) -> Event:
    """A training admin cancels an open assignment."""
    row = assignment(conn, assignment_id, lock=True)
    _decide(row, "cancel")
    return _record(conn, row, "TrainingCancelled", {"reason": "admin", "note": note})


def report(conn: psycopg.Connection, nip: str, programme_code: str, completed_on: date,
           certificate_number: str, assignment_id: str | None) -> Event:
    """An employee reports finishing a programme they were assigned, or self-paced (nonklasikal)
    learning of their own; a training admin verifies it."""
    prog = programme(conn, programme_code)
    _not_future(completed_on, "completed_on")
    if assignment_id is None:
        open_row = conn.execute(
            "SELECT assignment_id FROM assignments WHERE nip = %s AND programme_code = %s"
            " AND status IN ('assigned', 'in_progress') ORDER BY assigned_at LIMIT 1",
            (nip, programme_code)).fetchone()
        assignment_id = open_row["assignment_id"] if open_row else None
    else:
        row = assignment(conn, assignment_id)
        if row["nip"] != nip:
            raise Forbidden("not_your_assignment", f"{assignment_id} is not yours")
        if row["programme_code"] != programme_code:
            raise Invalid("wrong_programme", f"{assignment_id} is for {row['programme_code']}")
        _decide(row, "report")
    # Learning nobody assigned counts only when self-paced: classical training is assigned first.
    if assignment_id is None and (prog["form"] != "nonklasikal"
                                  or prog["kind"] in domain.GUIDANCE_KINDS):
        raise Invalid("not_self_paced", f"{programme_code} is not self-paced learning")
    if assignment_id and conn.execute(
            "SELECT 1 FROM completion_reports WHERE assignment_id = %s AND status = 'pending'",
            (assignment_id,)).fetchone():
        raise Conflict("already_reported", f"{assignment_id} already has a report to verify")
    report_id = str(uuid.uuid4())
    return record(conn, _service(), f"report-{report_id}", 0, [NewEvent(
        "training.CompletionReported.v1", nip,
        {"report_id": report_id, "nip": nip, "programme_code": programme_code,
         "assignment_id": assignment_id, "completed_on": completed_on.isoformat(),
         "jp": prog["jp"], "certificate_number": certificate_number})])[0]


def _pending_report(conn: psycopg.Connection, report_id: str) -> dict:
    """The report, locked; refused unless it still waits for a decision."""
    rep = conn.execute("SELECT * FROM completion_reports WHERE report_id = %s FOR UPDATE",
                       (report_id,)).fetchone()
    if rep is None:
        raise NotFound("unknown_report", f"no completion report {report_id}")
    if rep["status"] != "pending":
        raise Conflict(f"report_{rep['status']}", f"{report_id} is already {rep['status']}",
                       state=rep["status"])
    return rep


def verify(conn: psycopg.Connection, report_id: str) -> Event:
    """A training admin verifies a report: that records the completion (TrainingCompleted)."""
    rep = _pending_report(conn, report_id)
    stream, version = f"report-{report_id}", rep["version"]
    if rep["assignment_id"]:
        row = assignment(conn, rep["assignment_id"], lock=True)
        _decide(row, "complete")
        stream, version = f"assignment-{row['assignment_id']}", row["version"]
    return record(conn, _service(), stream, version, [NewEvent(
        "training.TrainingCompleted.v1", rep["nip"],
        {"nip": rep["nip"], "assignment_id": rep["assignment_id"], "report_id": report_id,
         "programme_code": rep["programme_code"], "completed_on": rep["completed_on"].isoformat(),
         "jp": rep["jp"], "certificate_number": rep["certificate_number"]})])[0]


def reject(conn: psycopg.Connection, report_id: str, reason: str) -> Event:
    """A training admin rejects a pending report with a reason: nothing counts, the assignment
    stays as it was, and the employee may report again."""
    rep = _pending_report(conn, report_id)
    return record(conn, _service(), f"report-{report_id}", rep["version"], [NewEvent(
        "training.CompletionRejected.v1", rep["nip"],
        {"report_id": report_id, "nip": rep["nip"], "programme_code": rep["programme_code"],
         "assignment_id": rep["assignment_id"], "reason": reason})])[0]

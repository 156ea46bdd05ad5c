"""Decisions on assignments and completion reports (pure): start, complete, cancel, report,
verify, reject. Each takes the state loaded through the store and returns the event to record, or
raises the refusal."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.training import domain
from services.training.domain import Programme
from services.training.domain_events import (
    CompletionRejected, CompletionReported, TrainingCancelled, TrainingCompleted, TrainingStarted)
from shared.errors import Conflict, Forbidden, Invalid, NotFound


@dataclass(frozen=True)
class Assignment:
    """An assignment as its commands see it; ``pending_report``: a report of it awaits a decision."""

    assignment_id: str
    nip: str
    programme_code: str
    competency: str
    jp: int
    year: int
    status: str
    version: int
    reason_kind: str
    period_id: str
    comparison: int | None
    pending_report: bool = False


@dataclass(frozen=True)
class Report:
    """An employee's completion report, to be verified or rejected by a training admin."""

    report_id: str
    nip: str
    programme_code: str
    assignment_id: str | None
    completed_on: date
    jp: int
    certificate_number: str
    status: str
    version: int


def known(assignment: Assignment | None, assignment_id: str) -> Assignment:
    """The assignment, or NotFound."""
    if assignment is None:
        raise NotFound("unknown_assignment", f"no assignment {assignment_id}")
    return assignment


def not_future(day: date, today: date, field: str) -> None:
    """A training cannot have started or ended after today (the agency's today)."""
    if day > today:
        raise Invalid("date_in_future", f"{field} is after today", field=field)


def start(a: Assignment | None, assignment_id: str, started_on: date, today: date,
          by: str | None) -> TrainingStarted:
    """The programme began; ``by``: the employee starting their own (None for a training admin)."""
    a = known(a, assignment_id)
    if by is not None and a.nip != by:
        raise Forbidden("not_your_assignment", f"{assignment_id} is not yours")
    domain.transition(a.status, "start")
    not_future(started_on, today, "started_on")
    return TrainingStarted(a.assignment_id, a.nip, started_on.isoformat())


def complete(a: Assignment | None, assignment_id: str, completed_on: date, today: date,
             certificate_number: str, jp: int | None) -> TrainingCompleted:
    """A training admin records the completion with its evidence; JP default to the programme's."""
    a = known(a, assignment_id)
    domain.transition(a.status, "complete")
    not_future(completed_on, today, "completed_on")
    return TrainingCompleted(a.nip, a.assignment_id, None, a.programme_code,
                             completed_on.isoformat(), jp or a.jp, certificate_number)


def cancel(a: Assignment | None, assignment_id: str, note: str) -> TrainingCancelled:
    """A training admin cancels an open assignment."""
    a = known(a, assignment_id)
    domain.transition(a.status, "cancel")
    return TrainingCancelled(a.assignment_id, a.nip, "admin", note)


@dataclass(frozen=True)
class Reporting:
    """An employee's report as asked: what they finished, when, with which certificate."""

    report_id: str
    nip: str
    programme_code: str
    completed_on: date
    certificate_number: str
    assignment_id: str | None


def report(r: Reporting, programme: Programme | None, assignments: list[Assignment],
           today: date) -> CompletionReported:
    """The report of an assigned programme (the one named, else the employee's oldest open one of
    that programme: ``assignments``, in the order they were made), or of self-paced learning."""
    if programme is None:
        raise NotFound("unknown_programme", f"no programme {r.programme_code}")
    not_future(r.completed_on, today, "completed_on")
    if r.assignment_id is None:
        named = next((a for a in assignments if a.status in domain.OPEN), None)
    else:
        named = _reportable(known(next(iter(assignments), None), r.assignment_id), r)
    # Learning nobody assigned counts only when self-paced: classical training is assigned first.
    if named is None and (programme.form != "nonklasikal"
                          or programme.kind in domain.GUIDANCE_KINDS):
        raise Invalid("not_self_paced", f"{r.programme_code} is not self-paced learning")
    if named is not None and named.pending_report:
        raise Conflict("already_reported", f"{named.assignment_id} already has a report to verify")
    return CompletionReported(r.report_id, r.nip, r.programme_code,
                              named.assignment_id if named else None, r.completed_on.isoformat(),
                              programme.jp, r.certificate_number)


def _reportable(a: Assignment, r: Reporting) -> Assignment:
    if a.nip != r.nip:
        raise Forbidden("not_your_assignment", f"{a.assignment_id} is not yours")
    if a.programme_code != r.programme_code:
        raise Invalid("wrong_programme", f"{a.assignment_id} is for {a.programme_code}")
    domain.transition(a.status, "report")
    return a


def pending(rep: Report | None, report_id: str) -> Report:
    """The report, refused unless it still waits for a decision."""
    if rep is None:
        raise NotFound("unknown_report", f"no completion report {report_id}")
    if rep.status != "pending":
        raise Conflict(f"report_{rep.status}", f"{report_id} is already {rep.status}",
                       state=rep.status)
    return rep


def verify(rep: Report | None, report_id: str, a: Assignment | None) -> TrainingCompleted:
    """Verifying a report records the completion (on its assignment, if it names one)."""
    rep = pending(rep, report_id)
    if rep.assignment_id:
        domain.transition(known(a, rep.assignment_id).status, "complete")
    return TrainingCompleted(rep.nip, rep.assignment_id, report_id, rep.programme_code,
                             rep.completed_on.isoformat(), rep.jp, rep.certificate_number)


def reject(rep: Report | None, report_id: str, reason: str) -> CompletionRejected:
    """A rejected report counts for nothing; the assignment stays as it was."""
    rep = pending(rep, report_id)
    return CompletionRejected(report_id, rep.nip, rep.programme_code, rep.assignment_id, reason)

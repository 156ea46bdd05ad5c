"""Commands on assignments: start, complete, cancel; completion reports, verified or rejected.

Load (through the store) -> decide (``domain_tracking``) -> record, in the caller's transaction.
An assignment's events form the stream ``assignment-<id>``; a completion report's, ``report-<id>``.
"""
from __future__ import annotations

import uuid
from datetime import date

from services.training import domain_tracking as decide
from services.training.domain_tracking import Reporting
from services.training.wiring import Context
from shared.envelope import Event


def start(ctx: Context, assignment_id: str, started_on: date, by: str | None = None) -> Event:
    """The programme began: recorded by a training admin, or by the employee ``by`` for their own."""
    a = ctx.store.assignment(assignment_id, lock=True)
    decision = decide.start(a, assignment_id, started_on, ctx.today(), by)
    return ctx.record(decision, a.version)


def complete(ctx: Context, assignment_id: str, completed_on: date, certificate_number: str,
             jp: int | None) -> Event:
    """A training admin records the completion with its evidence; JP default to the programme's."""
    a = ctx.store.assignment(assignment_id, lock=True)
    decision = decide.complete(a, assignment_id, completed_on, ctx.today(), certificate_number, jp)
    return ctx.record(decision, a.version)


def cancel(ctx: Context, assignment_id: str, note: str) -> Event:
    """A training admin cancels an open assignment."""
    a = ctx.store.assignment(assignment_id, lock=True)
    return ctx.record(decide.cancel(a, assignment_id, note), a.version)


def report(ctx: Context, nip: str, programme_code: str, completed_on: date,
           certificate_number: str, assignment_id: str | None) -> Event:
    """An employee reports finishing a programme they were assigned, or self-paced (nonklasikal)
    learning of their own; a training admin verifies it."""
    asked = Reporting(str(uuid.uuid4()), nip, programme_code, completed_on, certificate_number,
                      assignment_id)
    programme = ctx.store.programme(programme_code)
    if assignment_id is None:
        assignments = ctx.store.assignments_of(nip, programme_code)
    else:
        assignments = [a for a in [ctx.store.assignment(assignment_id)] if a is not None]
    return ctx.record(decide.report(asked, programme, assignments, ctx.today()))


def verify(ctx: Context, report_id: str) -> Event:
    """A training admin verifies a report: that records the completion (TrainingCompleted)."""
    rep = ctx.store.report(report_id, lock=True)
    a = ctx.store.assignment(rep.assignment_id, lock=True) if rep and rep.assignment_id else None
    decision = decide.verify(rep, report_id, a)
    return ctx.record(decision, a.version if a else rep.version)


def reject(ctx: Context, report_id: str, reason: str) -> Event:
    """A training admin rejects a pending report with a reason: nothing counts, the assignment
    stays as it was, and the employee may report again."""
    rep = ctx.store.report(report_id, lock=True)
    return ctx.record(decide.reject(rep, report_id, reason), rep.version)

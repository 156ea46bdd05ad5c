"""The tracking commands on both store adapters: start, report, complete and verify, reject,
cancel, each with its refusals."""
from __future__ import annotations

from datetime import timedelta

import pytest

from services.training import tracking
from services.training.domain_events import decided_id
from services.training.reactors import react_to_assessment
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.integration.training.adapters import TODAY
from tests.integration.training.conftest import ORG, submitted
from tests.support import people

NIP = people.EMPLOYEE
TOMORROW = TODAY + timedelta(days=1)


def assigned(store) -> str:
    """The employee's M.03 gap assigned (PLT-PUBLIC-SPEAKING, 20 JP): its id."""
    store.given(*ORG)
    boss = submitted(levels={"M.03": 2})
    react_to_assessment(store.ctx, boss)
    return decided_id(str(boss.id), "M.03")


def refused(kind, code: str, call, *args) -> None:
    with pytest.raises(kind) as refusal:
        call(*args)
    assert refusal.value.code == code


def test_start_and_its_refusals(store):
    assignment_id = assigned(store)
    ctx = store.ctx
    refused(NotFound, "unknown_assignment", tracking.start, ctx, "nope", TODAY, NIP)
    refused(Forbidden, "not_your_assignment", tracking.start, ctx, assignment_id, TODAY, people.PEER)
    refused(Invalid, "date_in_future", tracking.start, ctx, assignment_id, TOMORROW, NIP)
    started = tracking.start(ctx, assignment_id, TODAY, NIP)
    assert (started.type, started.stream_id, started.version) == (
        "training.TrainingStarted.v1", f"assignment-{assignment_id}", 2)
    assert store.recorded()[-1]["data"] == {"assignment_id": assignment_id, "nip": NIP,
                                            "started_on": TODAY.isoformat()}
    assert ctx.store.assignment(assignment_id).status == "in_progress"
    refused(Conflict, "invalid_transition", tracking.start, ctx, assignment_id, TODAY, None)


def test_an_admin_completes_with_the_programmes_jp_by_default_then_it_is_closed(store):
    assignment_id = assigned(store)
    ctx = store.ctx
    refused(Invalid, "date_in_future", tracking.complete, ctx, assignment_id, TOMORROW, "C-1", None)
    tracking.complete(ctx, assignment_id, TODAY, "C-1", None)
    assert store.recorded()[-1]["data"] == {
        "nip": NIP, "assignment_id": assignment_id, "report_id": None,
        "programme_code": "PLT-PUBLIC-SPEAKING", "completed_on": TODAY.isoformat(), "jp": 20,
        "certificate_number": "C-1"}
    assert ctx.store.assignment(assignment_id).status == "completed"
    refused(Conflict, "assignment_closed", tracking.cancel, ctx, assignment_id, "late")
    refused(Conflict, "assignment_closed", tracking.report, ctx, NIP, "PLT-PUBLIC-SPEAKING",
            TODAY, "C-2", assignment_id)


def test_a_report_of_the_open_assignment_verified_completes_it(store):
    assignment_id = assigned(store)
    ctx = store.ctx
    reported = tracking.report(ctx, NIP, "PLT-PUBLIC-SPEAKING", TODAY, "C-9", None)
    report_id = reported.data["report_id"]
    assert (reported.stream_id, reported.data["assignment_id"], reported.data["jp"]) == (
        f"report-{report_id}", assignment_id, 20)
    assert ctx.store.assignment(assignment_id).pending_report
    refused(Conflict, "already_reported", tracking.report, ctx, NIP, "PLT-PUBLIC-SPEAKING",
            TODAY, "C-9", assignment_id)
    verified = tracking.verify(ctx, report_id)
    assert (verified.stream_id, verified.version) == (f"assignment-{assignment_id}", 2)
    assert verified.data["report_id"] == report_id and verified.data["completed_on"] == TODAY.isoformat()
    assert ctx.store.report(report_id).status == "verified"
    assert ctx.store.assignment(assignment_id).status == "completed"
    refused(Conflict, "report_verified", tracking.verify, ctx, report_id)
    refused(NotFound, "unknown_report", tracking.verify, ctx, "nope")


def test_self_paced_learning_is_reported_on_its_own_and_can_be_rejected(store):
    assignment_id = assigned(store)
    ctx = store.ctx
    refused(NotFound, "unknown_programme", tracking.report, ctx, NIP, "NOPE", TODAY, "C", None)
    refused(Invalid, "not_self_paced", tracking.report, ctx, NIP, "PLT-KOMUNIKASI-EFEKTIF",
            TODAY, "C", None)
    refused(Invalid, "not_self_paced", tracking.report, ctx, NIP, "COACH-M03", TODAY, "C", None)
    refused(Forbidden, "not_your_assignment", tracking.report, ctx, people.PEER,
            "PLT-PUBLIC-SPEAKING", TODAY, "C", assignment_id)
    refused(Invalid, "wrong_programme", tracking.report, ctx, NIP, "EL-NASKAH-DINAS", TODAY, "C",
            assignment_id)
    reported = tracking.report(ctx, NIP, "EL-NASKAH-DINAS", TODAY, "EL-1", None)
    report_id = reported.data["report_id"]
    assert reported.data["assignment_id"] is None and reported.data["jp"] == 10
    rejected = tracking.reject(ctx, report_id, "the certificate names someone else")
    assert (rejected.stream_id, rejected.version) == (f"report-{report_id}", 2)
    assert store.recorded()[-1]["data"] == {
        "report_id": report_id, "nip": NIP, "programme_code": "EL-NASKAH-DINAS",
        "assignment_id": None, "reason": "the certificate names someone else"}
    assert ctx.store.report(report_id).status == "rejected"
    refused(Conflict, "report_rejected", tracking.reject, ctx, report_id, "again")
    again = tracking.report(ctx, NIP, "EL-NASKAH-DINAS", TODAY, "EL-1", None)
    assert tracking.verify(ctx, again.data["report_id"]).stream_id == f"report-{again.data['report_id']}"


def test_an_admin_cancels_an_open_assignment_and_nothing_follows(store):
    assignment_id = assigned(store)
    ctx = store.ctx
    tracking.cancel(ctx, assignment_id, "left the agency")
    assert store.recorded()[-1]["data"] == {"assignment_id": assignment_id, "nip": NIP,
                                            "reason": "admin", "note": "left the agency"}
    assert ctx.store.assignment(assignment_id).status == "cancelled"
    refused(Conflict, "assignment_closed", tracking.start, ctx, assignment_id, TODAY, NIP)
    refused(NotFound, "unknown_assignment", tracking.cancel, ctx, "nope", "x")

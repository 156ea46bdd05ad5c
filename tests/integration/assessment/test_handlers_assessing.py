"""The assessing handlers (draft, submit, reopen) on both store adapters: the same bodies run on
the in-memory store and on PostgreSQL (fixture ``store``)."""
from __future__ import annotations

import pytest

from services.assessment import assessing, domain
from services.assessment import domain_periods
from shared.errors import Conflict, Forbidden, Invalid, NotFound
from tests.integration.assessment.handlers import organisation
from tests.support import people

SUBMITTED = "assessment.AssessmentSubmitted.v1"
ANALIS = ("M.01", "M.02", "SK.01")  # the ANALIS standard, each required at level 2


def form(caller=people.EMPLOYEE, nip=people.EMPLOYEE, role="self", codes=ANALIS, level=3,
         work_result="SESUAI", work_behaviour="SESUAI", period=people.PERIOD):
    ratings = [{"competency": c, "level": level, "evidence": f"Bukti {c}", "comment": ""}
               for c in codes]
    return assessing.form(caller, period, nip, role, {"ratings": ratings, "work_result": work_result,
                                                      "work_behaviour": work_behaviour})


def test_a_draft_is_kept_and_records_nothing(store):
    store.given(*organisation())
    assessing.save_draft(store.context, form(codes=("M.01",), work_result=None))
    assert store.recorded() == []
    assert store.store.situation(people.PERIOD, people.EMPLOYEE, "self").has_draft


def test_a_draft_still_refuses_an_unknown_competency(store):
    store.given(*organisation())
    with pytest.raises(Invalid) as refused:
        assessing.save_draft(store.context, form(codes=("M.01", "X.99")))
    assert refused.value.code == "unknown_competency"


def test_a_complete_self_assessment_is_submitted_and_its_draft_dropped(store):
    store.given(*organisation())
    assessing.save_draft(store.context, form(codes=("M.01",)))
    event = assessing.submit(store.context, form())
    assert event.data["submission"] == 1
    [(ce_type, subject, data)] = store.recorded()
    assert (ce_type, subject) == (SUBMITTED, people.EMPLOYEE)
    assert data == {
        "period_id": people.PERIOD, "nip": people.EMPLOYEE, "role": "self",
        "assessor_nip": people.EMPLOYEE, "position_code": "ANALIS", "job_level": "AHLI_PERTAMA",
        "unit_code": "BKPSDM", "submission": 1, "work_result": "SESUAI",
        "work_behaviour": "SESUAI", "predikat": None,
        "ratings": [{"competency": c, "level": 3, "required_level": 2, "evidence": f"Bukti {c}",
                     "comment": ""} for c in ANALIS]}
    situation = store.store.situation(people.PERIOD, people.EMPLOYEE, "self")
    assert situation.state == domain.AssessmentState(1, domain.SUBMITTED, 1)
    assert not situation.has_draft


def test_an_incomplete_submission_names_everything_missing(store):
    store.given(*organisation())
    with pytest.raises(Invalid) as refused:
        assessing.submit(store.context, form(codes=("M.01",), work_behaviour=None))
    assert refused.value.code == "incomplete_assessment"
    assert refused.value.extra["missing"] == ["M.02", "SK.01", "work_behaviour"]
    assert store.recorded() == []


@pytest.mark.parametrize("submission, refusal, code", [
    # unknown employee first, whoever asks and whatever the period
    (dict(nip="199901012020121999", caller=people.PEER, period="2030-Q1"), NotFound,
     "unknown_employee"),
    # then not the assessor, even for an unknown period
    (dict(caller=people.PEER, period="2030-Q1"), Forbidden, "not_your_own"),
    (dict(role="supervisor", caller=people.HEAD), Forbidden, "not_your_report"),
    # then the period
    (dict(period="2030-Q1"), NotFound, "unknown_period"),
])
def test_refusals_come_in_order(store, submission, refusal, code):
    store.given(*organisation())
    with pytest.raises(refusal) as refused:
        assessing.submit(store.context, form(**submission))
    assert refused.value.code == code
    assert store.recorded() == []


def test_a_closed_period_takes_no_submission(store):
    store.given(*organisation(), domain_periods.AppraisalPeriodClosed(people.PERIOD))
    with pytest.raises(Conflict) as refused:
        assessing.submit(store.context, form())
    assert refused.value.code == "period_not_open"


def test_a_second_submission_is_refused(store):
    store.given(*organisation())
    assessing.submit(store.context, form())
    with pytest.raises(Conflict) as refused:
        assessing.submit(store.context, form(level=4))
    assert refused.value.code == "already_submitted"
    assert len(store.recorded()) == 1


def test_reopened_then_resubmitted_is_submission_two(store):
    store.given(*organisation())
    with pytest.raises(Conflict):
        assessing.reopen(store.context, people.HR, people.PERIOD, people.EMPLOYEE, "self", "early")
    assessing.submit(store.context, form())
    assessing.reopen(store.context, people.HR, people.PERIOD, people.EMPLOYEE, "self", "typo")
    assert store.store.assessment_state(people.PERIOD, people.EMPLOYEE, "self").status == \
        domain.REOPENED
    again = assessing.submit(store.context, form(level=4))
    assert again.data["submission"] == 2
    assert [(t.split(".")[1], d.get("reason")) for t, _, d in store.recorded()] == [
        ("AssessmentSubmitted", None), ("AssessmentReopened", "typo"), ("AssessmentSubmitted", None)]
    assert store.recorded()[1][2] == {"period_id": people.PERIOD, "nip": people.EMPLOYEE,
                                      "role": "self", "reason": "typo", "reopened_by": people.HR}
    assert store.store.assessment_state(people.PERIOD, people.EMPLOYEE, "self") == \
        domain.AssessmentState(3, domain.SUBMITTED, 2)


@pytest.mark.parametrize("work_result, work_behaviour, predikat", [
    ("DI_ATAS", "DI_ATAS", "SANGAT_BAIK"), ("DI_BAWAH", "SESUAI", "BUTUH_PERBAIKAN")])
def test_the_supervisors_submission_carries_the_predikat(store, work_result, work_behaviour,
                                                          predikat):
    store.given(*organisation())
    assessing.submit(store.context, form(caller=people.SUPERVISOR, role="supervisor",
                                         work_result=work_result, work_behaviour=work_behaviour))
    [(_, _, data)] = store.recorded()
    assert (data["role"], data["assessor_nip"], data["predikat"]) == (
        "supervisor", people.SUPERVISOR, predikat)

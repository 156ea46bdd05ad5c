"""Idempotency-Key: a retried POST makes its event once and gets the first response back."""
from __future__ import annotations

import threading

from tests.support import people
from tests.support.people import PERIOD, assessment

SELF = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/self/submission"


def test_a_retry_replays_the_first_response_and_records_nothing_more(org):
    employee = org.caller(people.EMPLOYEE, "employee")
    key = {"Idempotency-Key": "5f0c7a52-retry-1"}
    first = employee.post(SELF, json=assessment(), headers=key)
    again = employee.post(SELF, json=assessment(), headers=key)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(org.events("AssessmentSubmitted")) == 1
    # Without the key the same request is a second submission, refused.
    assert employee.post(SELF, json=assessment()).status_code == 409


def test_a_key_reused_for_another_request_is_refused(org):
    employee = org.caller(people.EMPLOYEE, "employee")
    key = {"Idempotency-Key": "k-1"}
    assert employee.post(SELF, json=assessment(), headers=key).status_code == 201
    r = employee.post(SELF, json=assessment(4), headers=key)
    assert r.status_code == 422 and r.get_json()["code"] == "idempotency_key_reused"


def test_keys_belong_to_their_caller(org):
    hr = org.caller(people.HR, "hr_admin")
    other_hr = org.caller(people.AUDITOR, "hr_admin")
    key = {"Idempotency-Key": "same-key"}
    assert hr.post("/units", json={"code": "U1", "name": "Satu"}, headers=key).status_code == 201
    assert other_hr.post("/units", json={"code": "U2", "name": "Dua"}, headers=key).status_code == 201
    assert len(org.events("UnitRegistered")) == 3 + 2


def test_a_failed_request_leaves_the_key_free(org):
    employee = org.caller(people.EMPLOYEE, "employee")
    key = {"Idempotency-Key": "k-2"}
    assert employee.post(SELF, json={"ratings": []}, headers=key).status_code == 422
    assert employee.post(SELF, json={"ratings": []}, headers=key).status_code == 422
    body = assessment()
    assert employee.post(SELF, json=body, headers={"Idempotency-Key": "k-3"}).status_code == 201


def test_racing_duplicates_make_one_event(org):
    key = {"Idempotency-Key": "race-1"}
    results = []

    def send():
        results.append(org.caller(people.EMPLOYEE, "employee").post(SELF, json=assessment(),
                                                                     headers=key))
    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.status_code for r in results) == [201] * 4
    assert len({r.get_data() for r in results}) == 1
    assert len(org.events("AssessmentSubmitted")) == 1


def test_an_unusable_key_is_refused(org):
    r = org.caller(people.EMPLOYEE, "employee").post(SELF, json=assessment(),
                                                     headers={"Idempotency-Key": "x" * 201})
    assert r.status_code == 422 and r.get_json()["code"] == "bad_idempotency_key"

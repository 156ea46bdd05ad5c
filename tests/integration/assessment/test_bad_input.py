"""Bad input gets a clear 4xx (problem+json, a stable code) and changes nothing."""
from __future__ import annotations

from datetime import date

import pytest

from tests.support import people
from tests.support.people import PERIOD, assessment

ONE = f"/periods/{PERIOD}/assessments"
SELF = f"{ONE}/{people.EMPLOYEE}/self/submission"
BOSS = f"{ONE}/{people.EMPLOYEE}/supervisor/submission"


def with_rating(**change):
    body = assessment()
    body["ratings"][0] = {**body["ratings"][0], **change}
    return body


def dropped(code):
    body = assessment()
    body["ratings"] = [r for r in body["ratings"] if r["competency"] != code]
    return body


def doubled():
    body = assessment()
    body["ratings"].append(dict(body["ratings"][0]))
    return body


CASES = [
    # (who, method, path, body, status, code)
    ("hr", "post", "/employees", {"nip": "12345", "name": "X", "position_code": "ANALIS",
                                  "unit_code": "BKPSDM"}, 422, "validation_failed"),
    ("hr", "post", "/employees", {"nip": "199013012020121001", "name": "X",
                                  "position_code": "ANALIS", "unit_code": "BKPSDM"}, 422,
     "invalid_nip"),
    ("hr", "post", "/employees", {"nip": people.EMPLOYEE, "name": "X", "position_code": "ANALIS",
                                  "unit_code": "BKPSDM"}, 409, "employee_exists"),
    ("hr", "post", "/employees", {"nip": "199505052020122001", "name": "X",
                                  "position_code": "NOPE", "unit_code": "BKPSDM"}, 422,
     "unknown_position"),
    ("hr", "post", "/employees", {"nip": "199505052020122001", "name": "X",
                                  "position_code": "ANALIS", "unit_code": "BKPSDM",
                                  "supervisor_nip": "199505052020122002"}, 422, "unknown_supervisor"),
    ("hr", "patch", f"/employees/{people.HEAD}", {"supervisor_nip": people.EMPLOYEE}, 422,
     "reporting_cycle"),
    ("hr", "patch", f"/employees/{people.SUPERVISOR}", {"supervisor_nip": people.SUPERVISOR}, 422,
     "reporting_cycle"),
    ("hr", "patch", f"/employees/{people.SUPERVISOR}", {"grade": "IV/a"}, 422, "validation_failed"),
    ("hr", "patch", "/employees/199505052020122001", {"name": "X"}, 404, "unknown_employee"),
    ("hr", "put", "/positions/X", {"title": "X", "job_level": "MENTERI"}, 422, "unknown_job_level"),
    ("hr", "put", "/positions/X", {"title": "X", "job_level": "PELAKSANA",
                                   "standard": [{"competency": "M.99", "required_level": 2}]}, 422,
     "unknown_competency"),
    ("hr", "put", "/positions/X", {"title": "X", "job_level": "PELAKSANA",
                                   "standard": [{"competency": "M.01", "required_level": 6}]}, 422,
     "validation_failed"),
    ("hr", "post", "/competencies", {"code": "M.01", "name": {"id": "x", "en": "x"},
                                     "definition": {"id": "x", "en": "x"},
                                     "levels": [{"level": n, "title": {"id": "x", "en": "x"},
                                                 "indicators": ["x"]} for n in range(1, 6)]},
     409, "core_competency"),
    ("hr", "post", "/units", {"code": "X", "name": "X", "parent_code": "NOPE"}, 422, "unknown_unit"),
    ("hr", "post", "/units", {"code": "BKPSDM", "name": "Lagi"}, 409, "unit_exists"),
    ("hr", "post", "/units", {"code": "BARU\n", "name": "Baris baru"}, 422, "validation_failed"),
    ("hr", "post", "/periods", {"kind": "quarterly", "year": 2026, "quarter": 1}, 409,
     "period_exists"),
    ("hr", "post", "/periods", {"kind": "quarterly", "year": 2026}, 422, "bad_period"),
    ("hr", "post", "/periods/2031/close", None, 404, "unknown_period"),
    ("employee", "post", SELF, with_rating(level=6), 422, "validation_failed"),
    ("employee", "post", SELF, with_rating(level=0), 422, "validation_failed"),
    ("employee", "post", SELF, with_rating(competency="M.42"), 422, "unknown_competency"),
    ("employee", "post", SELF, dropped("SK.01"), 422, "incomplete_assessment"),
    ("employee", "post", SELF, doubled(), 422, "duplicate_competency"),
    ("employee", "post", SELF, {**assessment(), "work_result": "LUAR_BIASA"}, 422,
     "validation_failed"),
    ("employee", "post", SELF, {**assessment(), "work_result": None}, 422, "incomplete_assessment"),
    ("employee", "post", SELF, with_rating(evidence="x" * 2001), 422, "validation_failed"),
    ("employee", "post", SELF, with_rating(comment="x" * 1001), 422, "validation_failed"),
    ("employee", "post", SELF, {**assessment(), "score": 99}, 422, "validation_failed"),
    ("employee", "post", BOSS, assessment(), 403, "not_your_report"),
    ("peer", "post", SELF, assessment(), 403, "not_your_own"),
    ("outsider", "post", BOSS, assessment(), 403, "not_your_report"),
    ("employee", "post", f"{ONE}/199505052020122001/self/submission", assessment(), 404,
     "unknown_employee"),
    ("peer", "get", f"/employees/{people.EMPLOYEE}", None, 403, "not_allowed_to_read"),
    ("peer", "get", f"{ONE}/{people.EMPLOYEE}/self", None, 403, "not_allowed_to_read"),
]
CALLERS = {"hr": (people.HR, "hr_admin"), "employee": (people.EMPLOYEE, "employee"),
           "peer": (people.PEER, "employee"), "outsider": (people.OUTSIDER, "employee")}


@pytest.mark.parametrize("who, method, path, body, status, code", CASES,
                         ids=[f"{c[5]}:{c[2]}" for c in CASES])
def test_refused_with_a_clear_problem_and_nothing_changes(org, who, method, path, body, status, code):
    before = org.events()
    response = getattr(org.caller(*CALLERS[who]), method)(path, json=body)
    assert response.status_code == status, response.get_json()
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["code"] == code and problem["title"] and problem["status"] == status
    assert org.events() == before


def test_second_submission_and_closed_period_and_malformed_json(org):
    employee = org.caller(people.EMPLOYEE, "employee")
    assert employee.post(SELF, json=assessment()).status_code == 201
    before = org.events()
    assert employee.post(SELF, json=assessment(4)).get_json()["code"] == "already_submitted"
    r = employee.post(SELF, data='{"ratings": [', content_type="application/json")
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    r = employee.post(SELF, data="ratings=1", content_type="application/x-www-form-urlencoded")
    assert r.status_code in (415, 422)
    r = employee.post(SELF, data="x" * (2 * 1024 * 1024), content_type="application/json")
    assert r.status_code == 413
    org.caller(people.HR, "hr_admin").post(f"/periods/{PERIOD}/close")
    r = org.caller(people.SUPERVISOR, "employee").post(BOSS, json=assessment())
    assert r.status_code == 409 and r.get_json()["code"] == "period_not_open"
    assert len(org.events()) == len(before) + 1  # only the closing


def test_messages_are_in_english_on_request(org):
    r = org.caller(people.PEER, "employee").post(SELF, json=assessment(),
                                                 headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert r.get_json()["title"] == "Only the employee fills in their own self-assessment"
    assert r.headers["Content-Language"] == "en"


def _appointed_next_month() -> str:
    today = date.today()
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return f"19950505{year}{month:02d}1001"


def test_a_nip_appointed_after_today_is_refused_by_the_api_and_the_import(org):
    hr, before, nip = org.caller(people.HR, "hr_admin"), org.events(), _appointed_next_month()
    response = hr.post("/employees", json={"nip": nip, "name": "Calon Pegawai",
                                           "position_code": "ANALIS", "unit_code": "BKPSDM"})
    assert response.status_code == 422 and response.get_json()["code"] == "invalid_nip"
    assert "after today" in response.get_json()["detail"]
    csv = ("NIP_BARU,NAMA,JABATAN_ID,JABATAN_NAMA,JENJANG_JABATAN,UNOR_ID,UNOR_NAMA,UNOR_INDUK_ID,"
           f"NIP_ATASAN\n{nip},Calon Pegawai,ANALIS,Analis SDM,AHLI_PERTAMA,BKPSDM,Badan,,\n")
    response = hr.post("/imports/employees", data=csv, content_type="text/csv")
    assert response.status_code == 422
    assert [(r["row"], r["column"], r["code"]) for r in response.get_json()["rows"]] == [
        (2, "NIP_BARU", "invalid_nip")]
    assert org.events() == before


def test_a_submission_too_large_to_publish_is_refused_and_nothing_is_stored(org, monkeypatch):
    """Accepted means publishable: over ASN_MAX_EVENT_BYTES as a Kafka record, it is a 413."""
    monkeypatch.setenv("ASN_MAX_EVENT_BYTES", "4000")
    before = org.events()
    body = assessment()
    for rating in body["ratings"]:
        rating["evidence"] = "Bukti kerja " * 80  # under the field's 2000 characters
    r = org.caller(people.EMPLOYEE, "employee").post(SELF, json=body)
    assert r.status_code == 413 and r.mimetype == "application/problem+json"
    assert r.get_json()["code"] == "payload_too_large"
    assert "at most 4000 bytes can be published" in r.get_json()["detail"]
    assert org.events() == before

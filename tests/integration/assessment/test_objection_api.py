"""Objection (keberatan) over HTTP: the employee files with reasons, the official explains, the
superior sees both and changes the result, finally; HR follows the deadlines; refusals are
problem+json and change nothing; every caller is checked."""
from __future__ import annotations

import pytest

from tests.support import people
from tests.support.people import PERIOD, assessment

ONE = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/supervisor"


@pytest.fixture
def assessed(org):
    """Ayu's supervisor (Budi, whose superior is the head) rated her Baik."""
    r = org.caller(people.SUPERVISOR, "employee").post(f"{ONE}/submission", json=assessment())
    assert r.status_code == 201 and r.get_json()["predikat"] == "BAIK"
    return org


def test_an_objection_from_filing_to_a_final_decision(assessed, hr):
    org = assessed
    ayu, budi, head = (org.caller(nip, "employee")
                       for nip in (people.EMPLOYEE, people.SUPERVISOR, people.HEAD))
    r = ayu.post(f"{ONE}/objection", json={"reasons": "Semua target tercapai dengan bukti"})
    assert r.status_code == 201, r.get_json()
    filed = r.get_json()
    assert (filed["status"], filed["predikat"], filed["official_nip"], filed["superior_nip"],
            filed["superior_name"], filed["overdue"]) == (
        "filed", "BAIK", people.SUPERVISOR, people.HEAD, "Dr. Siti Rahmawati", False)
    assert [o["nip"] for o in head.get("/me/objections").get_json()] == [people.EMPLOYEE]
    assert [o["nip"] for o in budi.get("/me/objections").get_json()] == [people.EMPLOYEE]
    r = budi.post(f"{ONE}/objection/explanation", json={"explanation": "Dua bukti belum ada"})
    assert r.status_code == 200 and r.get_json()["status"] == "explained"
    both = head.get(f"{ONE}/objection").get_json()
    assert (both["reasons"], both["explanation"]) == ("Semua target tercapai dengan bukti",
                                                      "Dua bukti belum ada")
    r = head.post(f"{ONE}/objection/decision", json={
        "decision": "changed", "predikat": "SANGAT_BAIK", "reason": "Bukti diperiksa, lengkap"})
    assert r.status_code == 200, r.get_json()
    decided = r.get_json()
    assert (decided["status"], decided["decision"], decided["new_predikat"], decided["late"]) == (
        "decided", "changed", "SANGAT_BAIK", False)
    assert hr.get(f"{ONE}").get_json()["predikat"] == "SANGAT_BAIK"
    changes = ayu.get(f"{ONE}/predikat-changes").get_json()
    assert [(c["kind"], c["previous"], c["predikat"]) for c in changes] == [
        ("objection", "BAIK", "SANGAT_BAIK")]
    r = head.post(f"{ONE}/objection/decision", json={"decision": "upheld", "reason": "lagi"})
    assert (r.status_code, r.get_json()["code"]) == (409, "objection_decided")
    assert [o["status"] for o in hr.get("/objections?status=decided").get_json()] == ["decided"]
    assert hr.get("/objections?status=overdue").get_json() == []


@pytest.mark.parametrize("who, path, body, status, code", [
    (people.PEER, "objection", {"reasons": "x"}, 403, "not_your_own"),
    (people.EMPLOYEE, "objection", {"reasons": ""}, 422, "validation_failed"),
    (people.EMPLOYEE, "objection", {"reasons": "x" * 2001}, 422, "validation_failed"),
    (people.SUPERVISOR, "objection/explanation", {"explanation": "x"}, 404, "unknown_objection"),
    (people.HEAD, "objection/decision", {"decision": "maybe", "reason": "x"}, 422,
     "validation_failed"),
])
def test_bad_objections_are_refused_and_change_nothing(assessed, hr, who, path, body, status,
                                                       code):
    r = assessed.caller(who, "employee").post(f"{ONE}/{path}", json=body)
    assert (r.status_code, r.get_json()["code"]) == (status, code), r.get_json()
    assert r.mimetype == "application/problem+json"
    assert hr.get("/objections").get_json() == []


def test_only_the_people_of_an_objection_read_and_act_on_it(assessed, hr):
    org = assessed
    org.caller(people.EMPLOYEE, "employee").post(f"{ONE}/objection", json={"reasons": "x"})
    peer, outsider = org.caller(people.PEER, "employee"), org.caller(people.OUTSIDER, "employee")
    assert peer.get(f"{ONE}/objection").status_code == 403
    assert outsider.post(f"{ONE}/objection/decision", json={
        "decision": "upheld", "reason": "x"}).get_json()["code"] == "not_the_superior"
    assert org.caller(people.HEAD, "employee").post(f"{ONE}/objection/explanation", json={
        "explanation": "x"}).get_json()["code"] == "not_the_official"
    assert org.caller(people.AUDITOR, "auditor").get(f"{ONE}/objection").status_code == 200
    assert org.caller(people.EMPLOYEE, "employee").get("/objections").status_code == 403
    assert hr.get("/objections?status=later").status_code == 422
    assert hr.get(f"{ONE}/objection").get_json()["status"] == "filed"

"""Calibration over HTTP: HR opens a session for a unit, the appraising official changes a
predikat with a reason, the curve follows, the employee reads the change; every refusal is
problem+json and changes nothing; every caller is checked."""
from __future__ import annotations

import pytest

from services.assessment.definition import SERVICE
from shared.replay import replay
from tests.support import people
from tests.support.people import PERIOD, assessment

MUTASI = f"/periods/{PERIOD}/units/BKPSDM.MUTASI"
ONE = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/supervisor"
CHANGE = {"predikat": "BUTUH_PERBAIKAN", "reason": "Dua target utama tidak tercapai"}


def _assess(org, nip: str) -> None:
    boss = people.HEAD if nip == people.SUPERVISOR else people.SUPERVISOR
    r = org.caller(boss, "employee").post(
        f"/periods/{PERIOD}/assessments/{nip}/supervisor/submission", json=assessment())
    assert r.status_code == 201, r.get_json()


def test_a_calibration_changes_a_predikat_and_the_curve_follows(org, hr):
    assert hr.put(f"{MUTASI}/predicate", json={"predikat": "BAIK", "basis": "SK"}).status_code == 200
    for nip in (people.SUPERVISOR, people.EMPLOYEE, people.PEER):
        _assess(org, nip)
    assert hr.get(f"{MUTASI}/curve").get_json()["verdict"] == "broken"
    r = hr.post(f"{MUTASI}/calibration")
    assert r.status_code == 201, r.get_json()
    session = r.get_json()
    assert session["open_session"] == f"{PERIOD}-BKPSDM.MUTASI-1"
    assert [(p["nip"], p["predikat"]) for p in session["employees"]] == [
        (people.EMPLOYEE, "BAIK"), (people.SUPERVISOR, "BAIK"), (people.PEER, "BAIK")]
    boss = org.caller(people.SUPERVISOR, "employee")
    mine = boss.get("/me/calibration").get_json()
    assert [(m["nip"], m["predikat"], m["session_id"]) for m in mine] == [
        (people.EMPLOYEE, "BAIK", f"{PERIOD}-BKPSDM.MUTASI-1"),
        (people.PEER, "BAIK", f"{PERIOD}-BKPSDM.MUTASI-1")]
    assert org.caller(people.HEAD, "employee").get("/me/calibration").get_json()[0]["nip"] == \
        people.SUPERVISOR
    r = boss.post(f"{ONE}/calibration", json=CHANGE)
    assert r.status_code == 201, r.get_json()
    assert {k: r.get_json()[k] for k in ("previous", "predikat", "reason", "changed_by", "kind")} \
        == {"previous": "BAIK", "predikat": "BUTUH_PERBAIKAN", "reason": CHANGE["reason"],
            "changed_by": people.SUPERVISOR, "kind": "calibration"}
    assert hr.get(f"{MUTASI}/curve").get_json()["verdict"] == "met"
    mine = org.caller(people.EMPLOYEE, "employee").get(f"{ONE}/predikat-changes").get_json()
    assert [(c["previous"], c["predikat"]) for c in mine] == [("BAIK", "BUTUH_PERBAIKAN")]
    unit = hr.get(f"{MUTASI}/calibration").get_json()
    ayu = next(p for p in unit["employees"] if p["nip"] == people.EMPLOYEE)
    assert (ayu["predikat"], len(ayu["changes"])) == ("BUTUH_PERBAIKAN", 1)
    r = hr.post(f"{MUTASI}/calibration/close")
    assert r.status_code == 200 and r.get_json()["open_session"] is None
    assert boss.get("/me/calibration").get_json() == []
    assert hr.post(f"/periods/{PERIOD}/close").status_code == 200


@pytest.mark.parametrize("who, body, status, code", [
    (people.PEER, CHANGE, 403, "not_the_official"),
    (people.SUPERVISOR, {"predikat": "BAGUS", "reason": "x"}, 422, "validation_failed"),
    (people.SUPERVISOR, {"predikat": "KURANG", "reason": ""}, 422, "validation_failed"),
    (people.SUPERVISOR, {"predikat": "KURANG", "reason": "x" * 1001}, 422, "validation_failed"),
])
def test_bad_changes_are_refused_and_change_nothing(org, hr, who, body, status, code):
    _assess(org, people.EMPLOYEE)
    hr.post(f"{MUTASI}/calibration")
    r = org.caller(who, "employee").post(f"{ONE}/calibration", json=body)
    assert (r.status_code, r.get_json()["code"]) == (status, code)
    assert r.mimetype == "application/problem+json"
    assert hr.get(f"{ONE}/predikat-changes").get_json() == []


def test_refusals_of_sessions_and_who_reads(org, hr):
    _assess(org, people.EMPLOYEE)
    r = org.caller(people.SUPERVISOR, "employee").post(f"{ONE}/calibration", json=CHANGE)
    assert (r.status_code, r.get_json()["code"]) == (409, "no_calibration_session")
    assert hr.post(f"{MUTASI}/calibration/close").get_json()["code"] == "no_calibration_session"
    assert hr.post(f"/periods/{PERIOD}/units/NONE/calibration").status_code == 404
    assert hr.get("/periods/2031/units/BKPSDM/calibration").status_code == 404
    hr.post(f"{MUTASI}/calibration")
    assert hr.post(f"{MUTASI}/calibration").get_json()["code"] == "calibration_open"
    outsider = org.caller(people.OUTSIDER, "employee")
    assert outsider.get(f"{ONE}/predikat-changes").status_code == 403
    assert outsider.get(f"{MUTASI}/calibration").status_code == 403
    assert org.caller(people.AUDITOR, "auditor").post(f"{MUTASI}/calibration").status_code == 403
    assert org.caller(people.HR, "training_admin").post(f"{ONE}/calibration",
                                                        json=CHANGE).status_code == 403


def test_replay_rebuilds_curves_sessions_changes_and_objections_as_they_were_live(org, hr):
    assert hr.put(f"{MUTASI}/predicate", json={"predikat": "BAIK", "basis": "SK"}).status_code == 200
    for nip in (people.SUPERVISOR, people.EMPLOYEE, people.PEER):
        _assess(org, nip)
    hr.post(f"{MUTASI}/curve-exception", json={"reason": "Unit kecil"})
    hr.put(f"{MUTASI}/predicate", json={"predikat": "BAIK", "basis": "SK yang dibetulkan"})
    hr.post(f"{MUTASI}/calibration")
    org.caller(people.SUPERVISOR, "employee").post(f"{ONE}/calibration", json=CHANGE)
    hr.post(f"{MUTASI}/calibration/close")
    assert hr.post(f"/periods/{PERIOD}/close").status_code == 200
    ayu = org.caller(people.EMPLOYEE, "employee")
    assert ayu.post(f"{ONE}/objection", json={"reasons": "Target tercapai"}).status_code == 201
    org.caller(people.SUPERVISOR, "employee").post(f"{ONE}/objection/explanation",
                                                   json={"explanation": "Belum ada bukti"})
    org.caller(people.HEAD, "employee").post(f"{ONE}/objection/decision", json={
        "decision": "changed", "predikat": "BAIK", "reason": "Bukti menyusul, lengkap"})
    report = replay(SERVICE, org.settings)
    assert report.equal, report
    tables = {t.table: t.live_rows for t in report.tables}
    assert (tables["unit_curves"], tables["calibration_sessions"], tables["predikat_changes"],
            tables["objections"]) == (1, 1, 2, 1)

"""The distribution curve over HTTP: HR records a unit's predikat, reads the curve against its
pattern, is refused closing the period while it is broken (problem+json, nothing changed), records
an exception and closes; every refusal is clear and every caller is checked."""
from __future__ import annotations

import pytest

from tests.support import people
from tests.support.people import PERIOD, assessment

MUTASI = f"/periods/{PERIOD}/units/BKPSDM.MUTASI"
DECREE = {"predikat": "BAIK", "basis": "Keputusan Kepala Badan Nomor 800/12/2026"}


def _assess(org, nip: str, work_result="SESUAI", behaviour="SESUAI") -> None:
    boss = people.HEAD if nip == people.SUPERVISOR else people.SUPERVISOR
    r = org.caller(boss, "employee").post(
        f"/periods/{PERIOD}/assessments/{nip}/supervisor/submission",
        json=assessment(work_result=work_result, work_behaviour=behaviour))
    assert r.status_code == 201, r.get_json()


def _broken_mutasi(org, hr) -> None:
    """Bidang Mutasi rated Baik, with its three people all Baik: over 70% and no BP/K."""
    assert hr.put(f"{MUTASI}/predicate", json=DECREE).status_code == 200
    for nip in (people.SUPERVISOR, people.EMPLOYEE, people.PEER):
        _assess(org, nip)


def test_hr_sets_a_units_predikat_and_reads_its_curve(org, hr):
    r = hr.put(f"{MUTASI}/predicate", json=DECREE)
    assert r.status_code == 200, r.get_json()
    unit = r.get_json()
    assert (unit["predikat"], unit["predikat_label"], unit["basis"], unit["set_by"]) == (
        "BAIK", "Baik", DECREE["basis"], people.HR)
    assert (unit["verdict"], unit["employees"], unit["closable"]) == ("exempt", 0, True)
    _assess(org, people.EMPLOYEE)
    _assess(org, people.PEER, "DI_BAWAH", "SESUAI")  # Butuh Perbaikan
    unit = hr.get(f"{MUTASI}/curve").get_json()
    assert (unit["verdict"], unit["employees"]) == ("met", 2)
    assert {c["predikat"]: (c["count"], c["share"]) for c in unit["counts"]} == {
        "SANGAT_BAIK": (0, 0.0), "BAIK": (1, 0.5), "BUTUH_PERBAIKAN": (1, 0.5),
        "KURANG": (0, 0.0), "SANGAT_KURANG": (0, 0.0)}
    assert [(c["kind"], c["limit"], c["count"], c["met"]) for c in unit["clauses"]] == [
        ("largest", 1, 1, True), ("max_percent", 1, 1, True), ("min_count", 1, 1, True)]
    assert unit["clauses"][1]["text"] == "Paling banyak 70% Baik: boleh 1 pegawai, ada 1"
    english = hr.get(f"{MUTASI}/curve", headers={"Accept-Language": "en"}).get_json()
    assert english["clauses"][1]["text"] == "At most 70% Good: 1 employees allowed, 1 now"
    assert english["predikat_label"] == "Good"
    whole = hr.get(f"/periods/{PERIOD}/curve").get_json()
    assert (whole["rounding"], whole["subunits"], whole["closable"]) == ("nearest", True, True)
    assert [(u["unit_code"], u["depth"], u["verdict"]) for u in whole["units"]] == [
        ("BKPSDM", 0, "unset"), ("BKPSDM.MUTASI", 1, "met"), ("DISKOMINFO", 0, "unset")]
    assert whole["units"][0]["employees"] == 2, "a unit's curve counts the units below it"


def test_closing_a_period_with_a_broken_unit_is_refused_until_hr_records_an_exception(org, hr):
    _broken_mutasi(org, hr)
    unit = hr.get(f"{MUTASI}/curve").get_json()
    assert (unit["verdict"], unit["closable"]) == ("broken", False)
    assert [c["kind"] for c in unit["clauses"] if not c["met"]] == ["max_percent", "min_count"]
    r = hr.post(f"/periods/{PERIOD}/close")
    assert r.status_code == 409 and r.mimetype == "application/problem+json"
    problem = r.get_json()
    assert (problem["code"], problem["units"]) == ("curve_broken", ["BKPSDM.MUTASI"])
    assert problem["title"].startswith("Periode belum dapat ditutup")
    assert hr.get("/periods").get_json()[0]["status"] == "open", "nothing changed"
    r = hr.post(f"{MUTASI}/curve-exception", json={"reason": "Unit kecil, semua berkinerja baik"})
    assert r.status_code == 201, r.get_json()
    unit = r.get_json()
    assert unit["closable"] and unit["exception"]["reason"] == "Unit kecil, semua berkinerja baik"
    assert [c["kind"] for c in unit["exception"]["broken"]] == ["max_percent", "min_count"]
    assert hr.post(f"/periods/{PERIOD}/close").status_code == 200


@pytest.mark.parametrize("method, path, body, status, code", [
    ("put", f"{MUTASI}/predicate", {"predikat": "LUAR_BIASA", "basis": "x"}, 422,
     "validation_failed"),
    ("put", f"{MUTASI}/predicate", {"predikat": "BAIK", "basis": ""}, 422, "validation_failed"),
    ("put", f"{MUTASI}/predicate", {"predikat": "BAIK"}, 422, "validation_failed"),
    ("put", f"{MUTASI}/predicate", {**DECREE, "extra": 1}, 422, "validation_failed"),
    ("put", f"/periods/{PERIOD}/units/NONE/predicate", DECREE, 404, "unknown_unit"),
    ("put", "/periods/2031/units/BKPSDM/predicate", DECREE, 404, "unknown_period"),
    ("post", f"{MUTASI}/curve-exception", {"reason": "x"}, 409, "no_unit_predicate"),
    ("post", f"{MUTASI}/curve-exception", {"reason": ""}, 422, "validation_failed"),
    ("get", "/periods/2031/curve", None, 404, "unknown_period"),
    ("get", f"/periods/{PERIOD}/units/NONE/curve", None, 404, "unknown_unit"),
])
def test_bad_requests_are_refused_and_change_nothing(org, hr, method, path, body, status, code):
    r = getattr(hr, method)(path, json=body) if body is not None else getattr(hr, method)(path)
    assert r.status_code == status and r.get_json()["code"] == code, r.get_json()
    assert hr.get(f"{MUTASI}/curve").get_json()["predikat"] is None


def test_a_met_curve_needs_no_exception_and_a_closed_period_takes_no_predikat(org, hr):
    hr.put(f"{MUTASI}/predicate", json=DECREE)
    r = hr.post(f"{MUTASI}/curve-exception", json={"reason": "Tidak perlu"})
    assert (r.status_code, r.get_json()["code"]) == (409, "curve_not_broken")
    assert hr.post(f"/periods/{PERIOD}/close").status_code == 200
    r = hr.put(f"{MUTASI}/predicate", json={**DECREE, "predikat": "ISTIMEWA"})
    assert (r.status_code, r.get_json()["code"]) == (409, "period_not_open")
    assert hr.get(f"{MUTASI}/curve").get_json()["predikat"] == "BAIK"


def test_only_hr_records_and_auditors_read(org, hr):
    _broken_mutasi(org, hr)
    auditor = org.caller(people.AUDITOR, "auditor")
    boss = org.caller(people.HEAD, "employee")
    assert auditor.get(f"/periods/{PERIOD}/curve").status_code == 200
    for caller in (auditor, boss):
        assert caller.put(f"{MUTASI}/predicate", json=DECREE).status_code == 403
        assert caller.post(f"{MUTASI}/curve-exception", json={"reason": "x"}).status_code == 403
    assert boss.get(f"/periods/{PERIOD}/curve").status_code == 403
    assert org.caller(people.HR, "training_admin").get(f"{MUTASI}/curve").status_code == 403
    assert hr.get(f"{MUTASI}/curve").get_json()["exception"] is None

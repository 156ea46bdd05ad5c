"""The annual appraisal over HTTP: the appraising official reads the annual predikat proposed
from the year's periodic results (2026-Q1 Baik, 2026-Q2 Sangat Baik: the agency's mode, a tie
to the later), is refused another without a reason (problem+json, nothing changed), confirms it;
the annual period's curve, predikat list and SIASN export then read the confirmed one. Every
caller is checked."""
from __future__ import annotations

from services.assessment.definition import SERVICE
from shared.replay import replay
from tests.support import people
from tests.support.people import PERIOD, assessment
from tools import siasn

ANNUAL = f"/periods/2026/assessments/{people.EMPLOYEE}/supervisor/annual"


def _submit(org, period_id: str, ratings: str) -> None:
    r = org.caller(people.SUPERVISOR, "employee").post(
        f"/periods/{period_id}/assessments/{people.EMPLOYEE}/supervisor/submission",
        json=assessment(work_result=ratings, work_behaviour=ratings))
    assert r.status_code == 201, r.get_json()


def _year(org, hr) -> None:
    for body in ({"kind": "quarterly", "year": 2026, "quarter": 2},
                 {"kind": "annual", "year": 2026}):
        assert hr.post("/periods", json=body).status_code == 201
    for period_id, ratings in ((PERIOD, "SESUAI"), ("2026-Q2", "DI_ATAS"), ("2026", "SESUAI")):
        _submit(org, period_id, ratings)


def test_the_official_confirms_the_proposal_and_the_year_reads_it(org, hr):
    _year(org, hr)
    official, employee = org.caller(people.SUPERVISOR, "employee"), org.caller(
        people.EMPLOYEE, "employee")
    year = employee.get(ANNUAL).get_json()
    assert [(r["period_id"], r["predikat"]) for r in year["periodic"]] == [
        (PERIOD, "BAIK"), ("2026-Q2", "SANGAT_BAIK")]
    assert (year["policy"], year["proposed"], year["proposed_label"], year["predikat"],
            year["official_nip"], year["confirmations"]) == (
        "mode", "SANGAT_BAIK", "Sangat Baik", "BAIK", people.SUPERVISOR, [])
    r = official.post(ANNUAL, json={"predikat": "BAIK"})
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert r.get_json()["code"] == "reason_required" and r.get_json()["errors"]["reason"]
    assert official.get(ANNUAL).get_json()["confirmations"] == []
    r = official.post(ANNUAL, json={"predikat": "SANGAT_BAIK"})
    assert r.status_code == 201, r.get_json()
    year = r.get_json()
    assert (year["predikat"], len(year["confirmations"])) == ("SANGAT_BAIK", 1)
    assert (year["confirmations"][0]["previous"], year["confirmations"][0]["reason"]) == (
        "BAIK", None)
    assert official.get("/me/annual").get_json() == [{
        "period_id": "2026", "nip": people.EMPLOYEE, "name": "Ayu Lestari, S.Psi.",
        "predikat": "SANGAT_BAIK", "confirmed": True}]
    curve = hr.get("/periods/2026/units/BKPSDM.MUTASI/curve").get_json()
    assert {c["predikat"]: c["count"] for c in curve["counts"]}["SANGAT_BAIK"] == 1
    spread = hr.get("/periods/2026/predikat").get_json()["predikat"]
    assert {p["predikat"]: p["count"] for p in spread if p["count"]} == {"SANGAT_BAIK": 1}
    rows = siasn.read_kinerja(lambda _, path, **q: hr.get(path, query_string=q).get_json(),
                              lambda _, path, **q: hr.get(path, query_string=q).get_json(),
                              "2026", "BKPSDM.MUTASI", siasn.load_codes())
    assert [(r["kuadranKinerja"], r["bulanMulaiPenilaian"], r["bulanSelesaiPenilaian"])
            for r in rows] == [("Sangat Baik", 1, 12)]
    # Reopened and submitted again: the matrix's predikat stands until confirmed again.
    assert hr.post(f"/periods/2026/assessments/{people.EMPLOYEE}/supervisor/reopen",
                   json={"reason": "Nilai perilaku dikoreksi"}).status_code == 200
    _submit(org, "2026", "SESUAI")
    assert [(r["predikat"], r["confirmed"]) for r in official.get("/me/annual").get_json()] == [
        ("BAIK", False)]
    report = replay(SERVICE, org.settings, progress=False)  # rebuilt from the events alone
    tables = {t.table: (t.live_rows, t.equal) for t in report.tables}
    assert report.equal and tables["annual_predikats"] == (1, True)


def test_who_may_read_and_confirm(org, hr):
    _year(org, hr)
    for nip in (people.EMPLOYEE, people.PEER, people.HEAD):
        r = org.caller(nip, "employee").post(ANNUAL, json={"predikat": "SANGAT_BAIK"})
        assert r.status_code == 403, nip
    assert org.caller(people.PEER, "employee").get(ANNUAL).status_code == 403
    assert org.caller(None).get(ANNUAL).status_code == 401
    assert hr.post(ANNUAL, json={"predikat": "SANGAT_BAIK"}).status_code == 403
    assert org.caller(people.AUDITOR, "auditor").get(ANNUAL).status_code == 200
    official = org.caller(people.SUPERVISOR, "employee")
    for path, status, code in ((ANNUAL.replace("2026", "2026-Q2", 1), 422, "not_annual"),
                               (ANNUAL.replace("2026", "2030", 1), 404, "unknown_period")):
        r = official.post(path, json={"predikat": "BAIK"})
        assert (r.status_code, r.get_json()["code"]) == (status, code), path
    r = official.post(ANNUAL, json={"predikat": "LUAR_BIASA"})
    assert (r.status_code, r.get_json()["code"]) == (422, "validation_failed")
    assert hr.get(ANNUAL).get_json()["confirmations"] == []

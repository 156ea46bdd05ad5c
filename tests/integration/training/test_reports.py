"""HR's dashboard figures from the training service: Job-Person Match by unit for a period and
the 20 JP duty by unit for a year, for a unit with the units below it or for the whole agency."""
from __future__ import annotations

from tests.integration.training.conftest import submitted
from tests.support import people

T, H, A = "training_admin", "hr_admin", "auditor"


def ok(response):
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_jpm_by_unit_counts_each_category_and_the_mean_of_a_period(org):
    org.consume([
        submitted(levels={"M.03": 2, "M.04": 2}),                         # 25/27 = 92.59 optimal
        submitted(nip=people.PEER, levels={c: 2 for c in people.CORE[:4]}),  # 23/27 = 85.19 cukup
        submitted(nip=people.SUPERVISOR, levels={c: 1 for c in people.CORE}, unit_code="BKPSDM"),
        submitted(nip=people.OUTSIDER, unit_code="DISKOMINFO"),          # 100, another tree
        submitted(nip=people.PEER, period_id="2026-Q2", levels={"M.01": 1}),  # another period
    ])
    report = ok(org.caller(people.HR, H).get("/reports/jpm?period=2026-Q1&unit=BKPSDM"))
    assert report["period_id"] == "2026-Q1" and report["unit_code"] == "BKPSDM"
    assert report["thresholds"] == {"optimal": 90.0, "cukup_optimal": 78.0}
    # the supervisor: 9/27 = 33.33, kurang optimal, counted in the unit of the assessment
    assert report["units"] == [
        {"unit_code": "BKPSDM", "name": "Unit BKPSDM", "assessed": 1, "average": 33.33,
         "optimal": 0, "cukup_optimal": 0, "kurang_optimal": 1},
        {"unit_code": "BKPSDM.MUTASI", "name": "Unit BKPSDM.MUTASI", "assessed": 2,
         "average": 88.89, "optimal": 1, "cukup_optimal": 1, "kurang_optimal": 0}]
    assert report["totals"] == {"assessed": 3, "average": 70.37, "optimal": 1,
                                "cukup_optimal": 1, "kurang_optimal": 1}
    agency = ok(org.caller(people.AUDITOR, A).get("/reports/jpm?period=2026-Q1"))
    assert agency["unit_code"] is None and agency["totals"]["assessed"] == 4
    assert [u["unit_code"] for u in agency["units"]] == ["BKPSDM", "BKPSDM.MUTASI", "DISKOMINFO"]
    empty = ok(org.caller(people.HR, T).get("/reports/jpm?period=2026-Q1&unit=DISKOMINFO"))
    assert empty["totals"]["assessed"] == 1


def test_jpm_by_unit_refuses_an_unknown_period_or_unit(org):
    hr = org.caller(people.HR, H)
    assert hr.get("/reports/jpm?period=2031-Q1").get_json()["code"] == "unknown_period"
    assert hr.get("/reports/jpm?period=2026-Q1&unit=NOWHERE").get_json()["code"] == "unknown_unit"
    assert hr.get("/reports/jpm").status_code == 422
    nothing = ok(hr.get("/reports/jpm?period=2026-Q1"))
    assert nothing["totals"] == {"assessed": 0, "average": None, "optimal": 0,
                                 "cukup_optimal": 0, "kurang_optimal": 0}
    assert nothing["units"] == []


def test_compliance_by_unit_counts_who_met_20_jp_in_the_year(org):
    org.consume([submitted(levels={"M.03": 2}), submitted(nip=people.PEER, levels={"M.03": 2})])
    admin = org.caller(people.HR, T)
    mine = org.rows("SELECT assignment_id FROM assignments WHERE nip = %s", people.EMPLOYEE)
    answer = admin.post(f"/assignments/{mine[0]['assignment_id']}/complete",
                        json={"completed_on": "2026-02-10", "certificate_number": "S", "jp": 20})
    assert answer.status_code in (200, 201), answer.get_json()
    report = ok(org.caller(people.HR, H).get("/reports/compliance?year=2026&unit=BKPSDM"))
    assert (report["year"], report["minimum_jp"], report["unit_code"]) == (2026, 20, "BKPSDM")
    assert report["units"] == [
        {"unit_code": "BKPSDM", "name": "Unit BKPSDM", "employees": 1, "compliant": 0,
         "not_compliant": 1, "share": 0.0},
        {"unit_code": "BKPSDM.MUTASI", "name": "Unit BKPSDM.MUTASI", "employees": 3,
         "compliant": 1, "not_compliant": 2, "share": 0.3333}]
    assert report["totals"] == {"employees": 4, "compliant": 1, "not_compliant": 3, "share": 0.25}
    # the same figures as the unit's own compliance list
    listed = ok(org.caller(people.HR, H).get("/units/BKPSDM/compliance?year=2026"))
    assert (listed["employees"], listed["compliant"]) == (4, 1)
    agency = ok(org.caller(people.AUDITOR, A).get("/reports/compliance?year=2026"))
    assert agency["totals"]["employees"] == 5
    other_year = ok(org.caller(people.HR, H).get("/reports/compliance?year=2025&unit=BKPSDM"))
    assert other_year["totals"]["compliant"] == 0
    assert org.caller(people.HR, H).get("/reports/compliance?unit=NOWHERE").status_code == 404

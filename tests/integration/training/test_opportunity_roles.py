"""Strengths put to use: HR or the supervisor (by reporting line) assigns the role of a
development opportunity, once; the employee reads it in their plan; the roles report by
competency and unit; and the talent 9-box of a small unit, placed from the predikat and the share
of competencies at or above the required level."""
from __future__ import annotations

from services.training import domain_talent as domain
from services.training.definition import SERVICE
from shared.replay import replay
from tests.integration.training.conftest import event, period, registered, submitted
from tests.support import people

E, H, A, T = "employee", "hr_admin", "auditor", "training_admin"
M03 = f"/opportunities/{people.EMPLOYEE}/{people.PERIOD}/M.03"
ROLE = {"role": "Menjadi narasumber pada acara resmi instansi", "starts_on": "2026-05-04",
        "note": "Mulai dari rapat koordinasi bulanan"}


def strong(env, nip=people.EMPLOYEE, levels=None, predikat="BAIK", **kwargs):
    event = submitted(nip=nip, levels=levels or {"M.03": 4}, **kwargs)
    event.data["predikat"] = predikat
    env.consume([event])
    return event


def test_the_supervisor_assigns_the_role_once_and_the_employee_reads_it(org):
    strong(org)
    boss = org.caller(people.SUPERVISOR, E)
    answer = boss.post(f"{M03}/assignment", json={**ROLE, "programme_code": "PLT-KOMUNIKASI-EFEKTIF"})
    assert answer.status_code == 200, answer.get_json()
    got = answer.get_json()
    assert got["status"] == "assigned" and got["role"] == ROLE["role"]
    assert got["starts_on"] == "2026-05-04" and got["decided_as"] == "supervisor"
    assert got["decided_by"] == people.SUPERVISOR and got["name"] == "Ayu Lestari"
    [event] = org.events("OpportunityAssigned")
    assert event["stream_id"] == f"opportunity-{people.EMPLOYEE}-{people.PERIOD}-M.03"
    assert event["metadata"]["actor"] == people.SUPERVISOR
    assert event["data"]["decided_as"] == "supervisor"
    assert event["data"]["programme_code"] == "PLT-KOMUNIKASI-EFEKTIF"

    again = org.caller(people.HR, H).post(f"{M03}/assignment", json=ROLE)
    assert again.status_code == 409 and again.get_json()["code"] == "opportunity_assigned"
    refused = boss.post(f"{M03}/decline", json={"reason": "Berubah pikiran"})
    assert refused.status_code == 409 and refused.get_json()["code"] == "opportunity_assigned"
    assert len(org.events("Opportunity")) == 2  # identified, assigned: nothing added

    plan = org.caller(people.EMPLOYEE, E).get("/me/plan?year=2026").get_json()
    [mine] = plan["opportunities"]
    assert mine["status"] == "assigned" and mine["role"] == ROLE["role"]
    assert mine["note"] == ROLE["note"]


def test_who_may_decide_hr_or_the_supervisor_by_reporting_line(org):
    strong(org, levels={"M.03": 4, "M.04": 5})
    for nip in (people.EMPLOYEE, people.PEER, people.HEAD, people.OUTSIDER):
        answer = org.caller(nip, E).post(f"{M03}/assignment", json=ROLE)
        assert answer.status_code == 403, nip
        assert answer.get_json()["code"] == "not_supervisor"
    assert org.caller(people.HR, T).post(f"{M03}/assignment", json=ROLE).status_code == 403
    assert org.caller(people.HR, A).post(f"{M03}/assignment", json=ROLE).status_code == 403
    hr = org.caller(people.HR, H).post(f"{M03}/assignment", json=ROLE)
    assert hr.status_code == 200 and hr.get_json()["decided_as"] == "hr_admin"
    declined = org.caller(people.SUPERVISOR, E).post(
        M03.replace("M.03", "M.04") + "/decline", json={"reason": "Sedang tugas belajar"})
    assert declined.status_code == 200, declined.get_json()
    assert declined.get_json()["status"] == "declined"
    assert declined.get_json()["decline_reason"] == "Sedang tugas belajar"
    # The supervisor sees their reports' opportunities; the peer's boss is the same, HEAD has none.
    mine = org.caller(people.SUPERVISOR, E).get("/me/reports/opportunities?status=declined")
    assert [o["competency"] for o in mine.get_json()] == ["M.04"]
    assert org.caller(people.HEAD, E).get("/me/reports/opportunities").get_json() == []


def test_unknown_and_bad_input_are_refused_and_change_nothing(org):
    strong(org)
    hr = org.caller(people.HR, H)
    before = len(org.events())
    unknown = hr.post(M03.replace("M.03", "M.08") + "/assignment", json=ROLE)
    assert unknown.status_code == 404 and unknown.get_json()["code"] == "unknown_opportunity"
    nobody = hr.post(M03.replace(people.EMPLOYEE, "199999999999999999") + "/assignment", json=ROLE)
    assert nobody.status_code == 404
    bad = hr.post(f"{M03}/assignment", json={"role": "", "starts_on": "kemarin"})
    assert bad.status_code == 422
    assert set(bad.get_json()["errors"]["json"]) == {"role", "starts_on"}
    no_programme = hr.post(f"{M03}/assignment", json={**ROLE, "programme_code": "TIDAK-ADA"})
    assert no_programme.status_code == 404 and no_programme.get_json()["code"] == "unknown_programme"
    assert len(org.events()) == before
    english = hr.post(f"{M03}/decline", json={"reason": "x"}, headers={"Accept-Language": "en"})
    assert english.status_code == 200


def test_the_roles_report_by_competency_and_unit_with_subunits(org):
    org.consume([registered("199205052017011008", "Sari Wulandari", "BKPSDM", people.HEAD)])
    strong(org, levels={"M.03": 4, "M.04": 4})
    strong(org, nip="199205052017011008", levels={"M.03": 5})
    hr = org.caller(people.HR, H)
    for nip, code in ((people.EMPLOYEE, "M.03"), (people.EMPLOYEE, "M.04"),
                      ("199205052017011008", "M.03")):
        assert hr.post(f"/opportunities/{nip}/{people.PERIOD}/{code}/assignment",
                       json=ROLE).status_code == 200
    report = org.caller(people.AUDITOR, A).get(f"/units/BKPSDM/roles?period={people.PERIOD}")
    body = report.get_json()
    assert body["assigned"] == 3
    assert [(c["competency"], c["unit_code"], c["count"]) for c in body["by_competency_and_unit"]] \
        == [("M.03", "BKPSDM", 1), ("M.03", "BKPSDM.MUTASI", 1), ("M.04", "BKPSDM.MUTASI", 1)]
    only = hr.get(f"/units/BKPSDM/roles?period={people.PERIOD}&subunits=false").get_json()
    assert [r["nip"] for r in only["roles"]] == ["199205052017011008"]
    assert hr.get(f"/units/NOWHERE/roles?period={people.PERIOD}").status_code == 404
    assert hr.get("/units/BKPSDM/roles").status_code == 422  # the period is required


def test_the_talent_grid_of_a_known_small_unit(org):
    # Nine core competencies required at 3. EMPLOYEE: all met, Sangat Baik -> above/high (box 9).
    # PEER: one of nine short (89 %), Baik -> meets/medium (5). SUPERVISOR: three short (67 %),
    # Butuh Perbaikan -> below/low (1). HEAD: not assessed in the period.
    strong(org, levels={"M.03": 4}, predikat="SANGAT_BAIK")
    strong(org, nip=people.PEER, levels={"M.01": 2}, predikat="BAIK")
    strong(org, nip=people.SUPERVISOR, levels={"M.01": 2, "M.02": 2, "M.05": 1},
           predikat="BUTUH_PERBAIKAN")
    grid = org.caller(people.HR, H).get(f"/units/BKPSDM/talent?period={people.PERIOD}").get_json()
    boxes = {b["box"]: b for b in grid["boxes"]}
    assert [b["box"] for b in grid["boxes"]] == [9, 8, 7, 6, 5, 4, 3, 2, 1]
    assert [p["name"] for p in boxes[9]["people"]] == ["Ayu Lestari"]
    assert [p["name"] for p in boxes[5]["people"]] == ["Rudi Hartono"]
    assert [p["name"] for p in boxes[1]["people"]] == ["Budi Santoso"]
    assert sum(b["count"] for b in grid["boxes"]) == 3
    assert boxes[9]["follow_up"].startswith("Dipromosikan")
    assert (boxes[9]["performance"], boxes[9]["potential"]) == ("above", "high")
    placed = {p["nip"]: p for p in grid["placed"]}
    assert placed[people.PEER]["share"] == 88.89
    assert [(u["nip"], u["reason"]) for u in grid["unplaced"]] == [(people.HEAD, "no_assessment")]
    assert grid["rule"]["potential"] == {"high": 100.0, "medium": 80.0}
    english = org.caller(people.AUDITOR, A).get(f"/units/BKPSDM.MUTASI/talent?period={people.PERIOD}",
                                                headers={"Accept-Language": "en"}).get_json()
    assert english["boxes"][0]["follow_up"] == "Promote and retain; succession group; award"
    assert english["unplaced"] == []


def test_the_grid_places_by_the_predikat_a_calibration_or_an_objection_left_standing(org):
    # All competencies met: potential high; Baik -> box 8, calibrated to Sangat Baik -> box 9,
    # an objection decided for Baik again -> box 8.
    strong(org, levels={"M.03": 4}, predikat="BAIK")
    grid = f"/units/BKPSDM/talent?period={people.PERIOD}"
    hr = org.caller(people.HR, H)

    def box() -> int:
        return next(p["box"] for p in hr.get(grid).get_json()["placed"] if p["nip"] == people.EMPLOYEE)
    assert box() == 8
    about = {"period_id": people.PERIOD, "nip": people.EMPLOYEE}
    org.consume([event("assessment.PredikatCalibrated.v1", people.EMPLOYEE, {
        **about, "unit_code": "BKPSDM", "session_id": "kal-1", "previous": "BAIK",
        "predikat": "SANGAT_BAIK", "reason": "Kinerja unit di atas target",
        "calibrated_by": people.HEAD})])
    assert box() == 9
    org.consume([event("assessment.ObjectionDecided.v1", people.EMPLOYEE, {
        **about, "decision": "changed", "previous": "SANGAT_BAIK", "predikat": "BAIK",
        "reason": "Dikembalikan", "decided_by": people.HEAD, "decided_on": "2026-05-04",
        "late": False})])
    assert box() == 8


def test_placement_rule_is_data():
    perf = {"SANGAT_BAIK": "above", "BAIK": "meets"}
    ratings = [{"level": 3, "required_level": 3}] * 4 + [{"level": 2, "required_level": 3}]
    assert domain.placement("BAIK", ratings, perf)["box"] == 5          # 80 % medium
    assert domain.placement("BAIK", ratings, perf, 100, 81)["box"] == 2  # low under 81
    assert domain.placement(None, ratings, perf) is None
    assert domain.placement("KURANG", ratings, perf) is None


def test_a_replay_rebuilds_the_decisions(org):
    strong(org, levels={"M.03": 4, "M.04": 4})
    org.caller(people.SUPERVISOR, E).post(f"{M03}/assignment", json=ROLE)
    org.caller(people.HR, H).post(M03.replace("M.03", "M.04") + "/decline", json={"reason": "Cuti"})
    before = len(org.events())
    report = replay(SERVICE, org.settings, progress=False)
    assert report.equal, [t for t in report.tables if not t.equal]
    assert len(org.events()) == before


def test_the_succession_group_needs_fitting_competencies_20_jp_and_two_good_years(org):
    last_year = "2025-Q4"
    org.consume([period(last_year, 2025, 4)])
    for nip in (people.EMPLOYEE, people.PEER):
        strong(org, nip=nip, levels={"M.03": 3}, predikat="BAIK", period_id=last_year)
    strong(org, levels={"M.03": 2})  # a gap: an assignment, completed with 20 JP below
    [mine] = org.rows("SELECT assignment_id FROM assignments WHERE nip = %s", people.EMPLOYEE)
    done = org.caller(people.HR, T).post(f"/assignments/{mine['assignment_id']}/complete", json={
        "completed_on": "2026-02-10", "certificate_number": "S-1", "jp": 20})
    assert done.status_code in (200, 201), done.get_json()
    strong(org, levels={"M.03": 3}, submission=2)  # resubmitted: every competency fits now
    strong(org, nip=people.PEER, levels={"M.03": 3})
    strong(org, nip=people.SUPERVISOR, levels={"M.03": 4}, predikat="SANGAT_BAIK")
    found = org.caller(people.HR, H).get("/units/BKPSDM/succession?year=2026").get_json()
    assert [p["nip"] for p in found["group"]] == [people.EMPLOYEE]
    assert found["group"][0]["results"] == [{"year": 2025, "predikat": "BAIK"},
                                            {"year": 2026, "predikat": "BAIK"}]
    gaps = {p["nip"]: [g["criterion"] for g in p["gaps"]] for p in found["others"]}
    assert gaps == {people.PEER: ["development"],
                    people.SUPERVISOR: ["development", "performance"],
                    people.HEAD: ["competency", "development", "performance", "performance"]}
    assert found["rule"] == {"competency_share": 100.0, "years": 2,
                             "predikats": ["SANGAT_BAIK", "BAIK"], "minimum_jp": 20}
    assert org.caller(people.EMPLOYEE, E).get("/units/BKPSDM/succession").status_code == 403
    assert org.caller(people.HR, H).get("/units/NOPE/succession").status_code == 404

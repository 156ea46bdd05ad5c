"""What the training admin's portal pages need from the API: the import's dry run (the same
checks, the row-by-row report, nothing recorded), rejecting a completion report with a reason
(an event, the employee's plan shows it, the employee may report again), and assignments by
programme and period with the employee's name and unit."""
from __future__ import annotations

from tests.integration.training.conftest import submitted
from tests.integration.training.test_catalogue_and_bad_input import HEADER
from tests.support import people

T, E = "training_admin", "employee"
NIP = people.EMPLOYEE


def ok(response, status=(200, 201)):
    assert response.status_code in status, response.get_json()
    return response.get_json()


def test_the_dry_run_reports_every_row_and_records_nothing(training_env):
    admin = training_env.caller(people.HR, T)
    before = len(training_env.events())
    bad = (HEADER + "DRY-1,Satu,One,klasikal,coaching,16,M.01,1,3,BPSDM\n"
           "COACH-M03,Coaching Komunikasi,Communication Coaching,nonklasikal,coaching,10,"
           "M.03,1,4,Atasan langsung (internal)\n"
           "DRY-2,Dua,Two,klasikal,technical,0,M.01,4,2,BPSDM\n")
    report = ok(admin.post("/imports/programmes/check", data=bad, content_type="text/csv"))
    assert report["accepted"] is False and report["rows"] == 3
    assert [(p["row"], p["column"], p["code"]) for p in report["problems"]] == [
        (2, "kind", "kind_not_of_form"), (4, "jp", "out_of_range")]
    assert [(o["row"], o["code"], o["outcome"]) for o in report["outcomes"]] == [
        (2, "DRY-1", "refused"), (3, "COACH-M03", "changed"), (4, "DRY-2", "refused")]
    # the real import finds the same problems
    refused = admin.post("/imports/programmes", data=bad, content_type="text/csv").get_json()
    assert [(r["row"], r["code"]) for r in refused["rows"]] == [
        (p["row"], p["code"]) for p in report["problems"]]
    good = HEADER + "DRY-1,Satu,One,klasikal,technical,16,M.01|M.02,1,3,BPSDM\n"
    checked = ok(admin.post("/imports/programmes/check", data=good, content_type="text/csv"))
    assert (checked["accepted"], checked["defined"], checked["unchanged"]) == (True, 1, 0)
    assert checked["outcomes"] == [{"row": 2, "code": "DRY-1", "outcome": "new"}]
    assert len(training_env.events()) == before, "a dry run records nothing"
    assert admin.get("/programmes/DRY-1").status_code == 404
    ok(admin.post("/imports/programmes", data=good, content_type="text/csv"))
    again = ok(admin.post("/imports/programmes/check", data=good, content_type="text/csv"))
    assert again["outcomes"][0]["outcome"] == "unchanged" and again["unchanged"] == 1
    missing = admin.post("/imports/programmes/check", data="code,title_id\nX,Y\n",
                         content_type="text/csv")
    assert missing.status_code == 422 and missing.get_json()["code"] == "import_rejected"
    spec = training_env.app.test_client().get("/api-docs/openapi.json").get_json()
    assert "/imports/programmes/check" in spec["paths"]


def test_a_rejected_report_names_its_reason_to_the_employee_who_may_report_again(org):
    org.consume([submitted(levels={"M.03": 2})])
    assigned = org.rows("SELECT assignment_id, programme_code FROM assignments")[0]
    me, admin = org.caller(NIP, E), org.caller(people.HR, T)
    body = {"programme_code": assigned["programme_code"], "completed_on": "2026-03-05",
            "certificate_number": "SERT/SALAH/1", "assignment_id": assigned["assignment_id"]}
    report = ok(me.post("/completion-reports", json=body))
    blank = admin.post(f"/completion-reports/{report['report_id']}/reject", json={"reason": ""})
    assert blank.status_code == 422 and "reason" in blank.get_json()["errors"]["json"]
    rejected = ok(admin.post(f"/completion-reports/{report['report_id']}/reject",
                             json={"reason": "Nomor sertifikat tidak terdaftar di BPSDM"}))
    assert (rejected["status"], rejected["rejected_reason"]) == (
        "rejected", "Nomor sertifikat tidak terdaftar di BPSDM")
    for action, payload in (("reject", {"reason": "lagi"}), ("verify", None)):
        twice = admin.post(f"/completion-reports/{report['report_id']}/{action}", json=payload)
        assert twice.status_code == 409 and twice.get_json()["code"] == "report_rejected"
    event = org.events("training.CompletionRejected")[-1]
    assert (event["subject"], event["data"]["reason"]) == (NIP, "Nomor sertifikat tidak terdaftar di BPSDM")
    plan = ok(me.get("/me/plan"))
    assert plan["completion_reports"] == [] and plan["completed_jp"] == 0
    assert [r["rejected_reason"] for r in plan["rejected_reports"]] == [
        "Nomor sertifikat tidak terdaftar di BPSDM"]
    assert ok(me.get(f"/assignments/{assigned['assignment_id']}"))["status"] == "assigned"
    listed = ok(admin.get("/completion-reports?status=rejected"))
    assert [(r["report_id"], r["name"]) for r in listed] == [(report["report_id"], "Ayu Lestari")]
    second = ok(me.post("/completion-reports", json={**body, "certificate_number": "SERT/BENAR/1"}))
    ok(admin.post(f"/completion-reports/{second['report_id']}/verify"))
    verified = admin.post(f"/completion-reports/{second['report_id']}/reject", json={"reason": "x"})
    assert verified.status_code == 409 and verified.get_json()["code"] == "report_verified"


def test_assignments_by_programme_and_period_with_name_and_unit(org):
    org.consume([submitted(levels={"M.03": 2, "M.04": 2})])
    admin = org.caller(people.HR, T)
    every = ok(admin.get(f"/assignments?period={people.PERIOD}"))
    assert len(every) == 2 and {a["name"] for a in every} == {"Ayu Lestari"}
    assert {(a["unit_code"], a["unit_name"], a["period_id"]) for a in every} == {
        ("BKPSDM.MUTASI", "Unit BKPSDM.MUTASI", people.PERIOD)}
    code = every[0]["programme_code"]
    assert [a["programme_code"] for a in ok(admin.get(f"/assignments?programme={code}"))] == [code]
    assert ok(admin.get("/assignments?period=2001-Q1")) == []

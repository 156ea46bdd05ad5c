"""Self and supervisor assessment through the API: drafts, submission, predikat, blindness, reopen."""
from __future__ import annotations

from tests.support import people
from tests.support.people import PERIOD, assessment

SELF = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/self"
BOSS = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/supervisor"


def test_self_then_supervisor_submission_records_events_with_required_levels(org):
    employee = org.caller(people.EMPLOYEE, "employee")
    boss = org.caller(people.SUPERVISOR, "employee")
    r = employee.post(f"{SELF}/submission", json=assessment(2, M_03=4))
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["predikat"] is None
    r = boss.post(f"{BOSS}/submission", json=assessment(1, "DI_ATAS", "DI_ATAS"))
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["predikat"] == "SANGAT_BAIK" and body["predikat_label"] == "Sangat Baik"
    events = org.events("AssessmentSubmitted")
    assert [(e["data"]["role"], e["subject"]) for e in events] == [
        ("self", people.EMPLOYEE), ("supervisor", people.EMPLOYEE)]
    rated = {r["competency"]: r for r in events[0]["data"]["ratings"]}
    assert rated["M.03"]["level"] == 4 and rated["M.03"]["required_level"] == 1  # Ahli Pertama
    assert events[1]["data"]["assessor_nip"] == people.SUPERVISOR
    assert events[1]["data"]["unit_code"] == "BKPSDM.MUTASI"


def test_english_labels_on_request(org):
    boss = org.caller(people.SUPERVISOR, "employee")
    r = boss.post(f"{BOSS}/submission", json=assessment(3, "DI_BAWAH", "SESUAI"),
                  headers={"Accept-Language": "en"})
    assert r.get_json()["predikat"] == "BUTUH_PERBAIKAN"
    assert r.get_json()["predikat_label"] == "Needs Improvement"


def test_each_side_is_blind_to_the_other_until_both_are_submitted(org):
    employee = org.caller(people.EMPLOYEE, "employee")
    boss = org.caller(people.SUPERVISOR, "employee")
    assert boss.post(f"{BOSS}/submission", json=assessment()).status_code == 201
    assert boss.get(BOSS).status_code == 200
    r = employee.get(BOSS)
    assert r.status_code == 403 and r.get_json()["code"] == "assessment_hidden"
    assert employee.get("/me/assessments").get_json() == []
    assert employee.post(f"{SELF}/submission", json=assessment()).status_code == 201
    assert employee.get(BOSS).status_code == 200
    assert [a["role"] for a in employee.get("/me/assessments").get_json()] == ["self", "supervisor"]
    assert boss.get(SELF).status_code == 200
    assert org.caller(people.HR, "hr_admin").get(SELF).status_code == 200
    assert org.caller(people.PEER, "employee").get(SELF).status_code == 403


def test_supervisor_sees_self_assessment_only_after_submitting_own(org):
    employee = org.caller(people.EMPLOYEE, "employee")
    boss = org.caller(people.SUPERVISOR, "employee")
    assert employee.post(f"{SELF}/submission", json=assessment()).status_code == 201
    assert employee.get(SELF).status_code == 200
    assert boss.get(SELF).get_json()["code"] == "assessment_hidden"


def test_a_draft_may_be_partial_and_is_private_to_its_author(org):
    employee = org.caller(people.EMPLOYEE, "employee")
    partial = {"ratings": assessment()["ratings"][:3]}
    r = employee.put(f"{SELF}/draft", json=partial)
    assert r.status_code == 200 and r.get_json()["status"] == "draft"
    assert employee.get(f"{SELF}/draft").get_json()["ratings"] == partial["ratings"]
    assert org.caller(people.SUPERVISOR, "employee").get(f"{SELF}/draft").status_code == 404
    r = employee.post(f"{SELF}/submission", json=partial)
    assert r.status_code == 422 and r.get_json()["code"] == "incomplete_assessment"
    assert r.get_json()["missing"] == [*people.CORE[3:], "work_result", "work_behaviour"]
    assert org.events("AssessmentSubmitted") == []
    progress = org.caller(people.HR, "hr_admin").get(f"/periods/{PERIOD}/progress?unit=BKPSDM.MUTASI")
    by_nip = {row["nip"]: row for row in progress.get_json()}
    assert by_nip[people.EMPLOYEE]["self_status"] == "draft"
    assert employee.post(f"{SELF}/submission", json=assessment()).status_code == 201
    assert employee.get(f"{SELF}/draft").status_code == 404


def test_a_supervisors_draft_tells_the_predikat_it_would_give(org):
    boss = org.caller(people.SUPERVISOR, "employee")
    r = boss.put(f"{BOSS}/draft", json={"ratings": [], "work_result": "DI_ATAS"})
    assert r.status_code == 200 and r.get_json()["predikat"] is None, "one rating is not enough"
    r = boss.put(f"{BOSS}/draft", json={"ratings": [], "work_result": "DI_ATAS",
                                        "work_behaviour": "DI_ATAS"})
    assert r.get_json()["predikat"] == "SANGAT_BAIK"
    r = boss.get(f"{BOSS}/draft", headers={"Accept-Language": "en"})
    assert (r.get_json()["predikat"], r.get_json()["predikat_label"]) == ("SANGAT_BAIK", "Very Good")
    employee = org.caller(people.EMPLOYEE, "employee")
    r = employee.put(f"{SELF}/draft", json={"ratings": [], "work_result": "DI_ATAS",
                                            "work_behaviour": "DI_ATAS"})
    assert r.get_json()["predikat"] is None, "a self-assessment gives no predikat"


def test_submitted_is_immutable_until_hr_reopens_with_a_reason(org):
    boss = org.caller(people.SUPERVISOR, "employee")
    hr = org.caller(people.HR, "hr_admin")
    assert boss.post(f"{BOSS}/submission", json=assessment()).status_code == 201
    r = boss.post(f"{BOSS}/submission", json=assessment(4))
    assert r.status_code == 409 and r.get_json()["code"] == "already_submitted"
    assert boss.put(f"{BOSS}/draft", json=assessment(4)).status_code == 409
    assert hr.post(f"{BOSS}/reopen", json={}).status_code == 422
    r = hr.post(f"{BOSS}/reopen", json={"reason": "Salah input level M.04"})
    assert r.status_code == 200 and r.get_json()["status"] == "reopened"
    assert hr.post(f"{BOSS}/reopen", json={"reason": "lagi"}).status_code == 409
    r = boss.post(f"{BOSS}/submission", json=assessment(4, "DI_ATAS", "SESUAI"))
    assert r.status_code == 201 and r.get_json()["submission"] == 2
    types = [e["type"].split(".")[1] for e in org.events("Assessment")]
    assert types == ["AssessmentSubmitted", "AssessmentReopened", "AssessmentSubmitted"]
    assert org.events("AssessmentReopened")[0]["data"]["reopened_by"] == people.HR


def test_closed_period_refuses_submissions(org):
    hr = org.caller(people.HR, "hr_admin")
    assert hr.post(f"/periods/{PERIOD}/close").status_code == 200
    r = org.caller(people.EMPLOYEE, "employee").post(f"{SELF}/submission", json=assessment())
    assert r.status_code == 409 and r.get_json()["code"] == "period_not_open"
    r = org.caller(people.EMPLOYEE, "employee").post(
        f"/periods/2030-Q1/assessments/{people.EMPLOYEE}/self/submission", json=assessment())
    assert r.status_code == 404 and r.get_json()["code"] == "unknown_period"

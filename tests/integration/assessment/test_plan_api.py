"""The plan (SKP) and its evidence over HTTP: the employee proposes, the official returns then
agrees with special expectations, the employee revises with history; evidence as text, link and
file, downloaded by those who may; refusals are problem+json and change nothing; every caller is
checked."""
from __future__ import annotations

import hashlib

import pytest

from services.assessment.definition import SERVICE
from shared.replay import replay
from tests.support import people
from tests.support.people import PERIOD, assessment
from tests.support.races import released_together

PLAN = f"/periods/{PERIOD}/plans/{people.EMPLOYEE}"


def rhk(text, **extra):
    return {"text": text, "indicators": [{"text": f"Indikator {text}", "quantity": "12 SK",
                                          "quality": "sesuai SOP", "time": "Maret"}], **extra}


@pytest.fixture
def agreed(org):
    ayu, budi = org.caller(people.EMPLOYEE, "employee"), org.caller(people.SUPERVISOR, "employee")
    assert ayu.post(PLAN + "/proposal", json={"results": [rhk("Layanan mutasi", main=True)]}
                    ).status_code == 201
    r = budi.post(PLAN + "/agreement", json={"expectations": {"kompeten": "Ikut pelatihan"}})
    assert r.status_code == 200, r.get_json()
    return org


def test_a_plan_from_proposal_to_revision(org, hr):
    ayu, budi = org.caller(people.EMPLOYEE, "employee"), org.caller(people.SUPERVISOR, "employee")
    r = budi.post(f"/periods/{PERIOD}/plans/{people.SUPERVISOR}/proposal",
                  json={"results": [rhk("Program mutasi ASN", main=True)]})
    assert r.status_code == 201, r.get_json()
    empty = ayu.get(PLAN).get_json()
    assert (empty["status"], empty["official_name"], len(empty["values"])) == (
        None, "Budi Santoso, S.Sos.", 7)
    assert [r["text"] for r in empty["official_results"]] == ["Program mutasi ASN"]
    r = ayu.post(PLAN + "/proposal", json={"results": [
        rhk("Layanan mutasi", main=True, supports=1), rhk("Laporan")]})
    assert r.status_code == 201, r.get_json()
    assert [t["nip"] for t in budi.get(f"/periods/{PERIOD}/team-plans").get_json()][:1] == [
        people.EMPLOYEE]
    r = budi.post(PLAN + "/return", json={"note": "Target waktu belum jelas"})
    assert (r.status_code, r.get_json()["status"]) == (200, "returned")
    ayu.post(PLAN + "/proposal", json={"results": [rhk("Layanan mutasi", rhk=1, main=True)]})
    r = budi.post(PLAN + "/agreement", json={"expectations": {"akuntabel": "Tepat waktu"}})
    agreed = r.get_json()
    assert (agreed["status"], agreed["agreed_revision"]) == ("agreed", 2)
    assert [v["expectation"] for v in agreed["values"] if v["code"] == "akuntabel"] == [
        "Tepat waktu"]
    r = ayu.post(PLAN + "/revision", json={"reason": "Tugas tambahan",
                                           "results": [rhk("Layanan mutasi", rhk=1), rhk("Baru")]})
    revised = r.get_json()
    assert (r.status_code, revised["status"], [x["rhk"] for x in revised["results"]]) == (
        200, "proposed", [1, 3])
    assert [(v["revision"], v["kind"], v["outcome"]) for v in revised["revisions"]] == [
        (3, "revised", None), (2, "proposed", "agreed"), (1, "proposed", "returned")]
    assert hr.get(PLAN).status_code == 200


@pytest.mark.parametrize("who, role, path, body, status, code", [
    (people.PEER, "employee", "/proposal", {"results": [rhk("x")]}, 403, "not_your_own"),
    (people.EMPLOYEE, "employee", "/proposal", {"results": []}, 422, "validation_failed"),
    (people.EMPLOYEE, "employee", "/proposal", {"results": [rhk("x", supports=3)]}, 422,
     "unknown_superior_rhk"),
    (people.EMPLOYEE, "employee", "/proposal", {"results": [{"text": "x", "indicators": []}]},
     422, "validation_failed"),
    (people.SUPERVISOR, "employee", "/agreement", {}, 404, "unknown_plan"),
    (people.SUPERVISOR, "employee", "/agreement", {"expectations": {"akuntabel": "a\u0000"}},
     422, "validation_failed"),
    (people.HR, "hr_admin", "/proposal", {"results": [rhk("x")]}, 403, None),
    (people.EMPLOYEE, "employee", "/revision", {"results": [rhk("x")], "reason": "r"}, 409,
     "plan_not_agreed"),
])
def test_refusals_are_problems_and_change_nothing(org, who, role, path, body, status, code):
    r = org.caller(who, role).post(PLAN + path, json=body)
    assert r.status_code == status and r.mimetype == "application/problem+json", r.get_json()
    assert code is None or r.get_json()["code"] == code
    assert org.caller(people.EMPLOYEE, "employee").get(PLAN).get_json()["status"] is None


@pytest.mark.parametrize("who, role, status", [
    (people.PEER, "employee", 403), (people.OUTSIDER, "employee", 403),
    (people.HEAD, "employee", 403), (people.AUDITOR, "auditor", 200),
    (people.SUPERVISOR, "employee", 200), (people.EMPLOYEE, "training_admin", 403)])
def test_who_reads_a_plan(agreed, who, role, status):
    assert agreed.caller(who, role).get(PLAN).status_code == status


def test_evidence_text_link_and_file_then_download_checks_the_caller(agreed):
    ayu = agreed.caller(people.EMPLOYEE, "employee")
    assert ayu.post(PLAN + "/results/1/evidence", json={"text": "SK 12 pegawai"}
                    ).status_code == 201
    assert ayu.post(PLAN + "/results/1/evidence", json={"url": "https://arsip.go.id/sk"}
                    ).status_code == 201
    content = b"%PDF-1.4\n" + bytes(range(256)) * 100
    r = ayu.post(PLAN + "/results/1/evidence/file?name=SK%20mutasi.pdf&text=Scan",
                 data=content, headers={"Content-Type": "application/pdf"})
    assert r.status_code == 201, r.get_json()
    evidence = r.get_json()["results"][0]["evidence"]
    assert [e["kind"] for e in evidence] == ["text", "link", "file"]
    found = evidence[2]
    assert (found["size"], found["sha256"]) == (len(content), hashlib.sha256(content).hexdigest())
    url = f"/evidence-files/{found['file_id']}"
    for who, role, status in ((people.SUPERVISOR, "employee", 200), (people.HR, "hr_admin", 200),
                              (people.PEER, "employee", 403), (people.HEAD, "employee", 403)):
        r = agreed.caller(who, role).get(url)
        assert r.status_code == status
    r = ayu.get(url)
    assert (r.data, r.mimetype) == (content, "application/pdf")
    assert "SK%20mutasi.pdf" in r.headers["Content-Disposition"] or \
        "SK mutasi.pdf" in r.headers["Content-Disposition"]
    assert ayu.get("/evidence-files/file-nothing").status_code == 404


@pytest.mark.parametrize("path, kwargs, status, code", [
    ("/results/1/evidence/file?name=a.exe", {"data": b"MZ", "headers": {
        "Content-Type": "application/x-msdownload"}}, 422, "file_type_not_allowed"),
    ("/results/1/evidence/file?name=a.pdf", {"data": b"x" * (5 * 1024 * 1024 + 1), "headers": {
        "Content-Type": "application/pdf"}}, 422, "file_too_large"),
    ("/results/1/evidence/file", {"data": b"x", "headers": {"Content-Type": "text/plain"}},
     422, "validation_failed"),
    ("/results/2/evidence", {"json": {"text": "x"}}, 404, "unknown_rhk"),
    ("/results/1/evidence", {"json": {"url": "javascript:alert(1)"}}, 422, "validation_failed"),
])
def test_bad_evidence_is_refused(agreed, path, kwargs, status, code):
    r = agreed.caller(people.EMPLOYEE, "employee").post(PLAN + path, **kwargs)
    assert (r.status_code, r.get_json()["code"]) == (status, code)
    plan = agreed.caller(people.EMPLOYEE, "employee").get(PLAN).get_json()
    assert plan["results"][0]["evidence"] == []


def plan_for(org, path: str) -> None:
    """What a plan route of the access matrix needs: a proposed plan, agreed for a revision or
    evidence, and a file (the third event of the stream) for a download."""
    ayu, budi = org.caller(people.EMPLOYEE, "employee"), org.caller(people.SUPERVISOR, "employee")
    assert ayu.post(PLAN + "/proposal", json={"results": [rhk("Layanan")]}).status_code == 201
    if path.endswith(("/revision", "/evidence", "/evidence/file?name=a.csv", "/realisation")) \
            or "/evidence-files/" in path:
        assert budi.post(PLAN + "/agreement", json={}).status_code == 200
    if "/evidence-files/" in path:
        assert ayu.post(PLAN + "/results/1/evidence/file?name=a.csv", data=b"a,b",
                        headers={"Content-Type": "text/csv"}).status_code == 201


def test_replay_rebuilds_plans_revisions_and_evidence_as_they_were_live(agreed):
    ayu, budi = agreed.caller(people.EMPLOYEE, "employee"), agreed.caller(people.SUPERVISOR,
                                                                          "employee")
    ayu.post(PLAN + "/results/1/evidence", json={"text": "SK", "url": "https://arsip.go.id/a"})
    ayu.post(PLAN + "/results/1/evidence/file?name=a.pdf", data=b"%PDF",
             headers={"Content-Type": "application/pdf"})
    ayu.post(PLAN + "/revision", json={"reason": "Tugas baru", "results": [rhk("B")]})
    budi.post(PLAN + "/return", json={"note": "Kurang jelas"})
    report = replay(SERVICE, agreed.settings)
    assert report.equal, report
    tables = {t.table: t.live_rows for t in report.tables}
    assert (tables["plans"], tables["plan_revisions"], tables["plan_evidence"]) == (1, 2, 2)


def test_realisation_proposes_the_rating_and_a_different_one_needs_a_reason(agreed):
    budi = agreed.caller(people.SUPERVISOR, "employee")
    r = budi.post(PLAN + "/results/1/realisation", json={"realisation": "DI_ATAS",
                                                         "note": "40 dari 40 usul"})
    assert r.status_code == 200, r.get_json()
    plan = r.get_json()
    assert (plan["work_result_proposed"], plan["results"][0]["realisation"]["note"]) == (
        "DI_ATAS", "40 dari 40 usul")
    one = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}/supervisor/submission"
    r = budi.post(one, json=assessment(work_result="SESUAI"))
    assert (r.status_code, r.get_json()["code"]) == (422, "work_result_reason_required")
    r = budi.post(one, json={**assessment(work_result="SESUAI"),
                             "work_result_reason": "Kualitas belum sesuai SOP"})
    assert r.status_code == 201, r.get_json()
    plan = budi.get(PLAN).get_json()
    assert (plan["work_result"], plan["work_result_reason"]) == ("SESUAI",
                                                                 "Kualitas belum sesuai SOP")
    r = agreed.caller(people.EMPLOYEE, "employee").post(
        PLAN + "/results/1/realisation", json={"realisation": "DI_ATAS"})
    assert (r.status_code, r.get_json()["code"]) == (403, "not_the_official")


def test_two_racing_uploads_keep_one_file_and_answer_one_409(agreed):
    """Both read the plan's stream at the same version, waiting on the period row this test
    holds; released together, one appends and keeps its file, the other meets the conflict
    before keeping anything."""
    results, ayu = [], agreed.caller(people.EMPLOYEE, "employee")

    def upload(content: bytes) -> None:
        results.append(ayu.post(PLAN + "/results/1/evidence/file?name=a.pdf", data=content,
                                headers={"Content-Type": "application/pdf"}))
    released_together(agreed, [lambda body=body: upload(body) for body in (b"%PDF-1", b"%PDF-2")])
    assert sorted(r.status_code for r in results) == [201, 409]
    with agreed.connect() as conn:
        assert conn.execute("SELECT count(*) AS n FROM plan_evidence_files").fetchone()["n"] == 1

"""HR's list of a period's plans (SKP) over HTTP: every employee with their plan's status (none,
proposed, returned, agreed, revising), revision, number of RHK and whether each RHK is realised;
filtered by unit and status, paged, counted per status; bad filters are 422 naming the field."""
from __future__ import annotations

import json

import pytest

from tests.support import people
from tests.support.people import PERIOD

LIST, COUNTS = f"/periods/{PERIOD}/plans", f"/periods/{PERIOD}/plan-counts"


def rhk(text, **extra):
    return {"text": text, "indicators": [{"text": f"Indikator {text}"}], **extra}


def plan(nip: str) -> str:
    return f"/periods/{PERIOD}/plans/{nip}"


@pytest.fixture
def plans(org):
    """Budi's plan agreed and both RHK realised, then revised (revising); Ayu's agreed, one of
    two RHK realised; Rudi's returned; Dewi's proposed; the head has none."""
    head, budi = org.caller(people.HEAD, "employee"), org.caller(people.SUPERVISOR, "employee")
    ayu, rudi = org.caller(people.EMPLOYEE, "employee"), org.caller(people.PEER, "employee")
    dewi = org.caller(people.OUTSIDER, "employee")
    for who, nip, results in ((budi, people.SUPERVISOR, [rhk("Program"), rhk("Laporan")]),
                              (ayu, people.EMPLOYEE, [rhk("Layanan"), rhk("Arsip")]),
                              (rudi, people.PEER, [rhk("Data")]),
                              (dewi, people.OUTSIDER, [rhk("Jaringan")])):
        assert who.post(plan(nip) + "/proposal", json={"results": results}).status_code == 201
    for boss, nip in ((head, people.SUPERVISOR), (budi, people.EMPLOYEE)):
        assert boss.post(plan(nip) + "/agreement", json={}).status_code == 200
    assert budi.post(plan(people.PEER) + "/return", json={"note": "Kurang"}).status_code == 200
    for boss, nip, number in ((head, people.SUPERVISOR, 1), (head, people.SUPERVISOR, 2),
                              (budi, people.EMPLOYEE, 1)):
        r = boss.post(f"{plan(nip)}/results/{number}/realisation", json={"realisation": "SESUAI"})
        assert r.status_code == 200, r.get_json()
    assert budi.post(plan(people.SUPERVISOR) + "/revision", json={
        "reason": "Tugas tambahan", "results": [rhk("Program", rhk=1), rhk("Laporan", rhk=2),
                                                rhk("Baru")]}).status_code == 200
    return org


def _rows(response) -> list[tuple]:
    assert response.status_code == 200, response.get_json()
    return [(r["nip"], r["status"], r["revision"], r["results"], r["realised"])
            for r in response.get_json()]


def test_every_employee_with_their_plan(plans, hr):
    assert _rows(hr.get(LIST)) == [
        (people.HEAD, "none", None, 0, False),
        (people.SUPERVISOR, "revising", 2, 3, False),
        (people.EMPLOYEE, "agreed", 1, 2, False),
        (people.PEER, "returned", 1, 1, False),
        (people.OUTSIDER, "proposed", 1, 1, False)]
    first = hr.get(LIST).get_json()[1]
    assert (first["unit_name"], first["official_name"]) == ("Bidang Mutasi", "Dr. Siti Rahmawati")


def test_realised_once_every_rhk_has_a_realisation(plans, hr):
    budi = plans.caller(people.SUPERVISOR, "employee")
    budi.post(plan(people.EMPLOYEE) + "/results/2/realisation", json={"realisation": "DI_ATAS"})
    assert _rows(hr.get(LIST, query_string={"status": "agreed"})) == [
        (people.EMPLOYEE, "agreed", 1, 2, True)]


def test_filters_paging_and_counts(plans, hr):
    mutasi = {"unit": "BKPSDM.MUTASI"}
    assert [r[0] for r in _rows(hr.get(LIST, query_string=mutasi))] == [
        people.SUPERVISOR, people.EMPLOYEE, people.PEER]
    assert [r[0] for r in _rows(hr.get(LIST, query_string={"unit": "BKPSDM",
                                                           "subunits": "false"}))] == [people.HEAD]
    assert _rows(hr.get(LIST, query_string={"status": "none"}))[0][0] == people.HEAD
    r = hr.get(LIST, query_string={"page": 2, "page_size": 2})
    assert [x[0] for x in _rows(r)] == [people.EMPLOYEE, people.PEER]
    assert json.loads(r.headers["X-Pagination"])["total"] == 5
    counts = hr.get(COUNTS, query_string=mutasi).get_json()
    assert (counts["employees"], {s["status"]: s["count"] for s in counts["statuses"]}) == (
        3, {"none": 0, "proposed": 0, "returned": 1, "agreed": 1, "revising": 1})


@pytest.mark.parametrize("path, query, field", [
    (LIST, {"status": "draft"}, "status"), (LIST, {"unit": "a b"}, "unit"),
    (LIST, {"subunits": "maybe"}, "subunits"), (LIST, {"colour": "red"}, "colour"),
    (COUNTS, {"status": "agreed"}, "status")])
def test_bad_filters_are_422_naming_the_field(org, hr, path, query, field):
    r = hr.get(path, query_string=query)
    assert r.status_code == 422 and r.mimetype == "application/problem+json", r.get_json()
    assert field in json.dumps(r.get_json()["errors"])


@pytest.mark.parametrize("path", [LIST, COUNTS])
def test_who_lists_plans(org, path):
    assert org.caller(people.AUDITOR, "auditor").get(path).status_code == 200
    assert org.caller(people.SUPERVISOR, "employee").get(path).status_code == 403
    assert org.caller(None).get(path).status_code == 401
    assert org.caller(people.HR, "hr_admin").get(
        f"/periods/2001-Q1/{path.rsplit('/', 1)[1]}").status_code == 404


@pytest.mark.parametrize("who, path, body, code, words", [
    (people.PEER, "/proposal", {"results": [rhk("x")]}, "not_your_own",
     ("Hanya pegawai yang bersangkutan yang dapat menyusun", "writes, revises and evidences")),
    (people.PEER, "/results/1/evidence", {"text": "SK"}, "not_your_own",
     ("Hanya pegawai yang bersangkutan yang dapat menyusun", "writes, revises and evidences")),
    (people.PEER, "/agreement", {}, "not_the_official",
     ("Hanya pejabat penilai pegawai ini yang dapat menyetujui", "agrees, returns or records")),
    (people.PEER, "/results/1/realisation", {"realisation": "SESUAI"}, "not_the_official",
     ("Hanya pejabat penilai pegawai ini yang dapat menyetujui", "agrees, returns or records"))])
def test_a_plans_refusals_speak_of_the_plan(plans, who, path, body, code, words):
    """The codes stay those of the assessments; the titles say what the plan's command needs."""
    caller = plans.caller(who, "employee")
    for language, expected in zip(("id", "en"), words):
        r = caller.post(plan(people.EMPLOYEE) + path, json=body,
                        headers={"Accept-Language": language})
        assert (r.status_code, r.get_json()["code"]) == (403, code), r.get_json()
        assert expected in r.get_json()["title"]
        assert "Penilaian diri" not in r.get_json()["title"]

"""The catalogue over HTTP and its CSV import; bad input gets a clear problem and changes nothing."""
from __future__ import annotations

import pytest

from tests.integration.training.conftest import submitted
from tests.integration.training.test_access_matrix import PROGRAMME
from tests.support import people

T, E = "training_admin", "employee"
HEADER = "code,title_id,title_en,form,kind,jp,competencies,level_min,level_max,provider\n"


def test_a_programme_is_created_updated_retired_and_listed_by_competency(training_env):
    admin = training_env.caller(people.HR, T)
    created = admin.put("/programmes/PLT-DIGITAL", json=PROGRAMME)
    assert created.status_code == 200 and created.get_json()["revision"] == 1
    assert admin.put("/programmes/PLT-DIGITAL", json=PROGRAMME).get_json()["revision"] == 1, "unchanged"
    updated = admin.put("/programmes/PLT-DIGITAL", json={**PROGRAMME, "jp": 24}).get_json()
    assert (updated["jp"], updated["revision"]) == (24, 2)
    listed = training_env.caller(people.EMPLOYEE, E).get("/programmes?competency=M.03&form=klasikal")
    assert "PLT-DIGITAL" in [p["code"] for p in listed.get_json()]
    assert admin.post("/programmes/PLT-DIGITAL/retire", json={"reason": "Usang"}).get_json()["status"] == "retired"
    again = admin.post("/programmes/PLT-DIGITAL/retire", json={"reason": "Usang"})
    assert again.status_code == 409 and again.get_json()["code"] == "programme_retired"
    events = [(e["type"], e["subject"]) for e in training_env.events("Programme") if e["subject"] == "PLT-DIGITAL"]
    assert events == [("training.ProgrammeDefined.v1", "PLT-DIGITAL")] * 2 + [
        ("training.ProgrammeRetired.v1", "PLT-DIGITAL")]


def test_a_retired_programme_is_never_assigned(org):
    admin = org.caller(people.HR, T)
    for code in ("PLT-KOMUNIKASI-EFEKTIF", "PLT-PUBLIC-SPEAKING"):
        assert admin.post(f"/programmes/{code}/retire", json={"reason": "x"}).status_code == 200
    org.consume([submitted(levels={"M.03": 2})])
    assert [r["programme_code"] for r in org.rows("SELECT programme_code FROM assignments")] == [
        "EL-NASKAH-DINAS"]


def test_the_csv_import_applies_every_row_or_none_with_a_row_by_row_report(training_env):
    admin = training_env.caller(people.HR, T)
    before = len(training_env.events())
    bad = (HEADER + "IMP-1,Satu,One,klasikal,coaching,16,M.01,1,3,BPSDM\n"
           "IMP-2,Dua,Two,klasikal,technical,0,M.01,4,2,BPSDM\n"
           "IMP-1,Satu,One,klasikal,technical,16,M.01,1,3,\n"
           "IMP-3,Tiga,Three,klasikal,technical,16,M.01,4,2,BPSDM\n"
           "IMP-1,Satu,One,klasikal,technical,16,M 01,1,3,BPSDM\n")
    refused = admin.post("/imports/programmes", data=bad, content_type="text/csv")
    assert refused.status_code == 422 and refused.get_json()["code"] == "import_rejected"
    assert [(r["row"], r["column"], r["code"]) for r in refused.get_json()["rows"]] == [
        (2, "kind", "kind_not_of_form"), (3, "jp", "out_of_range"), (4, "provider", "missing_value"),
        (5, "level_min", "bad_level_range"), (6, "code", "duplicate_code"),
        (6, "competencies", "invalid_code")]
    assert len(training_env.events()) == before
    good = HEADER + ("IMP-1,Satu,One,klasikal,technical,16,M.01|M.02,1,3,BPSDM\n"
                     "COACH-M03,Coaching Komunikasi,Communication Coaching,nonklasikal,coaching,10,"
                     "M.03,1,4,Atasan langsung (internal)\n")
    summary = admin.post("/imports/programmes", data=good, content_type="text/csv").get_json()
    assert summary == {"rows": 2, "defined": 2, "unchanged": 0}
    assert admin.get("/programmes/IMP-1").get_json()["competencies"] == ["M.01", "M.02"]
    assert admin.post("/imports/programmes", data="a,b\n1,2\n", content_type="text/csv").status_code == 422
    assert admin.post("/imports/programmes", json={"x": 1}).status_code == 415


BAD = [
    ("PUT", "/programmes/P-1", {**PROGRAMME, "jp": 0}, 422, "validation_failed"),
    ("PUT", "/programmes/P-1", {**PROGRAMME, "kind": "coaching"}, 422, "kind_not_of_form"),
    ("PUT", "/programmes/P-1", {**PROGRAMME, "level_min": 4}, 422, "bad_level_range"),
    ("PUT", "/programmes/P-1", {**PROGRAMME, "competencies": ["M.01", "M.01"]}, 422,
     "programme_duplicate_competency"),
    ("PUT", "/programmes/P-1", {**PROGRAMME, "colour": "red"}, 422, "validation_failed"),
    ("POST", "/programmes/NOPE/retire", {"reason": "x"}, 404, "unknown_programme"),
    ("POST", "/assignments/{a}/start", {"started_on": "kemarin"}, 422, "validation_failed"),
    ("POST", "/assignments/{a}/start", {"started_on": "2099-01-01"}, 422, "date_in_future"),
    ("POST", "/assignments/nope/complete", {"completed_on": "2026-01-01", "certificate_number": "S"},
     404, "unknown_assignment"),
    ("POST", "/assignments/{a}/complete", {"completed_on": "2026-01-01"}, 422, "validation_failed"),
    ("POST", "/assignments/{a}/cancel", {}, 422, "validation_failed"),
    ("POST", "/completion-reports/nope/verify", None, 404, "unknown_report"),
]


@pytest.mark.parametrize("method, path, body, status, code", BAD, ids=[f"{m} {p} {c}" for m, p, _, _, c in BAD])
def test_bad_input_is_refused_in_indonesian_or_english_and_changes_nothing(org, method, path, body, status, code):
    org.consume([submitted(levels={"M.03": 2})])
    assignment = org.rows("SELECT assignment_id FROM assignments")[0]["assignment_id"]
    admin = org.caller(people.HR, T)
    before = len(org.events())
    path = path.format(a=assignment)
    indonesian = getattr(admin, method.lower())(path, json=body)
    english = getattr(admin, method.lower())(path, json=body, headers={"Accept-Language": "en"})
    for response, language in ((indonesian, "id"), (english, "en")):
        assert response.status_code == status, response.get_json()
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["code"] == code and response.headers["Content-Language"] == language
    assert indonesian.get_json()["title"] != english.get_json()["title"]
    assert len(org.events()) == before


def test_an_employee_reports_only_their_own_assignments(org):
    org.consume([submitted(levels={"M.04": 1}, required=2)])
    assignment = org.rows("SELECT assignment_id FROM assignments")[0]["assignment_id"]
    peer = org.caller(people.PEER, E)
    body = {"programme_code": "EL-MANAJEMEN-WAKTU", "completed_on": "2026-03-01",
            "certificate_number": "A", "assignment_id": assignment}
    assert peer.post("/completion-reports", json=body).get_json()["code"] == "not_your_assignment"
    assert peer.post(f"/assignments/{assignment}/start",
                     json={"started_on": "2026-03-01"}).get_json()["code"] == "not_your_assignment"
    assert peer.get(f"/assignments/{assignment}").status_code == 403

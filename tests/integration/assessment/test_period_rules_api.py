"""Monthly periods over HTTP: an agency whose period rules (ASN_PERIOD_RULES_FILE) use months
opens 2026-M03 as it opened quarters, and everything that reads a period reads it (the list,
assessments, progress, the curve, the SIASN kinerjaperiodik months); one whose rules use quarters
only is refused a month with a clear problem+json and nothing changed; only HR opens one."""
from __future__ import annotations

from dataclasses import replace

import pytest

from services.assessment.app import create_app
from services.assessment.definition import SERVICE
from shared.db import drop_database
from shared.replay import replay
from tests.integration.assessment.conftest import AssessmentEnv
from tests.support import databases, people
from tests.support.people import assessment
from tools import siasn

MONTH = {"kind": "monthly", "year": 2026, "month": 3}


def _env(template, tmp_path, periodic: str):
    rules = tmp_path / "period_rules.yaml"
    rules.write_text(f"periodic: {periodic}\nannual: true\n", "utf-8")
    settings = replace(databases.copy(SERVICE, template), data_files={"period_rules": str(rules)})
    return AssessmentEnv(settings, create_app(settings))


@pytest.fixture
def assessment_env(assessment_template, tmp_path):
    """The service of an agency appraising monthly (and, this year, quarterly too)."""
    env = _env(assessment_template, tmp_path, "[monthly, quarterly]")
    yield env
    env.app.extensions["asn.pool"].close()
    drop_database(env.settings.server_url(), env.settings.database_name(SERVICE.name))


def test_a_month_is_opened_and_read_wherever_a_period_is(org, hr):
    assert hr.get("/period-rules").get_json() == {"periodic": ["monthly", "quarterly"],
                                                  "annual": True, "annual_policy": "mode"}
    assert org.caller(None).get("/period-rules").status_code == 401
    r = hr.post("/periods", json=MONTH)
    assert r.status_code == 201, r.get_json()
    period = r.get_json()
    assert (period["period_id"], period["kind"], period["month"], period["quarter"],
            period["starts_on"], period["ends_on"], period["status"]) == (
        "2026-M03", "monthly", 3, None, "2026-03-01", "2026-03-31", "open")
    assert [p["period_id"] for p in hr.get("/periods").get_json()] == ["2026-M03", "2026-Q1"]
    r = org.caller(people.SUPERVISOR, "employee").post(
        f"/periods/2026-M03/assessments/{people.EMPLOYEE}/supervisor/submission",
        json=assessment(work_result="DI_ATAS", work_behaviour="DI_ATAS"))
    assert r.status_code == 201, r.get_json()
    progress = hr.get("/periods/2026-M03/progress", query_string={"unit": "BKPSDM.MUTASI"})
    assert progress.status_code == 200
    curve = hr.get("/periods/2026-M03/units/BKPSDM.MUTASI/curve").get_json()
    assert curve["employees"] == 1
    rows = siasn.read_kinerja(lambda _, path, **q: hr.get(path, query_string=q).get_json(),
                              lambda _, path, **q: hr.get(path, query_string=q).get_json(),
                              "2026-M03", "BKPSDM.MUTASI", siasn.load_codes())
    assert [(r["nipBaru"], r["bulanMulaiPenilaian"], r["bulanSelesaiPenilaian"], r["tahun"],
             r["kuadranKinerja"]) for r in rows] == [(people.EMPLOYEE, 3, 3, 2026, "Sangat Baik")]
    assert hr.post("/periods/2026-M03/close").get_json()["status"] == "closed"
    report = replay(SERVICE, org.settings, progress=False)  # the month rebuilt from its event
    assert report.equal and {t.table: t.equal for t in report.tables}["periods"]


def test_a_cadence_the_agency_does_not_use_is_refused_and_nothing_changes(
        assessment_template, tmp_path):
    env = _env(assessment_template, tmp_path, "[monthly]")
    try:
        hr = env.caller(people.HR, "hr_admin")
        r = hr.post("/periods", json={"kind": "quarterly", "year": 2026, "quarter": 1},
                    headers={"Accept-Language": "en"})
        assert r.status_code == 422 and r.mimetype == "application/problem+json"
        problem = r.get_json()
        assert problem["code"] == "period_kind_not_used"
        assert problem["title"] == "The agency does not use this kind of period (period rules)"
        assert problem["errors"]["kind"]
        for body, code in (({**MONTH, "month": 13}, "validation_failed"),
                           ({**MONTH, "quarter": 1}, "bad_period"),
                           ({"kind": "monthly", "year": 2026}, "bad_period")):
            r = hr.post("/periods", json=body)
            assert (r.status_code, r.get_json()["code"]) == (422, code), body
        assert hr.get("/periods").get_json() == [] and env.events("Period") == []
        assert env.caller(people.SUPERVISOR, "employee").post(
            "/periods", json=MONTH).status_code == 403
        assert env.caller(None).post("/periods", json=MONTH).status_code == 401
        assert hr.post("/periods", json=MONTH).status_code == 201
    finally:
        env.app.extensions["asn.pool"].close()
        drop_database(env.settings.server_url(), env.settings.database_name(SERVICE.name))

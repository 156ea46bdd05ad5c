"""Assignments through their states over HTTP; JP per year, plans, JPM and unit compliance."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from services.training.app import create_app
from services.training.definition import SERVICE
from shared.db import drop_database
from tests.integration.training.conftest import TrainingEnv, period, submitted
from tests.support import databases, people

NIP = people.EMPLOYEE
T, E, H = "training_admin", "employee", "hr_admin"


def ok(response, status=(200, 201)):
    assert response.status_code in status, response.get_json()
    return response.get_json()


def assignment_of(env, competency, nip=NIP):
    return env.rows("SELECT assignment_id FROM assignments WHERE nip = %s AND competency = %s"
                    " ORDER BY assigned_at", nip, competency)[-1]["assignment_id"]


def test_an_assignment_goes_from_assigned_to_completed_and_counts_in_the_year_of_completion(org):
    org.consume([submitted(levels={"M.03": 2, "M.04": 2})])
    admin, me = org.caller(people.HR, T), org.caller(NIP, E)
    first, second = assignment_of(org, "M.03"), assignment_of(org, "M.04")
    assert ok(me.post(f"/assignments/{first}/start", json={"started_on": "2026-02-01"}))["status"] == "in_progress"
    done = ok(admin.post(f"/assignments/{first}/complete",
                         json={"completed_on": "2026-02-10", "certificate_number": "SERT/2026/001"}))
    assert (done["status"], done["completed_jp"]) == ("completed", 20)
    again = admin.post(f"/assignments/{first}/cancel", json={"note": "terlambat"})
    assert again.status_code == 409 and again.get_json()["code"] == "assignment_closed"
    twice = me.post(f"/assignments/{second}/start", json={"started_on": "2026-02-01"})
    assert twice.status_code == 200
    refused = me.post(f"/assignments/{second}/start", json={"started_on": "2026-02-02"},
                      headers={"Accept-Language": "en"})
    assert refused.status_code == 409 and refused.get_json()["code"] == "invalid_transition"
    assert refused.get_json()["title"] == "The assignment's state does not allow this"
    ok(admin.post(f"/assignments/{second}/cancel", json={"note": "Dialihkan"}))
    progress = ok(me.get(f"/employees/{NIP}/jp?year=2026"))
    assert (progress["completed_jp"], progress["shortfall"], progress["met"]) == (20, 0, True)
    plan = ok(me.get("/me/plan?year=2026"))
    assert (plan["planned_jp"], plan["completed_jp"]) == (20, 20)
    assert [a["status"] for a in plan["assignments"]] == ["completed", "cancelled"]
    assert ok(me.get(f"/employees/{NIP}/jp?year=2027"))["completed_jp"] == 0


def test_self_paced_learning_is_reported_by_the_employee_and_verified_by_an_admin(org):
    me, admin = org.caller(NIP, E), org.caller(people.HR, T)
    classical = me.post("/completion-reports", json={
        "programme_code": "PLT-PELAYANAN-PRIMA", "completed_on": "2026-03-01",
        "certificate_number": "X-1"})
    assert classical.status_code == 422 and classical.get_json()["code"] == "not_self_paced"
    report = ok(me.post("/completion-reports", json={
        "programme_code": "EL-MANAJEMEN-WAKTU", "completed_on": "2026-03-01",
        "certificate_number": "ASNU-778899"}))
    assert (report["status"], report["assignment_id"], report["jp"]) == ("pending", None, 8)
    assert ok(me.get("/me/plan?year=2026"))["completed_jp"] == 0, "not counted before verification"
    ok(admin.post(f"/completion-reports/{report['report_id']}/verify"))
    again = admin.post(f"/completion-reports/{report['report_id']}/verify")
    assert again.status_code == 409 and again.get_json()["code"] == "report_verified"
    assert ok(me.get("/me/plan?year=2026"))["completed_jp"] == 8
    assert [e["type"] for e in org.events("training.")][-2:] == [
        "training.CompletionReported.v1", "training.TrainingCompleted.v1"]


def test_a_report_completes_the_open_assignment_of_that_programme(org):
    with org.connect() as conn:  # only e-learning left for M.04 at level 1
        conn.execute("UPDATE programmes SET status = 'retired' WHERE 'M.04' = ANY(competencies)"
                     " AND code <> 'EL-MANAJEMEN-WAKTU'")
        conn.commit()
    org.consume([submitted(levels={"M.04": 1}, required=2)])
    assigned = assignment_of(org, "M.04")
    me = org.caller(NIP, E)
    report = ok(me.post("/completion-reports", json={
        "programme_code": "EL-MANAJEMEN-WAKTU", "completed_on": "2026-03-05", "certificate_number": "A-1"}))
    assert report["assignment_id"] == assigned
    ok(org.caller(people.HR, T).post(f"/completion-reports/{report['report_id']}/verify"))
    assert ok(me.get(f"/assignments/{assigned}"))["status"] == "completed"


def test_an_employee_reports_the_classical_training_they_were_assigned(org):
    org.consume([submitted(levels={"M.03": 2})])
    assigned = assignment_of(org, "M.03")
    me, other = org.caller(NIP, E), org.caller(people.PEER, E)
    code = ok(me.get(f"/assignments/{assigned}"))["programme_code"]
    assert ok(me.get(f"/programmes/{code}"))["form"] == "klasikal"
    theirs = other.post("/completion-reports", json={
        "programme_code": code, "completed_on": "2026-03-05", "certificate_number": "B-1",
        "assignment_id": assigned})
    assert theirs.status_code == 403 and theirs.get_json()["code"] == "not_your_assignment"
    report = ok(me.post("/completion-reports", json={
        "programme_code": code, "completed_on": "2026-03-05", "certificate_number": "B-1",
        "assignment_id": assigned}))
    assert (report["status"], report["assignment_id"]) == ("pending", assigned)
    assert ok(me.get(f"/assignments/{assigned}"))["status"] == "assigned", "until verified"
    ok(org.caller(people.HR, T).post(f"/completion-reports/{report['report_id']}/verify"))
    assert ok(me.get(f"/assignments/{assigned}"))["status"] == "completed"


def test_jp_count_by_the_year_of_completion_across_periods(org):
    org.consume([period("2025-Q4", 2025, 4)])
    org.consume([submitted(levels={"M.03": 2}, period_id="2025-Q4"), submitted(levels={"M.05": 2})])
    admin = org.caller(people.HR, T)
    ok(admin.post(f"/assignments/{assignment_of(org, 'M.03')}/complete",
                  json={"completed_on": "2026-01-05", "certificate_number": "S-1", "jp": 12}))
    ok(admin.post(f"/assignments/{assignment_of(org, 'M.05')}/complete",
                  json={"completed_on": "2026-02-15", "certificate_number": "S-2"}))
    by_year = {y: ok(admin.get(f"/employees/{NIP}/jp?year={y}"))["completed_jp"] for y in (2025, 2026)}
    assert by_year == {2025: 0, 2026: 36}, "the year of completion, not of the period"
    plan25 = ok(admin.get(f"/employees/{NIP}/plan?year=2025"))
    assert ([a["competency"] for a in plan25["assignments"]], plan25["completed_jp"]) == (["M.03"], 0)
    future = admin.post(f"/assignments/{assignment_of(org, 'M.03')}/cancel", json={"note": "x"})
    assert future.status_code == 409


def test_unit_compliance_lists_who_is_under_20_jp_including_sub_units(org):
    org.consume([submitted(levels={"M.03": 2}), submitted(nip=people.PEER, levels={"M.03": 2})])
    ok(org.caller(people.HR, T).post(f"/assignments/{assignment_of(org, 'M.03')}/complete",
                                     json={"completed_on": "2026-02-10", "certificate_number": "S"}))
    hr = org.caller(people.HR, H)
    report = ok(hr.get("/units/BKPSDM/compliance?year=2026"))
    assert (report["employees"], report["compliant"]) == (4, 1)
    assert [u["nip"] for u in report["under"]] == [people.HEAD, people.SUPERVISOR, people.PEER]
    assert "everyone" not in report
    whole = ok(hr.get("/units/BKPSDM/compliance?year=2026&everyone=true"))
    assert whole["under"] == report["under"]
    assert [(e["nip"], e["met"]) for e in whole["everyone"]] == [
        (people.HEAD, False), (people.SUPERVISOR, False), (people.EMPLOYEE, True), (people.PEER, False)]
    assert next(e for e in whole["everyone"] if e["met"])["shortfall"] == 0
    only_top = ok(hr.get("/units/BKPSDM/compliance?year=2026&subunits=false"))
    assert only_top["employees"] == 1
    assert hr.get("/units/NOWHERE/compliance").status_code == 404


def test_jpm_from_the_latest_supervisor_assessment(org):
    hr = org.caller(people.HR, H)
    assert hr.get(f"/employees/{NIP}/jpm").get_json()["code"] == "no_assessment"
    org.consume([submitted(levels={"M.03": 2, "M.04": 2})])  # 25 of 27 = 92.59
    result = ok(hr.get(f"/employees/{NIP}/jpm"))
    assert (result["score"], result["category"], result["label"]) == (92.59, "optimal", "Optimal")
    org.consume([submitted(levels={c: 2 for c in people.CORE[:5]}, submission=2)])  # 22/27
    result = ok(hr.get(f"/employees/{NIP}/jpm", headers={"Accept-Language": "en"}))
    assert (result["score"], result["category"], result["label"]) == (81.48, "cukup_optimal", "Fairly optimal")


def test_a_supervisor_sees_the_plans_of_direct_reports_only(org):
    org.consume([submitted(levels={"M.04": 5})])
    boss = org.caller(people.SUPERVISOR, E)
    plan = ok(boss.get(f"/employees/{NIP}/plan?year=2026"))
    assert [o["competency"] for o in plan["opportunities"]] == ["M.04"]
    assert boss.get(f"/employees/{people.OUTSIDER}/plan").status_code == 403
    assert org.caller(people.HEAD, E).get(f"/employees/{NIP}/plan").status_code == 403, "not indirect"
    assert org.caller(people.PEER, E).get(f"/employees/{NIP}/jp").status_code == 403


def test_replay_rebuilds_what_the_api_and_the_consumer_recorded(org):
    from services.training.definition import SERVICE
    from shared.replay import replay
    org.consume([submitted(levels={"M.03": 2, "M.04": 2})])
    admin, me = org.caller(people.HR, T), org.caller(NIP, E)
    ok(admin.post(f"/assignments/{assignment_of(org, 'M.03')}/complete",
                  json={"completed_on": "2026-02-10", "certificate_number": "S-1"}))
    ok(admin.post(f"/assignments/{assignment_of(org, 'M.04')}/cancel", json={"note": "x"}))
    report = ok(me.post("/completion-reports", json={
        "programme_code": "EL-NASKAH-DINAS", "completed_on": "2026-03-01", "certificate_number": "E"}))
    ok(admin.post(f"/completion-reports/{report['report_id']}/verify"))
    ok(admin.post("/programmes/SEM-KEBHINEKAAN/retire", json={"reason": "x"}))
    before = len(org.events())
    result = replay(SERVICE, org.settings, progress=False)
    assert result.equal, [t for t in result.tables if not t.equal]
    assert {t.table: t.live_rows for t in result.tables}["completions"] == 2
    assert len(org.events()) == before


def test_a_retried_completion_with_the_same_idempotency_key_records_once(org):
    org.consume([submitted(levels={"M.03": 2})])
    admin = org.caller(people.HR, T)
    path = f"/assignments/{assignment_of(org, 'M.03')}/complete"
    body = {"completed_on": "2026-02-10", "certificate_number": "S-9"}
    first = admin.post(path, json=body, headers={"Idempotency-Key": "selesai-1"})
    again = admin.post(path, json=body, headers={"Idempotency-Key": "selesai-1"})
    assert first.status_code == again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true" and again.get_json() == first.get_json()
    assert len(org.events("TrainingCompleted")) == 1


def test_today_is_the_agencys_day_not_the_servers(training_template):
    """A completion dated the agency's today is accepted and its tomorrow refused, wherever the
    server's clock stands: of a zone 14 hours ahead of UTC and one 12 hours behind, at least one
    is on another day than the server at any moment, so the test always crosses a date line."""
    zone = next(z for z in ("Pacific/Kiritimati", "Etc/GMT+12")
                if datetime.now(ZoneInfo(z)).date() != date.today())
    settings = databases.copy(SERVICE, training_template).with_(timezone=zone)
    app = create_app(settings)
    try:
        me = TrainingEnv(settings, app).caller(NIP, E)
        today = datetime.now(ZoneInfo(zone)).date()
        body = {"programme_code": "EL-MANAJEMEN-WAKTU", "certificate_number": "TZ-1"}
        ok(me.post("/completion-reports", json={**body, "completed_on": today.isoformat()}))
        late = me.post("/completion-reports", json={
            **body, "completed_on": (today + timedelta(days=1)).isoformat()})
        assert late.status_code == 422 and late.get_json()["code"] == "date_in_future"
    finally:
        app.extensions["asn.pool"].close()
        drop_database(settings.server_url(), settings.database_name(SERVICE.name))

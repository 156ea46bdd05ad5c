"""Every endpoint against every role: the allowed get past the gate, the rest get 401/403 and change nothing.

A route added without a row here fails ``test_every_route_is_in_the_matrix``.
"""
from __future__ import annotations

import pytest

from tests.support import people
from tests.support.access import assert_refused, caller_for, routes, send
from tests.support.people import PERIOD, assessment
from tests.integration.assessment.test_plan_api import PLAN, plan_for, rhk as plan_rhk

E, H, T, A = "employee", "hr_admin", "training_admin", "auditor"
ALL = (E, H, T, A)
ONE = f"/periods/{PERIOD}/assessments/{people.EMPLOYEE}"
MUTASI = f"/periods/{PERIOD}/units/BKPSDM.MUTASI"
BEHAVIOUR_NOTES = f"/periods/{PERIOD}/employees/{people.EMPLOYEE}/behaviour-notes"
BEHAVIOUR_INPUT = f"/periods/{PERIOD}/employees/{people.EMPLOYEE}/behaviour-input"
UNIT = {"code": "BARU", "name": "Unit Baru"}
TECHNICAL = {"code": "T.KEU.01", "name": {"id": "Pengelolaan Keuangan Daerah", "en": "Regional Finance"},
             "definition": {"id": "Mengelola keuangan daerah.", "en": "Manages regional finance."},
             "levels": [{"level": n, "title": {"id": f"Level {n}", "en": f"Level {n}"},
                         "indicators": [f"Indikator {n}"]} for n in range(1, 6)]}
EMPLOYEE_IN = {"nip": "199505052020122001", "name": "Pegawai Baru", "position_code": "ANALIS",
               "unit_code": "BKPSDM.MUTASI", "supervisor_nip": people.SUPERVISOR}
CSV = ("NIP_BARU,NAMA,JABATAN_ID,JABATAN_NAMA,JENJANG_JABATAN,UNOR_ID,UNOR_NAMA,UNOR_INDUK_ID,NIP_ATASAN\n"
       f"199505052020122001,Pegawai Baru,ANALIS,Analis SDM Aparatur,AHLI_PERTAMA,BKPSDM.MUTASI,"
       f"Bidang Mutasi,BKPSDM,{people.SUPERVISOR}\n")

# (method, rule as in the url map, concrete path, roles let through, the NIP an employee calls as, body)
MATRIX = [
    ("GET", "/competencies", "/competencies", ALL, None, None),
    ("POST", "/competencies", "/competencies", (H,), None, TECHNICAL),
    ("GET", "/competencies/<code>", "/competencies/M.01", ALL, None, None),
    ("GET", "/job-levels", "/job-levels", ALL, None, None),
    ("GET", "/positions", "/positions", ALL, None, None),
    ("GET", "/positions/<code>", "/positions/ANALIS", ALL, None, None),
    ("PUT", "/positions/<code>", "/positions/BARU", (H,), None,
     {"title": "Jabatan Baru", "job_level": "PELAKSANA"}),
    ("GET", "/units", "/units", (H, A), None, None),
    ("POST", "/units", "/units", (H,), None, UNIT),
    ("GET", "/employees", "/employees", (H, A), None, None),
    ("POST", "/employees", "/employees", (H,), None, EMPLOYEE_IN),
    ("GET", "/employees/<nip>", f"/employees/{people.EMPLOYEE}", (E, H, A), people.EMPLOYEE, None),
    ("PATCH", "/employees/<nip>", f"/employees/{people.EMPLOYEE}", (H,), None, {"name": "Ayu L."}),
    ("GET", "/employees/<nip>/history", f"/employees/{people.EMPLOYEE}/history", (E, H, A),
     people.EMPLOYEE, None),
    ("GET", "/employees/<nip>/officials", f"/employees/{people.EMPLOYEE}/officials", (E, H, A),
     people.EMPLOYEE, None),
    ("GET", "/me", "/me", (E,), people.EMPLOYEE, None),
    ("GET", "/me/assessments", "/me/assessments", (E,), people.EMPLOYEE, None),
    ("POST", "/imports/employees", "/imports/employees", (H,), None, CSV),
    ("POST", "/imports/employees/check", "/imports/employees/check", (H,), None, CSV),
    ("GET", "/periods", "/periods", ALL, None, None),
    ("GET", "/period-rules", "/period-rules", ALL, None, None),
    ("GET", "/me/annual", "/me/annual", (E,), None, None),
    ("GET", "/periods/<period_id>/assessments/<nip>/supervisor/annual",
     f"/periods/2026/assessments/{people.EMPLOYEE}/supervisor/annual", (E, H, A), people.EMPLOYEE,
     None),
    ("POST", "/periods/<period_id>/assessments/<nip>/supervisor/annual",
     f"/periods/2026/assessments/{people.EMPLOYEE}/supervisor/annual", (E,), people.SUPERVISOR,
     {"predikat": "BAIK"}),
    ("POST", "/periods", "/periods", (H,), None, {"kind": "annual", "year": 2026}),
    ("POST", "/periods/<period_id>/close", f"/periods/{PERIOD}/close", (H,), None, None),
    ("GET", "/periods/<period_id>/assessments/<nip>/<any(self, supervisor):role>", f"{ONE}/self",
     (E, H, A), people.EMPLOYEE, None),
    ("GET", "/periods/<period_id>/assessments/<nip>/<any(self, supervisor):role>/draft",
     f"{ONE}/supervisor/draft", (E,), people.SUPERVISOR, None),
    ("PUT", "/periods/<period_id>/assessments/<nip>/<any(self, supervisor):role>/draft",
     f"{ONE}/supervisor/draft", (E,), people.SUPERVISOR, assessment()),
    ("POST", "/periods/<period_id>/assessments/<nip>/<any(self, supervisor):role>/submission",
     f"{ONE}/supervisor/submission", (E,), people.SUPERVISOR, assessment()),
    ("POST", "/periods/<period_id>/assessments/<nip>/<any(self, supervisor):role>/reopen",
     f"{ONE}/self/reopen", (H,), None, {"reason": "Perlu dikoreksi"}),
    ("GET", "/assessments", "/assessments", (H, A), None, None),
    ("GET", "/periods/<period_id>/progress", f"/periods/{PERIOD}/progress", (H, A), None, None),
    ("GET", "/periods/<period_id>/progress/units", f"/periods/{PERIOD}/progress/units", (H, A),
     None, None),
    ("GET", "/periods/<period_id>/my-reports", f"/periods/{PERIOD}/my-reports", (E,),
     people.SUPERVISOR, None),
    ("GET", "/periods/<period_id>/predikat", f"/periods/{PERIOD}/predikat", (H, A), None, None),
    ("GET", "/periods/<period_id>/curve", f"/periods/{PERIOD}/curve", (H, A), None, None),
    ("GET", "/periods/<period_id>/units/<unit_code>/curve", f"{MUTASI}/curve", (H, A), None,
     None),
    ("PUT", "/periods/<period_id>/units/<unit_code>/predicate", f"{MUTASI}/predicate", (H,), None,
     {"predikat": "BAIK", "basis": "Keputusan Kepala Badan"}),
    ("POST", "/periods/<period_id>/units/<unit_code>/curve-exception", f"{MUTASI}/curve-exception",
     (H,), None, {"reason": "Unit kecil"}),
    ("GET", "/periods/<period_id>/units/<unit_code>/calibration", f"{MUTASI}/calibration", (H, A),
     None, None),
    ("POST", "/periods/<period_id>/units/<unit_code>/calibration", f"{MUTASI}/calibration", (H,),
     None, None),
    ("POST", "/periods/<period_id>/units/<unit_code>/calibration/close",
     f"{MUTASI}/calibration/close", (H,), None, None),
    ("POST", "/periods/<period_id>/assessments/<nip>/supervisor/calibration",
     f"/periods/{PERIOD}/assessments/{people.PEER}/supervisor/calibration", (E, H),
     people.SUPERVISOR, {"predikat": "KURANG", "reason": "Kalibrasi"}),
    ("GET", "/periods/<period_id>/assessments/<nip>/supervisor/predikat-changes",
     f"{ONE}/supervisor/predikat-changes", (E, H, A), people.EMPLOYEE, None),
    ("GET", "/periods/<period_id>/assessments/<nip>/supervisor/objection",
     f"{ONE}/supervisor/objection", (E, H, A), people.EMPLOYEE, None),
    ("POST", "/periods/<period_id>/assessments/<nip>/supervisor/objection",
     f"{ONE}/supervisor/objection", (E,), people.EMPLOYEE, {"reasons": "Semua target tercapai"}),
    ("POST", "/periods/<period_id>/assessments/<nip>/supervisor/objection/explanation",
     f"{ONE}/supervisor/objection/explanation", (E,), people.SUPERVISOR,
     {"explanation": "Bukti belum lengkap"}),
    ("POST", "/periods/<period_id>/assessments/<nip>/supervisor/objection/decision",
     f"{ONE}/supervisor/objection/decision", (E,), people.HEAD,
     {"decision": "upheld", "reason": "Sesuai bukti"}),
    ("GET", "/objections", "/objections", (H, A), None, None),
    ("GET", "/me/calibration", "/me/calibration", (E,), people.SUPERVISOR, None),
    ("GET", "/me/objections", "/me/objections", (E,), people.HEAD, None),
    ("GET", "/behaviour/values", "/behaviour/values", (E, H, A), None, None),
    ("GET", "/periods/<period_id>/employees/<nip>/behaviour-notes", BEHAVIOUR_NOTES, (E, H, A),
     people.SUPERVISOR, None),
    ("POST", "/periods/<period_id>/employees/<nip>/behaviour-notes", BEHAVIOUR_NOTES, (E,),
     people.SUPERVISOR, {"value": "akuntabel", "kind": "positive", "observed_on": "2026-02-10",
                         "text": "Laporan tepat waktu"}),
    ("GET", "/periods/<period_id>/employees/<nip>/behaviour-input", BEHAVIOUR_INPUT, (E, H, A),
     people.SUPERVISOR, None),
    ("POST", "/periods/<period_id>/employees/<nip>/behaviour-invitations",
     f"/periods/{PERIOD}/employees/{people.EMPLOYEE}/behaviour-invitations", (E,),
     people.SUPERVISOR, {"invitee_nip": people.PEER}),
    ("POST", "/periods/<period_id>/employees/<nip>/behaviour-input", BEHAVIOUR_INPUT, (E,),
     people.PEER, {"answers": [{"value": "loyal", "choice": "meets"}]}),
    ("GET", "/me/behaviour-invitations", "/me/behaviour-invitations", (E,), people.PEER, None),
    ("GET", "/periods/<period_id>/plans/<nip>", PLAN, (E, H, A), people.EMPLOYEE, None),
    ("POST", "/periods/<period_id>/plans/<nip>/proposal", f"{PLAN}/proposal", (E,),
     people.EMPLOYEE, {"results": [plan_rhk("Layanan")]}),
    ("POST", "/periods/<period_id>/plans/<nip>/revision", f"{PLAN}/revision", (E,),
     people.EMPLOYEE, {"results": [plan_rhk("Layanan")], "reason": "Tugas baru"}),
    ("POST", "/periods/<period_id>/plans/<nip>/agreement", f"{PLAN}/agreement", (E,),
     people.SUPERVISOR, {}),
    ("POST", "/periods/<period_id>/plans/<nip>/return", f"{PLAN}/return", (E,),
     people.SUPERVISOR, {"note": "Perbaiki"}),
    ("GET", "/periods/<period_id>/team-plans", f"/periods/{PERIOD}/team-plans", (E,),
     people.SUPERVISOR, None),
    ("GET", "/periods/<period_id>/plans", f"/periods/{PERIOD}/plans", (H, A), None, None),
    ("GET", "/periods/<period_id>/plan-counts", f"/periods/{PERIOD}/plan-counts", (H, A), None,
     None),
    ("POST", "/periods/<period_id>/plans/<nip>/results/<int:rhk>/evidence",
     f"{PLAN}/results/1/evidence", (E,), people.EMPLOYEE, {"text": "SK"}),
    ("POST", "/periods/<period_id>/plans/<nip>/results/<int:rhk>/evidence/file",
     f"{PLAN}/results/1/evidence/file?name=a.csv", (E,), people.EMPLOYEE, "a,b\n"),
    ("POST", "/periods/<period_id>/plans/<nip>/results/<int:rhk>/realisation",
     f"{PLAN}/results/1/realisation", (E,), people.SUPERVISOR, {"realisation": "SESUAI"}),
    ("GET", "/evidence-files/<file_id>", f"/evidence-files/{PERIOD}-{people.EMPLOYEE}-3",
     (E, H, A), people.EMPLOYEE, None),
    ("GET", "/audit/events", f"/audit/events?subject={people.EMPLOYEE}", (H, A), None, None),
    ("GET", "/audit/replays", "/audit/replays", (H, A), None, None),
]


def test_every_route_is_in_the_matrix(assessment_env):
    assert routes(assessment_env.app) == {(m, rule) for m, rule, *_ in MATRIX}


@pytest.mark.parametrize("method, rule, path, allowed, acting_nip, body", MATRIX,
                         ids=[f"{m} {r}" for m, r, *_ in MATRIX])
def test_only_the_allowed_roles_pass(org, method, rule, path, allowed, acting_nip, body):
    # Something to read and to reopen: a submitted self-assessment and a supervisor's draft.
    assert org.caller(people.EMPLOYEE, E).post(f"{ONE}/self/submission", json=assessment()).status_code == 201
    assert org.caller(people.SUPERVISOR, E).put(f"{ONE}/supervisor/draft",
                                                json={"ratings": []}).status_code == 200
    hr = org.caller(people.HR, H)
    if path.endswith(("/curve-exception", "/supervisor/calibration")):  # Mutasi rated Baik with
        # its one predikat Baik (no Butuh Perbaikan or Kurang): a broken curve to except
        assert hr.put(f"{MUTASI}/predicate", json={"predikat": "BAIK", "basis": "SK"}).status_code == 200
        assert org.caller(people.SUPERVISOR, E).post(
            f"/periods/{PERIOD}/assessments/{people.PEER}/supervisor/submission",
            json=assessment()).status_code == 201
    if path.endswith(("/calibration/close", "/supervisor/calibration")):  # a session to use
        assert hr.post(f"{MUTASI}/calibration").status_code == 201
    if "/objection" in path:  # a result to object to, and (but to file it) an objection
        assert org.caller(people.SUPERVISOR, E).post(f"{ONE}/supervisor/submission",
                                                     json=assessment()).status_code == 201
        if not (method == "POST" and path.endswith("/objection")):
            assert org.caller(people.EMPLOYEE, E).post(f"{ONE}/supervisor/objection", json={
                "reasons": "Semua target tercapai"}).status_code == 201
    if path.endswith("/supervisor/annual"):  # a periodic result and the annual assessment
        assert hr.post("/periods", json={"kind": "annual", "year": 2026}).status_code == 201
        for period_id in (PERIOD, "2026"):
            assert org.caller(people.SUPERVISOR, E).post(
                f"/periods/{period_id}/assessments/{people.EMPLOYEE}/supervisor/submission",
                json=assessment()).status_code == 201
    if method == "POST" and path == BEHAVIOUR_INPUT:  # an invitation to answer
        assert org.caller(people.SUPERVISOR, E).post(
            path.replace("-input", "-invitations"), json={"invitee_nip": people.PEER}
        ).status_code == 201
    if "/plans/" in path or "/evidence-files/" in path:  # a plan (agreed, with a file) to use
        plan_for(org, path)
    assert_refused(org, method, path, body, allowed)
    for role in allowed:
        response = send(caller_for(org, role, acting_nip), method, path, body)
        assert response.status_code in (200, 201), (role, response.get_json())

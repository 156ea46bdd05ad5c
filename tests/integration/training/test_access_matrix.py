"""Every training endpoint against every role: the allowed get past the gate, the rest get 401/403
and change nothing. A route added without a row here fails ``test_every_route_is_in_the_matrix``."""
from __future__ import annotations

import pytest

from tests.integration.training.conftest import submitted
from tests.support import people
from tests.support.access import assert_refused, caller_for, routes, send

E, H, T, A = "employee", "hr_admin", "training_admin", "auditor"
ALL = (E, H, T, A)
NIP = people.EMPLOYEE
PROGRAMME = {"title": {"id": "Pelatihan Baru", "en": "New Training"}, "form": "klasikal",
             "kind": "technical", "jp": 16, "competencies": ["M.03"], "level_min": 1,
             "level_max": 3, "provider": "BPSDM"}
CSV = ("code,title_id,title_en,form,kind,jp,competencies,level_min,level_max,provider\n"
       "IMP-1,Pelatihan Impor,Imported Training,klasikal,technical,16,M.01|M.02,1,3,BPSDM\n")
REPORT = {"programme_code": "EL-MANAJEMEN-WAKTU", "completed_on": "2026-03-01",
          "certificate_number": "ASNU-1"}

OPPORTUNITY = f"/opportunities/{NIP}/{people.PERIOD}/{{o}}"
STRENGTHS = ("M.05", "M.06", "M.07", "M.08")  # rated 4 where 3 is required: one opportunity per role
# (method, rule, path (with {a} = an assignment, {r} = a report, {o} = an opportunity's
#  competency), roles let through,
#  the NIP an employee calls as, body)
MATRIX = [
    ("GET", "/programmes", "/programmes", ALL, None, None),
    ("GET", "/programmes/<code>", "/programmes/COACH-M03", ALL, None, None),
    ("PUT", "/programmes/<code>", "/programmes/NEW-1", (T,), None, PROGRAMME),
    ("POST", "/programmes/<code>/retire", "/programmes/SEM-KEBHINEKAAN/retire", (T,), None,
     {"reason": "Tidak lagi diselenggarakan"}),
    ("POST", "/imports/programmes", "/imports/programmes", (T,), None, CSV),
    ("POST", "/imports/programmes/check", "/imports/programmes/check", (T,), None, CSV),
    ("GET", "/assignments", "/assignments", (T, H, A), None, None),
    ("GET", "/assignments/<assignment_id>", "/assignments/{a}", ALL, NIP, None),
    ("POST", "/assignments/<assignment_id>/start", "/assignments/{a}/start", (T, E), NIP,
     {"started_on": "2026-02-01"}),
    ("POST", "/assignments/<assignment_id>/complete", "/assignments/{a}/complete", (T,), None,
     {"completed_on": "2026-02-01", "certificate_number": "S-1"}),
    ("POST", "/assignments/<assignment_id>/cancel", "/assignments/{a}/cancel", (T,), None,
     {"note": "Dibatalkan"}),
    ("GET", "/completion-reports", "/completion-reports", (T, H, A), None, None),
    ("POST", "/completion-reports", "/completion-reports", (E,), NIP,
     {**REPORT, "programme_code": "EL-NASKAH-DINAS"}),
    ("POST", "/completion-reports/<report_id>/verify", "/completion-reports/{r}/verify", (T,), None,
     None),
    ("POST", "/completion-reports/<report_id>/reject", "/completion-reports/{r}/reject", (T,),
     None, {"reason": "Nomor sertifikat tidak cocok"}),
    ("GET", "/employees/<nip>/plan", f"/employees/{NIP}/plan", ALL, people.SUPERVISOR, None),
    ("GET", "/employees/<nip>/jp", f"/employees/{NIP}/jp", ALL, NIP, None),
    ("GET", "/employees/<nip>/jpm", f"/employees/{NIP}/jpm", ALL, people.SUPERVISOR, None),
    ("GET", "/me/plan", "/me/plan", (E,), NIP, None),
    ("GET", "/units/<code>/compliance", "/units/BKPSDM/compliance", (H, A, T), None, None),
    ("GET", "/reports/jpm", "/reports/jpm?period=2026-Q1&unit=BKPSDM", (H, A, T), None, None),
    ("GET", "/reports/compliance", "/reports/compliance?unit=BKPSDM", (H, A, T), None, None),
    ("GET", "/opportunities", "/opportunities", (H, A), None, None),
    ("GET", "/opportunities/<nip>/<period_id>/<competency>", OPPORTUNITY, ALL, NIP, None),
    ("POST", "/opportunities/<nip>/<period_id>/<competency>/assignment", f"{OPPORTUNITY}/assignment",
     (H, E), people.SUPERVISOR, {"role": "Narasumber acara resmi", "starts_on": "2026-05-01"}),
    ("POST", "/opportunities/<nip>/<period_id>/<competency>/decline", f"{OPPORTUNITY}/decline",
     (H, E), people.SUPERVISOR, {"reason": "Sedang cuti besar"}),
    ("GET", "/me/reports/opportunities", "/me/reports/opportunities", (E,), people.SUPERVISOR, None),
    ("GET", "/units/<code>/roles", f"/units/BKPSDM/roles?period={people.PERIOD}", (H, A), None, None),
    ("GET", "/units/<code>/talent", f"/units/BKPSDM/talent?period={people.PERIOD}", (H, A), None,
     None),
    ("GET", "/units/<code>/succession", "/units/BKPSDM/succession?year=2026", (H, A), None, None),
    ("GET", "/audit/events", f"/audit/events?subject={people.EMPLOYEE}", (H, A), None, None),
    ("GET", "/audit/replays", "/audit/replays", (H, A), None, None),
]


def test_every_route_is_in_the_matrix(training_env):
    assert routes(training_env.app) == {(m, rule) for m, rule, *_ in MATRIX}


@pytest.mark.parametrize("method, rule, path, allowed, acting_nip, body", MATRIX,
                         ids=[f"{m} {r}" for m, r, *_ in MATRIX])
def test_only_the_allowed_roles_pass(org, method, rule, path, allowed, acting_nip, body):
    # Something to act on: assignments (one per allowed role, so each can change its own) and a report.
    org.consume([submitted(levels={**{c: 1 for c in people.CORE[:4]},
                                   **{c: 4 for c in STRENGTHS}})])
    ids = [r["assignment_id"] for r in org.rows(
        "SELECT assignment_id FROM assignments ORDER BY competency")]
    report = org.caller(NIP, E).post("/completion-reports", json={**REPORT, "certificate_number": "R"})
    assert report.status_code == 201, report.get_json()
    report_id = report.get_json()["report_id"]
    first = path.format(a=ids[0], r=report_id, o=STRENGTHS[0])
    assert_refused(org, method, first, body, allowed,
                   codes=("forbidden", "not_allowed_to_read", "not_your_assignment",
                          "not_supervisor"))
    for n, role in enumerate(allowed):
        target = path.format(a=ids[n], r=report_id, o=STRENGTHS[n]) if "{r}" not in path or n == 0 else None
        if target is None:
            continue  # a report is verified once
        response = send(caller_for(org, role, acting_nip), method, target, body)
        assert response.status_code in (200, 201), (role, response.get_json())

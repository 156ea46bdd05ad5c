"""Keberatan through the portal, against the real services, without a browser: only the people
of an objection read it or act on it, only HR opens the deadlines' list; a refusal changes
nothing. (The flow itself: tests/browser/test_portal_objection.py.)"""
from __future__ import annotations

import re

import pytest

from tests.support.portal import Browserless, seed
from tests.support.portal_assessing import caller, submit
from tests.support.portal_dialogue import wait_for
from tools.apiclient import ApiError
from tests.support.portal_curve import closed_after
from tests.support.portal_hr import hr_client, open_past_period

SEED = 12017  # this file's own people


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def office(platform):
    small = seed(platform.settings, employees=8, units=2, seed_value=SEED)
    hr = hr_client(platform.settings, small)
    period = open_past_period(hr, 2012, 4)
    person = small.employee
    submit(platform.settings, period, person.nip, "self", person.nip, 3)
    submit(platform.settings, period, person.nip, "supervisor", person.supervisor_nip, 3)
    with closed_after(hr, period):
        yield {"small": small, "hr": hr, "period": period, "person": person}


def signed_in(app, nip: str, role: str = "employee") -> Browserless:
    who = Browserless(app)
    who.sign_in(nip, role)
    return who


def test_the_employee_files_and_others_are_refused(app, office):
    period, person = office["period"], office["person"]
    mine = f"/hasil/{period}/keberatan"
    employee = signed_in(app, person.nip)
    answer = employee.submit(mine, mine, {"reasons": ""})
    assert answer.status_code == 422 and "Tulis alasan keberatan" in html(answer)
    assert employee.submit(mine, mine, {"reasons": "Target tercapai"}).status_code == 302
    assert "Menunggu penjelasan" in html(employee.get(mine))
    others = [e for e in office["small"].agency.employees
              if e.nip not in (person.nip, person.supervisor_nip)
              and e.nip != office["small"].head.nip]
    outsider = signed_in(app, others[0].nip)
    one = f"/keberatan/{period}/{person.nip}"
    assert outsider.get(one).status_code == 403
    token = re.search(r'name="csrf_token" value="([^"]+)"', html(outsider.get("/"))).group(1)
    answer = outsider.client.post(one, data={"csrf_token": token, "action": "decide",
                                             "decision": "upheld", "reason": "x"})
    assert answer.status_code == 403
    assert outsider.get("/keberatan-bkpsdm").status_code == 403
    found = office["hr"].get(f"/periods/{period}/assessments/{person.nip}/supervisor/objection")
    assert found["status"] == "filed"
    hr = signed_in(app, office["small"].head.nip, "hr_admin")
    assert hr.submit("/", "/peran", {"role": "hr_admin"}).status_code == 302
    assert person.name in html(hr.get("/keberatan-bkpsdm"))


def test_the_auditors_history_tells_the_objection_in_words(app, office, platform):
    person, period = office["person"], office["period"]
    try:  # filed by the first test, or here when this one runs alone
        caller(platform.settings, person.nip).post(
            f"/periods/{period}/assessments/{person.nip}/supervisor/objection",
            {"reasons": "Target tercapai"})
    except ApiError as error:
        if error.code != "objection_exists":
            raise
    auditor = signed_in(app, office["small"].head.nip, "auditor")
    assert auditor.submit("/", "/peran", {"role": "auditor"}).status_code == 302
    filed = f"Keberatan atas predikat Baik, periode {period}, diajukan"
    # the trail shows what every writer before it has committed (shared/audit.py): poll
    page = wait_for("the objection in the trail", lambda: (
        lambda text: text if filed in text else None)(html(auditor.get(f"/riwayat/{person.nip}"))))
    assert f"Pejabat penilai (NIP {person.supervisor_nip}) diminta menjelaskan" in page

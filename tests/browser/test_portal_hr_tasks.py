"""HR's Beranda lists the objection decisions past their deadline, in a real Chromium at a phone's
and a desktop's width: an objection of 2010-Q1 filed on 2 April 2010 with its decision due on 16
April 2010 (recorded through the assessment service's own recorder, since no test can wait two
weeks) makes the task line, whose link opens Keberatan pegawai with the objection marked overdue.
The superior decides it at the end (late), so that no other test's Beranda lists it."""
from __future__ import annotations

import psycopg
from psycopg.rows import dict_row
import pytest
from playwright.sync_api import expect

from services.assessment.definition import SERVICE
from services.assessment.domain_objection import ObjectionExplanationRequested, ObjectionFiled
from services.assessment.store_objection import objection_stream
from shared.recording import decided
from tests.support.browser import checked, screenshot, sign_in_as
from tests.support.portal import seed
from tests.support.portal_assessing import caller, submit
from tests.support.portal_hr import close_if_open, hr_client

pytestmark = pytest.mark.timeout(300)
SEED = 13001  # the annual predikat's people (tests/browser/test_portal_annual.py)
PERIOD = "2010-Q1"
TASK = "keberatan belum diputuskan melewati batas waktunya"


@pytest.fixture(scope="module")
def office(portal_platform):
    settings = portal_platform.settings
    small = seed(settings, employees=8, units=2, seed_value=SEED)
    hr = hr_client(settings, small)
    official, employee, superior = small.supervisor, small.employee, small.head
    hr.post("/periods", {"kind": "quarterly", "year": 2010, "quarter": 1})
    submit(settings, PERIOD, employee.nip, "supervisor", official.nip, 3)
    close_if_open(hr, PERIOD)
    with psycopg.connect(settings.database_url("assessment"), row_factory=dict_row) as conn:
        SERVICE.recorder(conn).record(objection_stream(PERIOD, employee.nip), 0, [
            decided(ObjectionFiled(PERIOD, employee.nip, "BAIK", "Target utama sudah tercapai",
                                   official.nip, superior.nip, "2010-04-01", "2010-04-02",
                                   "2010-04-16"), employee.nip),
            decided(ObjectionExplanationRequested(PERIOD, employee.nip, official.nip,
                                                  superior.nip), employee.nip)])
    yield {"small": small, "url": portal_platform.portal_url}
    caller(settings, superior.nip).post(
        f"/periods/{PERIOD}/assessments/{employee.nip}/supervisor/objection/decision",
        {"decision": "upheld", "reason": "Sesuai bukti dukung"})


def test_hr_sees_the_overdue_objection_decisions_on_beranda(page, office):
    small, base = office["small"], office["url"]
    sign_in_as(page, base, small.head.nip, "hr_admin")
    task = page.locator(".task").filter(has_text=TASK)
    expect(task).to_contain_text("(yang terlama sejak 16 April 2010)")
    checked(page, "beranda with an overdue objection")
    screenshot(page, "hr-beranda-keberatan-lewat")
    task.get_by_role("link").click()
    row = page.get_by_role("row").filter(has_text=small.employee.name)
    expect(row.filter(has_text=PERIOD)).to_contain_text("Lewat batas waktu")
    checked(page, "keberatan pegawai")

"""Rencana kinerja pegawai (HR's list of a period's plans) in a real Chromium, at a phone's and a
desktop's width: HR opens it from the menu after Pemantauan, reads the counts per status, filters
by unit and status, opens an employee's plan read-only (no agree or return form, even for the
head who is the official) and comes back; the page in English too. axe-core on every page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, menu, screenshot, sign_in_as, viewport_name
from tests.support.portal import seed
from tests.support.portal_assessing import caller
from tests.support.portal_curve import closed_after
from tests.support.portal_hr import hr_client, open_past_period

pytestmark = pytest.mark.timeout(300)
SEED = 17031  # this file's own people
QUARTERS = {"phone": 1, "desktop": 2}  # each viewport's own quarter of 2003


@pytest.fixture(scope="module")
def office(portal_platform):
    """In each viewport's period: the head's direct report has proposed a plan to the head."""
    settings = portal_platform.settings
    small = seed(settings, employees=8, units=2, seed_value=SEED)
    hr = hr_client(settings, small)
    periods = {name: open_past_period(hr, 2003, q) for name, q in QUARTERS.items()}
    person = small.reports_of(small.head.nip)[0]
    for period_id in periods.values():
        caller(settings, person.nip).post(f"/periods/{period_id}/plans/{person.nip}/proposal", {
            "results": [{"text": "Tersusunnya kebijakan kepegawaian daerah", "main": True,
                         "indicators": [{"text": "Dokumen kebijakan ditetapkan"}]}]})
    with closed_after(hr, *periods.values()):
        yield {"small": small, "periods": periods, "person": person,
               "url": portal_platform.portal_url}


def test_hr_lists_the_plans_and_reads_one(page, office):
    base, period = office["url"], office["periods"][viewport_name(page)]
    small, person, main = office["small"], office["person"], page.locator("main")
    sign_in_as(page, base, small.head.nip, "hr_admin")
    menu(page, "Rencana kinerja pegawai")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rencana kinerja pegawai")
    page.goto(f"{base}/rencana-pegawai/{period}?unit={person.unit_code}")
    expect(page.get_by_role("heading", name="pegawai menurut status rencana")).to_be_visible()
    row = page.locator(f"#rencana-{person.nip}")
    expect(row).to_contain_text("Menunggu persetujuan")
    expect(row).to_contain_text("Belum lengkap")
    checked(page, "rencana pegawai")
    screenshot(page, "rencana-pegawai")

    page.get_by_label("Status", exact=True).select_option("proposed")
    page.get_by_role("button", name="Cari pegawai").click()
    expect(page).to_have_url(f"{base}/rencana-pegawai/{period}?unit={person.unit_code}"
                             "&status=proposed")
    expect(main.locator("tbody tr")).to_have_count(1)
    page.get_by_label("Status", exact=True).select_option("agreed")
    page.get_by_role("button", name="Cari pegawai").click()
    expect(main.locator("table")).to_have_count(0)

    page.goto(f"{base}/rencana-pegawai/{period}?unit={person.unit_code}&status=proposed")
    page.get_by_role("link", name=person.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(person.name)
    expect(main).to_contain_text("Tersusunnya kebijakan kepegawaian daerah")
    expect(page.get_by_role("button", name="Setujui rencana")).to_have_count(0)
    expect(page.get_by_role("button", name="Kembalikan rencana")).to_have_count(0)
    checked(page, "rencana dibaca BKPSDM")
    page.get_by_role("link", name="Kembali ke rencana kinerja pegawai").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rencana kinerja pegawai")

    page.goto(f"{base}/rencana-pegawai/{period}?unit={person.unit_code}")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Employees' performance plans")
    expect(page.locator(f"#rencana-{person.nip}")).to_contain_text("Waiting for agreement")
    checked(page, "rencana pegawai, English")

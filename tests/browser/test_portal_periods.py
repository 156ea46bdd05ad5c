"""Monthly periods in a real Chromium, at a phone's and a desktop's width, for an agency whose
period rules open monthly and quarterly periods: HR picks Bulanan, is told at the month's field
that a monthly period needs its month, opens 2013-M03 (2013-M04 on the desktop) after the check
page, finds it in the list and monitors it; after a supervisor's assessment in the month, its
Kurva distribusi counts it and the SIASN kinerjaperiodik export gives the month as start and end.
axe-core on every page, screenshots of each."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, screenshot, sign_in_as, viewport_name
from tests.support.portal_assessing import submit
from tests.support.portal_hr import close_if_open, hr_agency, hr_client

pytestmark = pytest.mark.timeout(300)
MONTHS = {"phone": ("3", "Maret"), "desktop": ("4", "April")}
LAST_DAY = {"3": "31", "4": "30"}


@pytest.fixture(scope="module")
def office(portal_platform):
    small = hr_agency(portal_platform.settings)
    hr = hr_client(portal_platform.settings, small)
    yield {"small": small, "url": portal_platform.portal_url,
           "settings": portal_platform.settings}
    for month in MONTHS.values():
        close_if_open(hr, f"2013-M{int(month[0]):02d}")


def test_hr_opens_a_monthly_period_and_monitors_it(page, office):
    month, name = MONTHS[viewport_name(page)]
    period = f"2013-M{int(month):02d}"
    sign_in_as(page, office["url"], office["small"].head.nip, "hr_admin")
    page.goto(f"{office['url']}/periode/baru")
    expect(page.get_by_label("Bulanan", exact=True)).to_be_visible()
    page.get_by_label("Bulanan", exact=True).check()
    page.get_by_label("Tahun", exact=True).fill("2013")
    page.get_by_role("button", name="Lanjut: periksa").click()
    page.get_by_role("button", name="Buka periode").click()  # no month: refused at its field
    expect(page.locator("#month-error")).to_contain_text("Pilih bulan untuk periode bulanan")
    page.locator(".error-summary").get_by_role("link").first.click()
    expect(page.locator("#month")).to_be_focused()
    checked(page, "a monthly period without its month")
    screenshot(page, "hr-periode-bulanan-salah")

    page.get_by_label("Bulan", exact=True).select_option(month)
    page.get_by_role("button", name="Lanjut: periksa").click()
    expect(page.locator("dl.summary")).to_contain_text("Bulanan")
    expect(page.locator("dl.summary")).to_contain_text(name)
    checked(page, "periksa bulanan")
    screenshot(page, "hr-periode-bulanan-periksa")
    page.get_by_role("button", name="Buka periode").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Periode {period} dibuka")
    expect(page.locator("main")).to_contain_text(
        f"1 {name} 2013 sampai {LAST_DAY[month]} {name} 2013")
    checked(page, "dibuka bulanan")
    screenshot(page, "hr-periode-bulanan-dibuka")

    page.goto(f"{office['url']}/periode")
    row = page.get_by_role("row").filter(has_text=period)
    expect(row).to_contain_text("Bulanan")
    row.get_by_role("link", name=f"Pantau {period}").click()
    expect(page.locator("main .caption")).to_contain_text(f"Periode {period} · terbuka")
    checked(page, "pemantauan bulanan")
    screenshot(page, "hr-pemantauan-bulanan")

    person = office["small"].agency.employees[3]
    submit(office["settings"], period, person.nip, "supervisor", person.supervisor_nip, 3)
    page.goto(f"{office['url']}/kurva/{period}")
    expect(page.locator("main .caption")).to_contain_text(f"Periode {period} · terbuka")
    checked(page, "kurva bulanan")
    answer = page.request.get(f"{office['url']}/ekspor/siasn/kinerja?periode={period}&format=json")
    assert answer.status == 200
    rows = [r for r in answer.json() if r["nipBaru"] == person.nip]
    assert [(r["bulanMulaiPenilaian"], r["bulanSelesaiPenilaian"], r["tahun"]) for r in rows] == [
        (int(month), int(month), 2013)]

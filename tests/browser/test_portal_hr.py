"""HR's pages in a real Chromium, at a phone's and a desktop's width: HR opens a period (a bad
year refused at its field first) and sees its progress move after a submission made through the
API; drills down to a unit and sees who has not submitted, filtering with htmx; reopens an
assessment with a reason after the check page. axe-core on every page, screenshots of each."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import checked, screenshot, sign_in_as, viewport_name
from tests.support.portal_assessing import submit
from tests.support.portal_hr import (
    close_if_open, hr_agency, hr_client, open_past_period, periods_closed_after, unit_counts)

pytestmark = pytest.mark.timeout(300)
ROOT_NAME = "Kantor Badan Kepegawaian Binawidya"
# The quarter each viewport opens through the form (2015), so that the two runs do not meet.
OPENS = {"phone": 1, "desktop": 2}


@pytest.fixture(scope="module")
def office(portal_platform):
    """The agency (seed 5309), an HR client of the API, and a past quarter to monitor."""
    small = hr_agency(portal_platform.settings)
    hr = hr_client(portal_platform.settings, small)
    period = open_past_period(hr, 2014, 3)
    with periods_closed_after(hr, period, "2015-Q1", "2015-Q2"):
        yield {"small": small, "hr": hr, "period": period, "settings": portal_platform.settings,
               "url": portal_platform.portal_url}




def root_row(page: Page):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=ROOT_NAME, exact=True))


def test_hr_opens_a_period_and_sees_its_progress_move(page, office):
    base, small = office["url"], office["small"]
    quarter = OPENS[viewport_name(page)]
    period = f"2015-Q{quarter}"
    sign_in_as(page, base, small.head.nip, "hr_admin")
    expect(page.locator(".task").first).to_contain_text("pegawai sudah menilai diri")
    checked(page, "beranda")
    screenshot(page, "hr-beranda")
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Periode penilaian").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periode penilaian")
    checked(page, "periode")
    screenshot(page, "hr-periode")

    page.get_by_role("link", name="Buka periode baru").click()
    page.get_by_label("Triwulanan", exact=True).check()
    page.get_by_label("Tahun", exact=True).fill("20x5")
    page.get_by_label("Triwulan", exact=True).select_option(str(quarter))
    page.get_by_role("button", name="Lanjut: periksa").click()
    page.get_by_role("button", name="Buka periode").click()  # the service refuses the year
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link").first.click()
    expect(page.locator("#year")).to_be_focused()
    expect(page.locator("#year-error")).to_contain_text("Isi tahun dengan 4 angka")
    checked(page, "a refused year")
    screenshot(page, "hr-periode-isian-salah")
    page.locator("#year").fill("2015")
    page.get_by_role("button", name="Lanjut: periksa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa sebelum membuka")
    checked(page, "periksa")
    screenshot(page, "hr-periode-periksa")
    page.get_by_role("button", name="Buka periode").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Periode {period} dibuka")
    expect(page.locator("main")).to_contain_text("Yang terjadi selanjutnya")
    checked(page, "dibuka")
    screenshot(page, "hr-periode-dibuka")

    page.get_by_role("link", name=f"Pemantauan {period}").click()
    before = unit_counts(office["hr"], period, "BWD")
    expect(root_row(page)).to_contain_text(f"{before['self_submitted']} dari {before['employees']}")
    person = small.agency.employees[2 if viewport_name(page) == "phone" else 4]
    submit(office["settings"], period, person.nip, "self", person.nip, level=2)
    page.reload()
    expect(root_row(page)).to_contain_text(
        f"{before['self_submitted'] + 1} dari {before['employees']}")
    checked(page, "pemantauan")
    screenshot(page, "hr-pemantauan")
    close_if_open(office["hr"], period)


def test_hr_drills_down_to_a_unit_and_sees_who_has_not_submitted(page, office):
    base, small, period = office["url"], office["small"], office["period"]
    fajar = next(e for e in small.agency.employees if e.name == "Fajar Halim")
    sign_in_as(page, base, small.head.nip, "hr_admin")
    page.goto(f"{base}/pemantauan/{period}")
    page.get_by_role("link", name="Sekretariat", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sekretariat")
    row = page.get_by_role("row").filter(has_text=fajar.nip)
    expect(row).to_contain_text("Fajar Halim")
    expect(row).to_contain_text("Pengelola Data Kepegawaian")
    expect(row).to_contain_text("Penilaian diri")
    expect(row).to_contain_text("Novi Gunawan")  # the supervisor
    checked(page, "unit")
    screenshot(page, "hr-belum-menilai")
    page.select_option("#belum", "atasan")  # htmx: the list changes without a page load
    expect(page).to_have_url(re.compile(r"belum=atasan"))
    expect(page.locator("#people")).to_contain_text("belum dinilai atasan")
    expect(page.locator("#people").get_by_role("row").filter(has_text=fajar.nip)).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh daftar ini (CSV)").click()
    assert download.value.suggested_filename == f"belum-menilai-{period}-BWD.SEKRETARIAT.csv"
    checked(page, "unit filtered")


def test_hr_reopens_an_assessment_with_a_reason(page, office):
    base, small, period = office["url"], office["small"], office["period"]
    person = small.agency.employees[6 if viewport_name(page) == "phone" else 7]
    submit(office["settings"], period, person.nip, "self", person.nip, level=3)
    sign_in_as(page, base, small.head.nip, "hr_admin")
    page.goto(f"{base}/pemantauan/{period}/unit/BWD?belum=semua")
    page.get_by_role("link", name=f"Buka kembali penilaian diri {person.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Buka kembali penilaian diri {person.name}")
    page.get_by_role("button", name="Lanjut: periksa").click()  # no reason
    page.locator(".error-summary").get_by_role("link").first.click()
    expect(page.locator("#reason")).to_be_focused()
    expect(page.locator("#reason-error")).to_contain_text("Tulis alasan")
    checked(page, "reopen refused")
    page.fill("#reason", "Bukti kompetensi M.03 tertukar dengan pegawai lain; mohon diperbaiki.")
    page.get_by_role("button", name="Lanjut: periksa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa sebelum membuka kembali")
    expect(page.locator("main")).to_contain_text("tertukar dengan pegawai lain")
    checked(page, "reopen check")
    screenshot(page, "hr-buka-kembali-periksa")
    page.get_by_role("button", name="Buka kembali penilaian").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Penilaian dibuka kembali")
    checked(page, "reopened")
    screenshot(page, "hr-dibuka-kembali")
    record = office["hr"].get(f"/periods/{period}/assessments/{person.nip}/self")
    assert record["status"] == "reopened"

"""The auditor's pages in a real Chromium, at a phone's and a desktop's width: after an
employee's assessment went through all three services (a blind spot found by feedback, coaching
assigned by training), the auditor finds the employee (a bad NIP refused at its field first),
reads the history and follows a "karena" link to the entry that caused a decision, opens its raw
data; then reads the replay verdicts. axe-core on every page, screenshots of each."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, screenshot, sign_in_as
from tests.support.portal_audit import AUDITOR_NIP, audited_employee, replay_all

pytestmark = pytest.mark.timeout(400)


@pytest.fixture(scope="module")
def audited(portal_platform):
    """The agency (seed 7411), its employee's assessment through all three services, a replay."""
    found = audited_employee(portal_platform.settings)
    replay_all(portal_platform.settings, ran_by="Auditor Inspektorat (NIP 196808081990031007)")
    return found




def test_the_auditor_follows_what_caused_what_in_an_employees_history(page, audited,
                                                                       portal_platform):
    base, employee = portal_platform.portal_url, audited.employee
    sign_in_as(page, base, AUDITOR_NIP, "auditor")
    first = page.locator(".task").first
    expect(first).to_contain_text("Cari riwayat seorang pegawai")
    expect(page.locator(".tasks")).to_contain_text("proyeksi sama dengan hasil replay")
    checked(page, "beranda")
    screenshot(page, "auditor-beranda")

    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riwayat pegawai")
    page.get_by_label("NIP atau nama pegawai").fill("19900802")
    page.get_by_role("button", name="Cari pegawai").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link").first.click()
    expect(page.locator("#cari")).to_be_focused()
    expect(page.locator("#cari-error")).to_contain_text("NIP terdiri dari 18 angka")
    checked(page, "a bad NIP")
    screenshot(page, "auditor-riwayat-isian-salah")

    page.locator("#cari").fill(employee.nip)
    page.get_by_role("button", name="Cari pegawai").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Riwayat {employee.name}")
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Penilaian diri dikirim (pengiriman ke-1)")
    expect(timeline).to_contain_text(f"Selisih penilaian: {audited.blind_spot} blind spot")
    coaching = audited.coaching
    expect(timeline).to_contain_text(
        f"Pelatihan ditugaskan: {coaching['data']['programme_code']}, {coaching['data']['jp']} JP")
    checked(page, "riwayat")
    screenshot(page, "auditor-riwayat")

    entry = page.locator(f"#e-{coaching['id']}")
    entry.get_by_role("link", name=re.compile("^karena: Selisih penilaian")).click()
    cause = coaching["metadata"]["causationid"]
    expect(page).to_have_url(re.compile(f"#e-{cause}$"))
    spot = page.locator(f"#e-{cause}")
    expect(spot).to_be_in_viewport()
    expect(spot.get_by_role("heading", level=3)).to_contain_text(
        f"Selisih penilaian: {audited.blind_spot} blind spot")
    spot.locator("summary").click()  # the raw data behind the words
    expect(spot.locator("details.raw pre")).to_be_visible()
    expect(spot.locator("details.raw pre")).to_contain_text('"direction": "blind_spot"')
    checked(page, "karena")
    screenshot(page, "auditor-karena")
    spot.get_by_role("link", name=re.compile("^karena: Penilaian atasan dikirim")).click()
    expect(page).not_to_have_url(re.compile(f"#e-{cause}$"))  # on to the chain's beginning
    expect(page.locator(":target").get_by_role("heading", level=3)).to_contain_text(
        "Penilaian atasan dikirim (pengiriman ke-1)")

    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Verifikasi replay").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi replay")
    for name in ("Penilaian", "Umpan balik", "Pelatihan"):
        section = page.get_by_role("region", name=f"Layanan {name}")
        expect(section.get_by_role("row").nth(1)).to_contain_text("Sama")
        expect(section).to_contain_text("Auditor Inspektorat")
    checked(page, "verifikasi replay")
    screenshot(page, "auditor-verifikasi-replay")

"""Predikat tahunan in a real Chromium, at a phone's and a desktop's width: the appraising
official finds on Beranda that an annual predikat awaits confirmation, reads the year's periodic
results (Q1 Baik, Q2 Sangat Baik) and the proposal (Sangat Baik, the agency's mode with a tie to
the later), is refused another predikat without a reason at its field, and saves Baik with one.
axe-core on every page, screenshots of each."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, screenshot, sign_in_as, viewport_name
from tests.support.portal import seed
from tests.support.portal_assessing import submit
from tests.support.portal_hr import close_if_open, hr_client

pytestmark = pytest.mark.timeout(300)
SEED = 13001  # this file's own people (see tests/support/portal_curve.py for the taken ones)
YEARS = {"phone": 2005, "desktop": 2006}  # years no other browser test opens


@pytest.fixture(scope="module")
def office(portal_platform):
    """The agency, and per viewport a past year: two quarters with their results, the annual
    period with the annual assessment (Baik)."""
    settings = portal_platform.settings
    small = seed(settings, employees=8, units=2, seed_value=SEED)
    hr = hr_client(settings, small)
    official, employee = small.supervisor.nip, small.employee.nip
    for year in YEARS.values():
        for quarter, ratings in ((1, "SESUAI"), (2, "DI_ATAS")):
            hr.post("/periods", {"kind": "quarterly", "year": year, "quarter": quarter})
            submit(settings, f"{year}-Q{quarter}", employee, "supervisor", official, 3,
                   ratings, ratings)
            close_if_open(hr, f"{year}-Q{quarter}")
        hr.post("/periods", {"kind": "annual", "year": year})
        submit(settings, str(year), employee, "supervisor", official, 3)
    yield {"small": small, "url": portal_platform.portal_url}
    for year in YEARS.values():
        close_if_open(hr, str(year))


def test_the_official_confirms_the_annual_predikat_with_a_reason(page, office):
    year = YEARS[viewport_name(page)]
    small, base = office["small"], office["url"]
    name = small.employee.name
    sign_in_as(page, base, small.supervisor.nip, "employee")
    task = page.locator(".task").filter(has_text="Predikat tahunan")
    expect(task).to_contain_text("menunggu konfirmasi Anda")
    task.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Predikat tahunan tim")
    checked(page, "predikat tahunan tim")
    screenshot(page, "tahunan-tim")
    link = f'a[href="/tim-saya/tahunan/{year}/{small.employee.nip}"]'
    page.locator(link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Predikat tahunan {name} ({year})")
    periodic = page.get_by_role("table")
    expect(periodic).to_contain_text(f"{year}-Q1")
    expect(periodic).to_contain_text("Sangat Baik")
    expect(page.locator(".proposal")).to_have_text("Sangat Baik")
    expect(page.get_by_label(f"Predikat tahunan {name}")).to_have_value("SANGAT_BAIK")
    checked(page, "usulan")
    screenshot(page, "tahunan-usulan")

    page.get_by_label(f"Predikat tahunan {name}").select_option("BAIK")
    page.get_by_role("button", name="Simpan predikat tahunan").click()  # no reason: refused
    expect(page.locator("#reason-error")).to_contain_text("Tulis alasan")
    page.locator(".error-summary").get_by_role("link").first.click()
    expect(page.locator("#reason")).to_be_focused()
    checked(page, "alasan kosong")
    screenshot(page, "tahunan-tanpa-alasan")
    page.locator("#reason").fill("Dua target utama semester kedua belum tercapai.")
    page.get_by_role("button", name="Simpan predikat tahunan").click()
    expect(page.locator(".flash, [role=status]").first).to_contain_text(
        f"Predikat tahunan {name} tersimpan: Baik")
    row = page.get_by_role("row").filter(has=page.locator(link))
    expect(row).to_contain_text("Sudah dikonfirmasi")
    checked(page, "tersimpan")
    screenshot(page, "tahunan-tersimpan")


def test_only_the_official_opens_the_page(page, office):
    year, small, base = YEARS[viewport_name(page)], office["small"], office["url"]
    sign_in_as(page, base, small.employee.nip, "employee")
    answer = page.goto(f"{base}/tim-saya/tahunan/{year}/{small.employee.nip}")
    assert answer.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Anda tidak berhak membuka halaman ini")
    checked(page, "tidak berhak")
    expect(page.get_by_role("navigation", name="Menu utama")).not_to_contain_text(
        "Predikat tahunan")

"""Keberatan in a real Chromium, at a phone's and a desktop's width: the employee objects to their
result from Hasil (a blank reason refused at its field first), the appraising official explains
from Keberatan, the official's superior reads both sides and changes the predikat, finally; HR
sees the objection with its deadline. axe-core on every page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, menu, screenshot, sign_in_as, viewport_name
from tests.support.portal import seed
from tests.support.portal_assessing import submit
from tests.support.portal_curve import closed_after
from tests.support.portal_hr import hr_client, open_past_period

pytestmark = pytest.mark.timeout(300)
SEED = 12013  # this file's own people
QUARTERS = {"phone": 1, "desktop": 2}  # each viewport's own past quarter of 2012


@pytest.fixture(scope="module")
def office(portal_platform):
    """An employee whose supervisor has a superior, with both assessments in for each quarter."""
    settings = portal_platform.settings
    small = seed(settings, employees=8, units=2, seed_value=SEED)
    hr = hr_client(settings, small)
    periods = {name: open_past_period(hr, 2012, q) for name, q in QUARTERS.items()}
    person = small.employee
    for period_id in periods.values():
        submit(settings, period_id, person.nip, "self", person.nip, 3)
        submit(settings, period_id, person.nip, "supervisor", person.supervisor_nip, 3)
    with closed_after(hr, *periods.values()):
        yield {"small": small, "periods": periods, "person": person,
               "url": portal_platform.portal_url}


def test_an_objection_filed_explained_and_decided_finally(page, office):
    base, period = office["url"], office["periods"][viewport_name(page)]
    person, small = office["person"], office["small"]
    main = page.locator("main")
    sign_in_as(page, base, person.nip)
    page.goto(f"{base}/hasil/{period}")
    page.get_by_role("link", name="Tidak setuju dengan hasil ini? Ajukan keberatan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Keberatan atas hasil periode {period}")
    page.get_by_role("button", name="Ajukan keberatan").click()  # no reasons
    expect(page.locator("#reasons-error")).to_contain_text("Tulis alasan keberatan")
    checked(page, "keberatan kosong")
    page.get_by_label("Alasan keberatan").fill("Semua target triwulan tercapai; bukti di SKP")
    page.get_by_role("button", name="Ajukan keberatan").click()
    expect(page.get_by_role("status").first).to_contain_text("Keberatan diajukan.")
    expect(main).to_contain_text("Menunggu penjelasan")
    checked(page, "keberatan diajukan")
    screenshot(page, "keberatan-diajukan")

    sign_in_as(page, base, person.supervisor_nip)
    menu(page, "Keberatan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Keberatan")
    checked(page, "keberatan menunggu")
    page.get_by_role("link", name=f"Jelaskan hasil {person.name} (periode {period})").click()
    page.get_by_label("Penjelasan").fill("Dua target belum didukung bukti saat dinilai")
    page.get_by_role("button", name="Kirim penjelasan").click()
    expect(page.get_by_role("status").first).to_contain_text("Penjelasan terkirim.")
    checked(page, "dijelaskan")

    sign_in_as(page, base, small.head.nip)
    page.goto(f"{base}/keberatan")
    page.get_by_role("link", name=f"Putuskan keberatan {person.name} (periode {period})").click()
    expect(main).to_contain_text("Semua target triwulan tercapai; bukti di SKP")
    expect(main).to_contain_text("Dua target belum didukung bukti saat dinilai")
    page.get_by_role("button", name="Simpan keputusan final").click()  # nothing chosen
    expect(page.locator(".error-summary")).to_contain_text("Pilih keputusan")
    page.get_by_label("Predikat diubah").check()
    page.get_by_label("Predikat baru (bila diubah)").select_option("SANGAT_BAIK")
    page.get_by_label("Alasan keputusan").fill("Bukti diperiksa ulang dan lengkap")
    checked(page, "memutus")
    screenshot(page, "keberatan-memutus")
    page.get_by_role("button", name="Simpan keputusan final").click()
    expect(page.get_by_role("status").first).to_contain_text("Keputusan tersimpan.")
    expect(main).to_contain_text("Predikat diubah menjadi Sangat Baik")
    expect(page.get_by_role("button", name="Simpan keputusan final")).to_have_count(0)

    sign_in_as(page, base, small.head.nip, "hr_admin")
    menu(page, "Keberatan pegawai")
    row = page.get_by_role("row").filter(has_text=person.name).filter(has_text=period)
    expect(row).to_contain_text("Sudah diputus")
    checked(page, "keberatan bkpsdm")
    screenshot(page, "keberatan-bkpsdm")

"""The distribution curve's pages in a real Chromium, at a phone's and a desktop's width: HR opens
Kurva distribusi, rates the head office Baik (a blank choice refused at its field first) while
all its assessed people are Baik, sees the pattern broken clause by clause, is refused closing
the period, records an exception with its reason, and closes; in another period, calibrates one
person's predikat in a session until the curve follows its pattern; and the appraising official
changes a report's predikat in a session HR opened. axe-core on every page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, menu, screenshot, sign_in_as, viewport_name
from tests.support.portal_curve import assessed_baik, closed_after, curve_agency
from tests.support.portal_hr import hr_client, open_past_period

pytestmark = pytest.mark.timeout(300)
ROOT_NAME = "Kantor Badan Kepegawaian Binawidya"
QUARTERS = {"phone": 2, "desktop": 3}  # each viewport's own past quarter of 2013
CALIBRATING = {"phone": 1, "desktop": 4}  # and another for the calibration
OFFICIAL = {"phone": 1, "desktop": 2}  # and a quarter of 2011 for the official's calibration


@pytest.fixture(scope="module")
def office(portal_platform):
    """The agency, an HR client, and a past quarter per viewport with three people rated Baik."""
    settings = portal_platform.settings
    small = curve_agency(settings)
    hr = hr_client(settings, small)
    periods = {name: open_past_period(hr, 2013, quarter) for name, quarter in QUARTERS.items()}
    calibrating = {name: open_past_period(hr, 2013, q) for name, q in CALIBRATING.items()}
    people = {}
    for period_id in (*periods.values(), *calibrating.values()):
        people = assessed_baik(settings, small, period_id)
    for period_id in calibrating.values():
        hr.put(f"/periods/{period_id}/units/BWD/predicate",
               {"predikat": "BAIK", "basis": "Keputusan Kepala Daerah Nomor 800/9/2013"})
    officials = {name: open_past_period(hr, 2011, q) for name, q in OFFICIAL.items()}
    for period_id in officials.values():
        assessed_baik(settings, small, period_id)
        hr.post(f"/periods/{period_id}/units/BWD/calibration")
    with closed_after(hr, *periods.values(), *calibrating.values(), *officials.values()):
        yield {"small": small, "hr": hr, "periods": periods, "calibrating": calibrating,
               "officials": officials, "people": people, "url": portal_platform.portal_url}


def test_hr_rates_a_unit_sees_its_curve_broken_records_an_exception_and_closes(page, office):
    base, period = office["url"], office["periods"][viewport_name(page)]
    sign_in_as(page, base, office["small"].head.nip, "hr_admin")
    menu(page, "Kurva distribusi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kurva distribusi predikat")
    page.goto(f"{base}/kurva/{period}")
    root = page.get_by_role("row").filter(has=page.get_by_role("link", name=ROOT_NAME, exact=True))
    expect(root).to_contain_text("Belum ditetapkan")
    expect(root).to_contain_text("Tanpa predikat unit")
    checked(page, "kurva")
    screenshot(page, "hr-kurva")

    page.get_by_role("link", name=ROOT_NAME, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kurva {ROOT_NAME}")
    page.get_by_label("Dasar keputusan").fill("Keputusan Kepala Daerah Nomor 800/7/2013")
    page.get_by_role("button", name="Simpan predikat unit").click()  # no predikat chosen
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Pilih predikat unit")
    summary.get_by_role("link").first.click()
    expect(page.locator("#predikat")).to_be_focused()
    checked(page, "a missing predikat")
    page.get_by_label("Predikat unit", exact=True).select_option("BAIK")
    page.get_by_role("button", name="Simpan predikat unit").click()
    expect(page.get_by_role("status").first).to_contain_text("Predikat unit tersimpan.")
    main = page.locator("main")
    expect(main).to_contain_text("Tidak sesuai pola")
    expect(main).to_contain_text("Paling banyak 70% Baik: boleh 2 pegawai, ada 3")
    expect(main).to_contain_text("Paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct: ada 0")
    expect(page.locator(".clauses .tag.warn")).to_have_count(2)
    checked(page, "kurva unit")
    screenshot(page, "hr-kurva-unit")

    page.goto(f"{base}/periode/{period}/tutup")
    expect(main).to_contain_text("1 unit tidak sesuai pola distribusi predikat")
    page.get_by_role("button", name=f"Tutup periode {period}").click()
    expect(page.locator(".error-summary")).to_contain_text("Periode belum dapat ditutup")
    checked(page, "tutup ditolak")
    screenshot(page, "hr-tutup-ditolak-kurva")

    page.locator("main .notice").get_by_role("link", name=ROOT_NAME).first.click()
    page.get_by_role("button", name="Catat pengecualian").click()  # no reason
    expect(page.locator("#reason-error")).to_contain_text("Tulis alasan pengecualian")
    page.get_by_label("Alasan pengecualian").fill("Unit baru; tiga pegawai dinilai pada bulan terakhir")
    page.get_by_role("button", name="Catat pengecualian").click()
    expect(page.get_by_role("status").first).to_contain_text("Pengecualian tercatat.")
    expect(main).to_contain_text("Pengecualian dicatat")
    expect(main).to_contain_text("Unit baru; tiga pegawai dinilai pada bulan terakhir")
    checked(page, "pengecualian")
    screenshot(page, "hr-kurva-pengecualian")

    page.goto(f"{base}/periode/{period}/tutup")
    page.get_by_role("button", name=f"Tutup periode {period}").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Periode {period} ditutup")


def test_hr_calibrates_a_predikat_with_a_reason_and_the_curve_follows(page, office):
    base, period = office["url"], office["calibrating"][viewport_name(page)]
    person = office["people"][0]
    sign_in_as(page, base, office["small"].head.nip, "hr_admin")
    page.goto(f"{base}/kurva/{period}/unit/BWD")
    main = page.locator("main")
    expect(main).to_contain_text("Tidak sesuai pola")
    page.get_by_role("link", name="Kalibrasi predikat pegawai unit ini").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kalibrasi {ROOT_NAME}")
    page.get_by_role("button", name="Buka sesi kalibrasi").click()
    expect(page.get_by_role("status").first).to_contain_text("Sesi kalibrasi dibuka.")
    checked(page, "kalibrasi")
    screenshot(page, "hr-kalibrasi")

    page.get_by_label(f"Predikat baru untuk {person.name}").select_option("BUTUH_PERBAIKAN")
    page.get_by_role("button", name=f"Simpan predikat {person.name}").click()  # no reason
    expect(page.locator(f"#reason-{person.nip}-error")).to_contain_text("Tulis alasan perubahan")
    checked(page, "a missing reason")
    page.get_by_label(f"Alasan perubahan untuk {person.name}").fill(
        "Dua target utama triwulan tidak tercapai")
    page.get_by_role("button", name=f"Simpan predikat {person.name}").click()
    expect(page.get_by_role("status").first).to_contain_text("Predikat tersimpan.")
    section = page.get_by_role("region", name=person.name)
    expect(section).to_contain_text("Predikat sekarang: Butuh Perbaikan")
    expect(section).to_contain_text("Baik menjadi Butuh Perbaikan")
    expect(section).to_contain_text("Dua target utama triwulan tidak tercapai")
    expect(main).to_contain_text("Sesuai pola")
    screenshot(page, "hr-kalibrasi-diubah")
    page.get_by_role("button", name="Tutup sesi kalibrasi").click()
    expect(page.get_by_role("status").first).to_contain_text("Sesi kalibrasi ditutup.")
    checked(page, "kalibrasi ditutup")


def test_the_appraising_official_calibrates_a_report_in_an_open_session(page, office):
    base, period = office["url"], office["officials"][viewport_name(page)]
    person = office["people"][0]
    hr = office["hr"]
    sign_in_as(page, base, person.supervisor_nip)
    menu(page, "Kalibrasi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalibrasi predikat tim")
    section = page.get_by_role("region", name=f"{person.name} (periode {period})")
    expect(section).to_contain_text(f"Predikat sekarang: Baik (periode {period})")
    checked(page, "kalibrasi tim")
    section.get_by_label(f"Predikat baru untuk {person.name}").select_option("KURANG")
    section.get_by_role("button", name=f"Simpan predikat {person.name}").click()  # no reason
    expect(page.locator(f"#reason-{period}-{person.nip}-error")).to_contain_text(
        "Tulis alasan perubahan")
    section.get_by_label(f"Alasan perubahan untuk {person.name}").fill("Pelanggaran disiplin")
    section.get_by_role("button", name=f"Simpan predikat {person.name}").click()
    expect(page.get_by_role("status").first).to_contain_text("Predikat tersimpan.")
    expect(section).to_contain_text("Predikat sekarang: Kurang/Misconduct")
    screenshot(page, "kalibrasi-tim")
    changes = hr.get(f"/periods/{period}/assessments/{person.nip}/supervisor/predikat-changes")
    assert [(c["predikat"], c["changed_by"]) for c in changes][-1] == (
        "KURANG", person.supervisor_nip)

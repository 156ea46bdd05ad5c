"""HR's organisation pages in a real Chromium, at a phone's and a desktop's width: HR finds an
employee (htmx swaps the list) and opens their page, reads the positions' standards, changes a
position's title, job level and standard through the check page (meeting someone else's save on
the way, and starting again from it), and imports a CSV after seeing its check (a file with
problems first). axe-core on every page, screenshots."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, screenshot, sign_in_as, viewport_name
from tests.support.portal_hr import hr_client
from tests.support.portal_hr_organisation import import_files, organisation_agency

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def office(portal_platform):
    small = organisation_agency(portal_platform.settings)
    return {"small": small, "url": portal_platform.portal_url,
            "api": hr_client(portal_platform.settings, small)}


def test_hr_finds_an_employee_and_opens_their_page(page, office):
    base, small = office["url"], office["small"]
    person = small.employee
    sign_in_as(page, base, small.head.nip, "hr_admin")
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Pegawai", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pegawai")
    everyone = page.locator("#employees").inner_text()
    page.get_by_label("Unit kerja").select_option(person.unit_code)  # htmx: the list only
    # other browser tests' agencies share the platform and the unit codes, so the unit may hold
    # more than a page: the list changed, and every row is of that unit
    expect(page.locator("#employees")).not_to_have_text(everyone)
    expect(page.locator("#employees")).to_contain_text("pegawai ditemukan")
    page.get_by_label("Nama atau NIP").fill(person.nip)
    page.get_by_role("button", name="Cari pegawai").click()
    expect(page.locator("#employees")).to_contain_text("1 pegawai ditemukan")
    checked(page, "pegawai")
    screenshot(page, "hr-pegawai")
    page.locator("#employees").get_by_role("link", name=person.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(person.name)
    expect(page.get_by_role("heading", name="Riwayat data pegawai")).to_be_visible()
    checked(page, "pegawai-satu")
    screenshot(page, "hr-pegawai-satu")
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Jabatan dan standar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jabatan dan standar kompetensi")
    checked(page, "jabatan")
    screenshot(page, "hr-jabatan")


def test_hr_changes_a_standard_meets_someone_elses_save_and_starts_again(page, office):
    base, small, api = office["url"], office["small"], office["api"]
    code = f"UJI-STD-{viewport_name(page).upper()}"
    first = [{"competency": "M.01", "required_level": 2}, {"competency": "M.02", "required_level": 2}]
    api.put(f"/positions/{code}", {"title": "Analis Uji", "job_level": "AHLI_PERTAMA",
                                   "standard": first})
    sign_in_as(page, base, small.head.nip, "hr_admin")
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Jabatan dan standar").click()
    page.locator(f"#jabatan-{code}").get_by_role("link", name="Ubah standar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ubah standar jabatan Analis Uji")
    page.get_by_label("Nama jabatan").fill("Analis Uji Ahli Muda")
    page.get_by_label("Jenjang jabatan").select_option("AHLI_MUDA")
    page.get_by_label("M.01").select_option("3")
    page.get_by_label("SK.01").select_option("2")
    checked(page, "standar")
    screenshot(page, "hr-standar-ubah")
    page.get_by_role("button", name="Lanjut: periksa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa sebelum menyimpan")
    expect(page.get_by_role("heading", name="Yang berubah (4)")).to_be_visible()
    checked(page, "standar-periksa")
    screenshot(page, "hr-standar-periksa")

    api.put(f"/positions/{code}", {  # meanwhile someone else saves the position
        "title": "Analis Uji", "job_level": "AHLI_PERTAMA", "expected_revision": 1,
        "standard": [*first, {"competency": "M.05", "required_level": 1}]})
    page.get_by_role("button", name="Simpan standar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Standar ini sudah diubah orang lain")
    expect(page.locator("#standard-now")).to_contain_text("M.05")
    checked(page, "standar-diubah-orang-lain")
    screenshot(page, "hr-standar-diubah-orang-lain")
    page.get_by_role("link", name="Mulai lagi dari standar sekarang").click()
    expect(page.get_by_label("M.05")).to_have_value("1")
    page.get_by_label("Nama jabatan").fill("Analis Uji Ahli Muda")
    page.get_by_label("Jenjang jabatan").select_option("AHLI_MUDA")
    page.get_by_label("M.01").select_option("3")
    page.get_by_role("button", name="Lanjut: periksa").click()
    page.get_by_role("button", name="Simpan standar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Standar jabatan disimpan")
    expect(page.get_by_role("status")).to_contain_text("Nama jabatan atau jenjangnya juga diubah")
    checked(page, "standar-disimpan")
    screenshot(page, "hr-standar-disimpan")
    saved = api.get(f"/positions/{code}")
    assert (saved["title"], saved["job_level"], saved["revision"]) == (
        "Analis Uji Ahli Muda", "AHLI_MUDA", 3)


def test_hr_imports_a_csv_after_seeing_its_check(page, office, tmp_path):
    base, small = office["url"], office["small"]
    files = import_files(small)
    bad, good = tmp_path / "pegawai-salah.csv", tmp_path / "pegawai.csv"
    bad.write_text(files["bad"], encoding="utf-8")
    good.write_text(files["good"], encoding="utf-8")
    sign_in_as(page, base, small.head.nip, "hr_admin")
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Impor pegawai").click()
    checked(page, "impor")
    page.get_by_label("Berkas CSV").set_input_files(str(bad))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa impor pegawai")
    expect(page.locator(".error-summary")).to_contain_text("2 masalah ditemukan")
    expect(page.get_by_role("button", name="Terapkan impor")).to_have_count(0)
    checked(page, "impor-ditolak")
    screenshot(page, "hr-impor-ditolak")
    page.get_by_role("link", name="Unggah berkas yang sudah diperbaiki").click()
    page.get_by_label("Berkas CSV").set_input_files(str(good))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_role("status")).to_contain_text("Semua baris dapat diimpor: 2 pegawai baru")
    checked(page, "impor-periksa")
    screenshot(page, "hr-impor-periksa")
    page.get_by_role("button", name="Terapkan impor (2 baris)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impor pegawai diterapkan")
    checked(page, "impor-selesai")
    screenshot(page, "hr-impor-selesai")


def test_hr_downloads_the_periods_results_for_siasn(page, office):
    base, small = office["url"], office["small"]
    sign_in_as(page, base, small.head.nip, "hr_admin")
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Ekspor", exact=True).click()
    section = page.get_by_role("region", name="Untuk SIASN")
    expect(section.get_by_role("heading", name="Kinerja periodik (kinerjaperiodik)")).to_be_visible()
    checked(page, "ekspor")
    screenshot(page, "hr-ekspor")
    form = section.locator("form").first
    form.get_by_label("Unit kerja").select_option(small.head.unit_code)
    with page.expect_download() as download:
        form.get_by_role("button", name="Unduh kinerja periodik").click()
    got = download.value
    assert got.suggested_filename.startswith("siasn-kinerja-") and got.suggested_filename.endswith(".json")
    records = json.loads(open(got.path(), encoding="utf-8").read())
    assert isinstance(records, list)
    assert all(set(r) >= {"nipBaru", "kuadranKinerjaNilai", "penilaiNipNrp"} for r in records)

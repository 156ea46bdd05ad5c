"""The training admin's pages in a real Chromium, at a phone's and a desktop's width: a training
admin creates a programme (a bad JP refused at its field first, reached from the error summary),
imports a CSV after seeing its row-by-row check (a refused file first, then a good one), filters
the assignments with htmx, and verifies one reported completion and rejects another with a
reason, which the employee then reads on Pelatihan saya; an employee reports a completion on
Pelatihan saya, the training admin verifies it, and the employee's JP progress moves by the
programme's JP. axe-core on every page, screenshots."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import checked, menu, screenshot, sign_in_as, viewport_name
from tests.support.portal_training_admin import (
    HEADER, admin_nip, assessed_learners, progress_agency, report, training_agency, unique_code)

pytestmark = pytest.mark.timeout(400)


@pytest.fixture(scope="module")
def office(portal_platform):
    """The agency (seed 6007) with four assessed employees: two reports for each viewport."""
    small = training_agency(portal_platform.settings)
    learners = assessed_learners(portal_platform.settings, small, count=4)
    return {"small": small, "learners": learners, "settings": portal_platform.settings,
            "url": portal_platform.portal_url}


@pytest.fixture(scope="module")
def learners(portal_platform):
    """A second agency (seed 11351) with two assessed employees: one for each viewport."""
    small = progress_agency(portal_platform.settings)
    return {"small": small, "url": portal_platform.portal_url,
            "learners": assessed_learners(portal_platform.settings, small, count=2)}



def test_a_training_admin_creates_a_programme_and_imports_a_checked_csv(page, office, tmp_path):
    base = office["url"]
    sign_in_as(page, base, admin_nip(office["small"]), "training_admin")
    checked(page, "beranda")
    screenshot(page, "ta-beranda")
    menu(page, "Katalog pelatihan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Katalog pelatihan")
    page.get_by_label("Bentuk", exact=True).select_option("nonklasikal")  # htmx swaps the list
    expect(page).to_have_url(re.compile(r"/katalog\?.*bentuk=nonklasikal"))
    expect(page.locator("#programmes")).not_to_contain_text("PLT-KOMUNIKASI-EFEKTIF")
    checked(page, "katalog")
    screenshot(page, "ta-katalog")

    code = unique_code(f"TA-{viewport_name(page)[:3].upper()}")
    page.get_by_role("link", name="Tambah program").click()
    page.get_by_label("Kode program").fill(code)
    page.get_by_label("Judul (Bahasa Indonesia)").fill("Pelatihan Arsip Digital")
    page.get_by_label("Judul (Bahasa Inggris)").fill("Digital Archiving")
    page.get_by_label("Klasikal", exact=False).first.check()
    page.get_by_label("Jenis", exact=True).select_option("technical")
    page.get_by_label("Jam pelajaran (JP)").fill("0")
    page.get_by_label("M.07", exact=False).check()
    page.get_by_label("Sampai", exact=True).select_option("3")
    page.get_by_label("Penyelenggara").fill("BPSDM Provinsi")
    page.get_by_role("button", name="Lanjut: periksa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa sebelum menyimpan")
    page.get_by_role("button", name="Simpan program").click()  # the service refuses the JP
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    checked(page, "program-isian-salah")
    screenshot(page, "ta-program-isian-salah")
    summary.get_by_role("link").first.click()
    expect(page.locator("#jp")).to_be_focused()
    expect(page.locator("#title_id")).to_have_value("Pelatihan Arsip Digital")
    page.locator("#jp").fill("16")
    page.get_by_role("button", name="Lanjut: periksa").click()
    checked(page, "program-periksa")
    screenshot(page, "ta-program-periksa")
    page.get_by_role("button", name="Simpan program").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Program ditambahkan")
    checked(page, "program-tersimpan")
    screenshot(page, "ta-program-tersimpan")

    bad, good = tmp_path / "katalog-salah.csv", tmp_path / "katalog.csv"
    one = unique_code("TA-IMP")
    bad.write_text(HEADER + f"{one},Impor Satu,Import One,klasikal,coaching,16,M.01,1,3,BPSDM\n"
                   f"{one},Impor Satu,Import One,klasikal,technical,16,M.01,1,9,BPSDM\n")
    good.write_text(HEADER + f"{one},Pelatihan Tata Naskah,Official Correspondence,klasikal,"
                    "bimtek,12,M.03|M.05,1,3,BPSDM Provinsi\n")
    menu(page, "Impor katalog")
    checked(page, "impor")
    screenshot(page, "ta-impor")
    page.get_by_label("Berkas CSV").set_input_files(str(bad))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa impor")
    expect(page.locator(".error-summary")).to_contain_text("3 masalah ditemukan")
    problems = page.get_by_role("table", name="Masalah per baris")
    expect(problems).to_contain_text("Kode ini sudah dipakai di baris 2.")
    expect(page.get_by_role("button", name="Terapkan impor")).to_have_count(0)
    checked(page, "impor-ditolak")
    screenshot(page, "ta-impor-ditolak")
    page.get_by_role("link", name="Unggah berkas yang sudah diperbaiki").click()
    page.get_by_label("Berkas CSV").set_input_files(str(good))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.locator(".success")).to_contain_text("Semua baris dapat diimpor")
    checked(page, "impor-periksa")
    screenshot(page, "ta-impor-periksa")
    page.get_by_role("button", name="Terapkan impor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impor diterapkan")
    menu(page, "Katalog pelatihan")
    expect(page.locator(f"#program-{one}")).to_contain_text("Pelatihan Tata Naskah")


def test_a_training_admin_verifies_one_report_and_rejects_another(page, office, new_page):
    base, settings = office["url"], office["settings"]
    pair = office["learners"][:2] if viewport_name(page) == "phone" else office["learners"][2:]
    (first, first_planned), (second, second_planned) = pair
    good = report(settings, first.nip, first_planned[0], f"SERT/BPSDM/{first.nip[-4:]}")
    bad = report(settings, second.nip, second_planned[0], f"SERT/SALAH/{second.nip[-4:]}")
    sign_in_as(page, base, admin_nip(office["small"]), "training_admin")
    expect(page.locator(".task").first).to_contain_text("laporan pelatihan menunggu verifikasi")
    page.locator(".task").first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi laporan penyelesaian")
    checked(page, "verifikasi")
    screenshot(page, "ta-verifikasi")
    page.locator(f"#laporan-{good['report_id']}").get_by_role("button", name="Verifikasi").click()
    expect(page.locator(".success")).to_contain_text("diverifikasi")
    page.locator(f"#laporan-{bad['report_id']}").get_by_role("link", name="Tolak dengan alasan").click()
    page.get_by_role("button", name="Lanjut: periksa").click()  # no reason yet
    expect(page.locator("#reason-error")).to_contain_text("Tulis alasan menolak")
    page.get_by_label("Alasan penolakan").fill("Nomor sertifikat tidak terdaftar di BPSDM; "
                                              "kirim ulang dengan nomor pada sertifikat asli.")
    page.get_by_role("button", name="Lanjut: periksa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa sebelum menolak")
    checked(page, "tolak-periksa")
    screenshot(page, "ta-tolak-periksa")
    page.get_by_role("button", name="Tolak laporan").click()
    expect(page.locator(".success")).to_contain_text("ditolak")
    expect(page.locator(f"#laporan-{bad['report_id']}")).to_have_count(0)

    menu(page, "Penugasan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Penugasan pelatihan")
    page.get_by_label("Status", exact=True).select_option("completed")  # htmx swaps the list
    expect(page.locator("#assignments")).to_contain_text(first.nip)
    checked(page, "penugasan")
    screenshot(page, "ta-penugasan")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh daftar ini (CSV)").click()
    assert download.value.suggested_filename.startswith("penugasan-")

    employee = new_page(viewport_name(page))
    sign_in_as(employee, base, second.nip, "employee")
    menu(employee, "Pelatihan saya")
    rejected = employee.get_by_role("list", name="Laporan yang ditolak")
    expect(rejected).to_contain_text("Nomor sertifikat tidak terdaftar di BPSDM")
    checked(employee, "pelatihan-ditolak")
    screenshot(employee, "ta-pelatihan-ditolak")


def jp_progress(page: Page) -> tuple[int, int]:
    """The JP completed this year as Pelatihan saya writes it, and its progress bar's value."""
    label = page.locator("label[for=jp-progress]").inner_text()
    found = re.fullmatch(r"(\d+) dari 20 JP selesai", label.strip())
    assert found, label
    return int(found.group(1)), int(page.locator("#jp-progress").get_attribute("value"))


def test_a_verified_report_moves_the_employees_jp_progress(page, learners, new_page):
    base = learners["url"]
    seeded, planned = learners["learners"][0 if viewport_name(page) == "phone" else 1]
    assignment = planned[0]
    certificate = f"SERT/BPSDM/JP/{seeded.nip[-6:]}"
    sign_in_as(page, base, seeded.nip)
    menu(page, "Pelatihan saya")
    done_before, bar_before = jp_progress(page)
    assert bar_before == min(done_before, 20)
    item = page.locator(f"#assignment-{assignment['assignment_id']}")
    expect(item).to_contain_text(f"{assignment['jp']} JP")
    item.get_by_role("link", name="Laporkan selesai").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporkan pelatihan selesai")
    page.get_by_label("Nomor sertifikat").fill(certificate)
    page.get_by_label("Tanggal selesai").fill(date.today().isoformat())  # UTC's: never after Jakarta's
    page.get_by_role("button", name="Kirim laporan").click()
    expect(item).to_contain_text("menunggu verifikasi")
    assert jp_progress(page) == (done_before, bar_before)  # not counted until verified

    admin = new_page(viewport_name(page))
    sign_in_as(admin, base, admin_nip(learners["small"]), "training_admin")
    menu(admin, "Verifikasi laporan")
    reported = admin.locator("li[id^=laporan-]").filter(has_text=certificate)
    expect(reported).to_contain_text(seeded.nip)
    expect(reported).to_contain_text(f"{assignment['jp']} JP")
    reported.get_by_role("button", name="Verifikasi").click()
    expect(admin.locator(".success")).to_contain_text("diverifikasi")
    expect(admin.locator("li[id^=laporan-]").filter(has_text=certificate)).to_have_count(0)

    page.reload()
    done_after = done_before + assignment["jp"]
    expect(page.locator("label[for=jp-progress]")).to_have_text(f"{done_after} dari 20 JP selesai")
    expect(page.locator("#jp-progress")).to_have_attribute("value", str(min(done_after, 20)))
    expect(item).to_contain_text(certificate)
    checked(page, "pelatihan-jp-bertambah")
    screenshot(page, "ta-pelatihan-jp-bertambah")

"""Rencana kinerja (SKP) in a real Chromium, at a phone's and a desktop's width, a page at a time:
the employee writes the plan (an empty form refused at its field first) linked to the official's
RHK, the official returns it from Rencana kinerja tim then agrees it with a special expectation,
the employee adds evidence as a text, a link and a file and downloads the file, then revises the
agreed plan and sees its versions. axe-core on every page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, menu, screenshot, sign_in_as, viewport_name
from tests.support.portal import seed
from tests.support.portal_assessing import caller
from tests.support.portal_curve import closed_after
from tests.support.portal_hr import hr_client, open_past_period

pytestmark = pytest.mark.timeout(300)
SEED = 12031  # this file's own people
QUARTERS = {"phone": 1, "desktop": 2}  # each viewport's own quarter of 2009


@pytest.fixture(scope="module")
def office(portal_platform):
    """An employee whose official has a plan of their own in each viewport's period."""
    settings = portal_platform.settings
    small = seed(settings, employees=8, units=2, seed_value=SEED)
    hr = hr_client(settings, small)
    periods = {name: open_past_period(hr, 2009, q) for name, q in QUARTERS.items()}
    person = small.employee
    official = caller(settings, person.supervisor_nip)
    for period_id in periods.values():
        official.post(f"/periods/{period_id}/plans/{person.supervisor_nip}/proposal", {
            "results": [{"text": "Meningkatnya layanan kepegawaian", "main": True,
                         "indicators": [{"text": "Indeks kepuasan layanan"}]}]})
    with closed_after(hr, *periods.values()):
        yield {"small": small, "periods": periods, "person": person,
               "url": portal_platform.portal_url}


def write_plan(page, base, period):
    page.goto(f"{base}/rencana/{period}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Rencana kinerja (SKP) periode {period}")
    checked(page, "rencana kosong")
    page.get_by_role("link", name="Susun rencana").click()
    page.get_by_role("button", name="Ajukan rencana").click()  # nothing written
    expect(page.locator("#r0_text-error")).to_contain_text("Tulis paling sedikit satu RHK")
    checked(page, "rencana ditolak")
    page.locator("#r0_text").fill("Terselesaikannya usul mutasi pegawai tepat waktu")
    page.get_by_label("Hasil kerja utama").check()
    page.get_by_label("RHK atasan yang didukung").select_option("1")
    page.locator("#r0_i0_text").fill("Persentase usul mutasi selesai dalam 14 hari")
    page.locator("#r0_i0_quantity").fill("40 usul")
    page.locator("#r0_i0_time").fill("Triwulan I")
    page.locator("#r0_i0_target").fill("95")
    page.locator("#r0_i0_unit").fill("persen")
    page.get_by_role("button", name="Tambah baris RHK").click()
    expect(page.locator("#r1_text")).to_be_visible()
    screenshot(page, "rencana-susun")
    page.get_by_role("button", name="Ajukan rencana").click()
    expect(page.get_by_role("status").first).to_contain_text("Rencana diajukan.")
    expect(page.locator("main")).to_contain_text("Menunggu persetujuan")


def review(page, base, person, period):
    sign_in_as(page, base, person.supervisor_nip)
    menu(page, "Rencana kinerja tim")
    page.goto(f"{base}/rencana-tim/{period}")
    checked(page, "rencana tim")
    page.get_by_role("link", name=person.name).click()
    page.get_by_role("button", name="Kembalikan rencana").click()  # no note
    expect(page.locator("#note-error")).to_contain_text("Tulis catatan untuk pegawai")
    page.get_by_label("Catatan untuk pegawai").fill("Tambahkan target kualitas")
    page.get_by_role("button", name="Kembalikan rencana").click()
    expect(page.get_by_role("status").first).to_contain_text("Rencana dikembalikan.")


def test_a_plan_written_returned_agreed_evidenced_and_revised(page, office, tmp_path):
    base, period = office["url"], office["periods"][viewport_name(page)]
    person, main = office["person"], page.locator("main")
    sign_in_as(page, base, person.nip)
    write_plan(page, base, period)
    review(page, base, person, period)

    sign_in_as(page, base, person.nip)
    page.goto(f"{base}/rencana/{period}")
    expect(main).to_contain_text("Tambahkan target kualitas")
    page.get_by_role("link", name="Ubah dan ajukan lagi").click()
    page.locator("#r0_i0_quality").fill("Tanpa pengembalian berkas")
    page.get_by_role("button", name="Ajukan rencana").click()
    expect(page.get_by_role("status").first).to_contain_text("Rencana diajukan.")

    sign_in_as(page, base, person.supervisor_nip)
    page.goto(f"{base}/rencana-tim/{period}/{person.nip}")
    page.get_by_label("Ekspektasi khusus: Akuntabel").fill("Laporan bulanan tepat waktu")
    checked(page, "menyetujui")
    screenshot(page, "rencana-menyetujui")
    page.get_by_role("button", name="Setujui rencana").click()
    expect(page.get_by_role("status").first).to_contain_text("Rencana disetujui.")

    sign_in_as(page, base, person.nip)
    page.goto(f"{base}/rencana/{period}")
    expect(main).to_contain_text("Disetujui")
    expect(main).to_contain_text("Laporan bulanan tepat waktu")
    expect(main).to_contain_text("Meningkatnya layanan kepegawaian")  # the RHK it supports
    page.locator("summary", has_text="Bukti untuk RHK 1").click()
    page.locator("#text-1").fill("Rekap usul mutasi Januari")
    page.locator("#url-1").fill("https://arsip.example.go.id/mutasi/januari")
    page.get_by_role("button", name="Simpan bukti").click()
    expect(page.get_by_role("status").first).to_contain_text("Bukti dukung tersimpan.")
    file = tmp_path / "rekap mutasi.pdf"
    file.write_bytes(b"%PDF-1.4\n% rekap\n")
    page.locator("summary", has_text="Bukti untuk RHK 1").click()
    page.locator("#file-1").set_input_files(str(file))
    page.get_by_role("button", name="Unggah berkas").click()
    expect(page.get_by_role("status").first).to_contain_text("Berkas tersimpan.")
    with page.expect_download() as download:
        page.get_by_role("link", name="rekap mutasi.pdf").click()
    assert download.value.suggested_filename == "rekap mutasi.pdf"
    assert open(download.value.path(), "rb").read() == b"%PDF-1.4\n% rekap\n"
    checked(page, "rencana disetujui")
    screenshot(page, "rencana-bukti")

    page.get_by_role("link", name="Revisi rencana yang disetujui").click()
    page.get_by_role("button", name="Kirim revisi").click()  # no reason
    expect(page.locator("#reason-error")).to_contain_text("Tulis alasan revisi")
    page.get_by_label("Alasan revisi").fill("Tugas tambahan dari kepala badan")
    page.get_by_role("button", name="Kirim revisi").click()
    expect(page.get_by_role("status").first).to_contain_text("Revisi rencana dikirim.")
    expect(main).to_contain_text("versi 3: direvisi")
    checked(page, "versi")

"""Strengths put to use and the talent view in a real Chromium, at a phone's and a desktop's
width: the supervisor opens Peluang tim, assigns a role from an opportunity (a missing date
refused at its field first, reached from the error summary), checks and confirms it; the employee
reads it on Pelatihan saya; the supervisor declines another with a reason (a blank one refused
first); HR reads the roles report and the 9-box of the agency, an auditor reads Talenta and the
roles report with nothing to decide. axe-core on every page, screenshots."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, menu, screenshot, sign_in_as, viewport_name
from tests.support.portal_talent import hr_nip, strong_reports, talent_agency

pytestmark = pytest.mark.timeout(400)


@pytest.fixture(scope="module")
def office(portal_platform):
    """The agency (seed 10357): one supervisor's reports with an opportunity each, one per viewport."""
    small = talent_agency(portal_platform.settings)
    reports = strong_reports(portal_platform.settings, small, count=2)
    return {"small": small, "reports": reports, "url": portal_platform.portal_url,
            "settings": portal_platform.settings}


@pytest.fixture(scope="module")
def declining(office):
    """Two more of the supervisor's reports with an opportunity each, one per viewport."""
    return strong_reports(office["settings"], office["small"], count=2, start=2)


def test_the_supervisor_assigns_a_role_and_the_employee_sees_it(page, office, new_page):
    base = office["url"]
    person, _, o = office["reports"][0 if viewport_name(page) == "phone" else 1]
    sign_in_as(page, base, office["small"].supervisor.nip)
    menu(page, "Peluang tim")
    expect(page.get_by_role("heading", level=1)).to_have_text("Peluang tim")
    checked(page, "peluang-tim")
    screenshot(page, "talenta-peluang-tim")

    row = "#peluang-{}-{}".format(o["nip"], o["competency"].replace(".", "-"))
    page.locator(row).get_by_role("link", name="Tetapkan peran").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tetapkan peran untuk")
    expect(page.get_by_label("Peran", exact=True)).to_have_value(o["suggestion"]["id"])
    page.get_by_role("button", name="Lanjut: periksa").click()  # no date yet
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link", name="Isi tanggal mulai").click()
    expect(page.locator("#starts_on")).to_be_focused()
    checked(page, "tetapkan-salah")
    screenshot(page, "talenta-tetapkan-isian-salah")

    role = "Menjadi narasumber pada acara resmi instansi"
    page.get_by_label("Peran", exact=True).fill(role)
    page.get_by_label("Mulai tanggal").fill("2027-01-04")
    page.get_by_label("Catatan untuk pegawai (tidak wajib)").fill("Acara pertama: apel Hari Kesadaran Nasional")
    page.get_by_role("button", name="Lanjut: periksa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa sebelum menetapkan")
    expect(page.locator("main")).to_contain_text("4 Januari 2027")
    checked(page, "tetapkan-periksa")
    screenshot(page, "talenta-tetapkan-periksa")
    page.get_by_role("button", name="Tetapkan peran").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peran ditetapkan")
    checked(page, "ditetapkan")
    screenshot(page, "talenta-ditetapkan")

    employee = new_page(viewport_name(page))
    sign_in_as(employee, base, person.nip)
    menu(employee, "Pelatihan saya")
    expect(employee.locator("main")).to_contain_text(
        "Anda diminta menjadi narasumber pada acara resmi instansi mulai 4 Januari 2027.")
    checked(employee, "pelatihan-peran")
    screenshot(employee, "talenta-pelatihan-saya-peran")


def test_hr_reads_the_roles_report_and_the_talent_grid(page, office):
    base = office["url"]
    sign_in_as(page, base, hr_nip(office["small"]), "hr_admin")
    menu(page, "Peluang dan peran")
    expect(page.get_by_role("heading", level=1)).to_have_text("Peluang dan peran")
    checked(page, "peluang-dan-peran")
    screenshot(page, "talenta-peluang-dan-peran")
    page.get_by_role("link", name="Laporan peran per kompetensi dan unit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan peran")
    checked(page, "laporan-peran")
    screenshot(page, "talenta-laporan-peran")
    menu(page, "Talenta")
    expect(page.get_by_role("heading", level=1)).to_have_text("Talenta per unit")
    grid = page.locator("table.nine-box")
    expect(grid.locator("td.box")).to_have_count(9)
    expect(grid.locator("#kotak-9")).to_contain_text("Kotak 9")
    checked(page, "talenta")
    screenshot(page, "talenta-9-kotak")
    page.get_by_role("link", name="Kelompok rencana suksesi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelompok rencana suksesi")
    expect(page.get_by_role("heading", name="Belum memenuhi syarat")).to_be_visible()
    expect(page.get_by_role("table").last).to_contain_text("Pengembangan: 0 dari 20 JP")
    checked(page, "talenta-suksesi")
    screenshot(page, "talenta-suksesi")


def test_the_supervisor_declines_an_opportunity_with_a_reason(page, office, declining):
    base = office["url"]
    person, _, o = declining[0 if viewport_name(page) == "phone" else 1]
    sign_in_as(page, base, office["small"].supervisor.nip)
    menu(page, "Peluang tim")
    row = "#peluang-{}-{}".format(o["nip"], o["competency"].replace(".", "-"))
    page.locator(row).get_by_role("link", name="Tidak diambil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Peluang {person.name} tidak diambil")
    page.get_by_role("button", name="Lanjut: periksa").click()  # no reason yet
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    summary.get_by_role("link", name="Tuliskan alasan").click()
    expect(page.locator("#reason")).to_be_focused()
    checked(page, "tolak-salah")
    screenshot(page, "talenta-tolak-isian-salah")

    reason = "Sedang memimpin proyek lain sampai akhir tahun"
    page.get_by_label("Alasan").fill(reason)
    page.get_by_role("button", name="Lanjut: periksa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Periksa sebelum memutuskan tidak diambil")
    expect(page.locator("main")).to_contain_text(reason)
    checked(page, "tolak-periksa")
    screenshot(page, "talenta-tolak-periksa")
    page.get_by_role("button", name="Putuskan tidak diambil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peluang tidak diambil")
    expect(page.get_by_role("status")).to_contain_text(reason)
    checked(page, "tidak-diambil")
    screenshot(page, "talenta-tidak-diambil")
    menu(page, "Peluang tim")
    expect(page.locator(row)).to_contain_text("Tidak diambil")
    expect(page.locator(row).get_by_role("link")).to_have_count(0)


def test_an_auditor_reads_talent_and_the_roles_report_with_nothing_to_decide(page, office):
    sign_in_as(page, office["url"], hr_nip(office["small"]), "auditor")
    main_menu = page.get_by_role("navigation", name="Menu utama")
    expect(main_menu.get_by_role("link", name="Peluang dan peran")).to_have_count(0)
    menu(page, "Talenta")
    expect(page.get_by_role("heading", level=1)).to_have_text("Talenta per unit")
    grid = page.locator("table.nine-box")
    expect(grid.locator("td.box")).to_have_count(9)
    expect(page.locator("main").get_by_role("link", name="Tetapkan peran")).to_have_count(0)
    checked(page, "talenta-auditor")
    screenshot(page, "talenta-auditor")
    menu(page, "Laporan peran")
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan peran")
    expect(page.locator("main").get_by_role("link", name="Peluang dan peran")).to_have_count(0)
    checked(page, "laporan-peran-auditor")

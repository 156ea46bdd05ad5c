"""Penilaian diri, Tim saya, Nilai and Hasil in a real Chromium, at a phone's and a desktop's
width: an employee fills, checks and submits; a bad input and a missing answer are refused at
their fields; the supervisor assesses with the predikat in view; both see the comparison; another
employee's page is refused. axe-core on every page, screenshots of each main page."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import assert_accessible, console_errors, screenshot, viewport_name
from tests.support.portal_assessing import (
    assessing_agency, caller, compared, standard_of)

pytestmark = pytest.mark.timeout(300)
# Self levels of the report the supervisor assesses, against the supervisor's: one competency
# where the employee rates higher (blind spot), one lower (hidden strength), the rest in line.
SELF_LEVELS, BOSS_LEVELS = {0: 4, 1: 1}, {0: 2, 1: 3}


@pytest.fixture(scope="module")
def people(portal_platform):
    """A sekretaris and six direct reports; each viewport plays its own people."""
    small = assessing_agency(portal_platform.settings)
    boss = small.agency.employees[1]
    return {"settings": portal_platform.settings, "url": portal_platform.portal_url,
            "period": small.period, "boss": boss, "reports": small.reports_of(boss.nip)}


def slug(code: str) -> str:
    return code.replace(".", "-").lower()


def radio(name: str, value, first) -> str:
    """A choice's id: the first of a group carries the group's name (the error links to it)."""
    return f"#{name}" if value == first else f"#{name}-{value}"


def sign_in(page: Page, base: str, nip: str) -> None:
    page.goto(f"{base}/masuk")
    page.fill("#nip", nip)
    page.select_option("#role", "employee")
    page.get_by_role("button", name="Masuk sebagai pegawai ini").click()
    expect(page.locator(".who")).to_contain_text(nip)


def checked(page: Page, page_name: str) -> None:
    """axe-core finds nothing serious, and the CSP refused nothing (no console error of it)."""
    assert_accessible(page)
    refused = [e for e in console_errors(page) if "Content Security Policy" in e or "uncaught" in e]
    assert not refused, f"{page_name}: {refused}"


def one_screen(page: Page, name: str, at: str, block: str = "start") -> None:
    """A long form's screenshot: the screen showing ``at`` (the whole form is some 15 screens
    on a phone)."""
    path = screenshot(page, name)
    page.evaluate("([s, b]) => document.querySelector(s).scrollIntoView({block: b})", [at, block])
    page.screenshot(path=str(path), animations="disabled")


def fill(page: Page, codes: list[str], levels: dict[int, int], default: int) -> None:
    for i, code in enumerate(codes):
        page.check(radio(f"level-{slug(code)}", levels.get(i, default), 1))


def test_an_employee_fills_checks_and_submits_the_self_assessment(page, people):
    base, period = people["url"], people["period"]
    person = people["reports"][0 if viewport_name(page) == "phone" else 1]
    codes = standard_of(people["settings"], person.nip)
    sign_in(page, base, person.nip)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link",
                                                                  name="Penilaian diri").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Penilaian diri")
    page.check(radio(f"level-{slug(codes[0])}", 3, 1))
    expect(page.locator("#save-status")).to_contain_text("Draf tersimpan")  # htmx, on change
    page.reload()
    expect(page.locator(radio(f"level-{slug(codes[0])}", 3, 1))).to_be_checked()
    expect(page.locator("#contents")).to_contain_text("1 dari")
    checked(page, "penilaian diri")
    one_screen(page, "penilaian-diri", ".competency")

    evidence = f"#evidence-{slug(codes[1])}"
    page.check(radio(f"level-{slug(codes[1])}", 2, 1))
    page.fill(evidence, "x" * 2001)  # the API takes at most 2,000 characters
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator(f"{evidence}-error")).to_be_visible()
    expect(page.locator(evidence)).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"{evidence}-error")).to_contain_text("2000")  # the API's own words
    expect(page.locator(".error-summary")).to_be_visible()
    checked(page, "penilaian diri with an error")
    page.fill(evidence, "Menyusun laporan bersama tim lintas bidang")

    page.get_by_role("button", name="Lanjut: periksa jawaban").click()
    expect(page).to_have_url(re.compile(r"/periksa$"))
    page.get_by_role("button", name="Kirim penilaian").click()  # most are still unrated
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()  # read first by a screen reader, a Tab away from its links
    summary.get_by_role("link").first.click()
    expect(page.locator(radio(f"level-{slug(codes[2])}", 1, 1))).to_be_focused()
    expect(page.locator(f"#level-{slug(codes[2])}-error")).to_have_text(
        "Pilih satu level untuk kompetensi ini")
    expect(page.locator(evidence)).to_have_value("Menyusun laporan bersama tim lintas bidang")
    checked(page, "refused submission")

    fill(page, codes, {}, 2)
    page.check("#work_result")
    page.check("#work_behaviour-SESUAI")
    page.get_by_role("button", name="Lanjut: periksa jawaban").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa jawaban Anda")
    expect(page.get_by_role("table")).to_contain_text("Menyusun laporan bersama tim")
    checked(page, "periksa")
    screenshot(page, "periksa")
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Penilaian diri terkirim")
    expect(page.locator("main")).to_contain_text("Atasan langsung Anda akan menilai")
    checked(page, "terkirim")
    screenshot(page, "terkirim")
    page.get_by_role("link", name="Lihat jawaban yang dikirim").click()
    expect(page.locator("main")).to_contain_text("dikirim pada")
    assert page.locator("main textarea, main input[type=radio]").count() == 0, "read-only"
    page.goto(f"{base}/hasil")
    expect(page.locator("main")).to_contain_text("Menunggu penilaian atasan langsung Anda")
    checked(page, "hasil before both")


def test_the_supervisor_assesses_a_report_and_both_see_the_comparison(page, people):
    base, period, boss = people["url"], people["period"], people["boss"]
    person = people["reports"][2 if viewport_name(page) == "phone" else 3]
    codes = standard_of(people["settings"], person.nip)
    caller(people["settings"], person.nip).post(
        f"/periods/{period}/assessments/{person.nip}/self/submission",
        {"ratings": [{"competency": c, "level": SELF_LEVELS.get(i, 2)}
                     for i, c in enumerate(codes)],
         "work_result": "SESUAI", "work_behaviour": "SESUAI"})
    sign_in(page, base, boss.nip)
    page.get_by_role("link", name="Tim saya").click()
    row = page.get_by_role("row").filter(has_text=person.nip)
    expect(row).to_contain_text("Menunggu penilaian Anda")
    checked(page, "tim saya")
    screenshot(page, "tim-saya")
    row.get_by_role("link", name=person.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nilai {person.name}")
    fill(page, codes, BOSS_LEVELS, 2)
    page.check("#work_result")
    page.check("#work_behaviour")
    expect(page.locator("#predikat")).to_contain_text("Sangat Baik")  # the service's, by htmx
    checked(page, "nilai")
    one_screen(page, "nilai", "#predikat", "end")
    page.get_by_role("button", name="Lanjut: periksa jawaban").click()
    expect(page.locator("main")).to_contain_text("Sangat Baik")
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Penilaian untuk {person.name} terkirim")
    compared(people["settings"], period, person.nip)
    page.goto(f"{base}/tim-saya/{period}/{person.nip}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hasil penilaian {person.name}")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Pegawai menilai dirinya 2 level lebih tinggi")
    expect(table).to_contain_text("Anda menilai pegawai 2 level lebih tinggi")
    checked(page, "nilai, both in")
    screenshot(page, "nilai-hasil")

    sign_in(page, base, person.nip)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Hasil").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Anda menilai diri 2 level lebih tinggi dari atasan.")
    expect(table).to_contain_text("Atasan menilai Anda 2 level lebih tinggi")
    expect(page.locator("main")).to_contain_text("Sangat Baik")
    checked(page, "hasil")
    screenshot(page, "hasil")


def test_another_employees_page_is_refused(page, people):
    base, period, reports = people["url"], people["period"], people["reports"]
    sign_in(page, base, reports[4].nip)
    answer = page.goto(f"{base}/tim-saya/{period}/{reports[0].nip}")
    assert answer.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Anda tidak berhak membuka halaman ini")
    assert reports[0].name not in page.locator("main").inner_text()
    checked(page, "tidak berhak")

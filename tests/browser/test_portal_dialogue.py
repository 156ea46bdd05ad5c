"""Dialog kinerja, umpan balik and pelatihan saya in Chromium: the employee answers and
acknowledges on a phone, the supervisor schedules and records feedback on a desktop; axe-core on
every page; screenshots of the main pages at both widths for docs/portal-dialogue.md."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    assert_accessible, assert_no_horizontal_scroll, console_errors, screenshot)
from tests.support.portal import seed
from tests.support.portal_dialogue import GAP_LEVELS, Seeded, as_person, assess, assignments, hold

pytestmark = pytest.mark.timeout(300)


@dataclass(frozen=True)
class Cast:
    boss: str
    employee: str
    report: str          # the boss holds this one's dialogue in the test
    answered: Seeded
    held: Seeded


@pytest.fixture(scope="module")
def cast(portal_platform) -> Cast:
    """Two compared pairs under one supervisor, feedback given on the first, a note, training."""
    settings = portal_platform.settings
    agency = seed(settings, seed_value=4715)  # no other test file plays these people
    boss = agency.supervisor
    reports = agency.reports_of(boss.nip)
    employee = next(r for r in reports if r.position.job_level in GAP_LEVELS)
    report = next(r for r in reports if r is not employee)
    answered = assess(settings, agency.period, employee)
    hold(settings, answered, boss.nip, "Sepakat memperjelas komunikasi tertulis")
    as_person(settings, "feedback", boss.nip).post(f"/employees/{employee.nip}/notes", {
        "competency": answered.hidden_strength, "tone": "appreciation",
        "text": "Laporan bulanan Anda rapi dan tepat waktu."})
    assignments(settings, employee.nip)
    return Cast(boss.nip, employee.nip, report.nip, answered,
                assess(settings, agency.period, report))


def sign_in(page: Page, url: str, nip: str) -> None:
    page.set_default_timeout(30_000)  # several helpers' tests share two cores
    page.goto(f"{url}/masuk")
    page.get_by_label("NIP").fill(nip)
    page.get_by_role("button", name="Masuk sebagai pegawai ini").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beranda")


_REFUSED: dict[Page, set[str]] = {}  # per page: the refusals it was shown so far


def check(page: Page, name: str | None = None, refused: int | None = None) -> None:
    """What every page must pass: axe-core, no console error, no sideways scrolling. A form the
    service refused comes back with its status (``refused``), which Chromium logs as an error."""
    assert_accessible(page)
    seen = _REFUSED.setdefault(page, set())
    if refused:
        seen.add(f"status of {refused} ")
    errors = [e for e in console_errors(page) if not any(status in e for status in seen)]
    assert not errors, errors
    assert_no_horizontal_scroll(page)
    if name:
        screenshot(page, name)


def test_the_employees_pages_at_each_width(portal_platform, cast, page):
    url = portal_platform.portal_url
    sign_in(page, url, cast.employee)
    page.get_by_role("navigation").get_by_role("link", name="Dialog kinerja").click()
    check(page, "dialog-kinerja")
    page.get_by_role("link", name="Dialog kinerja periode").first.click()
    expect(page.get_by_text("Sepakat memperjelas komunikasi tertulis")).to_be_visible()
    check(page, "dialog-kinerja-satu")
    page.get_by_role("navigation").get_by_role("link", name="Umpan balik").click()
    expect(page.get_by_text("Laporan bulanan Anda rapi dan tepat waktu.")).to_be_visible()
    check(page, "umpan-balik")
    page.get_by_role("navigation").get_by_role("link", name="Pelatihan saya").click()
    expect(page.get_by_text("dari 20 JP selesai")).to_be_visible()
    check(page, "pelatihan-saya")


def test_the_supervisors_pages_at_each_width(portal_platform, cast, page):
    url = portal_platform.portal_url
    sign_in(page, url, cast.boss)
    page.goto(f"{url}/dialog-kinerja")
    check(page, "dialog-kinerja-atasan")
    page.goto(f"{url}/dialog-kinerja/{cast.held.dialogue_id}")
    check(page, "dialog-kinerja-jadwal")
    page.goto(f"{url}/dialog-kinerja/{cast.held.dialogue_id}/umpan-balik")
    check(page, "dialog-kinerja-umpan-balik")
    page.goto(f"{url}/umpan-balik/tulis/{cast.report}")
    check(page, "umpan-balik-tulis")


def test_an_employee_answers_and_acknowledges_on_a_phone(portal_platform, cast, new_page):
    page = new_page("phone")
    sign_in(page, portal_platform.portal_url, cast.employee)
    page.goto(f"{portal_platform.portal_url}/dialog-kinerja/{cast.answered.dialogue_id}")
    page.get_by_role("button", name="Lanjut ke pemeriksaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Pilih setuju atau tidak setuju")
    check(page, refused=422)
    page.get_by_label("Tidak setuju").check()
    page.get_by_label("Tanggapan (boleh dikosongkan)").fill("Target komunikasi terlalu tinggi")
    page.get_by_role("button", name="Lanjut ke pemeriksaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa tanggapan Anda")
    check(page, "dialog-kinerja-periksa")
    page.get_by_role("button", name="Kirim tanggapan dan tutup dialog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tanggapan Anda terkirim")
    check(page, "dialog-kinerja-terkirim")
    page.get_by_role("link", name="Lihat dialog").click()
    expect(page.get_by_text("Target komunikasi terlalu tinggi")).to_be_visible()
    expect(page.get_by_role("button", name="Lanjut ke pemeriksaan")).to_have_count(0)
    check(page)


def test_the_supervisor_schedules_and_records_feedback_on_a_desktop(portal_platform, cast,
                                                                    new_page):
    page = new_page("desktop")
    sign_in(page, portal_platform.portal_url, cast.boss)
    page.goto(f"{portal_platform.portal_url}/dialog-kinerja")
    page.get_by_role("link", name=_name_of(portal_platform, cast.report), exact=True).click()
    page.get_by_label("Tanggal").fill("2026-12-18")
    page.get_by_label("Jam").fill("09:30")
    page.get_by_label("Tempat").fill("Ruang Rapat Sekretariat")
    page.get_by_role("button", name="Simpan jadwal").click()
    expect(page.get_by_role("status")).to_have_text("Jadwal dialog tersimpan.")
    check(page)
    page.get_by_role("link", name="Catat umpan balik").click()
    page.get_by_role("button", name="Simpan umpan balik").click()
    expect(page.get_by_role("alert")).to_contain_text("Tulis ringkasan dialog")
    check(page, "dialog-kinerja-isian-salah", refused=422)
    page.get_by_role("link", name="Tulis ringkasan dialog").click()
    expect(page.locator("#summary")).to_be_focused()
    page.locator("#to_improve-1").fill("Perjelas pesan dalam surat dinas")
    page.locator("#summary").fill("Fokus pada surat dinas yang ringkas")
    page.get_by_role("button", name="Simpan umpan balik").click()
    expect(page.get_by_role("status")).to_contain_text("Umpan balik tersimpan")
    expect(page.get_by_text("Perjelas pesan dalam surat dinas")).to_be_visible()
    check(page)


def _name_of(platform, nip: str) -> str:
    return as_person(platform.settings, "assessment", nip).get("/me")["employee"]["name"]

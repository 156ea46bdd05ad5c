"""Catatan perilaku in a real Chromium, at a phone's and a desktop's width: the appraising official
notes a direct report's behaviour against a BerAKHLAK value (an empty form refused at its fields
first), sees the counts beside the perilaku rating on the assessment page with the way to the
continuous feedback; the employee reads the note on Perilaku saya; a peer may not open the page.
axe-core on every page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, menu, screenshot, sign_in_as, viewport_name
from tests.support.portal import seed

pytestmark = pytest.mark.timeout(300)
SEED = 17017  # this file's own people


@pytest.fixture(scope="module")
def office(portal_platform):
    """A supervisor and their reports in the open quarter: one report per viewport."""
    small = seed(portal_platform.settings, employees=8, units=2, seed_value=SEED)
    boss = small.supervisor
    reports = small.reports_of(boss.nip)
    return {"boss": boss, "reports": {"phone": reports[0], "desktop": reports[-1]},
            "period": small.period, "url": portal_platform.portal_url}


def test_the_official_notes_behaviour_and_sees_it_beside_the_rating(page, office):
    base, boss, period = office["url"], office["boss"], office["period"]
    viewport = viewport_name(page)
    report = office["reports"][viewport]
    text = f"Mengajak tim lain menyusun data bersama ({viewport})"
    main = page.locator("main")
    sign_in_as(page, base, boss.nip)
    menu(page, "Catatan perilaku")
    expect(page.get_by_role("heading", level=1)).to_have_text("Catatan perilaku tim")
    checked(page, "catatan perilaku tim")
    page.get_by_role("link", name=report.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Perilaku kerja {report.name}")
    expect(page.get_by_role("heading", level=2, name="Berorientasi Pelayanan")).to_be_visible()
    expect(page.locator("section.competency")).to_have_count(7)
    page.get_by_role("button", name="Simpan catatan").click()  # nothing chosen
    expect(page.locator("#value-error")).to_contain_text("Pilih nilai dasar")
    expect(page.locator("#kind-error")).to_contain_text("Pilih jenis catatan")
    checked(page, "catatan perilaku kosong")
    page.get_by_label("Nilai dasar").select_option(label="Kolaboratif")
    page.get_by_role("radio", name="Positif").check()
    page.get_by_label("Perilaku yang diamati").fill(text)
    page.get_by_role("button", name="Simpan catatan").click()
    expect(page.get_by_role("status").first).to_contain_text("Catatan perilaku tersimpan.")
    kolaboratif = page.locator("#value-kolaboratif")
    expect(kolaboratif).to_contain_text(text)
    expect(kolaboratif).to_contain_text(f"dicatat oleh {boss.name}")
    checked(page, "catatan perilaku")
    screenshot(page, "catatan-perilaku")

    page.goto(f"{base}/tim-saya/{period}/{report.nip}")
    evidence = page.locator("#behaviour-evidence")
    expect(evidence.get_by_role("heading")).to_have_text("Catatan perilaku per nilai BerAKHLAK")
    row = evidence.get_by_role("row", name="Kolaboratif")
    expect(row).to_contain_text("1")
    expect(evidence.get_by_role("link", name="Umpan balik berkelanjutan untuk pegawai ini")
           ).to_be_visible()
    evidence.get_by_text("Baca 1 catatan per nilai").click()
    expect(evidence.get_by_role("heading", name="Kolaboratif")).to_be_visible()
    expect(evidence).to_contain_text(text)
    checked(page, "penilaian atasan dengan catatan perilaku")
    evidence.scroll_into_view_if_needed()
    screenshot(page, "penilaian-atasan-perilaku")

    sign_in_as(page, base, report.nip)
    menu(page, "Perilaku saya")
    expect(page.get_by_role("heading", level=1)).to_have_text("Perilaku kerja saya")
    expect(main.locator("#value-kolaboratif")).to_contain_text(text)
    checked(page, "perilaku saya")
    screenshot(page, "perilaku-saya")


def test_only_the_official_opens_a_report_s_notes(page, office):
    base, period = office["url"], office["period"]
    report, other = office["reports"]["phone"], office["reports"]["desktop"]
    sign_in_as(page, base, other.nip)
    answer = page.goto(f"{base}/perilaku/{period}/{report.nip}")
    assert answer.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Anda tidak berhak membuka halaman ini")
    checked(page, "catatan perilaku ditolak")

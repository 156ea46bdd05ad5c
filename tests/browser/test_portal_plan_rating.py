"""The hasil kerja rating grounded in the plan, in a real Chromium at a phone's and a desktop's
width: the official records each RHK's realisation on the report's plan (a missing choice refused
at its field), sees the proposed rating there and on Nilai, and a rating other than the proposal
is sent only with its reason, which the plan then shows. axe-core on every page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import checked, screenshot, sign_in_as, viewport_name
from tests.support.portal import seed
from tests.support.portal_assessing import caller, standard_of
from tests.support.portal_curve import closed_after
from tests.support.portal_hr import hr_client, open_past_period

pytestmark = pytest.mark.timeout(300)
SEED = 12041  # this file's own people
QUARTERS = {"phone": 3, "desktop": 4}  # each viewport's own quarter of 2009


def rhk(text, main=False):
    return {"text": text, "main": main, "indicators": [{"text": f"Indikator {text}"}]}


@pytest.fixture(scope="module")
def office(portal_platform):
    """An employee's agreed plan of two RHK and the supervisor's draft rating Di Atas."""
    settings = portal_platform.settings
    small = seed(settings, employees=8, units=2, seed_value=SEED)
    hr = hr_client(settings, small)
    periods = {name: open_past_period(hr, 2009, q) for name, q in QUARTERS.items()}
    person = small.employee
    me, boss = caller(settings, person.nip), caller(settings, person.supervisor_nip)
    ratings = [{"competency": c, "level": 3} for c in standard_of(settings, person.nip)]
    for period_id in periods.values():
        plan = f"/periods/{period_id}/plans/{person.nip}"
        me.post(f"{plan}/proposal", {"results": [rhk("Layanan mutasi", True), rhk("Laporan")]})
        boss.post(f"{plan}/agreement", {})
        boss.put(f"/periods/{period_id}/assessments/{person.nip}/supervisor/draft",
                 {"ratings": ratings, "work_result": "DI_ATAS", "work_behaviour": "SESUAI"})
    with closed_after(hr, *periods.values()):
        yield {"periods": periods, "person": person, "url": portal_platform.portal_url}


def test_realisation_proposes_the_rating_and_another_needs_its_reason(page, office):
    base, period = office["url"], office["periods"][viewport_name(page)]
    person, main = office["person"], page.locator("main")
    sign_in_as(page, base, person.supervisor_nip)
    page.goto(f"{base}/rencana-tim/{period}/{person.nip}")
    page.get_by_role("button", name="Simpan realisasi RHK 1").click()  # nothing chosen
    expect(page.locator("#realisation-1-error")).to_contain_text("Pilih realisasi")
    page.get_by_label("Realisasi RHK 1", exact=True).select_option("SESUAI")
    page.get_by_label("Catatan realisasi RHK 1").fill("40 dari 40 usul selesai")
    page.get_by_role("button", name="Simpan realisasi RHK 1").click()
    expect(page.get_by_role("status").first).to_contain_text("Realisasi tersimpan.")
    page.get_by_label("Realisasi RHK 2", exact=True).select_option("SESUAI")
    page.get_by_role("button", name="Simpan realisasi RHK 2").click()
    expect(main).to_contain_text("Usulan penilaian hasil kerja dari realisasi RHK: Sesuai Ekspektasi")
    checked(page, "realisasi")
    screenshot(page, "rencana-realisasi")

    page.goto(f"{base}/tim-saya/{period}/{person.nip}")
    expect(page.locator("#plan-proposal")).to_contain_text("Sesuai Ekspektasi")
    checked(page, "nilai dengan usulan")
    page.goto(f"{base}/tim-saya/{period}/{person.nip}/periksa")
    expect(page.locator("#plan-proposal")).to_contain_text("Sesuai Ekspektasi")
    page.get_by_label("Alasan hasil kerja berbeda dari usulan").fill(
        "Tugas tambahan dari kepala badan diselesaikan di luar rencana")
    checked(page, "periksa dengan alasan")
    screenshot(page, "rencana-alasan-hasil-kerja")
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto(f"{base}/rencana-tim/{period}/{person.nip}")
    expect(main).to_contain_text("Penilaian hasil kerja pejabat penilai: Di Atas Ekspektasi")
    expect(main).to_contain_text("Tugas tambahan dari kepala badan diselesaikan di luar rencana")

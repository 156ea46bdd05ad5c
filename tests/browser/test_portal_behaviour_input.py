"""Masukan perilaku in a real Chromium, at a phone's and a desktop's width: the appraising official
invites a peer from the member page, the peer finds the invitation on Beranda and answers per
BerAKHLAK value (an empty form refused first), the official sees the counts beside the perilaku
rating, the employee sees that too few have answered to show anything; someone not invited may not
open the form. axe-core on every page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from shared.auth import EMPLOYEE
from tests.support.browser import checked, menu, screenshot, sign_in_as, viewport_name
from tests.support.portal import seed
from tools.apiclient import client_for, dev_token

pytestmark = pytest.mark.timeout(300)
SEED = 17018  # this file's own people


@pytest.fixture(scope="module")
def office(portal_platform):
    """A supervisor, and per viewport one of their reports with a peer the official may invite."""
    settings = portal_platform.settings
    small = seed(settings, employees=12, units=2, seed_value=SEED)
    pairs = []
    for boss in (e for e in small.agency.employees if small.reports_of(e.nip)):
        api = client_for(settings, "assessment", dev_token(settings, boss.nip, [EMPLOYEE]))
        for report in small.reports_of(boss.nip):
            found = api.get(f"/periods/{small.period}/employees/{report.nip}/behaviour-input")
            peers = [c for c in found["candidates"] if c["relation"] == "peer"]
            if peers:
                pairs.append((boss, report, peers[0]))
    assert len(pairs) >= 2, "the seed gives fewer than two reports with a peer"
    names = {e.nip: e for e in small.agency.employees}
    return {"pairs": {"phone": pairs[0], "desktop": pairs[-1]}, "names": names,
            "period": small.period, "url": portal_platform.portal_url}


def test_a_peer_invited_answers_from_beranda_and_the_official_sees_the_counts(page, office):
    base, period = office["url"], office["period"]
    boss, report, peer = office["pairs"][viewport_name(page)]
    sign_in_as(page, base, boss.nip)
    page.goto(f"{base}/perilaku/{period}/{report.nip}")
    page.get_by_label("Undang").select_option(peer["nip"])
    page.get_by_role("button", name="Kirim undangan").click()
    expect(page.get_by_role("status").first).to_contain_text("Undangan terkirim.")
    expect(page.locator("#input")).to_contain_text(f"{peer['name']} · Rekan kerja")
    expect(page.locator("#input")).to_contain_text("Belum menjawab")
    checked(page, "undangan masukan")

    sign_in_as(page, base, peer["nip"])
    page.get_by_role("link", name=f"Berikan masukan perilaku kerja untuk {report.name}.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Masukan perilaku untuk {report.name}")
    page.get_by_role("button", name="Kirim masukan").click()  # nothing chosen
    expect(page.locator("#choice-berorientasi_pelayanan-error")).to_contain_text(
        "Pilih jawaban untuk sedikitnya satu nilai dasar")
    checked(page, "masukan kosong")
    page.get_by_role("group", name=f"Perilaku {report.name} untuk nilai Kolaboratif").get_by_label(
        "Di atas ekspektasi").check()
    page.get_by_label("Komentar (tidak wajib)").last.fill("Selalu berbagi data dengan tim lain")
    screenshot(page, "masukan-perilaku")
    page.get_by_role("button", name="Kirim masukan").click()
    expect(page.get_by_role("status").first).to_contain_text("Masukan Anda terkirim.")
    expect(page.locator("main")).to_contain_text("Di atas ekspektasi: “Selalu berbagi data")
    checked(page, "masukan terkirim")

    sign_in_as(page, base, boss.nip)
    page.goto(f"{base}/tim-saya/{period}/{report.nip}")
    evidence = page.locator("#behaviour-evidence")
    row = evidence.get_by_role("table", name="Masukan rekan kerja dan bawahan (1 jawaban)"
                               ).get_by_role("row", name="Kolaboratif")
    expect(row).to_contain_text("1")
    checked(page, "penilaian atasan dengan masukan")
    page.goto(f"{base}/perilaku/{period}/{report.nip}")
    expect(page.locator("#input")).to_contain_text("Selalu berbagi data dengan tim lain")
    expect(page.locator("#input")).to_contain_text("Sudah menjawab")
    screenshot(page, "masukan-perilaku-atasan")

    sign_in_as(page, base, report.nip)
    menu(page, "Perilaku saya")
    expect(page.locator("#input")).to_contain_text("sedikitnya 3 orang menjawab")
    expect(page.locator("#input")).not_to_contain_text("Selalu berbagi data")
    checked(page, "perilaku saya menunggu masukan")


def test_someone_not_invited_may_not_open_the_form(page, office):
    base, period = office["url"], office["period"]
    boss, report, _ = office["pairs"]["phone"]
    sign_in_as(page, base, boss.nip)
    answer = page.goto(f"{base}/perilaku/masukan/{period}/{report.nip}")
    assert answer.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Anda tidak berhak membuka halaman ini")
    checked(page, "masukan ditolak")

"""The printable appraisal form in a real Chromium, at a phone's and a desktop's width: HR finds an
employee whose period went through all three services, opens their page, follows "Cetak (PDF)"
for the period, and the downloaded file is read back with pdftotext and pdfinfo.

The portal sends the form ``inline`` (a plain click opens it in the browser's PDF viewer, which
Debian's Chromium has even headless, so no download event comes); the test saves the link with
Alt+click, Chromium's own "download this link" gesture, so the file is the one a person saves."""
from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import (
    assert_accessible, assert_no_horizontal_scroll, console_errors, viewport_name)
from tests.support.portal_print import flat, pages_of, print_agency, text_of

pytestmark = [pytest.mark.timeout(300),
              pytest.mark.skipif(not shutil.which("pdftotext"),
                                 reason="poppler-utils missing (deploy/install.sh installs it)")]


@pytest.fixture(scope="module")
def office(portal_platform):
    return {"printed": print_agency(portal_platform.settings), "url": portal_platform.portal_url}


def sign_in_as_hr(page: Page, base: str, nip: str) -> None:
    page.goto(f"{base}/masuk")
    page.fill("#nip", nip)
    page.select_option("#role", "hr_admin")
    page.get_by_role("button", name="Masuk sebagai pegawai ini").click()
    page.get_by_label("Ganti peran").select_option("hr_admin")
    page.get_by_role("button", name="Ganti", exact=True).click()
    expect(page.locator(".who")).to_contain_text("BKPSDM")


def test_hr_downloads_the_form_and_it_reads_back(page, office, tmp_path):
    printed = office["printed"]
    person, period = printed.person, printed.small.period
    sign_in_as_hr(page, office["url"], printed.small.head.nip)
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Pegawai", exact=True).click()
    page.get_by_label("Nama atau NIP").fill(person.nip)
    page.get_by_role("button", name="Cari pegawai").click()
    expect(page.locator("#employees")).to_contain_text("1 pegawai ditemukan")
    page.locator("#employees").get_by_role("link", name=person.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(person.name)
    row = page.get_by_role("row").filter(has_text=period)
    expect(row).to_contain_text("Baik")  # the predikat, as the page says it
    assert_accessible(page)
    assert not [e for e in console_errors(page) if "Content Security Policy" in e]
    assert_no_horizontal_scroll(page)

    link = row.get_by_role("link", name=re.compile(r"Cetak \(PDF\)"))
    expect(link).to_have_attribute("href", f"/cetak/{period}/{person.nip}.pdf")
    with page.expect_download() as download:
        link.click(modifiers=["Alt"])  # Chromium's "download the link" gesture
    assert download.value.suggested_filename == f"penilaian-{period}-{person.nip}.pdf"
    pdf = tmp_path / f"formulir-{viewport_name(page)}.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")

    words, pages = flat(text_of(pdf)), pages_of(pdf)
    assert pages >= 1
    assert person.name in words and person.nip in words
    assert re.search(r"Predikat\s+BAIK", words), "the predikat, in words"
    assert "Halaman 1 dari" in words
    assert f"Halaman {pages} dari {pages}" in words

"""The portal's frame in a real browser: sign-in, Beranda, switching language and role, a refused
page, at a phone's and a desktop's width, each page checked by axe-core and photographed."""
from __future__ import annotations

import pytest

from tests.support.browser import (assert_accessible, assert_no_console_errors,
                                   assert_no_horizontal_scroll, screenshot)
from tests.support.portal import seed


@pytest.fixture(scope="module")
def agency(portal_platform):
    return seed(portal_platform.settings, employees=8, units=2, seed_value=37)  # played here only


def sign_in(page, base: str, nip: str, role: str = "employee") -> None:
    page.goto(f"{base}/masuk")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Peran").select_option(role)
    page.get_by_role("button", name="Masuk sebagai pegawai ini").click()
    page.wait_for_url(f"{base}/")


def test_the_sign_in_page(page, portal_platform):
    page.goto(f"{portal_platform.portal_url}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Masuk"
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    screenshot(page, "masuk")


def test_a_wrong_nip_is_shown_at_its_field_and_in_the_summary(page, portal_platform):
    page.goto(f"{portal_platform.portal_url}/masuk")
    page.get_by_label("NIP").fill("1234")
    page.get_by_role("button", name="Masuk sebagai pegawai ini").click()
    assert page.locator("#nip-error").inner_text().endswith("Isi NIP dengan 18 angka")
    assert page.get_by_label("NIP").get_attribute("aria-invalid") == "true"
    assert page.get_by_role("alert").get_by_role("link").get_attribute("href") == "#nip"
    assert_accessible(page)


def test_beranda_puts_the_next_task_first(page, portal_platform, agency):
    base = portal_platform.portal_url
    sign_in(page, base, agency.employee.nip)
    first = page.locator(".task").first
    assert f"Isi penilaian diri periode {agency.period}" in first.inner_text()
    assert agency.employee.name in page.locator("header").inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    assert_no_console_errors(page)
    screenshot(page, "beranda")


def test_the_keyboard_alone_reaches_the_main_content(new_page, portal_platform, agency):
    page = new_page("desktop")
    sign_in(page, portal_platform.portal_url, agency.employee.nip)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Langsung ke isi halaman"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_english_by_the_switch_and_remembered(new_page, portal_platform, agency):
    page = new_page("phone")
    base = portal_platform.portal_url
    sign_in(page, base, agency.employee.nip)
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Home"
    page.goto(f"{base}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_hr_switches_role_and_back(new_page, portal_platform, agency):
    page = new_page("desktop")
    base = portal_platform.portal_url
    sign_in(page, base, agency.head.nip, "hr_admin")
    page.get_by_label("Ganti peran").select_option("hr_admin")
    page.get_by_role("button", name="Ganti", exact=True).click()
    assert "BKPSDM (admin kepegawaian)" in page.locator("header").inner_text()
    assert_accessible(page)


def test_an_unknown_page_is_a_friendly_page_with_the_request_id(new_page, portal_platform, agency):
    page = new_page("phone")
    sign_in(page, portal_platform.portal_url, agency.employee.nip)
    answer = page.goto(f"{portal_platform.portal_url}/tidak-ada")
    assert answer.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Halaman tidak ditemukan"
    assert page.locator("code").inner_text() == answer.headers["x-request-id"]
    assert_accessible(page)
    screenshot(page, "tidak-ditemukan")

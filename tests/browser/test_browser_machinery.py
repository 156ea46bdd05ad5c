"""The browser machinery itself: Debian's Chromium under Playwright at both widths, forms, a strict
CSP that stays enforced, screenshots, and axe-core passing a good page and failing a bad one."""
from __future__ import annotations

import struct

import pytest

from tests.browser.site import HTMX, serve
from tests.support import browser as support
from tests.support.browser import (AXE_SCRIPT, AccessibilityError, assert_accessible,
                                   assert_no_horizontal_scroll, console_errors, require,
                                   screenshot, viewport_name)

NPM_FIX = "run deploy/install.sh (npm ci)"


@pytest.fixture(scope="module")
def site():
    server = serve()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _png_width(path) -> int:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">I", data[16:20])[0]


def test_a_person_fills_the_form_and_sees_the_result(page, site):
    page.goto(site)
    assert page.evaluate("navigator.language") == "id-ID"
    page.get_by_role("button", name="Tandai").click()  # a same-origin script, which the CSP allows
    assert page.locator("#status").inner_text() == "Ditandai"
    page.get_by_label("Nama lengkap").fill("Siti Rahayu")
    page.get_by_role("button", name="Kirim penilaian").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Terima kasih, Siti Rahayu"
    assert console_errors(page) == []


def test_the_csp_stays_enforced_so_an_inline_script_is_refused(page, site):
    page.goto(f"{site}/sebaris")
    assert page.title() == "Sebaris"
    assert any("Content Security Policy" in e for e in console_errors(page)), console_errors(page)


def test_htmx_swaps_a_fragment_under_the_strict_csp(page, site):
    require(HTMX, "htmx.org", NPM_FIX)
    page.goto(f"{site}/htmx")
    page.get_by_role("button", name="Muat ringkasan").click()
    page.get_by_text("Ringkasan dimuat").wait_for()
    assert page.evaluate("htmx.version") == "2.0.11"
    assert console_errors(page) == []


def test_add_script_tag_is_refused_by_the_csp_which_is_why_axe_goes_in_by_evaluate(page, site):
    require(AXE_SCRIPT, "axe-core", NPM_FIX)
    page.goto(site)
    with pytest.raises(Exception, match="Content Security Policy"):
        page.add_script_tag(path=str(AXE_SCRIPT))


def test_a_page_wider_than_the_phone_scrolls_sideways_and_fails(new_page, site):
    phone, desktop = new_page("phone"), new_page("desktop")
    phone.goto(site)
    assert_no_horizontal_scroll(phone)
    phone.goto(f"{site}/lebar")
    with pytest.raises(AssertionError, match="908 px wide in a 390 px viewport"):
        assert_no_horizontal_scroll(phone)
    desktop.goto(f"{site}/lebar")
    assert_no_horizontal_scroll(desktop)


def test_a_full_page_screenshot_at_each_width(page, site, monkeypatch, tmp_path):
    monkeypatch.delenv("ASN_SCREENSHOTS", raising=False)
    page.goto(site)
    path = screenshot(page, "machinery")
    assert path.name == f"machinery-{viewport_name(page)}.png"
    css_width, scale = (390, 2) if viewport_name(page) == "phone" else (1280, 1)
    assert _png_width(path) == css_width * scale
    assert "docs" not in path.parts, "without ASN_SCREENSHOTS=1 nothing lands in docs/"


def test_asn_screenshots_1_puts_them_where_the_docs_keep_them(new_page, site, monkeypatch,
                                                              tmp_path):
    monkeypatch.setenv("ASN_SCREENSHOTS", "1")
    monkeypatch.setattr(support, "SCREENSHOTS", tmp_path / "screenshots")  # not the real docs/
    page = new_page("phone")
    page.goto(site)
    assert screenshot(page, "formulir") == tmp_path / "screenshots" / "formulir-phone.png"
    assert _png_width(tmp_path / "screenshots" / "formulir-phone.png") == 780


def test_axe_passes_an_accessible_page_under_the_strict_csp(page, site):
    page.goto(site)
    assert_accessible(page)
    assert page.evaluate("typeof axe.run") == "function"


def test_axe_fails_a_page_with_an_unlabelled_image_and_input(page, site):
    page.goto(f"{site}/buruk")
    with pytest.raises(AccessibilityError) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "image-alt" in message and "label" in message and "/buruk" in message
    assert "<img" in message, "the message names the offending element"


def test_the_axe_script_is_installed_by_npm_ci():
    require(AXE_SCRIPT, "axe-core", NPM_FIX)
    assert AXE_SCRIPT.is_file() and "axe v4.14.1" in AXE_SCRIPT.read_text()[:200]

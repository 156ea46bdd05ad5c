"""Signing in to the portal: the development sign-in, sessions, CSRF and the page headers."""
from __future__ import annotations

from tests.support.portal import Browserless, portal_app
from tests.support.portal_assessing import submit

CSP_SCRIPT = "script-src 'self'"


def test_a_visitor_is_sent_to_sign_in_and_back(browser):
    answer = browser.get("/")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/masuk?next=/")


def test_the_sign_in_page_is_indonesian_with_a_strict_policy(browser):
    answer = browser.get("/masuk")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and '<html lang="id">' in html
    assert "Masuk sebagai pegawai ini" in html
    assert CSP_SCRIPT in answer.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in answer.headers["Content-Security-Policy"]
    assert "<script>" not in html, "no inline script on any page"
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_an_employee_signs_in_and_sees_who_they_are(browser, agency):
    answer = browser.sign_in(agency.employee.nip)
    assert answer.status_code == 302
    html = browser.get("/").get_data(as_text=True)
    assert agency.employee.nip in html and "Pegawai" in html
    assert f"Isi penilaian diri periode {agency.period}" in html, "the first thing due"


def test_a_form_without_its_csrf_token_is_refused(browser, agency):
    answer = browser.client.post("/masuk/dev", data={"nip": agency.employee.nip,
                                                     "role": "employee"})
    assert answer.status_code == 400
    assert "Formulir sudah kedaluwarsa" in answer.get_data(as_text=True)
    assert browser.get("/").status_code == 302, "still not signed in"


def test_a_bad_nip_is_explained_beside_the_field(browser):
    answer = browser.submit("/masuk", "/masuk/dev", {"nip": "12345", "role": "employee"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert 'aria-invalid="true"' in html and "Isi NIP dengan 18 angka" in html
    assert 'href="#nip"' in html, "the error summary links to the field"


def test_without_the_development_switch_the_development_sign_in_is_refused(platform, agency):
    closed = Browserless(portal_app(platform.settings, dev_login=False))
    assert "Masuk sebagai pegawai ini" not in closed.get("/masuk").get_data(as_text=True)
    answer = closed.submit("/masuk", "/masuk/dev", {"nip": agency.employee.nip,
                                                    "role": "employee"})
    assert answer.status_code == 403
    assert closed.get("/").status_code == 302


def test_signing_out_ends_the_session(browser, agency):
    browser.sign_in(agency.employee.nip)
    assert browser.get("/").status_code == 200
    browser.submit("/", "/keluar", {})
    assert browser.get("/").status_code == 302


def test_the_language_switch_is_remembered(browser, agency):
    browser.sign_in(agency.employee.nip)
    browser.submit("/", "/bahasa", {"lang": "en", "next": "/"})
    html = browser.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign out" in html


def test_a_person_switches_only_to_roles_they_hold(browser, agency):
    browser.sign_in(agency.head.nip, "hr_admin")
    assert browser.submit("/", "/peran", {"role": "hr_admin"}).status_code == 302
    assert "BKPSDM" in browser.get("/").get_data(as_text=True)
    assert browser.submit("/", "/peran", {"role": "auditor"}).status_code == 403


def test_pages_are_counted_and_timed_and_carry_a_request_id(browser):
    browser.get("/masuk", headers={"X-Request-ID": "portal-test-42"})
    answer = browser.get("/metrics")
    assert answer.headers["X-Request-ID"] != "portal-test-42"
    assert 'asn_http_requests_total{method="GET",route="/masuk",service="portal",status="200"}' \
        in answer.get_data(as_text=True)
    assert browser.get("/masuk", headers={"X-Request-ID": "portal-test-42"}) \
        .headers["X-Request-ID"] == "portal-test-42"


def test_the_head_of_the_agency_is_not_told_to_wait_for_a_supervisor(browser, agency, platform):
    head = agency.head.nip
    submit(platform.settings, agency.period, head, "self", head, level=3)
    browser.sign_in(agency.head.nip)
    html = browser.get("/").get_data(as_text=True)
    assert "menunggu penilaian atasan" not in html
    assert "Isi penilaian diri" not in html

"""Signing in to the portal through the agency's identity provider, a real Keycloak: the
authorization code flow with PKCE from the portal's button to Keycloak's login form and back,
the services taking the person's Keycloak token, and signing out ending the Keycloak session."""
from __future__ import annotations

import uuid

import pytest

from demo.agency import generate
from demo.drive import current_quarter, ensure_period, register
from tools.apiclient import client_for, dev_token
from tests.support.browser import assert_accessible
from tests.support.keycloak import keycloak  # noqa: F401  (the session's Keycloak)
from tests.support.platform import Platform

pytestmark = pytest.mark.timeout(240)
AGENCY = (8, 2, 23)  # employees, units, seed


@pytest.fixture(scope="module")
def sso_portal(base_settings, keycloak, tmp_path_factory):  # noqa: F811
    agency = generate(*AGENCY)
    unique = uuid.uuid4().hex[:8]
    platform = Platform(base_settings.with_(database_prefix=f"asntest_{unique}_",
                                            topic_prefix=f"test.{unique}."),
                        tmp_path_factory.mktemp("sso-portal"), portal=True)
    realm = keycloak.make_realm(agency, portal_url=platform.portal_url)
    settings = keycloak.settings_for(platform.settings, realm)
    platform.env.update({
        "ASN_JWT_JWKS_URL": settings.jwt_jwks_url, "ASN_JWT_ISSUER": settings.jwt_issuer,
        "ASN_JWT_AUDIENCE": settings.jwt_audience, "ASN_JWT_NIP_CLAIM": settings.jwt_nip_claim,
        "ASN_JWT_ROLES_CLAIM": settings.jwt_roles_claim,
        "ASN_OIDC_DISCOVERY_URL": f"{keycloak.issuer(realm)}/.well-known/openid-configuration",
        "ASN_OIDC_CLIENT_ID": keycloak.env["ASN_OIDC_CLIENT_ID"],
        "ASN_OIDC_CLIENT_SECRET": keycloak.env["ASN_OIDC_CLIENT_SECRET"]})
    platform.setup()
    try:
        platform.start()
        as_idp = settings.with_(
            dev_token_url=f"{keycloak.issuer(realm)}/protocol/openid-connect/token")
        hr = client_for(as_idp, "assessment", dev_token(as_idp, agency.hr_head.nip, []))
        register(hr, agency)
        ensure_period(hr, current_quarter())
        yield platform, agency, keycloak
    finally:
        platform.stop()
        platform.remove()


def _sign_in_at_keycloak(page, username: str, password: str) -> None:
    page.get_by_role("button", name="Masuk dengan akun instansi").click()
    page.wait_for_selector("#username")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("#kc-login")


def test_an_employee_signs_in_through_keycloak_and_out_again(new_page, sso_portal):
    platform, agency, idp = sso_portal
    person = next(e for e in agency.employees if e.supervisor_nip)
    page = new_page("phone")
    page.goto(f"{platform.portal_url}/")
    assert page.url.startswith(f"{platform.portal_url}/masuk"), "a visitor is asked to sign in"
    assert_accessible(page)
    _sign_in_at_keycloak(page, person.nip, idp.password)

    page.wait_for_url(f"{platform.portal_url}/")
    header = page.locator("header").inner_text()
    assert person.nip in header and person.name in header, "the services took the IdP's token"
    assert f"Isi penilaian diri periode {current_quarter()}" in page.locator("main").inner_text()
    cookies = {c["name"]: c for c in page.context.cookies(platform.portal_url)}
    assert cookies["asn_portal_session"]["httpOnly"], "no script can read the session"
    assert "eyJ" not in page.content(), "no token (a JWT starts eyJ) is ever in a page"

    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(f"{platform.portal_url}/masuk*")
    page.get_by_role("button", name="Masuk dengan akun instansi").click()
    page.wait_for_selector("#username")
    assert page.url.startswith(idp.url), "Keycloak asks for the password again: its session ended"

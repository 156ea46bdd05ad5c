"""The portal's client asn-portal in the real Keycloak: authorization code with PKCE S256, as a
browser would go through it (the login form filled in), the dev secret, and the tokens it yields."""
from __future__ import annotations

import base64
import hashlib
import html
import http.cookiejar
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request

import jwt
import pytest

from demo.agency import generate
from demo.keycloak import KeycloakError, token_request
from tests.support.keycloak import keycloak  # noqa: F401  (the session's Keycloak)

AGENCY = generate(employees=2, units=1, seed=11)
PERSON = AGENCY.employees[1]
REDIRECT = "http://127.0.0.1:8000/auth/callback"
SECRET = "asn-portal-dev-secret"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def realm(keycloak):  # noqa: F811
    return keycloak.make_realm(AGENCY)


class LoopbackIsSecure(http.cookiejar.DefaultCookiePolicy):
    """Keycloak's cookies are Secure; browsers send them to http://127.0.0.1 too (a secure context)."""

    def return_ok_secure(self, cookie, request):
        return True


def browser():
    jar = http.cookiejar.CookieJar(LoopbackIsSecure())
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def open_(opener, url: str, data: dict | None = None):
    """The response, whatever its status (a 302 is an answer here, not something to follow)."""
    try:
        return opener.open(url, urllib.parse.urlencode(data).encode() if data else None, timeout=10)
    except urllib.error.HTTPError as exc:
        return exc


def authorize_url(keycloak, realm: str, challenge: str | None) -> str:  # noqa: F811
    query = {"client_id": "asn-portal", "response_type": "code", "scope": "openid",
             "redirect_uri": REDIRECT, "state": "s1"}
    if challenge:
        query.update(code_challenge=challenge, code_challenge_method="S256")
    return f"{keycloak.issuer(realm)}/protocol/openid-connect/auth?{urllib.parse.urlencode(query)}"


def sign_in(keycloak, realm: str, challenge: str) -> str:  # noqa: F811
    """The code Keycloak sends back to the portal after the person fills in the login form."""
    opener = browser()
    page = open_(opener, authorize_url(keycloak, realm, challenge)).read().decode()
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
    answer = open_(opener, action, {"username": PERSON.nip, "password": keycloak.password})
    assert answer.status == 302, answer.read()[:500]
    location = urllib.parse.urlparse(answer.headers["Location"])
    assert location.geturl().startswith(REDIRECT)
    return urllib.parse.parse_qs(location.query)["code"][0]


def pkce() -> tuple[str, str]:
    """A code verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def test_authorization_code_with_pkce_gives_tokens_with_nip_and_the_api_audience(keycloak, realm):  # noqa: F811
    verifier, challenge = pkce()
    code = sign_in(keycloak, realm, challenge)
    tokens = token_request(keycloak.url, realm, {
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
        "client_id": "asn-portal", "client_secret": SECRET, "code_verifier": verifier})
    access = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    identity = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    assert access["nip"] == identity["nip"] == PERSON.nip
    assert "asn-api" in access["aud"] and identity["aud"] == "asn-portal"
    assert "employee" in access["realm_access"]["roles"]


def test_sign_out_returns_to_the_portal(keycloak, realm):  # noqa: F811
    verifier, challenge = pkce()
    tokens = token_request(keycloak.url, realm, {
        "grant_type": "authorization_code", "code": sign_in(keycloak, realm, challenge),
        "redirect_uri": REDIRECT, "client_id": "asn-portal", "client_secret": SECRET,
        "code_verifier": verifier})
    query = urllib.parse.urlencode({"id_token_hint": tokens["id_token"], "client_id": "asn-portal",
                                    "post_logout_redirect_uri": "http://127.0.0.1:8000/"})
    answer = open_(browser(), f"{keycloak.issuer(realm)}/protocol/openid-connect/logout?{query}")
    assert answer.status == 302 and answer.headers["Location"] == "http://127.0.0.1:8000/"
    with pytest.raises(KeycloakError, match="invalid_grant"):  # the session is gone
        token_request(keycloak.url, realm, {"grant_type": "refresh_token", "client_id": "asn-portal",
                                            "client_secret": SECRET,
                                            "refresh_token": tokens["refresh_token"]})


def test_without_a_pkce_challenge_keycloak_refuses_to_start_the_sign_in(keycloak, realm):  # noqa: F811
    answer = open_(browser(), authorize_url(keycloak, realm, None))
    location = answer.headers.get("Location") or ""
    assert answer.status == 302 and "error=invalid_request" in location
    assert "code_challenge" in urllib.parse.unquote(location)


def test_a_wrong_verifier_or_secret_gets_no_tokens(keycloak, realm):  # noqa: F811
    verifier, challenge = pkce()
    for wrong in ({"code_verifier": secrets.token_urlsafe(48), "client_secret": SECRET},
                  {"code_verifier": verifier, "client_secret": "not-the-secret"}):
        code = sign_in(keycloak, realm, challenge)
        with pytest.raises(KeycloakError, match="40[01]"):
            token_request(keycloak.url, realm, {
                "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                "client_id": "asn-portal", **wrong})


def test_a_realm_for_a_portal_on_another_port_redirects_only_there(keycloak):  # noqa: F811
    realm = keycloak.make_realm(AGENCY, portal_url="http://127.0.0.1:18123")
    _, challenge = pkce()
    elsewhere = open_(browser(), authorize_url(keycloak, realm, challenge))
    assert elsewhere.status == 400  # REDIRECT is on port 8000: not this realm's portal
    url = authorize_url(keycloak, realm, challenge).replace(
        urllib.parse.quote(REDIRECT, safe=""), urllib.parse.quote("http://127.0.0.1:18123/cb", safe=""))
    assert open_(browser(), url).status == 200  # the login form


def test_the_portal_client_may_not_use_the_password_grant(keycloak, realm):  # noqa: F811
    with pytest.raises(KeycloakError, match="unauthorized_client"):
        token_request(keycloak.url, realm, {"grant_type": "password", "client_id": "asn-portal",
                                            "client_secret": SECRET, "username": PERSON.nip,
                                            "password": keycloak.password})

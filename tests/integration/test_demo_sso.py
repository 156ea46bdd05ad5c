"""What `make up SSO=keycloak` runs, end to end: every service process takes the Keycloak's tokens
(the settings of sso.env, pointed at a realm of this test), and `python -m demo` drives a period
with the demo people's own Keycloak tokens (password grant), as a person signed in would."""
from __future__ import annotations

import io
import urllib.error
import urllib.request
import uuid

import pytest

from demo.__main__ import parser, run
from demo.agency import generate
from tools.apiclient import dev_token
from tests.support.keycloak import keycloak  # noqa: F401  (the session's Keycloak)
from tests.support.platform import Platform

pytestmark = pytest.mark.timeout(240)
ARGS = ["--employees", "12", "--units", "3", "--seed", "9"]
READABLE_BY_ALL = {"assessment": "/periods", "feedback": "/phrases", "training": "/programmes"}


@pytest.fixture(scope="module")
def sso_platform(infra, keycloak, tmp_path_factory):  # noqa: F811
    realm = keycloak.make_realm(generate(12, 3, 9))
    unique = uuid.uuid4().hex[:8]
    settings = keycloak.settings_for(infra.with_(database_prefix=f"asntest_{unique}_",
                                                 topic_prefix=f"test.{unique}."), realm)
    running = Platform(settings, tmp_path_factory.mktemp("sso-platform"))
    running.env.update({"ASN_JWT_JWKS_URL": settings.jwt_jwks_url,
                        "ASN_JWT_ISSUER": settings.jwt_issuer,
                        "ASN_JWT_AUDIENCE": settings.jwt_audience,
                        "ASN_JWT_NIP_CLAIM": settings.jwt_nip_claim,
                        "ASN_JWT_ROLES_CLAIM": settings.jwt_roles_claim})
    running.setup()
    try:
        running.start()
        yield running, running.settings.with_(
            dev_token_url=f"{keycloak.issuer(realm)}/protocol/openid-connect/token")
    finally:
        running.stop()
        running.remove()


def test_the_demo_drives_a_period_with_keycloak_tokens(sso_platform):
    platform, settings = sso_platform
    summary = run(settings, parser().parse_args(ARGS), io.StringIO())
    assert summary["employees"] == 12 and summary["self"] == 11 and summary["supervisor"] == 10


def test_the_running_services_take_keycloak_tokens_and_refuse_the_development_key_s(sso_platform):
    platform, settings = sso_platform
    hr = generate(12, 3, 9).hr_head.nip
    keycloak_token = dev_token(settings, hr, ["hr_admin"])
    dev_key_token = dev_token(settings.with_(dev_token_url=None), hr, ["hr_admin"])
    for service, path in READABLE_BY_ALL.items():
        url = f"{platform.settings.service_urls[service]}{path}"
        assert _status(url, keycloak_token) == 200
        assert _status(url, dev_key_token) == 401


def _status(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code

"""The development Keycloak for tests: started once per session (deploy/infra.sh start keycloak)
unless one already serves realm asn, realms of the test's own made from deploy/keycloak/realm-asn.json,
and tokens by password grant with the test client asn-test.

Use it from a test module with ``from tests.support.keycloak import keycloak  # noqa: F401``.
"""
from __future__ import annotations

import json
import os
import subprocess
import urllib.request
import uuid
from dataclasses import dataclass, field

import pytest

from demo.agency import Agency
from demo.keycloak import Admin, KeycloakError, provision, sso_env, token_request
from shared.config import REPO_ROOT, Settings

REALM_FILE = REPO_ROOT / "deploy" / "keycloak" / "realm-asn.json"
TEST_CLIENT = "asn-test"


@dataclass
class Keycloak:
    """A running Keycloak, its admin API, and the realms this test session made (deleted after)."""

    url: str
    admin: Admin
    env: dict[str, str]
    password: str
    made: list[str] = field(default_factory=list)

    def issuer(self, realm: str) -> str:
        return f"{self.url}/realms/{realm}"

    def jwks_url(self, realm: str) -> str:
        return f"{self.issuer(realm)}/protocol/openid-connect/certs"

    def settings_for(self, base: Settings, realm: str, **changes) -> Settings:
        """``base`` with the services' SSO settings of sso.env, pointed at ``realm``."""
        sso = {"jwt_jwks_url": self.jwks_url(realm), "jwt_issuer": self.issuer(realm),
               "jwt_audience": self.env["ASN_JWT_AUDIENCE"],
               "jwt_nip_claim": self.env["ASN_JWT_NIP_CLAIM"],
               "jwt_roles_claim": self.env["ASN_JWT_ROLES_CLAIM"]}
        return base.with_(**{**sso, **changes})

    def token(self, realm: str, username: str, client_id: str = TEST_CLIENT) -> str:
        """An access token for a user of ``realm`` (password grant, no browser)."""
        form = {"grant_type": "password", "client_id": client_id, "username": username,
                "password": self.password}
        return token_request(self.url, realm, form)["access_token"]

    def make_realm(self, agency: Agency, prefix: str = "asntest", portal_url: str | None = None) -> str:
        """A realm like asn, named for this run, with ``agency``'s people provisioned; with
        ``portal_url`` (a portal on a test's own port) asn-portal redirects there instead."""
        name = f"{prefix}-{uuid.uuid4().hex[:8]}"
        realm = {**json.loads(REALM_FILE.read_text()), "realm": name}
        if portal_url:
            _redirect_portal_to(realm, portal_url.rstrip("/"))
        self.admin.call("POST", "/realms", realm)
        self.made.append(name)
        provision(self.admin, name, agency, self.password)
        return name

    def public_client(self, realm: str, client_id: str) -> None:
        """A password-grant client without the asn-api audience mapper (tokens the API refuses)."""
        self.admin.call("POST", f"/realms/{realm}/clients", {
            "clientId": client_id, "publicClient": True, "directAccessGrantsEnabled": True,
            "standardFlowEnabled": False})

    def rotate_keys(self, realm: str) -> None:
        """A new RSA signing key of higher priority; the realm's other RSA signing keys disabled."""
        realm_id = self.admin.call("GET", f"/realms/{realm}")["id"]
        old = [c for c in self.admin.call("GET", f"/realms/{realm}/components?type="
                                                 "org.keycloak.keys.KeyProvider")
               if c["providerId"] == "rsa-generated"]
        self.admin.call("POST", f"/realms/{realm}/components", {
            "name": f"rsa-rotated-{uuid.uuid4().hex[:6]}", "providerId": "rsa-generated",
            "providerType": "org.keycloak.keys.KeyProvider", "parentId": realm_id,
            "config": {"priority": ["200"], "enabled": ["true"], "active": ["true"],
                       "algorithm": ["RS256"], "keySize": ["2048"]}})
        for component in old:
            component["config"]["enabled"] = ["false"]
            self.admin.call("PUT", f"/realms/{realm}/components/{component['id']}", component)

    def remove_made_realms(self) -> None:
        for name in self.made:
            try:
                self.admin.call("DELETE", f"/realms/{name}")
            except KeycloakError:
                pass  # gone already; nothing to clean
        self.made.clear()


def _redirect_portal_to(realm: dict, url: str) -> None:
    portal = next(c for c in realm["clients"] if c["clientId"] == "asn-portal")
    portal.update(rootUrl=url, redirectUris=[f"{url}/*"], webOrigins=[url])
    portal["attributes"]["post.logout.redirect.uris"] = f"{url}/*"


def _serves_realm_asn(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/realms/asn/.well-known/openid-configuration",
                                    timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


def running_keycloak() -> Keycloak:
    """The Keycloak of sso.env, started with deploy/infra.sh when it does not answer yet."""
    env = sso_env()
    url = env["ASN_KEYCLOAK_URL"]
    if not _serves_realm_asn(url):
        started = subprocess.run(["deploy/infra.sh", "start", "keycloak"], cwd=REPO_ROOT,
                                 capture_output=True, text=True, timeout=360)
        if started.returncode != 0:
            pytest.fail(f"Keycloak did not start (deploy/install.sh keycloak installs it; "
                        f"make test does both):\n{started.stdout}\n{started.stderr}", pytrace=False)
    admin = Admin(url, os.environ.get("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                  os.environ.get("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"))
    return Keycloak(url, admin, env, env["ASN_DEV_PASSWORD"])


@pytest.fixture(scope="session")
def keycloak() -> Keycloak:
    """A running development Keycloak for the whole session; realms the tests made are removed."""
    running = running_keycloak()
    yield running
    running.remove_made_realms()

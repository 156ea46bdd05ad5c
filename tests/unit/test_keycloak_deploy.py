"""The Keycloak pieces of deploy/: its own Java 21+, the realm file, the one file of SSO settings."""
from __future__ import annotations

import json
import subprocess

from demo.keycloak import sso_env
from shared.config import REPO_ROOT

JAVA_SH = REPO_ROOT / "deploy" / "keycloak" / "java.sh"


def java_home(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", f"source {JAVA_SH} && keycloak_java_home"],
                          env={"PATH": "/usr/bin:/bin", **env}, capture_output=True, text=True)


def test_keycloak_gets_a_java_of_21_or_newer_whatever_the_default_java_is():
    found = java_home({})
    assert found.returncode == 0, "this machine has a Java 21+ under /usr/lib/jvm"
    version = subprocess.run([f"{found.stdout.strip()}/bin/java", "-version"],
                             capture_output=True, text=True).stderr
    assert int(version.split('"')[1].split(".")[0]) >= 21


def test_a_java_home_that_is_too_old_is_refused(tmp_path):
    fake = tmp_path / "jdk17" / "bin"
    fake.mkdir(parents=True)
    (fake / "java").write_text('#!/bin/sh\necho \'openjdk version "17.0.15" 2025-04-15\' >&2\n')
    (fake / "java").chmod(0o755)
    found = java_home({"ASN_KEYCLOAK_JAVA_HOME": str(tmp_path / "jdk17")})
    assert found.returncode == 1 and found.stdout == ""


def test_the_realm_has_the_clients_roles_and_mappers_the_portal_and_tests_need():
    realm = json.loads((REPO_ROOT / "deploy" / "keycloak" / "realm-asn.json").read_text())
    assert realm["realm"] == sso_env()["ASN_KEYCLOAK_REALM"]
    assert {r["name"] for r in realm["roles"]["realm"]} == {"employee", "hr_admin",
                                                            "training_admin", "auditor"}
    clients = {c["clientId"]: c for c in realm["clients"]}
    portal, test = clients["asn-portal"], clients["asn-test"]
    assert not portal["publicClient"] and portal["attributes"]["pkce.code.challenge.method"] == "S256"
    assert portal["standardFlowEnabled"] and not portal["directAccessGrantsEnabled"]
    assert test["publicClient"] and test["directAccessGrantsEnabled"]
    for client in (portal, test):
        mappers = {m["protocolMapper"]: m["config"] for m in client["protocolMappers"]}
        assert mappers["oidc-usermodel-attribute-mapper"]["claim.name"] == sso_env()["ASN_JWT_NIP_CLAIM"]
        assert mappers["oidc-audience-mapper"]["included.custom.audience"] == sso_env()["ASN_JWT_AUDIENCE"]

"""`python -m demo.keycloak`: a Keycloak user for every person of the demo agency, so they can sign
in to the portal: username and attribute ``nip`` = their NIP, realm role employee (the head of HR
also hr_admin), one development password (ASN_DEV_PASSWORD in deploy/keycloak/sso.env). Rerunning changes only what differs.

Talks to Keycloak's admin REST API with the development admin (KC_BOOTSTRAP_ADMIN_USERNAME and
KC_BOOTSTRAP_ADMIN_PASSWORD, both ``admin`` unless set).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from demo.agency import Agency, Employee, generate
from shared.auth import EMPLOYEE, HR_ADMIN, ROLES

SSO_ENV = Path(__file__).resolve().parent.parent / "deploy" / "keycloak" / "sso.env"


def sso_env(path: Path = SSO_ENV) -> dict[str, str]:
    """The KEY=VALUE lines of deploy/keycloak/sso.env (the one place the SSO settings are written)."""
    lines = (line.strip() for line in path.read_text().splitlines())
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


class KeycloakError(Exception):
    """Keycloak refused or could not be reached; the message says which call."""


class Admin:
    """Keycloak's admin REST API as the master realm's admin; logs in again when the token ages."""

    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base_url, self.username, self.password = base_url.rstrip("/"), username, password
        self._token, self._expires = "", 0.0

    def call(self, method: str, path: str, body=None):
        """JSON in, JSON (or for a create, the new object's id) out; KeycloakError on failure."""
        headers = {"Authorization": f"Bearer {self._access_token()}"}
        data = None if body is None else json.dumps(body).encode()
        if data is not None:
            headers["Content-Type"] = "application/json"
        answer, location = _http(method, f"{self.base_url}/admin{path}", data, headers)
        return location.rsplit("/", 1)[-1] if location and not answer else answer

    def _access_token(self) -> str:
        if time.monotonic() >= self._expires:
            form = {"grant_type": "password", "client_id": "admin-cli",
                    "username": self.username, "password": self.password}
            tokens = token_request(self.base_url, "master", form)
            self._token = tokens["access_token"]
            self._expires = time.monotonic() + tokens.get("expires_in", 60) * 0.8
        return self._token


def token_request(base_url: str, realm: str, form: dict) -> dict:
    """A POST to the realm's token endpoint (any grant) and its JSON answer."""
    url = f"{base_url.rstrip('/')}/realms/{realm}/protocol/openid-connect/token"
    answer, _ = _http("POST", url, urllib.parse.urlencode(form).encode(),
                      {"Content-Type": "application/x-www-form-urlencoded"})
    return answer


def _http(method: str, url: str, data: bytes | None, headers: dict):
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            payload = response.read()
            return (json.loads(payload) if payload else None), response.headers.get("Location")
    except urllib.error.HTTPError as exc:
        raise KeycloakError(f"{method} {url}: {exc.code} {exc.read()[:300]!r}") from None
    except OSError as exc:
        raise KeycloakError(f"{method} {url}: Keycloak cannot be reached ({exc})") from None


def wanted_roles(agency: Agency) -> dict[str, set[str]]:
    """Platform roles per NIP: everyone an employee, the head of HR also hr_admin."""
    roles = {e.nip: {EMPLOYEE} for e in agency.employees}
    roles[agency.hr_head.nip].add(HR_ADMIN)
    return roles


def provision(admin: Admin, realm: str, agency: Agency, password: str) -> dict:
    """Create missing users, update changed ones, set their platform roles; counts of each."""
    existing = {u["username"]: u for u in _all_users(admin, realm)}
    created = updated = 0
    for person in agency.employees:
        user = existing.get(person.nip)
        wanted = _representation(person)
        if user is None:
            credentials = [{"type": "password", "value": password, "temporary": False}]
            user_id = admin.call("POST", f"/realms/{realm}/users", {**wanted, "credentials": credentials})
            existing[person.nip] = {**wanted, "id": user_id}
            created += 1
        elif any(user.get(k) != v for k, v in wanted.items()):
            admin.call("PUT", f"/realms/{realm}/users/{user['id']}", wanted)
            updated += 1
    changed_roles = _set_roles(admin, realm, existing, wanted_roles(agency))
    return {"created": created, "updated": updated, "unchanged": len(agency.employees) - created - updated,
            "role_changes": changed_roles}


def _representation(person: Employee) -> dict:
    first, _, last = person.name.partition(" ")
    return {"username": person.nip, "enabled": True, "firstName": first, "lastName": last or first,
            "attributes": {"nip": [person.nip]}}


def _all_users(admin: Admin, realm: str, page: int = 500) -> list[dict]:
    users: list[dict] = []
    while True:
        batch = admin.call("GET", f"/realms/{realm}/users?briefRepresentation=false"
                                  f"&first={len(users)}&max={page}")
        users.extend(batch)
        if len(batch) < page:
            return users


def _set_roles(admin: Admin, realm: str, users: dict, wanted: dict[str, set[str]]) -> int:
    """Each platform role granted to exactly the demo people who should have it; changes made."""
    changes = 0
    for role in ROLES:
        rep = admin.call("GET", f"/realms/{realm}/roles/{role}")
        holders = {u["username"] for u in admin.call(
            "GET", f"/realms/{realm}/roles/{role}/users?first=0&max=100000&briefRepresentation=true")}
        for nip, roles in wanted.items():
            if (role in roles) != (nip in holders):
                method = "POST" if role in roles else "DELETE"
                admin.call(method, f"/realms/{realm}/users/{users[nip]['id']}/role-mappings/realm", [rep])
                changes += 1
    return changes


def main(argv: list[str] | None = None) -> int:
    env = sso_env()
    p = argparse.ArgumentParser(prog="python -m demo.keycloak", description=__doc__.split("\n\n")[0])
    p.add_argument("--employees", type=int, default=200, help="as for python -m demo (default 200)")
    p.add_argument("--units", type=int, default=10, help="as for python -m demo (default 10)")
    p.add_argument("--seed", type=int, default=1, help="as for python -m demo (default 1)")
    p.add_argument("--url", default=env["ASN_KEYCLOAK_URL"], help="Keycloak (default: sso.env)")
    p.add_argument("--realm", default=env["ASN_KEYCLOAK_REALM"], help="default: sso.env")
    p.add_argument("--password", default=env["ASN_DEV_PASSWORD"],
                   help="of new users (default: ASN_DEV_PASSWORD in sso.env, asn-demo)")
    args, _ = p.parse_known_args(argv)  # make up passes DEMO_ARGS, which may hold the demo's options
    admin = Admin(args.url, os.environ.get("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                  os.environ.get("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"))
    agency = generate(args.employees, args.units, args.seed)
    try:
        counts = provision(admin, args.realm, agency, args.password)
    except KeycloakError as exc:
        print(f"demo.keycloak: {exc}", file=sys.stderr)
        return 1
    print(f"==> Keycloak realm {args.realm}: {counts['created']} people created, {counts['updated']}"
          f" updated, {counts['unchanged']} unchanged, {counts['role_changes']} role changes;"
          f" password of new users: {args.password}; HR: {agency.hr_head.nip}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
